import { z } from 'zod';
import { Outcome } from '../outcomes/categories.js';
import { Signal } from '../signals/recognise.js';

export const ReplyItem = z.object({
  type: z.literal('reply'),
  replyId: z.string(),
  readerId: z.string(),
  receivedAt: z.string(),
  matchedBy: z.enum(['token', 'sender', 'author']),
  /** The send this answers, when known (reply token or In-Reply-To). */
  seq: z.number().int().optional(),
  kind: z.string().optional(),
  lessonId: z.string().optional(),
  checkpoint: z.string().optional(),
  track: z.string(),
  situation: z.string(),
  /** Course day (track day) of the lesson answered. */
  trackDay: z.number().int().optional(),
  subject: z.string(),
  /** The reader's words, quotes and signature stripped. */
  text: z.string(),
  fullText: z.string(),
  /** Pointer to the raw message (s3://... or a local path). */
  raw: z.string(),
  rawKey: z.string(),
  attachments: z.array(z.object({ filename: z.string().optional(), contentType: z.string(), size: z.number() })),
  automatic: z.enum(['auto-reply', 'bounce']).optional(),
  signals: z.array(z.object({ signal: Signal, evidence: z.string(), day: z.number().optional(), correctedBy: z.string().optional() })),
  /** For check-in replies: what the signals suggest, for the author to confirm. */
  proposedOutcome: Outcome.optional(),
  reviewed: z.boolean(),
  note: z.string().optional(),
  listPk: z.string(),
  listSk: z.string(),
});
export type ReplyItem = z.infer<typeof ReplyItem>;

/** A check-in reply's signals, read as the outcome they most likely mean (the author confirms). */
export function proposeOutcome(signals: string[]): z.infer<typeof Outcome> | undefined {
  if (signals.includes('back-together')) return 'together-healthy';
  if (signals.includes('moved-on')) return 'moved-on';
  if (signals.length) return 'undecided';
  return undefined;
}
