import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/first-days',
  day: 0,
  subject: 'The first days are the hardest',
  preview: 'The urge to reach out is loudest right now, and it does fade. Here is how to ride it out.',
};

export default function SharedFirstDays(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Getting through the first days"
      reply="Reply with the day of no contact you're on, or tell me if you slipped. No judgement: we just start again."
    >
      <P>
        If the first days of no contact have felt unbearable, you're not doing it wrong. This is the hardest stretch. Your
        mind is used to reaching for your ex whenever something happens, good or bad, and it hasn't yet learned that the
        line is quiet now. Many people slip early on. If you did, don't punish yourself; just begin again.
      </P>
      <P>
        It does get easier. After the first several days, the urges usually come less often and pass more quickly, and
        many people find they can think more clearly. You don't need to feel strong. You only need to get through the next
        hour, and then the one after it.
      </P>
      <P>
        When an urge hits, put some time between the feeling and your phone. Set a timer for twenty minutes and promise
        yourself you'll decide when it rings; most urges rise and fall within that time. Meanwhile, move: walk around the
        block, take a shower, wash the dishes.
      </P>
      <P>
        Have someone to message instead. A friend or family member who knows what you're going through can be your "text
        me instead" person. You can also write the message you want to send your ex in your notes app, and leave it there.
        Getting the words out often takes the pressure off.
      </P>
      <P>
        Evenings and weekends tend to be the worst. Plan something small for those hours, even a film, a call or an early
        night, and charge your phone outside the bedroom.
      </P>
      <Exercise>
        Make a short urge plan: three things you'll do the next time you want to reach out (for example, start a
        20-minute timer, text a friend, go for a walk). Save it in your phone's notes so you can find it fast.
      </Exercise>
    </Lesson>
  );
}

SharedFirstDays.PreviewProps = lessonPreview;
