import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-03',
  day: 3,
  subject: 'Getting ready to talk',
  preview: 'Name the real problem, and keep it separate from the relationship.',
};

export default function StressDay03(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Name the problem, not the person">
      <P>
        If your ex agreed to talk, the conversation is close. If you haven't heard back yet, preparing still helps: it calms you down and makes you clearer whenever you do speak.
      </P>
      <P>
        Breakups during stressful times usually start with something concrete. You only saw each other once a week. One of you worked every weekend. Exams swallowed every evening. Plans kept getting cancelled at the last minute. A fight broke out when you were both exhausted. Try to name your problem as plainly as you can.
      </P>
      <P>
        Then <strong>separate that problem from the relationship</strong>. Saying that your schedules leave too little time together describes something you can work on side by side. Saying that they don't care about you is an accusation, and it pushes the other person to defend themselves or to leave again. The first invites teamwork; the second invites another fight.
      </P>
      <P>
        Think about your own part too, without being hard on yourself. Maybe you held your frustration in until it burst out, or your own stress made you quicker to take things personally. Owning one small thing makes it much easier for the other person to own theirs.
      </P>
      <P>
        You don't need a script. Go in knowing the problem, one or two ideas that might help, and a real willingness to listen.
      </P>
      <Exercise>
        On one page, finish these three sentences, one line each: "<em>The problem is...</em>", "<em>What I'd like is...</em>" and "<em>One idea that might help is...</em>" Keep them about the situation, not about your ex's character.
      </Exercise>
    </Lesson>
  );
}

StressDay03.PreviewProps = lessonPreview;
