import type { Ctx } from '../core/context.js';
import { processInbound, type InboundResult } from '../core/replies/inbound.js';
import { newId } from '../core/shared/ids.js';

/**
 * The local twin of SES inbound: store the raw message first (as SES's S3 action does in AWS),
 * then hand it to the same processing the inbound Lambda runs.
 */
export async function receiveRaw(ctx: Ctx, raw: Uint8Array): Promise<InboundResult> {
  const now = ctx.clock.now();
  const key = `inbound/${now.toISOString().slice(0, 10)}/${now.getTime()}-${newId(8)}.eml`;
  await ctx.rawMail.put(key, raw);
  return processInbound(ctx, { key, receivedAt: now.toISOString() });
}
