import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'stress/day-00',
  day: 0,
  subject: "Welcome. We'll take this one calm step at a time",
  preview: 'A breakup during a stressful time is often about overload, not about a lack of love.',
};

export default function StressDay00(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="A breakup in the middle of a storm" reply="If you like, reply and tell me in a few lines what happened; I read every message.">
      <P>
        I'm glad you found your way here. If your relationship ended during a hard stretch, with a crushing workload, exams, a family crisis, or one fight that got out of hand, you are probably shocked and hurt, and replaying every word. That is a normal reaction, and you don't have to sort it all out today.
      </P>
      <P>
        When people are stretched thin, many of them cope by escaping. A problem in the relationship starts to feel like one more demand they can't meet, so ending things looks, in that moment, like the fastest way to make the pressure stop. That is <strong>avoidance</strong>, not a final judgement of you or of the two of you.
      </P>
      <P>
        This is why breakups like yours are often about surface problems: too little time together, schedules that clash, a sharp remark made while exhausted. Problems like these can often be solved by talking calmly, once both of you have had a little room to breathe. Some couples in exactly this spot talk it through and come out steadier; for others it turns out to be a real ending. Both happen, and we'll find out together which one this is.
      </P>
      <P>
        Over the next few days I'll walk you through it. Tomorrow: one short, calm message that turns the breakup into a pause instead of a fight. After that: how to look after yourself during the pause, and how to prepare for a real conversation. I can't tell you how your ex will respond. What we can do together is make sure you handle your side of it in a way you'll feel good about later.
      </P>
      <Exercise>
        For today, don't send your ex anything new. Instead, write one or two sentences about what you think was weighing on the two of you when this happened, for example: "<em>we were both working late and hardly saw each other</em>". Keep it for tomorrow.
      </Exercise>
    </Lesson>
  );
}

StressDay00.PreviewProps = lessonPreview;
