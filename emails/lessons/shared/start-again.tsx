import { Lesson, lessonPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

/** A waiting lesson: the first few days after no contact restarted. */
export const meta: LessonMeta = {
  id: 'shared/start-again',
  day: 0,
  subject: 'Starting again, with what you know now',
  preview: 'A second start is not the same as the first. You know things now that you did not then.',
};

export default function SharedStartAgain(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="The second start">
      <P>
        Not long ago your no-contact count started again. If part of you feels you're back at square one, I'd like to
        gently disagree. The first time you began, you didn't know whether you could do it. Now you know you can: you
        already went days, maybe weeks, without reaching out.
      </P>
      <P>
        You also know something new: what pulled you back. That knowledge is worth more than an unbroken record, because
        it tells you exactly where to put your attention this time.
      </P>
      <P>
        The urges may feel strong again for a little while, especially if the contact stirred up hope or hurt. They will
        fade the way they faded before, often faster. Give them time, and don't give them your phone.
      </P>
      <P>
        Meanwhile the lessons carry on as usual. The question about reconnecting will come once you've had the full
        stretch of no contact again, so you'll have had the time you need when it does.
      </P>
      <Exercise>
        Look at the urge plan you made early in the course (or make one now): three things to do when the pull comes.
        Change one of them based on what you learned from the slip.
      </Exercise>
    </Lesson>
  );
}

SharedStartAgain.PreviewProps = lessonPreview;
