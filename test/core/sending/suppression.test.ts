import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReader } from '../../../functions/core/db/readers.js';
import { handleSesEvent } from '../../../functions/core/feedback/ses-events.js';
import { addressHash } from '../../../functions/core/sending/address.js';
import { advanceDays, received } from '../../helpers/course.js';
import { dynamoFaultyStack, enrolAndConfirm, inbox, json, testStack, uniqueEmail, validEnrolment, type TestStack } from '../../helpers/stack.js';
import { api, apiJson, dash, login } from '../../api/admin/admin-helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-03-02T09:00:00Z' });
});
afterAll(() => stack.close());

const bounce = (id: string, email: string, type = 'Permanent', feedbackId = `fb-${Math.random()}`) =>
  handleSesEvent(stack.ctx, {
    eventType: 'Bounce',
    bounce: { bounceType: type, bounceSubType: type === 'Permanent' ? 'General' : 'MailboxFull', feedbackId, bouncedRecipients: [{ emailAddress: email }] },
    mail: { messageId: `m-${feedbackId}`, destination: [email], tags: { reader: [id], kind: ['lesson'] } },
  });

type Row = { id: string; masked: string; reason: string; detail?: string; state: string; readerId?: string; liftReason?: string };

describe('the suppression list', () => {
  it('keeps a permanently bounced address from every send, even after the reader signs up again, and tells them why', async () => {
    const { id, email } = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 });
    await bounce(id, email);
    expect((await getReader(stack.ctx, id))!.status).toBe('suppressed');
    // The same person, the address in another case: still the same mailbox, still suppressed.
    const again = await stack.app.request('/api/enroll', json(validEnrolment({ email: email.toUpperCase() })));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'suppressed', contact: 'contact@reply.mend.localhost' });
    const form = await stack.app.request('/api/enroll', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, firstName: 'Robin', situation: 'stress', timezone: 'UTC' }),
    });
    const page = await form.text();
    expect(page).toContain('We cannot email this address');
    expect(page).toContain('mailto:contact@reply.mend.localhost');
    await advanceDays(stack, 3);
    // Only the confirmation and the welcome, from before the bounce: no second confirmation, no lessons.
    expect((await inbox(stack, email)).length).toBe(2);
  });

  it('lists entries masked for the author, who can lift one with a reason; its owner can then sign up again', async () => {
    const { id, email } = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 });
    await handleSesEvent(stack.ctx, { eventType: 'Complaint', complaint: { complaintFeedbackType: 'abuse', complainedRecipients: [{ emailAddress: email }] }, mail: { messageId: 'c1', tags: { reader: [id] } } });
    const { suppressions } = await apiJson<{ suppressions: Row[] }>(stack, '/suppressions');
    const entry = suppressions.find((s) => s.readerId === id)!;
    expect(entry).toMatchObject({ reason: 'complaint', detail: 'abuse', state: 'active' });
    expect(entry.masked).toMatch(/^re\*\*\*@e\*\*\*\.com$/);
    expect(JSON.stringify(suppressions)).not.toContain(email);
    // Found by the whole address too (its keyed hash), never stored in the clear.
    expect((await apiJson<{ suppressions: Row[] }>(stack, `/suppressions?email=${encodeURIComponent(email)}`)).suppressions).toEqual([entry]);
    expect(entry.id).toBe(addressHash(stack.ctx, email));

    expect((await api(stack, `/suppressions/${entry.id}/lift`, { body: {} })).status).toBe(400);
    const lifted = await apiJson<Row>(stack, `/suppressions/${entry.id}/lift`, { body: { reason: 'she wrote to say it was a mistake' } });
    expect(lifted).toMatchObject({ state: 'lifted', liftReason: 'she wrote to say it was a mistake' });
    expect((await api(stack, `/suppressions/${entry.id}/lift`, { body: { reason: 'again' } })).status).toBe(404);
    // Lifting starts nothing by itself: the reader must opt in again.
    expect((await getReader(stack.ctx, id))!.status).toBe('unsubscribed');
    stack.clock.advance(11 * 60_000); // past the confirmation's resend gap
    const res = await stack.app.request('/api/enroll', json(validEnrolment({ email })));
    expect(await res.json()).toMatchObject({ status: 'pending' });
    expect((await inbox(stack, email)).filter((m) => m.subject.match(/confirm/i))).toHaveLength(2);
    expect((await apiJson<{ suppressions: Row[] }>(stack, '/suppressions?state=lifted')).suppressions.map((s) => s.id)).toContain(entry.id);
  });

  it('lifts an entry and lets its reader back in when DynamoDB lost the answer to the lift', async () => {
    // The lift lands and its answer is lost; the SDK's copy then fails on the lifted entry. Taken for
    // someone else's lift, it answered 404 and left the reader suppressed: their sign-ups went nowhere.
    const { stack: faulty, dynamo } = await dynamoFaultyStack({ now: '2026-03-02T09:00:00Z' });
    try {
      const { id, email } = await enrolAndConfirm(faulty, { timezone: 'UTC', sendHour: 10 });
      await handleSesEvent(faulty.ctx, { eventType: 'Complaint', complaint: { complaintFeedbackType: 'abuse', complainedRecipients: [{ emailAddress: email }] }, mail: { messageId: 'c2', tags: { reader: [id] } } });
      const hash = addressHash(faulty.ctx, email);
      let lost = false;
      dynamo.faults.dropAfterApplyIf = (op, body) => !lost && op === 'PutItem' && body.includes(`SUPPRESSION#${hash}`) && body.includes('"lifted"') && (lost = true);
      const res = await api(faulty, `/suppressions/${hash}/lift`, { body: { reason: 'a mistake, she says' } });
      dynamo.faults.dropAfterApplyIf = undefined;
      expect(dynamo.stats.dropped).toBe(1);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: hash, state: 'lifted', liftReason: 'a mistake, she says' });
      expect((await getReader(faulty.ctx, id))!.status).toBe('unsubscribed');
      faulty.clock.advance(11 * 60_000);
      const again = await faulty.app.request('/api/enroll', json(validEnrolment({ email })));
      expect(await again.json()).toMatchObject({ status: 'pending' });
    } finally {
      await faulty.close();
    }
  });

  it('suppresses an address after three transient bounces in 30 days, not before, counting a redelivered one once', async () => {
    const { id, email } = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 });
    await bounce(id, email, 'Transient', 'soft-1');
    await bounce(id, email, 'Transient', 'soft-1'); // the same SNS message again
    await bounce(id, email, 'Transient', 'soft-2');
    expect((await getReader(stack.ctx, id))!.status).toBe('active');
    await bounce(id, email, 'Transient', 'soft-3');
    const r = (await getReader(stack.ctx, id))!;
    expect(r.status).toBe('suppressed');
    expect(r.suppressedReason).toMatch(/^soft-bounces/);
  });

  it('lets the author stop an address from the dashboard, and sends it nothing more', async () => {
    const { id, email } = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 });
    const cookie = await login(stack);
    const res = await dash(stack, cookie, '/admin/sending/suppressions', { email, reason: 'asked by phone' });
    expect(res.status).toBe(303);
    expect((await getReader(stack.ctx, id))!.status).toBe('suppressed');
    const page = await (await dash(stack, cookie, '/admin/sending')).text();
    expect(page).toContain('stopped by you');
    expect(page).toContain('asked by phone');
    expect(page).not.toContain(email);
    const before = (await received(stack, email)).length;
    await advanceDays(stack, 2);
    expect((await received(stack, email)).length).toBe(before);
  });

  it('checks the list immediately before a send, whatever the reader item says', async () => {
    const { id, email } = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 });
    // On the list, but the reader item not (yet) stopped: the send function itself refuses.
    const { putSuppression } = await import('../../../functions/core/db/suppressions.js');
    await putSuppression(stack.ctx, { hash: addressHash(stack.ctx, email), masked: 'x', reason: 'author', at: stack.clock.now().toISOString() });
    expect((await getReader(stack.ctx, id))!.status).toBe('active');
    const before = (await inbox(stack, email)).length;
    await advanceDays(stack, 2);
    expect((await inbox(stack, email)).length).toBe(before);
    expect((await getReader(stack.ctx, id))!).toMatchObject({ status: 'suppressed', suppressedReason: 'rejected: on the suppression list' });
  });

  it('never sends a confirmation to a suppressed address that signs up for the first time', async () => {
    const email = uniqueEmail('never');
    const { putSuppression } = await import('../../../functions/core/db/suppressions.js');
    await putSuppression(stack.ctx, { hash: addressHash(stack.ctx, email), masked: 'x', reason: 'bounce', at: stack.clock.now().toISOString() });
    const res = await stack.app.request('/api/enroll', json(validEnrolment({ email })));
    expect(await res.json()).toMatchObject({ status: 'suppressed' });
    expect(await inbox(stack, email)).toHaveLength(0);
  });
});

