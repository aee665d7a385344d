import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-02',
  day: 2,
  subject: 'Why staying friends keeps you stuck',
  preview: 'Staying close feels like keeping the door open, but it usually keeps the wound open instead.',
};

export default function HealthyDay02(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="The 'let's stay friends' trap"
      reply="Reply with 'day one' once you've started, and tell me what felt hardest about it."
    >
      <P>
        After a loving relationship, staying friends can seem like the gentle option. It feels like a way to keep the
        door open, to remind them of what they had, to not lose them completely.
      </P>
      <P>
        In practice it rarely works like that. Every quick catch-up and every chat about returning a jacket reopens the
        hurt. It is very hard to grieve someone you still talk to every week. And your ex never really feels your
        absence, because you never really step away.
      </P>
      <P>
        Be careful with an ex who keeps hope alive without offering anything: "maybe one day", "if things were
        different". They may mean well, and they may be unsure themselves. But living on maybes keeps you waiting
        instead of living. Kacey (not her real name), a reader I worked with, kept getting pulled into calls that began with her ex's belongings and ended
        with "why can't we fix this", while he hinted at a future he wouldn't commit to.
      </P>
      <P>
        Healing starts when the contact stops. That is what <strong>no contact</strong> means: no calls or texts, no
        checking their profiles, and asking friends not to pass on news about them. It is not a punishment or a game.
        It gives you room to grieve and see clearly, and it lets your ex feel the breakup for real.
      </P>
      <P>
        If you haven't started already, today is day one. If practical things still need sorting out, keep those
        messages short and kind, or ask a friend to help.
      </P>
      <Exercise>
        Choose one thing that pulls you back toward contact, such as their chat at the top of your phone, their
        notifications or their profile, and move it out of reach today: archive the chat, mute them, or hand the
        returning of belongings to a friend.
      </Exercise>
    </Lesson>
  );
}

HealthyDay02.PreviewProps = lessonPreview;
