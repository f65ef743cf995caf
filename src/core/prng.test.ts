/**
 * Seeded generators. Expected values are invariants of the distributions (uniform: mean 1/2,
 * variance 1/12; standard normal: mean 0, variance 1, P(|z| < 1) = 0.6827) with tolerances of
 * about 5 standard errors for 200,000 draws, and determinism.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32, normalDeviates, shuffledIndices } from './prng.ts';

const N = 200000;

describe('mulberry32 / normalDeviates', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = mulberry32(42), b = mulberry32(42), c = mulberry32(43);
    const sa = Array.from({ length: 5 }, a), sb = Array.from({ length: 5 }, b), sc = Array.from({ length: 5 }, c);
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });
  it('uniform in [0, 1): mean 1/2, variance 1/12', () => {
    const u = mulberry32(1);
    let s = 0, s2 = 0, outside = 0;
    for (let i = 0; i < N; i++) {
      const v = u();
      if (!(v >= 0 && v < 1)) outside++;
      s += v;
      s2 += v * v;
    }
    expect(outside).toBe(0);
    const mean = s / N;
    // Standard error of the mean: sqrt(1/12 / N) = 0.00065.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0033);
    expect(Math.abs(s2 / N - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });
  it('normal: mean 0, variance 1, 68.27 % within ±1', () => {
    const z = normalDeviates(mulberry32(2));
    let s = 0, s2 = 0, within = 0;
    for (let i = 0; i < N; i++) {
      const v = z();
      s += v;
      s2 += v * v;
      if (Math.abs(v) < 1) within++;
    }
    expect(Math.abs(s / N)).toBeLessThan(0.012); // 5 × 1/sqrt(N)
    expect(Math.abs(s2 / N - 1)).toBeLessThan(0.016); // 5 × sqrt(2/N)
    expect(Math.abs(within / N - 0.6827)).toBeLessThan(0.0053); // 5 × sqrt(p(1−p)/N)
  });
});

describe('shuffledIndices', () => {
  it('is a permutation', () => {
    const p = shuffledIndices(1000, mulberry32(3));
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(p.slice(0, 10))).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
