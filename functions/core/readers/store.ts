import type { Ctx } from '../context.js';
import { ConflictError, getReader, saveReader } from '../db/access.js';
import { counter, drain } from '../aggregates/counters.js';
import type { OutboxOp, Reader } from './schema.js';
import { computeDueAt } from '../course/engine.js';
import { notAskedChange } from '../reports/not-asked.js';

/** Readers by status x track, one counter item the overview reads. */
export const READER_COUNTS = { family: 'READERS', dims: 'status-track' };
export const statusTrackAttr = (r: Pick<Reader, 'status' | 'track'>) => `${r.status}#${r.track}`;
const counted = (r: Reader | null) => (r && !r.deletedAt ? statusTrackAttr(r) : null);

function statusOps(prev: Reader | null, next: Reader): OutboxOp[] {
  const before = counted(prev);
  const after = counted(next);
  if (before === after) return [];
  const add: Record<string, number> = {};
  if (after) add[after] = 1;
  if (before) add[before] = -1;
  return [{ id: `${next.id}:${(prev?.ver ?? 0) + 1}:st`, counters: [counter(READER_COUNTS.family, READER_COUNTS.dims, add)], puts: [] }];
}

/**
 * The only way a reader changes: save conditionally on the version read, with the counter
 * updates the change implies in its outbox, then drain that outbox.
 */
export async function commitReader(
  ctx: Ctx,
  prev: Reader | null,
  next: Reader,
  extraOps: OutboxOp[] = [],
): Promise<Reader> {
  // Readers who leave the check-ins are counted in the outcome report, never silently dropped.
  const left = notAskedChange(prev, next, ctx.config);
  const ops = [...statusOps(prev, next), ...left.ops, ...extraOps];
  // The due index is always derived from the state being saved, never set by hand.
  const scheduled = { ...left.reader, dueAt: computeDueAt(left.reader, ctx.config) };
  const toSave = ops.length ? { ...scheduled, outbox: [...scheduled.outbox, ...ops] } : scheduled;
  const saved = await saveReader(ctx, toSave, prev ? prev.ver : null);
  if (!saved.outbox.length) return saved;
  let latest = saved;
  await drain(ctx, saved.outbox, async (ids) => {
    const done = new Set(ids);
    const r = await mutateRaw(ctx, saved.id, (cur) => ({ ...cur, outbox: cur.outbox.filter((o) => !done.has(o.id)) }));
    if (r) latest = r;
  });
  return latest;
}

/** Read-modify-write without outbox handling: only for draining the outbox itself. */
async function mutateRaw(ctx: Ctx, id: string, change: (r: Reader) => Reader): Promise<Reader | null> {
  for (let i = 0; ; i++) {
    const cur = await getReader(ctx, id);
    if (!cur) return null;
    try {
      return await saveReader(ctx, change(cur), cur.ver);
    } catch (e) {
      if (!(e instanceof ConflictError) || i > 8) throw e;
    }
  }
}

/**
 * Read-modify-write with optimistic concurrency, retried on conflict. `change` gets a copy and
 * returns the new state, or null to leave the reader as it is. Returns the reader after the call.
 */
export async function mutateReader(
  ctx: Ctx,
  id: string,
  change: (r: Reader) => Reader | null,
  opts: { attempts?: number; ops?: (prev: Reader, next: Reader) => OutboxOp[] } = {},
): Promise<Reader | null> {
  const attempts = opts.attempts ?? 8;
  for (let i = 0; ; i++) {
    const current = await getReader(ctx, id);
    if (!current) return null;
    const next = change(structuredClone(current));
    if (!next) return current;
    try {
      return await commitReader(ctx, current, next, opts.ops?.(current, next) ?? []);
    } catch (e) {
      if (!(e instanceof ConflictError) || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (i + 1)));
    }
  }
}
