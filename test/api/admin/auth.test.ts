import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSession } from '../../../functions/core/admin/auth.js';
import { ManualClock } from '../../../functions/core/clock.js';
import { testStack, type TestStack } from '../../helpers/stack.js';
import { ADMIN_TOKEN, ORIGIN, bearer, login } from './admin-helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

/** Every admin route as the app declares it. The last test proves this list is complete. */
const API_PATTERNS: [string, string][] = [
  ['GET', '/api/admin/overview'],
  ['GET', '/api/admin/readers'],
  ['GET', '/api/admin/readers/:id'],
  ['POST', '/api/admin/readers/:id/notes'],
  ['DELETE', '/api/admin/readers/:id'],
  ['GET', '/api/admin/replies'],
  ['POST', '/api/admin/replies/:readerId/:replyId/review'],
  ['POST', '/api/admin/replies/:readerId/:replyId/signals'],
  ['POST', '/api/admin/replies/:readerId/:replyId/outcome'],
  ['POST', '/api/admin/replies/:readerId/:replyId/note'],
  ['POST', '/api/admin/replies/:readerId/:replyId/apply'],
  ['GET', '/api/admin/replies/:readerId/:replyId/text'],
  ['GET', '/api/admin/unmatched'],
  ['POST', '/api/admin/unmatched/:id/assign'],
  ['GET', '/api/admin/outcomes'],
  ['GET', '/api/admin/reports/outcomes'],
  ['GET', '/api/admin/reports/cohorts'],
  ['GET', '/api/admin/reports/funnel'],
  ['GET', '/api/admin/suppressions'],
  ['POST', '/api/admin/suppressions'],
  ['POST', '/api/admin/suppressions/:id/lift'],
  ['GET', '/api/admin/sending'],
  ['POST', '/api/admin/sending'],
  ['GET', '/api/admin/newsletters'],
  ['POST', '/api/admin/newsletters'],
  ['POST', '/api/admin/newsletters/preview'],
  ['GET', '/api/admin/newsletters/:id'],
  ['POST', '/api/admin/newsletters/:id/edit'],
  ['GET', '/api/admin/newsletters/:id/preview'],
  ['POST', '/api/admin/newsletters/:id/test'],
  ['POST', '/api/admin/newsletters/:id/send'],
  ['POST', '/api/admin/newsletters/:id/pause'],
  ['POST', '/api/admin/newsletters/:id/resume'],
  ['POST', '/api/admin/newsletters/:id/cancel'],
  ['GET', '/api/admin/newsletters/:id/deliveries'],
  ['POST', '/api/admin/segments/count'],
  ['GET', '/api/admin/segments'],
  ['POST', '/api/admin/segments'],
  ['GET', '/api/admin/openapi.json'],
];
const PAGE_PATTERNS: [string, string][] = [
  ['GET', '/admin'],
  ['GET', '/admin/exports'],
  ['GET', '/admin/readers'],
  ['GET', '/admin/readers/:id'],
  ['POST', '/admin/readers/:id/notes'],
  ['POST', '/admin/readers/:id/erase'],
  ['GET', '/admin/replies'],
  ['POST', '/admin/replies/:readerId/:replyId/:action'],
  ['GET', '/admin/replies/:readerId/:replyId/text'],
  ['GET', '/admin/unmatched'],
  ['POST', '/admin/unmatched/:id/assign'],
  ['GET', '/admin/reports/outcomes'],
  ['GET', '/admin/reports/cohorts'],
  ['GET', '/admin/reports/funnel'],
  ['GET', '/admin/export/:file'],
  ['GET', '/admin/sending'],
  ['POST', '/admin/sending'],
  ['POST', '/admin/sending/suppressions'],
  ['POST', '/admin/sending/suppressions/:id/lift'],
  ['GET', '/admin/sessions'],
  ['POST', '/admin/sessions/:id/end'],
  ['POST', '/admin/logout/everywhere'],
  // The newsletter pages load on first use, mounted as two patterns (their own routes are checked below).
  ['GET', '/admin/newsletters'],
  ['POST', '/admin/newsletters'],
  ['GET', '/admin/newsletters/*'],
  ['POST', '/admin/newsletters/*'],
];
/** Open by design: the login form (and logout, which only clears the cookie). */
const OPEN_PATTERNS = ['GET /admin/login', 'POST /admin/login', 'POST /admin/logout'];

