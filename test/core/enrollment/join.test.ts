import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../../functions/core/clock.js';
import { readCounter } from '../../../functions/core/db/counters.js';
import { getEmailOwner } from '../../../functions/core/db/email-lookups.js';
import { getReader, type Reader } from '../../../functions/core/db/readers.js';
import { enroll } from '../../../functions/core/enrollment/enroll.js';
import { EnrollInput } from '../../../functions/core/enrollment/input.js';
import { sign } from '../../../functions/core/links/tokens.js';
import { apiJson } from '../../api/admin/admin-helpers.js';
import { received } from '../../helpers/course.js';
import { header, inbox, json, linkIn, testStack, uniqueEmail, validEnrolment, type StoredEmail, type TestStack } from '../../helpers/stack.js';

/**
 * Known readers who sign up again for what they do not have yet (issue 13 follow-up): the
 * newsletter-only reader who asks for the course, the course reader who asks for the newsletter.
 * Everything goes through the real routes, the local SES inbox and the emailed links.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-05-04T09:00:00Z' });
});
afterAll(() => stack.close());

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(fields),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const readerOf = async (email: string) => (await getReader(stack.ctx, (await getEmailOwner(stack.ctx, email))!))!;
const confirmations = async (email: string) => (await inbox(stack, email)).filter((m) => header(m, 'X-Mend-Kind') === 'confirmation');
const lastConfirmation = async (email: string) => (await confirmations(email)).at(-1)!;
const confirmLink = (m: StoredEmail) => linkIn(m, '/confirm?token=');
/** An email's text part with its line wrapping undone. */
const words = (m: StoredEmail) => (m.body.text ?? '').replace(/\s+/g, ' ');
const overviewCounts = async () => (await apiJson<{ readers: { total: number; byStatusAndTrack: Record<string, Record<string, number>> } }>(stack, '/overview')).readers;
/** The state a change must leave alone, without what every save moves (version, write id, due slot). */
const settled = ({ ver: _v, wid: _w, dueAt: _d, ...rest }: Reader) => rest;

/** A newsletter-only reader, signed up on the newsletter form and confirmed. */
async function newsletterReader(): Promise<string> {
  const email = uniqueEmail('nl');
  const res = await stack.app.request('/api/enroll', form({ email, firstName: 'Ari', timezone: 'Europe/Paris', course: 'false', newsletter: 'on' }));
  expect(res.status).toBe(202);
  expect((await stack.app.request(confirmLink(await lastConfirmation(email)))).status).toBe(200);
  return email;
}

/** A course reader with the newsletter off, confirmed (the welcome received). */
async function courseReader(over: Record<string, unknown> = {}): Promise<string> {
  const body = validEnrolment({ newsletter: false, ...over });
  await stack.app.request('/api/enroll', json(body));
  await stack.app.request(confirmLink(await lastConfirmation(body.email)));
  return body.email;
}

const courseForm = (email: string, over: Record<string, string> = {}) =>
  stack.app.request('/api/enroll', form({ email, firstName: 'Ari', situation: 'stress', timezone: 'Europe/Paris', sendHour: '7', followUpConsent: 'on', ...over }));

describe('a newsletter-only sign-up', () => {
  it('gets a confirmation that asks for the newsletter, not the course (the form and course=false alike)', async () => {
    const viaForm = uniqueEmail('nlform');
    const answer = await stack.app.request('/api/enroll', form({ email: viaForm, firstName: 'Ari', timezone: 'Europe/Paris', course: 'false', newsletter: 'on' }));
    // The page after the newsletter form says what comes: the newsletter, no lessons.
    const page = await answer.text();
    expect(page).toContain('the newsletter then comes with its next issue. No course lessons are sent.');
    expect(page).not.toContain('first lesson');
    const viaApi = uniqueEmail('nlapi');
    await stack.app.request('/api/enroll', json({ email: viaApi, firstName: 'Ari', timezone: 'Europe/Paris', course: false }));
    for (const email of [viaForm, viaApi]) {
      const mails = await confirmations(email);
      expect(mails).toHaveLength(1);
      const m = mails[0]!;
      expect(m.subject).toBe('Please confirm: the newsletter is one click away');
      const text = words(m);
      expect(text).toContain('Yes, send me the newsletter');
      expect(text).toContain('the newsletter only: no course, no daily lessons');
      expect(text).toContain('unsubscribe link at the bottom');
      for (const untrue of ['your course is one click away', 'loving relationship', 'start my course', 'you want the course'])
        expect(text.toLowerCase()).not.toContain(untrue.toLowerCase());
    }
    // A course sign-up still gets the course's confirmation.
    const course = validEnrolment();
    await stack.app.request('/api/enroll', json(course));
    expect((await lastConfirmation(course.email)).subject).toBe('Please confirm: your course is one click away');
  });
});

