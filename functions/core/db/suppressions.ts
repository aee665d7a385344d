import { Entity, type EntityConfiguration } from 'electrodb';
import type { Ctx } from '../context.js';
import { keyedHash } from '../shared/keyed-hash.js';

/**
 * Addresses never to mail again, by a keyed hash only: what stays of a reader erased while
 * unsubscribed or suppressed (bounced, complained), so a later sign-up in their name sends them
 * nothing. The address itself is not kept, so the list says nothing about who they were.
 *   pk SUPPRESS#<addressHash>   sk SUPPRESS
 */
export const suppressionEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'suppression', version: '1', service: 'mend' },
      attributes: {
        addressHash: { type: 'string', required: true },
        /** Why: the reader had unsubscribed, or the address had bounced or complained. */
        reason: { type: ['unsubscribed', 'suppressed'] as const, required: true },
        /** How it came onto the list (today only an erasure puts addresses here). */
        via: { type: ['erasure'] as const, required: true },
        at: { type: 'string', required: true },
      },
      indexes: {
        byHash: {
          pk: { field: 'pk', composite: ['addressHash'], template: 'SUPPRESS#${addressHash}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'SUPPRESS', casing: 'none' },
        },
      },
    },
    config,
  );

const PURPOSE = 'suppression/v1';
const normal = (address: string) => address.trim().toLowerCase();

/**
 * The hashes an address may be listed under: by the current signing secret and, after a rotation,
 * by the previous one too (an entry cannot be re-keyed: the address is not kept).
 */
function hashesOf(ctx: Ctx, address: string): string[] {
  const keys = [ctx.secrets.signingSecret, ...(ctx.secrets.previousSigningSecret ? [ctx.secrets.previousSigningSecret.value] : [])];
  return [...new Set(keys.map((k) => keyedHash(k, PURPOSE, normal(address))))];
}

export async function suppressAddress(ctx: Ctx, address: string, reason: 'unsubscribed' | 'suppressed', at: string): Promise<void> {
  await ctx.db.entities.suppression.put({ addressHash: hashesOf(ctx, address)[0]!, reason, via: 'erasure', at }).go({ response: 'none' });
}

/** Whether an address is on the list (one read per key the list may use). */
export async function isSuppressed(ctx: Ctx, address: string): Promise<boolean> {
  const found = await Promise.all(hashesOf(ctx, address).map((addressHash) => ctx.db.entities.suppression.get({ addressHash }).go()));
  return found.some((r) => r.data !== null);
}
