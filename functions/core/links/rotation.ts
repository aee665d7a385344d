import { DAY } from '../clock.js';
import type { Ctx, Secrets } from '../context.js';
import { verify, type Purpose, type VerifyResult } from './tokens.js';

/**
 * Signing-secret rotation. A new secret signs everything from the moment it is set; links and
 * reply tokens signed with the previous one keep working for `config.rotationGraceDays` (30 by
 * default) after the rotation date, then stop. The previous secret is given with that date:
 * `SigningSecretPrevious` in AWS, `SIGNING_SECRET_PREVIOUS` locally, as "<ISO date> <secret>".
 */

/** Parses "<rotation date> <previous secret>"; 'none' or empty means there is none. Throws naming what is wrong. */
export function parsePreviousSecret(raw: string | undefined, name: string): Secrets['previousSigningSecret'] {
  const v = raw?.trim();
  if (!v || v === 'none') return undefined;
  const m = /^(\S+)\s+(\S+)$/.exec(v);
  if (!m) throw new Error(`${name} must be "<rotation date, ISO 8601> <previous secret>" (or "none"), e.g. "2027-01-15T00:00:00Z oldSecret..."`);
  const [, date, value] = m as unknown as [string, string, string];
  const at = Date.parse(date);
  if (!/^\d{4}-\d{2}-\d{2}/.test(date) || Number.isNaN(at)) throw new Error(`${name}: "${date}" is not an ISO 8601 date (e.g. 2027-01-15T00:00:00Z)`);
  if (value.length < 32) throw new Error(`${name}: the previous secret must be at least 32 characters, as the signing secret was`);
  return { value, rotatedAt: new Date(at).toISOString() };
}

/** The secrets a link may be signed with now: the current one, then the previous one while its grace lasts. */
export function acceptedSecrets(ctx: Ctx): string[] {
  const prev = ctx.secrets.previousSigningSecret;
  if (!prev) return [ctx.secrets.signingSecret];
  const graceEnds = Date.parse(prev.rotatedAt) + ctx.config.rotationGraceDays * DAY;
  return ctx.clock.now().getTime() < graceEnds ? [ctx.secrets.signingSecret, prev.value] : [ctx.secrets.signingSecret];
}

/** `verify` under every accepted secret: the first whose signature holds decides; forged only if none holds. */
export function verifyLink(ctx: Ctx, token: string | undefined, purpose: Purpose): VerifyResult {
  let result: VerifyResult = { ok: false, reason: 'forged' };
  for (const secret of acceptedSecrets(ctx)) {
    result = verify(secret, token, purpose, ctx.clock.now());
    if (result.ok || result.reason !== 'forged') return result;
  }
  return result;
}
