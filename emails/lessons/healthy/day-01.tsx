import { Arrival } from '../../_components/arrival.js';
import { Lesson, lessonPreview, variantOf, variantPreview, type LessonProps } from '../../_components/lesson.js';
import type { LessonMeta } from '../../_components/props.js';
import { Exercise, P } from '../../_components/text.js';

export const meta: LessonMeta = {
  id: 'healthy/day-01',
  day: 1,
  subject: 'Say how you feel, once',
  preview: 'There is a calm, dignified way to tell your ex how you feel, and then let their answer stand.',
  // A reader moved here from another track is told what this track is about, and why they are here.
  varies: ['arrivedFrom', 'quietly'],
};

export default function HealthyDay01(props: LessonProps) {
  return (
    <Lesson {...props} meta={meta} title="Say it once, calmly">
      <Arrival track="healthy" variant={variantOf(props)} />
      <P>
        In the first days after a breakup, the urge to fix things can be overwhelming: one more conversation, one
        better argument, one more message late at night. That urge comes from pain, not from a plan, so let's give it a
        kinder shape.
      </P>
      <P>
        If you haven't done it yet, tell your ex how you feel <strong>one time</strong>, as calmly as you can. Keep it
        simple: that you care about them, that you believe what you had was worth saving, and that you'd like them to
        think again. If you cry while you say it, that's okay. You are allowed to be human.
      </P>
      <P>
        Then listen to their answer and accept it, even if it isn't the one you hoped for. Don't repeat the request,
        don't argue every point, don't plead. Asking once is honest. Asking again and again turns into pressure, and
        pressure tends to push people further away.
      </P>
      <P>
        If you've already had that conversation, you don't need to have it again. And if you said more than you meant
        to, or begged, please go easy on yourself. Almost everyone does at some point, and from today you can choose a
        different way.
      </P>
      <P>
        Accepting their answer is not giving up on yourself. It is a way of respecting the person you loved, and of
        keeping your own dignity, whatever happens next.
      </P>
      <Exercise>
        If you haven't spoken to them yet, write down the two or three sentences you want to say, read them aloud, and
        cut anything that argues or pleads. If you already have, write one line for yourself: "I said what I needed to
        say."
      </Exercise>
    </Lesson>
  );
}

HealthyDay01.PreviewProps = variantPreview({ arrivedFrom: 'stress' });
