/**
 * The search's tie-breaking order, seeded (src/core/prng.ts), so that a plan is the same for the
 * same seed on every machine.
 */
import { mulberry32 } from '../prng.ts';

/**
 * The position of each of `n` items in a seeded random order (Fisher–Yates): `rank[i]` is where
 * item i lands. The search breaks ties between equal gains by this rank.
 */
export function seededRank(n: number, seed: number): Int32Array {
  const rnd = mulberry32(seed);
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
