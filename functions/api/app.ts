import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import type { Ctx } from '../core/context.js';
import type { SettableClock } from '../core/clock.js';
import type { LocalInbox } from '../local/inbox.js';
import { AppError } from '../core/shared/errors.js';
import { zodIssues } from './validate.js';
import { publicRoutes } from './routes/public.js';
import { readerRoutes } from './routes/reader.js';
import { devRoutes } from './routes/dev.js';
import { mountAdmin } from './routes/admin/index.js';

export type Env = { Variables: { ctx: Ctx } };

/** Local mode only: the dev clock the /dev routes move. Never passed in the Lambda build. */
export interface DevTools {
  clock: SettableClock;
  /** The local inbox in app time (GET /dev/inbox). */
  inbox?: LocalInbox;
}

export type AppOptions = { dev: false } | { dev: true; devTools: DevTools };

/**
 * The whole HTTP surface. The Lambda and the local runtime build it the same way; only the
 * local runtime passes dev tools, so /dev routes do not exist in AWS.
 */
export function createApp(ctx: Ctx, opts: AppOptions): Hono<Env> {
  const app = new Hono<Env>();
  app.use(async (c, next) => {
    c.set('ctx', ctx);
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  app.route('/', publicRoutes);
  app.route('/', readerRoutes);
  if (opts.dev) app.route('/dev', devRoutes(opts.devTools));
  mountAdmin(app);
  app.get('/health', (c) => c.json({ ok: true }));
  app.notFound((c) => c.json({ error: 'Not found' }, 404));
  app.onError((err, c) => {
    if (err instanceof AppError) return c.json({ error: err.message, issues: err.issues }, err.status);
    if (err instanceof ZodError) return c.json({ error: 'Invalid request', issues: zodIssues(err) }, 400);
    if (err instanceof HTTPException) return err.getResponse();
    ctx.log.error('unhandled error', { path: c.req.path, error: err.name, message: err.message });
    return c.json({ error: 'Something went wrong on our side. Nothing you sent was lost; please try again.' }, 500);
  });
  return app;
}
