import type { Ctx } from '../context.js';
import { isConditionFailure } from './errors.js';
import { ownWrite } from './own-writes.js';
import { Batch, noteOnDelivery, parseDelivery as parse, parseNote, withNote, type Delivery, type DeliveryNote } from './newsletter-deliveries.js';
import { everyItem, getAll } from './paging.js';
import { itemParser } from './parse.js';

/**
 * The access patterns of the delivery ledger and the Send markers (newsletter-deliveries.ts),
 * apart from the entities for the same reason as newsletter-issues.ts: only the newsletter code,
 * loaded on first use, reads and writes them (the newsletter unsubscribe's note stays there).
 */
/**
 * Access pattern: the recipient list, written before any send, and a batch's copies written back
 * after it. Batch writes of 25 (not conditional: nothing is sent until the whole list is written,
 * so a snapshot written again after a crash only rewrites queued items with the same values).
 */
export async function putDeliveries(ctx: Ctx, items: Delivery[]): Promise<void> {
  let rest = items;
  while (rest.length) {
    const { unprocessed } = await ctx.db.entities.newsletterDelivery.put(rest.map((d) => (d.dueSlot ? { ...d, dueIssue: d.issueId } : d))).go({ concurrency: 4 });
    rest = unprocessed.map((k) => rest.find((d) => d.readerId === k.readerId)!).filter(Boolean);
  }
}

/** Access pattern: one reader's delivery of one issue. */
export async function getDelivery(ctx: Ctx, issueId: string, readerId: string): Promise<Delivery | null> {
  const { data } = await ctx.db.entities.newsletterDelivery.get({ issueId, readerId }).go({ consistent: true });
  return data ? parse(data) : null;
}

/** Access pattern: deliveries due at or before `upTo` (queued, or claims gone stale), earliest first. */
export async function dueDeliveries(ctx: Ctx, issueId: string, upTo: string, limit: number): Promise<Delivery[]> {
  const { data } = await ctx.db.entities.newsletterDelivery.query.due({ dueIssue: issueId }).lte({ dueSlot: `${upTo}#~` }).go({ limit });
  return data.map(parse).filter((d): d is Delivery => !!d);
}

/** Access pattern: the earliest due delivery of an issue (when its job next has work). */
export async function earliestDelivery(ctx: Ctx, issueId: string): Promise<string | null> {
  const { data } = await ctx.db.entities.newsletterDelivery.query.due({ dueIssue: issueId }).go({ limit: 1, attributes: ['dueSlot'] });
  const slot = data[0]?.dueSlot;
  return slot ? slot.slice(0, slot.lastIndexOf('#')) : null;
}

/** Access pattern: every delivery of an issue (figures' recount, the who-didn't-get-it view, CSV). */
export async function* allDeliveries(ctx: Ctx, issueId: string): AsyncGenerator<Delivery> {
  const notes = new Map<string, DeliveryNote>();
  for await (const n of everyItem(ctx.db.entities.newsletterNote.query.byReader({ issueId }), parseNote, 'asc')) notes.set(n.readerId, n);
  for await (const d of everyItem(ctx.db.entities.newsletterDelivery.query.byReader({ issueId }), parse, 'asc')) yield withNote(d, notes.get(d.readerId));
}

/**
 * A state change conditional on the state read (and, for a claim, on the claim read): true if it
 * was this call that made it. `dueSlot: null` takes the item out of the due listing.
 */
