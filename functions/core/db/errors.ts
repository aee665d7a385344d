/**
 * Errors of the persistence layer. ElectroDB wraps the SDK's errors (the original is its
 * `cause`), so callers never look at SDK error names themselves.
 */

import { Conflict } from '../shared/errors.js';

/**
 * Someone else wrote the item first: the caller re-reads and tries again, or gives way. One that
 * survives every retry reaches the API as a domain Conflict (409, try again), not a fault of ours.
 */
export class ConflictError extends Conflict {
  constructor(what: string) {
    super(`Someone else changed this at the same moment (${what}); please try again.`);
    this.name = 'ConflictError';
  }
}

/** A conditional write whose condition did not hold (a stale version, an existing key, ...). */
export function isConditionFailure(e: unknown): boolean {
  for (let err = e as { name?: string; cause?: unknown } | undefined, i = 0; err && i < 4; err = err.cause as typeof err, i++)
    if (err.name === 'ConditionalCheckFailedException') return true;
  return false;
}
