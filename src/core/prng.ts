/**
 * Seeded pseudo-random numbers, the project's one generator (calibration folds, synthetic drive
 * tests, the planner's tie-breaking and instances, the sample network, the synthetic DEM,
 * benches), so that every run is the same for a seed on every machine: mulberry32
 * (32-bit state, period 2^32; plenty for shuffling a million points or a few million draws)
 * and standard normal deviates by the Box–Muller transform (both values of a pair used).
 */

/** Uniform deviates in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviates (mean 0, variance 1) drawn from `uniform`. */
export function normalDeviates(uniform: () => number): () => number {
  let spare = NaN;
  return () => {
    if (spare === spare) {
      const v = spare;
      spare = NaN;
      return v;
    }
    let u = 0;
    while (u === 0) u = uniform(); // log(0) is −∞
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/** A permutation of 0…n−1 (Fisher–Yates) from `uniform`. */
export function shuffledIndices(n: number, uniform: () => number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
