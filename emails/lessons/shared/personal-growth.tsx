import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/personal-growth',
  day: 0,
  subject: 'Moving forward, one small step at a time',
  preview: 'Your body, your people, your interests and your work: small steps in each help you heal.',
};

export default function SharedPersonalGrowth(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Moving forward with your life"
      reply="Reply and tell me which step you picked. Saying it to someone makes it more likely to happen."
    >
      <P>
        If your days used to revolve around your ex, the breakup can leave a big empty space. Today is about slowly
        filling it with a life that belongs to you. If "moving on" feels wrong right now, think of it as{' '}
        <strong>moving forward</strong>: whatever happens with your ex later, you'll be in a better place for it.
      </P>
      <P>
        <strong>Your body.</strong> Moving is one of the most reliable ways to ease heartache. Walk, run, swim, dance or
        go to the gym: choose what you'll actually do. Eat proper meals at regular times, even without much appetite, and
        protect your sleep.
      </P>
      <P>
        <strong>Your people.</strong> Spend time with friends who support you, and see your family regularly, perhaps once
        a week. If your circle shrank during the relationship, contact an old friend or try a class or a meetup. Good
        company makes all of this much easier.
      </P>
      <P>
        <strong>Something of your own, and your work.</strong> Pick up a hobby you dropped, or try a new one; volunteering
        can help too, if giving lifts you. At work or in your studies, ask what you want for yourself: a skill, a goal you
        put off, a change you've been thinking about.
      </P>
      <P>
        You don't need to do all of this at once. One small step in one area is a fine start, and each step tends to make
        the next one easier. Slowly, it builds a confidence that comes from your own life rather than from anyone's
        approval.
      </P>
      <Exercise>
        Choose one area (body, people, hobby or work) and plan one small step for this week, with a day and a time. For
        example: "Thursday, 7pm: a 30-minute walk," or "Saturday morning: call my sister."
      </Exercise>
    </Lesson>
  );
}

SharedPersonalGrowth.PreviewProps = lessonPreview;
