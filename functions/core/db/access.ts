/**
 * Named access patterns. Domain modules call these; none of them builds a key by hand.
 */
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type BatchGetCommandOutput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Ctx } from '../context.js';
import { Reader } from '../readers/schema.js';
import {
  READERS_LIST,
  dueShard,
  duePk,
  dueSk,
  dueUpTo,
  emailKey,
  readerKey,
  readerListSk,
} from './keys.js';

export class ConflictError extends Error {
  constructor(what: string) {
    super(`concurrent change: ${what}`);
  }
}

export const isConditionFailure = (e: unknown) =>
  e instanceof ConditionalCheckFailedException || (e as Error)?.name === 'ConditionalCheckFailedException';

/** The stored item for a reader: its state plus every index key derived from it. */
export function readerItem(ctx: Ctx, r: Reader): Record<string, unknown> {
  const item: Record<string, unknown> = { ...r, ...readerKey(r.id), rdPk: READERS_LIST, rdSk: readerListSk(r.createdAt, r.id) };
  if (r.dueAt) {
    item.duePk = duePk(dueShard(r.id, ctx.config.dueShards));
    item.dueSk = dueSk(r.dueAt, r.id);
  }
  return item;
}

const KEY_ATTRS = ['pk', 'sk', 'rdPk', 'rdSk', 'duePk', 'dueSk'];
export function parseReader(item: Record<string, unknown>): Reader {
  const copy = { ...item };
  for (const k of KEY_ATTRS) delete copy[k];
  return Reader.parse(copy);
}

/** Access pattern: get a reader by id (strongly consistent). */
export async function getReader(ctx: Ctx, id: string): Promise<Reader | null> {
  const res = await ctx.db.send(
    new GetCommand({ TableName: ctx.config.tableName, Key: readerKey(id), ConsistentRead: true }),
  );
  return res.Item ? parseReader(res.Item) : null;
}

