import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBroadcasts } from '../../../functions/core/newsletters/broadcast.js';
import { api, apiJson } from '../../api/admin/admin-helpers.js';
import { copyCounts, issue, newIssue, seed, seededReader } from '../../helpers/newsletters.js';
import { dynamoFaultyStack, type TestStack } from '../../helpers/stack.js';
import type { FaultProxy } from '../../../functions/local/faults.js';

/**
 * The author's newsletter writes when DynamoDB applies one and loses its answer: the SDK sends the
 * same write again, and the copy fails on the condition the first one met. Each is known as our own
 * write (a fresh id in its key, or a write id in the item), not taken for someone else's.
 */
let stack: TestStack;
let dynamo: FaultProxy;
// A stack of its own per test: the fault proxy lives as long as its test.
beforeEach(async () => {
  ({ stack, dynamo } = await dynamoFaultyStack({ now: '2026-03-02T09:00:00Z' }));
});
afterEach(() => stack.close());

/** Loses the answer to the first write `pick` chooses while `fn` runs. */
async function losingFirst<T>(pick: (op: string, body: string) => boolean, fn: () => Promise<T>): Promise<T> {
  let lost = false;
  dynamo.faults.dropAfterApplyIf = (op, body) => !lost && pick(op, body) && (lost = true);
  let out: T;
  try {
    out = await fn();
  } finally {
    dynamo.faults.dropAfterApplyIf = undefined;
  }
  expect(dynamo.stats.dropped).toBe(1);
  return out;
}

describe('newsletter writes whose answer DynamoDB lost', () => {
  it('creates the issue once and answers 201, not a 500 that has the author save it twice', async () => {
    const subject = `Lost answer ${Math.random()}`;
    const res = await losingFirst(
      (op, body) => op === 'PutItem' && body.includes('"ISSUE"'),
      async () => api(stack, '/newsletters', { body: { subject, markdown: 'Hello.' } }),
    );
    expect(res.status).toBe(201);
    const { newsletters } = await apiJson<{ newsletters: { subject: string }[] }>(stack, '/newsletters');
    expect(newsletters.filter((i) => i.subject === subject)).toHaveLength(1);
  });

  it('schedules the broadcast and answers 202, not "already scheduled, duplicate it to send again", and sends one copy each', async () => {
    const readers = await seed(stack, Array.from({ length: 3 }, () => seededReader()));
    const id = await newIssue(stack);
    const res = await losingFirst(
      (op, body) => op === 'PutItem' && body.includes('"JOB"'),
      async () => api(stack, `/newsletters/${id}/send`, { body: { segment: { situation: 'stress' } } }),
    );
    expect(res.status).toBe(202);
    await runBroadcasts(stack.ctx, { batchesInFlight: 1 });
    const got = await copyCounts(stack, id, readers.map((r) => r.email));
    for (const r of readers) expect(got.get(r.email.toLowerCase())).toBe(1);
  });

  it("sends a batch in the run that claimed it, not ten minutes later, off the readers' hour", async () => {
    const readers = await seed(stack, Array.from({ length: 3 }, () => seededReader({ situation: 'healthy', track: 'healthy' })));
    const id = await newIssue(stack);
    expect((await api(stack, `/newsletters/${id}/send`, { body: { segment: { situation: 'healthy' } } })).status).toBe(202);
    await losingFirst(
      (op, body) => op === 'UpdateItem' && body.includes('BATCH#') && body.includes('"claimed"'),
      () => runBroadcasts(stack.ctx, { batchesInFlight: 1 }),
    );
    const got = await copyCounts(stack, id, readers.map((r) => r.email));
    for (const r of readers) expect(got.get(r.email.toLowerCase())).toBe(1);
    expect(await issue(stack, id)).toMatchObject({ status: 'sent', sent: 3 });
  });
});
