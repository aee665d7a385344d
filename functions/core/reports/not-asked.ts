/**
 * Readers the outcome report must not silently drop: those who will never be asked a check-in
 * because they unsubscribed, were suppressed, stopped check-ins or never agreed to them. They are
 * counted when they leave (per checkpoint still to come), and taken back exactly, with the
 * dimensions they were counted under, if they return. Only a change in or out of the check-ins
 * writes counters (three items, one attribute per checkpoint), so the dispatcher's saves never do.
 */
import type { Config } from '../config.js';
import { checkpointsToCome } from '../course/engine.js';
import { counterUpdate, type NewOp } from '../db/outbox.js';
import type { Reader } from '../db/readers.js';
import { cohortOf } from '../outcomes/record.js';

/** Counter items (family notAsked): `situation#<s>`, `track#<t>`, `cohort#<YYYY-MM>#<s>`; one attribute per checkpoint. */
export const notAskedDims = {
  situation: (situation: string) => `situation#${situation}`,
  track: (track: string) => `track#${track}`,
  cohort: (month: string, situation: string) => `cohort#${month}#${situation}`,
};

/** Enrolled (confirmed at some point) and out of the check-ins. */
export function leftCheckins(r: Reader | null): boolean {
  // A newsletter-only reader was never in the course, so never due a check-in either.
  if (!r || !r.enrolledOn || r.deletedAt || r.status === 'pending' || r.course === false) return false;
  return r.status === 'unsubscribed' || r.status === 'suppressed' || !r.followUpConsent || r.followUpStopped;
}

function op(id: string, n: NonNullable<Reader['notAsked']>, sign: 1 | -1): NewOp {
  const add = Object.fromEntries(n.checkpoints.map((cp) => [cp, sign]));
  return {
    id,
    counters: [
      counterUpdate('notAsked', notAskedDims.situation(n.situation), add),
      counterUpdate('notAsked', notAskedDims.track(n.track), add),
      counterUpdate('notAsked', notAskedDims.cohort(n.cohort, n.situation), add),
    ],
  };
}

/** The reader to save and the counter ops a change implies for the "not asked" line of the report. */
export function notAskedChange(prev: Reader | null, next: Reader, cfg: Pick<Config, 'checkpoints'>): { reader: Reader; ops: NewOp[] } {
  const ver = (prev?.ver ?? 0) + 1;
  const out = leftCheckins(next);
  if (out && !next.notAsked && !leftCheckins(prev)) {
    const checkpoints = checkpointsToCome(next, cfg);
    if (!checkpoints.length) return { reader: next, ops: [] };
    const n = { checkpoints, situation: next.situation, track: next.track, cohort: cohortOf(next) };
    return { reader: { ...next, notAsked: n }, ops: [op(`${next.id}:${ver}:notasked+`, n, 1)] };
  }
  if (!out && next.notAsked) return { reader: { ...next, notAsked: undefined }, ops: [op(`${next.id}:${ver}:notasked-`, next.notAsked, -1)] };
  return { reader: next, ops: [] };
}
