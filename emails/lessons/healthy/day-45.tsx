import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-45',
  day: 45,
  subject: 'Six weeks: how are you, really?',
  preview: 'You have reached the end of the minimum no contact; today is a calm check-in, not a deadline.',
};

export default function HealthyDay45(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="A quiet check-in">
      <P>
        You have reached about six weeks of no contact. Whatever today feels like, stop for a moment and notice that.
        It took strength on the days when giving in would have been easier.
      </P>
      <P>
        This is not a deadline, just a check-in. There are three honest answers, and each one is a good answer: you
        feel ready to reach out, you need more time, or you have decided to move on.
      </P>
      <P>
        Signs you may be ready: you can think about your ex without your stomach dropping. Your life feels like yours
        again, with people, routines and things to look forward to. You'd like to try again because you see real
        potential, not because the silence is unbearable. And if they said no, you know deep down you would be okay.
      </P>
      <P>
        Signs you may need more time: you still check their profiles, you picture your first message as a rescue, or
        the thought of no reply fills you with dread. That isn't failure. Two more weeks is often exactly what helps,
        and you can choose it more than once. And if you've realised you would rather move forward without them, that
        is a brave and healthy choice.
      </P>
      <P>
        Take a breath, do the small step below, and then tell me honestly where you are. This answer is for you, and
        nobody else.
      </P>
      <Exercise>
        Finish this sentence on paper: "If I reach out and they say no, I will...". Read it back slowly. If it sounds
        calm, you may be ready. If it sounds panicked, more time may be the kinder choice.
      </Exercise>
    </Lesson>
  );
}

HealthyDay45.PreviewProps = branchPreview(course.branches['healthy-decision']!.question, course.branches['healthy-decision']!.choices);
