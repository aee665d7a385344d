import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeDb } from '../../../functions/core/db/client.js';

describe('the DynamoDB client', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('gives up on a request nobody answers after its timeout, instead of hanging the invocation', async () => {
    // Takes each request and never answers: a dead connection, a stalled endpoint.
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    vi.stubEnv('AWS_MAX_ATTEMPTS', '1'); // one attempt: the SDK would retry a timeout, 5 s each
    const db = makeDb({ table: 'mend', endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` });
    try {
      const started = performance.now();
      const outcome = await db.entities.reader.get({ readerId: 'r1' }).go().then(
        () => 'answered',
        (e: Error) => e,
      );
      // The SDK's HTTP handler (4.x) only warned when the timeout passed, unless told to throw.
      expect(outcome).toMatchObject({ name: 'TimeoutError' });
      expect(performance.now() - started).toBeLessThan(30_000);
    } finally {
      db.destroy();
      silent.closeAllConnections();
      silent.close();
    }
  }, 30_000);
});
