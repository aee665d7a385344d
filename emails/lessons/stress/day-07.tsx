import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-07',
  day: 7,
  subject: 'Fixing the real problem, together',
  preview: 'Small, specific agreements work better than big promises.',
};

export default function StressDay07(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Small agreements, kept" reply="Reply and tell me what you agreed on; I'd love to hear it.">
      <P>
        Now that things feel a little steadier, it's time to look at the practical problem that set all this off. In breakups caused by stress it is usually something concrete: not enough time together, one person often cancelling, a schedule with no room in it, or no way to say you're overwhelmed without it turning into a fight.
      </P>
      <P>
        The aim is not to win an argument about who was right. It's to sit on the same side of the table and look at the problem together. You might open with: "<em>I'd like us to find something that works for both our weeks. What would make it easier for you?</em>" Then really listen to the answer.
      </P>
      <P>
        Keep the solutions <strong>small and specific</strong>. Seeing each other more is a wish. Keeping Wednesday evenings free for each other, and picking another day straight away if one of you has to cancel, is an agreement. Two or three agreements like that are plenty. Big promises made in a rush of relief are the ones that tend to break.
      </P>
      <P>
        Make sure the plan is fair to both of you. If one of you works long hours, it has to fit that reality. If you need more contact, that need is valid and belongs in the plan too.
      </P>
      <Exercise>
        Together, agree on one small, specific change for the next two weeks, such as one fixed evening a week, or a quick message whenever plans change. Write it down somewhere you'll both see it.
      </Exercise>
    </Lesson>
  );
}

StressDay07.PreviewProps = lessonPreview;
