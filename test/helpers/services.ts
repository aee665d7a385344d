import { inject } from 'vitest';
import type { ServicePair } from './global-setup.js';

/**
 * This worker's embedded services (dynalite and the SES emulator). The global setup starts one pair
 * per worker; VITEST_POOL_ID (1..maxWorkers) says which worker this is, and it runs one file at a time.
 */
export function services(): ServicePair {
  const pairs = inject('services');
  const id = Number(process.env.VITEST_POOL_ID ?? 1);
  return pairs[(Math.max(1, id) - 1) % pairs.length]!;
}
