/**
 * What went wrong, in the domain's words. The domain never names an HTTP status: the API maps each
 * kind to one in a single place (functions/api/errors.ts), as JSON for API clients and as a kind
 * page where the route renders pages. Anything that is not one of these is a fault of ours (500).
 */
export type Issue = { path: string; message: string };

export type ErrorKind = 'not-found' | 'invalid' | 'conflict' | 'gone' | 'rate-limited' | 'too-large' | 'unavailable';

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;
  /**
   * A finer reason where one kind covers cases a person must be told apart (a link that was cut
   * short and one that expired are both refusals), for the page that explains it.
   */
  readonly reason?: string;

  constructor(message: string, opts: { reason?: string } = {}) {
    super(message);
    if (opts.reason) this.reason = opts.reason;
  }
}

/** What was asked for does not exist (a reader, a reply, a message). */
export class NotFound extends DomainError {
  readonly kind = 'not-found';
}

/** The input cannot be used; `issues` names every bad field (path, message). */
export class Invalid extends DomainError {
  readonly kind = 'invalid';
  constructor(
    message: string,
    readonly issues: Issue[] = [],
    opts: { reason?: string } = {},
  ) {
    super(message, opts);
  }
}

/** The request contradicts the current state (someone else changed it first). */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
}

/** It existed once and is over for good: an expired link, an expired sign-up, a stopped address. */
export class Gone extends DomainError {
  readonly kind = 'gone';
}

/** Too many attempts: refused for `retryAfter` seconds, whatever is sent. */
export class RateLimited extends DomainError {
  readonly kind = 'rate-limited';
  constructor(
    message: string,
    readonly retryAfter: number,
    opts: { reason?: string } = {},
  ) {
    super(message, opts);
  }
}

/** The request is bigger than this route takes: refused before anything reads it. */
export class TooLarge extends DomainError {
  readonly kind = 'too-large';
  constructor(
    message: string,
    readonly limitBytes: number,
  ) {
    super(message);
  }
}

/** Seconds a caller is asked to wait after a temporary fault: long enough for a blip to pass, short enough to feel like "try again now". */
export const RETRY_AFTER_FAULT = 5;

/**
 * A service we depend on failed; nothing was lost and trying again later should work. With
 * `retryAfter`, the seconds after which it should (the `Retry-After` header). `reason` tells the
 * pages which words fit: `storage` when our database did not answer, none for a mail that could not go.
 */
export class Unavailable extends DomainError {
  readonly kind = 'unavailable';
  readonly retryAfter?: number;
  constructor(message: string, opts: { reason?: string; retryAfter?: number } = {}) {
    super(message, opts);
    if (opts.retryAfter !== undefined) this.retryAfter = opts.retryAfter;
  }
}

export const invalid = (message: string, issues: Issue[] = []) => new Invalid(message, issues);
export const notFound = (message = 'Not found') => new NotFound(message);
/** The old name of `invalid`, kept for callers elsewhere (core/db/paging.ts, the dev routes). */
export const badRequest = invalid;
