import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, factsOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** After the re-asks about the break in a row: does the reader want these questions at all? */
export const meta: LessonMeta = {
  id: 'stress/break-long',
  day: 0,
  subject: 'About a month on the break: should I keep asking?',
  preview: 'You choose whether I keep checking in, or whether we treat this as a breakup.',
};

export default function StressBreakLong(props: LessonProps) {
  const f = factsOf(props);
  return (
    <Lesson {...props} meta={meta} title="Should I keep asking?">
      <P>
        It has been {f.sinceStart} since you started, and each time I've asked, you've told me you're still on the break.
        Thank you for letting me know. That has taken patience, and honesty.
      </P>
      <P>
        A month is about as long as a break usually lasts. So instead of asking the same question again, I'd like to ask
        you something different: <strong>do you want these questions at all?</strong>
      </P>
      <P>
        If you want to keep waiting, I'll check in once a week. If you'd rather stop waiting, choose the kind of
        relationship it was, and the course will treat this as a real breakup from tomorrow: no contact, and time to heal.
        One track is for <strong>stormy</strong> relationships with lots of fights or an on-and-off pattern; the other is
        for relationships that were mostly <strong>loving and steady</strong>. And if you're talking again, tell me that.
      </P>
      <P>
        There is no wrong answer. Choosing to stop waiting doesn't mean your ex can't come back to you later; it means
        your life stops being on hold in the meantime.
      </P>
      <Exercise>
        Notice how your body reacts to each option as you read it: tighter, or lighter? That reaction is worth listening
        to before you click.
      </Exercise>
    </Lesson>
  );
}

StressBreakLong.PreviewProps = branchPreview(course.branches['stress-long-break']!.question, course.branches['stress-long-break']!.choices);
