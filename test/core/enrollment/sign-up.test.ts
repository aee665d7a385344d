import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealTime } from '../../../functions/core/clock.js';
import { settingsFromEnv } from '../../../functions/core/config.js';
import { getEmailOwner } from '../../../functions/core/db/email-lookups.js';
import { enroll } from '../../../functions/core/enrollment/enroll.js';
import { EnrollInput } from '../../../functions/core/enrollment/input.js';
import { SIGNUPS_PER_ADDRESS_PER_DAY } from '../../../functions/core/enrollment/sign-up.js';
import { dynamoFaultyStack, enrolAndConfirm, inbox, json, testStack, uniqueEmail, validEnrolment, type TestStack } from '../../helpers/stack.js';

/**
 * Issue 14, "Abuse": what one client can do to the sign-up form, tried as an attacker would.
 * These stacks keep the production floor under every answer (signupAnswerMs) unless a test says.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ config: { signupAnswerMs: 0 } });
});
afterAll(() => stack.close());

/** What the Lambda adapter hands the app for a Function URL request from `ip` (the address the admin throttle uses too). */
const from = (ip: string) => ({ requestContext: { http: { sourceIp: ip } } });
const enrolFrom = (s: TestStack, ip: string | undefined, body: unknown) => s.app.request('/api/enroll', json(body), ip ? from(ip) : undefined);
const formFrom = (s: TestStack, ip: string, body: Record<string, string>) =>
  s.app.request('/api/enroll', { method: 'POST', body: new URLSearchParams(body), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } }, from(ip));

const formOf = (over: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(validEnrolment(over)).map(([k, v]) => [k, String(v)]));

describe('sign-ups per client address (MEND_SIGNUP_LIMIT)', () => {
  it('lets 20 an hour through from one address, then answers 429 with Retry-After, JSON for a program and a kind page for the form', async () => {
    const ip = '198.51.100.20';
    const sent: string[] = [];
    for (let i = 0; i < 20; i++) {
      const body = validEnrolment();
      expect((await enrolFrom(stack, ip, body)).status).toBe(202);
      sent.push(body.email as string);
    }
    const refused = validEnrolment();
    const res = await enrolFrom(stack, ip, refused);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect(((await res.json()) as { error: string }).error).toMatch(/too many sign-ups from your network/);
    const page = await formFrom(stack, ip, formOf());
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBeTruthy();
    expect(await page.text()).toContain('Please wait a little');
    // Nothing happened for the refused ones; the twenty got their confirmation.
    expect(await getEmailOwner(stack.ctx, refused.email as string)).toBeNull();
    expect(await inbox(stack, refused.email as string)).toHaveLength(0);
    expect((await Promise.all(sent.map((e) => inbox(stack, e)))).every((m) => m.length === 1)).toBe(true);
    // Another client is not held back by this one, and the next hour starts afresh.
    expect((await enrolFrom(stack, '198.51.100.21', validEnrolment())).status).toBe(202);
    stack.clock.advance(3600_000);
    expect((await enrolFrom(stack, ip, validEnrolment())).status).toBe(202);
  });

  it('counts a burst before judging it: of 35 parallel sign-ups from one address, exactly 20 get through', async () => {
    const bodies = Array.from({ length: 35 }, () => validEnrolment());
    const answers = await Promise.all(bodies.map((b) => enrolFrom(stack, '203.0.113.35', b)));
    expect(answers.filter((r) => r.status === 202)).toHaveLength(20);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(15);
    const mailed = (await Promise.all(bodies.map((b) => inbox(stack, b.email as string)))).filter((m) => m.length).length;
    expect(mailed).toBe(20);
  });

  it('counts a sign-up once when DynamoDB lost the answer to its count: the 20th from one address still gets through', async () => {
    // The count lands and its answer is lost; the SDK sends the same increment again. Counted twice,
    // the client's 20th sign-up of the hour was refused although it was within the limit.
    const { stack: faulty, dynamo } = await dynamoFaultyStack({ config: { signupAnswerMs: 0 } });
    try {
      let lost = false;
      dynamo.faults.dropAfterApplyIf = (op, body) => !lost && op === 'UpdateItem' && body.includes('RATE#signup-client') && (lost = true);
      const ip = '198.51.100.44';
      const answers: number[] = [];
      for (let i = 0; i < 21; i++) answers.push((await enrolFrom(faulty, ip, validEnrolment())).status);
      expect(dynamo.stats.dropped).toBe(1);
      expect(answers).toEqual([...Array(20).fill(202), 429]);
    } finally {
      await faulty.close();
    }
  });

  it('counts an IPv6 client by its /64, so picking a new address in it does not help', async () => {
    for (let i = 0; i < 20; i++) expect((await enrolFrom(stack, `2001:db8:aa:1::${(i + 1).toString(16)}`, validEnrolment())).status).toBe(202);
    expect((await enrolFrom(stack, '2001:db8:aa:1:ffff:ffff:ffff:fffe', validEnrolment())).status).toBe(429);
    expect((await enrolFrom(stack, '2001:db8:aa:2::1', validEnrolment())).status).toBe(202);
  });

  it('is off with MEND_SIGNUP_LIMIT=0 (simulations, load tests), and reads the variable strictly', async () => {
    expect(settingsFromEnv({ MEND_SIGNUP_LIMIT: '0' })).toEqual({ signupLimit: 0 });
    expect(settingsFromEnv({})).toEqual({});
    const open = await testStack({ config: { signupAnswerMs: 0, ...settingsFromEnv({ MEND_SIGNUP_LIMIT: '0' }) } });
    try {
      expect(open.ctx.config.signupLimit).toBe(0);
      for (let i = 0; i < 25; i++) expect((await enrolFrom(open, '192.0.2.77', validEnrolment())).status).toBe(202);
    } finally {
      await open.close();
    }
    expect(stack.ctx.config.signupLimit).toBe(20); // the default
    await expect(testStack({ config: settingsFromEnv({ MEND_SIGNUP_LIMIT: 'lots' }) })).rejects.toThrow(/MEND_SIGNUP_LIMIT/);
    await expect(testStack({ config: settingsFromEnv({ MEND_SIGNUP_LIMIT: '-1' }) })).rejects.toThrow(/MEND_SIGNUP_LIMIT/);
  });

  it('keeps only keyed hashes of addresses, never an address', async () => {
    const { data } = await stack.ctx.db.entities.rateWindow.scan.go({ pages: 'all', data: 'raw' });
    const stored = JSON.stringify((data as unknown as { Items: unknown[] }).Items);
    expect(stored).toContain('RATE#signup-client');
    expect(stored).toContain('RATE#signup-address');
    for (const seen of ['198.51.100.20', '203.0.113.35', '2001:db8:aa:1', '@example.com']) expect(stored).not.toContain(seen);
  });
});

