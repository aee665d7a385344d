import { Arrival } from '../../_components/arrival.js';
import { Lesson, lessonPreview, variantOf, variantPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-01',
  day: 1,
  subject: 'Today you start no contact',
  preview: 'What no contact means, why it is for you, and how to begin quietly.',
  // A reader moved here from another track is told what this track is about, and why they are here.
  varies: ['arrivedFrom', 'quietly'],
};

export default function TumultuousDay01(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="No contact, for your own sake"
      reply="Reply with the day of no contact you're on whenever you like, and tell me if you slip. It happens, and we simply start again."
    >
      <Arrival track="tumultuous" variant={variantOf(props)} />
      <P>
        Today is day one of no contact. It's simple to describe and hard to do: you stop calling, texting and messaging
        your ex, and you stop checking on them. That includes looking at their social media and asking friends about them. It's fine to ask friends to keep news of your ex to themselves for now.
      </P>
      <P>
        I want to be clear about why. No contact is not a trick to make your ex miss you, and it isn't a punishment. It's
        the room you need to let the shock settle, feel what you feel, and think clearly about what happened. It gives your ex the same room, too. And it's very hard to heal while every message reopens the wound.
      </P>
      <P>
        If you worry that going quiet will confuse or hurt your ex, you can send one short, kind message and then stop.
        Something like: <em>"I'm going to take some time and space to get through the breakup. Please look after
        yourself."</em> You don't need to explain more or wait for an answer. This is optional: if you've already said what
        you needed to say, you can simply begin.
      </P>
      <P>
        Then make contact harder for your tired, late-night self. Mute and archive your chat, turn off notifications, and
        mute or unfollow them on social apps. There's no need to delete or block in a moment of anger; muting gives you distance without making a scene. (If your ex
        frightens or harasses you, blocking is always fine.)
      </P>
      <P>
        You'll probably think about them a hundred times today. That's normal. You don't have to stop the thoughts; you
        only have to not act on them.
      </P>
      <Exercise>
        Before tonight, mute and archive your chat with your ex and turn off notifications from their accounts. Then
        write today's date somewhere you'll see it: that's day one.
      </Exercise>
    </Lesson>
  );
}

TumultuousDay01.PreviewProps = variantPreview({ arrivedFrom: 'stress' });
