// First: zod settings must precede every schema definition (see the module).
import '../runtime/zod-jitless.js';
import type { SESEvent, SESReceipt } from 'aws-lambda';
import type { Verdicts } from '../core/db/vocabulary.js';
import { processInbound } from '../core/replies/inbound.js';
import { serviceFault } from '../core/shared/service-faults.js';
import { awsContext } from '../runtime/aws.js';
import { s3RawStoreFor } from '../runtime/s3-raw-store.js';

// Cold start: config, links and the course are checked before the first message (runtime/aws.ts).
const ctx = awsContext('inbound', { rawMail: s3RawStoreFor });

const VERDICT = new Set(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED']);
const status = (v: { status?: string } | undefined) => (v?.status && VERDICT.has(v.status) ? (v.status as NonNullable<Verdicts['spf']>) : undefined);

/** SES's own verdicts on the sender, from the receipt: never from headers inside the message. */
export function verdictsOf(receipt: SESReceipt): Verdicts {
  const v: Verdicts = {};
  const spf = status(receipt.spfVerdict);
  const dkim = status(receipt.dkimVerdict);
  const dmarc = status(receipt.dmarcVerdict);
  if (spf) v.spf = spf;
  if (dkim) v.dkim = dkim;
  if (dmarc) v.dmarc = dmarc;
  return v;
}

/**
 * Invoked by the SES receipt rule (infra/inbound.ts) after its S3 action has stored the raw
 * message under `inbound/<messageId>`. Async invocation: throwing makes Lambda retry (twice), then
 * hands the event to the dead-letter queue (README: replaying it). processInbound is idempotent per
 * message, so every retry is safe; it throws only while something is left undone: the reply could
 * not be stored, or its course step could not run (the reply is then stored and marked for the
 * author, and the retry applies it). Logs carry message ids only.
 */
export async function handler(event: SESEvent): Promise<void> {
  const failed: string[] = [];
  for (const record of event.Records) {
    const { messageId } = record.ses.mail;
    if (record.ses.receipt.virusVerdict?.status === 'FAIL') {
      ctx.log.warn('inbound mail dropped: virus verdict FAIL', { messageId });
      continue;
    }
    try {
      // SES's own timestamp: stable across retries, so a re-delivery is recognised as one.
      const out = await processInbound(ctx, {
        key: `inbound/${messageId}`,
        receivedAt: new Date(record.ses.mail.timestamp).toISOString(),
        verdicts: verdictsOf(record.ses.receipt),
        deliveryId: messageId,
      });
      if ('courseStep' in out && (out.courseStep === 'failed' || out.courseStep === 'pending')) {
        ctx.log.warn('inbound reply stored, course step left for a retry', { messageId, courseStep: out.courseStep });
        failed.push(messageId);
      }
    } catch (e) {
      // A service fault (DynamoDB throttled or down past the SDK's retries) is named by its class and
      // code alone; the retry Lambda makes (then the dead-letter queue) is what keeps the reply.
      const fault = serviceFault(e);
      ctx.log.error('inbound processing failed', fault ? { messageId, ...fault } : { messageId, error: (e as Error).message });
      failed.push(messageId);
    }
  }
  if (failed.length) throw new Error(`inbound processing failed for ${failed.length} message(s): ${failed.join(', ')}`);
}
