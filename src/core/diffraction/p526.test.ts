import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fresnelNu, knifeEdgeLossDb } from './p526.ts';
import { InputError } from '../validity.ts';

// Tolerance 0.01 dB (closed form). Hand calculations: J(ν) = 6.9 + 20 log10(sqrt(x² + 1) + x),
// x = ν − 0.1 (P.526-15 §4.1 eq. 31), for ν > −0.78; 0 otherwise.
describe('knifeEdgeLossDb — P.526 eq. (31)', () => {
  it('ν = 0 (grazing edge): 6.03 dB, the ≈6 dB of P.526 Figure 9', () => {
    // x = −0.1; x² + 1 = 1.01; sqrt = 1.0049876; + x = 0.9049876; log10 = −0.0433574;
    // × 20 = −0.867148; + 6.9 = 6.032852 dB.
    expect(knifeEdgeLossDb(0)).toBeCloseTo(6.032852, 2);
  });
  it('ν = 1: 13.93 dB', () => {
    // x = 0.9; x² + 1 = 1.81; sqrt = 1.3453624; + x = 2.2453624; log10 = 0.3512864;
    // × 20 = 7.025729; + 6.9 = 13.925729 dB.
    expect(knifeEdgeLossDb(1)).toBeCloseTo(13.925729, 2);
  });
  it('ν = 2: 19.04 dB', () => {
    // x = 1.9; x² + 1 = 4.61; sqrt = 2.1470911; + x = 4.0470911; log10 = 0.6071430;
    // × 20 = 12.142860; + 6.9 = 19.042860 dB.
    expect(knifeEdgeLossDb(2)).toBeCloseTo(19.04286, 2);
  });
  it('ν = −0.5 (edge below the ray, inside the first Fresnel zone): 1.96 dB', () => {
    // x = −0.6; x² + 1 = 1.36; sqrt = 1.1661904; + x = 0.5661904; log10 = −0.2470375;
    // × 20 = −4.940750; + 6.9 = 1.959250 dB.
    expect(knifeEdgeLossDb(-0.5)).toBeCloseTo(1.95925, 2);
  });
  it('ν = −0.7: 0.54 dB', () => {
    // x = −0.8; x² + 1 = 1.64; sqrt = 1.2806248; + x = 0.4806248; log10 = −0.3181938;
    // × 20 = −6.363876; + 6.9 = 0.536124 dB.
    expect(knifeEdgeLossDb(-0.7)).toBeCloseTo(0.536124, 2);
  });
  it('ν ≤ −0.78 gives 0; just above −0.78 the formula gives 0.004 dB', () => {
    expect(knifeEdgeLossDb(-0.78)).toBe(0);
    expect(knifeEdgeLossDb(-1)).toBe(0);
    expect(knifeEdgeLossDb(-Infinity)).toBe(0);
    // x = −0.88; x² + 1 = 1.7744; sqrt = 1.3320661; + x = 0.4520661; log10 = −0.3447981;
    // × 20 = −6.895962; + 6.9 = 0.004038 dB.
    expect(knifeEdgeLossDb(-0.78 + 1e-12)).toBeCloseTo(0.004038, 4);
  });
  it('rejects NaN', () => {
    expect(() => knifeEdgeLossDb(NaN)).toThrow(InputError);
  });
  it('property: J(ν) is non-decreasing in ν', () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 50, noNaN: true }), fc.double({ min: -20, max: 50, noNaN: true }), (a, b) => {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        expect(knifeEdgeLossDb(hi)).toBeGreaterThanOrEqual(knifeEdgeLossDb(lo));
      }),
    );
  });
});

describe('fresnelNu — P.526 §4.1 ν = h·sqrt(2/λ·(1/d1 + 1/d2))', () => {
  it('h = 10 m midway on a 2 km path at 300 MHz: ν = 0.6327', () => {
    // λ = 299 792 458 / 300e6 = 0.9993082 m; 2/λ = 2.0013846; 1/d1 + 1/d2 = 0.002 m⁻¹;
    // product = 0.0040028; sqrt = 0.0632674; × 10 = 0.632674.
    expect(fresnelNu(10, 1000, 1000, 300)).toBeCloseTo(0.632674, 5);
  });
  it('negative h (clearance) gives negative ν: h = −5 m, d1 = 2 km, d2 = 3 km, 1800 MHz', () => {
    // λ = 0.1665514 m; 2/λ = 12.0083074; 1/2000 + 1/3000 = 0.000833333; product = 0.0100069;
    // sqrt = 0.1000346; × (−5) = −0.500173.
    expect(fresnelNu(-5, 2000, 3000, 1800)).toBeCloseTo(-0.500173, 5);
  });
  it('rejects zero or negative distances and frequency, and non-finite height', () => {
    expect(() => fresnelNu(1, 0, 100, 900)).toThrow(/d1M/);
    expect(() => fresnelNu(1, 100, -1, 900)).toThrow(/d2M/);
    expect(() => fresnelNu(1, 100, 100, 0)).toThrow(/freqMHz/);
    expect(() => fresnelNu(NaN, 100, 100, 900)).toThrow(/hM/);
  });
});
