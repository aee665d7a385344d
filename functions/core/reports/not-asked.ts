/**
 * Readers the outcome report must not silently drop: those who will never be asked a check-in
 * because they unsubscribed, were suppressed, stopped check-ins or never agreed to them. They are
 * counted per checkpoint still to come (attribute `notAsked` on the outcome counters) from the moment
 * they leave, and taken back exactly (with the dimensions they were counted under) if they return.
 */
import type { Config } from '../config.js';
import { counter } from '../aggregates/counters.js';
import { checkpointsToCome } from '../course/engine.js';
import { OUTCOME_COUNTERS, cohortOf, outcomeDims } from '../outcomes/record.js';
import type { OutboxOp, Reader } from '../readers/schema.js';

export const NOT_ASKED = 'notAsked';

/** Enrolled (confirmed at some point) and out of the check-ins. */
export function leftCheckins(r: Reader): boolean {
  if (!r.enrolledOn || r.deletedAt || r.status === 'pending') return false;
  return r.status === 'unsubscribed' || r.status === 'suppressed' || !r.followUpConsent || r.followUpStopped;
}

function ops(id: string, n: NonNullable<Reader['notAsked']>, sign: 1 | -1): OutboxOp {
  return {
    id,
    counters: n.checkpoints.flatMap((cp) => [
      counter(OUTCOME_COUNTERS, outcomeDims.situation(n.situation, cp), { [NOT_ASKED]: sign }),
      counter(OUTCOME_COUNTERS, outcomeDims.track(n.track, cp), { [NOT_ASKED]: sign }),
      counter(OUTCOME_COUNTERS, outcomeDims.cohort(n.cohort, n.situation, cp), { [NOT_ASKED]: sign }),
    ]),
    puts: [],
  };
}

/** The reader to save and the counter ops a change implies for the "not asked" line of the report. */
export function notAskedChange(prev: Reader | null, next: Reader, cfg: Pick<Config, 'checkpoints'>): { reader: Reader; ops: OutboxOp[] } {
  const ver = (prev?.ver ?? 0) + 1;
  const out = leftCheckins(next);
  if (out && !next.notAsked) {
    const checkpoints = checkpointsToCome(next, cfg);
    if (!checkpoints.length) return { reader: next, ops: [] };
    const n = { checkpoints, situation: next.situation, track: next.track, cohort: cohortOf(next) };
    return { reader: { ...next, notAsked: n }, ops: [ops(`${next.id}:${ver}:notasked+`, n, 1)] };
  }
  if (!out && next.notAsked) return { reader: { ...next, notAsked: undefined }, ops: [ops(`${next.id}:${ver}:notasked-`, next.notAsked, -1)] };
  return { reader: next, ops: [] };
}
