import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { isConditionFailure } from './errors.js';
import { itemParser } from './parse.js';
import { newId } from '../shared/ids.js';

/**
 * The identity of one inbound message (a hash of its sender and Message-ID, else of the delivery:
 * SES's message id in AWS, the raw bytes locally), claimed before anything is written about it. The
 * same message delivered again (SES, Lambda's retries, a DLQ replay, a sender's server that sent it
 * twice) finds its claim and the item the first delivery made, so it is logged once.
 *   pk INMSG#<messageKey>   sk INMSG   expires after MESSAGE_KEPT_DAYS (TTL)
 * Holds no address and no text: only the hash, where the message went (a reader's reply or the
 * unmatched list) and the raw copies it arrived as. Erasing a reader: each of their replies names
 * its `messageKey`; delete the `inbound-message` item with that key too.
 */
export const InboundMessage = z.object({
  messageKey: z.string(),
  /** When the first delivery arrived: the reply or unmatched item it made is keyed by this time. */
  firstAt: z.string(),
  target: z.enum(['reply', 'unmatched']),
  readerId: z.string().optional(),
  replyId: z.string().optional(),
  mailId: z.string().optional(),
  /** How many distinct deliveries arrived (a Lambda retry of the same raw copy is not a new one). */
  deliveries: z.number().int(),
  /** The raw copies it arrived as, first ones first (bounded). */
  rawKeys: z.array(z.string()),
  expiresAt: z.number().int(),
  /** The claiming write's own id: a claim whose answer DynamoDB lost is known as ours when the SDK's copy fails on it. */
  wid: z.string().optional(),
});
export type InboundMessage = z.infer<typeof InboundMessage>;

/** Longer than SQS keeps a failed invocation (14 days), so a replay from the dead-letter queue still dedupes. */
export const MESSAGE_KEPT_DAYS = 90;
const MAX_RAW_KEYS = 10;

export const inboundMessageEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'inbound-message', version: '1', service: 'mend' },
      attributes: {
        messageKey: { type: 'string', required: true },
        firstAt: { type: 'string', required: true },
        target: { type: ['reply', 'unmatched'] as const, required: true },
        readerId: { type: 'string' },
        replyId: { type: 'string' },
        mailId: { type: 'string' },
        deliveries: { type: 'number', required: true },
        rawKeys: { type: 'list', items: { type: 'string' }, required: true },
        expiresAt: { type: 'number', required: true },
        wid: { type: 'string' },
      },
      indexes: {
        byKey: {
          pk: { field: 'pk', composite: ['messageKey'], template: 'INMSG#${messageKey}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'INMSG', casing: 'none' },
        },
      },
    },
    config,
  );

const parse = itemParser(InboundMessage);

export async function getInboundMessage(ctx: Ctx, messageKey: string): Promise<InboundMessage | null> {
  const { data } = await ctx.db.entities.inboundMessage.get({ messageKey }).go({ consistent: true });
  return data ? parse(data) : null;
}

/**
 * Claims a message's identity for the item this delivery is about to write. The first claim wins;
 * a later one gets the first claim back (and its raw copy is noted, once), to write nothing new.
 */
export async function claimInboundMessage(
  ctx: Ctx,
  m: Omit<InboundMessage, 'deliveries' | 'rawKeys'> & { rawKey: string },
): Promise<{ claimed: true; message: InboundMessage } | { claimed: false; message: InboundMessage }> {
  const { rawKey, ...rest } = m;
  const message: InboundMessage = { ...rest, deliveries: 1, rawKeys: [rawKey], wid: newId(12) };
  try {
    await ctx.db.entities.inboundMessage.create(message).go({ response: 'none' });
    return { claimed: true, message };
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
  const first = await getInboundMessage(ctx, m.messageKey);
  if (!first) throw new Error('inbound message claim vanished'); // expired between the two calls: the caller's retry claims it afresh
  // Our own claim: it landed, DynamoDB lost the answer, and the SDK's copy failed on it. This is the
  // first delivery, not a second one: it logs the message and says so.
  if (first.wid === message.wid) return { claimed: true, message: first };
  if (first.rawKeys.includes(rawKey) || first.rawKeys.length >= MAX_RAW_KEYS) return { claimed: false, message: first };
  try {
    // Only if this copy is not noted yet: two concurrent re-deliveries of one copy count once.
    const { data } = await ctx.db.entities.inboundMessage
      .patch({ messageKey: m.messageKey })
      .append({ rawKeys: [rawKey] })
      .add({ deliveries: 1 })
      .where((a, { contains }) => `NOT ${contains(a.rawKeys, rawKey)}`)
      .go({ response: 'all_new' });
    return { claimed: false, message: parse(data) ?? first };
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return { claimed: false, message: first };
  }
}
