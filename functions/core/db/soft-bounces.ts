import { Entity, type EntityConfiguration } from 'electrodb';
import type { Ctx } from '../context.js';

/**
 * Transient bounces of one address (keyed hash), newest last, so that repeated ones (3 in 30
 * days) suppress it. Each bounce is named by its SES feedback id: a redelivered event adds nothing.
 *   pk SOFTBOUNCE#<hash>   sk SOFTBOUNCE   expires 30 days after the last bounce
 */
export const softBounceEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'soft-bounce', version: '1', service: 'mend' },
      attributes: {
        hash: { type: 'string', required: true },
        /** `<at ISO>|<feedback id>`, newest last. */
        bounces: { type: 'list', items: { type: 'string' } },
        expiresAt: { type: 'number' },
      },
      indexes: {
        byHash: {
          pk: { field: 'pk', composite: ['hash'], template: 'SOFTBOUNCE#${hash}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'SOFTBOUNCE', casing: 'none' },
        },
      },
    },
    config,
  );

/** Records one transient bounce and returns the ones within `windowMs` before `at` (this one included). */
export async function addSoftBounce(ctx: Ctx, hash: string, at: string, feedbackId: string, windowMs: number): Promise<string[]> {
  const entry = `${at}|${feedbackId}`;
  const { data } = await ctx.db.entities.softBounce
    .update({ hash })
    .append({ bounces: [entry] })
    .set({ expiresAt: Math.floor((Date.parse(at) + windowMs) / 1000) })
    .go({ response: 'all_new' });
  const since = Date.parse(at) - windowMs;
  const ids = new Set<string>();
  return (data.bounces ?? []).filter((b) => {
    const [when, id] = b.split('|') as [string, string];
    if (Date.parse(when) < since || ids.has(id)) return false;
    ids.add(id);
    return true;
  });
}
