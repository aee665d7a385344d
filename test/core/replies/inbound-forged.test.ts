import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEmailOwner } from '../../../functions/core/db/email-lookups.js';
import { getReader, type Reader } from '../../../functions/core/db/readers.js';
import { api, apiJson, dash, login } from '../../api/admin/admin-helpers.js';
import { advanceDays, received } from '../../helpers/course.js';
import { plain } from '../../helpers/mail.js';
import { enrolAndConfirm, inbox, json, testStack, validEnrolment, type TestStack } from '../../helpers/stack.js';

/**
 * Issue 10, "never forged": a reply matched only by its From address acts on the course only when
 * SES's receipt verdicts vouch for the sender; addresses match whatever their case.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-03-02T06:00:00Z' });
});
afterAll(() => stack.close());

const post = (raw: string, query = '') =>
  stack.app.request(`/dev/inbound${query}`, { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } });

type Out = { status: string; replyId: string; readerId: string; matchedBy: string; senderVerified: boolean; applied: boolean; courseStep: string };

async function reader(over: Record<string, unknown> = {}) {
  const r = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 8, situation: 'tumultuous', ...over });
  await advanceDays(stack, 3);
  return r;
}

/** Where the course has the reader: what a forged "we are back together" must not move. */
const courseOf = (r: Reader) => ({ track: r.track, path: r.cursor?.path, index: r.cursor?.index, status: r.status, inserts: r.cursor?.inserts, noContactSince: r.cursor?.noContactSince });

/** A message with the reader's address in From and no reply token, as anyone can write it. */
const fromAddress = (email: string, text: string) => plain({ from: email, to: 'hello@reply.mend.localhost', subject: 'Update' }, text);

describe('a reply matched only by the sender address', () => {
  it('changes nothing without verdicts: logged for the author as an unverified sender', async () => {
    const r = await reader();
    const before = courseOf((await getReader(stack.ctx, r.id))!);
    const res = await post(fromAddress(r.email, 'We are back together! Thank you for everything.'));
    expect(res.status).toBe(202);
    const out = (await res.json()) as Out;
    expect(out).toMatchObject({ status: 'logged', readerId: r.id, matchedBy: 'sender', senderVerified: false, applied: false, courseStep: 'withheld' });
    const after = (await getReader(stack.ctx, r.id))!;
    expect(courseOf(after)).toEqual(before);
    expect(after.repliedSeqs).toEqual([]);

    const inboxed = await apiJson<{ replies: Record<string, unknown>[] }>(stack, '/replies?attention=true&limit=100');
    const mine = inboxed.replies.find((x) => x.replyId === out.replyId)!;
    expect(mine).toMatchObject({ matchedBy: 'sender', senderVerified: false, applied: false, attention: 'unverified-sender' });
    expect(mine.signals).toEqual([expect.objectContaining({ signal: 'back-together' })]);
    const story = await apiJson<{ replies: Record<string, unknown>[] }>(stack, `/readers/${r.id}`);
    expect(story.replies).toEqual([expect.objectContaining({ replyId: out.replyId, matchedBy: 'sender', senderVerified: false, applied: false })]);
  });

  it('changes nothing when the verdicts fail: DMARC must pass, and SPF or DKIM', async () => {
    const r = await reader();
    const before = courseOf((await getReader(stack.ctx, r.id))!);
    for (const q of ['?spf=PASS&dkim=FAIL&dmarc=FAIL', '?spf=FAIL&dkim=FAIL&dmarc=PASS', '?spf=PASS&dkim=PASS&dmarc=GRAY', '?spf=pass&dkim=PROCESSING_FAILED']) {
      const out = (await (await post(fromAddress(r.email, `I've moved on. I'm happy on my own now. ${q}`), q)).json()) as Out;
      expect(out, q).toMatchObject({ status: 'logged', matchedBy: 'sender', senderVerified: false, applied: false, courseStep: 'withheld' });
    }
    expect(courseOf((await getReader(stack.ctx, r.id))!)).toEqual(before);
  });

  it('never reads verdicts from headers inside the message', async () => {
    const r = await reader();
    const before = courseOf((await getReader(stack.ctx, r.id))!);
    const forged = plain(
      {
        from: r.email,
        to: 'hello@reply.mend.localhost',
        headers: { 'Authentication-Results': 'mx.example.com; spf=pass; dkim=pass; dmarc=pass', 'X-SES-Spam-Verdict': 'PASS', 'Received-SPF': 'pass' },
      },
      'We are back together.',
    );
    expect(await (await post(forged)).json()).toMatchObject({ senderVerified: false, applied: false });
    expect(courseOf((await getReader(stack.ctx, r.id))!)).toEqual(before);
  });

  it('acts when the verdicts pass, as a reply by token would', async () => {
    const r = await reader();
    const out = (await (await post(fromAddress(r.email, 'We are back together! Taking it slowly.'), '?spf=FAIL&dkim=PASS&dmarc=PASS')).json()) as Out;
    expect(out).toMatchObject({ status: 'logged', matchedBy: 'sender', senderVerified: true, applied: true, courseStep: 'done' });
    const after = (await getReader(stack.ctx, r.id))!;
    expect(after.cursor!.path).toBe('reconnect'); // the closing lessons for a stormy couple back together
  });

  it('lets a later delivery SES vouches for apply what an unverified one withheld, once', async () => {
    const r = await reader();
    const raw = fromAddress(r.email, 'I broke no contact yesterday and called him.');
    const first = (await (await post(raw)).json()) as Out;
    expect(first).toMatchObject({ courseStep: 'withheld', applied: false });
    const again = (await (await post(raw, '?spf=PASS&dmarc=PASS')).json()) as Out;
    expect(again).toMatchObject({ status: 'duplicate', replyId: first.replyId, senderVerified: true, applied: true, courseStep: 'done' });
    const third = (await (await post(raw, '?spf=PASS&dmarc=PASS')).json()) as Out;
    expect(third).toMatchObject({ status: 'duplicate', applied: true });
    const after = (await getReader(stack.ctx, r.id))!;
    expect(after.cursor!.inserts.filter((i) => i.lesson === 'shared/broke-no-contact')).toHaveLength(1);
    expect(after.appliedReplies).toEqual([first.replyId]);
  });

  it('lets the author apply a withheld reply, once, and says so on the dashboard', async () => {
    const r = await reader();
    const out = (await (await post(fromAddress(r.email, 'My ex texted me last night out of nowhere.'))).json()) as Out;
    const cookie = await login(stack);
    const page = await (await dash(stack, cookie, '/admin/replies?attention=true')).text();
    expect(page).toContain('unverified sender');
    expect(page).toContain('changed nothing');
    expect(page).toContain('Apply to the course');

    const applied = await apiJson<{ reply: Record<string, unknown> }>(stack, `/replies/${r.id}/${out.replyId}/apply`, { body: {} });
    expect(applied.reply).toMatchObject({ courseStep: 'done', applied: true, appliedBy: 'author', matchedBy: 'sender', senderVerified: false });
    expect(applied.reply.attention).toBeUndefined();
    const moved = (await getReader(stack.ctx, r.id))!;
    expect(moved.cursor!.inserts.map((i) => i.lesson)).toContain('shared/ex-reached-out');
    // Applying again changes nothing more.
    await apiJson(stack, `/replies/${r.id}/${out.replyId}/apply`, { body: {} });
    expect((await getReader(stack.ctx, r.id))!.ver).toBe(moved.ver);
    expect((await api(stack, `/replies/${r.id}/nope/apply`, { body: {} })).status).toBe(404);
    const after = await (await dash(stack, cookie, `/admin/readers/${r.id}`)).text();
    expect(after).toContain('applied by you');
  });

  it('trusts a reply by its reply token as before, verdicts or not', async () => {
    const r = await reader();
    const last = (await received(stack, r.email, ['lesson'])).at(-1)!;
    const out = (await (await post(plain({ from: r.email, to: last.mail.replyTo[0]! }, 'We are back together.'))).json()) as Out;
    expect(out).toMatchObject({ matchedBy: 'token', senderVerified: false, applied: true, courseStep: 'done' });
  });

  it('answers a bad verdict with a 400 naming it', async () => {
    const res = await post(fromAddress('someone@example.com', 'hello'), '?spf=MAYBE');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ issues: [{ path: 'spf', message: expect.stringContaining('PASS, FAIL, GRAY, PROCESSING_FAILED') }] });
  });
});

