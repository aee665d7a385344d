/**
 * Whether an error is a temporary fault of a service we depend on (DynamoDB, S3), as opposed to a
 * bug of ours or a refusal that will not change by waiting. The SDK has already retried such a
 * fault with backoff by the time it reaches us (8 attempts for DynamoDB): what is left is a fault
 * that outlasted the retries, which the API answers 503 with `Retry-After`, never a 500.
 *
 * Recognised by shape, never by message text, through the wrappers around the SDK's error
 * (ElectroDB, unless told to give the SDK's own error, keeps it as `cause`; a failed connect may be an
 * AggregateError of one per address):
 * - throttling that outlasted the retries (ThrottlingException, ProvisionedThroughputExceeded, S3's SlowDown, any 429);
 * - the service failing (InternalServerError, ServiceUnavailable, any 5xx);
 * - the network: refused, reset, unreachable, not resolved, timed out.
 * Permissions, a missing table, a malformed request stay what they are: faults of ours (500).
 */

/** What a log line may say about the fault: names and numbers, never a message (it can quote a key). */
export interface ServiceFault {
  /** The error that reached us (the SDK's own, a wrapper such as ElectroError, TimeoutError, ...). */
  error: string;
  /** What the service or the network said: the SDK error's name or the system error code. */
  cause: string;
  status?: number;
  /** How many attempts the SDK made before giving up. */
  attempts?: number;
}

interface ErrorShape {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  cause?: unknown;
  errors?: unknown[];
}

/** The service refused for its rate: the request was certainly not applied. */
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
]);

const TEMPORARY = new Set([
  ...THROTTLING,
  'InternalServerError',
  'InternalFailure',
  'InternalError',
  'InternalServiceError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The error and what it wraps, outermost first (bounded: a cause chain is never trusted to end). */
function chain(e: unknown): ErrorShape[] {
  const out: ErrorShape[] = [];
  const todo: unknown[] = [e];
  while (todo.length && out.length < 8) {
    const err = todo.shift();
    if (!err || typeof err !== 'object') continue;
    const shape = err as ErrorShape;
    out.push(shape);
    if (shape.cause) todo.push(shape.cause);
    if (Array.isArray(shape.errors)) todo.push(...shape.errors.slice(0, 4));
  }
  return out;
}

/** The temporary fault this error is, or null when it is something else (a bug, a refusal). */
export function serviceFault(e: unknown): ServiceFault | null {
  const errs = chain(e);
  const outer = errs[0];
  if (!outer) return null;
  for (const err of errs) {
    const status = err.$metadata?.httpStatusCode;
    const temporary =
      (err.name && TEMPORARY.has(err.name)) || (err.code && NETWORK.has(err.code)) || status === 429 || (status !== undefined && status >= 500);
    if (!temporary) continue;
    const attempts = errs.map((x) => x.$metadata?.attempts).find((n) => n !== undefined);
    return {
      error: outer.name ?? 'Error',
      cause: err.code && NETWORK.has(err.code) ? err.code : (err.name ?? 'Error'),
      ...(status !== undefined ? { status } : {}),
      ...(attempts !== undefined ? { attempts } : {}),
    };
  }
  return null;
}

/** Whether the fault is throttling (any 429 too): unlike a lost answer or a 5xx, it certainly did not apply. */
export function isThrottling(e: unknown): boolean {
  return chain(e).some((err) => (err.name !== undefined && THROTTLING.has(err.name)) || err.$metadata?.httpStatusCode === 429);
}