const concrete = (pattern: string) =>
  pattern.replace(':readerId', 'r1').replace(':replyId', 'm1').replace(':action', 'review').replace(':id', 'r1').replace(':file', 'readers.csv');
const API_ROUTES: [string, string][] = [
  ...API_PATTERNS.map(([m, p]) => [m, concrete(p)] as [string, string]),
  ['GET', '/api/admin/readers?format=csv'],
  ['GET', '/api/admin/reports/outcomes?format=csv'],
  ['GET', '/api/admin/not-a-route'],
];
const PAGE_ROUTES: [string, string][] = [
  ...PAGE_PATTERNS.map(([m, p]) => [m, concrete(p)] as [string, string]),
  ['POST', '/admin/replies/r1/m1/outcome'],
  ['GET', '/admin/export/report.csv'],
  ['GET', '/admin/not-a-page'],
  ...[
    'GET /admin/newsletters/r1',
    'GET /admin/newsletters/r1/preview.html',
    'GET /admin/newsletters/r1/preview.txt',
    'GET /admin/newsletters/r1/deliveries.csv',
    'POST /admin/newsletters/preview',
    'POST /admin/newsletters/r1/edit',
    'POST /admin/newsletters/r1/test',
    'POST /admin/newsletters/r1/count',
    'POST /admin/newsletters/r1/send',
    'POST /admin/newsletters/r1/pause',
    'POST /admin/newsletters/r1/resume',
    'POST /admin/newsletters/r1/cancel',
  ].map((r) => r.split(' ') as [string, string]),
];

const form = (body: Record<string, string> = {}) => ({ body: new URLSearchParams(body), 'content-type': 'application/x-www-form-urlencoded' });

