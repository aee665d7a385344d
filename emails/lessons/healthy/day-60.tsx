import { Lesson, lessonPreview, variantOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-60',
  day: 60,
  subject: 'Say your piece',
  preview: 'After two months apart, a clear and honest way to ask where things stand, and to be at peace either way.',
  varies: ['followUps'],
};

export default function HealthyDay60(props: LessonProps) {
  const { followUps } = variantOf(props);
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Say your piece"
      reply="Reply whenever you like and tell me how it went; I read every message, whenever it comes."
    >
      <P>
        It has now been at least two months since you began no contact. Maybe you and your ex are talking, maybe it
        feels friendly but vague, maybe they haven't replied. In each case, one honest step brings clarity: saying your
        piece.
      </P>
      <P>
        It is simple. Tell your ex plainly how you feel, ask whether they would like to try again, and be ready to
        accept the answer. In person is best; a call or a thoughtful message also works. In your own words, it might
        sound like: "I've had time to think, and I'm doing well. I still care about you, and I'd like us to give it
        another real try, slowly and differently. Do you want that too? Either answer is okay. I'd just rather know."
      </P>
      <P>
        This is not a last attempt to convince them. It is for you: you say what is in your heart once, so you aren't
        left wondering for years. You are offering, not pleading.
      </P>
      <P>
        If they say yes, keep going slowly and talk through what went wrong before you call it a relationship. If they
        are unsure, or keep you waiting without committing, that is an answer too. If they say no, thank them, wish
        them well, and walk away knowing you did this with honesty and grace.
      </P>
      <P>
        This is the last lesson of the course. Thank you for letting me walk beside you through such a hard time.
        Whatever happens, you have shown you can get through something painful and grow.{' '}
        {followUps
          ? "I'll check in over the coming months to see how you are, and I'd love to hear your story, whichever way it goes."
          : "I won't write again unless you do, and you can reply to any of my emails whenever you like. If you would like a short check-in now and then, you can turn them on in your preferences."}
      </P>
      <Exercise>
        Write three sentences: how you feel, what you are asking, and what you will do if the answer is no. Those three
        sentences are your piece. Read them until they feel calm, then choose when to say them.
      </Exercise>
    </Lesson>
  );
}

HealthyDay60.PreviewProps = lessonPreview;
