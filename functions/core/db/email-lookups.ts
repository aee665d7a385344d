import { Entity, type EntityConfiguration } from 'electrodb';
import type { Ctx } from '../context.js';
import { isConditionFailure } from './errors.js';

/**
 * The uniqueness guard for enrolment: one item per address, naming the reader who owns it.
 *   pk EMAIL#<address key>   sk EMAIL
 * The key is the address's lookup form (`addressKey`: trimmed, lower-case), so Sam@Example.com
 * and sam@example.com are one reader and a reply from either finds them; the reader item keeps
 * the address as they typed it, for display and sending.
 */
export const emailLookupEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'email-lookup', version: '1', service: 'mend' },
      attributes: {
        address: { type: 'string', required: true },
        readerId: { type: 'string', required: true },
      },
      indexes: {
        byAddress: {
          pk: { field: 'pk', composite: ['address'], template: 'EMAIL#${address}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'EMAIL', casing: 'none' },
        },
      },
    },
    config,
  );

/**
 * The one normal form of an address for lookups. Case-insensitive as a whole: mail providers treat
 * local parts that way in practice, and a reader who types capitals once must still be found.
 */
export const addressKey = (address: string) => address.trim().toLowerCase();

async function ownerAt(ctx: Ctx, address: string): Promise<string | null> {
  const { data } = await ctx.db.entities.emailLookup.get({ address }).go({ consistent: true });
  return data?.readerId ?? null;
}

/**
 * Guards written before lookups were case-insensitive are keyed by the address as typed: read
 * (never written) for an address with capitals, so those readers are still found.
 */
const legacyForm = (address: string) => {
  const typed = address.trim();
  return typed !== addressKey(typed) ? typed : null;
};

/** Access pattern: the reader id behind an address, whatever its case. */
export async function getEmailOwner(ctx: Ctx, address: string): Promise<string | null> {
  const owner = await ownerAt(ctx, addressKey(address));
  if (owner) return owner;
  const legacy = legacyForm(address);
  return legacy ? ownerAt(ctx, legacy) : null;
}

/** Claims an address for a reader id; returns the id that owns it (ours, or the earlier one). */
export async function claimEmail(ctx: Ctx, address: string, readerId: string): Promise<string> {
  const legacy = legacyForm(address);
  const earlier = legacy ? await ownerAt(ctx, legacy) : null;
  if (earlier) return earlier;
  try {
    await ctx.db.entities.emailLookup.create({ address: addressKey(address), readerId }).go({ response: 'none' });
    return readerId;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return (await getEmailOwner(ctx, address)) ?? readerId;
  }
}

/** Frees an address whose sign-up expired unconfirmed, only if it still points at that reader. */
export async function releaseEmail(ctx: Ctx, address: string, readerId: string): Promise<void> {
  for (const form of [addressKey(address), legacyForm(address)]) {
    if (!form) continue;
    try {
      await ctx.db.entities.emailLookup
        .delete({ address: form })
        .where((a, { eq }) => eq(a.readerId, readerId))
        .go({ response: 'none' });
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }
}
