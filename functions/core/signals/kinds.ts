import { z } from 'zod';

/**
 * The progress signals a reply or a footer link can carry, and what recognising one yields. Apart
 * from the recogniser (recognise.ts) so code that only names signals (the reply items, the
 * dashboard, the API) does not load its patterns: the api bundle takes the recogniser only when
 * the author assigns unmatched mail.
 */
export const Signal = z.enum([
  'broke-no-contact',
  'ex-reached-out',
  'ex-dating',
  'talking-again',
  'back-together',
  'moved-on',
  'no-contact-day',
  /** Contact the course asked for (a first message, the calm break message), reported as done. */
  'reached-out-as-planned',
]);
export type Signal = z.infer<typeof Signal>;

export interface Recognised {
  signal: Signal;
  /** the sentence that triggered it, trimmed, max 200 chars */
  evidence: string;
  /** for 'no-contact-day': the day number */
  day?: number;
}

