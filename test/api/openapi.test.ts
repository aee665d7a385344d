import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOutcome } from '../../functions/core/outcomes/record.js';
import { getReader } from '../../functions/core/db/readers.js';
import { advanceDays, received } from '../helpers/course.js';
import { plain } from '../helpers/mail.js';
import { enrolAndConfirm, testStack, uniqueEmail, type TestStack } from '../helpers/stack.js';
import { api, bearer } from './admin/admin-helpers.js';

/**
 * The admin API's OpenAPI document against the running app: every mounted route is in it with
 * its errors, and real answers validate against the schemas it documents (draft 2020-12, as
 * OpenAPI 3.1 uses; objects are closed, so an undocumented field fails too).
 */
type Op = { operationId: string; parameters: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: object }> }; responses: Record<string, { content?: Record<string, { schema: object }>; headers?: object }> };
type Doc = { openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, object> } };

let stack: TestStack;
let doc: Doc;
let ajv: Ajv2020;
const w = { readerId: '', replyId: '', unmatchedId: '' };

const inbound = async (raw: string) => (await (await stack.app.request('/dev/inbound', { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } })).json()) as { replyId?: string; id?: string };

beforeAll(async () => {
  stack = await testStack({ now: '2026-02-02T06:00:00Z' });
  // A small lived-in system: two readers a few lessons in, a reply, a stray message, an answer.
  const a = await enrolAndConfirm(stack, { situation: 'tumultuous', timezone: 'UTC', sendHour: 9 });
  await enrolAndConfirm(stack, { situation: 'healthy', timezone: 'Europe/Paris', sendHour: 7 });
  await advanceDays(stack, 3);
  const last = (await received(stack, a.email, ['lesson'])).at(-1)!;
  w.readerId = a.id;
  w.replyId = (await inbound(plain({ from: a.email, to: last.mail.replyTo[0]! }, 'Day 3 without texting. Harder than I thought.'))).replyId!;
  w.unmatchedId = (await inbound(plain({ from: uniqueEmail('stranger'), to: 'hello@reply.mend.localhost', subject: 'Hello' }, 'Is this the right address?'))).id!;
  await recordOutcome(stack.ctx, (await getReader(stack.ctx, a.id))!, { checkpoint: '1m', outcome: 'undecided', source: 'link' });
  doc = (await (await stack.app.request('/api/admin/openapi.json', { headers: bearer })).json()) as Doc;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'doc', components: doc.components });
}, 120_000);
afterAll(() => stack.close());

const opOf = (method: string, path: string) => doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];

/** Validates a body against the schema the document gives for this operation and status. */
function conforms(method: string, path: string, status: number, body: unknown) {
  const schema = opOf(method, path)?.responses[String(status)]?.content?.['application/json']?.schema;
  expect(schema, `${method} ${path} documents ${status}`).toBeTruthy();
  // Refs inside the operation point into the document's components (added to ajv as 'doc').
  const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
  const ok = validate(body);
  expect(validate.errors ?? [], `${method} ${path} ${status}`).toEqual([]);
  expect(ok).toBe(true);
}

/** Calls the API and checks the answer against the document. */
async function call(method: string, pattern: string, concrete: string, body?: unknown) {
  const res = await api(stack, concrete, { method, ...(body !== undefined ? { body } : {}) });
  const json = await res.json();
  conforms(method, pattern, res.status, json);
  return { status: res.status, json: json as Record<string, unknown> };
}

