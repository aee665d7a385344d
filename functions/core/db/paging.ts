import { badRequest } from '../shared/errors.js';
import { table, type IndexName } from './table.js';

/**
 * Paged reads of one index partition for the admin lists, with filters DynamoDB cannot express
 * (case-insensitive search, a signal inside a list). The cursor names the last item returned,
 * not the last item read, so a page that stops half-way through a DynamoDB page loses nothing.
 * Cursors have ElectroDB's own format (base64url JSON of the key), so `go({ cursor })` resumes them.
 */
export interface Page<T> {
  items: T[];
  /** Pass back to continue; absent at the end. */
  cursor?: string;
}

export interface PageOptions<T> {
  limit: number;
  cursor?: string;
  keep?: (item: T) => boolean;
  /** Read at most this many items per call, so a rare filter cannot read a whole index at once. */
  maxRead?: number;
  order?: 'asc' | 'desc';
}

type Item = Record<string, unknown>;
/** The part of an ElectroDB query chain a page needs. */
interface Queryable {
  go(opts: { cursor: string | null; limit: number; data: 'includeKeys'; order: 'asc' | 'desc' }): Promise<{ data: Item[]; cursor: string | null }>;
}

/** Key attributes that identify an item's position in an index (the table's key plus the index's). */
function positionKeys(index: IndexName | null): string[] {
  const base = [table.partitionKey, table.sortKey];
  if (!index) return base;
  const i = table.indexes[index];
  return [...base, i.partitionKey, i.sortKey];
}

const encodeCursor = (key: Item) => Buffer.from(JSON.stringify(key)).toString('base64url');

function checkCursor(cursor: string | undefined, index: IndexName | null): string | null {
  if (!cursor) return null;
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
  return cursor;
}

/** Up to `limit` items that parse and pass `keep`, newest first unless `order` says otherwise. */
export async function filteredPage<T>(q: Queryable, index: IndexName | null, parse: (i: Item) => T | null, opts: PageOptions<T>): Promise<Page<T>> {
  const keep = opts.keep ?? (() => true);
  const maxRead = opts.maxRead ?? 5000;
  const out: T[] = [];
  let cursor = checkCursor(opts.cursor, index);
  let read = 0;
  for (;;) {
    const res = await q.go({ cursor, limit: Math.min(500, Math.max(opts.limit * 2, 50)), data: 'includeKeys', order: opts.order ?? 'desc' });
    for (const [i, item] of res.data.entries()) {
      const parsed = parse(item);
      if (parsed === null || !keep(parsed)) continue;
      out.push(parsed);
      if (out.length === opts.limit) {
        const more = i < res.data.length - 1 || !!res.cursor;
        return { items: out, cursor: more ? encodeCursor(Object.fromEntries(positionKeys(index).map((k) => [k, item[k]]))) : undefined };
      }
    }
    read += res.data.length;
    cursor = res.cursor;
    if (!cursor) return { items: out };
    if (read >= maxRead) return { items: out, cursor };
  }
}

/** Every item of a query, page by page, parsed (exports and small partitions). */
export async function* everyItem<T>(q: Queryable, parse: (i: Item) => T | null, order: 'asc' | 'desc' = 'desc'): AsyncGenerator<T> {
  let cursor: string | null = null;
  do {
    const res: { data: Item[]; cursor: string | null } = await q.go({ cursor, limit: 500, data: 'includeKeys', order });
    for (const i of res.data) {
      const t = parse(i);
      if (t !== null) yield t;
    }
    cursor = res.cursor;
  } while (cursor);
}

/**
 * Every item a BatchGetItem finds for `keys`, asking again for those DynamoDB left unprocessed
 * (it may, under load or past 16 MB), parsed; items that do not parse are left out.
 */
export async function getAll<K, I, T>(keys: K[], get: (keys: K[]) => Promise<{ data: I[]; unprocessed: K[] }>, parse: (i: I) => T | null): Promise<T[]> {
  const out: T[] = [];
  for (let rest = keys; rest.length; ) {
    const { data, unprocessed } = await get(rest);
    for (const i of data) {
      const t = parse(i);
      if (t !== null) out.push(t);
    }
    rest = unprocessed;
  }
  return out;
}
