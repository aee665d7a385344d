import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-16',
  day: 16,
  subject: 'Do you really want them back?',
  preview: 'An honest question for the middle of no contact, and what would have to change.',
};

export default function TumultuousDay16(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Do I really want them back?"
      reply="If you like, reply with one point from each side of your list."
    >
      <P>
        You're a couple of weeks into no contact now. The first panic has probably eased, even if the sadness hasn't.
        That makes this a good moment for a question that's hard to hear early on: <strong>do I really want them
        back?</strong> Not the idea of them, and not only the good moments, but the whole relationship as it was.
      </P>
      <P>
        Our memory tends to soften painful times and hold on to the warm ones, so look at both on purpose. Which parts of
        the relationship made you feel safe and happy? Which left you anxious, drained or small?
      </P>
      <P>
        Then ask whether a healthy relationship with this person is possible at all, and what it would take from each of
        you. Be concrete. If arguments used to explode into shouting, how would the two of you disagree without it
        becoming a storm? What would your ex need to do differently? And what would you: how you listen, how you say what
        you need, how you react when you feel criticised?
      </P>
      <P>
        You can only do your half. If the changes needed from your ex are ones they've never shown any sign of making,
        that's important information, not a failure on your part.
      </P>
      <P>
        There's no deadline for an answer, and it's fine if it changes from day to day. Just be honest with yourself.
        Whatever you conclude, the work you're doing now is for you.
      </P>
      <Exercise>
        Draw a line down a page. On one side, write what would have to change in your ex for a healthy relationship; on
        the other, what would have to change in you. Keep each point concrete: something you could actually see happen.
      </Exercise>
    </Lesson>
  );
}

TumultuousDay16.PreviewProps = lessonPreview;
