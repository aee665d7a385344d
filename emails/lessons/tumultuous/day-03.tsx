import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-03',
  day: 3,
  subject: 'A fresh start, or another round?',
  preview: 'Not every reunion is a new beginning. Here is how to tell a healthy one from another loop.',
};

export default function TumultuousDay03(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="A healthy reconciliation, or another round?">
      <P>
        Many couples who fought a lot have broken up and made up before, sometimes more than once. If that's your story,
        it helps to know there are two very different ways back, and from the inside they can feel the same at first.
      </P>
      <P>
        An <strong>unhealthy on/off cycle</strong> goes like this: a painful split, a short silence, then a rush back
        together, often within days, because being apart hurts too much. Nothing has really been talked through or
        changed, so the old fights return, often worse, and the next breakup follows. Each round wears away a little more
        trust and self-respect.
      </P>
      <P>
        A <strong>healthy reconciliation</strong> is slower and quieter. There's real time apart. Each person looks
        honestly at their own part and works on it, rather than only promising to. When they reconnect, they talk about
        what went wrong before committing again, and they take it step by step. It rests on changes both people have made,
        not just on missing each other.
      </P>
      <P>
        So the difference isn't how strong the love is. It's whether the problems were faced, and whether both of you did
        the work. One person changing alone isn't enough.
      </P>
      <P>
        That's why this course asks you to treat the breakup as final for now: not because there is no hope, but because
        waiting for the next reunion is what keeps the loop going. Treating it as final is your chance to step out of the
        loop, whatever happens later. For many people, stepping out ends in moving on, and that is a good outcome too.
      </P>
      <Exercise>
        If you've broken up before, write down what happened each time you got back together: how long you were apart,
        what actually changed, and how long the peace lasted. Just notice the pattern, without judging yourself.
      </Exercise>
    </Lesson>
  );
}

TumultuousDay03.PreviewProps = lessonPreview;
