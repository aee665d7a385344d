import type { Context, Hono } from 'hono';
import type { Env } from '../../app.js';
import { mountedAuthorSide } from './mounted.js';

/**
 * The author's side: the dashboard at /admin and the JSON API at /api/admin.
 *
 * `onFirstUse` (the Lambda): built on the first request to either, from ./lazy.ts through one
 * dynamic import, not at the api's cold start. A reader's first request (the sign-up page, a
 * sign-up, a link from an email) then never loads the dashboard, admin API, report and export code
 * (about 80 KB of the bundle) nor puts their routes into the router the public routes are matched
 * with: about 20 ms less CPU in the api Lambda's init, measured.
 */
export function mountAdmin(app: Hono<Env>, opts: { onFirstUse: boolean } = { onFirstUse: false }): void {
  if (!opts.onFirstUse) {
    app.route('/', mountedAuthorSide({ mounted: true }));
    return;
  }
  let side: Promise<Hono<Env>> | undefined;
  const forward = async (c: Context<Env>) => {
    side ??= import('./lazy.js').then((m) => m.authorSide({ mounted: false }));
    // The bindings (the Lambda event: the caller's address for the login lockout) and this request's variables.
    return (await side).fetch(c.req.raw, { ...(c.env as object), vars: c.var });
  };
  for (const path of ['/admin', '/admin/*', '/api/admin', '/api/admin/*']) app.all(path, forward);
}
