import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnelDims } from '../../../functions/core/choices/record.js';
import { bumpCounter, readCounter } from '../../../functions/core/db/counters.js';
import { getSentMark } from '../../../functions/core/db/sent-marks.js';
import { getReader } from '../../../functions/core/db/readers.js';
import { broadcastsAllowed } from '../../../functions/core/sending/state.js';
import { advanceDays, received } from '../../helpers/course.js';
import { dynamoFaultyStack, enrolAndConfirm, json, testStack, type TestStack } from '../../helpers/stack.js';
import { apiJson } from '../../api/admin/admin-helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-03-02T09:00:00Z' });
});
afterAll(() => stack.close());

/** What SES publishes for one of our emails, driven through the real handler by POST /dev/ses-event. */
function eventFor(mail: { messageId: string }, tags: Record<string, string>, type: string, extra: Record<string, unknown> = {}) {
  return { eventType: type, mail: { messageId: mail.messageId, tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, [v]])) }, ...extra };
}
const post = (event: unknown) => stack.app.request('/dev/ses-event', json(event));

describe('SES events', () => {
  it('count Delivery, Bounce by type and Complaint per lesson in the funnel, once per event however often SNS delivers it', async () => {
    const { id, email } = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10, situation: 'stress' });
    const [welcome] = await received(stack, email);
    const tags = { reader: id, seq: '1', kind: 'lesson', lesson: 'stress.day-00', track: 'stress' };
    const delivered = eventFor(welcome!.mail, tags, 'Delivery', { delivery: { timestamp: stack.clock.now().toISOString(), recipients: [email] } });
    for (let i = 0; i < 3; i++) expect((await post(delivered)).status).toBe(202);
    const soft = eventFor(welcome!.mail, tags, 'Bounce', { bounce: { bounceType: 'Transient', feedbackId: 'f-1', bouncedRecipients: [{ emailAddress: email }] } });
    await post(soft);
    await post(soft);
    const counts = await readCounter(stack.ctx, 'funnel', funnelDims('stress', 'stress/day-00'));
    expect(counts).toMatchObject({ delivered: 1, bouncedTransient: 1 });
    expect((await readCounter(stack.ctx, 'feedback', '2026-03-02'))).toMatchObject({ delivered: 1, bouncedTransient: 1 });
    expect((await getReader(stack.ctx, id))!.status).toBe('active');
  });

  it('counts an event once when DynamoDB lost the answer to the mark that it was handled, and not again when SNS delivers it again', async () => {
    const { stack: faulty, dynamo } = await dynamoFaultyStack({ now: '2026-03-02T09:00:00Z' });
    const { id, email } = await enrolAndConfirm(faulty, { timezone: 'UTC', sendHour: 10, situation: 'stress' });
    const [welcome] = await received(faulty, email);
    const delivered = eventFor(welcome!.mail, { reader: id, seq: '1', kind: 'lesson', lesson: 'stress.day-00', track: 'stress' }, 'Delivery', {
      delivery: { timestamp: faulty.clock.now().toISOString(), recipients: [email] },
    });
    dynamo.faults.dropAfterApplyIf = (op, body) => op === 'PutItem' && body.includes('"SESEVENT#');
    try {
      expect((await faulty.app.request('/dev/ses-event', json(delivered))).status).toBe(202);
    } finally {
      dynamo.faults.dropAfterApplyIf = undefined;
    }
    expect(dynamo.stats.dropped).toBe(1);
    expect((await faulty.app.request('/dev/ses-event', json(delivered))).status).toBe(202);
    expect(await readCounter(faulty.ctx, 'funnel', funnelDims('stress', 'stress/day-00'))).toMatchObject({ delivered: 1 });
    expect(await readCounter(faulty.ctx, 'feedback', '2026-03-02')).toMatchObject({ delivered: 1 });
  });

  it('marks a claimed send as sent from its Send event, which the local stack publishes itself after each accepted send', async () => {
    const { id } = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 });
    // The welcome went out as send 1: the stack published its Send event, no test code did.
    const r = (await getReader(stack.ctx, id))!;
    expect(await getSentMark(stack.ctx, id, 1)).toBe(r.sends[0]!.messageId);
  });

  it('answer 400 naming the problem for a body that is not an SES event, and log the ones that only inform', async () => {
    const bad = await post({ eventType: 'Bounce' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('mail');
    for (const type of ['Reject', 'DeliveryDelay', 'Rendering Failure'])
      expect((await post(eventFor({ messageId: `x-${type}` }, { reader: 'nobody' }, type))).status).toBe(202);
  });

  it('pause broadcasts when complaints pass SES\'s review line over at least 1,000 sends, while lessons go on, and show why', async () => {
    const own = await testStack({ now: '2026-03-02T09:00:00Z' });
    try {
      const { id, email } = await enrolAndConfirm(own, { timezone: 'UTC', sendHour: 10 });
      const ownPost = (event: unknown) => own.app.request('/dev/ses-event', json(event));
      await bumpCounter(own.ctx, 'sent', '2026-03-02', { lesson: 998 });
      // One complaint in 1,000 sends is 0.1%: on the line.
      await ownPost(eventFor({ messageId: 'other' }, { reader: 'someone-else', kind: 'lesson' }, 'Complaint', { complaint: { complainedRecipients: [{ emailAddress: 'other@example.com' }] } }));
      expect(await broadcastsAllowed(own.ctx)).toMatchObject({ allowed: false });
      const overview = await apiJson<{ sending: Record<string, unknown> & { reputation: Record<string, unknown>; broadcastsPaused: { reason: string; by: string } } }>(own, '/overview');
      expect(overview.sending).toMatchObject({ halted: false, reason: null, since: null, lessonsPaused: null });
      expect(overview.sending.broadcastsPaused).toMatchObject({ by: 'guard' });
      expect(overview.sending.broadcastsPaused.reason).toMatch(/complaint rate 0\.10% over the last 1000 sends/);
      expect(overview.sending.reputation).toMatchObject({ sends: 1000, complaints: 1, overLine: true });
      // Course lessons keep going.
      await advanceDays(own, 2);
      expect((await received(own, email)).length).toBeGreaterThan(1);
      expect((await getReader(own.ctx, id))!.status).toBe('active');
    } finally {
      await own.close();
    }
  });
});
