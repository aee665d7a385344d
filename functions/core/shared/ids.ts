import { randomBytes } from 'node:crypto';

// Lower-case base32: ids survive mail systems that lower-case the local part of reply addresses.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export function newId(length = 16): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}
