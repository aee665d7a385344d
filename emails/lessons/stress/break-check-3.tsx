import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, factsOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** The third re-ask about the break: reading the silence, and what happens next. */
export const meta: LessonMeta = {
  id: 'stress/break-check-3',
  day: 0,
  subject: 'Three weeks in: reading the silence',
  preview: 'What a long break may be telling you, and what happens next.',
};

export default function StressBreakCheck3(props: LessonProps) {
  const f = factsOf(props);
  return (
    <Lesson {...props} meta={meta} title="What a long break can mean">
      <P>
        It has been {f.sinceStart} since you started the course. If you and your ex are still on a break, you have been
        very patient, and that patience says something good about you.
      </P>
      <P>
        It's also time to be honest about what a long silence can mean. When someone wants to fix a problem, they
        usually find a way to say so within a few weeks, even if it's only "I need a bit longer". When weeks pass with
        nothing at all, the break has often turned into a breakup, even if nobody has said the word.
      </P>
      <P>
        That isn't certain, and only you know what has passed between you. But you don't need your ex's permission to
        stop waiting. Deciding to treat this as a breakup isn't giving up on them; it is refusing to give up on yourself.
        If they come back later, ready to talk, you can still listen.
      </P>
      <P>
        So answer below with what's true today. If you're still on the break and want to keep waiting, I'll ask you
        whether you'd like me to keep checking in. If I don't hear from you, within a week the course will treat this as
        a breakup and continue with healing, and I'll tell you when it does.
      </P>
      <Exercise>
        Imagine a good friend had been waiting this long for an answer. Write down, in one or two sentences, what you
        would gently tell them. Then read it as if it were for you.
      </Exercise>
    </Lesson>
  );
}

StressBreakCheck3.PreviewProps = branchPreview(
  course.branches['stress-talk']!.reask!.replace('{sinceStart}', 'about three weeks'),
  course.branches['stress-talk']!.choices,
);
