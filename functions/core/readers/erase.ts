import type { Ctx } from '../context.js';
import { deleteReaderDeliveries, deliveriesOfReader } from '../db/newsletter-ledger.js';
import { allIssues } from '../db/newsletter-issues.js';
import { getReader, type Reader } from '../db/readers.js';
import { deleteReaderItem, deleteReaderItems, readerItems } from '../db/reader-items.js';
import { drainOutbox, outcomeStore, readerStore } from '../db/versioned.js';
import { notFound } from '../shared/errors.js';
import { keepErasedAddress } from '../sending/suppression.js';

/** What an erasure removed, by kind (for the log and the author's page: counts, never contents). */
export interface Erased {
  replies: number;
  choices: number;
  outcomes: number;
  notes: number;
  sentMarks: number;
  /** Newsletter ledger items and Send markers (one per issue meant for them). */
  newsletterCopies: number;
  unmatched: number;
  rawMessages: number;
  /** The address stays on the suppression list as a keyed hash (it had unsubscribed or bounced). */
  suppressed: boolean;
}

/**
 * The author erases a reader, for good: their profile and sends, replies (and the raw messages
 * behind them, in S3 or the local folder), choices, outcome records, notes, SES sent marks, their
 * address's lookup, and inbound mail of theirs outside their partition. What stays:
 * - the anonymous counters, exactly as they were (reports' totals do not move): work still in the
 *   reader's or an outcome's outbox is applied first, so nothing counted is lost or counted twice;
 * - a keyed hash of the address on the suppression list, only if they had unsubscribed or were
 *   suppressed, so a sign-up in their name never mails them again;
 * - rows keyed by keyed hashes only (throttle, rate windows), which name nobody and expire.
 * Safe to run again after a crash: the reader item goes last, so a second run finds what is left.
 */
export async function eraseReader(ctx: Ctx, readerId: string): Promise<Erased> {
  let reader = await getReader(ctx, readerId);
  if (!reader) throw notFound('No reader with this id');
  for (let attempt = 1; ; attempt++) {
    reader = await settle(ctx, reader);
    const kept = await keepErasedAddress(ctx, reader);
    const items = await readerItems(ctx, reader);
    // Outcome records carry counter work in their own outbox: finish it before they go.
    for (const o of items.outcomes) if (o.outbox.length) await drainOutbox(ctx, outcomeStore, { readerId, checkpoint: o.checkpoint }, o, new Set(o.outbox.map((op) => op.id)));
    // Every raw copy: the one each reply was read from, and any redelivery its identity item names.
    const raw = [...new Set([...items.replies.map((r) => r.rawKey), ...items.unmatched.map((m) => m.rawKey), ...items.inboundMessages.flatMap((m) => m.rawKeys)])];
    await Promise.all(raw.map((key) => ctx.rawMail.delete(key)));
    await deleteReaderItems(ctx, reader, items);
    // The newsletter ledger lives in each issue's partition: their item in every issue goes too.
    const issueIds: string[] = [];
    for await (const i of allIssues(ctx)) issueIds.push(i.id);
    const copies = await deliveriesOfReader(ctx, readerId, issueIds);
    await deleteReaderDeliveries(ctx, readerId, issueIds);
    if (await deleteReaderItem(ctx, reader)) {
      const erased: Erased = {
        replies: items.replies.length,
        choices: items.choices.length,
        outcomes: items.outcomes.length,
        notes: items.notes.length,
        sentMarks: items.sentMarks.length,
        newsletterCopies: copies.length,
        unmatched: items.unmatched.length,
        rawMessages: raw.length,
        suppressed: kept,
      };
      ctx.log.info('reader erased', { readerId, ...erased });
      return erased;
    }
    // Someone wrote the reader meanwhile (a send, a reply): read it again and finish what it added.
    const again = await getReader(ctx, readerId);
    if (!again) throw notFound('No reader with this id');
    if (attempt >= 5) throw new Error(`reader ${readerId} kept changing during its erasure`);
    reader = again;
  }
}

/**
 * Applies every counter op still in the reader's outbox (its own and any another writer left),
 * so the counters are exact before the item goes. Each op applies at most once (counters.ts).
 */
async function settle(ctx: Ctx, r: Reader): Promise<Reader> {
  if (!r.outbox.length) return r;
  return drainOutbox(ctx, readerStore, r.id, r, new Set(r.outbox.map((o) => o.id)));
}
