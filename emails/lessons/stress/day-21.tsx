import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-21',
  day: 21,
  subject: "Jenna's story, and how to tell if it's working",
  preview: 'A short story about a stress breakup, and the signs worth watching for.',
};

export default function StressDay21(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Is it working?">
      <P>
        Let me tell you about Jenna (not her real name). She was a nurse, about nine months into a relationship with a man who worked six days a week, so they usually saw each other once a week. One weekend he postponed, then cancelled again. Worn out, she told him honestly that she wanted more time together, and he replied that they should split up because they were at different points in life.
      </P>
      <P>
        She felt silly for hurting over something so small, but both of them were simply overloaded. She sent one calm message saying the problem could be solved and suggesting a few days' break before talking. The next morning he wrote back: he'd ended it in a rush because he was swamped at work and wanted a way out. They had a long, honest talk about the original problem and how it had snowballed. Jenna said she didn't know if it would last, but she was ready to try.
      </P>
      <P>
        Notice what made that possible: <strong>both of them</strong> chose to face the problem instead of running from it. That's what to watch in your own situation. Good signs: you can raise something difficult without the other person shutting down or talking about leaving; agreements are mostly kept, by both of you; slips get talked about; and overall you feel calmer than before, not more anxious.
      </P>
      <P>
        Warning signs matter just as much. If every problem you raise leads to silence or talk of breaking up, if you're the only one keeping agreements, or if you tiptoe around so you won't stress them, the pattern hasn't changed. Then walking away is not a failure. It is choosing your own peace, and often the healthier choice.
      </P>
      <Exercise>
        Write two short lists: signs from the past three weeks that things are working, and signs that worry you. Read them back as if a friend had written them. What would you tell that friend?
      </Exercise>
    </Lesson>
  );
}

StressDay21.PreviewProps = lessonPreview;
