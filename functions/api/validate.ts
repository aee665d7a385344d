import type { Context } from 'hono';
import type { ZodError, ZodType } from 'zod';
import { badRequest } from '../core/shared/errors.js';

export const zodIssues = (e: ZodError) =>
  e.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));

/** Reads a JSON or form body into a plain object; a body that is neither is a 400, not a 500. */
export async function readBody(c: Context): Promise<{ data: Record<string, unknown>; form: boolean }> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      const data = await c.req.json();
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error();
      return { data, form: false };
    } catch {
      throw badRequest('The body must be a JSON object', [{ path: '(body)', message: 'is not valid JSON' }]);
    }
  }
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    const body = await parseForm(c);
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') data[k] = v;
    return { data, form: true };
  }
  throw badRequest('Send JSON (application/json) or a form', [{ path: '(body)', message: 'unsupported content type' }]);
}

/** zod parse that throws our 400 with every bad field named. */
export function parseOr400<T>(schema: ZodType<T>, data: unknown, what: string): T {
  const res = schema.safeParse(data);
  if (!res.success) {
    const issues = zodIssues(res.error);
    throw badRequest(`Invalid ${what}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  }
  return res.data;
}

/**
 * A form body (urlencoded or multipart), or a 400 naming the problem: a multipart body without its
 * boundary, cut short or otherwise malformed makes the platform's parser throw, which is the
 * caller's bad input, never our 500.
 */
export async function parseForm(c: Context, opts: { all?: boolean } = {}): Promise<Record<string, string | File | (string | File)[]>> {
  try {
    return await c.req.parseBody(opts);
  } catch {
    const multipart = (c.req.header('content-type') ?? '').includes('multipart/form-data');
    throw badRequest(multipart ? 'The form could not be read: the multipart/form-data body is malformed' : 'The form could not be read', [
      { path: '(body)', message: multipart ? 'is not valid multipart/form-data (check the boundary and every part)' : 'is not a valid form body' },
    ]);
  }
}
