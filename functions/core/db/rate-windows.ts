import { Entity, type EntityConfiguration } from 'electrodb';
import type { Ctx } from '../context.js';
import { addOnce } from './own-writes.js';

/**
 * Requests counted per key (a keyed hash: of a client's address, of an email address, of a
 * reader id; never the value itself) and fixed time window, for the limits on sign-ups and data
 * exports. Each request is counted before it is judged, by one atomic increment, so a burst of
 * parallel requests cannot all slip under the limit.
 *   pk RATE#<purpose>   sk <keyHash>#<windowStart>   expires after its window (TTL)
 */
export const rateWindowEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'rate-window', version: '1', service: 'mend' },
      attributes: {
        purpose: { type: 'string', required: true },
        keyHash: { type: 'string', required: true },
        /** Epoch seconds. */
        windowStart: { type: 'number', required: true },
        count: { type: 'number' },
        expiresAt: { type: 'number' },
        /** The last increment's write id (own-writes.ts). */
        wid: { type: 'string' },
      },
      indexes: {
        byWindow: {
          pk: { field: 'pk', composite: ['purpose'], template: 'RATE#${purpose}', casing: 'none' },
          sk: { field: 'sk', composite: ['keyHash', 'windowStart'], template: '${keyHash}#${windowStart}', casing: 'none' },
        },
      },
    },
    config,
  );

export type RateKey = { purpose: string; keyHash: string; windowStart: number };

/** Counts one request atomically, once (own-writes.ts), and returns the count in its window, this one included. */
export async function countRequest(ctx: Ctx, key: RateKey, expiresAt: number): Promise<number> {
  const windows = ctx.db.entities.rateWindow;
  return addOnce(
    async (wid) => {
      const { data } = await windows
        .update(key)
        .add({ count: 1 })
        .set({ expiresAt, wid })
        .where((a, { notExists, ne }) => `(${notExists(a.wid)} OR ${ne(a.wid, wid)})`)
        .go({ response: 'all_new' });
      return data.count ?? 1;
    },
    async () => {
      const { data } = await windows.get(key).go({ consistent: true });
      return data ? (data.count ?? 1) : null;
    },
  );
}