describe('admin API auth', () => {
  it.each(API_ROUTES)('%s %s answers 401 without the token', async (method, path) => {
    const res = await stack.app.request(path, { method });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(await res.json()).toMatchObject({ error: expect.stringContaining('Unauthorized') });
  });

  it.each(API_ROUTES)('%s %s answers 401 with a wrong token or only a session cookie', async (method, path) => {
    for (const authorization of [`Bearer ${ADMIN_TOKEN}x`, `Bearer ${ADMIN_TOKEN.slice(0, -1)}`, 'Bearer ', ADMIN_TOKEN, `Basic ${ADMIN_TOKEN}`]) {
      expect((await stack.app.request(path, { method, headers: { authorization } })).status).toBe(401);
    }
    const cookie = `mend_admin=${issueSession(stack.ctx)}`;
    expect((await stack.app.request(path, { method, headers: { cookie } })).status).toBe(401);
  });

  it('lets the right token through', async () => {
    const res = await stack.app.request('/api/admin/overview', { headers: bearer });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('dashboard auth', () => {
  it.each(PAGE_ROUTES)('%s %s sends a visitor without a session to the login form', async (method, path) => {
    const res = await stack.app.request(path, { method, headers: { origin: ORIGIN, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(method === 'POST' ? { body: '' } : {}) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/admin\/login/);
  });

  it.each(PAGE_ROUTES)('%s %s refuses the bearer token alone, a forged, expired or old-token session', async (method, path) => {
    const post = method === 'POST' ? { body: '', 'content-type': 'application/x-www-form-urlencoded' } : {};
    const expired = issueSession(stack.ctx, new ManualClock(Date.now() - 13 * 3_600_000));
    const valid = issueSession(stack.ctx);
    const forged = valid.slice(0, -2) + (valid.endsWith('AA') ? 'BB' : 'AA');
    const otherToken = issueSession({ ...stack.ctx, secrets: { ...stack.ctx.secrets, adminToken: 'rotated-away' } });
    for (const headers of [bearer, { cookie: `mend_admin=${expired}` }, { cookie: `mend_admin=${forged}` }, { cookie: `mend_admin=${otherToken}` }, { cookie: 'mend_admin=' }]) {
      const res = await stack.app.request(path, { method, body: post.body, headers: { origin: ORIGIN, ...headers, ...(post['content-type'] ? { 'content-type': post['content-type'] } : {}) } });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/admin\/login/);
    }
  });

  it('refuses a POST from another site even with a valid session (CSRF)', async () => {
    const cookie = await login(stack);
    for (const origin of ['https://evil.example', 'null', undefined]) {
      const res = await stack.app.request('/admin/readers/r1/notes', {
        method: 'POST',
        body: 'text=hi',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
      });
      expect(res.status).toBe(403);
    }
    // The login form and logout are protected the same way (no login CSRF).
    expect((await stack.app.request('/admin/login', { method: 'POST', ...form({ token: ADMIN_TOKEN }), headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(403);
    expect((await stack.app.request('/admin/logout', { method: 'POST', headers: { origin: 'https://evil.example' } })).status).toBe(403);
    // Fetch metadata decides when the Origin is null (Chrome under Referrer-Policy: no-referrer).
    const post = (headers: Record<string, string>) =>
      stack.app.request('/admin/readers/nobody/notes', { method: 'POST', body: 'text=hi', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers } });
    expect((await post({ origin: 'null', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ origin: 'null', 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await post({ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' })).status).toBe(403);
    expect((await post({ origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(404); // past the guards
    // A Referer from this site stands in for a missing Origin.
    const viaReferer = await stack.app.request('/admin/readers/nobody/notes', {
      method: 'POST',
      body: 'text=hi',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', referer: `${ORIGIN}/admin/readers/nobody` },
    });
    expect(viaReferer.status).toBe(404); // past the guards, and there is no such reader
  });

  it('logs in with the token: an httpOnly, SameSite=Strict cookie on /admin that expires', async () => {
    const page = await stack.app.request('/admin/login');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="token"');
    const bad = await stack.app.request('/admin/login', { method: 'POST', body: 'token=wrong', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const res = await stack.app.request('/admin/login', {
      method: 'POST',
      body: new URLSearchParams({ token: ADMIN_TOKEN, next: '/admin/reports/outcomes' }),
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/reports/outcomes');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^mend_admin=[^;]+; Max-Age=43200; Path=\/admin; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain('Secure'); // http locally
    const ok = await stack.app.request('/admin', { headers: { cookie: cookie.split(';')[0]! } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Readers by status and track');
  });

  it('never redirects off the dashboard after login', async () => {
    for (const next of ['https://evil.example/admin', '//evil.example/admin', '/admin//evil.example', '/\\evil.example', '/adminx', 'javascript:alert(1)']) {
      const res = await stack.app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token: ADMIN_TOKEN, next }), headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.headers.get('location')).toBe('/admin');
    }
  });

  it('logs out: the cookie is cleared', async () => {
    const cookie = await login(stack);
    const res = await stack.app.request('/admin/logout', { method: 'POST', headers: { cookie, origin: ORIGIN } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login?out=1');
    expect(res.headers.get('set-cookie')).toMatch(/^mend_admin=; Max-Age=0; Path=\/admin; HttpOnly; SameSite=Strict/);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const https = await testStack({ config: { publicUrl: 'https://mend.example.com' } });
    try {
      const res = await https.app.request('/admin/login', { method: 'POST', body: `token=${ADMIN_TOKEN}`, headers: { origin: 'https://mend.example.com', 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toContain('; Secure');
    } finally {
      await https.close();
    }
  });
});

describe('the route tables above', () => {
  it('list every admin route the app has', () => {
    const real = stack.app.routes.filter((r) => r.method !== 'ALL' && /^\/(api\/)?admin(\/|$)/.test(r.path)).map((r) => `${r.method} ${r.path}`);
    const listed = [...API_PATTERNS, ...PAGE_PATTERNS].map(([m, p]) => `${m} ${p}`);
    expect(real.sort()).toEqual([...listed, ...OPEN_PATTERNS].sort());
  });

  it('match the OpenAPI description, which documents every API route', async () => {
    const doc = (await (await stack.app.request('/api/admin/openapi.json', { headers: bearer })).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} /api/admin${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(documented.sort()).toEqual(API_PATTERNS.filter(([, p]) => !p.endsWith('openapi.json')).map(([m, p]) => `${m} ${p}`).sort());
  });
});
