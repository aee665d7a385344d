import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Ctx } from '../context.js';
import { badRequest } from '../shared/errors.js';
import { table, type IndexName } from '../db/table.js';

/**
 * Paged reads of one index partition for the admin lists, with filters DynamoDB cannot express
 * (case-insensitive search, a signal inside a list). The cursor names the last item returned,
 * not the last item read, so a page that stops half-way through a DynamoDB page loses nothing.
 */
export type Query = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'> & { IndexName?: IndexName };
type Item = Record<string, unknown>;

export interface Page<T> {
  items: T[];
  /** Pass back to continue; absent at the end. */
  cursor?: string;
}

/** Key attributes that identify an item's position in an index (the table's key plus the index's). */
function positionKeys(index: IndexName | undefined): string[] {
  const base = [table.partitionKey, table.sortKey];
  if (!index) return base;
  const i = table.indexes[index];
  return [...base, i.partitionKey, i.sortKey];
}

export const encodeCursor = (key: Item) => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string | undefined, index: IndexName | undefined): Item | undefined {
  if (!cursor) return undefined;
  const bad = () => badRequest('This page link is no longer valid; start from the first page', [{ path: 'cursor', message: 'is not a cursor we issued' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const want = positionKeys(index);
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw bad();
  const entries = Object.entries(key as Item);
  if (entries.length !== want.length || entries.some(([k, v]) => !want.includes(k) || typeof v !== 'string')) throw bad();
  return key as Item;
}

const positionOf = (item: Item, index: IndexName | undefined) =>
  Object.fromEntries(positionKeys(index).map((k) => [k, item[k]]));

/** Every item of a query, page by page (exports): the access layer's own loop. */
export { queryAll } from '../db/access.js';

/**
 * Up to `limit` items that pass `keep`, reading at most `maxRead` items so a rare filter cannot
 * read the whole index in one request: then the page comes back short, with a cursor to go on.
 */
export async function filteredPage(
  ctx: Ctx,
  q: Query,
  opts: { limit: number; cursor?: string; keep?: (item: Item) => boolean; maxRead?: number },
): Promise<Page<Item>> {
  const keep = opts.keep ?? (() => true);
  const maxRead = opts.maxRead ?? 5000;
  const out: Item[] = [];
  let start = decodeCursor(opts.cursor, q.IndexName);
  let read = 0;
  for (;;) {
    const res = await ctx.db.send(
      new QueryCommand({ TableName: ctx.config.tableName, ...q, Limit: Math.min(500, Math.max(opts.limit * 2, 50)), ExclusiveStartKey: start }),
    );
    const items = res.Items ?? [];
    for (const [i, item] of items.entries()) {
      if (!keep(item)) continue;
      out.push(item);
      if (out.length === opts.limit) {
        const more = i < items.length - 1 || !!res.LastEvaluatedKey;
        return { items: out, cursor: more ? encodeCursor(positionOf(item, q.IndexName)) : undefined };
      }
    }
    read += items.length;
    start = res.LastEvaluatedKey;
    if (!start) return { items: out };
    if (read >= maxRead) return { items: out, cursor: encodeCursor(start) };
  }
}
