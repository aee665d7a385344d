import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-17',
  day: 17,
  subject: 'Facing stress as a team',
  preview: 'Busy times will come back; what matters is how you meet them together.',
};

export default function StressDay17(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="When the pressure comes back">
      <P>
        Busy seasons don't end for good. There will be another deadline, another exam period, another week when one of you is running on empty. The goal isn't to avoid stress forever. It's to stop stress from turning into distance.
      </P>
      <P>
        Last time, one of you coped by pulling away. So the most useful thing you can build now is an <strong>early warning</strong>: a simple, agreed way of saying you're stretched thin before you reach breaking point. A short message like "<em>Heavy week, I'll be quiet, but we're fine</em>" can save a lot of hurt.
      </P>
      <P>
        Agree, too, on what each of you needs when you're overwhelmed. One person may want space and a short text; the other may want a ten-minute call. Neither is wrong, and knowing it in advance means less guessing.
      </P>
      <P>
        And make one promise about the relationship itself: when things get hard, you take a breather rather than end it. Needing space is fine. Deciding your future in the middle of a bad week usually isn't.
      </P>
      <P>
        Keep looking after your own stress as well: sleep, friends, time outdoors. A relationship can't carry all of it, and it shouldn't have to.
      </P>
      <Exercise>
        Sometime this week, ask the other person one question: "<em>When you're overwhelmed, what helps most from me?</em>" Listen to the answer, then share your own.
      </Exercise>
    </Lesson>
  );
}

StressDay17.PreviewProps = lessonPreview;
