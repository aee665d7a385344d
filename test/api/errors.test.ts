import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../functions/api/app.js';
import { errorsAs } from '../../functions/api/errors.js';
import { sign } from '../../functions/core/links/tokens.js';
import { Conflict, Gone, Invalid, NotFound, RateLimited, Unavailable, type DomainError } from '../../functions/core/shared/errors.js';
import { enrolAndConfirm, json, testStack, validEnrolment, type TestStack } from '../helpers/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

const KINDS: [string, () => DomainError, number][] = [
  ['Invalid', () => new Invalid('Invalid thing: sendHour must be 0-23', [{ path: 'sendHour', message: 'must be 0-23' }]), 400],
  ['NotFound', () => new NotFound('No reader with this id'), 404],
  ['Conflict', () => new Conflict('Someone changed this first'), 409],
  ['Gone', () => new Gone('This link has expired'), 410],
  ['RateLimited', () => new RateLimited('Too many tries', 120), 429],
  ['Unavailable', () => new Unavailable('The mail service did not answer'), 503],
];

/** The production app with routes that throw, to see the one onError at work. */
function throwingApp() {
  const app = createApp(stack.ctx, { dev: false });
  const make = (kind: string) => KINDS.find(([k]) => k === kind)![1]();
  app.get('/test/api/:kind', (c) => {
    throw make(c.req.param('kind'));
  });
  app.use('/test/page/*', errorsAs('link'));
  app.all('/test/page/:kind', (c) => {
    throw make(c.req.param('kind'));
  });
  app.use('/test/admin/*', errorsAs('admin'));
  app.get('/test/admin/:kind', (c) => {
    throw make(c.req.param('kind'));
  });
  app.get('/test/zod', () => {
    z.object({ n: z.number() }).parse({ n: 'x' });
    return new Response();
  });
  app.get('/test/bug', () => {
    throw new TypeError('cannot read properties of undefined (reading "secret")');
  });
  app.use('/test/page-bug', errorsAs('link'));
  app.get('/test/page-bug', () => {
    throw new TypeError('boom');
  });
  return app;
}

describe('the domain-error mapping (one onError)', () => {
  it.each(KINDS)('answers %s with its status and {"error","issues"} for API clients, never a 500', async (kind, make, status) => {
    const res = await throwingApp().request(`/test/api/${kind}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/json');
    const e = make();
    expect(await res.json()).toEqual({ error: e.message, issues: e instanceof Invalid ? e.issues : [] });
    expect(res.headers.get('retry-after')).toBe(kind === 'RateLimited' ? '120' : null);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(KINDS)('answers %s with a kind page (same status) where the route renders pages, and JSON to a JSON caller', async (kind, _make, status) => {
    const app = throwingApp();
    const page = await app.request(`/test/page/${kind}`);
    expect(page.status).toBe(status);
    expect(page.headers.get('content-type')).toContain('text/html');
    const text = await page.text();
    expect(text).toContain('<h1>');
    expect(text).not.toMatch(/at \w+ \(|Error:/); // no stack trace, no error class
    const program = await app.request(`/test/page/${kind}`, json({}));
    expect(program.status).toBe(status);
    expect(await program.json()).toHaveProperty('error');
    const admin = await app.request(`/test/admin/${kind}`);
    expect(admin.status).toBe(status);
    expect(await admin.text()).toContain('Back to the dashboard');
  });

  it('turns a zod error nobody named into a 400 with the issues, not a 500', async () => {
    const res = await throwingApp().request('/test/zod');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Invalid request', issues: [{ path: 'n', message: expect.any(String) }] });
  });

  it('answers a bug of ours with a 500 that tells nothing of it, as JSON or as a kind page', async () => {
    const res = await throwingApp().request('/test/bug');
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain('Nothing you sent was lost');
    expect(body).not.toContain('secret');
    const page = await throwingApp().request('/test/page-bug');
    expect(page.status).toBe(500);
    expect(await page.text()).toContain('Something went wrong on our side');
  });
});

describe('domain errors on the real routes', () => {
  it('shows a broken or expired reader link as a kind page and a JSON caller gets JSON', async () => {
    const { id } = await enrolAndConfirm(stack);
    const broken = await stack.app.request('/me/not-a-token');
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain('This link does not work');
    const old = sign('test-signing-secret', 'prefs', id, new Date(stack.clock.now().getTime() - 1000));
    const expired = await stack.app.request(`/me/${old}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
    const program = await stack.app.request('/me/not-a-token', { ...json({ action: 'pause' }) });
    expect(program.status).toBe(400);
    expect(await program.json()).toMatchObject({ error: 'This link does not work', issues: [{ path: 'token' }] });
  });

  it('refuses a check-in link naming something we do not know, and a reader who is gone', async () => {
    const { id } = await enrolAndConfirm(stack);
    const far = new Date('2030-01-01');
    for (const path of [
      `/outcome/${sign('test-signing-secret', 'outcome', id, far, { k: '1m', o: 'eloped' })}`,
      `/outcome/${sign('test-signing-secret', 'outcome', 'nobody-here', far, { k: '1m', o: 'moved-on' })}`,
      `/me/${sign('test-signing-secret', 'prefs', 'nobody-here', far)}`,
    ]) {
      const res = await stack.app.request(path);
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toContain('This link does not work');
    }
  });

  it('tells the person at the subscribe form on a page when SES is down (503), and a JSON caller in JSON', async () => {
    const real = stack.ctx.ses.send.bind(stack.ctx.ses);
    // A stand-in only for an SES outage, which the emulator cannot produce.
    stack.ctx.ses.send = (async () => {
      throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' });
    }) as typeof stack.ctx.ses.send;
    try {
      const form = new URLSearchParams(Object.entries(validEnrolment()).map(([k, v]) => [k, String(v)]));
      const page = await stack.app.request('/api/enroll', { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('Please try again in a few minutes');
      const program = await stack.app.request('/api/enroll', json(validEnrolment()));
      expect(program.status).toBe(503);
      expect(await program.json()).toMatchObject({ error: expect.stringContaining('try again'), issues: [] });
    } finally {
      stack.ctx.ses.send = real;
    }
  });

  it('answers a locked-out bearer caller 429 with Retry-After through the same mapping', async () => {
    const from = { requestContext: { http: { sourceIp: '198.51.100.99' } } };
    for (let i = 0; i < 10; i++) await stack.app.request('/api/admin/overview', { headers: { authorization: `Bearer wrong-${i}` } }, from);
    const res = await stack.app.request('/api/admin/overview', { headers: { authorization: 'Bearer test-admin-token' } }, from);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ error: expect.stringMatching(/^Too many wrong admin tokens from this address\. Try again in/) });
  });
});
