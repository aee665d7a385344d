import { Arrival } from '../../_components/arrival.js';
import { Lesson, lessonPreview, variantOf, variantPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-01',
  day: 1,
  subject: 'What to say now, and what not to',
  preview: 'One calm message can turn a breakup into a break.',
  // A reader moved here from another track is told what this track is about, and why they are here.
  varies: ['arrivedFrom', 'quietly'],
};

export default function StressDay01(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Turn the breakup into a break" reply="Reply and tell me once you've sent it, or if you're stuck on the wording.">
      <Arrival track="stress" variant={variantOf(props)} />
      <P>
        When someone ends things in a stressful moment, the urge is to fix it straight away: call, explain, plead, send message after message. Please hold back. Begging or arguing adds pressure to someone who already feels overwhelmed, and pressure is exactly what they are trying to get away from. It usually pushes them further off.
      </P>
      <P>
        What helps instead is <strong>one calm message</strong>. It shows that you see the problem as solvable, that you are not panicking, and that you are willing to give them room. Then it suggests a short break and a time to talk, about four days from now. That is long enough for both of you to cool down, and short enough that it stays a pause rather than an ending.
      </P>
      <P>
        For example: "<em>I can tell things have been a lot for you lately. I think what went wrong can be fixed if we talk it through calmly, and neither of us needs to decide anything tonight. Could we give each other a few days of space and sit down on Sunday to talk?</em>" Use your own words and your own tone; it should sound like you.
      </P>
      <P>
        Send it once, then put your phone away. If they agree, good. If they say no, or don't answer, don't follow up with more messages; I'll ask you in a few days how it went, and we'll take it from there. And if you already sent pleading messages before finding this course, that's okay. You can still send one calm message now, and then stop.
      </P>
      <Exercise>
        Write your message in your notes first. Read it out loud once and cut anything that sounds like pleading or blame. Make sure it names a day about four days from now. Then send it, just once.
      </Exercise>
    </Lesson>
  );
}

StressDay01.PreviewProps = variantPreview({ arrivedFrom: 'healthy' });
