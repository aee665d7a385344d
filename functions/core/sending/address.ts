import { createHmac } from 'node:crypto';
import type { Ctx } from '../context.js';

/**
 * The suppression list's view of an address: trimmed and lower-cased whole (mailbox providers
 * treat the local part's case as one mailbox, and SES reports bounced addresses as the receiving
 * server wrote them). A +tag stays: it is the address SES was asked to send to.
 */
export const normaliseAddress = (address: string) => address.trim().toLowerCase();

/**
 * A keyed hash (HMAC-SHA256 with the signing secret, a purpose of its own): the list can be checked
 * and kept after a reader's data is erased, and cannot be read back into addresses without the key.
 */
export const addressHash = (ctx: Ctx, address: string) => hashWith(ctx.secrets.signingSecret, address);

const hashWith = (key: string, address: string) =>
  createHmac('sha256', key).update(`mend/suppression/v1\0${normaliseAddress(address)}`).digest('base64url').slice(0, 32);

/**
 * Every hash the list may hold an address under: the current key's first, then the previous
 * signing secret's while one is configured (entries written before a rotation; a hit there is
 * copied under the current key, see suppression.ts). Not cut off at the links' grace period: a
 * lookup key authenticates nothing, and forgetting a complaint would mail someone who asked us not to.
 */
export function addressHashes(ctx: Ctx, address: string): string[] {
  const prev = ctx.secrets.previousSigningSecret?.value;
  const hashes = [addressHash(ctx, address)];
  if (prev && prev !== ctx.secrets.signingSecret) hashes.push(hashWith(prev, address));
  return hashes;
}

/** Enough for the author to recognise an address, not to read it: `ro***@g***.com`. */
export function maskAddress(address: string): string {
  const a = normaliseAddress(address);
  const at = a.lastIndexOf('@');
  if (at < 0) return `${a.slice(0, 2)}***`;
  const local = a.slice(0, at);
  const domain = a.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, Math.min(2, Math.max(1, local.length - 1)))}***@${domain.slice(0, 1)}***${tld}`;
}
