import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-31',
  day: 31,
  subject: 'Your first message: short and light',
  preview: 'What to write, what to leave out, and how to wait for an answer.',
};

export default function TumultuousDay31(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Reaching out, gently"
      reply="Reply and tell me when you've sent it, and how you're feeling while you wait."
    >
      <P>
        You said you feel ready to reconnect. Before you write anything, remember what this first message is for. It
        isn't meant to win your ex back in one go. It gently opens a door to see whether they'd like to talk. Whatever
        comes back, you'll learn something true. (If your ex has already written to you, you can answer in the same
        spirit.)
      </P>
      <P>
        <strong>Keep it short, warm and light.</strong> A few lines is plenty. For example: <em>"Hi, I hope things are
        going well for you. I've had some time to think, and I'd like to talk sometime if you're open to it. No
        rush."</em> Put it in your own words, the way you'd actually say it.
      </P>
      <P>
        <strong>What to leave out.</strong> No long apologies or explanations, no going over old fights, no questions
        about who they've been seeing, no speeches about how much you've changed, and no pressure to decide anything.
        Don't send it late at night or after a drink. Any changes you've made will show far better in person, over time,
        than in a text.
      </P>
      <P>
        <strong>Once it's sent, let it go.</strong> Your ex may reply quickly, slowly, or not at all. Don't send a second message, and don't keep checking: put your phone away and do something for yourself. If the
        reply is warm, the next step is a calm meeting face to face, which we'll cover soon. If no reply comes, that's an answer too, and it doesn't undo the healing you've done.
      </P>
      <P>
        If writing this stirs up panic, it's fine to wait a few more days. When you reach out is up to you.
      </P>
      <Exercise>
        Draft your message in your notes app, not in your chat. Read it again the next morning. If it's short, kind and
        asks for nothing more than a conversation, send it at a moment when you feel calm.
      </Exercise>
    </Lesson>
  );
}

TumultuousDay31.PreviewProps = lessonPreview;
