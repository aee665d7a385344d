import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-37',
  day: 37,
  subject: 'Talk it through before you start again',
  preview: 'Why the real conversation has to come before getting back together.',
};

export default function TumultuousDay37(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Talk first, then decide">
      <P>
        If you and your ex are talking again, or have met, you may feel the old pull: the spark is there, being close feels
        so good, so why not just pick up where you left off? This is the moment to slow down. After a stormy relationship,
        the most common mistake is getting back together too fast, and then finding yourselves in the same fights within
        days.
      </P>
      <P>
        Before you call it a relationship again, the two of you need to talk about what really went wrong: the fights,
        what set them off, how each of you reacted, what you each needed and didn't get. Not all at once, and not on the
        first meeting. But before you commit, not after.
      </P>
      <P>
        These conversations can be uncomfortable. Use what you practised during no contact: start with your own part, say
        what you need plainly, and listen without preparing your defence. Notice how your ex responds, too. Do they own
        their side, or does everything come back to you? Both matter. Some couples find a few sessions with a couples
        counsellor make these talks safer.
      </P>
      <P>
        Slowing down can sound like this: <em>"I'm really glad we're talking. I don't want to rush it this time. Can we
        keep seeing each other for a while and talk things through properly before we decide anything?"</em>
      </P>
      <P>
        If your ex hasn't replied, or you're not in touch yet, that's all right. Keep this lesson for later, and keep
        looking after yourself.
      </P>
      <Exercise>
        Write down the two or three issues behind most of your fights. Next to each, write one sentence about your own
        part in it. That's your starting point for the real conversation, whenever it comes.
      </Exercise>
    </Lesson>
  );
}

TumultuousDay37.PreviewProps = lessonPreview;
