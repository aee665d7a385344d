import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Signed tokens for every link we email (confirm, preferences, unsubscribe, branch choices,
 * check-in answers, "tell me what happened" events, a reader's data export). HMAC-SHA256 over purpose + payload + expiry: a token for one purpose is
 * useless for another, and any change to it breaks the signature.
 */
export const Purpose = z.enum(['confirm', 'prefs', 'unsub', 'choice', 'outcome', 'event', 'export']);
export type Purpose = z.infer<typeof Purpose>;

export type TokenPayload = { p: Purpose; r: string; x: number } & Record<string, string | number>;

export type VerifyResult =
  | { ok: true; payload: TokenPayload }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'wrong-purpose' };

const mac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

export function sign(
  secret: string,
  purpose: Purpose,
  readerId: string,
  expiresAt: Date,
  extra: Record<string, string | number> = {},
): string {
  const payload = { ...extra, p: purpose, r: readerId, x: Math.floor(expiresAt.getTime() / 1000) };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

export function verify(secret: string, token: string | undefined, purpose: Purpose, now: Date): VerifyResult {
  if (!token || token.length > 2048) return { ok: false, reason: 'malformed' };
  const [body, sig, rest] = token.split('.');
  if (!body || !sig || rest !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof payload !== 'object' || payload === null || typeof payload.r !== 'string') return { ok: false, reason: 'malformed' };
  if (payload.p !== purpose) return { ok: false, reason: 'wrong-purpose' };
  if (typeof payload.x !== 'number' || payload.x * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

/**
 * Reply tokens go in the local part of the Reply-To address (reply+<token>@domain), so they are
 * short, lower-case and never expire: <readerId>-<send seq>-<mac>. Mail systems may lower-case
 * local parts; everything here is already lower-case.
 */
export type CompactKind = 'reply' | 'unsub';

export function replyToken(secret: string, readerId: string, seq: number, kind: CompactKind = 'reply'): string {
  const m = createHmac('sha256', secret).update(`${kind}:${readerId}:${seq}`).digest('hex').slice(0, 12);
  return `${readerId}-${seq}-${m}`;
}

/** `secret` may be several (links/rotation.ts `acceptedSecrets`): a token signed by any of them is good. */
export function parseReplyToken(
  secret: string | readonly string[],
  token: string,
  kind: CompactKind = 'reply',
): { readerId: string; seq: number } | null {
  const match = /^([a-z2-7]{8,32})-(\d{1,6})-([0-9a-f]{12})$/.exec(token.toLowerCase());
  if (!match) return null;
  const [, readerId, seqText] = match as unknown as [string, string, string];
  const seq = Number(seqText);
  const secrets = typeof secret === 'string' ? [secret] : secret;
  return secrets.some((s) => replyToken(s, readerId, seq, kind) === token.toLowerCase()) ? { readerId, seq } : null;
}
