import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReader } from '../../functions/core/db/readers.js';
import { HAPPENED_IDS } from '../../functions/core/course/happened.js';
import { sign } from '../../functions/core/links/tokens.js';
import { advanceDays, received } from '../helpers/course.js';
import { happenedLink, linksIn, prose, tokenPayload } from '../helpers/links.js';
import { plain } from '../helpers/mail.js';
import { enrolAndConfirm, testStack, type TestStack } from '../helpers/stack.js';

/** Issue 11 point 15: "tell me what happened" links in every lesson's footer, acting like the same reply. */
let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-03-02T06:00:00Z' });
});
afterAll(() => stack.close());

const lessons = (email: string) => received(stack, email, ['lesson']);
const enrol = (over: Record<string, unknown> = {}) => enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 9, situation: 'tumultuous', ...over });
const post = (path: string) => stack.app.request(path, { method: 'POST', body: new URLSearchParams({}), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

describe('"tell me what happened" links', () => {
  it('are in every lesson\'s footer, one signed link per anytime event, and not in other emails', async () => {
    const r = await enrol({ followUpConsent: true });
    await advanceDays(stack, 3);
    for (const s of await lessons(r.email)) {
      const links = linksIn(s.mail, '/happened/');
      expect(links.map((l) => tokenPayload(l).e)).toEqual(HAPPENED_IDS);
      expect(links.every((l) => tokenPayload(l).p === 'event' && tokenPayload(l).r === r.id)).toBe(true);
      expect(prose(s.mail)).toContain('Tell me what happened, in one click: I broke no contact');
    }
    const [confirmation] = await received(stack, r.email, ['confirmation']);
    expect(linksIn(confirmation!.mail, '/happened/')).toEqual([]);
  });

  it('a GET (a mail scanner) only shows a confirm button and changes nothing; the POST acts exactly like the reply would', async () => {
    const viaLink = await enrol();
    const viaReply = await enrol();
    await advanceDays(stack, 20);
    const link = happenedLink((await lessons(viaLink.email)).at(-1)!.mail, 'broke-no-contact');
    const before = await getReader(stack.ctx, viaLink.id);
    const get = await stack.app.request(link);
    expect(get.status).toBe(200);
    const page = await get.text();
    expect(page).toContain('<form method="post"');
    expect(page).toContain('Yes: I broke no contact</button>');
    const head = await stack.app.request(link, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await getReader(stack.ctx, viaLink.id)).toEqual(before);

    const res = await post(link);
    expect(res.status).toBe(200);
    const done = await res.text();
    expect(done).toContain('Thank you for telling me.');
    expect(done).toContain('your next email, at your usual time, is a lesson about exactly this');
    const last = (await lessons(viaReply.email)).at(-1)!;
    await stack.app.request('/dev/inbound', { method: 'POST', body: plain({ from: viaReply.email, to: last.mail.replyTo[0]! }, 'I broke no contact last night.'), headers: { 'content-type': 'message/rfc822' } });
    const a = (await getReader(stack.ctx, viaLink.id))!;
    const b = (await getReader(stack.ctx, viaReply.id))!;
    expect(a.cursor!.inserts.map((i) => i.lesson)).toEqual(b.cursor!.inserts.map((i) => i.lesson));
    expect(a.cursor!.noContactSince).toBe(b.cursor!.noContactSince);
    expect(a.reported).toEqual([{ event: 'broke-no-contact', at: stack.clock.now().toISOString() }]);
    await advanceDays(stack, 1);
    expect((await lessons(viaLink.email)).at(-1)!.ref).toBe('shared/broke-no-contact');
    expect((await lessons(viaReply.email)).at(-1)!.ref).toBe('shared/broke-no-contact');
  });

  it('moves a reader who has moved on to the closing lessons, and says what happens next', async () => {
    const r = await enrol({ situation: 'healthy' });
    await advanceDays(stack, 6);
    const res = await post(happenedLink((await lessons(r.email)).at(-1)!.mail, 'moved-on'));
    expect(await res.text()).toContain('the course turns to moving forward');
    await advanceDays(stack, 2);
    expect((await lessons(r.email)).at(-1)!.ref).toBe('shared/move-forward');
    // Telling it twice changes nothing more, and says so.
    const again = await post(happenedLink((await lessons(r.email)).at(-1)!.mail, 'moved-on'));
    expect(await again.text()).toContain('already fit where you are');
    expect((await getReader(stack.ctx, r.id))!.cursor!.path).toBe('move-on');
  });

  it('tells a reader whose lessons are paused that nothing changes, and refuses a forged or altered link', async () => {
    const r = await enrol();
    await advanceDays(stack, 2);
    const mail = (await lessons(r.email)).at(-1)!.mail;
    const prefs = /https?:\/\/[^/\s]+(\/me\/[^\s)]+)/.exec(mail.body.text!)![1]!;
    await stack.app.request(prefs, { method: 'POST', body: JSON.stringify({ action: 'pause' }), headers: { 'content-type': 'application/json' } });
    const res = await post(happenedLink(mail, 'ex-reached-out'));
    expect(await res.text()).toContain('Your lessons are paused, so nothing in the course changes');
    expect((await getReader(stack.ctx, r.id))!.cursor!.inserts).toEqual([]);
    const forged = sign('not-the-secret', 'event', r.id, new Date('2030-01-01'), { e: 'moved-on' });
    expect((await post(`/happened/${forged}`)).status).toBe(400);
    const unknown = sign('test-signing-secret', 'event', r.id, new Date('2030-01-01'), { e: 'won-the-lottery' });
    expect((await post(`/happened/${unknown}`)).status).toBe(400);
    const wrongPurpose = sign('test-signing-secret', 'choice', r.id, new Date('2030-01-01'), { e: 'moved-on' });
    expect((await stack.app.request(`/happened/${wrongPurpose}`)).status).toBe(400);
  });
});
