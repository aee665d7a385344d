import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../functions/core/shared/log.js';
import { testStack } from '../helpers/stack.js';
import { bearer } from '../api/admin/admin-helpers.js';

/**
 * Issue 14: what the logs hold. The scan of a whole simulated system's logs for addresses, names
 * and reply text is in simulate.test.ts (its 100-reader run writes them through the real logger);
 * here, that an error log keeps the error's message.
 */
describe('an error log', () => {
  let stack: Awaited<ReturnType<typeof testStack>>;
  const errors: string[] = [];
  beforeAll(async () => {
    stack = await testStack({ log: makeLogger({ sink: (l) => errors.push(l) }) });
  });
  afterAll(() => stack.close());

  it("keeps the error's message (the logger's reserved `message` key used to drop it, leaving only \"Error\")", async () => {
    // A real fault: the table is gone.
    await stack.ctx.db.client.send(new DeleteTableCommand({ TableName: stack.ctx.db.table }));
    const res = await stack.app.request('/api/admin/overview', { headers: bearer });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: expect.stringContaining('Something went wrong on our side') });
    const line = errors.map((l) => JSON.parse(l) as Record<string, string>).find((l) => l.message === 'unhandled error')!;
    expect(line).toMatchObject({ level: 'ERROR', route: '/api/admin/overview', method: 'GET' });
    expect(line.errorMessage).toMatch(/non-existent table|not found/i);
  });
});
