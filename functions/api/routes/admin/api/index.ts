import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import type { openapi } from '../../../openapi.js';
import { limitBodyWithNewsletters } from '../../../body-limit.js';
import { requireBearer } from '../auth.js';
import { newslettersApi } from './newsletters.js';
import { outcomesApi } from './outcomes.js';
import { overviewApi } from './overview.js';
import { readersApi } from './readers.js';
import { repliesApi } from './replies.js';
import { reportsApi } from './reports.js';
import type { ApiRoute } from './route.js';
import { sendingApi } from './sending.js';
import { unmatchedApi } from './unmatched.js';

/** Every route of the admin API; the OpenAPI document is generated from this same list. */
export const ADMIN_API: readonly ApiRoute[] = [...overviewApi, ...readersApi, ...repliesApi, ...unmatchedApi, ...outcomesApi, ...reportsApi, ...sendingApi, ...newslettersApi];

/** /api/admin: the author's JSON (and CSV) API. Every route, known or not, needs the bearer token. */
export function adminApi(): Hono<Env> {
  const api = new Hono<Env>();
  api.use('*', limitBodyWithNewsletters(), requireBearer, async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store'); // personal data: never cached by a proxy or the browser
  });
  for (const r of ADMIN_API) api.on(r.method.toUpperCase(), r.path, r.handle);
  // Built once per process: the schemas do not change while it runs. Loaded on first use: the
  // generator and zod's JSON Schema output are not needed at the api's cold start.
  let doc: ReturnType<typeof openapi> | undefined;
  api.get('/openapi.json', async (c) => c.json((doc ??= (await import('../../../openapi.js')).openapi(c.var.ctx.config.publicUrl, ADMIN_API))));
  return api;
}
