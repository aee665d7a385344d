import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, factsOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** The first re-ask of the decision in a row (more-time-2 and -3 follow, each in its own words). */
export const meta: LessonMeta = {
  id: 'shared/more-time',
  day: 0,
  subject: 'A little more time: how are you now?',
  preview: "A gentle check on how you're feeling, with no pressure to give an answer you don't feel.",
};

export default function SharedMoreTime(props: LessonProps) {
  const f = factsOf(props);
  return (
    <Lesson {...props} meta={meta} title="Checking in again">
      <P>
        It has been {f.sinceAsked} since I last asked how you were feeling, and you are now {f.weeksNoContact} weeks into no
        contact. Whether you chose more time or simply didn't get round to answering, I hope you've spent some of these
        days on yourself.
      </P>
      <P>
        Needing longer is completely normal. Many people extend no contact once, twice or more, and some need a few
        months before they feel steady. The timeline is not a test, and taking longer to heal is not a mistake. What
        matters is that you decide from a calm place, not a panicked one.
      </P>
      <P>
        So take a moment to notice what has changed. Are the hard days a little less frequent? Can you think about your
        ex with a bit more calm? Have you done things for yourself, like seeing friends, moving your body or sleeping
        better? Even small shifts count.
      </P>
      <P>
        Then answer honestly: ready to reach out, needing more time, or decided to move on. If you choose more time
        again, that's fine, and I'll check in again in two weeks. If you'd rather move on, that is a strong and healthy
        choice.
      </P>
      <Exercise>
        Compare today with the last time I asked. Write down one thing that feels easier now and one thing that still
        feels hard. Let both be true, and then tell me where you are below.
      </Exercise>
    </Lesson>
  );
}

SharedMoreTime.PreviewProps = branchPreview(
  course.branches['tumultuous-decision']!.reask!.replace('{weeksNoContact}', 'six'),
  course.branches['tumultuous-decision']!.choices,
);
