import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-04',
  day: 4,
  subject: 'A few days in: where do things stand?',
  preview: 'Whatever your ex said, there is a next step that fits.',
};

export default function StressDay04(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Where things stand now">
      <P>
        It's been a few days since you suggested a break. Maybe you've already talked, maybe you have a day set, or maybe you're still waiting. However it has gone, you did something hard: you stayed calm when part of you wanted to panic.
      </P>
      <P>
        If your ex agreed to talk, or you're already talking, the next lessons are about taking it slowly and fixing the practical problem together, so it doesn't knock you over again.
      </P>
      <P>
        If your ex has made it clear they don't want to try, please don't push. Sometimes a breakup in a stressful time is still a real breakup, and then we treat it as one: no contact and time to heal, because that is the healthiest path from here. You'll choose the track that fits what your relationship was really like. One is for <strong>stormy</strong> relationships, with frequent fights or an on-and-off pattern. The other is for relationships that were mostly <strong>loving and steady</strong>. Choose honestly. There is no wrong answer, and you can change track later in your preferences.
      </P>
      <P>
        If you're still on the break and nothing is settled, that's fine too. Some people need more than a few days, and a break can last up to a month. In that case I'll check in with you about once a week, for up to about a month.
      </P>
      <P>
        So today there is just one question for you, at the end of this email. Pick the answer that is closest to where things are right now.
      </P>
      <Exercise>
        Before you answer, take one quiet minute and ask yourself: in the past few days, did my ex say or do anything that shows they want to work on this? Answer from what actually happened, not from what you hope.
      </Exercise>
    </Lesson>
  );
}

StressDay04.PreviewProps = branchPreview(course.branches['stress-talk']!.question, course.branches['stress-talk']!.choices);
