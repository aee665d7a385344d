import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEmailOwner } from '../../../functions/core/db/email-lookups.js';
import { getDelivery } from '../../../functions/core/db/newsletter-ledger.js';
import { getReader } from '../../../functions/core/db/readers.js';
import { readCounter } from '../../../functions/core/db/counters.js';
import { runBroadcasts } from '../../../functions/core/newsletters/broadcast.js';
import { dataExport } from '../../../functions/core/readers/data-export.js';
import { eraseReader } from '../../../functions/core/readers/erase.js';
import { api, apiJson } from '../../api/admin/admin-helpers.js';
import { advanceDays, received } from '../../helpers/course.js';
import { plain } from '../../helpers/mail.js';
import { copies, issue, newIssue, signUp } from '../../helpers/newsletters.js';
import { dynamoFaultyStack, header, inbox, json, linkIn, testStack, uniqueEmail, validEnrolment, type TestStack } from '../../helpers/stack.js';

const readerOf = async (stack: TestStack, email: string) => (await getReader(stack.ctx, (await getEmailOwner(stack.ctx, email))!))!;
const count = (stack: TestStack, segment: Record<string, unknown> = {}) => apiJson<{ count: number }>(stack, '/segments/count', { body: { segment } });

/** Sends an issue to everyone and runs the broadcast; the issue's id. */
async function broadcast(stack: TestStack, over: Record<string, unknown> = {}): Promise<string> {
  const id = await newIssue(stack, over);
  await api(stack, `/newsletters/${id}/send`, { body: { segment: {}, avoidLessonDays: false } });
  await runBroadcasts(stack.ctx);
  return id;
}

