import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/break-check',
  day: 0,
  subject: 'Checking in on your break',
  preview: 'No rush: a break can take up to a month.',
};

export default function StressBreakCheck(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Still on the break?">
      <P>
        I'm checking in because the last time we spoke, you and your ex were still on a break. How are you holding up? Waiting without knowing can be harder than a clear answer, so please be gentle with yourself.
      </P>
      <P>
        A break that takes longer than you hoped is not, on its own, a bad sign. Some people need a few days to settle; others need a few weeks before they can face a difficult conversation. <strong>A break can reasonably last up to about a month.</strong>
      </P>
      <P>
        While you wait, the same things help as before: keep your own stress down, don't chase, and carry on living your life. If you do hear from your ex, answer warmly and briefly, and suggest a time to talk properly.
      </P>
      <P>
        If weeks go by with no sign that they want to talk, that silence is telling you something too. At some point it becomes kinder to yourself to treat this as a real breakup and start healing, rather than staying on hold. You decide when that point has come. Until then, I'll keep checking in every few days, for up to about a month.
      </P>
      <Exercise>
        Write down one sign that would tell you the break is working (for example, your ex suggests a day to talk) and one that would tell you it's time to let go (for example, weeks of silence). Then answer the question below.
      </Exercise>
    </Lesson>
  );
}

StressBreakCheck.PreviewProps = branchPreview(course.branches['stress-talk']!.question, course.branches['stress-talk']!.choices);
