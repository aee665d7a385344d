import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { Outcome } from '../outcomes/categories.js';
import { Signal } from '../signals/recognise.js';
import { isConditionFailure } from './errors.js';
import { everyItem, filteredPage, type Page, type PageOptions } from './paging.js';

export const SignalRecord = z.object({ signal: Signal, evidence: z.string(), day: z.number().optional(), correctedBy: z.string().optional() });

/**
 * A reader's reply, parsed and matched. Kept whole; never changes the reader's course by itself
 * (the inbound use-case does that).
 *   pk READER#<id>   sk REPLY#<receivedAt>#<replyId>   (in the reader's history collection)
 *   list  INBOX#<unreviewed|reviewed> / <receivedAt>#<replyId>   the author's inbox, newest first
 */
export const ReplyItem = z.object({
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
  signals: z.array(SignalRecord),
  /** The machine's first reading, kept when the author corrects the signals. */
  originalSignals: z.array(SignalRecord).optional(),
  signalsCorrectedAt: z.string().optional(),
  /** For check-in replies: what the signals suggest, for the author to confirm. */
  proposedOutcome: Outcome.optional(),
  confirmedOutcome: Outcome.optional(),
  reviewed: z.boolean(),
  reviewedAt: z.string().optional(),
  note: z.string().optional(),
});
export type ReplyItem = z.infer<typeof ReplyItem>;

export const replyEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'reply', version: '1', service: 'mend' },
      attributes: {
        readerId: { type: 'string', required: true },
        replyId: { type: 'string', required: true },
        receivedAt: { type: 'string', required: true },
        matchedBy: { type: ReplyItem.shape.matchedBy.options, required: true },
        seq: { type: 'number' },
        kind: { type: 'string' },
        lessonId: { type: 'string' },
        checkpoint: { type: 'string' },
        track: { type: 'string', required: true },
        situation: { type: 'string', required: true },
        trackDay: { type: 'number' },
        subject: { type: 'string' },
        text: { type: 'string' },
        fullText: { type: 'string' },
        raw: { type: 'string', required: true },
        rawKey: { type: 'string', required: true },
        attachments: { type: 'any' },
        automatic: { type: ['auto-reply', 'bounce'] as const },
        signals: { type: 'any' },
        originalSignals: { type: 'any' },
        signalsCorrectedAt: { type: 'string' },
        proposedOutcome: { type: Outcome.options },
        confirmedOutcome: { type: Outcome.options },
        reviewed: { type: 'boolean', required: true },
        reviewedAt: { type: 'string' },
        note: { type: 'string' },
        /** Index attribute of `list`: which inbox the reply is in (follows `reviewed`). */
        box: { type: ['unreviewed', 'reviewed'] as const, required: true },
      },
      indexes: {
        byReader: {
          collection: 'history',
          pk: { field: 'pk', composite: ['readerId'], template: 'READER#${readerId}', casing: 'none' },
          sk: { field: 'sk', composite: ['receivedAt', 'replyId'], template: 'REPLY#${receivedAt}#${replyId}', casing: 'none' },
        },
        inbox: {
          index: 'list',
          pk: { field: 'listPk', composite: ['box'], template: 'INBOX#${box}', casing: 'none' },
          sk: { field: 'listSk', composite: ['receivedAt', 'replyId'], template: '${receivedAt}#${replyId}', casing: 'none' },
        },
      },
    },
    config,
  );

const boxOf = (reviewed: boolean) => (reviewed ? ('reviewed' as const) : ('unreviewed' as const));

export const replyFromItem = (i: Record<string, unknown>): ReplyItem | null => {
  const r = ReplyItem.safeParse(i);
  return r.success ? r.data : null;
};

/** Writes a reply once: 'exists' if a reply with the same key is already stored (a re-delivery). */
export async function putReplyOnce(ctx: Ctx, reply: ReplyItem): Promise<'created' | 'exists'> {
  try {
    await ctx.db.entities.reply.create({ ...reply, box: boxOf(reply.reviewed) }).go({ response: 'none' });
    return 'created';
  } catch (e) {
    if (isConditionFailure(e)) return 'exists';
    throw e;
  }
}

/** A reply by reader and id: one Query on the reader's replies (a reader has a handful). */
export async function findReply(ctx: Ctx, readerId: string, replyId: string): Promise<ReplyItem | null> {
  const { data } = await ctx.db.entities.reply.query
    .byReader({ readerId })
    .where((a, { eq }) => eq(a.replyId, replyId))
    .go({ pages: 'all', consistent: true });
  return data[0] ? replyFromItem(data[0]) : null;
}

/** Field updates of a stored reply (the author's review); `undefined` removes a field. */
export type ReplyChanges = Partial<Pick<ReplyItem, 'reviewed' | 'reviewedAt' | 'signals' | 'originalSignals' | 'signalsCorrectedAt' | 'proposedOutcome' | 'confirmedOutcome' | 'note'>>;

export async function updateReply(ctx: Ctx, reply: Pick<ReplyItem, 'readerId' | 'receivedAt' | 'replyId'>, changes: ReplyChanges): Promise<ReplyItem> {
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [k, v] of Object.entries(changes)) v === undefined ? remove.push(k) : (set[k] = v);
  if (changes.reviewed !== undefined) set.box = boxOf(changes.reviewed);
  let q = ctx.db.entities.reply.patch({ readerId: reply.readerId, receivedAt: reply.receivedAt, replyId: reply.replyId }).set(set as never);
  if (remove.length) q = q.remove(remove as never);
  const { data } = await q.go({ response: 'all_new' });
  return ReplyItem.parse(data);
}

/** The author's inbox: one box, newest first, `keep` applied to each reply. */
export function inboxPage(ctx: Ctx, box: 'unreviewed' | 'reviewed', opts: PageOptions<ReplyItem>): Promise<Page<ReplyItem>> {
  return filteredPage(ctx.db.entities.reply.query.inbox({ box }), 'list', replyFromItem, opts);
}

/** Every reply in one box, newest first (exports). */
export const everyReply = (ctx: Ctx, box: 'unreviewed' | 'reviewed') => everyItem(ctx.db.entities.reply.query.inbox({ box }), replyFromItem);

/** Replies waiting in a box (the overview): reads keys only. */
export async function countInBox(ctx: Ctx, box: 'unreviewed' | 'reviewed'): Promise<number> {
  const { data } = await ctx.db.entities.reply.query.inbox({ box }).go({ pages: 'all', attributes: ['replyId'] });
  return data.length;
}
