import type { Clock } from '../clock.js';
import type { Ctx } from '../context.js';
import { tokenMatches, wallClock } from './auth.js';
import { countAttempt } from './throttle.js';

export type TokenCheck = { result: 'ok' } | { result: 'wrong' } | { result: 'locked'; retryAfter: number };

/**
 * The admin sign-in policy, the same for the login form and the bearer API: an address with too
 * many wrong tokens in the current window is refused whatever it sends, the right token included,
 * with the seconds until the window ends; otherwise the right token passes and a wrong one is
 * counted against the address. Every attempt is counted before its token is judged (throttle.ts
 * `countAttempt`), so parallel guesses cannot all be judged before the lock. `address` is what the
 * runtime saw (never a header a caller writes); without one (in-process calls) nothing is counted
 * or locked.
 */
export async function checkAdminToken(ctx: Ctx, given: string | undefined, address: string | undefined, clock: Clock = wallClock): Promise<TokenCheck> {
  const attempt = await countAttempt(ctx, address, clock);
  if (attempt.retryAfter) {
    ctx.log.warn('admin token refused: too many wrong tokens from this address');
    return { result: 'locked', retryAfter: attempt.retryAfter };
  }
  if (!tokenMatches(ctx, given)) return { result: 'wrong' };
  await attempt.forgive();
  return { result: 'ok' };
}
