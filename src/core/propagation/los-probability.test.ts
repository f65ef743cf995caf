import { describe, expect, it } from 'vitest';
import { evaluateLosProbability, losProbability, type LosScenario } from './los-probability.ts';
import { InputError } from '../validity.ts';

// Closed forms: hand values to 1e−6 (probabilities, not dB).
const TOL = 1e-6;

describe('38.901 Table 7.4.2-1 LOS probability, RMa (hand calculations)', () => {
  it.each([
    [0, 1], // d2d ≤ 10 m → 1
    [10, 1],
    [510, 0.60653066], // exp(−500/1000) = exp(−0.5)
    [1010, 0.36787944], // exp(−1)
    [5010, 0.00673795], // exp(−5)
  ])('d2d %d m → %f', (d2dM, p) => {
    expect(Math.abs(losProbability('rma', d2dM, 1.5) - p)).toBeLessThanOrEqual(TOL);
    // RMa does not depend on hUt.
    expect(losProbability('rma', d2dM, 8)).toBe(losProbability('rma', d2dM, 1.5));
  });
});

describe('LOS probability, UMi street canyon (hand calculations)', () => {
  it.each([
    [18, 1], // d2d ≤ 18 m → 1
    [36, 0.68393972], // 18/36 + exp(−1)(1 − 0.5) = 0.5 + 0.36787944·0.5
    [100, 0.23098475], // 0.18 + exp(−2.777778)·0.82 = 0.18 + 0.06217652·0.82 = 0.18 + 0.05098475
    [1000, 0.018], // 0.018 + exp(−27.78)·0.982 = 0.018 + 8.5e−13
  ])('d2d %d m → %f', (d2dM, p) => {
    expect(Math.abs(losProbability('umi', d2dM, 1.5) - p)).toBeLessThanOrEqual(TOL);
  });
});

describe('LOS probability, UMa (hand calculations)', () => {
  it.each([
    [10, 1.5, 1], // d2d ≤ 18 m → 1
    [63, 1.5, 0.54848532], // 18/63 + exp(−1)(1 − 18/63) = 0.28571429 + 0.36787944·0.71428571 = 0.28571429 + 0.26277103
    [150, 1.5, 0.20136698], // 0.12 + exp(−150/63)·0.88 = 0.12 + 0.09246248·0.88
    [150, 13, 0.20136698], // C'(13) = 0: same as hUt 1.5
    // hUt 23 m: C' = 1; d2d 63 m: 1 + 1.25·0.63³·exp(−0.42) = 1 + 1.25·0.250047·0.65704682 = 1.20536573
    [63, 23, 0.6611254], // 0.54848532·1.20536573
    // hUt 18 m: C' = 0.5^1.5 = 0.35355339; d2d 100 m: first factor 0.18 + exp(−100/63)·0.82 = 0.18 + 0.20447663·0.82 = 0.34767084
    //   second factor 1 + 0.35355339·1.25·1·exp(−2/3) = 1 + 0.35355339·1.25·0.51341712 = 1.22690045
    [100, 18, 0.42655751], // 0.34767084·1.22690045
    // hUt 23 m, d2d 1 km: first 0.018 + exp(−15.873)·0.982 = 0.01800013; second 1 + 1.25·1000·exp(−6.6667) = 1 + 1.25·1000·0.00127263 = 2.59079225
    [1000, 23, 0.04663459],
  ])('d2d %d m, hUt %d m → %f', (d2dM, hUtM, p) => {
    expect(Math.abs(losProbability('uma', d2dM, hUtM) - p)).toBeLessThanOrEqual(TOL);
  });

  it('hUt > 13 m just beyond 18 m: the table gives > 1; clipped to 1 with a warning', () => {
    // d2d 18.5 m, hUt 23 m: first factor 18/18.5 + exp(−18.5/63)(1 − 18/18.5) = 0.97297297 + 0.74553679·0.02702703 = 0.99312262
    //   second factor 1 + 1.25·0.185³·exp(−18.5/150) = 1 + 1.25·0.00633163·0.88396896 = 1.00699620
    //   product 0.99312262·1.00699620 = 1.00007070 > 1
    const r = evaluateLosProbability('uma', { d2dM: 18.5, hUtM: 23 });
    expect(r.pLos).toBe(1);
    expect(r.warnings).toEqual(['UMa LOS probability formula gives 1.00007 > 1 at d2dM=18.5, hUtM=23: clipped to 1']);
    // d2d 20 m: first 0.9 + exp(−20/63)·0.1 = 0.97279956; second 1 + 1.25·0.008·exp(−2/15) = 1.00875173 → 0.98131324 ≤ 1
    const r20 = evaluateLosProbability('uma', { d2dM: 20, hUtM: 23 });
    expect(Math.abs(r20.pLos - 0.98131324)).toBeLessThanOrEqual(TOL);
    expect(r20.warnings).toEqual([]);
  });
});

describe('evaluateLosProbability: validation and warnings', () => {
  it('UMa hUt > 23 m warns (C\' extrapolated)', () => {
    expect(evaluateLosProbability('uma', { d2dM: 200, hUtM: 30 }).warnings).toEqual(['hUtM=30 outside validity range 0–23 m']);
    expect(evaluateLosProbability('uma', { d2dM: 200, hUtM: 23 }).warnings).toEqual([]);
  });

  it('distances beyond the scenario range warn; short distances do not (p = 1 is defined there)', () => {
    expect(evaluateLosProbability('rma', { d2dM: 12000, hUtM: 1.5 }).warnings).toEqual(['d2dM=12000 outside validity range 0–10000 m']);
    expect(evaluateLosProbability('umi', { d2dM: 6000, hUtM: 1.5 }).warnings).toEqual(['d2dM=6000 outside validity range 0–5000 m']);
    expect(evaluateLosProbability('uma', { d2dM: 0, hUtM: 1.5 })).toEqual({ pLos: 1, warnings: [] });
  });

  it('hBs: RMa range 10–150 m; nominal UMa / UMi heights do not warn', () => {
    expect(evaluateLosProbability('rma', { d2dM: 100, hUtM: 1.5, hBsM: 200 }).warnings).toEqual(['hBsM=200 outside validity range 10–150 m']);
    expect(evaluateLosProbability('uma', { d2dM: 100, hUtM: 1.5, hBsM: 45 }).warnings).toEqual([]);
    expect(evaluateLosProbability('umi', { d2dM: 100, hUtM: 1.5, hBsM: 3 }).warnings).toEqual([]);
  });

  it('same value as losProbability', () => {
    for (const s of ['rma', 'uma', 'umi'] as const) {
      expect(evaluateLosProbability(s, { d2dM: 250, hUtM: 17 }).pLos).toBe(losProbability(s, 250, 17));
    }
  });

  it.each([
    ['d2dM', 'uma', { d2dM: -1, hUtM: 1.5 }],
    ['hUtM', 'rma', { d2dM: 10, hUtM: Number.NaN }],
    ['hBsM', 'umi', { d2dM: 10, hUtM: 1.5, hBsM: -3 }],
    ['scenario', 'inh', { d2dM: 10, hUtM: 1.5 }],
  ])('InputError naming %s', (field, scenario, input) => {
    let caught: unknown;
    try {
      evaluateLosProbability(scenario as LosScenario, input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).field).toBe(field);
  });

  it('losProbability of an unknown scenario is NaN (no validation in the hot path)', () => {
    expect(losProbability('inh' as LosScenario, 10, 1.5)).toBeNaN();
  });
});
