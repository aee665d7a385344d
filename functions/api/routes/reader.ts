import { Hono } from 'hono';
import type { Env } from '../app.js';
import { chooseByLink } from '../../core/choices/by-link.js';
import { answerCheckin } from '../../core/outcomes/answer.js';
import { PreferencesChange } from '../../core/readers/actions.js';
import {
  changePreferencesByLink,
  checkUnsubscribeLink,
  comeBackByLink,
  happenedByLink,
  preferencesByLink,
  reportHappenedByLink,
  unsubscribeByLink,
  unsubscribeListOf,
} from '../../core/readers/preferences.js';
import { checkinAnswerPage, choicePage, newsletterUnsubscribedPage, unsubscribedPage } from '../pages/links.js';
import { happenedConfirmPage, happenedDonePage, happenedStoppedPage } from '../pages/happened.js';
import { prefsPage, unsubscribeConfirmPage } from '../pages/reader.js';
import { errorsAs } from '../errors.js';
import { parseOr400, readBody } from '../validate.js';
import { noEffectOnHead } from '../no-effect-on-head.js';
import { limitBody } from '../body-limit.js';

/**
 * Signed per-reader pages: preferences, unsubscribe, branch choices, check-in answers, "tell me
 * what happened". Each use-case opens the link itself; a broken or expired one is a domain error
 * shown as a kind page.
 */
export const readerRoutes = new Hono<Env>();
// Every body here is a small form or JSON object: over 64 KB is refused before anything reads it.
readerRoutes.use('/me/*', errorsAs('link'), limitBody());
readerRoutes.use('/unsubscribe/*', errorsAs('link'), limitBody());
readerRoutes.use('/choose/*', noEffectOnHead, errorsAs('link'), limitBody());
readerRoutes.use('/outcome/*', noEffectOnHead, errorsAs('link'), limitBody());
readerRoutes.use('/happened/*', errorsAs('link'), limitBody());
readerRoutes.use('/export/*', errorsAs('link'), limitBody());

readerRoutes.get('/me/:token', async (c) => {
  const r = await preferencesByLink(c.var.ctx, c.req.param('token'));
  return c.html(prefsPage(r, c.req.path, c.var.ctx.config.authorName, c.req.query('done')));
});

readerRoutes.post('/me/:token', async (c) => {
  const { data, form } = await readBody(c);
  const input = parseOr400(PreferencesChange, data, 'preferences change');
  if (input.action === 'export-data') {
    // Never the data itself here (this link is in every email, and emails get forwarded): a link to it, to the reader's own address.
    const { requestDataExport } = await import('../../core/readers/data-export.js'); // rare: not at cold start
    const status = await requestDataExport(c.var.ctx, c.req.param('token'));
    return form ? c.redirect(`${c.req.path}?done=export-data`, 303) : c.json({ status, message: 'A link to download your data is on its way to your email address.' });
  }
  if (input.action === 'resubscribe') {
    const confirmation = await comeBackByLink(c.var.ctx, c.req.param('token'));
    if (!form) return c.json({ status: 'unsubscribed', confirmation });
    return c.redirect(`${c.req.path}?done=resubscribe`, 303);
  }
  const r = await changePreferencesByLink(c.var.ctx, c.req.param('token'), input);
  if (input.action === 'unsubscribe') return c.html(unsubscribedPage(c.var.ctx.config.authorName));
  if (!form)
    return c.json({ status: r.status, track: r.track, sendHour: r.sendHour, timezone: r.timezone, followUps: r.followUpConsent && !r.followUpStopped, newsletter: r.newsletter });
  return c.redirect(`${c.req.path}?done=${input.action}`, 303);
});

// The data export link from the email: one JSON file of everything stored about the reader.
readerRoutes.get('/export/:token', async (c) => {
  const { dataExportByLink } = await import('../../core/readers/data-export.js'); // rare: not at cold start
  const doc = await dataExportByLink(c.var.ctx, c.req.param('token'));
  c.header('Cache-Control', 'no-store');
  c.header('Content-Disposition', `attachment; filename="my-data-${doc.exportedAt.slice(0, 10)}.json"`);
  return c.body(JSON.stringify(doc, null, 2), 200, { 'Content-Type': 'application/json; charset=utf-8' });
});

// A GET never unsubscribes (mail scanners follow links); it shows a button.
readerRoutes.get('/unsubscribe/:token', (c) => {
  checkUnsubscribeLink(c.var.ctx, c.req.param('token'));
  return c.html(unsubscribeConfirmPage(c.req.path, c.var.ctx.config.authorName, unsubscribeListOf(c.var.ctx, c.req.param('token'))));
});

// RFC 8058 one-click (body List-Unsubscribe=One-Click, no cookie) and the page's button.
readerRoutes.post('/unsubscribe/:token', async (c) => {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const oneClick = body['List-Unsubscribe'] === 'One-Click';
  const list = await unsubscribeByLink(c.var.ctx, c.req.param('token'), oneClick ? 'one-click' : 'page');
  if (oneClick) return c.text(list === 'newsletter' ? 'Unsubscribed from the newsletter.' : 'Unsubscribed.');
  return c.html(list === 'newsletter' ? newsletterUnsubscribedPage(c.var.ctx.config.authorName) : unsubscribedPage(c.var.ctx.config.authorName));
});

readerRoutes.get('/choose/:token', async (c) => c.html(choicePage(c.var.ctx.config.authorName, await chooseByLink(c.var.ctx, c.req.param('token')))));

readerRoutes.get('/outcome/:token', async (c) => c.html(checkinAnswerPage(c.var.ctx.config.authorName, await answerCheckin(c.var.ctx, c.req.param('token')))));

// "Tell me what happened" footer links. They change the course, and mail scanners follow links:
// a GET only shows a button; the POST acts, exactly as the same words in a reply would.
readerRoutes.get('/happened/:token', (c) =>
  c.html(happenedConfirmPage(happenedByLink(c.var.ctx, c.req.param('token')), c.req.path, c.var.ctx.config.authorName)),
);

readerRoutes.post('/happened/:token', async (c) => {
  const { event, result } = await reportHappenedByLink(c.var.ctx, c.req.param('token'));
  const author = c.var.ctx.config.authorName;
  return c.html(result.status === 'stopped' ? happenedStoppedPage(author) : happenedDonePage(event, result.effect, author));
});
