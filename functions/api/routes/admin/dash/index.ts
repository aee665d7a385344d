import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import type { Env } from '../../../app.js';
import { AppError } from '../../../../core/shared/errors.js';
import { adminPage } from '../../../pages/admin/layout.js';
import { zodIssues } from '../../../validate.js';
import { requireSession } from '../auth.js';
import { exportFiles } from './exports.js';
import { loginRoutes } from './login.js';
import { overviewPages } from './overview.js';
import { readerPages } from './readers.js';
import { replyPages } from './replies.js';
import { reportPages } from './reports.js';
import { unmatchedPages } from './unmatched.js';

/** /admin: the server-rendered dashboard. A session cookie on every page but the login form. */
export function adminDashboard(): Hono<Env> {
  const dash = new Hono<Env>();
  dash.use('*', requireSession, async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Frame-Options', 'DENY'); // no clickjacking of the author's buttons
  });
  dash.route('/', loginRoutes);
  dash.route('/', overviewPages);
  dash.route('/readers', readerPages);
  dash.route('/replies', replyPages);
  dash.route('/unmatched', unmatchedPages);
  dash.route('/reports', reportPages);
  dash.route('/export', exportFiles);
  dash.onError(errorPage);
  return dash;
}

/** The dashboard shows its errors as pages (the JSON API keeps the app's JSON errors). */
function errorPage(err: Error, c: Context<Env>) {
  const author = c.var.ctx.config.authorName;
  const show = (status: AppError['status'] | 500, title: string, lines: string[]) =>
    c.html(adminPage({ title, active: '', author, body: html`<div class="card"><h1>${title}</h1>${lines.map((l) => html`<p>${l}</p>`)}<p><a href="/admin">Back to the dashboard</a></p></div>` }), status);
  if (err instanceof AppError) return show(err.status, err.message, err.issues.map((i) => `${i.path}: ${i.message}`));
  if (err instanceof ZodError) return show(400, 'That did not look right', zodIssues(err).map((i) => `${i.path}: ${i.message}`));
  if (err instanceof HTTPException) return err.getResponse();
  c.var.ctx.log.error('dashboard error', { path: c.req.path, error: err.name, message: err.message });
  return show(500, 'Something went wrong', ['Nothing was lost. Try again in a moment.']);
}
