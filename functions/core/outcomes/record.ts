import type { z } from 'zod';
import type { Ctx } from '../context.js';
import { counterUpdate, type CounterUpdate, type NewOp } from '../db/outbox.js';
import type { OutcomeRecord, OutcomeSource } from '../db/outcomes.js';
import type { Reader } from '../db/readers.js';
import { drainStale, outcomeStore, writeVersioned } from '../db/versioned.js';
import type { Outcome } from './categories.js';

export { OutcomeRecord, OutcomeSource } from '../db/outcomes.js';

/** Counter items the outcome report reads: one per dimension, one attribute per outcome plus `asked`. */
export const outcomeDims = {
  situation: (situation: string, cp: string) => `situation#${situation}#${cp}`,
  track: (track: string, cp: string) => `track#${track}#${cp}`,
  cohort: (month: string, situation: string, cp: string) => `cohort#${month}#${situation}#${cp}`,
};

/** The counter updates for moving one reader's answer at a checkpoint from `before` to `after`. */
export function outcomeCounters(
  dims: { situation: string; track: string; cohort: string; checkpoint: string },
  add: Record<string, number>,
): CounterUpdate[] {
  const { situation, track, cohort, checkpoint: cp } = dims;
  return [
    counterUpdate('outcomes', outcomeDims.situation(situation, cp), add),
    counterUpdate('outcomes', outcomeDims.track(track, cp), add),
    counterUpdate('outcomes', outcomeDims.cohort(cohort, situation, cp), add),
  ];
}

/** The op that counts a check-in as asked; it rides in the reader's outbox with the send. */
export function askedOp(r: Reader, checkpoint: string): NewOp {
  return {
    id: `${r.id}:asked:${checkpoint}`,
    counters: outcomeCounters({ situation: r.situation, track: r.track, cohort: cohortOf(r), checkpoint }, { asked: 1 }),
  };
}

export const cohortOf = (r: Pick<Reader, 'enrolledOn' | 'createdAt'>) => (r.enrolledOn ?? r.createdAt).slice(0, 7);

export type RecordResult = { status: 'recorded' | 'changed' | 'same'; record: OutcomeRecord };

/**
 * Records a reader's answer for a checkpoint. The latest answer counts: a changed answer moves one
 * count from the old outcome to the new one. The counter update rides in the outcome item's own
 * outbox (same versioned writer as readers), so a retry never double-counts.
 */
export async function recordOutcome(
  ctx: Ctx,
  r: Reader,
  input: { checkpoint: string; outcome: Outcome; source: z.infer<typeof OutcomeSource> },
): Promise<RecordResult> {
  const key = { readerId: r.id, checkpoint: input.checkpoint };
  let status: RecordResult['status'] = 'same';
  const stored = await outcomeStore.get(ctx, key);
  const current = stored ? await drainStale(ctx, outcomeStore, key, stored) : null;
  const { item } = await writeVersioned(
    ctx,
    outcomeStore,
    key,
    (prev) => {
      if (prev && prev.outcome === input.outcome) {
        status = 'same';
        return null;
      }
      status = prev ? 'changed' : 'recorded';
      const at = ctx.clock.now().toISOString();
      const askedTrack = [...r.sends].reverse().find((s) => s.kind === 'checkin' && s.ref === input.checkpoint);
      const dims = prev ?? { situation: r.situation, track: askedTrack?.track ?? r.track, cohort: cohortOf(r) };
      const add: Record<string, number> = { [input.outcome]: 1 };
      if (prev) add[prev.outcome] = -1;
      const ver = (prev?.ver ?? 0) + 1;
      const next: OutcomeRecord = {
        readerId: r.id,
        checkpoint: input.checkpoint,
        outcome: input.outcome,
        answeredAt: at,
        source: input.source,
        situation: dims.situation,
        track: dims.track,
        cohort: dims.cohort,
        history: [...(prev?.history ?? []), { outcome: input.outcome, at, source: input.source }],
        outbox: prev?.outbox ?? [],
        ver: prev?.ver ?? 0,
      };
      return { next, ops: [{ id: `${r.id}:outcome:${input.checkpoint}:${ver}`, counters: outcomeCounters({ ...dims, checkpoint: input.checkpoint }, add) }] };
    },
    { current },
  );
  return { status, record: { ...item!, outbox: [] } };
}
