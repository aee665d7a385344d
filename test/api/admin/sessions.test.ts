import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStack, type TestStack } from '../../helpers/stack.js';
import { ADMIN_TOKEN, ORIGIN, dash, login } from './admin-helpers.js';

/** Issue 14, "Sessions and headers": a session that is over is over, wherever a copy of its cookie is. */
let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

const from = (ip: string) => ({ requestContext: { http: { sourceIp: ip } } });
const loginFrom = async (ip: string) => {
  const res = await stack.app.request(
    '/admin/login',
    { method: 'POST', body: new URLSearchParams({ token: ADMIN_TOKEN, next: '/admin' }), headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } },
    from(ip),
  );
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0]!;
};

/** The cookie still works: a page is served, and a POST gets past the session check (404: no such reader). */
async function works(cookie: string): Promise<boolean> {
  const page = await dash(stack, cookie, '/admin');
  const post = await dash(stack, cookie, '/admin/readers/nobody/notes', { text: 'hello' });
  if (page.status === 200 && post.status === 404) return true;
  expect(page.status).toBe(303);
  expect(page.headers.get('location')).toMatch(/^\/admin\/login/);
  expect(post.status).toBe(303);
  return false;
}

describe('admin sessions', () => {
  it('ends for good at logout: the old cookie no longer serves pages or takes POSTs', async () => {
    const cookie = await login(stack);
    expect(await works(cookie)).toBe(true);
    const out = await stack.app.request('/admin/logout', { method: 'POST', headers: { cookie, origin: ORIGIN } });
    expect(out.status).toBe(303);
    // A copy of the cookie kept elsewhere (another tab, a stolen copy) is as dead as the cleared one.
    expect(await works(cookie)).toBe(false);
    const again = await stack.app.request('/admin/login', { headers: { cookie } });
    expect(await again.text()).toContain('name="token"');
  });

  it('logs out one session without touching the others', async () => {
    const a = await login(stack);
    const b = await login(stack);
    await stack.app.request('/admin/logout', { method: 'POST', headers: { cookie: a, origin: ORIGIN } });
    expect(await works(a)).toBe(false);
    expect(await works(b)).toBe(true);
  });

  it('lists the live sessions on the dashboard, each with when it started, was last used, and a client code, never an address', async () => {
    const mine = await loginFrom('198.51.100.31');
    const other = await loginFrom('203.0.113.32');
    const page = await dash(stack, mine, '/admin/sessions');
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Log out everywhere');
    expect(text).toContain('this one');
    expect((text.match(/action="\/admin\/sessions\/[^/]+\/end"/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('198.51.100.31');
    // Stored server-side: id, created, last seen, a keyed hash of the client; no address in the table.
    const { data } = await stack.ctx.db.entities.adminSession.scan.go({ pages: 'all', data: 'raw' });
    const stored = JSON.stringify((data as unknown as { Items: unknown[] }).Items);
    expect(stored).toContain('clientHash');
    expect(stored).toContain('lastSeenAt');
    for (const ip of ['198.51.100.31', '203.0.113.32']) expect(stored).not.toContain(ip);
    expect(await works(other)).toBe(true);
  });

  it('ends another session from the list; ending this one goes to the login form', async () => {
    const mine = await login(stack);
    const other = await login(stack);
    const page = await (await dash(stack, mine, '/admin/sessions')).text();
    const ends = [...page.matchAll(/<tr>.*?action="(\/admin\/sessions\/[^"]+\/end)".*?<\/tr>/gs)].map((m) => ({ row: m[0], action: m[1]! }));
    const otherRow = ends.find((e) => !e.row.includes('this one'))!;
    const thisRow = ends.find((e) => e.row.includes('this one'))!;
    // Which of the others is `other` does not matter: end them all but this one.
    for (const e of ends.filter((x) => x !== thisRow)) expect((await dash(stack, mine, e.action, {})).status).toBe(303);
    expect(otherRow).toBeTruthy();
    expect(await works(other)).toBe(false);
    expect(await works(mine)).toBe(true);
    const self = await dash(stack, mine, thisRow.action, {});
    expect(self.headers.get('location')).toBe('/admin/login?out=1');
    expect(self.headers.get('set-cookie')).toMatch(/^mend_admin=; Max-Age=0/);
    expect(await works(mine)).toBe(false);
  });

  it('logs out everywhere: every session ends, this one included', async () => {
    const sessions = [await login(stack), await login(stack), await login(stack)];
    const res = await dash(stack, sessions[0]!, '/admin/logout/everywhere', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login?out=all');
    for (const c of sessions) expect(await works(c)).toBe(false);
    expect(await (await stack.app.request('/admin/login?out=all')).text()).toContain('Every session has ended');
  });

  it('ends every session when the admin token is rotated', async () => {
    const cookie = await login(stack);
    const rotated = { ...stack.ctx.secrets, adminToken: 'a-new-admin-token' };
    const before = stack.ctx.secrets;
    stack.ctx.secrets = rotated;
    try {
      expect(await works(cookie)).toBe(false);
    } finally {
      stack.ctx.secrets = before;
    }
  });
});

describe('the same-origin check', () => {
  it('takes our origin from the configured public URL, never from the Host header a caller writes', async () => {
    const cookie = await login(stack);
    const post = (headers: Record<string, string>) =>
      stack.app.request('http://evil.example/admin/readers/nobody/notes', { method: 'POST', body: 'text=hi', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers } });
    // A request that names evil.example as its host and origin is still cross-site.
    expect((await post({ host: 'evil.example', origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ host: 'evil.example', referer: 'http://evil.example/admin' })).status).toBe(403);
    // Our configured origin passes (404: past the guards, no such reader); locally 127.0.0.1 on our port is us too.
    expect((await post({ origin: ORIGIN })).status).toBe(404);
    expect((await post({ origin: 'http://127.0.0.1:3000' })).status).toBe(404);
    expect((await post({ origin: 'http://127.0.0.1:3001' })).status).toBe(403);
  });

  it('in AWS trusts only the public URL itself', async () => {
    const aws = await testStack({ config: { publicUrl: 'https://mend.example.com', mode: 'aws' } });
    try {
      const res = await aws.app.request('/admin/login', { method: 'POST', body: `token=${ADMIN_TOKEN}`, headers: { origin: 'https://mend.example.com', 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.status).toBe(303);
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      const post = (origin: string) =>
        aws.app.request('https://abc.lambda-url.us-east-1.on.aws/admin/readers/nobody/notes', { method: 'POST', body: 'text=hi', headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' } });
      expect((await post('https://abc.lambda-url.us-east-1.on.aws')).status).toBe(403);
      expect((await post('https://mend.example.com')).status).toBe(404);
      expect((await post('http://127.0.0.1:3000')).status).toBe(403);
    } finally {
      await aws.close();
    }
  });
});
