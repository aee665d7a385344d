import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { openapi } from '../../../openapi.js';
import { requireBearer } from '../auth.js';
import { outcomesApi } from './outcomes.js';
import { overviewApi } from './overview.js';
import { readersApi } from './readers.js';
import { repliesApi } from './replies.js';
import { reportsApi } from './reports.js';
import { unmatchedApi } from './unmatched.js';

/** /api/admin: the author's JSON (and CSV) API. Every route, known or not, needs the bearer token. */
export function adminApi(): Hono<Env> {
  const api = new Hono<Env>();
  api.use('*', requireBearer, async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store'); // personal data: never cached by a proxy or the browser
  });
  api.route('/overview', overviewApi);
  api.route('/readers', readersApi);
  api.route('/replies', repliesApi);
  api.route('/unmatched', unmatchedApi);
  api.route('/outcomes', outcomesApi);
  api.route('/reports', reportsApi);
  api.get('/openapi.json', (c) => c.json(openapi(c.var.ctx.config.publicUrl)));
  return api;
}
