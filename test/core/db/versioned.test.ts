import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCounter } from '../../../functions/core/db/counters.js';
import { STALE_OP_MS } from '../../../functions/core/db/outbox.js';
import { getReader } from '../../../functions/core/db/readers.js';
import { mutateReader, READER_COUNTS_DIMS } from '../../../functions/core/readers/store.js';
import { startDynamoFaults, type FaultProxy } from '../../../functions/local/faults.js';
import { services } from '../../helpers/services.js';
import { enrolAndConfirm, testStack, type TestStack } from '../../helpers/stack.js';

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
