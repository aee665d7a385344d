import { Lesson, lessonPreview, variantOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-45',
  day: 45,
  subject: 'Our last lesson: honest odds, and you first',
  preview: 'What is realistic from here, and why walking away can be a healthy choice too.',
  varies: ['followUps'],
};

export default function TumultuousDay45(props: LessonProps) {
  const { followUps } = variantOf(props);
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Wherever this goes, you come first"
      reply="Reply whenever you like and tell me where things stand. I read every reply."
    >
      <P>
        This is the last lesson of the course. Whether you're talking, taking it slowly, back together or still waiting for a reply, I want to be honest with you about the odds, and about what matters most.
      </P>
      <P>
        After a stormy relationship, a healthy reconciliation is possible, but it isn't the usual outcome. In my experience of following readers over the long term, only about <strong>3 in 10</strong> get back together in a healthy way after a relationship like this. The stories that work out have one thing
        in common: both people did the work. You can only do your half. If your ex won't look at their side, no amount of
        effort from you can make it healthy.
      </P>
      <P>
        So keep your mental health first. If talking to your ex leaves you anxious, confused or waiting by the phone, or
        you sense you're being kept as a backup, you're allowed to step back and return to no contact. That's taking care of yourself.
      </P>
      <P>
        And if you decide to walk away, that isn't failure. It's often the healthiest choice, and one many people are
        grateful for later. You've learned to sit with hard feelings, to say what you need, and to spot unhealthy
        patterns. All of that comes with you, into this relationship or the next.
      </P>
      <P>
        Thank you for letting me walk beside you these weeks.{' '}
        {followUps
          ? "I'll check in over the coming months to hear how things turned out, whatever that looks like; your answers help me give honest advice to the people who come after you. If you'd rather not hear from me, you can turn those check-ins off in your preferences."
          : "I won't write again unless you do, and you can reply to any of my emails whenever you like. If you would like a short check-in now and then, you can turn them on in your preferences."}{' '}
        Take good care of yourself.
      </P>
      <Exercise>
        Write a short note to yourself: three things you've learned or changed since the breakup, and one promise about
        how you'll look after yourself from here, with or without your ex. Keep it where you'll find it on a hard day.
      </Exercise>
    </Lesson>
  );
}

TumultuousDay45.PreviewProps = lessonPreview;
