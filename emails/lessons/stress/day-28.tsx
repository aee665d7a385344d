import { Lesson, lessonPreview, variantOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-28',
  day: 28,
  subject: 'Looking back, and what to keep',
  preview: 'Our last lesson together: what to keep doing, and a warm goodbye.',
  varies: ['followUps'],
};

export default function StressDay28(props: LessonProps) {
  const { followUps } = variantOf(props);
  return (
    <Lesson {...props} meta={meta} title="What to keep doing" reply="If you'd like, reply and tell me where things stand today; I read every message.">
      <P>
        This is the last lesson on this track. About four weeks ago your relationship ended in the middle of a stressful time, and you didn't know what would happen. Whatever things look like today, take a moment to notice how you handled it: you stayed calm when it was hard, you gave space instead of chasing, and you looked for a solution rather than someone to blame.
      </P>
      <P>
        A few habits are worth carrying forward. <strong>Name practical problems early</strong>, while they're still small. Keep agreements specific, and check in on them now and then. Say you're overwhelmed before it turns into pulling away. And look after your own stress, sleep, friends and interests, so the relationship doesn't have to carry everything.
      </P>
      <P>
        Keep being honest with yourself, too. If things are good, enjoy it, and keep doing the small things that got you here. If you've realised it isn't working, it's okay to step away. What you practised here will help you in whatever comes next, with this person or without them.
      </P>
      <P>
        Thank you for trusting me with such a tender time.{' '}
        {followUps
          ? "Over the coming months I'll write to you now and then to ask how you're doing. Your answers help me understand what really happens for people after a breakup, and I'd truly like to know how your story goes. You can reply to any of my emails, any time."
          : "I won't write again unless you do, and you can reply to any of my emails whenever you like. If you would like a short check-in now and then, you can turn them on in your preferences."}
      </P>
      <Exercise>
        Write down the one habit from this course you most want to keep. Then put a reminder in your calendar for a month from now, to check whether you're still doing it.
      </Exercise>
    </Lesson>
  );
}

StressDay28.PreviewProps = lessonPreview;
