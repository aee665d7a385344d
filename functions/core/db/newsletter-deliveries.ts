import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { ownWrite } from './own-writes.js';
import { itemParser } from './parse.js';

/**
 * The per-(issue, reader) delivery ledger: one item for each reader an issue is meant for, written
 * before anything is sent, claimed before its send and marked after. It is what makes a broadcast
 * exactly once and never silent about who did not get it:
 *   pk NEWSLETTER#<issueId>   sk TO#<readerId>
 *   list  NLDUE#<dueIssue> / <dueSlot>    while queued (due at its send time) or claimed (due when the claim goes stale)
 * and SES's Send event for a claimed send (proof SES accepted it), written by the SES-events handler:
 *   pk NEWSLETTER#<issueId>   sk MARK#<readerId>
 * and what happened to a copy after SES took it (delivered, bounced, complained; the reader
 * unsubscribing with it or replying to it), each field set once by whoever learns it:
 *   pk NEWSLETTER#<issueId>   sk NOTE#<readerId>
 * The notes are an item of their own because the sender writes a batch's ledger items back whole
 * (BatchWriteItem has no condition): a Delivery or an unsubscribe landing between the batch's read
 * and its write-back would be overwritten on the ledger item, while the counters kept it.
 */
export const DeliveryState = z.enum(['queued', 'claimed', 'sent', 'failed', 'skipped', 'cancelled']);
export type DeliveryState = z.infer<typeof DeliveryState>;

/** Why a reader in the segment did not get the issue. */
export const SkipReason = z.enum(['unsubscribed', 'newsletter-off', 'suppressed', 'rejected', 'failed', 'cancelled', 'gone']);
export type SkipReason = z.infer<typeof SkipReason>;

export const Feedback = z.enum(['delivered', 'bounced', 'complained']);
export type Feedback = z.infer<typeof Feedback>;

export const Delivery = z.object({
  issueId: z.string(),
  readerId: z.string(),
  state: DeliveryState,
  reason: SkipReason.optional(),
  /** Counted among the issue's recipients (false: matched the segment but excluded at the snapshot). */
  recipient: z.boolean().default(true),
  /** Not before this instant: the send time, the reader's own hour, or their next day without a lesson. */
  notBefore: z.string(),
  claimedAt: z.string().optional(),
  /** Batches claimed together share this id (one SendBulkEmail call). */
  batch: z.string().optional(),
  messageId: z.string().optional(),
  sentAt: z.string().optional(),
  /** Days it waited because the reader had a lesson that day. */
  deferrals: z.number().int().default(0),
  /** Sends SES did not take for a passing reason (throttling, a fault): tried again later, a few times. */
  tries: z.number().int().default(0),
  feedback: Feedback.optional(),
  /** The reader unsubscribed (from the newsletter or everything) with this issue's link or after it. */
  unsubscribedAt: z.string().optional(),
  repliedAt: z.string().optional(),
  /** Present while the item is in the due listing: `<instant>#<readerId>`, and the issue id as its partition. */
  dueSlot: z.string().optional(),
  dueIssue: z.string().optional(),
});
export type Delivery = z.infer<typeof Delivery>;

export const deliveryEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'newsletter-delivery', version: '1', service: 'mend' },
      attributes: {
        issueId: { type: 'string', required: true },
        readerId: { type: 'string', required: true },
        state: { type: DeliveryState.options, required: true },
        reason: { type: SkipReason.options },
        recipient: { type: 'boolean' },
        notBefore: { type: 'string', required: true },
        claimedAt: { type: 'string' },
        batch: { type: 'string' },
        messageId: { type: 'string' },
        sentAt: { type: 'string' },
        deferrals: { type: 'number' },
        tries: { type: 'number' },
        feedback: { type: Feedback.options },
        unsubscribedAt: { type: 'string' },
        repliedAt: { type: 'string' },
        dueSlot: { type: 'string' },
        dueIssue: { type: 'string' },
      },
      indexes: {
        byReader: {
          pk: { field: 'pk', composite: ['issueId'], template: 'NEWSLETTER#${issueId}', casing: 'none' },
          sk: { field: 'sk', composite: ['readerId'], template: 'TO#${readerId}', casing: 'none' },
        },
        due: {
          index: 'list',
          condition: (a) => a.dueSlot !== undefined,
          // Its own copy of the issue id: a sparse index needs every composite present or absent together.
          pk: { field: 'listPk', composite: ['dueIssue'], template: 'NLDUE#${dueIssue}', casing: 'none' },
          sk: { field: 'listSk', composite: ['dueSlot'], template: '${dueSlot}', casing: 'none' },
        },
      },
    },
    config,
  );

/**
 * A batch of up to 50 copies sent in one SendBulkEmail call: the unit that is claimed (one
 * conditional write for the batch, not one per copy) and listed when due. Each copy's ledger item
 * names its batch; a batch only ever sends the copies whose ledger item still names it, so a copy
 * moved to another batch (deferred, retried) can never go twice.
 *   pk NEWSLETTER#<issueId>   sk BATCH#<batchId>
 *   list  NLBATCH#<dueIssue> / <dueSlot>   while queued (due at its send time) or claimed (due when the claim goes stale)
 */
