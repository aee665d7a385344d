import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getReader } from '../../functions/core/db/readers.js';
import { addDays, daysBetween, localDate } from '../../functions/core/shared/time.js';
import { advanceDays, received, type Sent } from '../helpers/course.js';
import { choiceLink, linksIn, prose } from '../helpers/links.js';
import { plain } from '../helpers/mail.js';
import { enrolAndConfirm, linkIn, testStack, type TestStack } from '../helpers/stack.js';

/**
 * Issue 11, "Paths and timeouts" and the check-in: each point walked through the real engine
 * (sign-up and confirmation over HTTP, the dev clock's dispatcher, real link clicks and replies).
 */
// A stack of its own for each test: the readers of earlier tests would otherwise go on being
// dispatched through every later test's months (the file took about twice as long), and no test
// depends on what another left behind.
let stack: TestStack;
beforeEach(async () => {
  stack = await testStack({ now: '2026-01-05T06:00:00Z' });
});
afterEach(() => stack.close());

const lessons = async (email: string) => received(stack, email, ['lesson']);
const refs = async (email: string) => (await lessons(email)).map((s) => s.ref);
const find = async (email: string, ref: string) => (await lessons(email)).find((s) => s.ref === ref);
const day = (s: Sent, enrolledOn: string) => daysBetween(enrolledOn, localDate(new Date(s.at), 'UTC'));
const click = (path: string) => stack.app.request(path);
const reply = async (email: string, text: string) => {
  const last = (await lessons(email)).at(-1)!;
  const res = await stack.app.request('/dev/inbound', {
    method: 'POST',
    body: plain({ from: email, to: last.mail.replyTo[0]! }, text),
    headers: { 'content-type': 'message/rfc822' },
  });
  expect(res.status).toBe(202);
};
const enrol = (over: Record<string, unknown>) => enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 9, followUpConsent: false, ...over });
const today = () => localDate(stack.clock.now(), 'UTC');

describe('1. a track change starts the question counts afresh, and the reader is told', () => {
  it('moves a silent stress reader to the loving track with a word about it, and gives them every "more time" re-ask there', async () => {
    const r = await enrol({ situation: 'stress' });
    const start = today();
    await advanceDays(stack, 28);
    const moved = (await getReader(stack.ctx, r.id))!;
    expect(moved.track).toBe('healthy');
    expect(moved.cursor).toMatchObject({ quietTimeouts: 0, rounds: 0 });
    await advanceDays(stack, 2);
    const first = (await lessons(r.email)).find((s) => s.ref.startsWith('healthy/'))!;
    expect(first.ref).toBe('healthy/day-01');
    expect(prose(first.mail)).toContain("I haven't heard from you since I asked about your break");
    expect(prose(first.mail)).toContain('the track for loving relationships that ended');
    // At the loving track's decision, the first silence means "more time", not "move on".
    await advanceDays(stack, 62);
    const after = await refs(r.email);
    const decision = after.indexOf('healthy/day-45');
    expect(decision).toBeGreaterThan(0);
    expect(after.slice(decision + 1)).toContain('shared/more-time');
    expect(after).not.toContain('shared/move-forward');
    expect(after).not.toContain('shared/no-answer');
    expect(day((await find(r.email, 'healthy/day-45'))!, start)).toBeGreaterThanOrEqual(day(first, start) - 1 + 45);
  });
});

