import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Env } from '../../app.js';
import { SESSION_COOKIE, SESSION_SECONDS, bearerToken } from '../../../core/admin/auth.js';
import { endAdminSession, openAdminSession, startAdminSession, type AdminSession } from '../../../core/admin/sessions.js';
import { checkAdminToken, type TokenCheck } from '../../../core/admin/sign-in.js';
import { RateLimited } from '../../../core/shared/errors.js';
import { clientAddress } from '../../client-address.js';
import { minutes } from '../../pages/admin/login.js';

export { minutes };

/** An admin token from this caller, judged by the sign-in policy (core/admin/sign-in.ts) by the address the runtime saw. */
export const checkToken = (c: Context<Env>, given: string | undefined): Promise<TokenCheck> => checkAdminToken(c.var.ctx, given, clientAddress(c));

/** The JSON API: `Authorization: Bearer <admin token>` on every request, or 401 (429 after many wrong ones). */
export const requireBearer: MiddlewareHandler<Env> = async (c, next) => {
  const check = await checkToken(c, bearerToken(c.req.header('authorization')));
  if (check.result === 'ok') return next();
  if (check.result === 'locked') throw new RateLimited(`Too many wrong admin tokens from this address. Try again in ${minutes(check.retryAfter)}.`, check.retryAfter);
  c.header('WWW-Authenticate', 'Bearer realm="mend-admin"');
  return c.json({ error: 'Unauthorized: send Authorization: Bearer <admin token>' }, 401);
};

/** Paths under /admin that answer without a session: the login form itself. */
const OPEN = new Set(['/admin/login']);

/**
 * The dashboard: every POST must come from our own origin (CSRF; with SameSite=Strict a second
 * line), and every page but the login form needs a live session (signed and still recorded
 * server-side), else it goes to the login form. The session is in `c.var.adminSession`.
 */
export const requireSession: MiddlewareHandler<Env> = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !sameOrigin(c)) return c.text('Forbidden: cross-site request', 403);
  if (OPEN.has(c.req.path)) return next();
  const session = await currentSession(c);
  if (session) {
    c.set('adminSession', session);
    return next();
  }
  c.header('Cache-Control', 'no-store');
  const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}` : '';
  return c.redirect(`/admin/login${back}`, 303);
};

const currentSession = (c: Context<Env>): Promise<AdminSession | null> => openAdminSession(c.var.ctx, getCookie(c, SESSION_COOKIE));

export const hasSession = async (c: Context<Env>): Promise<boolean> => (await currentSession(c)) !== null;

/**
 * Our own origins, from the configured public URL only (never the Host header, which the caller
 * writes). Locally the same port on 127.0.0.1 and [::1] is ours too when the URL says localhost:
 * the server listens there and a browser may be pointed at either.
 */
export function ownOrigins(ctx: Env['Variables']['ctx']): Set<string> {
  const url = new URL(ctx.config.publicUrl);
  const own = new Set([url.origin]);
  if (ctx.config.mode === 'local' && url.hostname === 'localhost')
    for (const host of ['127.0.0.1', '[::1]']) own.add(`${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
  return own;
}

/**
 * Same-origin proof for a POST: the Origin header when the browser gives one; else the
 * Fetch-Metadata header (a page under `Referrer-Policy: no-referrer` makes Chrome send
 * `Origin: null`, but it still sends Sec-Fetch-Site, which no script can forge); else the Referer.
 */
export function sameOrigin(c: Context<Env>): boolean {
  const own = ownOrigins(c.var.ctx);
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') return own.has(origin);
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'same-origin';
  const referer = refererOrigin(c.req.header('referer'));
  return !!referer && own.has(referer);
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

const cookieOptions = (c: Context<Env>) => ({
  httpOnly: true,
  sameSite: 'Strict' as const,
  path: '/admin',
  secure: c.var.ctx.config.publicUrl.startsWith('https:'),
});

/** Logs in: a session recorded server-side, its signed id in the cookie. */
export async function startSession(c: Context<Env>): Promise<void> {
  setCookie(c, SESSION_COOKIE, await startAdminSession(c.var.ctx, clientAddress(c)), { ...cookieOptions(c), maxAge: SESSION_SECONDS });
}

/** Logs out: this session's record is deleted (the cookie no longer works anywhere) and the cookie cleared. */
export async function endSession(c: Context<Env>): Promise<void> {
  await endAdminSession(c.var.ctx, getCookie(c, SESSION_COOKIE));
  clearSessionCookie(c);
}

export function clearSessionCookie(c: Context<Env>): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}

/** Where to go after login: only a path inside the dashboard (no open redirect). */
export function safeNext(next: string | undefined): string {
  return next && /^\/admin(\/[^/\\]|\/?$|\?)/.test(next) && !next.includes('//') ? next : '/admin';
}
