import { createHash } from 'node:crypto';
import type { Verdicts } from '../db/vocabulary.js';

/**
 * A message's identity, the same however often it is delivered: its sender and `Message-ID` when it
 * has one (a sender's server that sent it twice, SES delivering it twice, a Lambda retry, a replay
 * from the dead-letter queue), else the delivery's own id (SES's message id in AWS, a hash of the
 * raw bytes locally). The sender is part of it so one sender can never claim another's message.
 */
export function messageKey(msg: { messageId?: string; from?: string } | null, deliveryId: string): string {
  const id = msg?.messageId?.trim().replace(/^<+|>+$/g, '');
  const basis = id ? `message-id\n${(msg?.from ?? '').toLowerCase()}\n${id}` : `delivery\n${deliveryId}`;
  return createHash('sha256').update(basis).digest('hex').slice(0, 32);
}

/** Ids of the items a message makes (its reply, or its unmatched entry): the same on every delivery. */
export const itemIdOf = (key: string) => key.slice(0, 20);

/**
 * Whether SES vouches for the sender: SPF or DKIM passed, and DMARC passed. Only the receipt's
 * verdicts count (the Lambda event's, or the local twin's query parameters), never a header inside
 * the message, which whoever wrote it could have written.
 */
export function senderVerified(v: Verdicts | undefined): boolean {
  return !!v && (v.spf === 'PASS' || v.dkim === 'PASS') && v.dmarc === 'PASS';
}