describe('the generated OpenAPI document', () => {
  it('lists every admin API route the app mounts, and nothing else', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]!.url).toBe(`${stack.ctx.config.publicUrl}/api/admin`);
    const mounted = stack.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/admin/') && r.path !== '/api/admin/openapi.json')
      .map((r) => `${r.method} ${r.path.slice('/api/admin'.length)}`);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(mounted.length).toBe(38); // 22, and the reader's erasure (issue 14) and the 15 newsletter and segment routes (issue 13)
    expect(documented.sort()).toEqual([...new Set(mounted)].sort());
  });

  it('documents each route with its parameters, body and errors', () => {
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method} ${path}`;
        expect(op.operationId, name).toMatch(/^[a-z]\w+$/);
        expect(Object.keys(op.responses), name).toEqual(expect.arrayContaining(['401', '429']));
        expect(op.responses['429']!.headers, name).toHaveProperty('Retry-After');
        const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(op.parameters.filter((p) => p.in === 'path').map((p) => p.name), name).toEqual(pathParams);
        if (pathParams.length) expect(op.responses, name).toHaveProperty('404');
        if (method === 'post') {
          expect(op.requestBody?.content['application/json']?.schema, name).toMatchObject({ type: 'object', properties: expect.any(Object) });
          expect(op.responses, name).toHaveProperty('400');
        }
        if (op.parameters.some((p) => p.in === 'query')) expect(op.responses, name).toHaveProperty('400');
      }
    // The real request shapes, not placeholders.
    expect(opOf('GET', '/readers')!.parameters.map((p) => p.name)).toEqual(['email', 'q', 'track', 'status', 'cursor', 'limit', 'format']);
    expect(opOf('GET', '/replies')!.parameters.find((p) => p.name === 'signal')).toMatchObject({ schema: { enum: expect.arrayContaining(['broke-no-contact']) } });
    expect(opOf('POST', '/readers/:id/notes')!.requestBody!.content['application/json']!.schema).toMatchObject({ required: ['text'], properties: { text: { type: 'string', maxLength: 5000 } } });
    expect(opOf('GET', '/readers')!.responses['200']!.content).toHaveProperty('text/csv');
    expect(doc.components.schemas.ReaderStory).toMatchObject({ properties: { sends: { type: 'array' }, replies: { type: 'array' }, timeline: { type: 'array' } }, additionalProperties: false });
  });

  it('describes what the API really answers, route by route', async () => {
    const overview = await call('GET', '/overview', '/overview');
    expect(overview.json).toMatchObject({ readers: { total: 2 } });
    const list = await call('GET', '/readers', '/readers?limit=1');
    expect((list.json.readers as unknown[]).length).toBe(1);
    expect(list.json.cursor).toEqual(expect.any(String));
    const story = await call('GET', '/readers/:id', `/readers/${w.readerId}`);
    expect((story.json.sends as unknown[]).length).toBeGreaterThan(1);
    expect((story.json.replies as unknown[]).length).toBe(1);
    expect((story.json.outcomes as unknown[]).length).toBe(1);
    expect((await call('POST', '/readers/:id/notes', `/readers/${w.readerId}/notes`, { text: 'Check in on Friday.' })).status).toBe(201);
    const replies = await call('GET', '/replies', '/replies');
    expect((replies.json.replies as unknown[]).length).toBe(1);
    const reply = `/replies/${w.readerId}/${w.replyId}`;
    expect((await call('POST', '/replies/:readerId/:replyId/signals', `${reply}/signals`, { signals: ['no-contact-day'] })).status).toBe(200);
    expect((await call('POST', '/replies/:readerId/:replyId/review', `${reply}/review`, { reviewed: false })).status).toBe(200);
    expect((await call('POST', '/replies/:readerId/:replyId/note', `${reply}/note`, { text: 'Kind words back.' })).status).toBe(201);
    expect((await call('POST', '/replies/:readerId/:replyId/outcome', `${reply}/outcome`, { checkpoint: '1m', outcome: 'moved-on' })).json).toMatchObject({ status: 'changed' });
    expect((await call('GET', '/replies/:readerId/:replyId/text', `${reply}/text`)).json).toMatchObject({ text: 'Day 3 without texting. Harder than I thought.', truncated: false });
    expect((await call('POST', '/replies/:readerId/:replyId/apply', `${reply}/apply`, {})).json).toMatchObject({ reply: { matchedBy: 'token', courseStep: 'done' } });
    const outcomes = await call('GET', '/outcomes', '/outcomes');
    expect((outcomes.json.outcomes as unknown[]).length).toBe(1);
    const unmatched = await call('GET', '/unmatched', '/unmatched');
    expect((unmatched.json.unmatched as unknown[]).length).toBe(1);
    expect((await call('POST', '/unmatched/:id/assign', `/unmatched/${w.unmatchedId}/assign`, { readerId: w.readerId })).status).toBe(200);
    // What the author assigned changed nothing until they apply it.
    const assigned = await call('POST', '/replies/:readerId/:replyId/apply', `/replies/${w.readerId}/${w.unmatchedId}/apply`, {});
    expect(assigned.json).toMatchObject({ reply: { matchedBy: 'author', courseStep: 'done', applied: false } });
    const report = await call('GET', '/reports/outcomes', '/reports/outcomes?by=track');
    expect((report.json.groups as unknown[]).length).toBeGreaterThan(0);
    const cohorts = await call('GET', '/reports/cohorts', '/reports/cohorts');
    expect((cohorts.json.rows as unknown[]).length).toBeGreaterThan(0);
    const funnel = await call('GET', '/reports/funnel', '/reports/funnel?track=tumultuous');
    expect((funnel.json.rows as unknown[]).length).toBeGreaterThan(0);
  });

  it('describes the errors as they come: 400 naming the fields, 401, 404', async () => {
    const bad = await call('GET', '/readers', '/readers?limit=0&status=gone');
    expect(bad.status).toBe(400);
    expect((bad.json.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['limit', 'status']);
    expect((await call('POST', '/readers/:id/notes', '/readers/nobody/notes', { text: 'x' })).status).toBe(404);
    expect((await call('GET', '/replies/:readerId/:replyId/text', `/replies/${w.readerId}/nothing/text`)).status).toBe(404);
    expect((await call('POST', '/unmatched/:id/assign', `/unmatched/${w.unmatchedId}/assign`, {})).status).toBe(400);
    const anonymous = await stack.app.request('/api/admin/overview');
    expect(anonymous.status).toBe(401);
    conforms('GET', '/overview', 401, await anonymous.json());
  });

  it('would catch an answer that does not match', () => {
    expect(() => conforms('GET', '/readers', 200, { readers: [{ id: 'r1' }], cursor: null })).toThrow();
    expect(() => conforms('GET', '/overview', 200, { now: 'x', secret: true })).toThrow();
  });
});
