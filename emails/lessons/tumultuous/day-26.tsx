import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** The honest odds come before the decision, so the reader decides knowing them. */
export const meta: LessonMeta = {
  id: 'tumultuous/day-26',
  day: 26,
  subject: 'The honest odds, before you decide',
  preview: 'How often stormy relationships really come back together, and what the ones that work have in common.',
};

export default function TumultuousDay26(props: LessonProps) {
  return (
    <Lesson
      {...props}
      meta={meta}
      title="The honest odds"
      reply="If this stirs something up, reply and tell me. I read every message, and nothing you write is shared."
    >
      <P>
        Soon I'll ask how you feel about reconnecting. Before I do, I owe you an honest picture, because you
        deserve to decide with your eyes open rather than on hope alone.
      </P>
      <P>
        After a stormy relationship, getting back together in a healthy way is possible, but it isn't the usual outcome.
        From following readers for a long time after the course, my estimate is that <strong>about 3 in 10</strong>{' '}
        reconcile in a way that lasts and feels good. Many of the others try again and fall back into the same fights,
        and many move on, often to something calmer.
      </P>
      <P>
        The couples who make it have something in common: <strong>both people did the work</strong>. Not promises, but
        changes you could see over weeks. They took it slowly. They talked through what used to go wrong before calling it
        a relationship again. And each of them could handle a disagreement without it turning into a storm.
      </P>
      <P>
        You can only do your half of that. If your ex has never shown any sign of looking at their part, that is
        important to know, and it isn't your failure. If they have, the chance is real, and it still deserves patience.
      </P>
      <P>
        None of this is meant to take hope away. It is meant to keep you safe: whatever you choose when I ask, choose it
        knowing that your own wellbeing comes first, and that walking away can be the healthiest ending of all.
      </P>
      <Exercise>
        Write two short lists: what you have seen your ex actually change (not say they would change), and what you have
        changed yourself. Keep the page for when I ask you how you feel.
      </Exercise>
    </Lesson>
  );
}

TumultuousDay26.PreviewProps = lessonPreview;
