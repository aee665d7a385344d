import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** A waiting lesson: evenings and weekends on your own, without reaching for your ex. */
export const meta: LessonMeta = {
  id: 'shared/alone',
  day: 0,
  subject: 'Evenings on your own',
  preview: 'The quiet hours are often the hardest. A few ways to make them yours.',
};

export default function SharedAlone(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Being alone without being lonely">
      <P>
        For many people the hardest part of no contact isn't the daytime. It's the quiet hours: the evening when nobody
        texts, the weekend with no plans, the moment you'd normally have told your ex about your day.
      </P>
      <P>
        Loneliness in those hours is real, and it is not a sign that you need your ex back. It's a sign that a space in
        your life is empty for now. The aim isn't to fill it with anyone at all; it's to let it slowly become yours.
      </P>
      <P>
        Small rituals help more than big plans. A walk at the same time each evening. Cooking something properly, just
        for you. A call with a friend on Sunday. A book or a series you look forward to. Going to bed at a kind hour,
        phone charging in another room.
      </P>
      <P>
        And let people in. Many of us go quiet when we're hurting, then feel more alone. A short message, "rough evening,
        fancy a call?", is not a burden to the right friend.
      </P>
      <Exercise>
        Choose the hour of the week you find hardest. Plan something for it this week, however small, and write it in your
        calendar as if it were an appointment.
      </Exercise>
    </Lesson>
  );
}

SharedAlone.PreviewProps = lessonPreview;
