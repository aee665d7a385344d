import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { HOUR, MINUTE } from '../../../functions/core/clock.js';
import { allDeliveries } from '../../../functions/core/db/newsletter-ledger.js';
import { runBroadcasts } from '../../../functions/core/newsletters/broadcast.js';
import { noteNewsletterFeedback, recountIssue } from '../../../functions/core/newsletters/figures.js';
import { unsubscribeFromNewsletter } from '../../../functions/core/newsletters/consent.js';
import type { Delivery } from '../../../functions/core/db/newsletter-deliveries.js';
import { suppressAddress } from '../../../functions/core/sending/suppression.js';
import { advanceClock } from '../../../functions/local/advance.js';
import { api, apiJson, parseCsv } from '../../api/admin/admin-helpers.js';
import { copies, copyCounts, issue, newIssue, seed, seededReader } from '../../helpers/newsletters.js';
import { header, testStack, type TestStack } from '../../helpers/stack.js';
import { services } from '../../helpers/services.js';
import { startDynamoFaults, startSesFaults } from '../../../functions/local/faults.js';

const send = (stack: TestStack, id: string, body: Record<string, unknown>) => api(stack, `/newsletters/${id}/send`, { body });
/** One batch at a time, so a test can stop it between batches. */
const run = (stack: TestStack) => runBroadcasts(stack.ctx, { batchesInFlight: 1 });

