import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { Outcome } from '../outcomes/categories.js';
import { Signal } from '../signals/kinds.js';
import { isConditionFailure } from './errors.js';
import { everyItem, filteredPage, type Page, type PageOptions } from './paging.js';
import { Verdicts } from './vocabulary.js';
import { itemParser } from './parse.js';

export const SignalRecord = z.object({ signal: Signal, evidence: z.string(), day: z.number().optional(), correctedBy: z.string().optional() });

/**
 * A reply's course step: its signals, `repliedSeqs` and the funnel count, written to the reader after
 * the reply itself is stored. `pending` until it ran (a crash leaves it so: the next delivery of the
 * message, or the author, finishes it); `failed` when it ran out of retries (the author sees it and can
 * apply it); `withheld` when nothing may act on the course without the author (an unverified sender, a
 * message the author assigned); `done` otherwise.
 */
export const CourseStep = z.enum(['pending', 'done', 'failed', 'withheld']);
export type CourseStep = z.infer<typeof CourseStep>;

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
  matchedBy: z.enum(['token', 'sender', 'author']).describe('token: the signed reply address; sender: the From address (acts only when verified); author: assigned by the author'),
  /** The receipt's verdicts passed: SPF or DKIM, and DMARC. Only SES's verdicts count, never headers in the message. */
  senderVerified: z.boolean().default(false).describe("SES's receipt verdicts passed: SPF or DKIM, and DMARC"),
  verdicts: Verdicts.optional(),
  /** Its signals acted on the course (moved, queued a lesson). */
  applied: z.boolean().default(false).describe('its signals acted on the course'),
  appliedBy: z.enum(['inbound', 'author']).optional(),
  courseStep: CourseStep.default('done'),
  /** Why the step is withheld or failed, in words for the author (no personal data). */
  stepNote: z.string().optional(),
  /** What the reply was read against: the course had the reader in no contact, or asked them to make contact. */
  context: z.enum(['no-contact', 'contact']).optional(),
  /** The message's identity (inbound-message item), so a re-delivery finds this reply. */
  messageKey: z.string().optional(),
  /** The send this answers, when known (reply token or In-Reply-To). */
  seq: z.number().int().optional(),
  kind: z.string().optional(),
  lessonId: z.string().optional(),
  /** A reply to a newsletter issue (its reply address names the issue): the issue's id. */
  issueId: z.string().optional(),
  checkpoint: z.string().optional(),
  track: z.string(),
  situation: z.string(),
  /** Course day (track day) of the lesson answered. */
  trackDay: z.number().int().optional(),
  subject: z.string(),
  /** The reader's words, quotes and signature stripped; at most TEXT_CAP_BYTES (then `textTruncated`). */
  text: z.string(),
  /** Set when `text` was cut: the whole of it is in `textParts` reply-text items (up to 1 MB), the rest only in the raw message. */
  textTruncated: z.boolean().optional(),
  /** Size of the reader's whole text in UTF-8 bytes, when cut. */
  textBytes: z.number().int().optional(),
  textParts: z.number().int().optional(),
  fullText: z.string(),
  fullTextTruncated: z.boolean().optional(),
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
        matchedBy: { type: ['token', 'sender', 'author'] as const, required: true },
        senderVerified: { type: 'boolean' },
        verdicts: { type: 'any' },
        applied: { type: 'boolean' },
        appliedBy: { type: ['inbound', 'author'] as const },
        courseStep: { type: CourseStep.options },
        stepNote: { type: 'string' },
        context: { type: ['no-contact', 'contact'] as const },
        messageKey: { type: 'string' },
        seq: { type: 'number' },
        kind: { type: 'string' },
        lessonId: { type: 'string' },
        issueId: { type: 'string' },
        checkpoint: { type: 'string' },
        track: { type: 'string', required: true },
        situation: { type: 'string', required: true },
        trackDay: { type: 'number' },
        subject: { type: 'string' },
        text: { type: 'string' },
        textTruncated: { type: 'boolean' },
        textBytes: { type: 'number' },
        textParts: { type: 'number' },
        fullText: { type: 'string' },
        fullTextTruncated: { type: 'boolean' },
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

export const replyFromItem = itemParser(ReplyItem);

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
export type ReplyChanges = Partial<
  Pick<
    ReplyItem,
    | 'reviewed' | 'reviewedAt' | 'signals' | 'originalSignals' | 'signalsCorrectedAt' | 'proposedOutcome' | 'confirmedOutcome' | 'note'
    | 'courseStep' | 'stepNote' | 'applied' | 'appliedBy' | 'senderVerified' | 'verdicts'
  >
>;

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
