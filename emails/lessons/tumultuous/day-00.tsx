import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-00',
  day: 0,
  subject: "Welcome. You're not alone in this",
  preview: 'Why this hurts so much right now, and two decisions that will make the coming weeks easier.',
};

export default function TumultuousDay00(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Why this breakup feels like withdrawal"
      reply="If you like, reply and tell me in a few lines what happened. Every reply is read, and nothing you write is shared."
    >
      <P>
        I'm glad you're here. If your relationship was full of fights, making up and starting over, the days after it ends
        can feel almost physical: restless, shaky, unable to think of anything else. That isn't weakness. Research suggests
        that the pain of a breakup has a lot in common with coming off a drug.
      </P>
      <P>
        A stormy relationship makes this stronger. After so many swings between fighting and making up, your mind has
        learned the rhythm. Part of you reads this breakup as one more low and keeps waiting for the reunion that usually
        came next. When it doesn't come, the craving gets louder, along with the thought: "one more chance and we'd stop
        fighting."
      </P>
      <P>
        So here is the first decision I'd like you to make: <strong>treat this breakup as final.</strong> Not because
        there's no hope, but because waiting for the next high keeps you inside the cycle. If your ex has decided, respect
        that. Anything healthy that comes later has to start from here, with the two of you apart.
      </P>
      <P>
        The second decision is about how you act while it hurts. Whatever contact you have in the coming days, keep it
        calm and grown-up: no begging, no threats, no scenes, no messages at 2am. Do it for yourself, so that a few weeks from now you can look back on the hardest part with pride.
      </P>
      <P>
        Short emails will guide you, every day at first and then every few days: first space, then healing, and only later the question of reconnecting. Moving on is a good ending too, and often the healthiest one.
      </P>
      <Exercise>
        Write one sentence to come back to when the urge to reach out hits, for example: "This breakup is final, and I'm
        choosing to act with dignity." Put it on a sticky note or your phone's lock screen.
      </Exercise>
    </Lesson>
  );
}

TumultuousDay00.PreviewProps = lessonPreview;
