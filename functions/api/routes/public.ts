import { Hono } from 'hono';
import type { Env } from '../app.js';
import { EnrollInput } from '../../core/enrollment/input.js';
import { signUp } from '../../core/enrollment/sign-up.js';
import { confirmAndWelcome } from '../../core/enrollment/confirm.js';
import { HONEYPOT_FIELD, checkInboxPage, subscribePage, suppressedPage, type FormValues } from '../pages/subscribe.js';
// The newsletter-only form: loaded when asked for.
const newsletterSignupPage = async (opts: Parameters<typeof import('../pages/newsletter-signup.js').newsletterSignupPage>[0]) => (await import('../newsletters-lazy.js')).signupPage.newsletterSignupPage(opts);
import { contactAddress } from '../../core/config.js';
import { confirmPage } from '../pages/confirm.js';
import { errorsAs } from '../errors.js';
import { parseOr400, readBody, zodIssues } from '../validate.js';
import { noEffectOnHead } from '../no-effect-on-head.js';
import { limitBody } from '../body-limit.js';
import { clientAddress } from '../client-address.js';

export const publicRoutes = new Hono<Env>();

publicRoutes.get('/', (c) => c.html(subscribePage({ author: c.var.ctx.config.authorName, nonce: c.var.nonce })));
// The public archive of issues the author marked public, and its RSS feed (no reader data).
publicRoutes.use('/archive/*', errorsAs('link'));
// (Loaded on first use: the Markdown renderer is not part of the api's cold start.)
const archive = () => import('../newsletters-lazy.js').then((m) => [m.archive, m.archivePages] as const);
publicRoutes.get('/archive', async (c) => {
  const [a, p] = await archive();
  return c.html(p.archivePage(c.var.ctx.config.authorName, await a.publicIssues(c.var.ctx)));
});
publicRoutes.get('/archive/rss.xml', async (c) => {
  const [a] = await archive();
  return c.body(a.rssOf(c.var.ctx, await a.publicIssues(c.var.ctx)), 200, { 'content-type': 'application/rss+xml; charset=utf-8' });
});
publicRoutes.get('/archive/:id', async (c) => {
  const [a, p] = await archive();
  return c.html(p.archivedIssuePage(c.var.ctx.config.authorName, await a.publicIssue(c.var.ctx, c.req.param('id'))));
});
// The second form: the newsletter only (POST /api/enroll with course=false).
publicRoutes.get('/newsletter', async (c) => c.html(await newsletterSignupPage({ author: c.var.ctx.config.authorName, nonce: c.var.nonce })));

// A form that cannot be sent (SES down, too many sign-ups) gets a page; a JSON caller gets JSON.
// Bodies over 64 KB are refused before anything reads them.
publicRoutes.use('/api/enroll', errorsAs('form'), limitBody());
publicRoutes.post('/api/enroll', async (c) => {
  const ctx = c.var.ctx;
  const { data, form } = await readBody(c);
  const request = { client: clientAddress(c), honeypot: typeof data[HONEYPOT_FIELD] === 'string' ? data[HONEYPOT_FIELD] : undefined };
  if (form) {
    const res = EnrollInput.safeParse(data);
    if (!res.success) {
      const errors = Object.fromEntries(zodIssues(res.error).map((i) => [i.path, i.message]));
      const values = data as FormValues;
      const opts = { author: ctx.config.authorName, nonce: c.var.nonce, values, errors };
      return c.html(values.course === 'false' ? await newsletterSignupPage(opts) : subscribePage(opts), 400);
    }
    if ((await signUp(ctx, { ...request, input: res.data })) === 'suppressed') return c.html(suppressedPage(ctx.config.authorName, contactAddress(ctx.config)), 200);
    return c.html(checkInboxPage(ctx.config.authorName, { course: res.data.course }), 202);
  }
  const input = parseOr400(EnrollInput, data, 'enrolment');
  // An address on the suppression list is told so (issue 12), with where to write; nothing is sent.
  if ((await signUp(ctx, { ...request, input })) === 'suppressed') {
    return c.json(
      { status: 'suppressed', message: 'We no longer send email to this address, so nothing was sent. Write to the contact address to have it looked at.', contact: contactAddress(ctx.config) },
      200,
    );
  }
  // The same answer whether or not the address is known: no address enumeration.
  return c.json(
    { status: 'pending', message: 'If this address can join, a confirmation email is on its way.' },
    202,
  );
});

publicRoutes.use('/confirm', noEffectOnHead, errorsAs('confirm'));
publicRoutes.get('/confirm', async (c) => {
  const res = await confirmAndWelcome(c.var.ctx, c.req.query('token'));
  const author = c.var.ctx.config.authorName;
  return c.html(await confirmPage(author, res));
});
