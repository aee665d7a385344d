import { Entity, type EntityConfiguration } from 'electrodb';
import type { Ctx } from '../context.js';
import { addOnce } from './own-writes.js';

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
        /** The last change's write id (own-writes.ts). */
        wid: { type: 'string' },
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

/** Adds `by` to a window's failures atomically, once (own-writes.ts), and returns the new count. */
async function addToFailures(ctx: Ctx, key: WindowKey, by: number, expiresAt?: number): Promise<number> {
  const windows = ctx.db.entities.throttle;
  return addOnce(
    async (wid) => {
      const { data } = await windows
        .update(key)
        .add({ failures: by })
        .set({ wid, ...(expiresAt === undefined ? {} : { expiresAt }) })
        .where((a, { notExists, ne }) => `(${notExists(a.wid)} OR ${ne(a.wid, wid)})`)
        .go({ response: 'all_new' });
      return data.failures ?? by;
    },
    async () => {
      const { data } = await windows.get(key).go({ consistent: true });
      return data ? (data.failures ?? 0) : null;
    },
  );
}

/** Counts one failure (or an attempt not yet judged) atomically and returns the new count. */
export const addFailure = (ctx: Ctx, key: WindowKey, expiresAt: number): Promise<number> => addToFailures(ctx, key, 1, expiresAt);

/** Takes back one counted attempt (it turned out to be the right token). */
export async function removeFailure(ctx: Ctx, key: WindowKey): Promise<void> {
  await addToFailures(ctx, key, -1);
}
