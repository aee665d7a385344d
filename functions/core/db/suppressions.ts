import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { isConditionFailure } from './errors.js';
import { ownWrite } from './own-writes.js';
import { filteredPage, getAll, type Page, type PageOptions } from './paging.js';
import { itemParser } from './parse.js';

/** Why an address is on the list (`unsubscribed`: a reader erased while unsubscribed, readers/erase.ts). */
export const SuppressionReason = z.enum(['bounce', 'complaint', 'rejected', 'soft-bounces', 'author', 'unsubscribed']);
export type SuppressionReason = z.infer<typeof SuppressionReason>;

/**
 * One address that is never mailed again (until the author lifts it): a keyed hash of the
 * normalised address (the key), and a masked form for the author to recognise it by. The address
 * itself is never stored here. A lifted entry is kept (who lifted it, when, why) under `lifted`.
 *   pk SUPPRESSION#<hash>   sk SUPPRESSION
 *   list  SUPPRESSIONS#<state> / <at>#<hash>   newest first, active or lifted
 */
export const Suppression = z.object({
  hash: z.string(),
  masked: z.string(),
  reason: SuppressionReason,
  /** What SES or the author said: bounce subtype, complaint type, the SES error code, the author's words. */
  detail: z.string().optional(),
  at: z.string(),
  /** The reader the address belonged to when it was suppressed, if any. */
  readerId: z.string().optional(),
  state: z.enum(['active', 'lifted']),
  liftedAt: z.string().optional(),
  liftReason: z.string().optional(),
  /** The last lift's or re-suppression's write id: known as ours when DynamoDB lost its answer and the SDK's copy failed on it. */
  wid: z.string().optional(),
});
export type Suppression = z.infer<typeof Suppression>;

export const suppressionEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'suppression', version: '1', service: 'mend' },
      attributes: {
        hash: { type: 'string', required: true },
        masked: { type: 'string', required: true },
        reason: { type: SuppressionReason.options, required: true },
        detail: { type: 'string' },
        at: { type: 'string', required: true },
        readerId: { type: 'string' },
        state: { type: ['active', 'lifted'] as const, required: true },
        liftedAt: { type: 'string' },
        liftReason: { type: 'string' },
        wid: { type: 'string' },
      },
      indexes: {
        byHash: {
          pk: { field: 'pk', composite: ['hash'], template: 'SUPPRESSION#${hash}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'SUPPRESSION', casing: 'none' },
        },
        list: {
          index: 'list',
          pk: { field: 'listPk', composite: ['state'], template: 'SUPPRESSIONS#${state}', casing: 'none' },
          sk: { field: 'listSk', composite: ['at', 'hash'], template: '${at}#${hash}', casing: 'none' },
        },
      },
    },
    config,
  );

const parse = itemParser(Suppression);

/** Access pattern: the entries for these hashes (one BatchGetItem per 100), active or lifted. */
export async function getSuppressions(ctx: Ctx, hashes: string[]): Promise<Map<string, Suppression>> {
  const found = new Map<string, Suppression>();
  const unique = [...new Set(hashes)];
  for (let i = 0; i < unique.length; i += 100) {
    const keys = unique.slice(i, i + 100).map((hash) => ({ hash }));
    for (const s of await getAll(keys, (k) => ctx.db.entities.suppression.get(k).go({ consistent: true }), parse)) found.set(s.hash, s);
  }
  return found;
}

export async function getSuppression(ctx: Ctx, hash: string): Promise<Suppression | null> {
  const { data } = await ctx.db.entities.suppression.get({ hash }).go({ consistent: true });
  return data ? parse(data) : null;
}

/**
 * Puts an address on the list. An active entry is left as it is (the first reason stays: a
 * complaint after a bounce changes nothing); a lifted one becomes active again with the new reason.
 * Returns whether this call added it.
 */
export async function putSuppression(ctx: Ctx, s: Omit<Suppression, 'state' | 'liftedAt' | 'liftReason' | 'wid'>): Promise<boolean> {
  try {
    await ctx.db.entities.suppression.create({ ...s, state: 'active' }).go({ response: 'none' });
    return true;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
  const cur = await getSuppression(ctx, s.hash);
  if (!cur || cur.state === 'active') return false;
  // Conditional on the lift we read: two re-suppressions at once write it once.
  return ownWrite(
    (wid) =>
      ctx.db.entities.suppression
        .put({ ...s, state: 'active', wid })
        .where((a, { eq }) => `${eq(a.state, 'lifted')} AND ${eq(a.at, cur.at)}`)
        .go({ response: 'none' }),
    async () => (await getSuppression(ctx, s.hash))?.wid,
  );
}

/** Lifts an active entry (kept, with the reason); false if there is no active entry for the hash. */
export async function liftSuppression(ctx: Ctx, hash: string, reason: string, at: string): Promise<Suppression | null> {
  const cur = await getSuppression(ctx, hash);
  if (!cur || cur.state !== 'active') return null;
  const next: Suppression = { ...cur, state: 'lifted', liftedAt: at, liftReason: reason };
  // Our own lift, whose answer DynamoDB lost, counts as lifted: the caller must go on to let the reader
  // back in. Taken for someone else's, it answered 404 and left the reader suppressed, unable to sign
  // up again, and a second lift found nothing to lift.
  const lifted = await ownWrite(
    (wid) =>
      ctx.db.entities.suppression
        .put({ ...next, wid })
        .where((a, { eq }) => `${eq(a.state, 'active')} AND ${eq(a.at, cur.at)}`)
        .go({ response: 'none' }),
    async () => (await getSuppression(ctx, hash))?.wid,
  );
  return lifted ? next : null;
}

export function suppressionsPage(ctx: Ctx, state: Suppression['state'], opts: PageOptions<Suppression>): Promise<Page<Suppression>> {
  return filteredPage(ctx.db.entities.suppression.query.list({ state }), 'list', parse, opts);
}

/** Erasure (a reader's data deleted): the entry itself goes, only the keyed hash is kept by the caller if it must be. */
export async function deleteSuppression(ctx: Ctx, hash: string): Promise<void> {
  await ctx.db.entities.suppression.delete({ hash }).go({ response: 'none' });
}

/** Rewrites an entry whole (erasure strips what named the reader, keeping the hash and why). */
export async function replaceSuppression(ctx: Ctx, s: Suppression): Promise<void> {
  await ctx.db.entities.suppression.put(s).go({ response: 'none' });
}
