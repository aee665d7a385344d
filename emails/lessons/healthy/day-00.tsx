import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-00',
  day: 0,
  subject: 'Welcome, and why good relationships end',
  preview: 'A loving relationship can end without a villain, and understanding how is a first step.',
};

export default function HealthyDay00(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="When a loving relationship ends"
      reply="If you like, reply and tell me a little about your relationship and how you are feeling today."
    >
      <P>
        I'm so sorry you're going through this. When a relationship that felt warm and steady ends, the shock can be
        enormous, whether you sensed it coming for months or it came out of nowhere. Wanting them back right now is
        completely natural.
      </P>
      <P>
        For the next few weeks you'll get short emails from me, every day at first and then every few days. The course
        has three steps. First, stop chasing and
        give both of you space. Second, heal and grow: your health, your friends and family, your work, the things you
        enjoy. Third, only when you feel ready, reconnect honestly and see whether there is something to rebuild, or
        choose to move forward without them. Either ending can be a good one.
      </P>
      <P>
        So why do loving relationships end? Usually two things fade together: <strong>attraction</strong> and{' '}
        <strong>emotional connection</strong>. They are linked, so when one weakens the other tends to follow. If one
        person loses themselves in the relationship, the spark dims and closeness goes with it. If one person stops
        feeling safe to open up, or feels unseen, they drift away emotionally and the attraction cools too.
      </P>
      <P>
        Outside pressure often plays a part. A hard stretch of life, like illness, grief or a crushing job, can lead one
        partner to lean very heavily on the other. That is human, but over time it can tip the balance. Love matters,
        and a relationship also needs trust, respect and honest talk to get through hard seasons.
      </P>
      <P>It is rarely one person's fault. The aim here is understanding, not blame, and we'll build it gently.</P>
      <Exercise>
        Write a few lines about when you first noticed things changing between you. Not what went wrong, just when.
        Keep the note somewhere safe: you'll come back to it in the first reflection, a few days from now.
      </Exercise>
    </Lesson>
  );
}

HealthyDay00.PreviewProps = lessonPreview;