describe('a newsletter broadcast', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await testStack({ now: '2026-03-02T09:00:00Z' });
  });
  afterAll(() => stack.close());

  it('sends now to exactly the segment, once each, with the newsletter headers, and counts what it did', async () => {
    const stress = await seed(stack, Array.from({ length: 7 }, () => seededReader({ situation: 'stress', track: 'stress' })));
    const loving = await seed(stack, Array.from({ length: 3 }, () => seededReader({ situation: 'healthy', track: 'healthy' })));
    const [unsub, off, suppressed] = await seed(stack, [
      seededReader({ status: 'unsubscribed', unsubscribedAt: '2026-02-01T00:00:00.000Z' }),
      seededReader({ newsletter: false, newsletterOffAt: '2026-02-01T00:00:00.000Z' }),
      seededReader(),
    ]);
    await seed(stack, [seededReader({ newsletter: false }), seededReader({ status: 'pending', enrolledOn: undefined })]);
    await suppressAddress(stack.ctx, suppressed!.email, { reason: 'bounce', readerId: suppressed!.id });

    const count = await apiJson<{ count: number }>(stack, '/segments/count', { body: { segment: { situation: 'stress' } } });
    expect(count.count).toBe(7);
    const id = await newIssue(stack);
    const res = await send(stack, id, { segment: { situation: 'stress' } });
    expect(res.status).toBe(202);
    expect((await res.json()).status).toBe('scheduled');
    await run(stack);

    const got = await copyCounts(stack, id, [...stress, ...loving, unsub!, off!, suppressed!].map((r) => r.email));
    for (const r of stress) expect(got.get(r.email.toLowerCase()), r.email).toBe(1);
    for (const r of [...loving, unsub!, off!, suppressed!]) expect(got.get(r.email.toLowerCase()), r.email).toBe(0);
    const [mail] = await copies(stack, stress[0]!.email, id);
    expect(header(mail!, 'X-Mend-Kind')).toBe('newsletter');
    expect(header(mail!, 'X-Mend-Ref')).toBe(id);
    expect(header(mail!, 'List-Unsubscribe')).toMatch(/^<http:\/\/[^>]+\/unsubscribe\/[^>]+>, <mailto:unsubscribe\+/);
    expect(header(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(mail!, 'Reply-To')).toMatch(/^reply\+[a-z2-7]+-9\d{5}-[0-9a-f]{12}@/);
    expect(mail!.body.text).toContain('Hi Sam,');
    expect(mail!.body.html).toContain('<strong>there</strong>');
    expect(mail!.body.text).toContain('Unsubscribe from the newsletter');

    const v = await issue(stack, id);
    expect(v).toMatchObject({ status: 'sent', recipients: 7, sent: 7, failed: 0 });
    expect(await recountIssue(stack.ctx, id)).toMatchObject({ recipients: 7, sent: 7, queued: 0 });
  });

  it('lists who did not get it and why, as JSON and CSV', async () => {
    const [a, unsub, suppressed] = await seed(stack, [seededReader({ situation: 'tumultuous', track: 'tumultuous' }), seededReader({ situation: 'tumultuous', track: 'tumultuous', status: 'unsubscribed' }), seededReader({ situation: 'tumultuous', track: 'tumultuous' })]);
    await suppressAddress(stack.ctx, suppressed!.email, { reason: 'complaint' });
    const id = await newIssue(stack);
    await send(stack, id, { segment: { situation: 'tumultuous' } });
    await run(stack);
    const { rows } = await apiJson<{ rows: { email: string; reason: string }[] }>(stack, `/newsletters/${id}/deliveries`);
    const why = Object.fromEntries(rows.map((r) => [r.email, r.reason]));
    expect(why[unsub!.email]).toBe('unsubscribed');
    expect(why[suppressed!.email]).toBe('suppressed');
    expect(why[a!.email]).toBeUndefined();
    const csv = await api(stack, `/newsletters/${id}/deliveries?format=csv&show=all`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const table = parseCsv(await csv.text());
    expect(table[0]).toEqual(['reader_id', 'email', 'first_name', 'state', 'reason', 'at']);
    expect(table.slice(1).find((r) => r[1] === a!.email)?.[3]).toBe('sent');
    expect((await issue(stack, id)).skipped).toBe(2);
  });

  it('waits for its time when scheduled, then sends', async () => {
    const readers = await seed(stack, Array.from({ length: 3 }, () => seededReader({ track: 'stress', status: 'paused' })));
    const id = await newIssue(stack);
    const at = new Date(stack.clock.now().getTime() + 2 * HOUR).toISOString();
    await send(stack, id, { segment: { status: 'paused' }, at });
    await run(stack);
    expect((await issue(stack, id)).status).toBe('scheduled');
    expect((await copyCounts(stack, id, readers.map((r) => r.email))).get(readers[0]!.email.toLowerCase())).toBe(0);
    await advanceClock(stack.ctx, stack.clock, 3 * HOUR);
    const [mail] = await copies(stack, readers[0]!.email, id);
    expect(header(mail!, 'X-Mend-Sent-At')).toBe(at);
    expect((await issue(stack, id)).status).toBe('sent');
  });

  it('refuses a second send of the same issue and bad input with a clear 4xx', async () => {
    const id = await newIssue(stack);
    expect((await send(stack, id, { segment: {} })).status).toBe(202);
    const again = await send(stack, id, { segment: {} });
    expect(again.status).toBe(409);
    const bad = await send(stack, id, { segment: { situation: 'sunny', courseDayMin: -1 }, at: 'tomorrow' });
    expect(bad.status).toBe(400);
    const paths = ((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['segment.situation', 'segment.courseDayMin', 'at']));
    expect((await send(stack, 'nosuchissue', { segment: {} })).status).toBe(404);
    await apiJson(stack, `/newsletters/${id}/cancel`, { body: {} });
    await run(stack);
  });
});