describe('a newsletter-only reader who signs up for the course', () => {
  it('gets a confirmation for the course, and only its link starts the course, with the welcome at once', async () => {
    const email = await newsletterReader();
    const before = await readerOf(email);
    stack.clock.advance(11 * MINUTE);
    const fresh = await courseForm(uniqueEmail('stranger'));
    const counts = await overviewCounts();
    const notAsked = await readCounter(stack.ctx, 'notAsked', 'situation#stress');

    // The form's answer is the one anybody gets (no address enumeration).
    const res = await courseForm(email);
    expect(res.status).toBe(202);
    expect(await res.text()).toBe(await fresh.text());

    const mail = await lastConfirmation(email);
    expect(header(mail, 'X-Mend-Ref')).toBe('join');
    expect(mail.subject).toBe('Please confirm: your course is one click away');
    expect(words(mail)).toContain('the course for a breakup during a stressful time');
    expect(words(mail)).toContain('If it was not you, ignore this email: nothing changes for you');
    // Nothing changes before the click: no course, no lessons, the request held on the reader.
    const waiting = await readerOf(email);
    expect(waiting).toMatchObject({ course: false, status: 'active', joining: { course: { situation: 'stress', sendHour: 7, followUpConsent: true } } });
    expect(await received(stack, email)).toEqual([]);

    const page = await (await stack.app.request(confirmLink(mail))).text();
    expect(page).toContain('Your course has started, Ari.');
    expect(page).toContain('Your first lesson is on its way');
    expect(page).toContain('The newsletter goes on as before');
    const r = await readerOf(email);
    expect(r).toMatchObject({ course: true, status: 'active', situation: 'stress', track: 'stress', sendHour: 7, followUpConsent: true, newsletter: true, newsletterOnAt: before.newsletterOnAt });
    expect(r.joining).toBeUndefined();
    // The course starts now: check-ins count from today, not from the newsletter sign-up.
    expect(r.enrolledOn).toBe('2026-05-04');
    expect(r.cursor).toMatchObject({ path: 'main', index: 1, anchor: '2026-05-04' });
    expect((await received(stack, email)).map((s) => s.ref)).toEqual(['stress/day-00']);

    // The dashboard counts them once in the course, and nothing else moved.
    const after = await overviewCounts();
    expect(after.total).toBe(counts.total + 1);
    expect(after.byStatusAndTrack.active!.stress).toBe(counts.byStatusAndTrack.active!.stress! + 1);
    const { active: a1, ...rest1 } = after.byStatusAndTrack;
    const { active: a0, ...rest0 } = counts.byStatusAndTrack;
    expect(rest1).toEqual(rest0);
    expect({ ...a1, stress: 0 }).toEqual({ ...a0, stress: 0 });
    // They agreed to check-ins: nobody new in the report's "not asked".
    expect(await readCounter(stack.ctx, 'notAsked', 'situation#stress')).toEqual(notAsked);

    // Clicked again: already running, nothing new sent.
    const again = await (await stack.app.request(confirmLink(mail))).text();
    expect(again).toContain('Your course is already running');
    expect((await received(stack, email)).length).toBe(1);
    expect(await overviewCounts()).toEqual(after);
  });

  it('without check-ins: counted once in the report as not asked, as any course reader who declined them', async () => {
    const email = await newsletterReader();
    const notAsked = await readCounter(stack.ctx, 'notAsked', 'situation#healthy');
    stack.clock.advance(11 * MINUTE);
    await courseForm(email, { situation: 'healthy', followUpConsent: '' });
    await stack.app.request(confirmLink(await lastConfirmation(email)));
    expect(await readerOf(email)).toMatchObject({ course: true, followUpConsent: false, notAsked: { situation: 'healthy' } });
    const now = await readCounter(stack.ctx, 'notAsked', 'situation#healthy');
    expect(now['1m']).toBe((notAsked['1m'] ?? 0) + 1);
  });

  it('who also ticks the newsletter while it is off gets both on one click', async () => {
    const email = await newsletterReader();
    const prefs = linkIn((await inbox(stack, email))[0]!, '/me/');
    expect(await (await stack.app.request(prefs, json({ action: 'newsletter-off' }))).json()).toMatchObject({ newsletter: false });
    stack.clock.advance(11 * MINUTE);
    await courseForm(email, { newsletter: 'on' });
    const mail = await lastConfirmation(email);
    expect(words(mail)).toContain('and for the newsletter too');
    const page = await (await stack.app.request(confirmLink(mail))).text();
    expect(page).toContain('The newsletter is on too');
    expect(await readerOf(email)).toMatchObject({ course: true, newsletter: true, status: 'active' });
  });
});