describe('sign-ups naming one address', () => {
  it('sends exactly one confirmation for 50 parallel sign-ups of one address, burst after burst', async () => {
    // Straight to the use-case, so all fifty reach it (over HTTP the daily limit per address stops most).
    for (let burst = 0; burst < 5; burst++) {
      const input = EnrollInput.parse(validEnrolment());
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => enroll(stack.ctx, { ...input })));
      expect(outcomes.filter((o) => o === 'sent'), `burst ${burst}: ${outcomes.join(',')}`).toHaveLength(1);
      expect(await inbox(stack, input.email), `burst ${burst}`).toHaveLength(1);
    }
    // And over HTTP from fifty clients: one confirmation, the rest of the burst refused by the daily limit.
    const body = validEnrolment();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => enrolFrom(stack, `192.0.2.${100 + i}`, { ...body })));
    expect(answers.filter((r) => r.status === 202)).toHaveLength(SIGNUPS_PER_ADDRESS_PER_DAY);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(50 - SIGNUPS_PER_ADDRESS_PER_DAY);
    expect(await inbox(stack, body.email as string)).toHaveLength(1);
  });

  it(`refuses more than ${SIGNUPS_PER_ADDRESS_PER_DAY} sign-ups of one address a day, from anywhere, and still mails it no more than the re-send rules allow`, async () => {
    const body = validEnrolment();
    for (let i = 0; i < SIGNUPS_PER_ADDRESS_PER_DAY; i++) {
      expect((await enrolFrom(stack, `198.18.0.${i + 1}`, body)).status).toBe(202);
      stack.clock.advance(11 * 60_000);
    }
    const res = await enrolFrom(stack, '198.18.1.1', body);
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: string }).error).toMatch(/signed up too many times today/);
    // Five confirmations a day at most, one per ten minutes, whatever the number of tries.
    expect(await inbox(stack, body.email as string)).toHaveLength(5);
  });

  it('quietly drops a sign-up whose honeypot field is filled in: the same answer, nothing stored or sent', async () => {
    const body = validEnrolment();
    const bot = await enrolFrom(stack, '198.51.100.99', { ...body, website: 'http://spam.example' });
    const person = await enrolFrom(stack, '198.51.100.99', validEnrolment());
    expect(bot.status).toBe(202);
    expect(await bot.json()).toEqual(await person.json());
    expect(await getEmailOwner(stack.ctx, body.email as string)).toBeNull();
    expect(await inbox(stack, body.email as string)).toHaveLength(0);
    // The form carries the field, hidden from people and screen readers.
    const page = await (await stack.app.request('/')).text();
    expect(page).toMatch(/<div class="hp" aria-hidden="true">.*name="website" tabindex="-1" autocomplete="off"/s);
    const formBot = await formFrom(stack, '198.51.100.98', { ...formOf(), website: 'yes' });
    expect(formBot.status).toBe(202);
    expect(await formBot.text()).toContain('Check your inbox');
  });
});

