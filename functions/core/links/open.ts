import type { Ctx } from '../context.js';
import { Gone, Invalid } from '../shared/errors.js';
import { verifyLink } from './rotation.js';
import type { Purpose, TokenPayload } from './tokens.js';

/** Why a signed link is refused, for the page that tells the reader (functions/api/pages/links.ts). */
export const LinkRefusal = { broken: 'bad-link', expired: 'link-expired' } as const;

const WHY = { malformed: 'is cut short or malformed', forged: 'does not match its signature', 'wrong-purpose': 'is not meant for this page' } as const;

/** A link that cannot be acted on: cut short, altered, for another page, or naming something we do not know. */
export const badLink = (why: string = WHY.malformed) =>
  new Invalid('This link does not work', [{ path: 'token', message: why }], { reason: LinkRefusal.broken });

/**
 * The payload of a signed link we emailed, or the refusal: a broken, forged or wrong-purpose link
 * is Invalid; an expired one is Gone. Nothing is read or changed before this passes.
 */
export function openLink(ctx: Ctx, token: string | undefined, purpose: Purpose): TokenPayload {
  const v = verifyLink(ctx, token, purpose);
  if (v.ok) return v.payload;
  if (v.reason === 'expired') throw new Gone('This link has expired', { reason: LinkRefusal.expired });
  throw badLink(WHY[v.reason]);
}