describe('2. a reader who decided nothing gets an honest lesson of their own', () => {
  it('after four unanswered decision questions: no "you have decided", the door open, and one click brings the question back', async () => {
    const r = await enrol({ situation: 'tumultuous' });
    await advanceDays(stack, 81);
    const got = await refs(r.email);
    expect(got.filter((x) => ['tumultuous/day-30', 'shared/more-time', 'shared/more-time-2', 'shared/more-time-3'].includes(x))).toHaveLength(4);
    expect(got).toContain('shared/no-answer');
    expect(got).not.toContain('shared/move-forward');
    const honest = (await find(r.email, 'shared/no-answer'))!;
    expect(prose(honest.mail)).not.toMatch(/You've decided to move on/);
    expect(prose(honest.mail)).toContain("I haven't heard back");
    expect(prose(honest.mail)).toContain('The door stays open');
    // One click: the question is back, answered, and the course follows the answer.
    const res = await click(choiceLink(honest.mail, 'ready'));
    expect(await res.text()).toContain('ready to reconnect');
    await advanceDays(stack, 2);
    expect((await refs(r.email)).at(-1)).toBe('tumultuous/day-31');
  });

  it('without a click, the course turns to the reader\'s own life: never the "you have decided to move on" lesson', async () => {
    const r = await enrol({ situation: 'tumultuous' });
    await advanceDays(stack, 100);
    const got = await refs(r.email);
    const at = got.indexOf('shared/no-answer');
    expect(got.slice(at + 1)).toEqual(['shared/new-chapter', 'shared/closing']);
    expect((await getReader(stack.ctx, r.id))!.status).toBe('completed');
    // They never answered: a click on the old question now says it closed, not "already recorded".
    const late = await (await click(choiceLink((await find(r.email, 'tumultuous/day-30'))!.mail, 'ready'))).text();
    expect(late).toContain('This question has closed');
  });
});

describe('3. a late click replaces a timeout\'s default; only the reader\'s own click blocks it', () => {
  it('applies a different answer clicked after the timeout, within two weeks', async () => {
    const r = await enrol({ situation: 'tumultuous' });
    await advanceDays(stack, 40); // the decision on day 30, its timeout (more time) on day 37
    expect((await getReader(stack.ctx, r.id))!.cursor!.inserts[0]).toMatchObject({ lesson: 'shared/more-time' });
    const decision = (await find(r.email, 'tumultuous/day-30'))!;
    const res = await click(choiceLink(decision.mail, 'move-on'));
    const page = await res.text();
    expect(page).not.toContain('already recorded');
    expect(page).toContain("I&#39;ve decided to move on");
    await advanceDays(stack, 2);
    expect((await refs(r.email)).at(-1)).toBe('shared/move-forward');
    expect(await refs(r.email)).not.toContain('shared/more-time');
  });

  it('keeps the reader\'s own earlier click, and says a question closed long ago has closed', async () => {
    const a = await enrol({ situation: 'tumultuous' });
    const b = await enrol({ situation: 'tumultuous' });
    await advanceDays(stack, 31);
    const aq = (await find(a.email, 'tumultuous/day-30'))!;
    await click(choiceLink(aq.mail, 'ready'));
    const again = await click(choiceLink(aq.mail, 'move-on'));
    expect(await again.text()).toContain('already recorded');
    expect((await getReader(stack.ctx, a.id))!.cursor!.path).toBe('reconnect');
    // b never answers; weeks after the timeout a click is too late to undo what has happened since.
    await advanceDays(stack, 30);
    const bq = (await find(b.email, 'tumultuous/day-30'))!;
    const late = await (await click(choiceLink(bq.mail, 'move-on'))).text();
    expect(late).not.toContain('already recorded');
    expect(late).toContain('This question has closed');
  });
});

describe('4. re-asks say how long it has been, vary, and stop to ask whether to keep asking', () => {
  it('walks a reader who keeps choosing "more time": weeks 6, 8 and 10 in three different emails, then the question about the questions', async () => {
    const r = await enrol({ situation: 'tumultuous' });
    await advanceDays(stack, 31);
    await click(choiceLink((await find(r.email, 'tumultuous/day-30'))!.mail, 'more-time'));
    await advanceDays(stack, 0.5); // each click in the evening after the question came
    const asks: Sent[] = [];
    for (const id of ['shared/more-time', 'shared/more-time-2', 'shared/more-time-3']) {
      await advanceDays(stack, 14);
      const ask = (await find(r.email, id))!;
      expect(ask, id).toBeTruthy();
      asks.push(ask);
      await click(choiceLink(ask.mail, 'more-time'));
    }
    expect(asks.map((a) => a.mail.subject).length).toBe(new Set(asks.map((a) => a.mail.subject)).size);
    expect(prose(asks[0]!.mail)).toContain('After six weeks of no contact, how do you feel now?');
    expect(prose(asks[1]!.mail)).toContain('After eight weeks of no contact');
    expect(prose(asks[2]!.mail)).toContain('After ten weeks of no contact');
    for (const a of asks) expect(prose(a.mail)).toContain('two weeks since');
    expect(prose(asks[0]!.mail)).not.toContain('Six weeks of no contact: how do you feel?');
    await advanceDays(stack, 14);
    const meta = (await find(r.email, 'shared/keep-asking'))!;
    expect(prose(meta.mail)).toContain('Do you want me to keep asking?');
    await click(choiceLink(meta.mail, 'stop-asking'));
    await advanceDays(stack, 2);
    expect((await refs(r.email)).at(-1)).toBe('shared/own-pace');
    expect((await getReader(stack.ctx, r.id))!.status).toBe('completed');
  });
});

describe('5. after a slip, the decision waits the full minimum again, and the lessons keep flowing', () => {
  it('asks "how do you feel?" only 30 days after the slip, never leaves a week of silence, and says what happens next', async () => {
    const r = await enrol({ situation: 'tumultuous' });
    const start = today();
    await advanceDays(stack, 20);
    const slip = today();
    await reply(r.email, 'I broke no contact last night and called him.');
    await advanceDays(stack, 35);
    const all = await lessons(r.email);
    const support = all.find((s) => s.ref === 'shared/broke-no-contact')!;
    expect(prose(support.mail)).toContain('waits until you have had thirty days of no contact again');
    const decision = all.find((s) => s.ref === 'tumultuous/day-30')!;
    expect(day(decision, slip) >= 30).toBe(true);
    const between = all.filter((s) => s.at > support.at && s.at <= decision.at).map((s) => day(s, start));
    for (let i = 1; i < between.length; i++) expect(between[i]! - between[i - 1]!).toBeLessThanOrEqual(7);
    expect(all.map((s) => s.ref)).toContain('shared/start-again');
    expect(day(decision, start)).toBe(daysBetween(start, addDays(slip, 30)));
  });

  it('holds a re-ask of the decision back too, when the slip comes after "I need more time"', async () => {
    const r = await enrol({ situation: 'tumultuous' });
    await advanceDays(stack, 31);
    await click(choiceLink((await find(r.email, 'tumultuous/day-30'))!.mail, 'more-time'));
    await advanceDays(stack, 4);
    const slip = today();
    await reply(r.email, 'I broke no contact. I texted her on Friday night.');
    await advanceDays(stack, 32);
    const all = await lessons(r.email);
    const reask = all.find((s) => s.ref === 'shared/more-time')!;
    expect(daysBetween(slip, localDate(new Date(reask.at), 'UTC'))).toBeGreaterThanOrEqual(30); // not 14 days after the click
    const since = all.filter((s) => s.at > all.find((x) => x.ref === 'shared/broke-no-contact')!.at && s.at < reask.at);
    expect(since.length).toBeGreaterThanOrEqual(3); // waiting lessons in between, not three weeks of silence
  });
});

describe('6. an interjection never arrives twice', () => {
  it('skips the scheduled "if your ex gets in touch" lesson after the reply sent it, and a second reply sends nothing again', async () => {
    const r = await enrol({ situation: 'tumultuous' });
    await advanceDays(stack, 3);
    await reply(r.email, 'My ex texted me this morning. I have not answered yet.');
    await advanceDays(stack, 5);
    await reply(r.email, 'My ex texted me again today.');
    await advanceDays(stack, 20);
    expect((await refs(r.email)).filter((x) => x === 'shared/ex-reached-out')).toHaveLength(1);
  });
});

describe('7. a loving-track couple back together gets the closing lesson for couples', () => {
  it('never "ask whether they would like to try again" after "we\'re back together"', async () => {
    const r = await enrol({ situation: 'healthy', followUpConsent: true });
    await advanceDays(stack, 10);
    await reply(r.email, "We're back together! Going slowly this time.");
    await advanceDays(stack, 12);
    const got = await refs(r.email);
    expect(got.slice(-2)).toEqual(['healthy/day-53', 'shared/together']);
    expect(got).not.toContain('healthy/day-60');
    const closing = (await find(r.email, 'shared/together'))!;
    expect(prose(closing.mail)).toContain("You're back together");
    expect((await getReader(stack.ctx, r.id))!.status).toBe('completed');
  });
});

describe('8. switching track from the preferences page never re-sends a lesson', () => {
  it('skips the shared lessons a stormy-track reader already had when they switch to the loving track', async () => {
    const r = await enrol({ situation: 'tumultuous' });
    await advanceDays(stack, 14);
    const before = await refs(r.email);
    expect(before).toEqual(expect.arrayContaining(['shared/first-days', 'shared/communication', 'shared/self-esteem', 'shared/ex-reached-out']));
    const prefs = linkIn((await lessons(r.email))[0]!.mail, '/me/');
    await stack.app.request(prefs, { method: 'POST', body: JSON.stringify({ action: 'switch-track', track: 'healthy' }), headers: { 'content-type': 'application/json' } });
    await advanceDays(stack, 40);
    const all = await refs(r.email);
    expect(all.length).toBe(new Set(all).size);
    expect(all.slice(before.length)).toContain('healthy/day-01');
  });
});

describe('13. the check-in fits the reader\'s state and never crowds a decision', () => {
  it('comes at least two days after the day-30 question and speaks to someone still in the course', async () => {
    const r = await enrol({ situation: 'tumultuous', followUpConsent: true });
    await advanceDays(stack, 36);
    const decision = (await find(r.email, 'tumultuous/day-30'))!;
    const [checkin] = await received(stack, r.email, ['checkin']);
    expect(checkin!.ref).toBe('1m');
    expect(daysBetween(localDate(new Date(decision.at), 'UTC'), localDate(new Date(checkin!.at), 'UTC'))).toBeGreaterThanOrEqual(2);
    expect(prose(checkin!.mail)).toContain('You are still in the middle of the course');
    expect(prose(checkin!.mail)).not.toContain('how things turned out');
    expect(linksIn(checkin!.mail, '/outcome/')).toHaveLength(6);
  });

  it('asks a reader who has finished how things turned out', async () => {
    const r = await enrol({ situation: 'stress', followUpConsent: true });
    await advanceDays(stack, 5);
    await click(choiceLink((await find(r.email, 'stress/day-04'))!.mail, 'talking'));
    await advanceDays(stack, 30);
    expect((await getReader(stack.ctx, r.id))!.status).toBe('completed');
    const [checkin] = await received(stack, r.email, ['checkin']);
    expect(prose(checkin!.mail)).toContain('how things turned out');
  });
});
