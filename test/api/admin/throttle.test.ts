import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES, WINDOW_SECONDS, lockedFor, recordFailure } from '../../../functions/core/admin/throttle.js';
import { ManualClock } from '../../../functions/core/clock.js';
import { dynamoFaultyStack, testStack, type TestStack } from '../../helpers/stack.js';
import { ADMIN_TOKEN, ORIGIN, bearer } from './admin-helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

/** What the Lambda adapter hands the app for a Function URL request from `ip`. */
const from = (ip: string) => ({ requestContext: { http: { sourceIp: ip } } });

const loginFrom = (ip: string, token: string) =>
  stack.app.request(
    '/admin/login',
    { method: 'POST', body: new URLSearchParams({ token, next: '/admin' }), headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } },
    from(ip),
  );

describe('admin token throttle', () => {
  it('refuses an address at the login form after too many wrong tokens, even with the right one, and says when to retry', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) expect((await loginFrom('198.51.100.7', `guess-${i}`)).status).toBe(401);
    const locked = await loginFrom('198.51.100.7', ADMIN_TOKEN);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.headers.get('set-cookie')).toBeNull();
    expect(await locked.text()).toMatch(/Too many wrong tokens from this address\. Please try again in (a minute|\d+ minutes)\./);
    // The author on another network is not locked out by someone else's guessing.
    expect((await loginFrom('203.0.113.20', ADMIN_TOKEN)).status).toBe(303);
  });

  it('refuses the bearer API the same way, per address', async () => {
    const call = (ip: string, token: string) =>
      stack.app.request('/api/admin/overview', { headers: { authorization: `Bearer ${token}` } }, from(ip));
    for (let i = 0; i < MAX_FAILURES; i++) expect((await call('192.0.2.44', `nope-${i}`)).status).toBe(401);
    const locked = await call('192.0.2.44', ADMIN_TOKEN);
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: string }).error).toMatch(/Too many wrong admin tokens/);
    expect((await stack.app.request('/api/admin/overview', { headers: bearer }, from('192.0.2.45'))).status).toBe(200);
  });

  it('counts by the socket address over real HTTP (the local server)', async () => {
    const served = await testStack({ port: 0 });
    try {
      const post = (token: string) =>
        fetch(`${served.urls.app}/admin/login`, {
          method: 'POST',
          redirect: 'manual',
          body: new URLSearchParams({ token, next: '/admin' }),
          headers: { origin: served.urls.app, 'content-type': 'application/x-www-form-urlencoded' },
        });
      for (let i = 0; i < MAX_FAILURES; i++) expect((await post(`guess-${i}`)).status).toBe(401);
      expect((await post(ADMIN_TOKEN)).status).toBe(429);
      // In-process calls carry no address and are never locked.
      expect((await served.app.request('/api/admin/overview', { headers: bearer })).status).toBe(200);
    } finally {
      await served.close();
    }
  });

  it('lets the address back in when its window ends', async () => {
    const clock = new ManualClock('2026-03-02T09:00:10Z');
    for (let i = 0; i < MAX_FAILURES; i++) await recordFailure(stack.ctx, '2001:db8::9', clock);
    expect(await lockedFor(stack.ctx, '2001:db8::9', clock)).toBe(WINDOW_SECONDS - 10);
    clock.advance(WINDOW_SECONDS * 1000);
    expect(await lockedFor(stack.ctx, '2001:db8::9', clock)).toBe(0);
  });

  it('counts a burst before judging it: of 40 parallel wrong tokens at most 10 are looked at, and the right one inside the burst is refused too', async () => {
    const ip = '198.51.100.140';
    const call = (token: string) => stack.app.request('/api/admin/overview', { headers: { authorization: `Bearer ${token}` } }, from(ip));
    const burst = await Promise.all([...Array.from({ length: 40 }, (_, i) => call(`burst-${i}`)), call(ADMIN_TOKEN)]);
    const statuses = burst.map((r) => r.status);
    // Every answer but a 429 is a token that was judged: never more than the limit of them.
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(41 - MAX_FAILURES);
    // Once the burst is counted, the right token gets nowhere from that address until the window ends.
    expect((await call(ADMIN_TOKEN)).status).toBe(429);
  });

  it('counts an IPv6 client by its /64: guesses from many of its addresses lock all of them, and nobody else', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) expect((await loginFrom(`2001:db8:77:1::${(i + 1).toString(16)}`, `guess-${i}`)).status).toBe(401);
    expect((await loginFrom('2001:db8:77:1:abcd:ef01:2345:6789', ADMIN_TOKEN)).status).toBe(429);
    // Written another way (leading zeros, upper case), the same /64.
    expect((await loginFrom('2001:0DB8:0077:0001::1', ADMIN_TOKEN)).status).toBe(429);
    expect((await loginFrom('2001:db8:77:2::1', ADMIN_TOKEN)).status).toBe(303);
    // IPv4 seen through an IPv6 socket is that IPv4 client.
    for (let i = 0; i < MAX_FAILURES; i++) await loginFrom('::ffff:203.0.113.90', `guess-${i}`);
    expect((await loginFrom('203.0.113.90', ADMIN_TOKEN)).status).toBe(429);
  });

  it('never adds up the right token: the author can call the API as often as they like', async () => {
    for (let i = 0; i < 3 * MAX_FAILURES; i++) expect((await stack.app.request('/api/admin/overview', { headers: bearer }, from('192.0.2.200'))).status).toBe(200);
  });

  // The write lands and DynamoDB loses its answer; the SDK sends the same change again. Applied
  // twice, a count locked the author out one wrong token early, and a taken-back one gave a guesser
  // an extra try.
  for (const [write, pick] of [
    ['the count of an attempt', (body: string) => body.includes('{"N":"1"}')],
    ['taking back the right token', (body: string) => body.includes('{"N":"-1"}')],
  ] as const)
    it(`counts each attempt once when DynamoDB lost the answer to ${write}`, async () => {
      const { stack: faulty, dynamo } = await dynamoFaultyStack();
      try {
        const call = (token: string) => faulty.app.request('/api/admin/overview', { headers: { authorization: `Bearer ${token}` } }, from('198.51.100.99'));
        let lost = false;
        dynamo.faults.dropAfterApplyIf = (op, body) => !lost && op === 'UpdateItem' && body.includes('THROTTLE#') && pick(body) && (lost = true);
        const statuses: number[] = [];
        for (let i = 0; i < MAX_FAILURES - 1; i++) statuses.push((await call(`guess-${i}`)).status);
        statuses.push((await call(ADMIN_TOKEN)).status); // judged and taken back
        statuses.push((await call('guess-last')).status); // the limit's last wrong token
        statuses.push((await call(ADMIN_TOKEN)).status); // locked now, right token or not
        expect(dynamo.stats.dropped).toBe(1);
        expect(statuses).toEqual([...Array(MAX_FAILURES - 1).fill(401), 200, 401, 429]);
      } finally {
        await faulty.close();
      }
    });

  it('keeps no IP address in the table', async () => {
    // The raw items, every attribute as stored (keys included).
    const { data } = await stack.ctx.db.entities.throttle.scan.go({ pages: 'all', data: 'raw' });
    const items = ((data as unknown as { Items?: Record<string, unknown>[] }).Items ?? []);
    const stored = JSON.stringify(items.filter((i) => String(i.pk).startsWith('THROTTLE#')));
    expect(stored).toContain('failures');
    for (const ip of ['198.51.100.7', '192.0.2.44', '2001:db8::9', '2001:db8:77', '198.51.100.140']) expect(stored).not.toContain(ip);
  });
});
