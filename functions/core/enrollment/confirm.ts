import type { Ctx } from '../context.js';
import { startCourse } from '../course/engine.js';
import { verify } from '../links/tokens.js';
import type { Reader } from '../readers/schema.js';
import { mutateReader } from '../readers/store.js';

export type ConfirmResult =
  | { status: 'confirmed' | 'already'; reader: Reader }
  | { status: 'invalid' | 'expired' | 'gone' | 'stopped' };

/**
 * Confirms a sign-up from the emailed link. Idempotent: a second click shows the same kind
 * page and changes nothing. Starting the course makes the welcome due at once.
 */
export async function confirm(ctx: Ctx, token: string | undefined): Promise<ConfirmResult> {
  const now = ctx.clock.now();
  const v = verify(ctx.secrets.signingSecret, token, 'confirm', now);
  if (!v.ok) return { status: v.reason === 'expired' ? 'expired' : 'invalid' };
  // Links sent before 2026-12 carry seconds, newer ones milliseconds.
  const i = Number(v.payload.i ?? 0);
  const issuedAt = i < 1e11 ? i * 1000 : i;
  const state: { result: ConfirmResult['status'] } = { result: 'already' };
  const reader = await mutateReader(ctx, v.payload.r, (r) => {
    if (r.status === 'suppressed') {
      state.result = 'stopped';
      return null;
    }
    // A confirmation link from before an unsubscribe must not undo it.
    if (r.status === 'unsubscribed' && (!r.unsubscribedAt || issuedAt < Date.parse(r.unsubscribedAt))) {
      state.result = 'stopped';
      return null;
    }
    if (r.status !== 'pending' && r.status !== 'unsubscribed') {
      state.result = 'already';
      return null;
    }
    state.result = 'confirmed';
    return startCourse(r, now);
  });
  if (!reader) return { status: 'gone' };
  if (state.result === 'confirmed' || state.result === 'already') return { status: state.result, reader };
  return { status: state.result };
}
