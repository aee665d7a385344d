import type { Ctx } from '../core/context.js';
import type { Verdicts } from '../core/db/vocabulary.js';
import { processInbound, rawDeliveryId, type InboundResult } from '../core/replies/inbound.js';
import { DomainError, RETRY_AFTER_FAULT, Unavailable } from '../core/shared/errors.js';
import { newId } from '../core/shared/ids.js';

/**
 * The local twin of SES inbound: store the raw message first (as SES's S3 action does in AWS),
 * then hand it to the same processing the inbound Lambda runs. The verdicts are the ones SES would
 * have put in the receipt (none: the sender is unverified); the same bytes posted twice are one
 * delivery, as SES's message id makes them in AWS.
 */
export async function receiveRaw(ctx: Ctx, raw: Uint8Array, verdicts?: Verdicts): Promise<InboundResult> {
  const now = ctx.clock.now();
  const key = `inbound/${now.toISOString().slice(0, 10)}/${now.getTime()}-${newId(8)}.eml`;
  await ctx.rawMail.put(key, raw);
  try {
    return await processInbound(ctx, { key, receivedAt: now.toISOString(), verdicts, deliveryId: rawDeliveryId(raw) });
  } catch (e) {
    if (e instanceof DomainError) throw e;
    // Nothing was logged (a reply once stored is never answered with an error): say so, and that posting it again is safe.
    ctx.log.error('inbound processing failed', { key, error: (e as Error).name });
    throw new Unavailable('The message is kept raw but could not be processed just now. Post it again: it will be logged once.', { retryAfter: RETRY_AFTER_FAULT });
  }
}
