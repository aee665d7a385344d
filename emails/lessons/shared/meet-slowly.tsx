import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/meet-slowly',
  day: 0,
  subject: 'Meeting again, slowly',
  preview: 'The first meeting after time apart is a beginning, not a verdict.',
};

export default function SharedMeetSlowly(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Meeting face to face"
      reply="After you meet, reply and tell me how it went and how you feel now."
    >
      <P>
        If you and your ex are talking again, at some point it makes sense to meet in person. You learn far more face
        to face than by text. Suggest something easy and neutral, like a coffee or a walk, with a natural end. If you
        haven't heard back yet, or it's too soon to meet, keep this for when the time comes.
      </P>
      <P>
        The most common mistake at this stage is rushing. You meet, the old feelings flood back, it feels wonderful,
        and by the next day you're a couple again without having talked through any of the old problems. Then those
        same problems return, often quickly.
      </P>
      <P>
        So keep the first meeting light. Catch up, listen, enjoy each other's company if you can. It is not the moment
        for a big talk about the relationship, what went wrong or where this is going. If strong feelings come up, you
        can say something honest and gentle: that you still care, and that you'd like to take it slowly and meet again.
        The deeper conversations come later, before either of you decides anything.
      </P>
      <P>
        Meanwhile, quietly notice how they are. Do they seem keen to see you again, or vague? Do they follow through on
        plans? Do they seem as open as you are to taking time and doing things differently? You are not only hoping
        they like you. You are finding out whether you want the same thing. If you don't, you've learned something
        important, and you can step back with your dignity intact.
      </P>
      <Exercise>
        Before you meet, write down two things: when you'll leave (for example, after an hour or two, however it is
        going), and one question to ask yourself afterwards, such as "Did they seem genuinely glad to be there?"
      </Exercise>
    </Lesson>
  );
}

SharedMeetSlowly.PreviewProps = lessonPreview;
