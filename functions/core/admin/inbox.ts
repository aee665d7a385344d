import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { getReader, getReaders } from '../db/access.js';
import { PREFIX, inboxPk, readerKey } from '../db/keys.js';
import { Outcome } from '../outcomes/categories.js';
import { recordOutcome, type RecordResult } from '../outcomes/record.js';
import { Track } from '../readers/schema.js';
import { ReplyItem, proposeOutcome } from '../replies/schema.js';
import { badRequest, notFound } from '../shared/errors.js';
import { Signal } from '../signals/recognise.js';
import { addNote } from './notes.js';
import { filteredPage, queryAll, type Page, type Query } from './paging.js';
import { storyReply, type StoryReply } from './story.js';

export const InboxFilter = z.object({
  box: z.enum(['unreviewed', 'reviewed']).default('unreviewed'),
  signal: Signal.optional(),
  track: Track.optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type InboxFilter = z.infer<typeof InboxFilter>;

export type InboxReply = StoryReply & { readerId: string; situation: string; reader?: { firstName: string; email: string; status: string } };

const boxQuery = (box: 'unreviewed' | 'reviewed'): Query => ({
  IndexName: 'list',
  KeyConditionExpression: 'listPk = :p',
  ExpressionAttributeValues: { ':p': inboxPk(box) },
  ScanIndexForward: false,
});

const parseReply = (i: unknown) => {
  const r = ReplyItem.safeParse(i);
  return r.success ? r.data : null;
};

const keepFor = (f: Pick<InboxFilter, 'signal' | 'track'>) => (i: Record<string, unknown>) => {
  const r = parseReply(i);
  return !!r && (!f.track || r.track === f.track) && (!f.signal || r.signals.some((s) => s.signal === f.signal));
};

const inboxReply = (r: ReplyItem): InboxReply => ({ ...storyReply(r), readerId: r.readerId, situation: r.situation });

/** The replies inbox, newest first: one box (unreviewed by default), filtered by signal and track. */
export async function listReplies(ctx: Ctx, f: InboxFilter): Promise<Page<InboxReply>> {
  const page = await filteredPage(ctx, boxQuery(f.box), { limit: f.limit, cursor: f.cursor, keep: keepFor(f) });
  const replies = page.items.map((i) => inboxReply(parseReply(i)!));
  const readers = new Map((await getReaders(ctx, [...new Set(replies.map((r) => r.readerId))])).map((r) => [r.id, r]));
  for (const r of replies) {
    const who = readers.get(r.readerId);
    if (who) r.reader = { firstName: who.firstName, email: who.email, status: who.status };
  }
  return { items: replies, cursor: page.cursor };
}

/** Every reply in both boxes (CSV export). */
export async function* allReplies(ctx: Ctx): AsyncGenerator<ReplyItem> {
  for (const box of ['unreviewed', 'reviewed'] as const)
    for await (const items of queryAll(ctx, boxQuery(box))) for (const i of items) {
      const r = parseReply(i);
      if (r) yield r;
    }
}

/** A reply by reader and id: one Query on the reader's replies (a reader has a handful). */
export async function getReply(ctx: Ctx, readerId: string, replyId: string): Promise<ReplyItem & { pk: string; sk: string; originalSignals?: unknown }> {
  const res = await ctx.db.send(
    new QueryCommand({
      TableName: ctx.config.tableName,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      FilterExpression: 'replyId = :r',
      ExpressionAttributeValues: { ':p': readerKey(readerId).pk, ':s': PREFIX.reply, ':r': replyId },
      ConsistentRead: true,
    }),
  );
  const item = res.Items?.[0];
  const reply = item && parseReply(item);
  if (!item || !reply) throw notFound('No such reply for this reader');
  return { ...reply, pk: String(item.pk), sk: String(item.sk), originalSignals: item.originalSignals };
}

/** SET each field; an `undefined` value REMOVEs it (zod reads a missing field, not a null). */
async function updateReply(ctx: Ctx, key: { pk: string; sk: string }, fields: Record<string, unknown>): Promise<ReplyItem> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const set: string[] = [];
  const remove: string[] = [];
  Object.entries(fields).forEach(([k, v], i) => {
    names[`#f${i}`] = k;
    if (v === undefined) return remove.push(`#f${i}`);
    values[`:v${i}`] = v;
    set.push(`#f${i} = :v${i}`);
  });
  const parts = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean);
  const res = await ctx.db.send(
    new UpdateCommand({
      TableName: ctx.config.tableName,
      Key: { pk: key.pk, sk: key.sk },
      UpdateExpression: parts.join(' '),
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      ReturnValues: 'ALL_NEW',
    }),
  );
  return ReplyItem.parse(res.Attributes);
}

