import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Env } from '../app.js';
import { choose } from '../../core/choices/record.js';
import { verify, type Purpose, type TokenPayload } from '../../core/links/tokens.js';
import { getReader } from '../../core/db/access.js';
import { applyReaderAction, type ReaderAction } from '../../core/readers/actions.js';
import { SendHour, TimeZone, Track } from '../../core/readers/schema.js';
import { messagePage } from '../pages/shell.js';
import { Outcome, OUTCOMES } from '../../core/outcomes/categories.js';
import { recordOutcome } from '../../core/outcomes/record.js';
import { alreadyAnsweredPage, choicePage, prefsPage, questionClosedPage, unsubscribeConfirmPage } from '../pages/reader.js';
import { happenedConfirmPage, happenedDonePage } from '../pages/happened.js';
import { happenedOf } from '../../core/course/happened.js';
import { reportHappened } from '../../core/readers/happened.js';
import { requestComeBack } from '../../core/enrollment/enroll.js';
import { parseOr400, readBody } from '../validate.js';
import { noEffectOnHead } from '../no-effect-on-head.js';

/** Signed per-reader pages: preferences, unsubscribe, branch choices, check-in answers, "tell me what happened". */
export const readerRoutes = new Hono<Env>();
readerRoutes.use('/choose/*', noEffectOnHead);
readerRoutes.use('/outcome/*', noEffectOnHead);

const badLink = (c: Context<Env>, reason: string) =>
  c.html(
    messagePage({
      author: c.var.ctx.config.authorName,
      title: reason === 'expired' ? 'This link has expired' : 'This link does not work',
      paragraphs: [
        reason === 'expired'
          ? 'For your privacy, links in older emails stop working after a while. The newest email from us has fresh links.'
          : 'It may have been cut short by your email app. Try copying the whole link from the email. Nothing was changed.',
      ],
    }),
    reason === 'expired' ? 410 : 400,
  );

function check(c: Context<Env>, purpose: Purpose): { ok: true; p: TokenPayload } | { ok: false; res: Response | Promise<Response> } {
  const v = verify(c.var.ctx.secrets.signingSecret, c.req.param('token'), purpose, c.var.ctx.clock.now());
  return v.ok ? { ok: true, p: v.payload } : { ok: false, res: badLink(c, v.reason) };
}

readerRoutes.get('/me/:token', async (c) => {
  const t = check(c, 'prefs');
  if (!t.ok) return t.res;
  const r = await getReader(c.var.ctx, t.p.r);
  if (!r) return badLink(c, 'gone');
  return c.html(prefsPage(r, c.req.path, c.var.ctx.config.authorName, c.req.query('done')));
});

const PrefsAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pause') }),
  z.object({ action: z.literal('resume') }),
  z.object({ action: z.literal('switch-track'), track: Track }),
  z.object({ action: z.literal('schedule'), sendHour: SendHour, timezone: TimeZone }),
  z.object({ action: z.literal('stop-followups') }),
  z.object({ action: z.literal('resume-followups') }),
  z.object({ action: z.literal('unsubscribe') }),
  z.object({ action: z.literal('resubscribe') }),
]);

readerRoutes.post('/me/:token', async (c) => {
  const t = check(c, 'prefs');
  if (!t.ok) return t.res;
  const { data, form } = await readBody(c);
  const input = parseOr400(PrefsAction, data, 'preferences change');
  if (input.action === 'resubscribe') {
    // Coming back is a fresh double opt-in: a confirmation email, nothing else until it is clicked.
    const sent = await requestComeBack(c.var.ctx, t.p.r);
    if (!form) return c.json({ status: 'unsubscribed', confirmation: sent === 'sent' || sent === 'resent' ? 'sent' : sent === 'rate-limited' ? 'already-sent' : 'not-sent' });
    return c.redirect(`${c.req.path}?done=resubscribe`, 303);
  }
  const action: ReaderAction =
    input.action === 'switch-track'
      ? { type: 'switch-track', track: input.track }
      : input.action === 'schedule'
        ? { type: 'schedule', sendHour: input.sendHour, timezone: input.timezone }
        : input.action === 'unsubscribe'
          ? { type: 'unsubscribe', via: 'page' }
          : { type: input.action };
  const r = await applyReaderAction(c.var.ctx, t.p.r, action);
  if (!r) return badLink(c, 'gone');
  if (input.action === 'unsubscribe') return unsubscribedPage(c);
  if (!form) return c.json({ status: r.status, track: r.track, sendHour: r.sendHour, timezone: r.timezone, followUps: r.followUpConsent && !r.followUpStopped });
  return c.redirect(`${c.req.path}?done=${input.action}`, 303);
});

