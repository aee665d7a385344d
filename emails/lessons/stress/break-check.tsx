import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, factsOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** The first re-ask about the break (break-check-2 and -3 follow, each in its own words). */
export const meta: LessonMeta = {
  id: 'stress/break-check',
  day: 0,
  subject: 'Checking in on your break',
  preview: 'No rush: a break can take up to a month.',
};

export default function StressBreakCheck(props: LessonProps) {
  const f = factsOf(props);
  return (
    <Lesson {...props} meta={meta} title="Still on the break?">
      <P>
        It has been {f.sinceStart} since you started the course, and the last time we spoke, you and your ex were still on
        a break. How are you holding up? Waiting without knowing can be harder than a clear answer, so please be gentle
        with yourself.
      </P>
      <P>
        A break that takes longer than you hoped is not, on its own, a bad sign. Some people need a few days to settle;
        others need a few weeks before they can face a difficult conversation. <strong>A break can reasonably last up to
        about a month.</strong>
      </P>
      <P>
        While you wait, the same things help as before: keep your own stress down, don't chase, and carry on living your
        life. If you do hear from your ex, answer warmly and briefly, and suggest a time to talk properly.
      </P>
      <P>
        Here is what happens next. If nothing has changed, I'll check in again in about a week, and a couple of times
        after that. If a month goes by without an answer from you, I'll take it that the break has become a breakup and
        the course will move on to healing, and I'll tell you when it does.
      </P>
      <Exercise>
        Write down one sign that would tell you the break is working (for example, your ex suggests a day to talk) and one
        that would tell you it's time to let go (for example, weeks of silence). Then answer the question below.
      </Exercise>
    </Lesson>
  );
}

StressBreakCheck.PreviewProps = branchPreview(
  course.branches['stress-talk']!.reask!.replace('{sinceStart}', 'ten days'),
  course.branches['stress-talk']!.choices,
);
