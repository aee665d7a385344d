import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/mental-health-first',
  day: 0,
  subject: 'Your wellbeing comes first',
  preview: "Reconnecting is only good for you while it doesn't cost you your peace.",
};

export default function SharedMentalHealthFirst(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Keep your mental health first" reply="Reply with your number and what's behind it, if you like; I read every message.">
      <P>
        Talking to your ex again can stir up everything at once: hope, old fears, relief, doubt. One good conversation can lift you for days; one slow reply can send you spiralling. That up-and-down is normal, and it doesn't mean you've gone backwards.
      </P>
      <P>
        While you reconnect, hold on to one rule: <strong>your mental health comes before the outcome</strong>. Be patient with your ex and give them room when they need it, and give yourself the same room when you need it. You can care about them and still protect your peace.
      </P>
      <P>
        Watch for signs that this is costing you too much: checking your phone all day, picking apart every message, losing sleep, feeling like a backup while they keep their options open, or getting pulled back into old drama. None of that is what a healthy reconciliation feels like.
      </P>
      <P>
        If you notice those signs, it's okay to step back. Go back to no contact for a while, a week or longer, and put your focus on yourself again. You don't owe a long explanation; saying you need some space for a bit is enough. This isn't a game or a punishment. It's you choosing to be okay whatever happens. And if you'd rather close the door and move on, that is a sound choice too, most of all when your ex stays distant or every exchange leaves you drained.
      </P>
      <Exercise>
        Rate how calm you feel today from 1 to 10, and write down what affected that number most. If it has stayed below 5 for several days because of your ex, plan a few days of space for yourself.
      </Exercise>
    </Lesson>
  );
}

SharedMentalHealthFirst.PreviewProps = lessonPreview;
