import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/move-forward',
  day: 0,
  subject: 'Choosing to move forward',
  preview: "Letting go is not giving up; it's choosing yourself.",
};

export default function SharedMoveForward(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="A brave choice">
      <P>
        You've decided to move on. If that phrase feels too final or too painful, call it moving forward instead; it works just as well. Either way, you have chosen to put your own life back at the centre, and that takes real courage.
      </P>
      <P>
        It may not feel brave. It may feel like losing, or like giving up on something you fought hard for. But accepting that the relationship is over, and loosening your grip on it, is one of the hardest and strongest things a person can do. In most cases it is also <strong>the healthier choice</strong>: it ends the waiting, the guessing, and the cycle of hope and hurt.
      </P>
      <P>
        Moving forward doesn't mean pretending you never loved them, or that you won't feel sad again. A song, a place or a date on the calendar can still bring it all back. That's okay. Healing doesn't go in a straight line; it shows up as a trend over weeks and months.
      </P>
      <P>
        What it does mean is that you stop organising your days around your ex. Keep no contact, this time without an end date. Mute or unfollow whatever keeps pulling you back. Let the energy you spent on them flow back into your own life.
      </P>
      <P>
        One reader, Victoria, read back what she had written about her ex years earlier and could hardly believe it was her. She has since found a relationship that makes her far happier than that one ever did. Many people who feel as you do now later find more peace than they expected, some on their own, some with someone new.
      </P>
      <Exercise>
        Do one small thing today that marks your choice: archive the chat, put away the photos that hurt, or write a short note to yourself about why you're choosing this. Keep it gentle; nothing has to be deleted forever.
      </Exercise>
    </Lesson>
  );
}

SharedMoveForward.PreviewProps = lessonPreview;
