import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Ctx } from '../context.js';
import type { SendKind } from '../db/readers.js';

/** An email ready to go: every sender in the app builds one of these and calls sendEmail. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  kind: SendKind;
  /** Lesson id, checkpoint or issue id. */
  ref: string;
  /** reply+<token>@<replyDomain>; omitted for the confirmation. */
  replyToken?: string;
  unsubscribe: { url: string; mailtoToken: string };
  /** Ties SES events (send, bounce, complaint) back to the reader and the claim. */
  tags: Record<string, string>;
}

/** SES refused for good (bad address, suppressed, rejected content): do not retry. */
export class PermanentSendError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const RETRYABLE = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'LimitExceededException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'TimeoutError',
]);

function isRetryable(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number }; code?: string };
  const status = err.$metadata?.httpStatusCode ?? 0;
  return status >= 500 || status === 429 || RETRYABLE.has(err.name ?? '') || ['ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(err.code ?? '');
}

const tagValue = (v: string) => v.replace(/[^A-Za-z0-9_\-.@]/g, '_').slice(0, 256);

/**
 * The one function that sends email. Headers every email carries: X-Mend-Kind, X-Mend-Ref,
 * List-Unsubscribe (https + mailto) with RFC 8058 one-click. Retries throttling and 5xx with
 * exponential backoff and jitter; anything else is permanent and thrown as PermanentSendError.
 */
export async function sendEmail(ctx: Ctx, msg: OutgoingEmail, opts: { attempts?: number } = {}): Promise<{ messageId: string }> {
  const { config } = ctx;
  const mailto = `mailto:unsubscribe+${msg.unsubscribe.mailtoToken}@${config.replyDomain}?subject=unsubscribe`;
  const command = new SendEmailCommand({
    FromEmailAddress: config.fromAddress,
    Destination: { ToAddresses: [msg.to] },
    ReplyToAddresses: msg.replyToken ? [`reply+${msg.replyToken}@${config.replyDomain}`] : undefined,
    ConfigurationSetName: config.configurationSet,
    EmailTags: Object.entries(msg.tags).map(([Name, Value]) => ({ Name, Value: tagValue(Value) })),
    Content: {
      Simple: {
        Subject: { Data: msg.subject, Charset: 'UTF-8' },
        Body: { Html: { Data: msg.html, Charset: 'UTF-8' }, Text: { Data: msg.text, Charset: 'UTF-8' } },
        Headers: [
          { Name: 'X-Mend-Kind', Value: msg.kind },
          { Name: 'X-Mend-Ref', Value: msg.ref },
          { Name: 'X-Mend-Sent-At', Value: ctx.clock.now().toISOString() },
          { Name: 'List-Unsubscribe', Value: `<${msg.unsubscribe.url}>, <${mailto}>` },
          { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
        ],
      },
    },
  });
  const attempts = opts.attempts ?? 5;
  for (let i = 1; ; i++) {
    try {
      const res = await ctx.ses.send(command);
      return { messageId: res.MessageId ?? '' };
    } catch (e) {
      if (!isRetryable(e)) {
        const err = e as Error;
        throw new PermanentSendError(err.name ?? 'Error', err.message);
      }
      if (i >= attempts) throw e;
      // Backoff in real time, not app time: SES's rate limit lives in the real world.
      await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** i) * (0.5 + Math.random())));
    }
  }
}
