import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/ex-dating',
  day: 0,
  subject: 'If your ex is seeing someone new',
  preview: "It hurts badly, but it doesn't change what is right for you today.",
};

export default function SharedExDating(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="When your ex is dating someone"
      reply="Reply and tell me how you're holding up; you don't have to get through this part alone."
    >
      <P>
        Finding out that your ex is seeing someone can knock the wind out of you. Anger, jealousy, panic and
        hopelessness can all arrive at once. If that's where you are today, please be gentle with yourself. It makes
        complete sense.
      </P>
      <P>
        The first instinct is often to message them: to say the breakup was a mistake, to ask what is going on, to make
        them see. Please don't. A message sent in panic almost always makes things harder, most of all for you. As
        painful as it is, they are single and free to make that choice.
      </P>
      <P>
        It may help to know that new relationships started soon after a breakup are very common, and many of them end
        within a couple of months. Someone who jumps into something new is often using it to avoid their grief, while
        you are facing yours. That doesn't make you the one left behind. It often makes you the one who is actually
        healing.
      </P>
      <P>
        Still, try not to build your days around waiting for it to end. Hoping their relationship fails keeps your
        attention on them. Your energy is better spent on your own life: your health, your friends, your plans.
      </P>
      <P>
        So keep your distance, stay away from their profiles and their new partner's, and carry on with what you were
        doing. This news doesn't change your plan.
      </P>
      <Exercise>
        The next time the urge to message them or look them up hits, set a 20-minute timer and do something physical
        instead: a walk, a shower, a call with a friend. Afterwards, write one line about how the urge felt before and
        after.
      </Exercise>
    </Lesson>
  );
}

SharedExDating.PreviewProps = lessonPreview;
