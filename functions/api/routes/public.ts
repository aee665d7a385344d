import { Hono } from 'hono';
import type { Env } from '../app.js';
import { EnrollInput } from '../../core/enrollment/input.js';
import { enroll } from '../../core/enrollment/enroll.js';
import { confirm } from '../../core/enrollment/confirm.js';
import { dispatchNow } from '../../core/dispatch/run.js';
import { alreadyRunningPage, checkInboxPage, confirmedPage, subscribePage, type FormValues } from '../pages/subscribe.js';
import { messagePage } from '../pages/shell.js';
import { parseOr400, readBody, zodIssues } from '../validate.js';
import { noEffectOnHead } from '../no-effect-on-head.js';

export const publicRoutes = new Hono<Env>();

publicRoutes.get('/', (c) => c.html(subscribePage({ author: c.var.ctx.config.authorName })));

publicRoutes.post('/api/enroll', async (c) => {
  const ctx = c.var.ctx;
  const { data, form } = await readBody(c);
  if (form) {
    const res = EnrollInput.safeParse(data);
    if (!res.success) {
      const errors = Object.fromEntries(zodIssues(res.error).map((i) => [i.path, i.message]));
      return c.html(subscribePage({ author: ctx.config.authorName, values: data as FormValues, errors }), 400);
    }
    await enroll(ctx, res.data);
    return c.html(checkInboxPage(ctx.config.authorName), 202);
  }
  const input = parseOr400(EnrollInput, data, 'enrolment');
  await enroll(ctx, input);
  // The same answer whether or not the address is known: no address enumeration.
  return c.json(
    { status: 'pending', message: 'If this address can join, a confirmation email is on its way.' },
    202,
  );
});

publicRoutes.use('/confirm', noEffectOnHead);
publicRoutes.get('/confirm', async (c) => {
  const ctx = c.var.ctx;
  const author = ctx.config.authorName;
  const res = await confirm(ctx, c.req.query('token'));
  switch (res.status) {
    case 'confirmed':
    case 'already':
      // The welcome is due now: send it in this request rather than wait for the next tick.
      if (res.status === 'confirmed')
        await dispatchNow(ctx, res.reader.id).catch((e: Error) =>
          // The scheduler's next run sends it instead; the reader is confirmed either way.
          ctx.log.warn('welcome not sent at once', { readerId: res.reader.id, error: e.name }),
        );
      return c.html(res.status === 'confirmed' ? confirmedPage(author, res.reader.firstName) : alreadyRunningPage(author, res.reader.firstName, res.reader.status));
    case 'expired':
      return c.html(
        messagePage({
          author,
          title: 'This link has expired',
          paragraphs: ['Confirmation links work for seven days. Sign up again on the front page and we will send a fresh one.'],
        }),
        410,
      );
    case 'gone':
      return c.html(
        messagePage({ author, title: 'This sign-up has expired', paragraphs: ['Please sign up again on the front page.'] }),
        410,
      );
    case 'stopped':
      return c.html(
        messagePage({
          author,
          title: 'Nothing to confirm',
          paragraphs: ['This address asked us to stop sending email, so we will not. To come back, sign up again on the front page.'],
        }),
        410,
      );
    default:
      return c.html(
        messagePage({
          author,
          title: 'This link does not work',
          paragraphs: ['It may have been cut short by your email app. Try copying the whole link, or sign up again on the front page.'],
        }),
        400,
      );
  }
});