const unsubscribedPage = (c: Context<Env>) =>
  c.html(
    messagePage({
      author: c.var.ctx.config.authorName,
      title: "You're unsubscribed",
      paragraphs: [
        'Nothing more will be sent to you: no lessons, no check-ins, no newsletters.',
        'Thank you for the time you gave this. Whatever comes next, go gently.',
      ],
    }),
  );

// A GET never unsubscribes (mail scanners follow links); it shows a button.
readerRoutes.get('/unsubscribe/:token', (c) => {
  const t = check(c, 'unsub');
  if (!t.ok) return t.res;
  return c.html(unsubscribeConfirmPage(c.req.path, c.var.ctx.config.authorName));
});

// RFC 8058 one-click (body List-Unsubscribe=One-Click, no cookie) and the page's button.
readerRoutes.post('/unsubscribe/:token', async (c) => {
  const t = check(c, 'unsub');
  if (!t.ok) return t.res;
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const oneClick = body['List-Unsubscribe'] === 'One-Click';
  await applyReaderAction(c.var.ctx, t.p.r, { type: 'unsubscribe', via: oneClick ? 'one-click' : 'page' });
  c.var.ctx.log.info('unsubscribed', { readerId: t.p.r, oneClick });
  return oneClick ? c.text('Unsubscribed.') : unsubscribedPage(c);
});

readerRoutes.get('/choose/:token', async (c) => {
  const t = check(c, 'choice');
  if (!t.ok) return t.res;
  const ctx = c.var.ctx;
  const res = await choose(ctx, t.p.r, { branch: String(t.p.b), choice: String(t.p.c), seq: Number(t.p.s), by: 'click' });
  const author = ctx.config.authorName;
  if (res.status === 'applied') return c.html(choicePage(author, res.choice, !!res.late));
  if (res.status === 'unknown') return badLink(c, 'malformed');
  return c.html(res.closed ? questionClosedPage(author) : alreadyAnsweredPage(author));
});

readerRoutes.get('/outcome/:token', async (c) => {
  const t = check(c, 'outcome');
  if (!t.ok) return t.res;
  const ctx = c.var.ctx;
  const outcome = Outcome.safeParse(t.p.o);
  const checkpoint = String(t.p.k);
  const r = await getReader(ctx, t.p.r);
  if (!outcome.success || !/^\d+m$/.test(checkpoint) || !r) return badLink(c, 'malformed');
  const res = await recordOutcome(ctx, r, { checkpoint, outcome: outcome.data, source: 'link' });
  return c.html(
    messagePage({
      author: ctx.config.authorName,
      title: res.status === 'changed' ? 'Updated. Thank you.' : 'Thank you for telling me.',
      paragraphs: [
        `Noted: “${OUTCOMES[outcome.data].label}”.`,
        'If you have a minute, reply to the email and tell me a little more in your own words. I read every message, and nothing you write is shared.',
        'Clicked the wrong one? Click the right one in the same email: the latest answer is the one that counts.',
      ],
    }),
  );
});

// "Tell me what happened" footer links. They change the course, and mail scanners follow links:
// a GET only shows a button; the POST acts, exactly as the same words in a reply would.
readerRoutes.get('/happened/:token', (c) => {
  const t = check(c, 'event');
  if (!t.ok) return t.res;
  const event = happenedOf(String(t.p.e));
  if (!event) return badLink(c, 'malformed');
  return c.html(happenedConfirmPage(event, c.req.path, c.var.ctx.config.authorName));
});

readerRoutes.post('/happened/:token', async (c) => {
  const t = check(c, 'event');
  if (!t.ok) return t.res;
  const event = happenedOf(String(t.p.e));
  if (!event) return badLink(c, 'malformed');
  const res = await reportHappened(c.var.ctx, t.p.r, event.id);
  const author = c.var.ctx.config.authorName;
  if (res.status === 'gone') return badLink(c, 'gone');
  if (res.status === 'stopped')
    return c.html(messagePage({ author, title: 'Nothing to change', paragraphs: ['No lessons are being sent to you, so there is nothing in the course to change. Thank you for telling me all the same.'] }));
  return c.html(happenedDonePage(event, res.effect, author));
});