/** Moves a reply between the unreviewed and reviewed boxes (its list key is the box). */
export async function markReviewed(ctx: Ctx, readerId: string, replyId: string, reviewed = true): Promise<InboxReply> {
  const reply = await getReply(ctx, readerId, replyId);
  const next = await updateReply(ctx, reply, { reviewed, listPk: inboxPk(reviewed ? 'reviewed' : 'unreviewed'), reviewedAt: ctx.clock.now().toISOString() });
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
  const set: Record<string, unknown> = { signals: next, originalSignals: original, signalsCorrectedAt: ctx.clock.now().toISOString() };
  if (reply.checkpoint) set.proposedOutcome = proposeOutcome(wanted);
  const updated = await updateReply(ctx, reply, set);
  ctx.log.info('reply signals corrected', { readerId, replyId, signals: wanted });
  return inboxReply(updated);
}

export const ConfirmOutcomeInput = z.object({
  outcome: Outcome.optional(),
  checkpoint: z.string().regex(/^\d+m$/, 'must look like 1m, 3m, 12m').optional(),
});

/**
 * Confirms the outcome a check-in reply suggests (or the one the author picks instead). It goes
 * through recordOutcome like a clicked answer, so the counters stay exact; the reply is then reviewed.
 */
export async function confirmOutcome(
  ctx: Ctx,
  readerId: string,
  replyId: string,
  input: z.infer<typeof ConfirmOutcomeInput>,
): Promise<{ status: RecordResult['status']; checkpoint: string; outcome: Outcome; reply: InboxReply }> {
  const reply = await getReply(ctx, readerId, replyId);
  const checkpoint = input.checkpoint ?? reply.checkpoint;
  const outcome = input.outcome ?? reply.proposedOutcome;
  if (!checkpoint) throw badRequest('This reply does not answer a check-in: name the checkpoint', [{ path: 'checkpoint', message: 'is required for this reply' }]);
  if (!outcome) throw badRequest('Nothing was proposed for this reply: choose the outcome', [{ path: 'outcome', message: 'is required for this reply' }]);
  if (!ctx.config.checkpoints.map((m) => `${m}m`).includes(checkpoint)) throw badRequest('Unknown checkpoint', [{ path: 'checkpoint', message: `is not one of ${ctx.config.checkpoints.map((m) => `${m}m`).join(', ')}` }]);
  const reader = await getReader(ctx, readerId);
  if (!reader) throw notFound('No reader with this id');
  const res = await recordOutcome(ctx, reader, { checkpoint, outcome, source: 'author' });
  const updated = await updateReply(ctx, reply, { reviewed: true, listPk: inboxPk('reviewed'), confirmedOutcome: outcome, reviewedAt: ctx.clock.now().toISOString() });
  ctx.log.info('outcome confirmed by author', { readerId, replyId, checkpoint, outcome, status: res.status });
  return { status: res.status, checkpoint, outcome, reply: inboxReply(updated) };
}

/** A private note on a reply: shown in the inbox, and in the reader's timeline as a note item. */
export async function noteOnReply(ctx: Ctx, readerId: string, replyId: string, text: string): Promise<InboxReply> {
  const reply = await getReply(ctx, readerId, replyId);
  await addNote(ctx, readerId, text, replyId);
  return inboxReply(await updateReply(ctx, reply, { note: text }));
}
