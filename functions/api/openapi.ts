import { z } from 'zod';
import type { ZodType } from 'zod';
import { InboxReply } from '../core/admin/inbox.js';
import { Note } from '../core/admin/notes.js';
import { OutcomeEntry } from '../core/admin/outcomes.js';
import { Overview } from '../core/admin/overview.js';
import { ReaderSummary } from '../core/admin/readers.js';
import { ReaderProfile, ReaderStory, StoryReply } from '../core/admin/story.js';
import { UnmatchedItem } from '../core/admin/unmatched.js';
import { FunnelReport, FunnelRow } from '../core/reports/funnel.js';
import { CheckpointRowSchema, CohortReportSchema, CohortRowSchema, OutcomeReportSchema } from '../core/reports/schemas.js';
import type { ApiRoute } from './routes/admin/api/route.js';

/**
 * OpenAPI 3.1 description of the author's admin API, served at /api/admin/openapi.json (itself
 * behind the bearer token). Generated from the route list the API mounts (routes/admin/api/) and
 * the zod schemas those routes parse and answer with, via zod's own JSON Schema output (draft
 * 2020-12, which OpenAPI 3.1 uses): what is documented is what runs.
 */

const Issue = z.object({ path: z.string().describe('the field, or (body)'), message: z.string() });
/** Every 4xx a domain error causes (functions/api/errors.ts). */
export const ErrorBody = z.object({ error: z.string(), issues: z.array(Issue).describe('every bad field, for a 400; empty otherwise') });
export const Unauthorized = z.object({ error: z.string() });

/** Shared shapes, documented once and referenced by name. */
const COMPONENTS: Record<string, ZodType> = {
  Error: ErrorBody,
  Unauthorized,
  Overview,
  ReaderSummary,
  ReaderProfile,
  ReaderStory,
  StoryReply,
  InboxReply,
  Note,
  UnmatchedItem,
  OutcomeEntry,
  CheckpointRow: CheckpointRowSchema,
  OutcomeReport: OutcomeReportSchema,
  CohortRow: CohortRowSchema,
  CohortReport: CohortReportSchema,
  FunnelRow,
  FunnelReport,
};

type JsonSchema = Record<string, unknown>;
const REF = '#/components/schemas/';
const ref = (id: string) => ({ $ref: `${REF}${id}` });

/**
 * zod's output names its draft and (in a registry) an $id, and bounds every integer by the safe
 * range; inside an OpenAPI document none of that says anything, so it goes.
 */
function bare(s: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = s;
  return tidy(rest) as JsonSchema;
}

function tidy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(tidy);
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if ((k === 'minimum' && x === Number.MIN_SAFE_INTEGER) || (k === 'maximum' && x === Number.MAX_SAFE_INTEGER)) continue;
    out[k] = tidy(x);
  }
  return out;
}

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/** `/readers/:id` -> `/readers/{id}` and its parameter names. */
function openapiPath(path: string): { path: string; params: string[] } {
  const params = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  return { path: path.replace(/:(\w+)/g, '{$1}'), params };
}

/** A query object's fields as OpenAPI query parameters (what a caller sends: the input side). */
function queryParameters(query: ZodType): object[] {
  const s = z.toJSONSchema(query, { io: 'input' }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, schema]) => {
    // The description on the parameter (what OpenAPI tools show) and on its schema (what validators and generators keep).
    const { description } = schema;
    return { name, in: 'query', required: (s.required ?? []).includes(name), schema: tidy(schema), ...(description ? { description } : {}) };
  });
}

const json = (schema: object) => ({ 'application/json': { schema } });

export function openapi(serverUrl: string, routes: readonly ApiRoute[]) {
  // Responses are what the API sends (the output side), in one registry so shared shapes become $refs.
  const registry = z.registry<{ id: string }>();
  const ids = new Map<ZodType, string>();
  for (const [id, schema] of Object.entries(COMPONENTS)) {
    registry.add(schema, { id });
    ids.set(schema, id);
  }
  for (const r of routes) {
    if (r.status === 204 || ids.has(r.response)) continue;
    const id = `${pascal(r.id)}Response`;
    registry.add(r.response, { id });
    ids.set(r.response, id);
  }
  const { schemas } = z.toJSONSchema(registry, { io: 'output', uri: (id) => `${REF}${id}` }) as { schemas: Record<string, JsonSchema> };

  const paths: Record<string, Record<string, object>> = {};
  for (const r of routes) {
    const { path, params } = openapiPath(r.path);
    const error = (description: string) => ({ description, content: json(ref('Error')) });
    const responses: Record<string, object> = {
      [r.status ?? 200]:
        r.status === 204
          ? { description: 'Done: nothing to send back' }
          : {
              description: r.status === 201 ? 'Created' : r.status === 202 ? 'Accepted' : 'OK',
              content: { ...json(ref(ids.get(r.response)!)), ...(r.csv ? { 'text/csv': { schema: { type: 'string' } } } : {}) },
            },
      ...(r.query || r.body ? { 400: error('The request names a bad field: `issues` lists every one') } : {}),
      401: { description: 'Missing or wrong bearer token', content: json(ref('Unauthorized')) },
      ...(r.notFound ? { 404: error(r.notFound) } : {}),
      429: {
        description: 'Too many wrong tokens from this address: refused, even with the right token, for Retry-After seconds',
        headers: { 'Retry-After': { description: 'seconds until the window ends', schema: { type: 'integer' } } },
        content: json(ref('Error')),
      },
    };
    (paths[path] ??= {})[r.method] = {
      operationId: r.id,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      parameters: [...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })), ...(r.query ? queryParameters(r.query) : [])],
      ...(r.body ? { requestBody: { required: true, content: json(bare(z.toJSONSchema(r.body, { io: 'input' }) as JsonSchema)) } } : {}),
      responses,
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Mend admin API',
      version: '1',
      description: "The author's data: readers, replies, outcomes, reports. Every route needs `Authorization: Bearer <admin token>`. Lists page with `cursor`; `format=csv` streams a whole table.",
    },
    servers: [{ url: `${serverUrl}/api/admin` }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, bare(s)])),
    },
  };
}
