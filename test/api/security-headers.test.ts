import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { token } from '../../functions/core/links/urls.js';
import { plain } from '../helpers/mail.js';
import { enrolAndConfirm, json, testStack, uniqueEmail, type TestStack } from '../helpers/stack.js';
import { ORIGIN, bearer, login } from './admin/admin-helpers.js';

/** Issue 14, "Sessions and headers": what every page carries, checked on every kind of page there is. */
let stack: TestStack;
let cookie: string;
let readerId: string;
beforeAll(async () => {
  stack = await testStack();
  const r = await enrolAndConfirm(stack);
  readerId = r.id;
  await stack.app.request('/dev/inbound', { method: 'POST', body: plain({ from: uniqueEmail('stray'), to: 'hello@reply.mend.localhost' }, 'Hello?'), headers: { 'content-type': 'message/rfc822' } });
  cookie = await login(stack);
});
afterAll(() => stack.close());

const html = { accept: 'text/html' };

/** Every kind of page: the reader's, the sign-up form's, the author's, the local tools', the errors. */
const pages = () => [
  ['/', {}],
  ['/confirm?token=broken', {}],
  [`/me/${token(stack.ctx, 'prefs', readerId)}`, {}],
  [`/unsubscribe/${token(stack.ctx, 'unsub', readerId)}`, {}],
  [`/happened/${token(stack.ctx, 'event', readerId, { e: 'moved-on' })}`, {}],
  ['/choose/not-a-token', {}],
  ['/admin/login', {}],
  ...['/admin', '/admin/readers', `/admin/readers/${readerId}`, '/admin/replies', '/admin/unmatched', '/admin/reports/outcomes', '/admin/reports/cohorts', '/admin/reports/funnel', '/admin/exports', '/admin/sessions', '/admin/readers/nobody'].map(
    (p) => [p, { cookie }] as const,
  ),
  ['/dev/inbox', {}],
  ['/no/such/page', html],
] as [string, Record<string, string>][];

const directives = (csp: string) => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));

describe('every page', () => {
  it('carries a Content-Security-Policy: nothing from elsewhere, scripts only with its nonce, only our own stylesheets, no framing', async () => {
    for (const [path, headers] of pages()) {
      const res = await stack.app.request(path, { headers });
      const body = await res.text();
      expect(res.headers.get('content-type'), path).toMatch(/text\/html/);
      const csp = res.headers.get('content-security-policy');
      expect(csp, path).toBeTruthy();
      const d = directives(csp!);
      expect(d['default-src'], path).toEqual(["'self'"]);
      expect(d['object-src'], path).toEqual(["'none'"]);
      expect(d['base-uri'], path).toEqual(["'none'"]);
      expect(d['frame-ancestors'], path).toEqual(["'none'"]);
      expect(d['form-action'], path).toEqual(["'self'"]);
      expect(d['script-src'], path).toEqual([expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{20,}'$/)]);
      const nonce = d['script-src']![0]!.slice("'nonce-".length, -1);
      // Every script carries this response's nonce; no inline handlers, no javascript: links.
      for (const tag of body.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toContain(`nonce="${nonce}"`);
      expect(body, path).not.toMatch(/\son[a-z]+\s*=/i);
      expect(body, path).not.toMatch(/javascript:/i);
      // Every inline stylesheet is allowed by its hash; no style attributes (the policy allows none).
      for (const [, css] of body.matchAll(/<style>([\s\S]*?)<\/style>/g)) expect(d['style-src'], path).toContain(`'sha256-${createHash('sha256').update(css!).digest('base64')}'`);
      expect(d['style-src'], path).not.toContain("'unsafe-inline'");
      expect(body, path).not.toMatch(/\sstyle\s*=/);
      // The headers set before stay.
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('gets a fresh nonce on every response', async () => {
    const a = (await stack.app.request('/')).headers.get('content-security-policy');
    const b = (await stack.app.request('/')).headers.get('content-security-policy');
    expect(a).not.toBe(b);
  });

  it('and every other answer carries the policy too (JSON, CSV, errors)', async () => {
    for (const res of [
      await stack.app.request('/health'),
      await stack.app.request('/api/admin/overview', { headers: bearer }),
      await stack.app.request('/api/admin/readers?format=csv', { headers: bearer }),
      await stack.app.request('/api/enroll', json({ email: 'nope' })),
    ])
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    // The local inbox's view of an email's own HTML keeps its stricter sandbox policy.
    const list = (await (await stack.app.request('/dev/inbox?format=json')).json()) as { emails: { links: { html: string } }[] };
    const mailHtml = await stack.app.request(list.emails[0]!.links.html);
    expect(mailHtml.headers.get('content-security-policy')).toMatch(/^sandbox /);
  });
});

describe('an unknown URL', () => {
  it('gives a browser an HTML 404 page', async () => {
    const res = await stack.app.request('/no/such/page', { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const page = await res.text();
    expect(page).toContain('There is no page here');
    expect(page).toContain('href="/"');
  });

  it('keeps JSON for programs', async () => {
    for (const headers of [{}, { accept: 'application/json' }, { accept: '*/*' }] as Record<string, string>[]) {
      const res = await stack.app.request('/api/nothing-here', { headers });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'Not found' });
    }
  });
});

describe('the favicon', () => {
  it('is served as an icon and as SVG, and every page links it', async () => {
    const ico = await stack.app.request('/favicon.ico');
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const bytes = new Uint8Array(await ico.arrayBuffer());
    expect([...bytes.slice(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]); // an ICO with one image
    const svg = await stack.app.request('/favicon.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg /);
    expect(await (await stack.app.request('/')).text()).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    expect(await (await stack.app.request('/admin', { headers: { cookie } })).text()).toContain('href="/favicon.svg"');
  });
});

describe('the local server', () => {
  it('keeps the /dev routes out of the AWS build (they exist only in local mode)', async () => {
    const { createApp } = await import('../../functions/api/app.js');
    const app = createApp(stack.ctx, { dev: false });
    expect(app.routes.some((r) => r.path.startsWith('/dev'))).toBe(false);
    expect((await app.request('/dev/inbox', { headers: { origin: ORIGIN } })).status).toBe(404);
  });
});