/** Real time as a test sees it: `now` moves only by what each call to the database costs here, `sleep` records. */
function recordingTimer(): RealTime & { waits: number[]; answeredAt: number[] } {
  let t = 0;
  const waits: number[] = [];
  const answeredAt: number[] = [];
  return {
    waits,
    answeredAt,
    now: () => t,
    async sleep(ms) {
      waits.push(ms);
      t += ms;
      answeredAt.push(t);
    },
  };
}

describe('the time a sign-up takes', () => {
  it('does not tell a known address from a new one: each answer is held until the same moment after it arrived', async () => {
    const floored = await testStack({ config: { signupAnswerMs: 250 } });
    try {
      const known = await enrolAndConfirm(floored);
      const timer = recordingTimer();
      floored.ctx.realTime = timer;
      // A known active address (nothing to do), a new one (a reader written and a confirmation sent),
      // a pending one again (re-send refused), a refused burst: all answered at the floor.
      expect((await enrolFrom(floored, '192.0.2.1', known.body)).status).toBe(202);
      expect((await enrolFrom(floored, '192.0.2.1', validEnrolment())).status).toBe(202);
      const pending = validEnrolment();
      expect((await enrolFrom(floored, '192.0.2.1', pending)).status).toBe(202);
      expect((await enrolFrom(floored, '192.0.2.1', pending)).status).toBe(202);
      expect(timer.waits).toEqual([250, 250, 250, 250]);
      // Real waiting: the answers arrive, nothing is lost on the way.
      floored.ctx.realTime = undefined;
      expect((await enrolFrom(floored, '192.0.2.2', validEnrolment())).status).toBe(202);
    } finally {
      await floored.close();
    }
  });

  it('waits only what is left of the floor after the work, and never for work that took longer', async () => {
    const floored = await testStack({ config: { signupAnswerMs: 250 } });
    try {
      let t = 0;
      const waits: number[] = [];
      // Each reading of the clock finds 40 ms more gone: the work before the answer "took" 40 ms.
      floored.ctx.realTime = { now: () => (t += 40) - 40, sleep: async (ms) => void waits.push(ms) };
      await enrolFrom(floored, '192.0.2.3', validEnrolment());
      expect(waits).toEqual([210]);
      waits.length = 0;
      floored.ctx.realTime = { now: () => (t += 400) - 400, sleep: async (ms) => void waits.push(ms) };
      await enrolFrom(floored, '192.0.2.3', validEnrolment());
      expect(waits).toEqual([]);
    } finally {
      await floored.close();
    }
  });

  it('holds the answer by default (250 ms, MEND_SIGNUP_ANSWER_MS to change)', () => {
    expect(settingsFromEnv({ MEND_SIGNUP_ANSWER_MS: '400' })).toEqual({ signupAnswerMs: 400 });
  });
});

describe('sign-ups over real HTTP', () => {
  it('are counted by the socket address the server saw (never X-Forwarded-For)', async () => {
    const served = await testStack({ port: 0, config: { signupAnswerMs: 0, signupLimit: 3 } });
    try {
      const post = (forwardedFor: string) =>
        fetch(`${served.urls.app}/api/enroll`, { method: 'POST', body: JSON.stringify(validEnrolment({ email: uniqueEmail('http') })), headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor } });
      for (let i = 0; i < 3; i++) expect((await post(`10.0.0.${i}`)).status).toBe(202);
      expect((await post('10.0.0.99')).status).toBe(429);
    } finally {
      await served.close();
    }
  });
});
