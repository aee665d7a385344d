import type { Ctx } from '../context.js';
import { bumpCounter } from '../db/counters.js';
import { noteOnDelivery } from '../db/newsletter-deliveries.js';
import type { Reader } from '../db/readers.js';
import { token } from '../links/urls.js';
import { applyReaderAction } from '../readers/actions.js';

/**
 * The newsletter's consent, apart from the course's: a reader gets newsletters only if they opted
 * in, confirmed their address, and neither unsubscribed (from everything) nor were suppressed.
 * Paused readers still get them: pausing pauses lessons, and the newsletter has its own switch.
 */
export function newsletterEligible(r: Pick<Reader, 'newsletter' | 'status' | 'enrolledOn'>): boolean {
  return !!r.newsletter && !!r.enrolledOn && (r.status === 'active' || r.status === 'paused' || r.status === 'completed');
}

/** Why a reader who matched a segment is not mailed (null: they are). */
export function exclusionOf(r: Pick<Reader, 'newsletter' | 'status' | 'enrolledOn' | 'newsletterOffAt'>): 'unsubscribed' | 'newsletter-off' | 'suppressed' | null {
  if (r.status === 'suppressed') return 'suppressed';
  if (r.status === 'unsubscribed') return 'unsubscribed';
  if (!r.newsletter) return 'newsletter-off';
  return null;
}

/**
 * The newsletter's own unsubscribe (its footer link and List-Unsubscribe, RFC 8058): the newsletter
 * stops, the course carries on. With the issue it came from, that issue counts it once.
 */
export async function unsubscribeFromNewsletter(ctx: Ctx, readerId: string, issueId?: string): Promise<void> {
  await applyReaderAction(ctx, readerId, { action: 'newsletter-off' });
  if (issueId && (await noteOnDelivery(ctx, issueId, readerId, 'unsubscribedAt', ctx.clock.now().toISOString()).catch(() => false)))
    await bumpCounter(ctx, 'newsletter', issueId, { unsubscribed: 1 });
}

/** The newsletter's unsubscribe link: signed per reader, naming the list and the issue. */
export const newsletterUnsubscribeUrl = (ctx: Ctx, readerId: string, issueId: string) =>
  `${ctx.config.publicUrl}/unsubscribe/${token(ctx, 'unsub', readerId, { l: 'newsletter', i: issueId })}`;

