import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'tumultuous/day-24',
  day: 24,
  subject: "Mark's story, and what it teaches",
  preview: 'A man stuck in an on/off loop, and what changed once he stopped pushing.',
};

export default function TumultuousDay24(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="What Mark learned">
      <P>
        Let me tell you about Mark, a client (not his real name). He and his girlfriend had been together about two and a
        half years, and they fought a lot. They had already broken up and made up twice. The third time, she
        meant it.
      </P>
      <P>
        Mark did what many of us do in a panic. He was angry, then sorry, then pleading, calling and texting again and
        again. When he learned she was talking to another man, he threatened to take back the car he had been paying for.
        Soon after she ended things, he offered to move to another state to be with her. Every push sent her further
        away.
      </P>
      <P>
        When he finally stopped and went into no contact, things began to change, in him first. He saw that he used to
        stay quiet when criticised and let resentment build until he exploded. He saw that he had done things for her
        while silently expecting loyalty in return, the kind of unspoken deal we looked at a few days ago. He found a job
        he liked and started exercising every day, and his confidence grew.
      </P>
      <P>
        Later they talked again, slowly, as friends, with space whenever either of them needed it. She had worked on
        herself too, and admitted how critical she had been. When they finally met in person, they chose to start again,
        slowly, and to try couples therapy.
      </P>
      <P>
        The lesson isn't that pushing works: it didn't. What helped was stepping back, working on himself, and the fact
        that <strong>both</strong> of them did the work. Many stories end differently, and the outcome was never Mark's to
        control. What he could control was who he became.
      </P>
      <Exercise>
        Look at Mark's early mistakes: pleading, threats, grand gestures, silent expectations. Write down the one you
        recognise most in yourself, and one thing you'll do instead the next time you feel that pull.
      </Exercise>
    </Lesson>
  );
}

TumultuousDay24.PreviewProps = lessonPreview;
