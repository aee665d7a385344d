import { Entity, type EntityConfiguration } from 'electrodb';
import type { Ctx } from '../context.js';
import { ownWrite } from './own-writes.js';

/**
 * One SES event already handled (its SNS message may be delivered again): the counts it made are
 * made once. Expires after 30 days, well past SNS's retries.
 *   pk SESEVENT#<event id>   sk SESEVENT
 */
export const sesEventEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'ses-event', version: '1', service: 'mend' },
      attributes: {
        eventId: { type: 'string', required: true },
        at: { type: 'string', required: true },
        expiresAt: { type: 'number' },
        /** Which write made the mark (see markEventOnce). */
        wid: { type: 'string' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['eventId'], template: 'SESEVENT#${eventId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'SESEVENT', casing: 'none' },
        },
      },
    },
    config,
  );

/**
 * Marks an event handled; false if it already was (a redelivery). When DynamoDB lost the answer to
 * the mark, the SDK's copy fails on the mark the first one made: its write id there says it was
 * this call, and the counts are made.
 */
export function markEventOnce(ctx: Ctx, eventId: string, at: string): Promise<boolean> {
  return ownWrite(
    (wid) => ctx.db.entities.sesEvent.create({ eventId, at, expiresAt: Math.floor(Date.parse(at) / 1000) + 30 * 86_400, wid }).go({ response: 'none' }),
    async () => (await ctx.db.entities.sesEvent.get({ eventId }).go({ consistent: true, attributes: ['wid'] })).data?.wid,
  );
}
