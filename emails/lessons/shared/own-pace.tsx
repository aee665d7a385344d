import { Lesson, lessonPreview, variantOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** The last lesson for a reader who asked for no more questions: how to know when, and what then. */
export const meta: LessonMeta = {
  id: 'shared/own-pace',
  day: 0,
  subject: 'No more questions: your own pace from here',
  preview: 'How to tell when you are ready, and what to do then, whenever that is.',
  varies: ['followUps'],
};

export default function SharedOwnPace(props: LessonProps) {
  const { followUps } = variantOf(props);
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Your own pace"
      reply="Whenever something changes, reply and tell me. I read every message, this month or next year."
    >
      <P>
        No more questions from me. You'll decide when, and whether, to reconnect, in your own time. So that you have what
        you need for that moment, here is the short version of everything the course would have said next.
      </P>
      <P>
        <strong>How to tell you are ready.</strong> You can think about your ex without your stomach dropping. Your days
        have people and routines in them that are yours. You would reach out because you see something worth trying,
        not to make the pain stop. And if they said no, you know you would be okay.
      </P>
      <P>
        <strong>What to do then.</strong> Send one short, warm message that asks for nothing more than a conversation.
        If they answer kindly, meet somewhere easy, like a walk or a coffee, and keep it light. Talk through what went
        wrong before you call it a relationship again, and take it slowly. If they don't answer, that is an answer too,
        and it doesn't undo the healing you've done.
      </P>
      <P>
        <strong>If you decide to move on instead</strong>, that is a healthy choice, often the healthiest. Nothing you
        learned here is wasted: it comes with you into whatever is next.
      </P>
      <P>
        This is the last lesson of the course. Thank you for trusting me with such a hard time.{' '}
        {followUps
          ? 'Over the coming months I will check in now and then to ask how you are doing; you can answer with one click, or turn the check-ins off in your preferences.'
          : "I won't write again unless you do, and you can reply to this email whenever you like. If you would like a short check-in now and then, you can turn them on in your preferences."}
      </P>
      <Exercise>
        Write your own "ready" list: three signs that would tell you it's time, in your own words. Keep it somewhere
        you'll find it, and read it before you ever send that first message.
      </Exercise>
    </Lesson>
  );
}

SharedOwnPace.PreviewProps = lessonPreview;