describe('a broadcast that is paused, resumed, cancelled or killed mid-way', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await testStack({ now: '2026-04-06T10:00:00Z' });
  });
  afterAll(() => stack.close());

  /** A segment of its own per test: each seeds readers enrolled on its own day. */
  const segmentOf = (day: string) => ({ enrolledFrom: day, enrolledTo: day });

  it('pauses mid-way (nothing more goes), resumes where it stopped, and sends each reader once', async () => {
    const readers = await seed(stack, Array.from({ length: 120 }, () => seededReader({ enrolledOn: '2026-01-10' })));
    const id = await newIssue(stack);
    await send(stack, id, { segment: segmentOf('2026-01-10') });
    let batches = 0;
    stack.ctx.probe = async (step) => {
      // Once the first batch has gone, the author pauses (through the API, as the dashboard would).
      if (step === 'after-send' && ++batches === 1) await apiJson(stack, `/newsletters/${id}/pause`, { body: {} });
    };
    await run(stack);
    stack.ctx.probe = undefined;
    const paused = await issue(stack, id);
    expect(paused.status).toBe('paused');
    expect(paused.sent).toBe(50);
    await run(stack);
    expect((await issue(stack, id)).sent).toBe(paused.sent);
    await apiJson(stack, `/newsletters/${id}/resume`, { body: {} });
    await run(stack);
    const counts = await copyCounts(stack, id, readers.map((r) => r.email));
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(await issue(stack, id)).toMatchObject({ status: 'sent', recipients: 120, sent: 120 });
  });

  it('cancels mid-way: the rest are marked cancelled and never sent', async () => {
    const readers = await seed(stack, Array.from({ length: 120 }, () => seededReader({ enrolledOn: '2026-01-11' })));
    const id = await newIssue(stack);
    await send(stack, id, { segment: segmentOf('2026-01-11') });
    let batches = 0;
    stack.ctx.probe = (step) => {
      if (step === 'after-send' && ++batches === 1) throw new Error('crash after the first batch');
    };
    await expect(run(stack)).rejects.toThrow(/crash/);
    stack.ctx.probe = undefined;
    await apiJson(stack, `/newsletters/${id}/cancel`, { body: {} });
    await advanceClock(stack.ctx, stack.clock, 20 * MINUTE);
    const v = await issue(stack, id);
    expect(v.status).toBe('cancelled');
    // The first batch really went (SES took it; its Send markers say so): counted sent, not cancelled.
    expect(v.sent).toBe(50);
    expect(v.cancelled).toBe(70);
    const counts = await copyCounts(stack, id, readers.map((r) => r.email));
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(50);
    expect([...counts.values()].every((n) => n <= 1)).toBe(true);
    const { rows } = await apiJson<{ rows: { reason: string }[] }>(stack, `/newsletters/${id}/deliveries?reason=cancelled`);
    expect(rows).toHaveLength(70);
  });

  it.each(['after-claim', 'after-send'] as const)('killed %s: resumes once the claims go stale, with no copy twice and none missed', async (step) => {
    const day = step === 'after-claim' ? '2026-01-12' : '2026-01-13';
    const readers = await seed(stack, Array.from({ length: 120 }, () => seededReader({ enrolledOn: day })));
    const id = await newIssue(stack);
    await send(stack, id, { segment: segmentOf(day) });
    let batches = 0;
    stack.ctx.probe = (s) => {
      if (s === step && ++batches === 2) throw new Error('killed');
    };
    await expect(run(stack)).rejects.toThrow(/killed/);
    stack.ctx.probe = undefined;
    // Another run at once leaves the crashed batch alone (its claims are fresh) but sends the rest.
    await run(stack);
    expect((await issue(stack, id)).status).toBe('sending');
    // Ten minutes on, the claims are stale: the Send markers finish what SES took, the rest is sent.
    await advanceClock(stack.ctx, stack.clock, 15 * MINUTE);
    const counts = await copyCounts(stack, id, readers.map((r) => r.email));
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(await issue(stack, id)).toMatchObject({ status: 'sent', recipients: 120, sent: 120 });
    const states = new Set<string>();
    for await (const d of allDeliveries(stack.ctx, id)) states.add(d.state);
    expect([...states]).toEqual(['sent']);
  });

  it('keeps what SES and the reader say about a copy while its batch is still being written back', async () => {
    const readers = await seed(stack, Array.from({ length: 3 }, () => seededReader({ enrolledOn: '2026-01-21' })));
    const id = await newIssue(stack);
    await send(stack, id, { segment: segmentOf('2026-01-21') });
    stack.ctx.probe = async (step) => {
      // Between the bulk call and the ledger's write-back: SES's Delivery of one copy, a bounce of
      // another, and a reader unsubscribing with the third's link (each seconds after SES took them).
      if (step !== 'after-send') return;
      await noteNewsletterFeedback(stack.ctx, id, readers[0]!.id, 'Delivery');
      await noteNewsletterFeedback(stack.ctx, id, readers[1]!.id, 'Bounce');
      await unsubscribeFromNewsletter(stack.ctx, readers[2]!.id, id);
    };
    await run(stack);
    stack.ctx.probe = undefined;
    expect(await issue(stack, id)).toMatchObject({ status: 'sent', sent: 3, delivered: 1, bounced: 1, unsubscribed: 1 });
    // The ledger (the recount, who did not get it, the CSV) says the same as the counters.
    expect(await recountIssue(stack.ctx, id)).toMatchObject({ sent: 3, delivered: 1, bounced: 1, unsubscribed: 1 });
    const byReader = new Map<string, Delivery>();
    for await (const d of allDeliveries(stack.ctx, id)) byReader.set(d.readerId, d);
    expect(byReader.get(readers[0]!.id)).toMatchObject({ state: 'sent', feedback: 'delivered' });
    expect(byReader.get(readers[1]!.id)).toMatchObject({ state: 'sent', feedback: 'bounced' });
    expect(byReader.get(readers[2]!.id)?.unsubscribedAt).toBeDefined();
  });

  it('shares the work between two workers running at once, each copy once', async () => {
    const readers = await seed(stack, Array.from({ length: 150 }, () => seededReader({ enrolledOn: '2026-01-14' })));
    const id = await newIssue(stack);
    await send(stack, id, { segment: segmentOf('2026-01-14') });
    await Promise.all([runBroadcasts(stack.ctx), runBroadcasts(stack.ctx)]);
    await run(stack);
    const counts = await copyCounts(stack, id, readers.map((r) => r.email));
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(await issue(stack, id)).toMatchObject({ status: 'sent', sent: 150 });
  });
});

