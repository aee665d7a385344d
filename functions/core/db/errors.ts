/**
 * Errors of the persistence layer. ElectroDB wraps the SDK's errors (the original is its
 * `cause`), so callers never look at SDK error names themselves.
 */

/** Someone else wrote the item first: the caller re-reads and tries again, or gives way. */
export class ConflictError extends Error {
  constructor(what: string) {
    super(`concurrent change: ${what}`);
    this.name = 'ConflictError';
  }
}

/** A conditional write whose condition did not hold (a stale version, an existing key, ...). */
export function isConditionFailure(e: unknown): boolean {
  for (let err = e as { name?: string; cause?: unknown } | undefined, i = 0; err && i < 4; err = err.cause as typeof err, i++)
    if (err.name === 'ConditionalCheckFailedException') return true;
  return false;
}
