import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { getEmailOwner, getReader, isConditionFailure } from '../db/access.js';
import { inboxPk, inboxSk, replyKey, unmatchedKey } from '../db/keys.js';
import { normaliseEmail } from '../enrollment/input.js';
import type { ReplyItem } from '../replies/schema.js';
import { badRequest, notFound } from '../shared/errors.js';
import { recogniseSignals } from '../signals/recognise.js';
import { filteredPage, queryAll, type Page, type Query } from './paging.js';

/** Inbound mail no reader could be found for: kept with a pointer to the raw message. */
export const UnmatchedItem = z.object({
  id: z.string(),
  receivedAt: z.string(),
  reason: z.string(),
  rawKey: z.string(),
  raw: z.string(),
  from: z.string().optional(),
  subject: z.string().optional(),
  text: z.string().optional(),
  fullText: z.string().optional(),
  automatic: z.string().optional(),
  assignedTo: z.string().optional(),
});
export type UnmatchedItem = z.infer<typeof UnmatchedItem>;

const listQuery: Query = {
  IndexName: 'list',
  KeyConditionExpression: 'listPk = :p',
  ExpressionAttributeValues: { ':p': inboxPk('unmatched') },
  ScanIndexForward: false,
};

export const UnmatchedFilter = z.object({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export async function listUnmatched(ctx: Ctx, f: z.infer<typeof UnmatchedFilter>): Promise<Page<UnmatchedItem>> {
  const page = await filteredPage(ctx, listQuery, { limit: f.limit, cursor: f.cursor });
  return { items: page.items.map((i) => UnmatchedItem.parse(i)), cursor: page.cursor };
}

export async function* allUnmatched(ctx: Ctx): AsyncGenerator<UnmatchedItem> {
  for await (const items of queryAll(ctx, listQuery)) for (const i of items) yield UnmatchedItem.parse(i);
}

export const AssignInput = z
  .object({ readerId: z.string().trim().min(1).max(64).optional(), email: z.string().trim().min(3).max(254).optional() })
  .refine((v) => !!v.readerId !== !!v.email, { message: 'give either readerId or email', path: ['readerId'] });

async function resolveReader(ctx: Ctx, input: z.infer<typeof AssignInput>) {
  const id = input.readerId ?? (await getEmailOwner(ctx, normaliseEmail(input.email!)));
  const reader = id ? await getReader(ctx, id) : null;
  if (!reader) throw notFound(input.email ? 'No reader with this address' : 'No reader with this id');
  return reader;
}

/**
 * The author says who wrote an unmatched message: it becomes a reply of that reader (matched by
 * the author, in the unreviewed inbox) and leaves the unmatched list. Both writes are idempotent,
 * so assigning again after a crash finishes the job instead of duplicating it.
 */
export async function assignUnmatched(ctx: Ctx, id: string, input: z.infer<typeof AssignInput>): Promise<{ readerId: string; replyId: string }> {
  const res = await ctx.db.send(new GetCommand({ TableName: ctx.config.tableName, Key: unmatchedKey(id), ConsistentRead: true }));
  if (!res.Item) throw notFound('No unmatched message with this id');
  const mail = UnmatchedItem.parse(res.Item);
  const reader = await resolveReader(ctx, input);
  if (mail.assignedTo && mail.assignedTo !== reader.id) throw badRequest('This message was already assigned to another reader', [{ path: 'readerId', message: 'already assigned' }]);
  const text = mail.text ?? '';
  const reply: ReplyItem = {
    type: 'reply',
    replyId: mail.id,
    readerId: reader.id,
    receivedAt: mail.receivedAt,
    matchedBy: 'author',
    track: reader.track,
    situation: reader.situation,
    subject: mail.subject ?? '',
    text,
    fullText: mail.fullText ?? text,
    raw: mail.raw,
    rawKey: mail.rawKey,
    attachments: [],
    ...(mail.automatic === 'auto-reply' || mail.automatic === 'bounce' ? { automatic: mail.automatic } : {}),
    signals: (mail.automatic ? [] : recogniseSignals(text)).map((s) => ({ signal: s.signal, evidence: s.evidence, ...(s.day ? { day: s.day } : {}) })),
    reviewed: false,
    listPk: inboxPk('unreviewed'),
    listSk: inboxSk(mail.receivedAt, mail.id),
  };
  try {
    await ctx.db.send(
      new PutCommand({ TableName: ctx.config.tableName, Item: { ...replyKey(reader.id, mail.receivedAt, mail.id), ...reply }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e; // assigned before; finish below
  }
  // Out of the unmatched list, but kept: the raw pointer and who it went to stay on record.
  await ctx.db.send(
    new UpdateCommand({
      TableName: ctx.config.tableName,
      Key: unmatchedKey(id),
      UpdateExpression: 'SET assignedTo = :r, assignedAt = :at REMOVE listPk, listSk',
      ExpressionAttributeValues: { ':r': reader.id, ':at': ctx.clock.now().toISOString() },
    }),
  );
  ctx.log.info('unmatched mail assigned', { mailId: id, readerId: reader.id });
  return { readerId: reader.id, replyId: mail.id };
}
