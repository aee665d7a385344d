import { z } from 'zod';
import { IssueFigures, MissedRow } from './schemas.js';
import type { Ctx } from '../context.js';
import { bumpCounter, readCounter } from '../db/counters.js';
import { noteOnDelivery, type Delivery } from '../db/newsletter-deliveries.js';
import { allDeliveries, noteBadFeedback } from '../db/newsletter-ledger.js';
import { getReaders } from '../db/readers.js';

/**
 * Per issue: recipients, sent, delivered, bounced, complained, unsubscribed from it, replies to it,
 * and who did not get it and why. The numbers are the issue's counters, each bumped by the write
 * that first made its ledger transition (so a retry or a redelivered SES event never counts twice;
 * a crash between the two loses the count, never doubles it). `recount` reads the ledger itself.
 */

export async function issueFigures(ctx: Ctx, issueId: string): Promise<IssueFigures> {
  const c = await readCounter(ctx, 'newsletter', issueId);
  const n = (k: string) => c[k] ?? 0;
  return {
    recipients: n('recipients'),
    sent: n('sent'),
    failed: n('failed'),
    skipped: n('skipped'),
    cancelled: n('cancelled'),
    deferred: n('deferred'),
    delivered: n('delivered'),
    bounced: n('bounced'),
    complained: n('complained'),
    unsubscribed: n('unsubscribed'),
    replied: n('replied'),
  };
}

export const countIssue = (ctx: Ctx, issueId: string, add: Partial<Record<keyof IssueFigures, number>>) => {
  const nonZero = Object.fromEntries(Object.entries(add).filter(([, v]) => v));
  return Object.keys(nonZero).length ? bumpCounter(ctx, 'newsletter', issueId, nonZero as Record<string, number>) : Promise.resolve();
};

/** An SES event about a newsletter copy: noted on its ledger item once, counted once. */
export async function noteNewsletterFeedback(ctx: Ctx, issueId: string, readerId: string, type: string): Promise<void> {
  if (type === 'Delivery') {
    if (await noteOnDelivery(ctx, issueId, readerId, 'feedback', 'delivered')) await countIssue(ctx, issueId, { delivered: 1 });
  } else if (type === 'Bounce' || type === 'Complaint') {
    const v = type === 'Bounce' ? 'bounced' : 'complained';
    if (await noteBadFeedback(ctx, issueId, readerId, v)) await countIssue(ctx, issueId, { [v]: 1 });
  }
}

/** A reply to an issue: noted on the reader's ledger item, counted once per reader. */
export async function noteNewsletterReply(ctx: Ctx, issueId: string, readerId: string): Promise<void> {
  if (await noteOnDelivery(ctx, issueId, readerId, 'repliedAt', ctx.clock.now().toISOString()).catch(() => false)) await countIssue(ctx, issueId, { replied: 1 });
}

/** The figures as the ledger has them now (the test's and the author's recount). */
export async function recountIssue(ctx: Ctx, issueId: string): Promise<Pick<IssueFigures, 'recipients' | 'sent' | 'failed' | 'skipped' | 'cancelled' | 'delivered' | 'bounced' | 'complained' | 'unsubscribed' | 'replied'> & { queued: number }> {
  const f = { recipients: 0, sent: 0, failed: 0, skipped: 0, cancelled: 0, delivered: 0, bounced: 0, complained: 0, unsubscribed: 0, replied: 0, queued: 0 };
  for await (const d of allDeliveries(ctx, issueId)) {
    if (d.recipient) f.recipients++;
    if (d.state === 'sent') f.sent++;
    else if (d.state === 'failed') f.failed++;
    else if (d.state === 'cancelled') f.cancelled++;
    else if (d.state === 'skipped') f.skipped++;
    else f.queued++;
    if (d.feedback) f[d.feedback]++;
    if (d.unsubscribedAt) f.unsubscribed++;
    if (d.repliedAt) f.replied++;
  }
  return f;
}


export async function* deliveryRows(ctx: Ctx, issueId: string, keep: (d: Delivery) => boolean): AsyncGenerator<MissedRow> {
  let chunk: Delivery[] = [];
  const flush = async function* () {
    const readers = new Map((await getReaders(ctx, chunk.map((d) => d.readerId))).map((r) => [r.id, r]));
    for (const d of chunk) {
      const r = readers.get(d.readerId);
      yield {
        readerId: d.readerId,
        email: r?.email ?? '(erased)',
        firstName: r?.firstName ?? '',
        state: d.state,
        reason: d.reason ?? (d.state === 'queued' || d.state === 'claimed' ? 'not yet sent' : d.feedback ?? ''),
        at: d.sentAt ?? d.claimedAt ?? d.notBefore,
      };
    }
    chunk = [];
  };
  for await (const d of allDeliveries(ctx, issueId)) {
    if (!keep(d)) continue;
    chunk.push(d);
    if (chunk.length >= 100) yield* flush();
  }
  if (chunk.length) yield* flush();
}

export { IssueFigures, MissedRow } from './schemas.js';
