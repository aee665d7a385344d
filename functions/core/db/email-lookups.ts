import { Entity, type EntityConfiguration } from 'electrodb';
import type { Ctx } from '../context.js';
import { isConditionFailure } from './errors.js';

/**
 * The uniqueness guard for enrolment: one item per address, naming the reader who owns it.
 *   pk EMAIL#<address>   sk EMAIL
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

/** Access pattern: the reader id behind an address. */
export async function getEmailOwner(ctx: Ctx, address: string): Promise<string | null> {
  const { data } = await ctx.db.entities.emailLookup.get({ address }).go({ consistent: true });
  return data?.readerId ?? null;
}

/** Claims an address for a reader id; returns the id that owns it (ours, or the earlier one). */
export async function claimEmail(ctx: Ctx, address: string, readerId: string): Promise<string> {
  try {
    await ctx.db.entities.emailLookup.create({ address, readerId }).go({ response: 'none' });
    return readerId;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return (await getEmailOwner(ctx, address)) ?? readerId;
  }
}

/** Frees an address whose sign-up expired unconfirmed, only if it still points at that reader. */
export async function releaseEmail(ctx: Ctx, address: string, readerId: string): Promise<void> {
  try {
    await ctx.db.entities.emailLookup
      .delete({ address })
      .where((a, { eq }) => eq(a.readerId, readerId))
      .go({ response: 'none' });
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}
