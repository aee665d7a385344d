import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { TooLarge } from '../core/shared/errors.js';

/** Sign-up, the reader's pages and the dashboard: a form or a small JSON object, never more. */
export const SMALL_BODY = 64 * 1024;

const inWords = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`);

/**
 * Refuses a body over `maxBytes` before anything parses it: by its Content-Length at once, or,
 * for a chunked body, as soon as the bytes read pass the limit (never buffering more). The 413
 * goes through the app's one error mapping, so a form gets a page and a program JSON.
 * Mount it after `errorsAs` so the refusal is shown as the route's kind of page.
 */
export const limitBody = (maxBytes: number = SMALL_BODY): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new TooLarge(`The request body is larger than ${inWords(maxBytes)}, more than this page ever sends`, maxBytes);
    },
  });

/** A newsletter issue's Markdown (up to 400,000 characters) in JSON or a form: the one bigger body. */
export const NEWSLETTER_BODY = 2 * 1024 * 1024;

/** The small limit everywhere, the newsletter's on the routes that take an issue's text. */
export function limitBodyWithNewsletters(): MiddlewareHandler {
  const small = limitBody();
  const big = limitBody(NEWSLETTER_BODY);
  return (c, next) => (/\/newsletters(\/|$)/.test(c.req.path) ? big(c, next) : small(c, next));
}
