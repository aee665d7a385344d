import type { Ctx } from '../context.js';
import { confirmNewsletterOnly, startCourse } from '../course/engine.js';
import { dispatchNow } from '../dispatch/run.js';
import { verifyLink } from '../links/rotation.js';
import { badLink, LinkRefusal } from '../links/open.js';
import type { Reader } from '../db/readers.js';
import { mutateReader } from '../readers/store.js';
import { Gone } from '../shared/errors.js';
import type { JoinAsk } from './join.js';
import { joinIo } from './enroll.js';

/**
 * `change`: the link was a join link (join.ts) for this change: `confirmed`, it was made now;
 * `already`, the reader had it already (the same link clicked again).
 */
export type ConfirmResult =
  | { status: 'confirmed' | 'already'; reader: Reader; change?: JoinAsk }
  | { status: 'invalid' | 'expired' | 'gone' | 'stopped' | 'stale' };

/** Suppressed, or unsubscribed after this link was issued: a confirmation link must not undo that. */
export function stoppedSince(r: Reader, issuedAt: number): boolean {
  return r.status === 'suppressed' || (r.status === 'unsubscribed' && (!r.unsubscribedAt || issuedAt < Date.parse(r.unsubscribedAt)));
}

/**
 * Confirms a sign-up from the emailed link. Idempotent: a second click shows the same kind
 * page and changes nothing. Starting the course makes the welcome due at once.
 *
 * A join link (its token carries `j`) confirms only the request stored for it (join.ts, loaded
 * then); a plain link never applies a request.
 */
export async function confirm(ctx: Ctx, token: string | undefined): Promise<ConfirmResult> {
  const now = ctx.clock.now();
  const v = verifyLink(ctx, token, 'confirm');
  if (!v.ok) return { status: v.reason === 'expired' ? 'expired' : 'invalid' };
  // Links sent before 2026-12 carry seconds, newer ones milliseconds.
  const i = Number(v.payload.i ?? 0);
  const issuedAt = i < 1e11 ? i * 1000 : i;
  if (v.payload.j !== undefined) return (await import('./join.js')).confirmJoin(joinIo(), ctx, v.payload.r, issuedAt, v.payload.j);
  const state: { result: ConfirmResult['status'] } = { result: 'already' };
  const reader = await mutateReader(ctx, v.payload.r, (r) => {
    if (stoppedSince(r, issuedAt)) {
      state.result = 'stopped';
      return null;
    }
    if (r.status !== 'pending' && r.status !== 'unsubscribed') {
      state.result = 'already';
      return null;
    }
    state.result = 'confirmed';
    // The sign-up confirmed as it stands; a join asked before the reader left is void.
    const signedUp = { ...r, joining: undefined };
    // A newsletter-only reader is confirmed (and will get newsletters) but starts no course.
    return signedUp.course !== false ? startCourse(signedUp, now) : confirmNewsletterOnly(signedUp, now);
  });
  if (!reader) return { status: 'gone' };
  if (state.result === 'confirmed' || state.result === 'already') return { status: state.result, reader };
  return { status: state.result };
}

/** Why a confirmation link is refused, beyond a broken or expired link (pages/confirm.ts words each). */
export const ConfirmRefusal = { ...LinkRefusal, signupExpired: 'signup-expired', stopped: 'stopped', joinStale: 'join-stale' } as const;

export type Confirmed = { status: 'confirmed' | 'already'; reader: Reader; change?: JoinAsk };

/**
 * The /confirm use-case: confirm the sign-up and send the welcome in the same request, so it is in
 * the reader's inbox by the time they look (the course makes it due at once). A refused link is a
 * domain error the page explains: broken (Invalid), or expired, abandoned, stopped or replaced (Gone).
 */
export async function confirmAndWelcome(ctx: Ctx, token: string | undefined): Promise<Confirmed> {
  const res = await confirm(ctx, token);
  switch (res.status) {
    case 'confirmed':
      // Turning the newsletter on starts nothing to send now; starting the course does.
      if (!res.change || res.change.course)
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
    case 'stale':
      throw new Gone('This link was replaced by a newer request', { reason: ConfirmRefusal.joinStale });
    case 'invalid':
      throw badLink();
  }
}
