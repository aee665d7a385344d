import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { endAllAdminSessions } from '../../../../core/admin/sessions.js';
import { loginPage } from '../../../pages/admin/login.js';
import { checkToken, clearSessionCookie, endSession, hasSession, safeNext, startSession } from '../auth.js';
import { readForm } from './form.js';

/** Exchanges the admin token for a session cookie; the only dashboard route open without one. */
export const loginRoutes = new Hono<Env>();

loginRoutes.get('/login', async (c) => {
  const next = safeNext(c.req.query('next'));
  if (await hasSession(c)) return c.redirect(next, 303);
  const out = c.req.query('out');
  return c.html(loginPage({ author: c.var.ctx.config.authorName, next, loggedOut: out === '1' || out === 'all' ? out : undefined }));
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
  await startSession(c);
  c.var.ctx.log.info('admin logged in');
  return c.redirect(next, 303);
});

// Ends this session for good: its cookie no longer works, wherever a copy of it is.
loginRoutes.post('/logout', async (c) => {
  await endSession(c);
  return c.redirect('/admin/login?out=1', 303);
});

// Ends every session (a lost laptop, a shared computer): each cookie goes to the login form next time.
loginRoutes.post('/logout/everywhere', async (c) => {
  await endAllAdminSessions(c.var.ctx);
  clearSessionCookie(c);
  return c.redirect('/admin/login?out=all', 303);
});
