import type { Ctx } from '../context.js';
import { newId } from '../shared/ids.js';
import { applyCounterOnce, forgetCounterOp } from './counters.js';
import { ConflictError } from './errors.js';
import { STALE_OP_MS, type HistoryPut, type NewOp, type OutboxOp } from './outbox.js';
import { getOutcome, saveOutcome, type OutcomeKey, type OutcomeRecord } from './outcomes.js';
import { getReader, saveReader, type Reader } from './readers.js';

/**
 * The one versioned-write helper. Items that change often and carry derived work (readers,
 * outcome records) have a version `ver` and an `outbox`: every write is conditional on the version
 * read; a conflict (someone wrote first) re-reads and tries again, with jittered exponential
 * backoff and a bound; any other error surfaces at once. After a write, the outbox is drained
 * (counters applied once, history items written, then the ops removed from the item and forgotten).
 */
export interface Versioned {
  ver: number;
  outbox: OutboxOp[];
  /** Which write stored this version (see writeVersioned). */
  wid?: string;
}

export interface VersionedStore<T extends Versioned, K> {
  get(ctx: Ctx, key: K): Promise<T | null>;
  /** Writes `next` if the stored version is still `expectedVer` (null: if absent); ConflictError otherwise. */
  save(ctx: Ctx, next: T, expectedVer: number | null): Promise<T>;
}

export const readerStore: VersionedStore<Reader, string> = { get: getReader, save: saveReader };
export const outcomeStore: VersionedStore<OutcomeRecord, OutcomeKey> = { get: getOutcome, save: saveOutcome };

/** What to write given the current item (null: absent), plus the outbox ops the change implies; null writes nothing. */
export type Change<T> = (current: T | null) => { next: T; ops?: NewOp[] } | null;

export const RETRY = { attempts: 8, baseMs: 4, capMs: 250 };

/** Full jitter: a random wait up to an exponentially growing cap (real time: contention is real). */
const backoff = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.random() * Math.min(RETRY.capMs, RETRY.baseMs * 2 ** attempt)));

/**
 * Reads (unless `current` is given), applies `change`, writes conditionally; on a conflict,
 * re-reads and applies `change` again, at most `attempts` times (then the ConflictError surfaces).
 * Returns the item after the call (drained, unless a fault left its ops for later) and whether
 * this call wrote it.
 */
export async function writeVersioned<T extends Versioned, K>(
  ctx: Ctx,
  store: VersionedStore<T, K>,
  key: K,
  change: Change<T>,
  opts: { current?: T | null; attempts?: number } = {},
): Promise<{ item: T | null; written: boolean }> {
  const attempts = opts.attempts ?? RETRY.attempts;
  let current = opts.current !== undefined ? opts.current : await store.get(ctx, key);
  for (let attempt = 1; ; attempt++) {
    const plan = change(current);
    if (!plan) return { item: current, written: false };
    const at = ctx.clock.now().toISOString();
    const ops: OutboxOp[] = (plan.ops ?? []).map((o) => ({ ...o, puts: o.puts ?? [], at }));
    const wid = newId(12);
    const next = { ...plan.next, wid, ...(ops.length ? { outbox: [...plan.next.outbox, ...ops] } : {}) };
    let saved: T;
    try {
      saved = await store.save(ctx, next, current ? current.ver : null);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      // A lost answer (a timeout after DynamoDB applied the write): the SDK sent it again, and the
      // copy failed on the very version the first one wrote. The item says whose write it holds.
      const landed = await store.get(ctx, key);
      if (landed?.wid === wid) saved = landed;
      else {
        if (attempt >= attempts) throw e;
        await backoff(attempt);
        current = landed;
        continue;
      }
    }
    return { item: await drainOrLeave(ctx, store, key, saved, new Set(ops.map((o) => o.id))), written: true };
  }
}

/**
 * The write has landed: a fault while draining its outbox (DynamoDB throttling or down a moment
 * later) must not report the change as failed, or the caller tells the person it did not happen
 * and skips what follows it (a sign-up's confirmation email). The ops stay in the item, as after a
 * crash, and the item's next write or visit finishes them once they are stale.
 */
async function drainOrLeave<T extends Versioned, K>(ctx: Ctx, store: VersionedStore<T, K>, key: K, saved: T, mine: Set<string>): Promise<T> {
  try {
    return await drainOutbox(ctx, store, key, saved, mine);
  } catch (e) {
    ctx.log.warn('outbox left for a later write', { ops: mine.size, error: (e as Error).name });
    return saved;
  }
}

/** Ops another writer left long enough ago that it must have crashed (or ops older than `at` stamps). */
export function staleOps(ctx: Ctx, outbox: OutboxOp[]): OutboxOp[] {
  const now = ctx.clock.now().getTime();
  return outbox.filter((o) => !o.at || now - Date.parse(o.at) >= STALE_OP_MS);
}

/**
 * Applies the given writer's own ops (and any stale ones), then removes them from the item, then
 * forgets their ids on the counters. Order matters: forgetting before the item drops an op would
 * let a retry apply it twice. A crash anywhere leaves the op in the outbox; once stale, the next
 * write or visit (see `drainStale`) finishes it.
 */
export async function drainOutbox<T extends Versioned, K>(ctx: Ctx, store: VersionedStore<T, K>, key: K, saved: T, mine: Set<string> = new Set()): Promise<T> {
  const stale = new Set(staleOps(ctx, saved.outbox).map((o) => o.id));
  const ops = saved.outbox.filter((o) => mine.has(o.id) || stale.has(o.id));
  if (!ops.length) return saved;
  for (const op of ops) await applyOp(ctx, op);
  const done = new Set(ops.map((o) => o.id));
  const { item } = await writeVersioned(
    ctx,
    store,
    key,
    (cur) => (cur && cur.outbox.some((o) => done.has(o.id)) ? { next: { ...cur, outbox: cur.outbox.filter((o) => !done.has(o.id)) } } : null),
    { current: saved },
  );
  for (const op of ops) await Promise.all(op.counters.map((c) => forgetCounterOp(ctx, c.counter, c.dims, op.id)));
  return item ?? saved;
}

async function applyOp(ctx: Ctx, op: OutboxOp): Promise<void> {
  await Promise.all([...op.counters.map((c) => applyCounterOnce(ctx, c.counter, c.dims, c.add, op.id)), ...op.puts.map((p) => putHistory(ctx, p))]);
}

/** History items have deterministic keys: writing one twice leaves one item. */
async function putHistory(ctx: Ctx, p: HistoryPut): Promise<void> {
  switch (p.entity) {
    case 'choice':
      await ctx.db.entities.choice.put(p.item).go({ response: 'none' });
  }
}

/** Finishes ops a crashed writer left behind, if any are stale (the scheduler's visit, a read before a write). */
export async function drainStale<T extends Versioned, K>(ctx: Ctx, store: VersionedStore<T, K>, key: K, item: T): Promise<T> {
  return staleOps(ctx, item.outbox).length ? drainOutbox(ctx, store, key, item) : item;
}

export { ConflictError };