describe('newsletter consent', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await testStack({ now: '2026-05-04T09:00:00Z' });
  });
  afterAll(() => stack.close());

  it('is its own, unticked box: a sign-up without it never gets a newsletter, one with it does once confirmed', async () => {
    const without = await signUp(stack, { newsletter: undefined });
    const withIt = await signUp(stack);
    const pending = uniqueEmail();
    await stack.app.request('/api/enroll', json(validEnrolment({ email: pending, newsletter: true })));
    expect((await readerOf(stack, without)).newsletter).toBeFalsy();
    expect((await readerOf(stack, withIt)).newsletter).toBe(true);
    const page = await (await stack.app.request('/')).text();
    expect(page).toMatch(/<input type="checkbox" name="newsletter" value="on" >/);
    const id = await broadcast(stack);
    expect(await copies(stack, withIt, id)).toHaveLength(1);
    expect(await copies(stack, without, id)).toHaveLength(0);
    expect(await copies(stack, pending, id)).toHaveLength(0);
  });

  it('takes newsletter-only sign-ups (course=false, the second form): confirmed, no lessons, newsletters yes', async () => {
    const before = await readCounter(stack.ctx, 'readers', 'status-track');
    const email = uniqueEmail('nlonly');
    const res = await stack.app.request('/api/enroll', json({ email, firstName: 'Ari', timezone: 'Europe/Paris', course: false }));
    expect(res.status).toBe(202);
    const confirmation = (await inbox(stack, email)).find((m) => header(m, 'X-Mend-Kind') === 'confirmation')!;
    expect((await stack.app.request(linkIn(confirmation, '/confirm?token='))).status).toBe(200);
    const r = await readerOf(stack, email);
    expect(r).toMatchObject({ status: 'active', course: false, newsletter: true, followUpConsent: false });
    expect(r.cursor).toBeUndefined();
    await advanceDays(stack, 3);
    expect(await received(stack, email)).toEqual([]);
    // Not in the course's counts (the overview's readers by status and track).
    expect(await readCounter(stack.ctx, 'readers', 'status-track')).toEqual(before);
    expect((await count(stack, { status: 'newsletter-only' })).count).toBeGreaterThanOrEqual(1);
    const id = await broadcast(stack);
    expect(await copies(stack, email, id)).toHaveLength(1);
    const form = await (await stack.app.request('/newsletter')).text();
    expect(form).toContain('name="course" value="false"');
  });

  it('lets a newsletter-only reader join the course by the sign-up form: one click, the newsletter kept, in the course segments from then', async () => {
    const email = uniqueEmail('nljoin');
    await stack.app.request('/api/enroll', json({ email, firstName: 'Ari', timezone: 'Europe/Paris', course: false }));
    await stack.app.request(linkIn((await inbox(stack, email))[0]!, '/confirm?token='));
    const onlyBefore = (await count(stack, { status: 'newsletter-only' })).count;
    const inCourseBefore = (await count(stack, { status: 'in-course' })).count;
    stack.clock.advance(11 * 60_000);
    expect((await stack.app.request('/api/enroll', json(validEnrolment({ email, newsletter: false })))).status).toBe(202);
    const join = (await inbox(stack, email)).at(-1)!;
    expect(header(join, 'X-Mend-Ref')).toBe('join');
    expect((await stack.app.request(linkIn(join, '/confirm?token='))).status).toBe(200);
    // Unticked newsletter box on the course form: the newsletter they have is kept, not turned off.
    expect(await readerOf(stack, email)).toMatchObject({ course: true, newsletter: true, status: 'active' });
    expect((await count(stack, { status: 'newsletter-only' })).count).toBe(onlyBefore - 1);
    expect((await count(stack, { status: 'in-course' })).count).toBe(inCourseBefore + 1);
    const id = await broadcast(stack);
    expect(await copies(stack, email, id)).toHaveLength(1);
  });

  it('turns the newsletter on for a course reader who asks on the newsletter form, only by the emailed link', async () => {
    const email = await signUp(stack, { newsletter: false });
    stack.clock.advance(11 * 60_000);
    await stack.app.request('/api/enroll', json({ email, firstName: 'Robin', timezone: 'Europe/London', course: false }));
    const first = await broadcast(stack);
    expect(await copies(stack, email, first)).toHaveLength(0);
    const join = (await inbox(stack, email)).filter((m) => header(m, 'X-Mend-Kind') === 'confirmation').at(-1)!;
    await stack.app.request(linkIn(join, '/confirm?token='));
    expect(await readerOf(stack, email)).toMatchObject({ course: true, newsletter: true, status: 'active' });
    const second = await broadcast(stack);
    expect(await copies(stack, email, second)).toHaveLength(1);
  });

  it('has a switch on the preferences page that never touches the course', async () => {
    const email = await signUp(stack);
    const welcome = (await received(stack, email))[0]!;
    const prefs = linkIn(welcome.mail, '/me/');
    const off = await stack.app.request(prefs, json({ action: 'newsletter-off' }));
    expect(await off.json()).toMatchObject({ status: 'active', newsletter: false });
    const id = await broadcast(stack);
    expect(await copies(stack, email, id)).toHaveLength(0);
    expect((await apiJson<{ rows: { email: string; reason: string }[] }>(stack, `/newsletters/${id}/deliveries`)).rows.find((x) => x.email === email)?.reason).toBe('newsletter-off');
    const on = await stack.app.request(prefs, json({ action: 'newsletter-on' }));
    expect(await on.json()).toMatchObject({ status: 'active', newsletter: true });
    const page = await (await stack.app.request(prefs)).text();
    expect(page).toContain('value="newsletter-off"');
  });

  it("unsubscribes from the newsletter by its own one-click link, leaving the course running; the issue counts it", async () => {
    const email = await signUp(stack);
    const id = await broadcast(stack);
    const [copy] = await copies(stack, email, id);
    const unsub = /<(http[^>]+)>/.exec(header(copy!, 'List-Unsubscribe')!)![1]!.replace(/^https?:\/\/[^/]+/, '');
    const page = await (await stack.app.request(unsub)).text();
    expect(page).toContain('Stop the newsletter?');
    const res = await stack.app.request(unsub, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await res.text()).toBe('Unsubscribed from the newsletter.');
    const r = await readerOf(stack, email);
    expect(r).toMatchObject({ status: 'active', newsletter: false });
    expect((await issue(stack, id)).unsubscribed).toBe(1);
    // The course goes on: the next lesson still comes.
    const before = (await received(stack, email)).length;
    await advanceDays(stack, 1);
    expect((await received(stack, email)).length).toBeGreaterThan(before);
    expect((await count(stack)).count).toBeGreaterThanOrEqual(1);
  });

  it("stops both when the reader unsubscribes from the course", async () => {
    const email = await signUp(stack);
    const welcome = (await received(stack, email))[0]!;
    const unsub = linkIn(welcome.mail, '/unsubscribe/');
    await stack.app.request(unsub, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const id = await broadcast(stack);
    expect(await copies(stack, email, id)).toHaveLength(0);
    expect((await apiJson<{ rows: { email: string; reason: string }[] }>(stack, `/newsletters/${id}/deliveries`)).rows.find((x) => x.email === email)?.reason).toBe('unsubscribed');
  });

  it('logs a reply to a newsletter like a lesson reply, tied to the issue, and counts it once', async () => {
    const email = await signUp(stack);
    const id = await broadcast(stack);
    const [copy] = await copies(stack, email, id);
    const replyTo = header(copy!, 'Reply-To')!;
    const post = (body: string) =>
      stack.app.request('/dev/inbound', { method: 'POST', body: plain({ from: email, to: replyTo, subject: 'Re: A letter for the quiet weeks' }, body), headers: { 'content-type': 'message/rfc822' } });
    const res = await post('Thank you. Day 12 of no contact and I did not text him.');
    const out = (await res.json()) as { status: string; readerId: string; signals: string[] };
    expect(out).toMatchObject({ status: 'logged', matchedBy: 'token' });
    await post('And one more thing.');
    const r = await readerOf(stack, email);
    const story = await apiJson<{ replies: { issueId?: string; kind?: string }[] }>(stack, `/readers/${r.id}`);
    expect(story.replies.some((x) => x.issueId === id)).toBe(true);
    expect((await issue(stack, id)).replied).toBe(1);
  });

  // The write lands and its answer is lost: the SDK sends it again, and the copy fails on what the
  // first one wrote. The message's claim (then the copy finds it taken, as a second delivery of the
  // message would), and the note on the issue's ledger that the reader replied.
  for (const [write, pick] of [
    ['the claim of the message', (op: string, body: string) => op === 'PutItem' && body.includes('"INMSG#')],
    ['the note that the reader replied', (op: string, body: string) => op === 'UpdateItem' && body.includes('"NOTE#')],
  ] as const)
    it(`counts a newsletter reply once when DynamoDB lost the answer to ${write}`, async () => {
      const { stack: faulty, dynamo } = await dynamoFaultyStack({ now: '2026-05-04T09:00:00Z' });
      const email = await signUp(faulty);
      const id = await broadcast(faulty);
      const [copy] = await copies(faulty, email, id);
      dynamo.faults.dropAfterApplyIf = pick;
      let res: Response;
      try {
        res = await faulty.app.request('/dev/inbound', {
          method: 'POST',
          body: plain({ from: email, to: header(copy!, 'Reply-To')!, subject: 'Re: A letter for the quiet weeks' }, 'Thank you for this letter.'),
          headers: { 'content-type': 'message/rfc822' },
        });
      } finally {
        dynamo.faults.dropAfterApplyIf = undefined;
      }
      expect(dynamo.stats.dropped).toBe(1);
      expect(res.status).toBe(202);
      const r = await readerOf(faulty, email);
      const story = await apiJson<{ replies: { issueId?: string }[] }>(faulty, `/readers/${r.id}`);
      expect(story.replies.filter((x) => x.issueId === id)).toHaveLength(1);
      expect((await issue(faulty, id)).replied).toBe(1);
    });

  it("is in the reader's data export, and erased with them", async () => {
    const email = await signUp(stack);
    const id = await broadcast(stack, { subject: 'An issue to export' });
    const r = await readerOf(stack, email);
    const data = await dataExport(stack.ctx, r);
    expect(data.profile.newsletter).toBe(true);
    expect(data.newsletters.find((n) => n.issue === id)).toMatchObject({ subject: 'An issue to export', state: 'sent' });
    const erased = await eraseReader(stack.ctx, r.id);
    expect(erased.newsletterCopies).toBeGreaterThanOrEqual(1);
    expect(await getDelivery(stack.ctx, id, r.id)).toBeNull();
  });
});
