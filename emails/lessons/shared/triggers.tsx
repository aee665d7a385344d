import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** A waiting lesson: knowing what pulls you back, and a plan for each. */
export const meta: LessonMeta = {
  id: 'shared/triggers',
  day: 0,
  subject: 'Knowing what pulls you back',
  preview: 'Most slips have a trigger. Mapping yours takes away some of its power.',
};

export default function SharedTriggers(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Your triggers, mapped">
      <P>
        Almost every urge to contact an ex has a trigger, and triggers tend to repeat. Once you can see yours, they lose
        some of their surprise, and surprise is what makes them so strong.
      </P>
      <P>
        Triggers come in a few kinds. <strong>Times</strong>: late evenings, Sunday afternoons, the hour you used to
        talk. <strong>Places</strong>: a café, a street, your bed. <strong>Feelings</strong>: loneliness, boredom, a win
        you want to share, a bad day you want comfort for. <strong>Reminders</strong>: a song, a photo, one of their
        posts. And <strong>things that lower your guard</strong>: a drink, too little sleep.
      </P>
      <P>
        You can't avoid every trigger, and you don't need to. What helps is deciding in advance what you'll do when one
        arrives, so that in the moment you're following a plan rather than a craving.
      </P>
      <P>
        Be kind to yourself as you do this. Each trigger is a sign of how much this relationship mattered to you, not a
        sign that you are weak.
      </P>
      <Exercise>
        Make three short lines: "When ___ happens, I'll ___ instead." Pick the triggers that caught you most often, and
        make each answer something you can do in under a minute.
      </Exercise>
    </Lesson>
  );
}

SharedTriggers.PreviewProps = lessonPreview;
