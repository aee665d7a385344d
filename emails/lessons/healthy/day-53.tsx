import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-53',
  day: 53,
  subject: 'Your best self, and your boundaries',
  preview: "Show up as the steadier person you've become, and know what you won't go back to.",
};

export default function HealthyDay53(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Show up well, and know your limits">
      <P>
        If you and your ex are talking or have met, this lesson is about how you show up. If they haven't answered,
        it's still worth reading: these are things you will carry into any relationship.
      </P>
      <P>
        Be your best self, and be yourself. You don't need to perform or pretend to be someone new. The work of these
        past weeks shows without you pointing at it. Arrive rested, wear something you feel good in, be curious about
        their life, and let the conversation breathe.
      </P>
      <P>
        Keep taking it slow. Treat this as something new rather than a return to the old relationship. Getting to know
        each other again takes more than one evening, and the honest talk about what went wrong needs to happen before
        you decide to get back together.
      </P>
      <P>
        Then there are <strong>boundaries</strong>. As you reconnect, old habits may resurface: a dismissive remark, a
        cold silence, a comment that makes you doubt yourself. When Kacey and her ex started talking again, he made a
        backhanded compliment that echoed how he used to make her feel. This time she recognised it, and decided to
        raise it with him before anything went further. Decide ahead of time what you need: honesty, respect, being a
        first choice rather than a fallback. You are allowed to say "that doesn't work for me", and to leave.
      </P>
      <P>If things get confusing or your anxiety comes rushing back, step back. Your wellbeing comes first.</P>
      <Exercise>
        Write down three short boundaries: things you need, or things you won't accept again. For example, "We talk
        about problems calmly" or "I won't be kept waiting without an answer". Read them before you next see or speak
        to your ex.
      </Exercise>
    </Lesson>
  );
}

HealthyDay53.PreviewProps = lessonPreview;
