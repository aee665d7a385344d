import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { loginPage } from '../../../pages/admin/login.js';
import { checkToken, endSession, hasSession, safeNext, startSession } from '../auth.js';
import { readForm } from './form.js';

/** Exchanges the admin token for a session cookie; the only dashboard route open without one. */
export const loginRoutes = new Hono<Env>();

loginRoutes.get('/login', (c) => {
  const next = safeNext(c.req.query('next'));
  if (hasSession(c)) return c.redirect(next, 303);
  return c.html(loginPage({ author: c.var.ctx.config.authorName, next, loggedOut: c.req.query('out') === '1' }));
});

loginRoutes.post('/login', async (c) => {
  const form = await readForm(c);
  const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
  const check = await checkToken(c, typeof form.token === 'string' ? form.token.trim() : undefined);
  const author = c.var.ctx.config.authorName;
  if (check.result === 'locked') {
    c.header('Retry-After', String(check.retryAfter));
    return c.html(loginPage({ author, next, refused: check }), 429);
  }
  if (check.result === 'wrong') {
    c.var.ctx.log.warn('admin login refused');
    return c.html(loginPage({ author, next, refused: check }), 401);
  }
  startSession(c);
  c.var.ctx.log.info('admin logged in');
  return c.redirect(next, 303);
});

loginRoutes.post('/logout', (c) => {
  endSession(c);
  return c.redirect('/admin/login?out=1', 303);
});
