import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-08',
  day: 8,
  subject: 'Looking back: the loop between you',
  preview: "Your habits and your ex's often fed each other; seeing that loop helps more than blame does.",
};

export default function HealthyDay08(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Reflection 2: the loop between you">
      <P>
        Last time you looked at your own part. Today, look at what happened between you: how your ex's behaviour shaped
        yours, and how yours shaped theirs. This isn't about building a case against them. It's about seeing the loop.
      </P>
      <P>
        Some questions about them: Did they go quiet or distant when you needed closeness? Did they keep their feelings
        to themselves, or tell small untruths to avoid an argument? Did they brush off your worries as overreacting?
        Did you feel like a priority, or taken for granted? Did you find yourself chasing their approval?
      </P>
      <P>
        Now turn it around. When they pulled back, did you push harder? When you pushed, did they pull back further?
        Two decent people can get caught in a cycle like this, each reacting to the other, each sure they are only
        responding to the problem.
      </P>
      <P>
        Kacey noticed that her ex was a great support when life outside the relationship got hard, but shut down
        whenever the subject was the two of them: he was tired, or it wasn't a big deal, or fine, have it your way. She
        also saw that she often raised those subjects already sounding blaming. Neither of them was the villain. Each
        made the other's habit worse.
      </P>
      <P>Seeing the loop lets you look back with more compassion, for them and for yourself.</P>
      <Exercise>
        On a piece of paper, fill in this loop for one situation that kept repeating: "When they ___, I ___. When I
        ___, they ___." Add it to the notes you started last time.
      </Exercise>
    </Lesson>
  );
}

HealthyDay08.PreviewProps = lessonPreview;