describe('the suppression list across a signing-secret rotation', () => {
  it('still finds an address suppressed under the previous secret, and keeps it under the new one', async () => {
    const rotated = await testStack({ now: '2026-03-02T09:00:00Z' });
    try {
      const { id, email } = await enrolAndConfirm(rotated, { timezone: 'UTC', sendHour: 10 });
      const old = rotated.ctx.secrets.signingSecret;
      await handleSesEvent(rotated.ctx, {
        eventType: 'Complaint',
        complaint: { feedbackId: 'fb-rot', complainedRecipients: [{ emailAddress: email }] },
        mail: { messageId: 'm-rot', destination: [email], tags: { reader: [id], kind: ['lesson'] } },
      });
      const before = addressHash(rotated.ctx, email);
      rotated.ctx.secrets = { ...rotated.ctx.secrets, signingSecret: `${old}-rotated-to-a-new-one`, previousSigningSecret: { value: old, rotatedAt: '2026-03-02T09:00:00Z' } };
      expect(addressHash(rotated.ctx, email)).not.toBe(before);
      // A sign-up after the rotation is still told the address is suppressed, and nothing is sent.
      const sent = (await inbox(rotated, email)).length;
      const again = await rotated.app.request('/api/enroll', json(validEnrolment({ email })));
      expect(await again.json()).toMatchObject({ status: 'suppressed' });
      expect(await inbox(rotated, email)).toHaveLength(sent);
      // The hit was copied under the new key, so dropping the previous secret later forgets nothing.
      await new Promise((r) => setTimeout(r, 50));
      rotated.ctx.secrets = { ...rotated.ctx.secrets, previousSigningSecret: undefined };
      const later = await rotated.app.request('/api/enroll', json(validEnrolment({ email })));
      expect(await later.json()).toMatchObject({ status: 'suppressed' });
    } finally {
      await rotated.close();
    }
  });
});
