import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Env } from './app.js';
import { styleSources } from './pages/shell.js';

/**
 * Headers on every response. The Content-Security-Policy allows nothing from elsewhere
 * (`default-src 'self'`), no script but one carrying this response's nonce (the sign-up page's
 * time-zone line), no stylesheet but the pages' own fixed ones (by hash: pages/shell.ts), no
 * plugins, no <base>, forms only to us, and no framing by other sites. A route that shows content
 * of its own kind (the local inbox's email view) sets a stricter policy of its own, which stays.
 */
export const securityHeaders: MiddlewareHandler<Env> = async (c, next) => {
  const nonce = randomBytes(16).toString('base64');
  c.set('nonce', nonce);
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', policy(nonce));
};

export function policy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'self' ${styleSources().join(' ')}`.trim(),
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