describe('addresses, whatever their case', () => {
  it('matches a sender whose stored address has capitals, and one who writes with capitals', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const mixed = await reader({ email: `Mixed.Case.${tag}@Example.com` });
    expect((await getReader(stack.ctx, mixed.id))!.email).toBe(`Mixed.Case.${tag}@example.com`); // kept as typed (domain lower-cased)
    const one = (await (await post(fromAddress(`mixed.case.${tag}@example.com`, 'Day 3 of no contact.'), '?dkim=PASS&dmarc=PASS')).json()) as Out;
    expect(one).toMatchObject({ status: 'logged', readerId: mixed.id, matchedBy: 'sender', senderVerified: true });
    const lower = await reader({ email: `plain.${tag}@example.com` });
    const two = (await (await post(fromAddress(`Plain.${tag.toUpperCase()}@EXAMPLE.COM`, 'Day 3 of no contact.'), '?dkim=PASS&dmarc=PASS')).json()) as Out;
    expect(two).toMatchObject({ status: 'logged', readerId: lower.id });
  });

  it('enrols Sam@Example.com and sam@example.com as one reader', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const first = await enrolAndConfirm(stack, { email: `Sam.${tag}@Example.com` });
    const again = await stack.app.request('/api/enroll', json(validEnrolment({ email: `sam.${tag}@example.com` })));
    expect(again.status).toBe(202);
    expect(await getEmailOwner(stack.ctx, `sam.${tag}@example.com`)).toBe(first.id);
    expect(await getEmailOwner(stack.ctx, `SAM.${tag}@EXAMPLE.COM`)).toBe(first.id);
    // No second confirmation went out: the reader is already in the course.
    expect(await inbox(stack, `sam.${tag}@example.com`)).toHaveLength(2); // the confirmation and the welcome, both to the first spelling
    const found = await apiJson<{ readers: { id: string }[] }>(stack, `/readers?email=${encodeURIComponent(`SAM.${tag}@example.com`)}`);
    expect(found.readers.map((x) => x.id)).toEqual([first.id]);
  });
});
