/**
 * Seeded pseudo-random numbers for the planner: candidate jitter, synthetic instances and the
 * tie-breaking order of the search, so that a plan is the same for the same seed on every
 * machine. Mulberry32 (Tommy Ettinger's 32-bit generator, public domain): period 2³², good
 * enough for jitter and tie-breaking, not for statistics that need long streams.
 */

/**
 * A generator of uniform numbers in [0, 1) from a 32-bit seed.
 * @param seed - any number; its low 32 bits are used
 * @returns a function returning the next number of the stream
 * @example const rnd = seededRandom(1); rnd() // → 0.6270739405881613
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The position of each of `n` items in a seeded random order (Fisher–Yates): `rank[i]` is where
 * item i lands. The search breaks ties between equal gains by this rank.
 */
export function seededRank(n: number, seed: number): Int32Array {
  const rnd = seededRandom(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const rank = new Int32Array(n);
  order.forEach((item, pos) => (rank[item] = pos));
  return rank;
}