export async function changeDelivery(
  ctx: Ctx,
  d: Pick<Delivery, 'issueId' | 'readerId' | 'state' | 'claimedAt'>,
  set: Partial<Omit<Delivery, 'issueId' | 'readerId' | 'dueSlot'>> & { dueSlot?: string | null },
  remove: ('claimedAt' | 'batch')[] = [],
): Promise<boolean> {
  const { dueSlot, ...rest } = set;
  const values = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  let q = ctx.db.entities.newsletterDelivery.patch({ issueId: d.issueId, readerId: d.readerId }).set({ ...values, ...(dueSlot ? { dueSlot, dueIssue: d.issueId } : {}) });
  const gone = [...remove, ...(dueSlot === null ? (['dueSlot', 'dueIssue'] as const) : [])];
  if (gone.length) q = q.remove(gone);
  try {
    await q
      .where(({ state, claimedAt }, { eq, notExists }) => `${eq(state, d.state)} AND ${d.claimedAt ? eq(claimedAt, d.claimedAt) : notExists(claimedAt)}`)
      .go({ response: 'none' });
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** A bounce or complaint overrides a delivery already noted (each once). */
export function noteBadFeedback(ctx: Ctx, issueId: string, readerId: string, value: 'bounced' | 'complained'): Promise<boolean> {
  return noteOnDelivery(ctx, issueId, readerId, 'feedback', value, { override: true });
}

/** Access pattern: SES's Send event for a newsletter send. */
export async function putDeliveryMarks(ctx: Ctx, marks: { issueId: string; readerId: string; messageId: string; at: string }[]): Promise<void> {
  let rest = marks;
  while (rest.length) {
    const { unprocessed } = await ctx.db.entities.newsletterMark.put(rest).go({ concurrency: 4 });
    rest = unprocessed.map((k) => rest.find((m) => m.issueId === k.issueId && m.readerId === k.readerId)!).filter(Boolean);
  }
}

/** The Send markers of some readers of one issue (a stale claim's recovery): readerId -> messageId. */
export async function getDeliveryMarks(ctx: Ctx, issueId: string, readerIds: string[]): Promise<Map<string, string>> {
  const keys = readerIds.map((readerId) => ({ issueId, readerId }));
  const marks = await getAll(keys, (k) => ctx.db.entities.newsletterMark.get(k).go({ consistent: true }), (m) => m);
  return new Map(marks.map((m) => [m.readerId, m.messageId]));
}

/** A reader's deliveries of the given issues (their story, export, erase): BatchGetItem, with their notes. */
export async function deliveriesOfReader(ctx: Ctx, readerId: string, issueIds: string[]): Promise<Delivery[]> {
  const keys = issueIds.map((issueId) => ({ issueId, readerId }));
  const [deliveries, notes] = await Promise.all([
    getAll(keys, (k) => ctx.db.entities.newsletterDelivery.get(k).go(), parse),
    getAll(keys, (k) => ctx.db.entities.newsletterNote.get(k).go(), parseNote),
  ]);
  const noteOf = new Map(notes.map((n) => [n.issueId, n]));
  return deliveries.map((d) => withNote(d, noteOf.get(d.issueId)));
}

/** Erasing a reader: their ledger items, notes and Send markers in every issue. */
export async function deleteReaderDeliveries(ctx: Ctx, readerId: string, issueIds: string[]): Promise<void> {
  if (!issueIds.length) return;
  const keys = issueIds.map((issueId) => ({ issueId, readerId }));
  await ctx.db.entities.newsletterDelivery.delete(keys).go({ concurrency: 4 });
  await ctx.db.entities.newsletterNote.delete(keys).go({ concurrency: 4 });
  await ctx.db.entities.newsletterMark.delete(keys).go({ concurrency: 4 });
}


const parseBatch = itemParser(Batch);

/** Access pattern: new batches (batch writes of 25; the recipient list's, or copies moved to a later time). */
export async function putBatches(ctx: Ctx, batches: Batch[]): Promise<void> {
  let rest = batches.map((b) => (b.dueSlot ? { ...b, dueIssue: b.issueId } : b));
  while (rest.length) {
    const { unprocessed } = await ctx.db.entities.newsletterBatch.put(rest).go({ concurrency: 4 });
    rest = unprocessed.map((k) => rest.find((b) => b.batchId === k.batchId)!).filter(Boolean);
  }
}

/** Access pattern: batches due at or before `upTo` (queued, or claims gone stale), earliest first. */
export async function dueBatches(ctx: Ctx, issueId: string, upTo: string, limit: number): Promise<Batch[]> {
  const { data } = await ctx.db.entities.newsletterBatch.query.due({ dueIssue: issueId }).lte({ dueSlot: `${upTo}#~` }).go({ limit });
  return data.map(parseBatch).filter((b): b is Batch => !!b);
}

/** Access pattern: when an issue's next batch is due (its job's next work), or null when none is listed. */
export async function earliestBatch(ctx: Ctx, issueId: string): Promise<string | null> {
  const { data } = await ctx.db.entities.newsletterBatch.query.due({ dueIssue: issueId }).go({ limit: 1, attributes: ['dueSlot'] });
  const slot = data[0]?.dueSlot;
  return slot ? slot.slice(0, slot.lastIndexOf('#')) : null;
}

/**
 * A batch's state change, conditional on the state (and claim) read: true if this call made it.
 * `dueSlot: null` unlists it. The change carries its own write id: when DynamoDB applied it and lost
 * the answer, the SDK's copy fails on the condition and the id found says it was ours (taken for
 * another worker's claim, the batch's copies waited 10 minutes for the claim to go stale, off the
 * readers' hour; a cancelled batch's settling went uncounted).
 */
export async function changeBatch(
  ctx: Ctx,
  b: Pick<Batch, 'issueId' | 'batchId' | 'state' | 'claimedAt'>,
  set: { state: Batch['state']; claimedAt?: string; dueSlot?: string | null },
): Promise<boolean> {
  const { dueSlot, ...rest } = set;
  const key = { issueId: b.issueId, batchId: b.batchId };
  return ownWrite(
    (wid) => {
      let q = ctx.db.entities.newsletterBatch
        .patch(key)
        .set({ ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), ...(dueSlot ? { dueSlot, dueIssue: b.issueId } : {}), wid });
      if (dueSlot === null) q = q.remove(['dueSlot', 'dueIssue']);
      return q
        .where(({ state, claimedAt }, { eq, notExists }) => `${eq(state, b.state)} AND ${b.claimedAt ? eq(claimedAt, b.claimedAt) : notExists(claimedAt)}`)
        .go({ response: 'none' });
    },
    async () => (await ctx.db.entities.newsletterBatch.get(key).go({ consistent: true, attributes: ['wid'] })).data?.wid,
  );
}

/** Access pattern: the ledger items of a batch's readers (one BatchGetItem per 100). */
export function getDeliveries(ctx: Ctx, issueId: string, readerIds: string[]): Promise<Delivery[]> {
  const keys = readerIds.map((readerId) => ({ issueId, readerId }));
  return getAll(keys, (k) => ctx.db.entities.newsletterDelivery.get(k).go({ consistent: true }), parse);
}
