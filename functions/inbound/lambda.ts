// First: zod settings must precede every schema definition (see the module).
import '../runtime/zod-jitless.js';
import type { SESEvent } from 'aws-lambda';
import { processInbound } from '../core/replies/inbound.js';
import { awsContext } from '../runtime/aws.js';
import { s3RawStoreFor } from '../runtime/s3-raw-store.js';

// Cold start: config, links and the course are checked before the first message (runtime/aws.ts).
const ctx = awsContext('inbound', { rawMail: s3RawStoreFor });

/**
 * Invoked by the SES receipt rule (infra/inbound.ts) after its S3 action has stored the raw
 * message under `inbound/<messageId>`. Async invocation: throwing makes Lambda retry (twice),
 * so processInbound must be idempotent per key. Logs carry message ids only.
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
      await processInbound(ctx, { key: `inbound/${messageId}`, receivedAt: new Date(record.ses.mail.timestamp).toISOString() });
    } catch (e) {
      ctx.log.error('inbound processing failed', { messageId, error: (e as Error).message });
      failed.push(messageId);
    }
  }
  if (failed.length) throw new Error(`inbound processing failed for ${failed.length} message(s): ${failed.join(', ')}`);
}
