import { Entity, type EntityConfiguration } from 'electrodb';
import type { Ctx } from '../context.js';

/**
 * Failed attempts per client (a keyed hash of its address, never the address) and time window.
 *   pk THROTTLE#<purpose>   sk <address hash>#<window start>   expires with its window (TTL)
 */
export const throttleEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'throttle', version: '1', service: 'mend' },
      attributes: {
        purpose: { type: 'string', required: true },
        addressHash: { type: 'string', required: true },
        windowStart: { type: 'number', required: true },
        failures: { type: 'number' },
        expiresAt: { type: 'number' },
      },
      indexes: {
        byWindow: {
          pk: { field: 'pk', composite: ['purpose'], template: 'THROTTLE#${purpose}', casing: 'none' },
          sk: { field: 'sk', composite: ['addressHash', 'windowStart'], template: '${addressHash}#${windowStart}', casing: 'none' },
        },
      },
    },
    config,
  );

type WindowKey = { purpose: string; addressHash: string; windowStart: number };

export async function failuresIn(ctx: Ctx, key: WindowKey): Promise<number> {
  const { data } = await ctx.db.entities.throttle.get(key).go({ consistent: true });
  return data?.failures ?? 0;
}

/** Counts one failure (or an attempt not yet judged) atomically and returns the new count. */
export async function addFailure(ctx: Ctx, key: WindowKey, expiresAt: number): Promise<number> {
  const { data } = await ctx.db.entities.throttle.update(key).add({ failures: 1 }).set({ expiresAt }).go({ response: 'all_new' });
  return data.failures ?? 1;
}

/** Takes back one counted attempt (it turned out to be the right token). */
export async function removeFailure(ctx: Ctx, key: WindowKey): Promise<void> {
  await ctx.db.entities.throttle.update(key).add({ failures: -1 }).go({ response: 'none' });
}
