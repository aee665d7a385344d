import type { Ctx } from '../context.js';
import { getReader } from '../db/readers.js';
import { badLink, openLink } from '../links/open.js';
import { Outcome } from './categories.js';
import { recordOutcome, type RecordResult } from './record.js';

export type CheckinAnswer = { status: RecordResult['status']; outcome: Outcome };

/**
 * The /outcome use-case: a reader clicked one of the answers in a check-in email. The link names
 * the reader, the checkpoint and the outcome; the latest answer counts (recordOutcome). A link
 * naming an outcome or a checkpoint we do not know, or a reader who is no longer here, does not work.
 */
export async function answerCheckin(ctx: Ctx, token: string | undefined): Promise<CheckinAnswer> {
  const link = openLink(ctx, token, 'outcome');
  const outcome = Outcome.safeParse(link.o);
  const checkpoint = String(link.k);
  if (!outcome.success || !/^\d+m$/.test(checkpoint)) throw badLink('names no check-in answer we know');
  const reader = await getReader(ctx, link.r);
  if (!reader) throw badLink('names no reader we know');
  const res = await recordOutcome(ctx, reader, { checkpoint, outcome: outcome.data, source: 'link' });
  return { status: res.status, outcome: outcome.data };
}
