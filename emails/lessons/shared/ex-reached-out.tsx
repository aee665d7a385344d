import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/ex-reached-out',
  day: 0,
  subject: 'If your ex gets in touch',
  preview: 'Whether to reply depends on one thing: what helps you heal.',
};

export default function SharedExReachedOut(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="When your ex reaches out"
      reply="If your ex has been in touch, reply and tell me what they said and how it left you feeling."
    >
      <P>
        Many people taking space after a breakup hear from their ex at some point: a text, a call, a like, a "how are
        you?" If that has just happened to you, take a breath. You don't have to answer right away, and nothing has to be
        decided in the next hour.
      </P>
      <P>
        The time apart is there to help you heal, so there is one question to ask: <strong>will replying get in the way
        of that?</strong> If the message is calm and friendly, and you can answer briefly and kindly and then get on with
        your day, it's fine to reply. Keep it short and light. There's no need to reopen the breakup or ask where this is
        going.
      </P>
      <P>
        If instead it pulls you back into drama, or leaves you confused, hurt, angry or glued to your phone, it is getting
        in the way. Then you can leave it unanswered, or set a clear, gentle boundary: <em>"I'm glad you're okay. I still
        need some space, and I'll be in touch when I'm ready."</em> If your ex threatens or frightens you, you owe them no
        reply at all; talk to someone you trust.
      </P>
      <P>
        If your ex is going through something hard, a few supportive words can be kind, but look after your own feelings first.
      </P>
      <P>
        Finally, try not to read too much into it. A message doesn't mean they want you back, and it doesn't mean it's
        over. Time will show you what's really there.
      </P>
      <Exercise>
        Before replying, wait a few hours. Then write down three words for how the message made you feel. If they're
        mostly calm, a short, friendly reply is fine. If they're mostly anxious, hurt or confused, hold off, or send a
        boundary like the one above.
      </Exercise>
    </Lesson>
  );
}

SharedExReachedOut.PreviewProps = lessonPreview;
