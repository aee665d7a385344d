import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { activeSessions, endAdminSessionById } from '../../../../core/admin/sessions.js';
import { sessionsPage } from '../../../pages/admin/sessions.js';
import { clearSessionCookie } from '../auth.js';
import { flash } from './form.js';

/** /admin/sessions: every live session of the dashboard, each one's end button, and "log out everywhere". */
export const sessionPages = new Hono<Env>();

sessionPages.get('/', async (c) =>
  c.html(sessionsPage(await activeSessions(c.var.ctx), c.var.adminSession?.sessionId, c.var.ctx.config.authorName, flash(c))),
);

sessionPages.post('/:id/end', async (c) => {
  const id = c.req.param('id');
  await endAdminSessionById(c.var.ctx, id);
  if (id !== c.var.adminSession?.sessionId) return c.redirect('/admin/sessions?done=ended', 303);
  clearSessionCookie(c);
  return c.redirect('/admin/login?out=1', 303);
});