describe('a course reader who signs up for the newsletter', () => {
  it('from the newsletter form gets a confirmation for the newsletter; its link turns it on and leaves the course alone', async () => {
    const email = await courseReader();
    stack.clock.advance(11 * MINUTE);
    const before = await readerOf(email);
    const counts = await overviewCounts();
    const res = await stack.app.request('/api/enroll', form({ email, firstName: 'Someone', timezone: 'Asia/Tokyo', course: 'false', newsletter: 'on' }));
    expect(res.status).toBe(202);
    const mail = await lastConfirmation(email);
    expect(mail.subject).toBe('Please confirm: the newsletter is one click away');
    expect(words(mail)).toContain('Nothing else you get from us changes');
    expect(words(mail)).toContain('Hi Robin,');
    expect(settled({ ...(await readerOf(email)), joining: undefined, confirmSentAt: before.confirmSentAt })).toEqual(settled(before));

    const page = await (await stack.app.request(confirmLink(mail))).text();
    expect(page).toContain('The newsletter is on, Robin.');
    expect(page).toContain('Nothing about your course has changed');
    const r = await readerOf(email);
    expect(r.newsletter).toBe(true);
    expect(r.newsletterOnAt).toBe(stack.clock.now().toISOString());
    // The course is exactly as it was: same start, cursor, name, zone and hour; no lesson sent by the click.
    const { newsletter: _n, newsletterOnAt: _o, confirmSentAt: _c, ...course } = settled(r);
    const { newsletter: _n0, newsletterOnAt: _o0, confirmSentAt: _c0, joining: _j0, ...course0 } = settled(before);
    expect(course).toEqual(course0);
    expect(r.dueAt).toBe(before.dueAt);
    expect(await overviewCounts()).toEqual(counts);
    const again = await (await stack.app.request(confirmLink(mail))).text();
    expect(again).toContain('You confirmed this before, so nothing has changed');
  });

  it('by ticking "also send me the newsletter" on the course form gets the same', async () => {
    const email = await courseReader();
    stack.clock.advance(11 * MINUTE);
    await stack.app.request('/api/enroll', json(validEnrolment({ email, newsletter: true })));
    const mail = await lastConfirmation(email);
    expect(mail.subject).toBe('Please confirm: the newsletter is one click away');
    await stack.app.request(confirmLink(mail));
    expect(await readerOf(email)).toMatchObject({ newsletter: true, course: true, status: 'active' });
  });

  it('asking for nothing new (the course again, the newsletter already on) is sent nothing', async () => {
    const email = await courseReader({ newsletter: true });
    stack.clock.advance(11 * MINUTE);
    const before = (await inbox(stack, email)).length;
    const res = await stack.app.request('/api/enroll', json(validEnrolment({ email, newsletter: true })));
    expect(res.status).toBe(202);
    await stack.app.request('/api/enroll', json({ email, firstName: 'Robin', timezone: 'Europe/London', course: false }));
    expect((await inbox(stack, email)).length).toBe(before);
    expect(await enroll(stack.ctx, EnrollInput.parse(validEnrolment({ email })))).toBe('already-active');
  });
});

