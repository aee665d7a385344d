import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, factsOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** The third re-ask of the decision in a row; after it the course asks whether to keep asking. */
export const meta: LessonMeta = {
  id: 'shared/more-time-3',
  day: 0,
  subject: 'A longer road is still a road',
  preview: 'Some people need months. Undecided is an honest place to be.',
};

export default function SharedMoreTime3(props: LessonProps) {
  const f = factsOf(props);
  return (
    <Lesson {...props} meta={meta} title="Undecided is allowed">
      <P>
        It has been {f.weeksNoContact} weeks since no contact began, and {f.sinceAsked} since I last asked. If you are
        still unsure, please don't read that as a sign that something is wrong with you. For many people the question
        "do I want them back?" takes months to settle, and sometimes it settles only once life has filled up again.
      </P>
      <P>
        Being undecided can feel uncomfortable, as if you should have an answer by now. You don't. What you do have is
        weeks of practice at not acting on every urge, and that matters more than any date on a calendar.
      </P>
      <P>
        It may help to turn the question around. Instead of asking whether you are ready for your ex, ask what your life
        needs from you right now. Rest? People? Something to look forward to? Whatever the answer, it is useful whichever
        way this goes.
      </P>
      <P>
        You can answer below, as before. If you choose more time again, I won't simply send this question again in two
        weeks. I'll ask you instead whether you want these questions to continue, less often, or to stop, so the timing is
        yours.
      </P>
      <Exercise>
        Finish this sentence three times, quickly, without judging the answers: "Right now, my life needs...". Then pick
        one and do something small about it this week.
      </Exercise>
    </Lesson>
  );
}

SharedMoreTime3.PreviewProps = branchPreview(
  course.branches['tumultuous-decision']!.reask!.replace('{weeksNoContact}', 'ten'),
  course.branches['tumultuous-decision']!.choices,
);
