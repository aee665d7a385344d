import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-46',
  day: 46,
  subject: 'Your first message',
  preview: 'Short, warm and easy to answer: how to write the first text after no contact.',
};

export default function HealthyDay46(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Reaching out: short and warm"
      reply="Reply and tell me whether you sent it and how you feel, and if they answered, I'd love to hear."
    >
      <P>
        You said you're ready to reconnect. Before you write anything, remember what this first message is for. It
        isn't meant to win them back in one text. It simply opens a door and asks if they would like to talk. If they
        do, the next step, in time, is meeting in person.
      </P>
      <P>
        Keep it short, warm and easy to answer. For example: "Hi, I hope things are going well for you. You crossed my
        mind today and I'd love to hear how you are. Would you be up for a coffee sometime?" Put it in your own words,
        but that is the size of it: a friendly hello, a light question, an invitation with no pressure. If it feels
        right, one brief line acknowledging how things ended is fine too.
      </P>
      <P>
        What to leave out: long explanations of how you've changed, apologies for everything, talk of getting back
        together, questions about who they have been seeing, and anything that asks them to reassure you. No essays, no
        late-night messages, and no follow-up if they don't reply quickly.
      </P>
      <P>
        Then let it go. They may answer quickly, slowly, or not at all. If they reply, keep the tone light, let the
        conversation build, and suggest meeting when it feels easy. If they don't, that hurts, and it is also an
        answer: you'll know where you stand instead of wondering. Either way, you reached out with kindness and
        dignity.
      </P>
      <Exercise>
        Draft your message in a notes app, not in your chat with them, in three sentences or fewer. Wait an hour, read
        it again and remove anything that explains, over-apologises or asks for reassurance. Send it when you feel
        calm, at a reasonable time of day.
      </Exercise>
    </Lesson>
  );
}

HealthyDay46.PreviewProps = lessonPreview;
