import type { MiddlewareHandler } from 'hono';

/**
 * Hono answers HEAD with the GET handler. Link checkers and mail scanners send HEAD to see if a
 * link works; on our one-click links (confirm, branch choice, check-in answer) that must not act
 * for the reader. A HEAD gets the headers of a page and changes nothing.
 */
export const noEffectOnHead: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== 'HEAD') return next();
  return c.body(null, 200, { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-store' });
};
