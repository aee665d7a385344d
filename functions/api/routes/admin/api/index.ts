import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import type { openapi } from '../../../openapi.js';
import { limitBodyWithNewsletters } from '../../../body-limit.js';
import { requireBearer } from '../auth.js';
import { outcomesApi } from './outcomes.js';
import { overviewApi } from './overview.js';
import { readersApi } from './readers.js';
import { repliesApi } from './replies.js';
import { reportsApi } from './reports.js';
import type { ApiRoute } from './route.js';
import { sendingApi } from './sending.js';
import { unmatchedApi } from './unmatched.js';

/** Every route of the admin API; the OpenAPI document is generated from this same list. */
export const ADMIN_API: readonly ApiRoute[] = [...overviewApi, ...readersApi, ...repliesApi, ...unmatchedApi, ...outcomesApi, ...reportsApi, ...sendingApi];

/**
 * The newsletter routes, mounted at once by method and path; their specs and the use-cases behind
 * them (with the Markdown renderer) load on the first newsletter request, not at the api's cold
 * start. The OpenAPI document includes them; a test checks this list against their specs.
 */
export const NEWSLETTER_ROUTES = [
  ['get', '/newsletters'],
  ['post', '/newsletters'],
  ['post', '/newsletters/preview'],
  ['get', '/newsletters/:id'],
  ['post', '/newsletters/:id/edit'],
  ['get', '/newsletters/:id/preview'],
  ['post', '/newsletters/:id/test'],
  ['post', '/newsletters/:id/send'],
  ['post', '/newsletters/:id/pause'],
  ['post', '/newsletters/:id/resume'],
  ['post', '/newsletters/:id/cancel'],
  ['get', '/newsletters/:id/deliveries'],
  ['post', '/segments/count'],
  ['get', '/segments'],
  ['post', '/segments'],
] as const;
const newsletterApi = () => import('../../../newsletters-lazy.js').then((m) => m.newslettersApi);

/** Every route with its spec (the newsletter ones loaded): what the OpenAPI document describes. */
export async function allAdminRoutes(): Promise<readonly ApiRoute[]> {
  return [...ADMIN_API, ...(await newsletterApi())];
}

/** /api/admin: the author's JSON (and CSV) API. Every route, known or not, needs the bearer token. */
export function adminApi(): Hono<Env> {
  const api = new Hono<Env>();
  api.use('*', limitBodyWithNewsletters(), requireBearer, async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store'); // personal data: never cached by a proxy or the browser
  });
  for (const r of ADMIN_API) api.on(r.method.toUpperCase(), r.path, r.handle);
  for (const [method, path] of NEWSLETTER_ROUTES)
    api.on(method.toUpperCase(), path, async (c, next) => {
      const route = (await newsletterApi()).find((r) => r.method === method && r.path === path)!;
      return route.handle(c, next);
    });
  // Built once per process: the schemas do not change while it runs. Loaded on first use: the
  // generator and zod's JSON Schema output are not needed at the api's cold start.
  let doc: ReturnType<typeof openapi> | undefined;
  api.get('/openapi.json', async (c) => c.json((doc ??= (await import('../../../openapi.js')).openapi(c.var.ctx.config.publicUrl, await allAdminRoutes()))));
  return api;
}
