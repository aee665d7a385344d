import type { Context } from 'hono';

type Bindings = {
  requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
  incoming?: { socket?: { remoteAddress?: string } };
};

/**
 * The caller's address as the runtime saw it: the Lambda Function URL's `sourceIp` (set by AWS)
 * or the Node socket locally. Never X-Forwarded-For, which any caller can write. Undefined for
 * in-process `app.request` calls.
 */
export function clientAddress(c: Context): string | undefined {
  const env = c.env as Bindings | undefined;
  return env?.requestContext?.http?.sourceIp ?? env?.requestContext?.identity?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? undefined;
}
