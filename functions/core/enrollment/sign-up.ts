import { DAY, HOUR, realTime } from '../clock.js';
import type { Ctx } from '../context.js';
import { countRequest } from '../db/rate-windows.js';
import { clientKey } from '../shared/client.js';
import { RateLimited } from '../shared/errors.js';
import { keyedHash } from '../shared/keyed-hash.js';
import { enroll, type EnrollOutcome } from './enroll.js';
import type { EnrollInput } from './input.js';

/** Sign-ups naming one address in one UTC day, from anywhere: more is someone else using the form against them. */
export const SIGNUPS_PER_ADDRESS_PER_DAY = 10;

export interface SignUpRequest {
  input: EnrollInput;
  /** The address the runtime saw the request come from (never a header); undefined in-process. */
  client?: string;
  /** The form's hidden field (pages/subscribe.ts): people leave it empty, robots fill it in. */
  honeypot?: string;
}

export type SignUpOutcome = EnrollOutcome | 'dropped';

/**
 * The front door of enrolment, for the form and the JSON API alike:
 * - at most `signupLimit` (MEND_SIGNUP_LIMIT) sign-ups per client address per hour, and
 *   SIGNUPS_PER_ADDRESS_PER_DAY per named address per day, each counted before it is judged
 *   (429 with Retry-After beyond them); only keyed hashes are stored, never an address;
 * - a filled-in honeypot is answered like any sign-up and does nothing else;
 * - an address on the suppression list (bounced, complained, or erased while unsubscribed) is
 *   never mailed again (enroll.ts checks it);
 * - every answer waits until `signupAnswerMs` after the request arrived, so whether the address is
 *   new (a reader written, a confirmation sent) or known (often nothing to do) cannot be told by
 *   the time the answer takes. Work that outlasts the floor still shows: the floor is set above
 *   a sign-up's usual time.
 */
export async function signUp(ctx: Ctx, req: SignUpRequest): Promise<SignUpOutcome> {
  const timer = ctx.realTime ?? realTime;
  const started = timer.now();
  try {
    await limitClient(ctx, req.client);
    if (req.honeypot?.trim()) {
      ctx.log.info('sign-up dropped: the honeypot field was filled in');
      return 'dropped';
    }
    await limitAddress(ctx, req.input.email);
    return await enroll(ctx, req.input);
  } finally {
    const wait = ctx.config.signupAnswerMs - (timer.now() - started);
    if (wait > 0) await timer.sleep(wait);
  }
}

/** A fixed window of app time: its start (epoch s) and the seconds left in it. */
function windowOf(ctx: Ctx, lengthMs: number) {
  const now = ctx.clock.now().getTime();
  const start = now - (now % lengthMs);
  return { start: start / 1000, retryAfter: Math.max(1, Math.ceil((start + lengthMs - now) / 1000)), expiresAt: (start + 2 * lengthMs) / 1000 };
}

const hash = (ctx: Ctx, purpose: string, value: string) => keyedHash(ctx.secrets.signingSecret, purpose, value);

async function limitClient(ctx: Ctx, client: string | undefined): Promise<void> {
  if (!client || ctx.config.signupLimit === 0) return;
  const w = windowOf(ctx, HOUR);
  const count = await countRequest(ctx, { purpose: 'signup-client', keyHash: hash(ctx, 'signup-client/v1', clientKey(client)), windowStart: w.start }, w.expiresAt);
  if (count <= ctx.config.signupLimit) return;
  ctx.log.warn('sign-up refused: too many from this client address', { count });
  throw new RateLimited(`There have been too many sign-ups from your network in the last hour. Please try again in ${inWords(w.retryAfter)}.`, w.retryAfter);
}

async function limitAddress(ctx: Ctx, email: string): Promise<void> {
  const w = windowOf(ctx, DAY);
  const count = await countRequest(ctx, { purpose: 'signup-address', keyHash: hash(ctx, 'signup-address/v1', email.toLowerCase()), windowStart: w.start }, w.expiresAt);
  if (count <= SIGNUPS_PER_ADDRESS_PER_DAY) return;
  ctx.log.warn('sign-up refused: this address was named too often today', { count });
  throw new RateLimited(`This email address has been signed up too many times today. Please try again in ${inWords(w.retryAfter)}.`, w.retryAfter);
}

const inWords = (seconds: number) => {
  const m = Math.ceil(seconds / 60);
  if (m <= 1) return 'a minute';
  if (m < 90) return `${m} minutes`;
  return `${Math.round(m / 60)} hours`;
};
