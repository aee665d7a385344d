/**
 * How every SES client Mend makes is set up (AWS and local). One attempt per call: the SDK's own
 * retries would resend after a connection reset, when SES may already have accepted the message;
 * mailer/send.ts decides every retry from what the error means. Timeouts, so a hung connection
 * costs seconds, not the invocation: one before a connection exists is safe to retry, one after
 * the request went out is ambiguous. `throwOnRequestTimeout`: the SDK's HTTP handler (4.x) only
 * prints a warning when `requestTimeout` passes unless told to throw, and a send on a dead
 * connection then hung until the invocation was cut off.
 */
export const sesClientOptions = {
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000, throwOnRequestTimeout: true },
} as const;
