import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** "Do I really want them back?" for a loving relationship: the person, or the way it used to feel? */
export const meta: LessonMeta = {
  id: 'healthy/day-33',
  day: 33,
  subject: 'Do you want them back, or the way it used to be?',
  preview: 'An honest question about what you are missing, and what would have to change.',
};

export default function HealthyDay33(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="Do I really want them back?"
      reply="If you like, reply with one line from each side of your page."
    >
      <P>
        A month into no contact is a good time for a question that was too hard to ask at the start: <strong>do I really
        want them back?</strong> Not the idea of them, and not the relationship at its best, but the two of you as you
        actually were by the end.
      </P>
      <P>
        After a loving relationship it is easy to miss the shape of it more than the person in it: the routines, the
        shared jokes, someone to tell about your day, being part of a pair. Those losses are real and worth grieving. But
        they are not the same as wanting this particular person back, and it helps to know which one is aching.
      </P>
      <P>
        Then ask what would have to be different. If the spark faded, what would bring it back, and would it last? If one
        of you stopped feeling safe to open up, what would need to change for that to feel safe again? Be honest about
        both sides, using what you found in your reflections.
      </P>
      <P>
        There's no right answer, and it may change from week to week. You are not deciding anything today. You're just
        making sure that when the time comes, you choose with a clear view rather than through a rosy memory.
      </P>
      <Exercise>
        Divide a page in two. On the left, write what you miss about the relationship. On the right, what you miss about
        them as a person. Notice which side fills up faster.
      </Exercise>
    </Lesson>
  );
}

HealthyDay33.PreviewProps = lessonPreview;
