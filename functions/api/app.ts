import { Hono } from 'hono';
import type { Ctx } from '../core/context.js';
import type { AdminSession } from '../core/admin/sessions.js';
import type { SettableClock } from '../core/clock.js';
import type { LocalInbox } from '../local/inbox.js';
import { handleError, notFound, type ErrorView } from './errors.js';
import { securityHeaders } from './security-headers.js';
import { assetRoutes } from './routes/assets.js';
import { publicRoutes } from './routes/public.js';
import { readerRoutes } from './routes/reader.js';
import { devRoutes } from './routes/dev.js';
import { mountAdmin } from './routes/admin/index.js';

/**
 * `errorView`: set on page routes (errorsAs in errors.ts) so their errors render as pages.
 * `adminSession`: the author's live dashboard session (routes/admin/auth.ts). `nonce`: this
 * response's Content-Security-Policy nonce, for the one inline script a page may carry.
 */
export type Env = { Variables: { ctx: Ctx; errorView?: ErrorView; adminSession?: AdminSession; nonce: string } };

/** Local mode only: the dev clock the /dev routes move. Never passed in the Lambda build. */
export interface DevTools {
  clock: SettableClock;
  /** The local inbox in app time (GET /dev/inbox). */
  inbox?: LocalInbox;
  /** Raw inbound mail past its retention deleted, as S3's lifecycle rule does in AWS (after each clock move). */
  sweepRawMail?: () => Promise<number>;
}

export type AppOptions = ({ dev: false } | { dev: true; devTools: DevTools }) & {
  /**
   * The author's side (/admin, /api/admin) built on its first request rather than with the app
   * (routes/admin/index.ts): the Lambda's cold start, which a reader's request usually pays, then
   * carries none of it. The local runtime and the tests mount it directly, so `app.routes` lists
   * every admin route; test/lambda runs the author's side through the bundle.
   */
  authorSideOnFirstUse?: boolean;
};

/**
 * The whole HTTP surface. The Lambda and the local runtime build it the same way; only the
 * local runtime passes dev tools, so /dev routes do not exist in AWS.
 */
export function createApp(ctx: Ctx, opts: AppOptions): Hono<Env> {
  const app = new Hono<Env>();
  app.use(async (c, next) => {
    c.set('ctx', ctx);
    await next();
  }, securityHeaders);
  app.route('/', assetRoutes);
  app.route('/', publicRoutes);
  app.route('/', readerRoutes);
  if (opts.dev) app.route('/dev', devRoutes(opts.devTools));
  mountAdmin(app, { onFirstUse: opts.authorSideOnFirstUse ?? false });
  app.get('/health', (c) => c.json({ ok: true }));
  // A person gets a page saying so; a program keeps its JSON.
  app.notFound(notFound);
  // The one mapping from domain errors to HTTP, for every route (functions/api/errors.ts).
  app.onError(handleError);
  return app;
}
