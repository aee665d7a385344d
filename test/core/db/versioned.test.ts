import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpCounter, readCounter } from '../../../functions/core/db/counters.js';
import { STALE_OP_MS } from '../../../functions/core/db/outbox.js';
import { getReader } from '../../../functions/core/db/readers.js';
import { getEmailOwner } from '../../../functions/core/db/email-lookups.js';
import { commitReader, mutateReader, READER_COUNTS_DIMS } from '../../../functions/core/readers/store.js';
import { startDynamoFaults, type FaultProxy } from '../../../functions/local/faults.js';
import { services } from '../../helpers/services.js';
import { enrolAndConfirm, inbox, json, testStack, validEnrolment, type TestStack } from '../../helpers/stack.js';

let proxy: FaultProxy;
let stack: TestStack;
beforeAll(async () => {
  proxy = await startDynamoFaults(services().dynamoUrl, {});
  stack = await testStack({ dynamoUrl: proxy.url });
});
afterAll(async () => {
  await stack.close();
  await proxy.close();
});

describe('the versioned writer (db/versioned.ts) when DynamoDB fails right after a write', () => {
  it('reports the write as done, keeps its counter work in the outbox, and the next write applies it once', async () => {
    const { id } = await enrolAndConfirm(stack);
    const counts = async () => readCounter(stack.ctx, 'readers', READER_COUNTS_DIMS);
    const before = await counts();
    // The read and the conditional write pass; DynamoDB then throttles everything (the drain's counter update first).
    proxy.faults.throttleAfter = proxy.stats.calls + 2;
    let written;
    try {
      written = await mutateReader(stack.ctx, id, (r) => ({ ...r, status: 'paused' }));
    } finally {
      proxy.faults.throttleAfter = undefined;
    }
    expect(written).toMatchObject({ status: 'paused' });
    const stored = (await getReader(stack.ctx, id))!;
    expect(stored.status).toBe('paused');
    expect(stored.outbox).toHaveLength(1);
    expect(await counts()).toEqual(before); // not applied yet, and nothing lost

    // Once the op is stale (its writer must be gone), the reader's next write finishes it, once.
    stack.clock.advance(STALE_OP_MS);
    await mutateReader(stack.ctx, id, (r) => ({ ...r, sendHour: 9 }));
    expect((await getReader(stack.ctx, id))!.outbox).toEqual([]);
    const after = await counts();
    expect(after['active#tumultuous']).toBe((before['active#tumultuous'] ?? 0) - 1);
    expect(after['paused#tumultuous']).toBe((before['paused#tumultuous'] ?? 0) + 1);
  });
});

describe('the versioned writer when DynamoDB applies a write and its answer is lost', () => {
  /** Every write while `fn` runs is applied and its answer dropped (the SDK retries it), then DynamoDB answers again. */
  async function answersLost<T>(fn: () => Promise<T>): Promise<T> {
    proxy.faults.dropAfterApply = 1;
    try {
      return await fn();
    } finally {
      proxy.faults.dropAfterApply = 0;
    }
  }

  it('knows the write that landed for its own, though the retry fails on the version it wrote', async () => {
    const { id } = await enrolAndConfirm(stack);
    const before = (await getReader(stack.ctx, id))!;
    const dropped = proxy.stats.dropped;
    const written = await answersLost(() => commitReader(stack.ctx, before, { ...before, firstName: 'Sam' }));
    expect(proxy.stats.dropped).toBe(dropped + 1);
    expect(written).toMatchObject({ firstName: 'Sam', ver: before.ver + 1 });
    expect(await getReader(stack.ctx, id)).toMatchObject({ firstName: 'Sam', ver: before.ver + 1 });
  });

  it('counts a plain increment (a run\'s sends) once, never twice: it is not sent again', async () => {
    const day = '2031-01-01';
    proxy.faults.dropAfterApplyIf = (op, req) => op === 'UpdateItem' && req.includes(`"${day}"`);
    const dropped = proxy.stats.dropped;
    try {
      await bumpCounter(stack.ctx, 'sent', day, { lesson: 3 });
    } finally {
      proxy.faults.dropAfterApplyIf = undefined;
    }
    expect(proxy.stats.dropped).toBe(dropped + 1);
    expect(await readCounter(stack.ctx, 'sent', day)).toMatchObject({ lesson: 3 });
  });

  it('sends a sign-up whose new reader was stored without an answer its one confirmation', async () => {
    const body = validEnrolment();
    // Only the new reader's create: its retry fails as if a parallel sign-up had created it first.
    proxy.faults.dropAfterApplyIf = (op, req) => op === 'PutItem' && req.includes('"PROFILE"') && req.includes('attribute_not_exists');
    const dropped = proxy.stats.dropped;
    let res: Response;
    try {
      res = await stack.app.request('/api/enroll', json(body));
    } finally {
      proxy.faults.dropAfterApplyIf = undefined;
    }
    expect(proxy.stats.dropped).toBe(dropped + 1);
    expect(res.status).toBe(202);
    expect(await inbox(stack, body.email)).toHaveLength(1);
    const reader = (await getReader(stack.ctx, (await getEmailOwner(stack.ctx, body.email))!))!;
    expect(reader).toMatchObject({ status: 'pending', confirmSentAt: [expect.any(String)] });
  });
});
