import type { Ctx } from '../context.js';
import { bumpCounter } from '../db/counters.js';
import { links, token } from '../links/urls.js';
import { replyToken } from '../links/tokens.js';
import { personalise, valueKey } from '../mailer/personalise.js';
import { PermanentSendError, sendEmail } from '../mailer/send.js';
import { suppressAddress } from '../sending/suppression.js';
import type { Reader } from '../db/readers.js';
import { templates } from '../mailer/template-source.js';
import { authorValues, type TemplateRef } from '../mailer/templates.js';

type JoinRequest = NonNullable<Reader['joining']>;
/** A join link's token flag: c (the course), n (the newsletter), cn (both); join.ts reads it back. */
const joinFlag = (j: JoinRequest): string => `${j.course ? 'c' : ''}${j.newsletter ? 'n' : ''}`;

/**
 * What the email asks the person to confirm, in words that are true for them: the course (for
 * their situation), the newsletter alone (a newsletter-only sign-up), or, for a known reader, the
 * change they asked for (join.ts).
 */
function confirmationRef(r: Reader, join: JoinRequest | undefined): TemplateRef {
  if (join?.course) return { kind: 'join-confirmation', situation: join.course.situation, newsletter: !!join.newsletter };
  if (join) return { kind: 'newsletter-confirmation', join: true };
  return r.course === false ? { kind: 'newsletter-confirmation', join: false } : { kind: 'confirmation', situation: r.situation };
}

/**
 * Confirmation emails are rare and one per person: no batch cache. The templates (one per
 * situation and kind of request) are compiled like a lesson's, so the Lambda bundles carry them
 * precompiled. `join`: a known reader's request (stored on them); its link carries the join flag
 * and the instant it was asked, and only such a link applies it (confirm.ts).
 */
export async function sendConfirmation(ctx: Ctx, r: Reader, join?: JoinRequest): Promise<void> {
  // In milliseconds: a link sent just after an unsubscribe must not look older than it (confirm.ts).
  const issuedAt = join ? Date.parse(join.at) : ctx.clock.now().getTime();
  const confirmUrl = `${ctx.config.publicUrl}/confirm?token=${token(ctx, 'confirm', r.id, join ? { i: issuedAt, j: joinFlag(join) } : { i: issuedAt })}`;
  const unsubscribe = links.unsubscribe(ctx, r.id);
  const compiled = await templates.get(confirmationRef(r, join));
  const { subject, html, text } = personalise(compiled, {
    ...authorValues(ctx),
    [valueKey('firstName')]: r.firstName,
    [valueKey('prefs')]: links.prefs(ctx, r.id),
    [valueKey('unsubscribe')]: unsubscribe,
    [valueKey('confirmUrl')]: confirmUrl,
  });
  await sendEmail(ctx, {
    to: r.email,
    subject,
    html,
    text,
    kind: 'confirmation',
    ref: join ? 'join' : 'confirm',
    unsubscribe: { url: unsubscribe, mailtoToken: replyToken(ctx.secrets.signingSecret, r.id, 0, 'unsub') },
    tags: { reader: r.id, kind: 'confirmation' },
  }).catch(async (e: unknown) => {
    // SES refused this address for good: it goes on the list (so it is never tried again), the caller still says it failed.
    if (e instanceof PermanentSendError && e.code !== 'OnSuppressionList') await suppressAddress(ctx, r.email, { reason: 'rejected', detail: e.code, readerId: r.id });
    throw e;
  });
  // The reputation guard's denominator counts every email; a lost count in a crash is acceptable.
  await bumpCounter(ctx, 'sent', ctx.clock.now().toISOString().slice(0, 10), { confirmation: 1 }).catch(() => undefined);
  ctx.log.info(join ? 'join confirmation sent' : 'confirmation sent', { readerId: r.id });
}