describe('a newsletter broadcast under the fault mix', () => {
  it('sends each copy exactly once through SES throttling, 5xx and lost answers, and DynamoDB throttling and lost answers', async () => {
    // Lost answers (the copies went out, the client never heard) leave the batch claimed: once the
    // claim is stale, the Send events SES published for what it took decide, copy by copy. DynamoDB
    // loses the answer to 5% of writes after applying them: the SDK sends each again.
    const ses = await startSesFaults(services().sesUrl, { throttle: 0.2, serverError: 0.1, dropAfterAccept: 0.3 }, { seed: 5 });
    const dynamo = await startDynamoFaults(services().dynamoUrl, { throttle: 0.05, dropAfterApply: 0.05 }, { seed: 6 });
    const s = await testStack({ now: '2026-03-02T09:00:00Z', sesUrl: ses.url, dynamoUrl: dynamo.url });
    onTestFinished(async () => {
      await s.close();
      await ses.close();
      await dynamo.close();
    });
    const readers = await seed(s, Array.from({ length: 300 }, () => seededReader()));
    const id = await newIssue(s);
    expect((await send(s, id, { segment: {} })).status).toBe(202);
    for (let i = 0; i < 12 && (await issue(s, id)).status !== 'sent'; i++) {
      await runBroadcasts(s.ctx);
      s.clock.advance(16 * MINUTE);
    }
    // The faults really happened (how many depends on how the calls interleave).
    expect(ses.stats.dropped).toBeGreaterThan(0);
    expect(ses.stats.throttled + ses.stats.serverErrors).toBeGreaterThan(0);
    expect(dynamo.stats.throttled).toBeGreaterThan(0);
    expect(dynamo.stats.dropped).toBeGreaterThan(0);
    const got = await copyCounts(s, id, readers.map((r) => r.email));
    expect(readers.filter((r) => got.get(r.email.toLowerCase()) !== 1)).toEqual([]);
    expect(await issue(s, id)).toMatchObject({ status: 'sent', recipients: 300, sent: 300, failed: 0 });
  });
});
