import type { Context, Handler } from 'hono';
import type { z, ZodType } from 'zod';
import type { Env } from '../../../app.js';
import { parseOr400, readBody } from '../../../validate.js';

/**
 * One admin API route, declared once: the request schemas it parses with, the response schema it
 * answers with, and the words for its documentation. The API mounts these and the OpenAPI
 * document (openapi.ts) is generated from the same list, so a mounted route is a documented route
 * and its documented shapes are the ones the handler is type-checked against.
 */
export interface ApiRouteSpec {
  /** The OpenAPI operationId. */
  id: string;
  method: 'get' | 'post' | 'delete';
  /** The Hono pattern under /api/admin, e.g. `/readers/:id`. */
  path: string;
  summary: string;
  description?: string;
  /** What the request is called in a 400: "Invalid <what>: ...". */
  what: string;
  query?: ZodType;
  body?: ZodType;
  /** What a 200/201 answers; for a 204, `z.null()` (no body is sent). */
  response: ZodType;
  status?: 200 | 201 | 202 | 204;
  /** `?format=csv` streams the rows as CSV instead of answering JSON. */
  csv?: boolean;
  /** A path parameter can name something that is not there: what the 404 says. */
  notFound?: string;
}

/** `/replies/:readerId/:replyId/note` -> 'readerId' | 'replyId'. */
type ParamNames<P extends string> = P extends `${string}:${infer K}/${infer Rest}` ? K | ParamNames<`/${Rest}`> : P extends `${string}:${infer K}` ? K : never;

type Parsed<T> = T extends ZodType ? z.output<T> : undefined;

export type RouteInput<S extends ApiRouteSpec> = {
  query: Parsed<S['query']>;
  body: Parsed<S['body']>;
  params: Record<ParamNames<S['path']>, string>;
};

export type ApiRoute = ApiRouteSpec & { handle: Handler<Env> };

/**
 * Declares a route and its handler. The handler gets the parsed query, body and path parameters
 * (a bad one is a 400 naming every field, before the handler runs) and returns the response the
 * schema describes, or a Response of its own (a CSV stream).
 */
export function apiRoute<const S extends ApiRouteSpec>(
  spec: S,
  handler: (c: Context<Env>, input: RouteInput<S>) => Promise<z.output<S['response']> | Response>,
): ApiRoute {
  const handle: Handler<Env> = async (c) => {
    const query = spec.query ? parseOr400(spec.query, c.req.query(), spec.what) : undefined;
    const body = spec.body ? parseOr400(spec.body, (await readBody(c)).data, spec.what) : undefined;
    const input = { query, body, params: c.req.param() } as RouteInput<S>;
    const out = await handler(c, input);
    if (out instanceof Response) return out;
    return spec.status === 204 ? c.body(null, 204) : c.json(out as object, spec.status ?? 200);
  };
  return { ...spec, handle };
}
