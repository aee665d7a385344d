import { createHmac } from 'node:crypto';

/**
 * A keyed hash (HMAC-SHA256, 132 bits in base64url) of something we must recognise again but
 * never keep: a client address, an email address on a list. Without the key nobody can test a
 * guess against it; `purpose` keeps hashes for one use from matching those for another.
 */
export const keyedHash = (key: string, purpose: string, value: string): string =>
  createHmac('sha256', key).update(`mend/${purpose}\0${value}`).digest('base64url').slice(0, 22);
