import { createHmac } from 'node:crypto';
import type { Ctx } from '../context.js';
import type { Clock } from '../clock.js';
import { addFailure, failuresIn } from '../db/throttle.js';
import { wallClock } from './auth.js';

/**
 * Wrong admin tokens per client address: after MAX_FAILURES in one window, that address is
 * refused (even with the right token) until the window ends. The token is long and random, so
 * this is a second line; it also keeps a guessing script from filling the logs.
 * Stored in the table (Lambda instances share no memory), keyed by a keyed hash of the address
 * so no IP address is kept, and expiring with its window.
 */
export const MAX_FAILURES = 10;
export const WINDOW_SECONDS = 15 * 60;
const PURPOSE = 'admin-token';

// Wall-clock, like sessions (auth.ts): moving the dev clock must not lock the author out or let them in.

const hashAddress = (ctx: Ctx, address: string) =>
  createHmac('sha256', ctx.secrets.signingSecret).update(`mend/throttle/v1\0${address}`).digest('base64url').slice(0, 22);

function windowOf(clock: Clock) {
  const now = Math.floor(clock.now().getTime() / 1000);
  const start = now - (now % WINDOW_SECONDS);
  return { start, retryAfter: start + WINDOW_SECONDS - now };
}

/** Seconds to wait if this address is locked out, else 0. No address (in-process calls) is never locked. */
export async function lockedFor(ctx: Ctx, address: string | undefined, clock: Clock = wallClock): Promise<number> {
  if (!address) return 0;
  const w = windowOf(clock);
  const failures = await failuresIn(ctx, { purpose: PURPOSE, addressHash: hashAddress(ctx, address), windowStart: w.start });
  return failures >= MAX_FAILURES ? w.retryAfter : 0;
}

export async function recordFailure(ctx: Ctx, address: string | undefined, clock: Clock = wallClock): Promise<void> {
  if (!address) return;
  const w = windowOf(clock);
  await addFailure(ctx, { purpose: PURPOSE, addressHash: hashAddress(ctx, address), windowStart: w.start }, w.start + 2 * WINDOW_SECONDS);
}
