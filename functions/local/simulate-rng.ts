/** Small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    weighted: <T extends string>(w: Record<T, number>): T => {
      const total = Object.values<number>(w).reduce((a, b) => a + b, 0);
      let x = next() * total;
      for (const [k, v] of Object.entries<number>(w)) if ((x -= v) < 0) return k as T;
      return Object.keys(w)[0] as T;
    },
  };
}

