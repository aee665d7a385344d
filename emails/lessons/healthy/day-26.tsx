import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** Toxic and healthy patterns, and unspoken expectations, as they show up in a loving relationship. */
export const meta: LessonMeta = {
  id: 'healthy/day-26',
  day: 26,
  subject: 'The quiet patterns that wear love down',
  preview: 'Not every unhealthy pattern is loud. Some are small, polite and silent.',
};

export default function HealthyDay26(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Quiet patterns, and unspoken deals">
      <P>
        When people hear "toxic patterns" they picture shouting and slammed doors. In a loving relationship the harmful
        patterns are usually quieter, which makes them easy to miss: a habit of brushing off the other's worries, keeping
        score of who did more, going cold instead of saying you're hurt, small digs made as jokes.
      </P>
      <P>
        None of these makes someone a bad person. They grow out of the same roots as louder patterns: needs that were
        never said out loud, a shaky sense of your own worth, leaning on each other for everything. Over months they thin
        out the warmth until one of you feels alone while sitting next to the other.
      </P>
      <P>
        One pattern deserves a name: the <strong>unspoken deal</strong>. You give something, such as time, favours, patience
        or your plans, and quietly expect something back, such as thanks, closeness or being chosen first. Because you
        never say it, your partner never agrees to it. When it doesn't come, resentment builds, and they can't see why.
      </P>
      <P>
        Healthy patterns look almost boring from the outside, and that is their strength. You say what you need plainly.
        You give because you want to, not to collect later. After a hurt, someone reaches out to repair it. And you can
        each have a bad day without the other taking it as a verdict on the relationship.
      </P>
      <P>Look at your own side first. It's the half you can change, in this relationship or the next.</P>
      <Exercise>
        Write down one unspoken deal from your relationship: "I gave ___, and I quietly expected ___." Then write how you
        could have said the second part out loud, kindly, in one sentence.
      </Exercise>
    </Lesson>
  );
}

HealthyDay26.PreviewProps = lessonPreview;