/** Access pattern: many readers by id (admin list pages). */
export async function getReaders(ctx: Ctx, ids: string[]): Promise<Reader[]> {
  const out: Reader[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map(readerKey);
    while (keys && keys.length) {
      const res: BatchGetCommandOutput = await ctx.db.send(
        new BatchGetCommand({ RequestItems: { [ctx.config.tableName]: { Keys: keys } } }),
      );
      for (const item of res.Responses?.[ctx.config.tableName] ?? []) out.push(parseReader(item));
      keys = res.UnprocessedKeys?.[ctx.config.tableName]?.Keys;
    }
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return out.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/**
 * Access pattern: write a reader, conditional on the version we read (or on it not existing).
 * Returns the saved state with its new version. Throws ConflictError if someone wrote first.
 */
export async function saveReader(ctx: Ctx, next: Reader, expectedVer: number | null): Promise<Reader> {
  const saved = { ...next, ver: (expectedVer ?? 0) + 1 };
  try {
    await ctx.db.send(
      new PutCommand({
        TableName: ctx.config.tableName,
        Item: readerItem(ctx, saved),
        ...(expectedVer === null
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'ver = :v', ExpressionAttributeValues: { ':v': expectedVer } }),
      }),
    );
  } catch (e) {
    if (isConditionFailure(e)) throw new ConflictError(`reader ${next.id}`);
    throw e;
  }
  return saved;
}

/** Access pattern: the reader id behind an address (the uniqueness guard for enrolment). */
export async function getEmailOwner(ctx: Ctx, email: string): Promise<string | null> {
  const res = await ctx.db.send(
    new GetCommand({ TableName: ctx.config.tableName, Key: emailKey(email), ConsistentRead: true }),
  );
  return (res.Item?.readerId as string | undefined) ?? null;
}

/** Claims an address for a reader id; returns the id that owns it (ours, or the earlier one). */
export async function claimEmail(ctx: Ctx, email: string, readerId: string): Promise<string> {
  try {
    await ctx.db.send(
      new PutCommand({
        TableName: ctx.config.tableName,
        Item: { ...emailKey(email), readerId },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return readerId;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return (await getEmailOwner(ctx, email)) ?? readerId;
  }
}

/** Frees an address whose sign-up expired unconfirmed, only if it still points at that reader. */
export async function releaseEmail(ctx: Ctx, email: string, readerId: string): Promise<void> {
  try {
    await ctx.db.send(
      new DeleteCommand({
        TableName: ctx.config.tableName,
        Key: emailKey(email),
        ConditionExpression: 'readerId = :r',
        ExpressionAttributeValues: { ':r': readerId },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

export async function deleteReaderItem(ctx: Ctx, r: Reader): Promise<void> {
  try {
    await ctx.db.send(
      new DeleteCommand({
        TableName: ctx.config.tableName,
        Key: readerKey(r.id),
        ConditionExpression: 'ver = :v',
        ExpressionAttributeValues: { ':v': r.ver },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/**
 * Access pattern: readers due at or before `upTo` in one shard, earliest first.
 * With `peek`, the query has no upper bound and also reports the shard's first future due
 * time (the dev clock uses it to skip idle time without a second query).
 */
export async function* queryDueShard(
  ctx: Ctx,
  shard: number,
  upTo: string,
  opts: { pageSize?: number; peek?: boolean } = {},
): AsyncGenerator<{ due: Reader[]; next?: string }> {
  const limit = opts.pageSize ?? 500;
  const bound = dueUpTo(upTo);
  let start: Record<string, unknown> | undefined;
  do {
    const res = await ctx.db.send(
      new QueryCommand({
        TableName: ctx.config.tableName,
        IndexName: 'due',
        KeyConditionExpression: opts.peek ? 'duePk = :p' : 'duePk = :p AND dueSk <= :t',
        ExpressionAttributeValues: opts.peek ? { ':p': duePk(shard) } : { ':p': duePk(shard), ':t': bound },
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    const items = res.Items ?? [];
    const cut = opts.peek ? items.findIndex((i) => String(i.dueSk) > bound) : -1;
    if (cut >= 0) {
      const sk = String(items[cut]!.dueSk);
      yield { due: items.slice(0, cut).map(parseReader), next: sk.slice(0, sk.lastIndexOf('#')) };
      return;
    }
    yield { due: items.map(parseReader) };
    start = res.LastEvaluatedKey;
  } while (start);
}

/** Access pattern: the earliest due time in a shard (the dev clock skips idle ticks with it). */
export async function earliestDue(ctx: Ctx, shard: number): Promise<string | null> {
  const res = await ctx.db.send(
    new QueryCommand({
      TableName: ctx.config.tableName,
      IndexName: 'due',
      KeyConditionExpression: 'duePk = :p',
      ExpressionAttributeValues: { ':p': duePk(shard) },
      ProjectionExpression: 'dueSk',
      Limit: 1,
    }),
  );
  const sk = res.Items?.[0]?.dueSk as string | undefined;
  return sk ? sk.slice(0, sk.lastIndexOf('#')) : null;
}

/** Every item of a query, one DynamoDB page at a time (history, exports, admin lists). */
export async function* queryAll(
  ctx: Ctx,
  q: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  pageSize = 500,
): AsyncGenerator<Record<string, unknown>[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const res = await ctx.db.send(new QueryCommand({ TableName: ctx.config.tableName, ...q, Limit: pageSize, ExclusiveStartKey: start }));
    if (res.Items?.length) yield res.Items;
    start = res.LastEvaluatedKey;
  } while (start);
}

/** All items of a query in one array (small partitions only). */
export async function queryItems(ctx: Ctx, q: Parameters<typeof queryAll>[1]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of queryAll(ctx, q)) items.push(...page);
  return items;
}

/** Access pattern: a reader's whole history (profile, replies, choices, outcomes, notes), oldest first. */
export function readerHistory(ctx: Ctx, id: string): Promise<Record<string, unknown>[]> {
  return queryItems(ctx, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': readerKey(id).pk } });
}
