/**
 * What an SES failure means for the send and for everyone else (issue 12's error classes). The one
 * send function (mailer/send.ts) classifies every error it sees into exactly one of these:
 *
 * - `recipient`: this address can never be mailed (rejected for that address, invalid, on a
 *   suppression list): suppress that address, nobody else.
 * - `account`: the account or our configuration is at fault (credentials, permissions, sending
 *   paused, account suspended, unverified identity or MAIL FROM, no such configuration set, the
 *   daily quota) and so is **anything we do not recognise**: stop the whole run, suppress nobody.
 * - `retry`: throttling, 5xx, a connection that never reached SES: back off and try again.
 * - `ambiguous`: the request may have reached SES and been accepted (a reset or timeout after it
 *   went out): never retried in the loop; the claim goes stale and the Send marker decides.
 */
export type SendErrorClass = 'recipient' | 'account' | 'retry' | 'ambiguous';

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
  cause?: unknown;
}

/** Base of every error the send function throws: what kind, SES's name for it, and its message (no addresses). */
export class SendError extends Error {
  constructor(
    readonly kind: SendErrorClass,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** SES refused this address for good (or it is on our list): suppress it; do not retry. */
export class PermanentSendError extends SendError {
  constructor(code: string, message: string) {
    super('recipient', code, message);
    this.name = 'PermanentSendError';
  }
}

/** The account or configuration is at fault: the run stops, nobody is suppressed, the next run tries again. */
export class SendingHalted extends SendError {
  constructor(code: string, message: string) {
    super('account', code, message);
    this.name = 'SendingHalted';
  }
}

/** May have been sent: never retried in the loop. */
export class AmbiguousSendError extends SendError {
  constructor(code: string, message: string) {
    super('ambiguous', code, message);
    this.name = 'AmbiguousSendError';
  }
}

/** Throttled or failing for longer than the attempts allowed: nothing was sent; try later. */
export class TransientSendError extends SendError {
  constructor(code: string, message: string) {
    super('retry', code, message);
    this.name = 'TransientSendError';
  }
}

const ACCOUNT = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'MissingAuthenticationToken',
  'IncompleteSignature',
  'CredentialsProviderError',
  'AccountSuspendedException',
  'SendingPausedException',
  'MailFromDomainNotVerifiedException',
  'MailFromDomainNotVerified',
  'NotFoundException',
  'ConfigurationSetDoesNotExist',
  'ConfigurationSetDoesNotExistException',
  'AccountSendingPausedException',
  'ConfigurationSetSendingPausedException',
]);

const THROTTLE = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'LimitExceededException',
  'RequestLimitExceeded',
  'InternalFailure',
  'InternalServiceError',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

/** Never reached SES: the connection was refused or the host not found. Safe to try again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** The request went out (or may have) and no answer came: SES may have sent it. */
const MAYBE_SENT = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);

/** A timeout before any connection existed, in the words of the SDK's HTTP handler (then and now). */
const NO_CONNECTION = /did not establish a connection|without establishing a connection|connection timeout/i;

/** SES's words for a refusal about the address itself (as opposed to our identity or our content). */
const ADDRESS_PROBLEM = /address (is )?blacklisted|illegal address|invalid (email )?address|suppression list|missing final '@domain'|domain (name )?contains|local address contains|domain ends with dot|address contains/i;
/** ...and for the identity or the sandbox: the account's fault, not the reader's. */
const IDENTITY_PROBLEM = /not verified|not authorized|sending paused|suspended|sandbox/i;

function codeOf(e: SdkError): string {
  for (let err: SdkError | undefined = e, i = 0; err && i < 4; err = err.cause as SdkError | undefined, i++) if (err.code) return err.code;
  return '';
}

/** Which class an error from SES (or from the network on the way there) belongs to. */
export function classifySendError(e: unknown): { kind: SendErrorClass; code: string } {
  const err = (e ?? {}) as SdkError;
  const name = err.name ?? 'Error';
  const message = err.message ?? '';
  const status = err.$metadata?.httpStatusCode ?? 0;
  const code = codeOf(err);
  if (/daily (message )?quota/i.test(message)) return { kind: 'account', code: 'DailyQuotaExceeded' };
  if (name === 'MessageRejected' || name === 'BadRequestException' || name === 'InvalidParameterValue') {
    if (IDENTITY_PROBLEM.test(message)) return { kind: 'account', code: name };
    // A refusal that is not about the address (our content, a parameter of ours) would refuse every reader.
    return { kind: ADDRESS_PROBLEM.test(message) ? 'recipient' : 'account', code: name };
  }
  if (ACCOUNT.has(name) || status === 401 || status === 403) return { kind: 'account', code: name };
  if (THROTTLE.has(name) || status === 429 || status >= 500) return { kind: 'retry', code: name };
  if (NOT_SENT.has(code)) return { kind: 'retry', code };
  // The SDK's own timeouts: one before a connection was made never reached SES (nothing is written
  // to a socket before it connects). Matched on the handler's words, old and current: the current
  // @smithy/node-http-handler says "did not establish a connection", and with only the older words
  // such a send was left to go stale and went a cron tick late (test/core/sending/errors.unit.test.ts
  // makes each timeout with the installed SDK).
  if (name === 'TimeoutError' || name === 'RequestTimeout' || name === 'RequestTimeoutException') {
    // The handler also names a reset or a broken pipe TimeoutError: the code says which it was.
    return NO_CONNECTION.test(message) ? { kind: 'retry', code: name } : { kind: 'ambiguous', code: code || name };
  }
  if (MAYBE_SENT.has(code) || /socket hang up|other side closed|premature close/i.test(message)) return { kind: 'ambiguous', code: code || name };
  return { kind: 'account', code: name === 'Error' && code ? code : name };
}

/** The error as thrown by the send function. */
export function sendErrorOf(e: unknown): SendError {
  if (e instanceof SendError) return e;
  const { kind, code } = classifySendError(e);
  const message = ((e as SdkError)?.message ?? String(e)).slice(0, 300);
  switch (kind) {
    case 'recipient':
      return new PermanentSendError(code, message);
    case 'account':
      return new SendingHalted(code, message);
    case 'ambiguous':
      return new AmbiguousSendError(code, message);
    case 'retry':
      return new TransientSendError(code, message);
  }
}
