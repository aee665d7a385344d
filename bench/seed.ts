import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Ctx } from '../functions/core/context.js';
import { pool } from '../functions/core/dispatch/run.js';

/** Bulk-loads items 25 at a time (benchmarks only: real writes go through the domain). */
export async function batchPut(ctx: Ctx, items: Record<string, unknown>[], concurrency = 8): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  await pool(chunks, concurrency, async (chunk) => {
    let req: Record<string, unknown>[] | undefined = chunk.map((Item) => ({ PutRequest: { Item } }));
    while (req?.length) {
      const res = await ctx.db.send(new BatchWriteCommand({ RequestItems: { [ctx.config.tableName]: req as never } }));
      req = res.UnprocessedItems?.[ctx.config.tableName] as Record<string, unknown>[] | undefined;
    }
  });
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}