describe('a join request', () => {
  it('is applied by no other link: not the first confirmation, not a forged or altered one, not one an earlier request got', async () => {
    const email = await newsletterReader();
    const id = (await getEmailOwner(stack.ctx, email))!;
    const plain = confirmLink((await confirmations(email))[0]!);
    stack.clock.advance(11 * MINUTE);
    expect(await enroll(stack.ctx, EnrollInput.parse(validEnrolment({ email, situation: 'healthy' })))).toBe('join-sent');
    const older = confirmLink(await lastConfirmation(email));

    // The plain confirmation link says what is true and applies nothing.
    const res = await stack.app.request(plain);
    expect(await res.text()).toContain('You confirmed this address before');
    expect(await readerOf(email)).toMatchObject({ course: false, joining: { course: { situation: 'healthy' } } });
    // A join flag needs the signature: forged or altered tokens are refused.
    const forged = sign('not-the-secret', 'confirm', id, new Date('2030-01-01'), { i: stack.clock.now().getTime(), j: 'c' });
    const [body, sig] = older.split('token=')[1]!.split('.');
    const altered = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), j: 'cn' })).toString('base64url')}.${sig}`;
    for (const t of [forged, altered]) {
      const r = await stack.app.request(`/confirm?token=${t}`);
      expect(r.status).toBe(400);
      expect(await r.text()).toContain('This link does not work');
    }

    // A later request replaces the earlier one: the older link now changes nothing.
    stack.clock.advance(11 * MINUTE);
    await courseForm(email, { situation: 'tumultuous' });
    const newer = confirmLink(await lastConfirmation(email));
    const stale = await stack.app.request(older);
    expect(stale.status).toBe(410);
    expect(await stale.text()).toContain('This link no longer works');
    expect(await readerOf(email)).toMatchObject({ course: false, joining: { course: { situation: 'tumultuous' } } });
    await stack.app.request(newer);
    expect(await readerOf(email)).toMatchObject({ course: true, situation: 'tumultuous' });
    expect((await received(stack, email)).map((s) => s.ref)).toEqual(['tumultuous/day-00']);
  });

  it('is held to the re-send limits: one email per 10 minutes and five a day, counted with the confirmation', async () => {
    const email = await newsletterReader();
    // Within 10 minutes of the confirmation: nothing is sent (the answer is the same).
    const res = await courseForm(email);
    expect(res.status).toBe(202);
    expect(await confirmations(email)).toHaveLength(1);
    expect(await enroll(stack.ctx, EnrollInput.parse(validEnrolment({ email })))).toBe('rate-limited');
    for (let i = 0; i < 6; i++) {
      stack.clock.advance(11 * MINUTE);
      await courseForm(email);
    }
    // The confirmation and four join emails make five in the day.
    expect(await confirmations(email)).toHaveLength(5);
    expect(await enroll(stack.ctx, EnrollInput.parse(validEnrolment({ email })))).toBe('rate-limited');
    expect((await readerOf(email)).course).toBe(false);
  });

  it('is never applied by a link issued before the reader unsubscribed', async () => {
    const email = await newsletterReader();
    stack.clock.advance(11 * MINUTE);
    await courseForm(email);
    const join = await lastConfirmation(email);
    expect(header(join, 'X-Mend-Ref')).toBe('join');
    const link = confirmLink(join);
    const unsub = linkIn((await confirmations(email))[0]!, '/unsubscribe/');
    stack.clock.advance(1000);
    await stack.app.request(unsub, form({ 'List-Unsubscribe': 'One-Click' }));
    expect((await readerOf(email)).status).toBe('unsubscribed');
    const res = await stack.app.request(link);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Nothing to confirm');
    expect(await readerOf(email)).toMatchObject({ status: 'unsubscribed', course: false });
    expect(await received(stack, email)).toEqual([]);
  });

  it('for the newsletter is not applied by its link once the reader turned the newsletter off after it was sent', async () => {
    const email = await courseReader();
    stack.clock.advance(11 * MINUTE);
    await stack.app.request('/api/enroll', json({ email, firstName: 'Robin', timezone: 'Europe/London', course: false }));
    const link = confirmLink(await lastConfirmation(email));
    const prefs = linkIn((await inbox(stack, email))[0]!, '/me/');
    stack.clock.advance(1000);
    await stack.app.request(prefs, json({ action: 'newsletter-on' }));
    await stack.app.request(prefs, json({ action: 'newsletter-off' }));
    const res = await stack.app.request(link);
    expect(res.status).toBe(410);
    expect(await readerOf(email)).toMatchObject({ newsletter: false, status: 'active' });
  });
});
