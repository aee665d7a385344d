import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Ctx } from '../context.js';
import { isConditionFailure } from '../db/access.js';
import { counterKey } from '../db/keys.js';
import type { OutboxOp } from '../readers/schema.js';

/**
 * Counters that reports read instead of scanning. Without transactions, an update to a source
 * item and to its counters cannot be atomic, so the source item carries the pending update in
 * its `outbox` (written atomically with the change), and each counter remembers the op ids it
 * has applied while they are in flight. Applying twice is a no-op; a crash at any point leaves
 * the op in the outbox for the next write (or a retry) to finish.
 */
export type CounterUpdate = OutboxOp['counters'][number];

export const counter = (family: string, dims: string, add: Record<string, number>): CounterUpdate => ({
  ...counterKey(family, dims),
  add,
});

/** Applies one op to one counter item, at most once. */
async function applyOnce(ctx: Ctx, opId: string, c: CounterUpdate): Promise<void> {
  const names: Record<string, string> = { '#ops': 'ops' };
  const values: Record<string, unknown> = { ':op': new Set([opId]), ':opv': opId };
  const adds = Object.entries(c.add).map(([attr, n], i) => {
    names[`#a${i}`] = attr;
    values[`:n${i}`] = n;
    return `#a${i} :n${i}`;
  });
  try {
    await ctx.db.send(
      new UpdateCommand({
        TableName: ctx.config.tableName,
        Key: { pk: c.pk, sk: c.sk },
        UpdateExpression: `ADD ${[...adds, '#ops :op'].join(', ')}`,
        ConditionExpression: 'attribute_not_exists(#ops) OR NOT contains(#ops, :opv)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e; // already applied
  }
}

/** Forget an applied op id once its source no longer lists it, so the id set stays small. */
async function forget(ctx: Ctx, opId: string, c: CounterUpdate): Promise<void> {
  await ctx.db.send(
    new UpdateCommand({
      TableName: ctx.config.tableName,
      Key: { pk: c.pk, sk: c.sk },
      UpdateExpression: 'DELETE #ops :op',
      ExpressionAttributeNames: { '#ops': 'ops' },
      ExpressionAttributeValues: { ':op': new Set([opId]) },
    }),
  );
}

/**
 * Drains ops: apply each to its counters, write its history items, let the caller drop them from the source item
 * (`removeFromSource`), then forget the op ids on the counters. Order matters: forgetting
 * before the source drops the op would let a retry apply it twice.
 */
export async function drain(ctx: Ctx, ops: OutboxOp[], removeFromSource: (ids: string[]) => Promise<void>): Promise<void> {
  if (!ops.length) return;
  for (const op of ops) {
    await Promise.all([
      ...op.counters.map((c) => applyOnce(ctx, op.id, c)),
      ...op.puts.map((Item) => ctx.db.send(new PutCommand({ TableName: ctx.config.tableName, Item }))),
    ]);
  }
  await removeFromSource(ops.map((o) => o.id));
  for (const op of ops) await Promise.all(op.counters.map((c) => forget(ctx, op.id, c)));
}

/** A non-idempotent bump for high-volume counters where a lost increment in a crash is acceptable. */
export async function bump(ctx: Ctx, c: CounterUpdate): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds = Object.entries(c.add).map(([attr, n], i) => {
    names[`#a${i}`] = attr;
    values[`:n${i}`] = n;
    return `#a${i} :n${i}`;
  });
  await ctx.db.send(
    new UpdateCommand({
      TableName: ctx.config.tableName,
      Key: { pk: c.pk, sk: c.sk },
      UpdateExpression: `ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

export async function readCounter(ctx: Ctx, family: string, dims: string): Promise<Record<string, number>> {
  const res = await ctx.db.send(new GetCommand({ TableName: ctx.config.tableName, Key: counterKey(family, dims) }));
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(res.Item ?? {})) if (typeof v === 'number') out[k] = v;
  return out;
}
