import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { DomainError, Invalid, RateLimited, RETRY_AFTER_FAULT, TooLarge, Unavailable, type ErrorKind } from '../core/shared/errors.js';
import { AmbiguousSendError, TransientSendError } from '../core/sending/errors.js';
import { serviceFault } from '../core/shared/service-faults.js';
import type { Env } from './app.js';
import { adminErrorPage } from './pages/admin/error.js';
import { notFoundPage, publicErrorPage, type PublicErrorView } from './pages/errors.js';
import { zodIssues } from './validate.js';

/** The one place a domain error becomes an HTTP status. */
export const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'rate-limited': 429,
  'too-large': 413,
  unavailable: 503,
};

/** How a route's errors are shown to a person: the dashboard's pages, or a reader-facing kind. */
export type ErrorView = 'admin' | PublicErrorView;

/**
 * Marks the routes below as page routes: their errors become that kind of page (same status).
 * A request that sent JSON still gets JSON: the caller is a program, not a person.
 */
export const errorsAs =
  (view: ErrorView): MiddlewareHandler<Env> =>
  async (c, next) => {
    c.set('errorView', view);
    await next();
  };

const OUR_FAULT = 'Something went wrong on our side. Nothing you sent was lost; please try again.';

/**
 * What a caller is told when our database (or raw-mail store) did not answer. True of every route:
 * each change is one conditional write (what it implies follows from the item's outbox, finished by
 * the next write or visit), so a request cut short by the fault saved its change whole or not at all,
 * and sending it again is safe. (A sign-up's confirmation that could not go says so itself: enroll.ts.)
 */
export const STORAGE_FAULT =
  'A temporary fault on our side: our database did not answer just now. Nothing you sent was lost or left half-saved; please try again in a few seconds.';

/** A zod error nobody turned into a named 400 is still the caller's bad input, never a 500. */
const asDomain = (err: Error): DomainError | null =>
  err instanceof DomainError ? err : err instanceof z.ZodError ? new Invalid('Invalid request', zodIssues(err)) : null;

/**
 * A fault of a service we depend on (throttling past the SDK's retries, the service unavailable,
 * the connection refused or timed out) is temporary, not a bug: a 503 with Retry-After. Logged as
 * one line of names and numbers (the route, never the path, which can hold a reader's token).
 */
function asUnavailable(err: Error, c: Context<Env>): Unavailable | null {
  const where = { route: routePath(c, -1), method: c.req.method };
  // SES throttling or failing through every retry of the one send function: nothing was sent.
  if (err instanceof TransientSendError) {
    c.var.ctx.log.warn('mail service unavailable', { ...where, error: err.name, cause: err.code });
    return new Unavailable(MAIL_FAULT, { retryAfter: MAIL_RETRY_AFTER });
  }
  // SES's answer was lost after the request went out: the email may be on its way.
  if (err instanceof AmbiguousSendError) {
    c.var.ctx.log.warn('mail service answer lost', { ...where, error: err.name, cause: err.code });
    return new Unavailable(MAIL_UNSURE, { retryAfter: MAIL_RETRY_AFTER });
  }
  const fault = serviceFault(err);
  if (!fault) return null;
  c.var.ctx.log.warn('service unavailable', { ...where, ...fault });
  return new Unavailable(STORAGE_FAULT, { reason: 'storage', retryAfter: RETRY_AFTER_FAULT });
}

/** An email a request sends (a data export's link, a test copy) that SES would not take just now. */
export const MAIL_FAULT = 'We could not send the email just now: the mail service is busy. Nothing was lost; please try again in a minute.';
/** An email a request sends whose answer from SES was lost: it may well have gone. */
export const MAIL_UNSURE = 'We asked for the email to be sent but did not hear back that it went. Please look in your inbox in a few minutes; if nothing has arrived, try again.';
const MAIL_RETRY_AFTER = 60;

/** A program, not a person: it sent JSON, or asks for JSON and not for a page. */
const wantsJson = (c: Context<Env>) => {
  const accept = c.req.header('accept') ?? '';
  return (c.req.header('content-type') ?? '').includes('application/json') || (accept.includes('application/json') && !accept.includes('text/html'));
};

/**
 * The app's onError: a domain error is the caller's answer (its status, with `Retry-After` when
 * rate-limited or unavailable): `{"error","issues":[{"path","message"}]}` for API clients, a kind
 * page where the route renders pages. A service fault is an Unavailable (503). Anything else is our
 * fault: logged (the route, never the path, which can hold a reader's token) and answered 500
 * without details.
 */
export function handleError(err: Error, c: Context<Env>): Response | Promise<Response> {
  if (err instanceof HTTPException) return err.getResponse();
  const e = asDomain(err) ?? asUnavailable(err, c);
  const status = e ? STATUS[e.kind] : 500;
  if (!e) c.var.ctx.log.error('unhandled error', { route: routePath(c, -1), method: c.req.method, error: err.name, message: err.message });
  if (e instanceof RateLimited || (e instanceof Unavailable && e.retryAfter !== undefined)) c.header('Retry-After', String(e.retryAfter));
  const view = c.get('errorView');
  const author = c.var.ctx.config.authorName;
  if (view === 'admin') return c.html(adminErrorPage(e, author), status);
  if (view && !wantsJson(c)) return c.html(publicErrorPage(view, e, author), status);
  if (!e) return c.json({ error: OUR_FAULT }, 500);
  return c.json({ error: e.message, issues: issuesOf(e) }, status);
}

const issuesOf = (e: DomainError) =>
  e instanceof Invalid ? e.issues : e instanceof TooLarge ? [{ path: '(body)', message: `is larger than ${Math.round(e.limitBytes / 1024)} KB` }] : [];

/** A browser asking for a page we do not have; a program asking for JSON gets JSON. */
export function notFound(c: Context<Env>): Response | Promise<Response> {
  const accept = c.req.header('accept') ?? '';
  if (accept.includes('text/html')) return c.html(notFoundPage(c.var.ctx.config.authorName), 404);
  return c.json({ error: 'Not found' }, 404);
}
