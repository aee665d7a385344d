import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '../clock.js';
import type { Ctx } from '../context.js';

/**
 * The author's access: the admin token (an SST secret in AWS) as a bearer token for the API, or
 * exchanged once at the login form for a signed session cookie for the dashboard.
 */
export const SESSION_COOKIE = 'mend_admin';
export const SESSION_SECONDS = 12 * 60 * 60;

// Sessions run on wall-clock time, not app time: moving the dev clock forward must not log the
// author out, and the browser expires the cookie on real time anyway.
export const wallClock: Clock = systemClock;

/** Constant-time: both sides are hashed to the same length first, so neither length nor prefix leaks. */
export function tokenMatches(ctx: Ctx, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(ctx.secrets.adminToken).digest();
  return timingSafeEqual(a, b);
}

/** The bearer token in an Authorization header, if it is one. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

/**
 * The session key comes from the signing secret and the admin token together: rotating the admin
 * token ends every session, and a session MAC can never pass for a reader link's MAC.
 */
function sessionKey(ctx: Ctx): Buffer {
  return createHmac('sha256', ctx.secrets.signingSecret).update(`mend/admin-session/v1\0${ctx.secrets.adminToken}`).digest();
}

const mac = (ctx: Ctx, body: string) => createHmac('sha256', sessionKey(ctx)).update(body).digest('base64url');

/** Names the admin-token key a session was signed with, so sessions from before a token rotation are known as ended. */
export const sessionKeyId = (ctx: Ctx): string => createHmac('sha256', sessionKey(ctx)).update('key-id').digest('base64url').slice(0, 12);

/**
 * A fresh session value: `<expires epoch s>.<session id>.<mac>`. Only the signature: a session is
 * live only while its record exists server-side too (core/admin/sessions.ts).
 */
export function issueSession(ctx: Ctx, clock: Clock = wallClock): string {
  const exp = Math.floor(clock.now().getTime() / 1000) + SESSION_SECONDS;
  const body = `${exp}.${randomBytes(12).toString('base64url')}`;
  return `${body}.${mac(ctx, body)}`;
}

/** The session id and expiry a cookie value carries, if its signature holds and it has not expired; else null. */
export function sessionClaims(ctx: Ctx, value: string | undefined, clock: Clock = wallClock): { id: string; exp: number } | null {
  if (!value || value.length > 200) return null;
  const parts = value.split('.');
  if (parts.length !== 3) return null;
  const [exp, nonce, sig] = parts as [string, string, string];
  const expected = Buffer.from(mac(ctx, `${exp}.${nonce}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!/^\d+$/.test(exp) || Number(exp) * 1000 <= clock.now().getTime() || !nonce) return null;
  return { id: nonce, exp: Number(exp) };
}

/** The signature and expiry alone (a session also needs its server-side record: core/admin/sessions.ts). */
export function sessionValid(ctx: Ctx, value: string | undefined, clock: Clock = wallClock): boolean {
  return sessionClaims(ctx, value, clock) !== null;
}
