/**
 * The planner's seeded generator: invariants only (no published stream is claimed) — the same
 * seed gives the same stream, values lie in [0, 1), the mean of 100 000 draws is 1/2 within
 * 5 standard errors (σ = 1/√12 ≈ 0.2887, σ/√n ≈ 0.00091), and a seeded rank is a permutation.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom, seededRank } from './random.ts';

describe('seeded random numbers', () => {
  it('same seed, same stream; another seed, another stream; values in [0, 1) with mean 1/2', () => {
    const a = seededRandom(42), b = seededRandom(42), c = seededRandom(43);
    const xa = Array.from({ length: 5 }, a), xb = Array.from({ length: 5 }, b), xc = Array.from({ length: 5 }, c);
    expect(xb).toEqual(xa);
    expect(xc).not.toEqual(xa);
    const r = seededRandom(7);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(5 * 0.00091);
  });

  it('a seeded rank is a permutation of 0…n−1, the same for the same seed', () => {
    const r = seededRank(1000, 5);
    expect([...r].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(seededRank(1000, 5)).toEqual(r);
    expect(seededRank(1000, 6)).not.toEqual(r);
  });
});
