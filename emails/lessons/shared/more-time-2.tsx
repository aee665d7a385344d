import { course } from '../../../functions/core/course/definition.js';
import { Lesson, branchPreview, factsOf, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** The second re-ask of the decision in a row: a different angle on the same question. */
export const meta: LessonMeta = {
  id: 'shared/more-time-2',
  day: 0,
  subject: 'Still taking your time? That is allowed',
  preview: 'What the extra weeks are for, and how to tell healing from waiting.',
};

export default function SharedMoreTime2(props: LessonProps) {
  const f = factsOf(props);
  return (
    <Lesson {...props} meta={meta} title="What the extra time is for">
      <P>
        You are {f.weeksNoContact} weeks into no contact now, and it has been {f.sinceAsked} since my last question. I'm
        asking again, but not because a clock is running out. There is no deadline here. I just don't want you to feel
        forgotten while you take the time you need.
      </P>
      <P>
        There is a difference worth noticing between two kinds of waiting. One kind is <strong>healing</strong>: the
        days are slowly filling up with your own life, and the pull toward your ex comes a little less often. The other
        kind is <strong>holding your breath</strong>: life is on pause, you check for signs of them, and the weeks feel
        like a queue you are standing in.
      </P>
      <P>
        Most people have some of both. If it's mostly healing, more time is doing exactly what it should. If it's mostly
        holding your breath, more time alone may not change much, and it could help to ask yourself what you are waiting
        for: a feeling of readiness, a sign from your ex, or permission to let go.
      </P>
      <P>
        Whatever you find, any of the three answers below is a good one. If you still need more time, I'll ask once more
        in two weeks. After that, rather than repeating the same question, I'll ask whether you want these questions at
        all.
      </P>
      <Exercise>
        Think back over the last week. Write one line about a moment that felt like healing, and one about a moment that
        felt like holding your breath. Which one was easier to find?
      </Exercise>
    </Lesson>
  );
}

SharedMoreTime2.PreviewProps = branchPreview(
  course.branches['tumultuous-decision']!.reask!.replace('{weeksNoContact}', 'eight'),
  course.branches['tumultuous-decision']!.choices,
);
