import { z } from 'zod';
import { ChoiceItem } from './choices.js';
import { CounterName } from './counters.js';

/**
 * Without transactions (dynalite has none), a change to an item and to the counters and history
 * items it implies cannot be one atomic write. So the item carries the pending work in its
 * `outbox`, written atomically with the change, and the work is applied afterwards; each counter
 * remembers the op ids it has applied while they are in flight, so applying twice is a no-op.
 * Readers and outcome records have an outbox (see versioned.ts).
 */
export const CounterUpdate = z.object({
  counter: CounterName,
  /** Which item of that counter family (e.g. `healthy#shared/self-esteem`). */
  dims: z.string(),
  add: z.record(z.string(), z.number()),
});
export type CounterUpdate = z.infer<typeof CounterUpdate>;

/** History items written with the change (idempotent puts with deterministic keys). */
export const HistoryPut = z.discriminatedUnion('entity', [z.object({ entity: z.literal('choice'), item: ChoiceItem })]);
export type HistoryPut = z.infer<typeof HistoryPut>;

export const OutboxOp = z.object({
  id: z.string(),
  /** When the op was written (app time). A writer drains its own ops; others' only once stale. */
  at: z.string().optional(),
  counters: z.array(CounterUpdate).default([]),
  puts: z.array(HistoryPut).default([]),
});
export type OutboxOp = z.infer<typeof OutboxOp>;
/** An op as a change creates it; the write stamps its time. */
export type NewOp = Omit<z.input<typeof OutboxOp>, 'at'> & { counters: CounterUpdate[] };

/**
 * Another writer's op still in flight is left to that writer (draining it here could forget its
 * id on a counter before that writer applies it, which would then count twice). After this long
 * the writer has surely crashed, and whoever writes or visits the item next finishes the op.
 */
export const STALE_OP_MS = 2 * 60_000;

export const counterUpdate = (counter: CounterName, dims: string, add: Record<string, number>): CounterUpdate => ({ counter, dims, add });
