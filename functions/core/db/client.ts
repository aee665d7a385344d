import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RetryStrategyV2 } from '@smithy/types';
import { buildEntities, type Entities } from './service.js';

/**
 * The persistence layer's handle: the DynamoDB client and every entity bound to the table.
 * In AWS the SDK finds the endpoint itself; locally `AWS_ENDPOINT_URL_DYNAMODB` (or `endpoint`)
 * points it at dynalite.
 */
export interface Db {
  client: DynamoDBDocumentClient;
  table: string;
  entities: Entities;
  destroy(): void;
}

/**
 * Retries with a short full-jitter backoff (local stand-ins only): the SDK's own waits up to half a
 * second and more per throttle, which suits AWS but turns a stand-in's injected throttling into minutes.
 * A stand-in throttles at random per call, not under load: from 1 ms, doubling, is enough not to spin.
 */
export function quickRetries(maxAttempts: number, baseMs = 1): RetryStrategyV2 {
  const token = (count: number, delay: number) => ({ getRetryCount: () => count, getRetryDelay: () => delay });
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    async refreshRetryTokenForRetry(t, info) {
      const n = t.getRetryCount() + 1;
      // Throwing gives the caller the request's own error.
      if (n >= maxAttempts || info.errorType === 'CLIENT_ERROR') throw new Error('no more retries');
      return token(n, Math.random() * Math.min(500, baseMs * 2 ** n));
    },
    recordSuccess: () => undefined,
  };
}

export function makeDb(opts: { table: string; endpoint?: string; region?: string; quickRetries?: boolean }): Db {
  const local = opts.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB;
  const raw = new DynamoDBClient({
    region: opts.region ?? process.env.AWS_REGION ?? 'us-east-1',
    // Throttling (a hot partition, an on-demand burst) is retried by the SDK with backoff. A throttled
    // request was not applied; and a state write is conditional, so one that was cannot apply twice.
    // 8 attempts unless the SDK's own AWS_MAX_ATTEMPTS says otherwise.
    maxAttempts: Number(process.env.AWS_MAX_ATTEMPTS) || 8,
    // A hung connection costs seconds per attempt, not the whole invocation (DynamoDB answers in
    // milliseconds; a dynalite under a busy test run in well under a second). A timeout is retried
    // like any transient fault; one that outlasts the retries reaches the API as a 503.
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 },
    ...(opts.quickRetries ? { retryStrategy: quickRetries(8) } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    // Embedded stand-ins accept any credentials; AWS uses the function's role.
    ...(local && !process.env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const client = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { client, table: opts.table, entities: buildEntities({ client, table: opts.table }), destroy: () => client.destroy() };
}
