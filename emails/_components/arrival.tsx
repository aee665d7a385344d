import type { LessonVariant } from './props.js';
import { P } from './text.js';

type Track = Exclude<LessonVariant['arrivedFrom'], ''>;

const NAME: Record<Track, string> = {
  tumultuous: 'the track for stormy relationships',
  healthy: 'the track for loving relationships that ended',
  stress: 'the track for breakups under stress',
};

/** What each track is about, for a reader who arrives in the middle (the welcome said it to everyone else). */
const ABOUT: Record<Track, string> = {
  tumultuous:
    "After a relationship full of fights and making up, the days after it ends can feel like withdrawal, and part of you may keep waiting for the next reunion. So this track asks two things of you: treat this breakup as final, not as one more low before the next high, and act calmly and with dignity however much it hurts. Then come space, healing, and only later the question of reconnecting. Moving on is a good ending too, and often the healthiest one.",
  healthy:
    "When a loving relationship ends, it is usually because attraction and emotional connection faded together, often under outside pressure, and rarely because of one person's fault. This track has three steps: space (no contact), then healing and growing, and only when you feel ready, reconnecting honestly or moving forward without them. Either ending can be a good one.",
  stress:
    "A breakup during a hard stretch is often avoidance, not a final judgement: a problem starts to feel like one more demand, and ending things looks like the fastest way out. The problems behind it are often practical ones that calm talk can fix. This track starts with one calm message that turns the breakup into a short break.",
};

/**
 * The first lesson after a move to another track opens with what this track is about, and why the
 * reader is here: their own choice, or silence (then honestly so, with the way back).
 */
export function Arrival({ track, variant }: { track: Track; variant: LessonVariant }) {
  if (!variant.arrivedFrom || variant.arrivedFrom === track) return null;
  if (variant.quietly)
    return (
      <>
        <P>
          <strong>A change in the course.</strong> I haven't heard from you since I asked about your break, and the
          break has now lasted about a month. Often a silence that long means the break has become a breakup, even if nobody has
          said so. So, gently, the course now treats it as one: from today you are on {NAME[track]}.
        </P>
        <P>{ABOUT[track]}</P>
        <P>
          If I have got this wrong: if you and your ex are talking again, the buttons in my last email about the break
          still work for about two weeks. And if another track fits your relationship better, you can switch in one click
          from your preferences, at the bottom of this email.
        </P>
      </>
    );
  return (
    <>
      <P>
        <strong>Welcome to {NAME[track]}.</strong>{' '}
        {variant.arrivedFrom === 'stress'
          ? 'Your ex has made it clear, so from today we treat this as a real breakup. Before anything else, here is what this track is about.'
          : 'You chose it because it fits your relationship better. Here is what it is about, before we go on.'}
      </P>
      <P>{ABOUT[track]}</P>
    </>
  );
}
