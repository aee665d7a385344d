import type { z } from 'zod';
import type { Outcome } from '../outcomes/categories.js';

export { ReplyItem } from '../db/replies.js';

/** A check-in reply's signals, read as the outcome they most likely mean (the author confirms). */
export function proposeOutcome(signals: string[]): z.infer<typeof Outcome> | undefined {
  if (signals.includes('back-together')) return 'together-healthy';
  if (signals.includes('moved-on')) return 'moved-on';
  if (signals.length) return 'undecided';
  return undefined;
}
