import type { Clock } from '../clock.js';
import type { Ctx } from '../context.js';
import { AdminSession, deleteSession, getSession, listSessions, putSession, touchSession } from '../db/admin-sessions.js';
import { clientKey } from '../shared/client.js';
import { keyedHash } from '../shared/keyed-hash.js';
import { notFound } from '../shared/errors.js';
import { issueSession, sessionClaims, sessionKeyId, wallClock } from './auth.js';

export { AdminSession };

/**
 * The author's dashboard sessions. The cookie is signed (so a forged one costs no read), and a
 * session is live only while its record exists: logging out deletes it, "log out everywhere"
 * deletes them all, and the next request with that cookie goes to the login form. Wall-clock time
 * (auth.ts): moving the dev clock must not end or extend a session.
 */

/** "Last seen" is written at most this often per session, not on every page view. */
const TOUCH_EVERY_MS = 60_000;

const clientHash = (ctx: Ctx, address: string | undefined) => keyedHash(ctx.secrets.signingSecret, 'session-client/v1', address ? clientKey(address) : 'in-process');

/** Logs in: a new session recorded server-side; the cookie value to set. */
export async function startAdminSession(ctx: Ctx, address: string | undefined, clock: Clock = wallClock): Promise<string> {
  const value = issueSession(ctx, clock);
  const claims = sessionClaims(ctx, value, clock)!;
  const now = clock.now().toISOString();
  await putSession(ctx, { sessionId: claims.id, createdAt: now, lastSeenAt: now, clientHash: clientHash(ctx, address), keyId: sessionKeyId(ctx), expiresAt: claims.exp });
  ctx.log.info('admin session started');
  return value;
}

/** The live session a cookie names: signed, unexpired, still recorded, signed with today's admin token. Else null. */
export async function openAdminSession(ctx: Ctx, value: string | undefined, clock: Clock = wallClock): Promise<AdminSession | null> {
  const claims = sessionClaims(ctx, value, clock);
  if (!claims) return null;
  const s = await getSession(ctx, claims.id);
  if (!s || s.keyId !== sessionKeyId(ctx) || s.expiresAt * 1000 <= clock.now().getTime()) return null;
  const now = clock.now();
  if (now.getTime() - Date.parse(s.lastSeenAt) >= TOUCH_EVERY_MS) {
    await touchSession(ctx, s.sessionId, now.toISOString());
    return { ...s, lastSeenAt: now.toISOString() };
  }
  return s;
}

/** Logs out the session a cookie names (a forged or expired cookie names none: nothing to do). */
export async function endAdminSession(ctx: Ctx, value: string | undefined, clock: Clock = wallClock): Promise<void> {
  const claims = sessionClaims(ctx, value, clock);
  if (!claims) return;
  await deleteSession(ctx, claims.id);
  ctx.log.info('admin session ended');
}

/** Ends one session by its id, from the list of sessions. */
export async function endAdminSessionById(ctx: Ctx, sessionId: string): Promise<void> {
  if (!(await getSession(ctx, sessionId))) throw notFound('No such session (it has ended already)');
  await deleteSession(ctx, sessionId);
  ctx.log.info('admin session ended by the author');
}

/** Logs out everywhere: every session ends, this one included. */
export async function endAllAdminSessions(ctx: Ctx): Promise<number> {
  const all = await listSessions(ctx);
  await Promise.all(all.map((s) => deleteSession(ctx, s.sessionId)));
  ctx.log.info('admin sessions all ended', { count: all.length });
  return all.length;
}

/** The sessions that could still be used, most recently used first. */
export async function activeSessions(ctx: Ctx, clock: Clock = wallClock): Promise<AdminSession[]> {
  const now = clock.now().getTime();
  const key = sessionKeyId(ctx);
  return (await listSessions(ctx)).filter((s) => s.keyId === key && s.expiresAt * 1000 > now).sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
}
