import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RetryErrorType, RetryStrategyV2 } from '@smithy/types';
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
  /**
   * The counter items again, on a client of their own that retries only throttling (a request that
   * was certainly not applied). A plain increment is not idempotent: after a timeout or a dropped
   * connection it may already have landed, and the SDK's retry would count it twice (what the SDK's
   * own docs say of TRANSIENT errors on non-idempotent requests). Such an increment is lost instead,
   * as a crash would lose it: the counts it keeps are never higher than the truth.
   */
  increments: Entities['counters'];
  incrementClient: DynamoDBDocumentClient;
  destroy(): void;
}

/**
 * Retries with a full-jitter backoff, from `baseMs` doubling up to `capMs`. Locally from 1 ms: the
 * SDK's own waits up to half a second and more per throttle, which suits AWS but turns a stand-in's
 * injected throttling into minutes (a stand-in throttles at random per call, not under load).
 * `only`: the kinds of failure retried (the increments' client: throttling, never a maybe-applied one).
 */
export function quickRetries(maxAttempts: number, baseMs = 1, opts: { capMs?: number; only?: RetryErrorType[] } = {}): RetryStrategyV2 {
  const token = (count: number, delay: number) => ({ getRetryCount: () => count, getRetryDelay: () => delay });
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    async refreshRetryTokenForRetry(t, info) {
      const n = t.getRetryCount() + 1;
      // Throwing gives the caller the request's own error.
      if (n >= maxAttempts || info.errorType === 'CLIENT_ERROR' || (opts.only && !opts.only.includes(info.errorType))) throw new Error('no more retries');
      return token(n, Math.random() * Math.min(opts.capMs ?? 500, baseMs * 2 ** n));
    },
    recordSuccess: () => undefined,
  };
}

export function makeDb(opts: { table: string; endpoint?: string; region?: string; quickRetries?: boolean }): Db {
  const client = documentClient(opts, opts.quickRetries ? quickRetries(8) : undefined);
  // Throttling only: from 1 ms locally (see quickRetries); in AWS from 100 ms up to 2 s, full jitter, as the SDK backs off a throttle.
  const incrementClient = documentClient(opts, opts.quickRetries ? quickRetries(8, 1, { only: ['THROTTLING'] }) : quickRetries(8, 50, { capMs: 2_000, only: ['THROTTLING'] }));
  return {
    client,
    table: opts.table,
    entities: buildEntities({ client, table: opts.table }),
    increments: buildEntities({ client: incrementClient, table: opts.table }).counters,
    incrementClient,
    destroy: () => {
      client.destroy();
      incrementClient.destroy();
    },
  };
}

function documentClient(opts: { endpoint?: string; region?: string }, retryStrategy: RetryStrategyV2 | undefined): DynamoDBDocumentClient {
  const local = opts.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB;
  const raw = new DynamoDBClient({
    region: opts.region ?? process.env.AWS_REGION ?? 'us-east-1',
    // Throttling (a hot partition, an on-demand burst) is retried by the SDK with backoff. A throttled
    // request was not applied; and a state write is conditional, so one that was cannot apply twice.
    // 8 attempts unless the SDK's own AWS_MAX_ATTEMPTS says otherwise.
    maxAttempts: Number(process.env.AWS_MAX_ATTEMPTS) || 8,
    // A hung connection costs seconds per attempt, not the whole invocation (DynamoDB answers in
    // milliseconds; a dynalite under a busy test run in well under a second). A timeout is retried
    // like any transient fault; one that outlasts the retries reaches the API as a 503. The SDK's
    // HTTP handler (4.x) only warns when `requestTimeout` passes unless `throwOnRequestTimeout` is set.
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
    ...(retryStrategy ? { retryStrategy } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    // Embedded stand-ins accept any credentials; AWS uses the function's role.
    ...(local && !process.env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
