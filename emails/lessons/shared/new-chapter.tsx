import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'shared/new-chapter',
  day: 0,
  subject: 'Building your new chapter',
  preview: 'Health, people, work and play: one small step in each.',
};

export default function SharedNewChapter(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Your new chapter">
      <P>
        Whatever you decide about your ex, it's time to put some of your energy into a life that feels good to live in. Not to prove anything to anyone, but because you deserve it.
      </P>
      <P>
        Four areas make the biggest difference. <strong>Health</strong>: sleep, regular meals, and moving your body, whether that's the gym, yoga or a daily walk. <strong>People</strong>: the friends and family who make you feel like yourself; if your circle has shrunk, a class, club or meetup is a good place to start. <strong>Work or study</strong>: a goal you set aside, or a skill you'd like to learn. <strong>Hobbies</strong>: something you enjoy for its own sake, old or new.
      </P>
      <P>
        You don't have to do it all at once. A small step in one area, repeated, does more than a big plan dropped after a week.
      </P>
      <P>
        It also helps to look back at the relationship and ask what you learned: what you need from a partner, what you gave up that you want back, what you would do differently, which patterns you'd like to leave behind. This isn't about blame. It's about keeping the lesson and letting go of the pain.
      </P>
      <P>
        Be patient with yourself. Most people notice one day that they went hours, then whole days, without thinking about their ex. That day tends to arrive quietly, once life has filled up again.
      </P>
      <Exercise>
        Pick one of the four areas and choose one small action for this week, such as booking a class, calling a friend or cooking yourself a proper meal. Then write one sentence that begins: "<em>From this relationship, I learned...</em>"
      </Exercise>
    </Lesson>
  );
}

SharedNewChapter.PreviewProps = lessonPreview;
