import type { Ctx } from '../context.js';
import { counterUpdate, type NewOp } from '../db/outbox.js';
import type { Reader } from '../db/readers.js';
import { readerStore, writeVersioned } from '../db/versioned.js';
import { computeDueAt } from '../course/engine.js';
import { notAskedChange } from '../reports/not-asked.js';

/** Readers by status x track, one counter item the overview reads. */
export const READER_COUNTS_DIMS = 'status-track';
export const statusTrackAttr = (r: Pick<Reader, 'status' | 'track'>) => `${r.status}#${r.track}`;
// Newsletter-only readers take no course: they are not in the course's status x track counts.
const counted = (r: Reader | null) => (r && !r.deletedAt && r.course !== false ? statusTrackAttr(r) : null);

function statusOps(prev: Reader | null, next: Reader): NewOp[] {
  const before = counted(prev);
  const after = counted(next);
  if (before === after) return [];
  const add: Record<string, number> = {};
  if (after) add[after] = 1;
  if (before) add[before] = -1;
  return [{ id: `${next.id}:${(prev?.ver ?? 0) + 1}:st`, counters: [counterUpdate('readers', READER_COUNTS_DIMS, add)] }];
}

/**
 * Writes one change of a reader, conditional on the version `prev` was read at (null: a new
 * reader). Throws ConflictError if someone wrote first: the caller decides whether to re-read.
 */
export async function commitReader(ctx: Ctx, prev: Reader | null, next: Reader, extraOps: NewOp[] = []): Promise<Reader> {
  const { item } = await writeVersioned(ctx, readerStore, next.id, () => plan(ctx, prev, next, extraOps), { current: prev, attempts: 1 });
  return item!;
}

function plan(ctx: Ctx, prev: Reader | null, next: Reader, extraOps: NewOp[]) {
  // Readers who leave the check-ins are counted in the outcome report, never silently dropped.
  const left = notAskedChange(prev, next, ctx.config);
  // The due index is always derived from the state being saved, never set by hand.
  return { next: { ...left.reader, dueAt: computeDueAt(left.reader, ctx.config) }, ops: [...statusOps(prev, next), ...left.ops, ...extraOps] };
}

/**
 * Read-modify-write with optimistic concurrency, retried on conflict (the shared versioned-write
 * helper). `change` gets a copy and returns the new state, or null to leave the reader as it is.
 * `attempts` raises the bound on retries for work that may wait (a reply's course step).
 * Returns the reader after the call (null if there is no such reader).
 */
export async function mutateReader(
  ctx: Ctx,
  id: string,
  change: (r: Reader) => Reader | null,
  opts: { ops?: (prev: Reader, next: Reader) => NewOp[]; current?: Reader; attempts?: number } = {},
): Promise<Reader | null> {
  const { item } = await writeVersioned(
    ctx,
    readerStore,
    id,
    (cur) => {
      if (!cur) return null;
      const next = change(structuredClone(cur));
      return next ? plan(ctx, cur, next, opts.ops?.(cur, next) ?? []) : null;
    },
    { ...(opts.current ? { current: opts.current } : {}), ...(opts.attempts ? { attempts: opts.attempts } : {}) },
  );
  return item;
}
