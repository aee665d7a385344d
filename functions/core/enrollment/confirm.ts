import type { Ctx } from '../context.js';
import { confirmNewsletterOnly, startCourse } from '../course/engine.js';
import { dispatchNow } from '../dispatch/run.js';
import { verifyLink } from '../links/rotation.js';
import { badLink, LinkRefusal } from '../links/open.js';
import type { Reader } from '../db/readers.js';
import { mutateReader } from '../readers/store.js';
import { Gone } from '../shared/errors.js';

export type ConfirmResult =
  | { status: 'confirmed' | 'already'; reader: Reader }
  | { status: 'invalid' | 'expired' | 'gone' | 'stopped' };

/**
 * Confirms a sign-up from the emailed link. Idempotent: a second click shows the same kind
 * page and changes nothing. Starting the course makes the welcome due at once.
 */
export async function confirm(ctx: Ctx, token: string | undefined): Promise<ConfirmResult> {
  const now = ctx.clock.now();
  const v = verifyLink(ctx, token, 'confirm');
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
    // A newsletter-only reader is confirmed (and will get newsletters) but starts no course.
    return r.course !== false ? startCourse(r, now) : confirmNewsletterOnly(r, now);
  });
  if (!reader) return { status: 'gone' };
  if (state.result === 'confirmed' || state.result === 'already') return { status: state.result, reader };
  return { status: state.result };
}

/** Why a confirmation link is refused, beyond a broken or expired link (pages/confirm.ts words each). */
export const ConfirmRefusal = { ...LinkRefusal, signupExpired: 'signup-expired', stopped: 'stopped' } as const;

export type Confirmed = { status: 'confirmed' | 'already'; reader: Reader };

/**
 * The /confirm use-case: confirm the sign-up and send the welcome in the same request, so it is in
 * the reader's inbox by the time they look (the course makes it due at once). A refused link is a
 * domain error the page explains: broken (Invalid), or expired, abandoned or stopped (Gone).
 */
export async function confirmAndWelcome(ctx: Ctx, token: string | undefined): Promise<Confirmed> {
  const res = await confirm(ctx, token);
  switch (res.status) {
    case 'confirmed':
      await dispatchNow(ctx, res.reader.id).catch((e: Error) =>
        // The scheduler's next run sends it instead; the reader is confirmed either way.
        ctx.log.warn('welcome not sent at once', { readerId: res.reader.id, error: e.name }),
      );
      return res;
    case 'already':
      return res;
    case 'expired':
      throw new Gone('This confirmation link has expired', { reason: ConfirmRefusal.expired });
    case 'gone':
      throw new Gone('This sign-up has expired', { reason: ConfirmRefusal.signupExpired });
    case 'stopped':
      throw new Gone('This address asked us to stop sending email', { reason: ConfirmRefusal.stopped });
    case 'invalid':
      throw badLink();
  }
}
