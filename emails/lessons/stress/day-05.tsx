import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-05',
  day: 5,
  subject: 'Talking again: go gently',
  preview: 'A slow, easy pace gives the fix a real chance to hold.',
};

export default function StressDay05(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Take it slow">
      <P>
        You and your ex are talking again. That is a real relief, and I hope you let yourself feel it. It took courage from both of you.
      </P>
      <P>
        Now the most useful thing you can do is <strong>slow down</strong>. After a scare, it's tempting to rush back to how things were: calling every day, making up for lost time, acting as if nothing happened. But the problem that led to the breakup hasn't been fixed yet. If you skip over it, the same pressure is likely to build up again.
      </P>
      <P>
        Taking it slow doesn't mean being distant. It means a pace that feels calm for both of you: shorter conversations, plans you can actually keep, and no need to settle everything this week. If the other person was overwhelmed, an easy pace shows them that being with you doesn't add to their load.
      </P>
      <P>
        Keep an eye on your own anxiety, too. Wanting reassurance after a breakup is natural, but asking for it again and again can make things feel heavy. When the urge comes, try to settle yourself first: a walk, a chat with a friend, a few lines in a notebook.
      </P>
      <P>
        If you've already had a long talk about what went wrong, good. In the next lesson we'll turn it into something practical. For now, let things be easy.
      </P>
      <Exercise>
        Plan one relaxed, low-pressure time together this week: a walk, a coffee or a short call. Let it be about enjoying each other's company, not about solving anything.
      </Exercise>
    </Lesson>
  );
}

StressDay05.PreviewProps = lessonPreview;
