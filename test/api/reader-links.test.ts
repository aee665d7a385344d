import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getReader } from '../../functions/core/db/readers.js';
import { currentCourse, pathOf } from '../../functions/core/course/versions.js';
import { sign } from '../../functions/core/links/tokens.js';
import { advanceDays, localHour, received } from '../helpers/course.js';
import { enrolAndConfirm, header, linkIn, testStack, type TestStack } from '../helpers/stack.js';

// A stack of its own for each test: no test depends on another's readers, and the last one's
// 400 days would otherwise dispatch every earlier test's readers too.
let stack: TestStack;
beforeEach(async () => {
  stack = await testStack({ now: '2026-05-04T06:00:00Z' });
});
afterEach(() => stack.close());

const lessonsOf = async (email: string) => (await received(stack, email, ['lesson'])).map((s) => s.ref);

describe('branch links', () => {
  it('moves a stress reader whose ex is adamant to the track they pick, once', async () => {
    const { id, email } = await enrolAndConfirm(stack, { situation: 'stress', timezone: 'Europe/Berlin', sendHour: 9 });
    await advanceDays(stack, 4.5); // day 4 goes out at 09:00 Berlin on 8 May
    const sent = await received(stack, email);
    const branchMail = sent.find((s) => s.ref === 'stress/day-04')!;
    expect(branchMail).toBeTruthy();
    expect(branchMail.mail.body.text).toContain("We're talking again");
    const link = linkIn(branchMail.mail, '/choose/');
    // Links appear in the order of the choices: talking, adamant-tumultuous, adamant-healthy, not-yet.
    const links = [...branchMail.mail.body.text!.matchAll(/https?:\/\/[^/\s]+(\/choose\/[^\s)]+)/g)].map((m) => m[1]!);
    expect(links).toHaveLength(4);
    expect(links[0]).toBe(link);

    // A link checker's HEAD sees a working page and changes nothing.
    const head = await stack.app.request(links[1]!, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await getReader(stack.ctx, id))!.track).toBe('stress');

    const res = await stack.app.request(links[1]!);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('stormy');
    const r = (await getReader(stack.ctx, id))!;
    expect(r.track).toBe('tumultuous');
    expect(r.cursor!.noContactSince).toBe('2026-05-08');

    const again = await stack.app.request(links[1]!);
    expect(await again.text()).toContain('Already noted');
    const other = await stack.app.request(links[0]!);
    expect(await other.text()).toContain('Already noted');
    expect((await getReader(stack.ctx, id))!.track).toBe('tumultuous');

    await advanceDays(stack, 2);
    expect((await lessonsOf(email)).slice(-2)).toEqual(['tumultuous/day-01', 'shared/first-days']);
  });

  it('refuses a forged choice link and changes nothing', async () => {
    const { id } = await enrolAndConfirm(stack, { situation: 'stress' });
    const forged = sign('wrong', 'choice', id, new Date('2030-01-01'), { b: 'stress-talk', c: 'talking', s: 1 });
    const res = await stack.app.request(`/choose/${forged}`);
    expect(res.status).toBe(400);
    expect((await getReader(stack.ctx, id))!.track).toBe('stress');
  });

  it('asks again every few days while the break goes on, then moves on gently without an answer', async () => {
    const { id, email } = await enrolAndConfirm(stack, { situation: 'stress', timezone: 'UTC', sendHour: 9 });
    await advanceDays(stack, 40);
    const refs = await lessonsOf(email);
    // Issue 11 point 4: a bounded number of re-asks, each its own email (it used to be the same one, six times).
    expect(refs.filter((r) => r.startsWith('stress/break-'))).toEqual(['stress/break-check', 'stress/break-check-2', 'stress/break-check-3']);
    const r = (await getReader(stack.ctx, id))!;
    expect(r.track).toBe('healthy'); // the branch's final default after about a month of silence
  });
});

describe('the preferences page', () => {
  it('pauses and resumes: nothing is sent while paused, and the course picks up where it stopped', async () => {
    const { id, email } = await enrolAndConfirm(stack, { situation: 'tumultuous', timezone: 'UTC', sendHour: 9 });
    await advanceDays(stack, 2);
    const before = await lessonsOf(email);
    const prefs = linkIn((await received(stack, email))[0]!.mail, '/me/');
    const page = await stack.app.request(prefs);
    expect(await page.text()).toContain('Pause lessons');
    const form = (action: string, extra: Record<string, string> = {}) =>
      stack.app.request(prefs, { method: 'POST', body: new URLSearchParams({ action, ...extra }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await form('pause')).status).toBe(303);
    await advanceDays(stack, 10);
    expect(await lessonsOf(email)).toEqual(before);
    await form('resume');
    await advanceDays(stack, 2);
    const after = await lessonsOf(email);
    expect(after.slice(0, before.length)).toEqual(before);
    const path = pathOf(currentCourse, 'tumultuous', 'main').map((l) => l.lesson);
    expect(after[before.length]).toBe(path[path.indexOf(before.at(-1)!) + 1]); // the next lesson, none skipped
    expect((await getReader(stack.ctx, id))!.status).toBe('active');
  });

  it('changes the send hour and switches track', async () => {
    const { id, email } = await enrolAndConfirm(stack, { situation: 'healthy', timezone: 'UTC', sendHour: 9 });
    const prefs = linkIn((await received(stack, email))[0]!.mail, '/me/');
    const post = (body: object) => stack.app.request(prefs, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await post({ action: 'schedule', sendHour: 18, timezone: 'Asia/Tokyo' })).status).toBe(200);
    const bad = await post({ action: 'schedule', sendHour: 30, timezone: 'Nowhere/Land' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(['sendHour', 'timezone']);
    expect((await post({ action: 'switch-track', track: 'stress' })).status).toBe(200);
    const r = (await getReader(stack.ctx, id))!;
    expect(r).toMatchObject({ sendHour: 18, timezone: 'Asia/Tokyo', track: 'stress' });
    await advanceDays(stack, 2);
    const [welcome, next] = await received(stack, email);
    expect(welcome!.ref).toBe('healthy/day-00');
    expect(next!.ref).toBe('stress/day-01'); // the new track, after its welcome
    expect(localHour(next!.at, 'Asia/Tokyo')).toBe(18);
  });
});

describe('unsubscribe', () => {
  it('one-click POST (RFC 8058) stops every email at once and for good', async () => {
    const { id, email } = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 9, followUpConsent: true });
    const [welcome] = await received(stack, email);
    const url = /<https?:\/\/[^/]+(\/unsubscribe\/[^>]+)>/.exec(header(welcome!.mail, 'List-Unsubscribe')!)![1]!;
    const get = await stack.app.request(url);
    expect(await get.text()).toContain('Yes, unsubscribe me');
    expect((await getReader(stack.ctx, id))!.status).toBe('active'); // a GET changes nothing
    const res = await stack.app.request(url, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect((await getReader(stack.ctx, id))!.status).toBe('unsubscribed');
    await advanceDays(stack, 400); // past the 1, 3, 6 and 12-month check-ins
    expect(await received(stack, email)).toHaveLength(1);
  });
});
