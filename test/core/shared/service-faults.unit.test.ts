import { describe, expect, it } from 'vitest';
import { isThrottling, serviceFault } from '../../../functions/core/shared/service-faults.js';

/** An SDK error as the AWS SDK v3 throws it (name, $fault, $metadata), optionally wrapped as ElectroDB does. */
const sdk = (name: string, status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened for reader@example.com`), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status, attempts: 8 }, ...extra });
const electro = (cause: unknown) => Object.assign(new Error('Error thrown by DynamoDB client: "..."', { cause }), { name: 'ElectroError' });
const network = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code, $metadata: { attempts: 8 } });

describe('serviceFault (what the API answers 503)', () => {
  it.each([
    ['DynamoDB throttling past the retries', electro(sdk('ThrottlingException', 400)), 'ThrottlingException'],
    ['a hot partition', electro(sdk('ProvisionedThroughputExceededException', 400)), 'ProvisionedThroughputExceededException'],
    ['the account request limit', electro(sdk('RequestLimitExceeded', 400)), 'RequestLimitExceeded'],
    ['DynamoDB failing', electro(sdk('InternalServerError', 500)), 'InternalServerError'],
    ['DynamoDB unavailable', electro(sdk('ServiceUnavailable', 503)), 'ServiceUnavailable'],
    ['S3 asking to slow down', sdk('SlowDown', 503), 'SlowDown'],
    ['an unnamed 5xx', sdk('UnknownError', 502), 'UnknownError'],
    ['a connection refused', electro(network('ECONNREFUSED')), 'ECONNREFUSED'],
    ['a connection reset', network('ECONNRESET'), 'ECONNRESET'],
    ['a name that did not resolve', network('EAI_AGAIN'), 'EAI_AGAIN'],
    ['the SDK timing out', electro(Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' })), 'TimeoutError'],
    ['a failed connect to every address', electro(Object.assign(new AggregateError([network('ECONNREFUSED'), network('ECONNREFUSED')]), { code: 'ECONNREFUSED' })), 'ECONNREFUSED'],
  ])('recognises %s', (_what, err, cause) => {
    const fault = serviceFault(err);
    expect(fault).toMatchObject({ cause });
    // Names and numbers only: nothing of the message (it may quote a key or an address).
    expect(JSON.stringify(fault)).not.toContain('example.com');
  });

  it('names the outer error, the status and the attempts the SDK made', () => {
    expect(serviceFault(electro(sdk('ThrottlingException', 400)))).toEqual({ error: 'ElectroError', cause: 'ThrottlingException', status: 400, attempts: 8 });
  });

  it.each([
    ['a bug of ours', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a malformed request', electro(sdk('ValidationException', 400))],
    ['a missing table', electro(sdk('ResourceNotFoundException', 400))],
    ['missing permissions', electro(sdk('AccessDeniedException', 400))],
    ['a failed condition', electro(sdk('ConditionalCheckFailedException', 400))],
    ['nothing at all', undefined],
    ['a string', 'ThrottlingException'],
  ])('leaves %s alone (a 500, or its own answer)', (_what, err) => {
    expect(serviceFault(err)).toBeNull();
  });

  it('survives a cause chain that never ends', () => {
    const a: { name: string; cause?: unknown } = { name: 'A' };
    a.cause = a;
    expect(serviceFault(a)).toBeNull();
  });
});

describe('isThrottling (a fault that certainly did not apply: the increments retry only these)', () => {
  it.each([
    ['DynamoDB throttling', electro(sdk('ThrottlingException', 400)), true],
    ['a hot partition', electro(sdk('ProvisionedThroughputExceededException', 400)), true],
    ['any 429', sdk('UnknownError', 429), true],
    ['DynamoDB failing (may have applied)', electro(sdk('InternalServerError', 500)), false],
    ['a connection reset (may have applied)', electro(network('ECONNRESET')), false],
    ['the SDK timing out (may have applied)', electro(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), false],
  ])('%s: %s', (_what, err, throttled) => {
    expect(isThrottling(err)).toBe(throttled);
  });
});