export const BatchState = z.enum(['queued', 'claimed', 'done', 'cancelled']);
export const Batch = z.object({
  issueId: z.string(),
  batchId: z.string(),
  state: BatchState,
  readerIds: z.array(z.string()),
  notBefore: z.string(),
  claimedAt: z.string().optional(),
  dueSlot: z.string().optional(),
  dueIssue: z.string().optional(),
});
export type Batch = z.infer<typeof Batch>;

export const batchEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'newsletter-batch', version: '1', service: 'mend' },
      attributes: {
        issueId: { type: 'string', required: true },
        batchId: { type: 'string', required: true },
        state: { type: BatchState.options, required: true },
        readerIds: { type: 'list', items: { type: 'string' }, required: true },
        notBefore: { type: 'string', required: true },
        claimedAt: { type: 'string' },
        dueSlot: { type: 'string' },
        dueIssue: { type: 'string' },
        /** The last state change's write id (newsletter-ledger.ts changeBatch). */
        wid: { type: 'string' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['issueId'], template: 'NEWSLETTER#${issueId}', casing: 'none' },
          sk: { field: 'sk', composite: ['batchId'], template: 'BATCH#${batchId}', casing: 'none' },
        },
        due: {
          index: 'list',
          condition: (a) => a.dueSlot !== undefined,
          pk: { field: 'listPk', composite: ['dueIssue'], template: 'NLBATCH#${dueIssue}', casing: 'none' },
          sk: { field: 'listSk', composite: ['dueSlot'], template: '${dueSlot}', casing: 'none' },
        },
      },
    },
    config,
  );

/** What happened to a copy after SES took it; read merged into its ledger item (`withNote`). */
export const DeliveryNote = z.object({
  issueId: z.string(),
  readerId: z.string(),
  feedback: Feedback.optional(),
  unsubscribedAt: z.string().optional(),
  repliedAt: z.string().optional(),
});
export type DeliveryNote = z.infer<typeof DeliveryNote>;
export type NoteField = 'feedback' | 'unsubscribedAt' | 'repliedAt';

export const deliveryNoteEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'newsletter-note', version: '1', service: 'mend' },
      attributes: {
        issueId: { type: 'string', required: true },
        readerId: { type: 'string', required: true },
        feedback: { type: Feedback.options },
        unsubscribedAt: { type: 'string' },
        repliedAt: { type: 'string' },
        /** Which write set a field last (see noteOnDelivery). */
        wid: { type: 'string' },
      },
      indexes: {
        byReader: {
          pk: { field: 'pk', composite: ['issueId'], template: 'NEWSLETTER#${issueId}', casing: 'none' },
          sk: { field: 'sk', composite: ['readerId'], template: 'NOTE#${readerId}', casing: 'none' },
        },
      },
    },
    config,
  );

export const parseNote = itemParser(DeliveryNote);

/** A ledger item as the notes have it (a note wins: a ledger item written before notes had their own item may carry an older one). */
export const withNote = (d: Delivery, n: DeliveryNote | undefined): Delivery =>
  n ? { ...d, feedback: n.feedback ?? d.feedback, unsubscribedAt: n.unsubscribedAt ?? d.unsubscribedAt, repliedAt: n.repliedAt ?? d.repliedAt } : d;

export const deliveryMarkEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'newsletter-mark', version: '1', service: 'mend' },
      attributes: {
        issueId: { type: 'string', required: true },
        readerId: { type: 'string', required: true },
        messageId: { type: 'string', required: true },
        at: { type: 'string', required: true },
      },
      indexes: {
        byReader: {
          pk: { field: 'pk', composite: ['issueId'], template: 'NEWSLETTER#${issueId}', casing: 'none' },
          sk: { field: 'sk', composite: ['readerId'], template: 'MARK#${readerId}', casing: 'none' },
        },
      },
    },
    config,
  );

export const parseDelivery = itemParser(Delivery);

export const dueSlotOf = (at: string, readerId: string) => `${at}#${readerId}`;

/**
 * SES feedback and reader actions on a copy of an issue, set on its note once, or with `override`
 * whenever it is not already `value` (a bounce after a delivery): true if this call set it (so the
 * issue's counters count it once). Only for a reader the issue was meant for (one with a ledger
 * item), as before notes had their own item; one such ledger item may already carry the field
 * itself, and then it is not set (or counted) again.
 */
export async function noteOnDelivery(ctx: Ctx, issueId: string, readerId: string, field: NoteField, value: string, opts: { override?: boolean } = {}): Promise<boolean> {
  const { data } = await ctx.db.entities.newsletterDelivery.get({ issueId, readerId }).go({ consistent: true, attributes: ['readerId', field] });
  if (!data) return false;
  const onLedger = (data as Record<string, unknown>)[field];
  if (onLedger !== undefined && (!opts.override || onLedger === value)) return false;
  // A lost answer: the SDK sends the update again, and the copy fails on what the first one set.
  // The note says whose write it holds (a later write of another field may have replaced the id:
  // then this one goes uncounted, as a crash would leave it, never counted twice).
  return ownWrite(
    (wid) =>
      ctx.db.entities.newsletterNote
        .update({ issueId, readerId })
        .set({ [field]: value, wid } as never)
        .where((a, { notExists, ne }) => (opts.override ? `${notExists(a[field])} OR ${(ne as (x: unknown, v: string) => string)(a[field], value)}` : notExists(a[field])))
        .go({ response: 'none' }),
    async () => (await ctx.db.entities.newsletterNote.get({ issueId, readerId }).go({ consistent: true, attributes: ['wid'] })).data?.wid,
  );
}
