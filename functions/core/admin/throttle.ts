import type { Ctx } from '../context.js';
import type { Clock } from '../clock.js';
import { addFailure, failuresIn, removeFailure } from '../db/throttle.js';
import { clientKey } from '../shared/client.js';
import { keyedHash } from '../shared/keyed-hash.js';
import { wallClock } from './auth.js';

/**
 * Wrong admin tokens per client address: after MAX_FAILURES in one window, that address is
 * refused (even with the right token) until the window ends. The token is long and random, so
 * this is a second line; it also keeps a guessing script from filling the logs.
 * Stored in the table (Lambda instances share no memory), keyed by a keyed hash of the address
 * (an IPv6 client by its /64, see shared/client.ts) so no IP address is kept, and expiring with
 * its window.
 */
export const MAX_FAILURES = 10;
export const WINDOW_SECONDS = 15 * 60;
const PURPOSE = 'admin-token';

// Wall-clock, like sessions (auth.ts): moving the dev clock must not lock the author out or let them in.

const hashAddress = (ctx: Ctx, address: string) => keyedHash(ctx.secrets.signingSecret, 'throttle/v1', clientKey(address));

function windowOf(clock: Clock) {
  const now = Math.floor(clock.now().getTime() / 1000);
  const start = now - (now % WINDOW_SECONDS);
  return { start, retryAfter: start + WINDOW_SECONDS - now };
}

const keyOf = (ctx: Ctx, address: string, clock: Clock) => {
  const w = windowOf(clock);
  return { key: { purpose: PURPOSE, addressHash: hashAddress(ctx, address), windowStart: w.start }, w };
};

/** Seconds to wait if this address is locked out, else 0. No address (in-process calls) is never locked. */
export async function lockedFor(ctx: Ctx, address: string | undefined, clock: Clock = wallClock): Promise<number> {
  if (!address) return 0;
  const { key, w } = keyOf(ctx, address, clock);
  return (await failuresIn(ctx, key)) >= MAX_FAILURES ? w.retryAfter : 0;
}

export async function recordFailure(ctx: Ctx, address: string | undefined, clock: Clock = wallClock): Promise<void> {
  if (!address) return;
  const { key, w } = keyOf(ctx, address, clock);
  await addFailure(ctx, key, w.start + 2 * WINDOW_SECONDS);
}

/** One attempt, counted before its token is looked at: locked (seconds to wait) or let through to be judged. */
export interface Attempt {
  retryAfter: number;
  /** The token was right: take this attempt off the count again. */
  forgive(): Promise<void>;
}

/**
 * Counts an attempt as a failure first, with one atomic increment that returns the new count, and
 * only then lets the token be judged: of any burst of parallel attempts from one address, at most
 * MAX_FAILURES are ever evaluated, and the right token sent inside a burst of wrong ones is
 * refused like them. A right token takes its count back, so the author's own calls never add up.
 */
export async function countAttempt(ctx: Ctx, address: string | undefined, clock: Clock = wallClock): Promise<Attempt> {
  if (!address) return { retryAfter: 0, forgive: async () => undefined };
  const { key, w } = keyOf(ctx, address, clock);
  const count = await addFailure(ctx, key, w.start + 2 * WINDOW_SECONDS);
  if (count > MAX_FAILURES) return { retryAfter: w.retryAfter, forgive: async () => undefined };
  return { retryAfter: 0, forgive: () => removeFailure(ctx, key) };
}
