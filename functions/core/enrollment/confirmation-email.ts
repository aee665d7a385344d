import { createElement } from 'react';
import Confirmation, { meta } from '../../../emails/confirmation.js';
import type { Ctx } from '../context.js';
import { links, token } from '../links/urls.js';
import { replyToken } from '../links/tokens.js';
import { compile, personalise } from '../mailer/compile.js';
import { sendEmail } from '../mailer/send.js';
import type { Reader } from '../readers/schema.js';
import { SITUATIONS } from './input.js';

/** Confirmation emails are rare and one per person: render directly, no batch cache. */
export async function sendConfirmation(ctx: Ctx, r: Reader): Promise<void> {
  // In milliseconds: a link sent just after an unsubscribe must not look older than it (confirm.ts).
  const issuedAt = ctx.clock.now().getTime();
  const confirmUrl = `${ctx.config.publicUrl}/confirm?token=${token(ctx, 'confirm', r.id, { i: issuedAt })}`;
  const unsubscribe = links.unsubscribe(ctx, r.id);
  const compiled = await compile(
    createElement(Confirmation, {
      firstName: r.firstName,
      links: { prefs: links.prefs(ctx, r.id), unsubscribe },
      author: { name: ctx.config.authorName, postalAddress: ctx.config.postalAddress },
      confirmUrl,
      situationLabel: SITUATIONS[r.situation].label,
    }),
    meta.subject,
  );
  const { subject, html, text } = personalise(compiled, {});
  await sendEmail(ctx, {
    to: r.email,
    subject,
    html,
    text,
    kind: 'confirmation',
    ref: 'confirm',
    unsubscribe: { url: unsubscribe, mailtoToken: replyToken(ctx.secrets.signingSecret, r.id, 0, 'unsub') },
    tags: { reader: r.id, kind: 'confirmation' },
  });
  ctx.log.info('confirmation sent', { readerId: r.id });
}
