import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/**
 * For a reader who never answered the decision: not "you've decided to move on" (they decided
 * nothing), but what happens now, and one click to answer after all.
 */
export const meta: LessonMeta = {
  id: 'shared/no-answer',
  day: 0,
  subject: "I haven't heard from you, and that's okay",
  preview: 'No more questions for now. The door stays open, one click away.',
};

export default function SharedNoAnswer(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="The door stays open">
      <P>
        Over the past weeks I've asked a few times how you feel about reconnecting, and I haven't heard back. That is
        completely okay. Maybe the emails got buried, maybe the question felt too big, or maybe you simply don't know
        yet. None of that is a failure, and I won't pretend you gave an answer you didn't give.
      </P>
      <P>
        Here is what happens now. I'll stop asking. Unless you answer below, the next lessons turn to your own life: your
        health, your people, the things that are yours. They help whatever you decide about your ex, and they ask nothing
        of you but a little attention.
      </P>
      <P>
        While you are unsure, no contact is still the kindest thing you can do for yourself. It keeps the question from
        being decided for you by a late-night message or a bad day.
      </P>
      <P>
        And the door stays open. If you would like to answer after all, one click below is enough, today or in the next
        couple of weeks: the lessons will follow your answer, just as they would have before.
      </P>
      <Exercise>
        Without answering anything, write down how you feel about your ex today in three words. Date it. If you read it
        again in a month, you may be surprised by what has changed.
      </Exercise>
    </Lesson>
  );
}

SharedNoAnswer.PreviewProps = branchPreview(course.branches['tumultuous-reopen']!.question, course.branches['tumultuous-reopen']!.choices);
