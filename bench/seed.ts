/**
 * Helpers for the benchmarks. Seeding goes through the persistence layer's bulk writes; only the
 * baselines that by definition bypass Mend (the raw limit, the naive dispatcher) talk to the SDK.
 */

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}
