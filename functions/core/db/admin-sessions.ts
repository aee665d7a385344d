import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { isConditionFailure } from './errors.js';
import { createFresh } from './own-writes.js';
import { itemParser } from './parse.js';

/**
 * The author's dashboard sessions, kept server-side so that logging out really ends one (the
 * signed cookie alone would stay valid for its 12 hours). All in one small partition: the author
 * has a handful at a time, and the dashboard lists them.
 *   pk ADMIN#SESSIONS   sk SESSION#<sessionId>   expires with the session (TTL)
 */
export const AdminSession = z.object({
  sessionId: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** A keyed hash of the client's address (an IPv6 client by its /64): tells sessions apart, names no address. */
  clientHash: z.string(),
  /** Which admin-token key signed it: sessions signed before the token was rotated are listed as ended. */
  keyId: z.string(),
  /** Epoch seconds: when the session ends whatever happens (and AWS's TTL removes the item). */
  expiresAt: z.number().int(),
});
export type AdminSession = z.infer<typeof AdminSession>;

export const adminSessionEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'admin-session', version: '1', service: 'mend' },
      attributes: {
        sessionId: { type: 'string', required: true },
        createdAt: { type: 'string', required: true },
        lastSeenAt: { type: 'string', required: true },
        clientHash: { type: 'string', required: true },
        keyId: { type: 'string', required: true },
        expiresAt: { type: 'number', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: [], template: 'ADMIN#SESSIONS', casing: 'none' },
          sk: { field: 'sk', composite: ['sessionId'], template: 'SESSION#${sessionId}', casing: 'none' },
        },
      },
    },
    config,
  );

const parse = itemParser(AdminSession);

export async function putSession(ctx: Ctx, s: AdminSession): Promise<void> {
  await createFresh(() => ctx.db.entities.adminSession.create(s).go({ response: 'none' }));
}

/** A session by id, strongly consistent: a session revoked a moment ago is gone for the next request. */
export async function getSession(ctx: Ctx, sessionId: string): Promise<AdminSession | null> {
  const { data } = await ctx.db.entities.adminSession.get({ sessionId }).go({ consistent: true });
  return data ? parse(data) : null;
}

/** Records that the session was used (only if it still exists: a revoked one is never brought back). */
export async function touchSession(ctx: Ctx, sessionId: string, at: string): Promise<void> {
  try {
    await ctx.db.entities.adminSession.patch({ sessionId }).set({ lastSeenAt: at }).go({ response: 'none' });
  } catch (e) {
    // Deleted meanwhile (logged out elsewhere): nothing to record.
    if (!isConditionFailure(e)) throw e;
  }
}

export async function deleteSession(ctx: Ctx, sessionId: string): Promise<void> {
  await ctx.db.entities.adminSession.delete({ sessionId }).go({ response: 'none' });
}

/** Every stored session, newest id order (the caller sorts by time). */
export async function listSessions(ctx: Ctx): Promise<AdminSession[]> {
  const { data } = await ctx.db.entities.adminSession.query.byId({}).go({ pages: 'all', consistent: true });
  return data.map(parse).filter((s): s is AdminSession => s !== null);
}
