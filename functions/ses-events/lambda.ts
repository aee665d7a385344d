// First: zod settings must precede every schema definition (see the module).
import '../runtime/zod-jitless.js';
import type { EventBridgeEvent, SNSEvent } from 'aws-lambda';
import { handleSesEvent } from '../core/feedback/ses-events.js';
import { awsContext } from '../runtime/aws.js';

// Cold start: config and the course are checked before the first event (runtime/aws.ts). Links
// the table and the signing secret, which keys the suppression list's address hashes.
const ctx = awsContext('sesEvents');

type Delivery = SNSEvent | EventBridgeEvent<string, unknown>;

/**
 * The SES event objects inside an SNS delivery (Records[].Sns.Message, a JSON string) or an
 * EventBridge delivery (`detail`). Messages that are not JSON, such as the one-off
 * "Successfully validated SNS topic" notice SES publishes when the destination is created,
 * are returned in `skipped`.
 */
export function sesEventsOf(delivery: Delivery): { events: unknown[]; skipped: number } {
  if ('Records' in delivery && Array.isArray(delivery.Records)) {
    const events: unknown[] = [];
    let skipped = 0;
    for (const r of delivery.Records) {
      try {
        events.push(JSON.parse(r.Sns.Message));
      } catch {
        skipped++;
      }
    }
    return { events, skipped };
  }
  if ('detail' in delivery && delivery.detail && typeof delivery.detail === 'object') {
    return { events: [delivery.detail], skipped: 0 };
  }
  return { events: [], skipped: 1 };
}

/** Subscribed to the configuration set's SNS topic (infra/events.ts). Throwing makes Lambda retry. */
export async function handler(delivery: Delivery): Promise<void> {
  const { events, skipped } = sesEventsOf(delivery);
  if (skipped) ctx.log.info('skipped non-event SES notifications', { skipped });
  let failed = 0;
  for (const event of events) {
    try {
      await handleSesEvent(ctx, event as Parameters<typeof handleSesEvent>[1]);
    } catch (e) {
      failed++;
      ctx.log.error('SES event handling failed', { error: (e as Error).message });
    }
  }
  if (failed) throw new Error(`SES event handling failed for ${failed} of ${events.length} event(s)`);
}
