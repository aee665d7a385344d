import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-10',
  day: 10,
  subject: 'When one of you slips',
  preview: 'Agreements only help when both people follow through.',
};

export default function StressDay10(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Following through, on both sides">
      <P>
        A few days have passed since you agreed on something small together. This is where change becomes real: not in what was said, but in what both of you actually do, week after week.
      </P>
      <P>
        Notice the good things first. If the other person kept your evening free, or sent a message when work ran late, say so: "<em>It really helped that you texted when you got held up.</em>" People tend to keep doing what gets noticed. And keep your own side as well; it's easy to watch whether they're doing their part and forget the promises you made.
      </P>
      <P>
        Sometimes one of you will slip. A deadline lands, someone forgets, an old habit creeps back. <strong>One slip is not proof that nothing has changed.</strong> Bring it up calmly and soon, without a list of everything that went wrong before: "<em>Thursday didn't happen and I felt let down. Can we look at what got in the way?</em>" Often it's the plan that needs adjusting, not the person.
      </P>
      <P>
        What matters is the pattern. If slips are rare and you can talk about them, that is a healthy sign. If one of you keeps breaking agreements and shrugs it off, or the other has to do all the remembering, take that seriously: it usually means the problem isn't being faced by both of you yet, and it is worth saying so, calmly, before it grows.
      </P>
      <Exercise>
        Think of one thing the other person did this week that helped, and tell them. Then check one thing you promised, and make sure you've kept it.
      </Exercise>
    </Lesson>
  );
}

StressDay10.PreviewProps = lessonPreview;
