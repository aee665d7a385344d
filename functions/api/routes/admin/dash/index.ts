import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { errorsAs } from '../../../errors.js';
import { limitBodyWithNewsletters } from '../../../body-limit.js';
import { requireSession } from '../auth.js';
import { exportFiles } from './exports.js';
import { loginRoutes } from './login.js';
import { overviewPages } from './overview.js';
import { readerPages } from './readers.js';
import { replyPages } from './replies.js';
import { sessionPages } from './sessions.js';
import { reportPages } from './reports.js';
import { sendingPages } from './sending.js';
import { unmatchedPages } from './unmatched.js';

/**
 * /admin: the server-rendered dashboard. A session cookie on every page but the login form. Its
 * errors are pages too (the app's one onError, told so by errorsAs).
 */
export function adminDashboard(): Hono<Env> {
  const dash = new Hono<Env>();
  dash.use('*', errorsAs('admin'), limitBodyWithNewsletters(), requireSession, async (c, next) => {
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
  dash.route('/sending', sendingPages);
  // The newsletter pages (and the Markdown renderer behind them) load on first use, not at cold start.
  const newsletters = () => import('../../../newsletters-lazy.js').then((m) => m.newsletterPages);
  dash.on(['GET', 'POST'], ['/newsletters', '/newsletters/*'], async (c) => (await newsletters()).fetch(c.req.raw, { vars: c.var }));
  dash.route('/export', exportFiles);
  dash.route('/sessions', sessionPages);
  return dash;
}
