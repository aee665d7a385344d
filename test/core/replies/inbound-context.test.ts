import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerHistory } from '../../../functions/core/db/history.js';
import { getReader } from '../../../functions/core/db/readers.js';
import { addDays, localDate } from '../../../functions/core/shared/time.js';
import { advanceClock } from '../../../functions/local/advance.js';
import { received, type Sent } from '../../helpers/course.js';
import { choiceLink } from '../../helpers/links.js';
import { plain } from '../../helpers/mail.js';
import { enrolAndConfirm, testStack, type TestStack } from '../../helpers/stack.js';

/**
 * Issue 10, "read in context": a reply the course itself asked for ("tell me when you've sent it")
 * is progress on that step, never a slip; a slip is only a slip while the course has the reader in
 * no contact. One stack, four readers living through the real course (dispatcher, clicks, replies).
 */
let stack: TestStack;
const people = {} as Record<'stormy' | 'loving' | 'stress' | 'control', { id: string; email: string }>;
let start: string;

beforeAll(async () => {
  stack = await testStack({ now: '2026-01-05T06:00:00Z' });
  start = localDate(stack.clock.now(), 'UTC');
  const enrol = (situation: string) => enrolAndConfirm(stack, { situation, timezone: 'UTC', sendHour: 9, followUpConsent: false });
  people.stormy = await enrol('tumultuous');
  people.loving = await enrol('healthy');
  people.stress = await enrol('stress');
  people.control = await enrol('tumultuous');
}, 120_000);
afterAll(() => stack.close());

const lessons = (email: string) => received(stack, email, ['lesson']);
const lesson = async (email: string, ref: string) => {
  const got = (await lessons(email)).find((s) => s.ref === ref);
  if (!got) throw new Error(`${email} has no ${ref} yet: ${(await lessons(email)).map((s) => s.ref).join(', ')}`);
  return got;
};
/** Advances the clock to 10:00 on the readers' day `n` after enrolment: that day's 9:00 lesson is out. */
const toDay = async (n: number) => {
  const ms = Date.parse(`${addDays(start, n)}T10:00:00Z`) - stack.clock.now().getTime();
  if (ms > 0) await advanceClock(stack.ctx, stack.clock, ms);
};
const replyTo = async (who: { email: string }, to: Sent, text: string) => {
  const res = await stack.app.request('/dev/inbound', { method: 'POST', body: plain({ from: who.email, to: to.mail.replyTo[0]! }, text), headers: { 'content-type': 'message/rfc822' } });
  expect(res.status).toBe(202);
  return (await res.json()) as { status: string; replyId: string; signals: string[]; applied: boolean };
};
const cursor = async (id: string) => (await getReader(stack.ctx, id))!.cursor!;

describe('a reply at the stress track\'s calm break message', () => {
  it('reads "I sent him the calm message" as the step done, not as broken no contact', async () => {
    await toDay(1);
    const ask = await lesson(people.stress.email, 'stress/day-01');
    const before = await cursor(people.stress.id);
    const out = await replyTo(people.stress, ask, "I sent him the calm message about Sunday, in my own words. I'm shaking a bit, but I did it.");
    expect(out.signals).toEqual(['reached-out-as-planned']);
    expect(out.applied).toBe(false);
    const after = await cursor(people.stress.id);
    expect(after.inserts).toEqual([]);
    expect(after.noContactSince).toBe(before.noContactSince);
    const [reply] = (await readerHistory(stack.ctx, people.stress.id)).replies;
    expect(reply).toMatchObject({ context: 'contact', courseStep: 'done', applied: false });
  });

  it('reads a late "I texted him yesterday, like you said" during the break the same way', async () => {
    await toDay(2);
    const pause = (await lessons(people.stress.email)).at(-1)!;
    expect(pause.ref).toBe('stress/day-02');
    const out = await replyTo(people.stress, pause, 'I texted him yesterday, like you said. Now I wait.');
    expect(out.signals).toEqual(['reached-out-as-planned']);
    expect((await cursor(people.stress.id)).inserts).toEqual([]);
  });
});

describe('a slip while the course has the reader in no contact', () => {
  it('is still a slip: "I texted him last night" on day 16 restarts the count', async () => {
    await toDay(16);
    const last = (await lessons(people.control.email)).at(-1)!;
    const out = await replyTo(people.control, last, 'I texted him last night. I feel awful.');
    expect(out.signals).toEqual(['broke-no-contact']);
    expect(out.applied).toBe(true);
    const c = await cursor(people.control.id);
    expect(c.noContactSince).toBe(localDate(stack.clock.now(), 'UTC'));
    expect(c.inserts.map((i) => i.lesson)).toEqual(['shared/broke-no-contact']);
  });
});

describe('a reply at the stormy track\'s reconnect lessons', () => {
  it('reads "I texted him this morning" at the first-message lesson as reaching out as planned', async () => {
    await toDay(30);
    const decision = await lesson(people.stormy.email, 'tumultuous/day-30');
    expect((await stack.app.request(choiceLink(decision.mail, 'ready'))).status).toBe(200);
    await toDay(31);
    const ask = await lesson(people.stormy.email, 'tumultuous/day-31');
    const before = await cursor(people.stormy.id);
    const out = await replyTo(people.stormy, ask, "I texted him this morning. Short and light, like you said. Now I'm trying not to check my phone every minute.");
    expect(out.signals).toEqual(['reached-out-as-planned']);
    const after = await cursor(people.stormy.id);
    expect(after.noContactSince).toBe(before.noContactSince);
    expect(after.inserts).toEqual([]);
  });

  it('reads "we met for coffee, and I called him after" at the meeting lesson as progress, and the course goes on on time', async () => {
    await toDay(34);
    const meet = await lesson(people.stormy.email, 'shared/meet-slowly');
    const out = await replyTo(people.stormy, meet, 'We met for coffee on Saturday. It was calm. I called him after to say thank you.');
    expect(out.signals).toEqual(['talking-again', 'reached-out-as-planned']);
    expect((await cursor(people.stormy.id)).inserts).toEqual([]);
    await toDay(37);
    expect((await lessons(people.stormy.email)).at(-1)!.ref).toBe('tumultuous/day-37');
  });
});

describe('a reply at the loving track\'s reconnect lessons', () => {
  it('reads "I sent it" at the first-message lesson as progress, and the last reconnect lesson is not held back', async () => {
    await toDay(45);
    const decision = await lesson(people.loving.email, 'healthy/day-45');
    expect((await stack.app.request(choiceLink(decision.mail, 'ready'))).status).toBe(200);
    await toDay(46);
    const ask = await lesson(people.loving.email, 'healthy/day-46');
    const before = await cursor(people.loving.id);
    const out = await replyTo(people.loving, ask, "I sent it! Three sentences, warm, no pressure. I messaged him at lunch and he hasn't answered yet.");
    expect(out.signals).toEqual(['reached-out-as-planned']);
    expect((await cursor(people.loving.id)).noContactSince).toBe(before.noContactSince);
    // Before, this reply restarted the count and held "say your piece" (60 days of no contact) back for weeks.
    await toDay(61);
    const refs = (await lessons(people.loving.email)).map((s) => s.ref);
    expect(refs).toContain('healthy/day-60');
    expect(refs).not.toContain('shared/broke-no-contact');
  });
});
