/**
 * Pieces of ITM with published or hand-checkable values.
 *
 * Sources:
 * - Standard normal quantiles (Abramowitz & Stegun, Table 26.1): Q⁻¹(0.1) = 1.281552,
 *   Q⁻¹(0.01) = 2.326348, Q⁻¹(0.001) = 3.090232; ITM's approximation (A&S 26.2.23) is stated
 *   accurate to 4.5e-4.
 * - Hand calculations of the knife-edge curve (TN101 v2 eq. III.24), the scatter function F
 *   (Algorithm eq. 6.9) and the terrain roughness (ERL 79-ITS 67 eq. 3), written out below.
 */
import { describe, expect, it } from 'vitest';
import { fresnelKnifeEdgeDb, sigmaHM, terrainRoughnessM } from './diffraction.ts';
import { frequencyGainDb, scatterAttenuationDb } from './troposcatter.ts';
import { inverseComplementaryNormal, prepareVariability } from './variability.ts';

describe('inverseComplementaryNormal — A&S 26.2.23 within its stated 4.5e-4', () => {
  it.each([
    [0.5, 0],
    [0.1, 1.281552],
    [0.9, -1.281552],
    [0.01, 2.326348],
    [0.99, -2.326348],
    [0.001, 3.090232],
  ])('Q⁻¹(%f) ≈ %f', (q, z) => expect(Math.abs(inverseComplementaryNormal(q) - z)).toBeLessThan(4.5e-4));
});

describe('prepareVariability — mdvar substitutions (Hufford, Algorithm §5)', () => {
  const base = { climate: 5, n0: 301, freqMHz: 900, polarization: 1, epsilon: 15, sigmaSPerM: 0.005, timePct: 10, locationPct: 20, situationPct: 30 };
  it('single message (0): all deviates are the situation one', () => {
    const v = prepareVariability({ ...base, mdvar: 0 });
    expect(v.zT).toBe(v.zS);
    expect(v.zL).toBe(v.zS);
  });
  it('mobile (2): location deviate = time deviate; +10 and +20 set the flags', () => {
    const v = prepareVariability({ ...base, mdvar: 32 });
    expect(v.zL).toBe(v.zT);
    expect(v.mode).toBe(2);
    expect(v.noLocation).toBe(true);
    expect(v.noSituation).toBe(true);
  });
  it('broadcast (3): the three deviates stay apart', () => {
    const v = prepareVariability({ ...base, mdvar: 3 });
    expect(new Set([v.zT, v.zL, v.zS]).size).toBe(3);
  });
});

describe('knife edge, scatter function, roughness — by hand', () => {
  it('A(v, 0): 6.02 + 9.11 v − 1.27 v² below v = 2.4, 12.953 + 10 log10 v² above', () => {
    // v² = 1: 6.02 + 9.11 − 1.27 = 13.86; v² = 9: 12.953 + 9.542425 = 22.495425.
    expect(fresnelKnifeEdgeDb(1)).toBeCloseTo(13.86, 12);
    expect(fresnelKnifeEdgeDb(9)).toBeCloseTo(22.495425, 6);
    // At the join (v² = 5.76): 20.5688 below, 20.557225 above — a 0.012 dB step in the standard.
    expect(fresnelKnifeEdgeDb(5.759999)).toBeCloseTo(20.5688, 4);
    expect(fresnelKnifeEdgeDb(5.76)).toBeCloseTo(20.557225, 6);
  });
  it('F(θd) of the three ranges', () => {
    // 5 km: 133.4 + 0.332e-3·5000 − 10·log10(5000) = 133.4 + 1.66 − 36.989700 = 98.070300.
    expect(scatterAttenuationDb(5000)).toBeCloseTo(98.0703, 6);
    // 50 km: 104.6 + 10.6 − 2.5·4.698970 = 103.452575.
    expect(scatterAttenuationDb(50_000)).toBeCloseTo(103.452575, 6);
    // 100 km: 71.8 + 15.7 + 5·5 = 112.5.
    expect(scatterAttenuationDb(100_000)).toBeCloseTo(112.5, 9);
  });
  it('H0 at ηs = 1 and r = 1: 10·log10(1 + 25 + 24) = 16.989700 dB', () => {
    expect(frequencyGainDb(1, 1)).toBeCloseTo(16.9897, 6);
  });
  it('Δh(d) = Δh·(1 − 0.8·exp(−d/50 km)) and σh = 0.78·Δh·exp(−0.5·Δh^¼)', () => {
    // 50 km: 90·(1 − 0.8/e) = 90·(1 − 0.294304) = 90·0.7056964 = 63.512680.
    expect(terrainRoughnessM(50_000, 90)).toBeCloseTo(63.51268, 5);
    // Δh 16: 0.78·16·exp(−0.5·2) = 12.48·0.3678794 = 4.591135.
    expect(sigmaHM(16)).toBeCloseTo(4.591135, 5);
  });
});
