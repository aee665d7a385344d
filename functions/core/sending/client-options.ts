/**
 * How every SES client Mend makes is set up (AWS and local). One attempt per call: the SDK's own
 * retries would resend after a connection reset, when SES may already have accepted the message;
 * mailer/send.ts decides every retry from what the error means. Timeouts, so a hung connection
 * costs seconds, not the invocation: one before a connection exists is safe to retry, one after
 * the request went out is ambiguous.
 */
export const sesClientOptions = {
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
} as const;
