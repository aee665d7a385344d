import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, factsOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** After the re-asks in a row: does the reader want these questions at all? */
export const meta: LessonMeta = {
  id: 'shared/keep-asking',
  day: 0,
  subject: 'Should I keep asking?',
  preview: 'You have asked for more time several times. You choose how often I ask, or whether I ask at all.',
};

export default function SharedKeepAsking(props: LessonProps) {
  const f = factsOf(props);
  return (
    <Lesson {...props} meta={meta} title="A different question">
      <P>
        You are {f.weeksNoContact} weeks into no contact, and each time I've asked how you feel, you've told me you need
        more time. That is a real answer, and a wise one if it's true for you. But a question that comes back every two
        weeks can start to feel like a deadline, and that's the last thing I want for you.
      </P>
      <P>
        So today I'm not asking whether you are ready. I'm asking whether you want me to keep asking at all. There are
        three honest options, and none of them closes any door.
      </P>
      <P>
        <strong>Keep asking every two weeks</strong>, if the regular check helps you notice how you're changing.{' '}
        <strong>Ask once a month</strong>, if two weeks feels too close together. Or <strong>no more questions</strong>:
        tomorrow you'll get one last lesson on how to tell when you're ready and what to do then, and after that the
        timing is entirely yours.
      </P>
      <P>
        Whatever you pick, keep looking after yourself in the meantime: your health, your people, the things you enjoy.
        They help whichever way this goes.
      </P>
      <Exercise>
        Before you choose, ask yourself honestly: when my question arrives, does it help me take stock, or does it make me
        feel behind? Let that answer decide, not what you think you ought to say.
      </Exercise>
    </Lesson>
  );
}

SharedKeepAsking.PreviewProps = branchPreview(course.branches['tumultuous-keep-asking']!.question, course.branches['tumultuous-keep-asking']!.choices);
