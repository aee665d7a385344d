import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../functions/local/table.js';
import { json, testStack, validEnrolment } from '../helpers/stack.js';

const require = createRequire(import.meta.url);

/**
 * CreateTable answers while the table is still CREATING; until it is ACTIVE every read and write
 * is refused (ResourceNotFoundException). The embedded dynalite marks it ACTIVE a moment later
 * (a timer and a second write, slower on disk and under load), so a stack's first sign-up once
 * answered 500 in test/local/services.test.ts. Here dynalite takes as long as DynamoDB may.
 */
let server: Server;
let url: string;
beforeAll(async () => {
  const dynalite = require('dynalite') as (o: object) => Server;
  server = dynalite({ createTableMs: 300 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('ensureTable (local/table.ts)', () => {
  it('returns only once the table can be used, however long the database takes to create it', async () => {
    await ensureTable(url, 'slow_table');
    const db = new DynamoDBClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' }, maxAttempts: 1 });
    try {
      const got = await db.send(new GetItemCommand({ TableName: 'slow_table', Key: { pk: { S: 'x' }, sk: { S: 'y' } } }));
      expect(got.Item).toBeUndefined();
    } finally {
      db.destroy();
    }
    await ensureTable(url, 'slow_table'); // there already: nothing to wait for
  });

  it('lets a new stack take its first sign-up at once', async () => {
    const stack = await testStack({ dynamoUrl: url });
    try {
      expect((await stack.app.request('/api/enroll', json(validEnrolment()))).status).toBe(202);
    } finally {
      await stack.close();
    }
  });
});
