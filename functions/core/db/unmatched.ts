import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { isConditionFailure } from './errors.js';
import { everyItem, filteredPage, type Page, type PageOptions } from './paging.js';
import { Verdicts } from './vocabulary.js';
import { itemParser } from './parse.js';

/**
 * Inbound mail no reader could be found for (or that could not be parsed): kept with a pointer to
 * the raw message, for the author to read and assign.
 *   pk MAIL#<id>   sk UNMATCHED
 *   list  INBOX#unmatched / <receivedAt>#<id>   (INBOX#assigned once the author assigned it)
 */
export const UnmatchedItem = z.object({
  id: z.string(),
  receivedAt: z.string(),
  reason: z.string(),
  rawKey: z.string(),
  raw: z.string(),
  from: z.string().optional(),
  subject: z.string().optional(),
  /** At most 64 KB each (then marked truncated): the raw message has the rest. */
  text: z.string().optional(),
  textTruncated: z.boolean().optional(),
  fullText: z.string().optional(),
  fullTextTruncated: z.boolean().optional(),
  automatic: z.string().optional(),
  /** SES's receipt verdicts, carried into the reply if the author assigns it. */
  verdicts: Verdicts.optional(),
  senderVerified: z.boolean().optional(),
  /** The message's identity (inbound-message item), so a re-delivery finds this item. */
  messageKey: z.string().optional(),
  assignedTo: z.string().optional(),
  assignedAt: z.string().optional(),
});
export type UnmatchedItem = z.infer<typeof UnmatchedItem>;

export const unmatchedEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'unmatched', version: '1', service: 'mend' },
      attributes: {
        mailId: { type: 'string', required: true, field: 'id' },
        receivedAt: { type: 'string', required: true },
        reason: { type: 'string', required: true },
        rawKey: { type: 'string', required: true },
        raw: { type: 'string', required: true },
        from: { type: 'string' },
        subject: { type: 'string' },
        text: { type: 'string' },
        textTruncated: { type: 'boolean' },
        fullText: { type: 'string' },
        fullTextTruncated: { type: 'boolean' },
        automatic: { type: 'string' },
        verdicts: { type: 'any' },
        senderVerified: { type: 'boolean' },
        messageKey: { type: 'string' },
        assignedTo: { type: 'string' },
        assignedAt: { type: 'string' },
        /** Index attribute of `list`: still waiting, or assigned to a reader by the author. */
        box: { type: ['unmatched', 'assigned'] as const, required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['mailId'], template: 'MAIL#${mailId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'UNMATCHED', casing: 'none' },
        },
        inbox: {
          index: 'list',
          pk: { field: 'listPk', composite: ['box'], template: 'INBOX#${box}', casing: 'none' },
          sk: { field: 'listSk', composite: ['receivedAt', 'mailId'], template: '${receivedAt}#${mailId}', casing: 'none' },
        },
      },
    },
    config,
  );

const fromItem = itemParser(UnmatchedItem, (i) => ({ ...i, id: i.mailId }));

/** Keeps an unmatched message once (a re-delivery of the same raw message is a no-op). */
export async function putUnmatchedOnce(ctx: Ctx, m: UnmatchedItem): Promise<void> {
  const { id, ...rest } = m;
  try {
    await ctx.db.entities.unmatched.create({ ...rest, mailId: id, box: m.assignedTo ? 'assigned' : 'unmatched' }).go({ response: 'none' });
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

export async function getUnmatched(ctx: Ctx, id: string): Promise<UnmatchedItem | null> {
  const { data } = await ctx.db.entities.unmatched.get({ mailId: id }).go({ consistent: true });
  return data ? fromItem(data) : null;
}

/** Out of the waiting list, but kept: the raw pointer and who it went to stay on record. */
export async function markAssigned(ctx: Ctx, m: Pick<UnmatchedItem, 'id' | 'receivedAt'>, readerId: string, at: string): Promise<void> {
  await ctx.db.entities.unmatched
    .patch({ mailId: m.id })
    .set({ assignedTo: readerId, assignedAt: at, box: 'assigned' })
    .composite({ receivedAt: m.receivedAt })
    .go({ response: 'none' });
}

export function unmatchedPage(ctx: Ctx, opts: PageOptions<UnmatchedItem>): Promise<Page<UnmatchedItem>> {
  return filteredPage(ctx.db.entities.unmatched.query.inbox({ box: 'unmatched' }), 'list', fromItem, opts);
}

export const everyUnmatched = (ctx: Ctx) => everyItem(ctx.db.entities.unmatched.query.inbox({ box: 'unmatched' }), fromItem);

export async function countUnmatched(ctx: Ctx): Promise<number> {
  const { data } = await ctx.db.entities.unmatched.query.inbox({ box: 'unmatched' }).go({ pages: 'all', attributes: ['mailId'] });
  return data.length;
}
