import { Entity, type EntityConfiguration } from 'electrodb';
import type { Ctx } from '../context.js';

/**
 * SES's Send event for a claimed send: proof SES accepted it, so a dispatcher that crashed after
 * SES took the message finishes without sending again.
 *   pk READER#<id>   sk SENTMARK#<seq>
 */
export const sentMarkEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'sent-mark', version: '1', service: 'mend' },
      attributes: {
        readerId: { type: 'string', required: true },
        seq: { type: 'number', required: true },
        messageId: { type: 'string', required: true },
        at: { type: 'string', required: true },
      },
      indexes: {
        bySend: {
          pk: { field: 'pk', composite: ['readerId'], template: 'READER#${readerId}', casing: 'none' },
          sk: { field: 'sk', composite: ['seq'], template: 'SENTMARK#${seq}', casing: 'none' },
        },
      },
    },
    config,
  );

export async function putSentMark(ctx: Ctx, m: { readerId: string; seq: number; messageId: string; at: string }): Promise<void> {
  await ctx.db.entities.sentMark.put(m).go({ response: 'none' });
}

/** The SES message id behind a claimed send, if SES reported it sent. */
export async function getSentMark(ctx: Ctx, readerId: string, seq: number): Promise<string | null> {
  const { data } = await ctx.db.entities.sentMark.get({ readerId, seq }).go({ consistent: true });
  return data ? data.messageId : null;
}

/** Many marks in batch writes of 25 (the local stack's Send events): unprocessed ones retried. */
export async function putSentMarks(ctx: Ctx, marks: { readerId: string; seq: number; messageId: string; at: string }[]): Promise<void> {
  let items = marks;
  while (items.length) {
    const { unprocessed } = await ctx.db.entities.sentMark.put(items).go({ concurrency: 4 });
    items = unprocessed.map((k) => items.find((m) => m.readerId === k.readerId && m.seq === k.seq)!).filter(Boolean);
  }
}
