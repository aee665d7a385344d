import { z } from 'zod';
import type { Ctx } from '../context.js';
import type { Page } from '../db/paging.js';
import { getReader, getReaders, ReaderStatus, Track } from '../db/readers.js';
import { everyReply, findReply, inboxPage, updateReply, type ReplyChanges, type ReplyItem } from '../db/replies.js';
import { Outcome } from '../outcomes/categories.js';
import { recordOutcome } from '../outcomes/record.js';
import { getReplyText } from '../db/reply-texts.js';
import { applyReply } from '../replies/apply.js';
import { proposeOutcome } from '../replies/schema.js';
import { badRequest, notFound } from '../shared/errors.js';
import { Signal } from '../signals/kinds.js';
import { addNote } from './notes.js';
import { attentionOf, StoryReply, storyReply } from './story.js';

export const InboxFilter = z.object({
  box: z.enum(['unreviewed', 'reviewed']).default('unreviewed'),
  signal: Signal.optional(),
  track: Track.optional(),
  /** Only replies that need the author: an unverified sender, a course step that did not finish. */
  attention: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', '']).transform((v) => v === 'true' || v === '1' || v === 'on')])
    .optional()
    .describe('true: only replies that need you (unverified sender, course step not finished)'),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type InboxFilter = z.infer<typeof InboxFilter>;

/** A reply in the author's inbox: the reply, whose it is, and (when the reader is still here) who they are. */
export const InboxReply = StoryReply.extend({
  readerId: z.string(),
  situation: z.string(),
  reader: z.object({ firstName: z.string(), email: z.string(), status: ReaderStatus }).optional(),
});
export type InboxReply = z.infer<typeof InboxReply>;

const keepFor = (f: Pick<InboxFilter, 'signal' | 'track' | 'attention'>) => (r: ReplyItem) =>
  (!f.track || r.track === f.track) && (!f.signal || r.signals.some((s) => s.signal === f.signal)) && (!f.attention || !!attentionOf(r));

const inboxReply = (r: ReplyItem): InboxReply => ({ ...storyReply(r), readerId: r.readerId, situation: r.situation });

/** The replies inbox, newest first: one box (unreviewed by default), filtered by signal and track. */
export async function listReplies(ctx: Ctx, f: InboxFilter): Promise<Page<InboxReply>> {
  const page = await inboxPage(ctx, f.box, { limit: f.limit, cursor: f.cursor, keep: keepFor(f) });
  const replies = page.items.map(inboxReply);
  const readers = new Map((await getReaders(ctx, [...new Set(replies.map((r) => r.readerId))])).map((r) => [r.id, r]));
  for (const r of replies) {
    const who = readers.get(r.readerId);
    if (who) r.reader = { firstName: who.firstName, email: who.email, status: who.status };
  }
  return { items: replies, cursor: page.cursor };
}

/** Every reply in both boxes (CSV export). */
export async function* allReplies(ctx: Ctx): AsyncGenerator<ReplyItem> {
  for (const box of ['unreviewed', 'reviewed'] as const) yield* everyReply(ctx, box);
}

/** A reply by reader and id, or a 404 naming what is missing. */
export async function getReply(ctx: Ctx, readerId: string, replyId: string): Promise<ReplyItem> {
  const reply = await findReply(ctx, readerId, replyId);
  if (!reply) throw notFound('No such reply for this reader');
  return reply;
}

/** Moves a reply between the unreviewed and reviewed boxes (its list key is the box). */
export async function markReviewed(ctx: Ctx, readerId: string, replyId: string, reviewed = true): Promise<InboxReply> {
  const reply = await getReply(ctx, readerId, replyId);
  const next = await updateReply(ctx, reply, { reviewed, reviewedAt: ctx.clock.now().toISOString() });
  ctx.log.info('reply reviewed', { readerId, replyId, reviewed });
  return inboxReply(next);
}

/**
 * The author's correction of what a reply says. Signals still present keep their evidence; added
 * ones are marked as the author's. The first machine reading is kept beside it, so the
 * recogniser's mistakes can be counted later. The course is not moved again: this is the record.
 */
export async function correctSignals(ctx: Ctx, readerId: string, replyId: string, signals: Signal[]): Promise<InboxReply> {
  const reply = await getReply(ctx, readerId, replyId);
  const wanted = [...new Set(signals)];
  const next = wanted.map((s) => reply.signals.find((x) => x.signal === s) ?? { signal: s, evidence: '', correctedBy: 'author' });
  const original = reply.originalSignals ?? reply.signals;
  const set: ReplyChanges = { signals: next, originalSignals: original, signalsCorrectedAt: ctx.clock.now().toISOString() };
  if (reply.checkpoint) set.proposedOutcome = proposeOutcome(wanted);
  const updated = await updateReply(ctx, reply, set);
  ctx.log.info('reply signals corrected', { readerId, replyId, signals: wanted });
  return inboxReply(updated);
}

export const ConfirmOutcomeInput = z.object({
  outcome: Outcome.optional(),
  checkpoint: z.string().regex(/^\d+m$/, 'must look like 1m, 3m, 12m').optional(),
});

export const OutcomeConfirmed = z.object({
  status: z.enum(['recorded', 'changed', 'same']).describe('a new answer, a changed one, or the one already counted'),
  checkpoint: z.string(),
  outcome: Outcome,
  reply: InboxReply,
});
export type OutcomeConfirmed = z.infer<typeof OutcomeConfirmed>;

/**
 * Confirms the outcome a check-in reply suggests (or the one the author picks instead). It goes
 * through recordOutcome like a clicked answer, so the counters stay exact; the reply is then reviewed.
 */
export async function confirmOutcome(
  ctx: Ctx,
  readerId: string,
  replyId: string,
  input: z.infer<typeof ConfirmOutcomeInput>,
): Promise<OutcomeConfirmed> {
  const reply = await getReply(ctx, readerId, replyId);
  const checkpoint = input.checkpoint ?? reply.checkpoint;
  const outcome = input.outcome ?? reply.proposedOutcome;
  if (!checkpoint) throw badRequest('This reply does not answer a check-in: name the checkpoint', [{ path: 'checkpoint', message: 'is required for this reply' }]);
  if (!outcome) throw badRequest('Nothing was proposed for this reply: choose the outcome', [{ path: 'outcome', message: 'is required for this reply' }]);
  if (!ctx.config.checkpoints.map((m) => `${m}m`).includes(checkpoint)) throw badRequest('Unknown checkpoint', [{ path: 'checkpoint', message: `is not one of ${ctx.config.checkpoints.map((m) => `${m}m`).join(', ')}` }]);
  const reader = await getReader(ctx, readerId);
  if (!reader) throw notFound('No reader with this id');
  const res = await recordOutcome(ctx, reader, { checkpoint, outcome, source: 'author' });
  const updated = await updateReply(ctx, reply, { reviewed: true, confirmedOutcome: outcome, reviewedAt: ctx.clock.now().toISOString() });
  ctx.log.info('outcome confirmed by author', { readerId, replyId, checkpoint, outcome, status: res.status });
  return { status: res.status, checkpoint, outcome, reply: inboxReply(updated) };
}

/** A private note on a reply: shown in the inbox, and in the reader's timeline as a note item. */
export async function noteOnReply(ctx: Ctx, readerId: string, replyId: string, text: string): Promise<InboxReply> {
  const reply = await getReply(ctx, readerId, replyId);
  await addNote(ctx, readerId, text, replyId);
  return inboxReply(await updateReply(ctx, reply, { note: text }));
}

/**
 * The author lets a reply act on the course: one that was withheld (an unverified sender, a message
 * they assigned) or whose course step failed. The same step the inbound path runs, so it is exact and
 * idempotent: applying twice, or a reply the course already took, changes nothing more.
 */
export async function applyReplyToCourse(ctx: Ctx, readerId: string, replyId: string): Promise<InboxReply> {
  const reply = await getReply(ctx, readerId, replyId);
  if (reply.courseStep === 'done') return inboxReply(reply);
  const next = await applyReply(ctx, { ...reply, courseStep: 'pending' }, 'author');
  ctx.log.info('reply applied by author', { readerId, replyId, courseStep: next.courseStep, applied: next.applied });
  return inboxReply(next);
}

export const ReplyText = z.object({
  text: z.string().describe("the reader's whole text, quotes stripped"),
  bytes: z.number().int(),
  truncated: z.boolean().describe('even this is cut (over 1 MB): the raw message has the rest'),
  raw: z.string().describe('where the raw message is kept'),
});
export type ReplyText = z.infer<typeof ReplyText>;

/** A reply's whole text: the item's own when it fitted, else the parts stored beside it. */
export async function replyText(ctx: Ctx, readerId: string, replyId: string): Promise<ReplyText> {
  const reply = await getReply(ctx, readerId, replyId);
  const whole = reply.textTruncated ? await getReplyText(ctx, readerId, replyId) : null;
  const text = whole ?? reply.text;
  const bytes = Buffer.byteLength(text);
  return { text, bytes, truncated: !!reply.textTruncated && (whole === null || (reply.textBytes ?? 0) > bytes), raw: reply.raw };
}
