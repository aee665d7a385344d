import { Lesson, lessonPreview, variantOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/closing',
  day: 0,
  subject: 'Thank you, and goodbye for now',
  preview: 'The lessons end here, but you can always write to me.',
  varies: ['followUps'],
};

export default function SharedClosing(props: LessonProps) {
  const { followUps } = variantOf(props);
  return (
    <Lesson {...props} meta={meta} title="Goodbye for now" reply="If you'd like, reply and tell me how you're doing today; I read every message.">
      <P>
        This is the last lesson of the course. Whatever the past weeks have been like, you made it through them, and you deserve credit for that.
      </P>
      <P>
        Think back to how you felt at the start: the panic, the questions going round and round, the sense that everything depended on your ex. Now look at where you are. Maybe you don't feel fully healed; most people don't at this point, and that's okay. But you have chosen yourself, and you've begun building a life that doesn't hang on anyone else's answer.
      </P>
      <P>
        Keep going with what helps: your health, your people, your work, the things you enjoy. On hard days, be as kind to yourself as you would be to a friend going through the same thing. If the sadness feels too heavy or won't lift, please talk to a doctor or a counsellor. Asking for help is a sign of strength.
      </P>
      <P>
        The lessons stop here, but <strong>you're not on your own</strong>. You can reply to this email, or any of them, whenever you want.{' '}
        {followUps
          ? "And over the coming months I'll check in now and then to ask how you're doing. Whatever your answer is, I'd truly like to hear it."
          : 'If you would like a short check-in from me now and then, you can turn them on in your preferences.'}
      </P>
      <Exercise>
        Write a short letter to the person you were on the day of the breakup. Tell them what you know now that they didn't know then. Keep it somewhere you can find it on a hard day.
      </Exercise>
    </Lesson>
  );
}

SharedClosing.PreviewProps = lessonPreview;
