import { Hono } from 'hono';
import type { Env } from '../../app.js';
import { handleError, notFound } from '../../errors.js';
import { adminApi } from './api/index.js';
import { adminDashboard } from './dash/index.js';

/**
 * The author's side: /admin and /api/admin. `mounted`: routed into the app itself (the local
 * runtime). Otherwise an app of its own that ./index.ts loads on the first author request and calls
 * with the outer request's variables (ctx, nonce) and runtime bindings (the Lambda event, for the
 * caller's address); it answers errors and unknown paths with the app's one mapping, as mounted.
 */
export function authorSide(opts: { mounted: boolean }): Hono<Env> {
  const side = new Hono<Env>();
  if (!opts.mounted) {
    side.use('*', async (c, next) => {
      for (const [k, v] of Object.entries((c.env as { vars: Env['Variables'] }).vars)) c.set(k as keyof Env['Variables'], v as never);
      await next();
    });
    side.notFound(notFound);
    side.onError(handleError);
  }
  side.route('/admin', adminDashboard());
  side.route('/api/admin', adminApi());
  return side;
}
