import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** A waiting lesson: saying everything, on paper, to nobody. */
export const meta: LessonMeta = {
  id: 'shared/unsent-letter',
  day: 0,
  subject: 'The letter you will not send',
  preview: 'Everything you want to tell your ex, in a place where it can do no harm.',
};

export default function SharedUnsentLetter(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Write it all down"
      reply="You don't need to send me the letter. But if writing it taught you something, reply and tell me; I'd like to hear it."
    >
      <P>
        Often the urge to contact an ex is really an urge to be heard: to explain, to apologise, to be angry, to say how
        much it hurts. Those feelings deserve to be expressed. They just don't need to be sent.
      </P>
      <P>
        So today's idea is simple: write your ex a letter you will never send. Put in everything, the loving parts and the
        furious parts, the things you regret and the things you wish they understood. Don't edit, and don't write it to
        win them back. Write it to empty yourself out a little.
      </P>
      <P>
        When you've finished, read it once. Notice what keeps coming up: a need that was never met, a question you still
        want answered, something you are proud of. That is useful to know, whatever happens next.
      </P>
      <P>
        Then decide what to do with it: keep it in a drawer, delete it, or tear it up. What matters is that the words
        are out of your head, where they were going round and round, and nowhere near your ex's inbox.
      </P>
      <Exercise>
        Set a timer for fifteen minutes and write the letter by hand or in a notes app, never in your chat with them.
        Afterwards, write one sentence about how you feel.
      </Exercise>
    </Lesson>
  );
}

SharedUnsentLetter.PreviewProps = lessonPreview;
