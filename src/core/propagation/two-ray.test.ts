import { describe, expect, it } from 'vitest';
import { TWO_RAY_MODEL, planeEarthLossDb, twoRayCrossoverDistanceM } from './two-ray.ts';
import { FSPL_MODEL } from './fspl.ts';

// Closed form: tolerance 0.01 dB.
const TOL_DB = 0.01;

describe('two-ray ground reflection, crossover form (two-ray)', () => {
  // 900 MHz, hBs 30 m, hUt 1.5 m throughout (hBs·hUt = 45 m²).

  it('crossover distance: 1698.07 m where free space meets plane earth (hand calculation)', () => {
    // FSPL = plane earth: 32.45 + 20 log f + 20 log d − 60 = 40 log d − 20 log(hBs·hUt)
    //   → 20 log dc = 32.45 − 60 + 20 log(f·hBs·hUt)
    //   → dc = 10^(−27.55/20) · 900 · 45 = 0.04192760 · 40 500 = 1698.068 m
    // (4π·hBs·hUt/λ with c = 3e8 m/s would give 4π · 45 · 3 = 1696.460 m.)
    expect(twoRayCrossoverDistanceM(900, 30, 1.5)).toBeCloseTo(1698.068, 2);
  });

  it('continuous at the crossover: both branches give 96.1340 dB at d3d = dc', () => {
    // FSPL(dc) = 32.45 + 59.08485 + 20 log 1.698068 = 32.45 + 59.08485 + 4.59910 = 96.13395 dB
    // plane earth(dc) = 40 log 1698.068 − 20 log 30 − 20 log 1.5
    //                 = 129.19820 − 29.54243 − 3.52183 = 96.13395 dB
    // d2d that puts d3d on dc: sqrt(1698.068² − 28.5²) = 1697.829 m.
    const dcM = 1698.068;
    const d2dAtDc = Math.sqrt(dcM * dcM - 28.5 * 28.5);
    expect(Math.abs(TWO_RAY_MODEL.pathLossDb(900, d2dAtDc, 30, 1.5) - 96.13395)).toBeLessThanOrEqual(TOL_DB);
    expect(Math.abs(planeEarthLossDb(dcM, 30, 1.5) - 96.13395)).toBeLessThanOrEqual(TOL_DB);
    // No step across dc: 1 mm either side differs by at most 40 log(1.000001) ≈ 2e-5 dB.
    const below = TWO_RAY_MODEL.pathLossDb(900, d2dAtDc - 0.001, 30, 1.5);
    const above = TWO_RAY_MODEL.pathLossDb(900, d2dAtDc + 0.001, 30, 1.5);
    expect(above).toBeGreaterThanOrEqual(below);
    expect(above - below).toBeLessThan(1e-4);
  });

  it('with λ from c = 3e8 m/s the branches would be 0.0082 dB apart at dc (why dc comes from 32.45)', () => {
    // dc' = 1696.460 m: FSPL = 32.45 + 59.08485 + 20 log 1.696460 = 96.12572 dB
    //                   plane earth = 40 log 1696.460 − 33.06425 = 96.11750 dB → gap 0.00823 dB
    // Our model is the larger branch at every distance, so at dc' it is free space.
    const d2d = Math.sqrt(1696.46 * 1696.46 - 28.5 * 28.5);
    expect(Math.abs(TWO_RAY_MODEL.pathLossDb(900, d2d, 30, 1.5) - 96.12572)).toBeLessThanOrEqual(TOL_DB);
    expect(Math.abs(planeEarthLossDb(1696.46, 30, 1.5) - 96.1175)).toBeLessThanOrEqual(TOL_DB);
  });

  it('10 km: plane earth, 126.9358 dB (hand calculation)', () => {
    // d3d = sqrt(10 000² + 28.5²) = 10 000.0406 m
    // 40 log 10 000.0406 = 160.00007;  20 log 30 = 29.54243;  20 log 1.5 = 3.52183
    // PL = 160.00007 − 29.54243 − 3.52183 = 126.93582 dB  (free space would be 111.53 dB)
    const r = TWO_RAY_MODEL.evaluate({ freqMHz: 900, d2dM: 10000, hBsM: 30, hUtM: 1.5 });
    expect(Math.abs(r.plDb - 126.93582)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual([]);
  });

  it('500 m (inside dc): free space, 85.5283 dB (hand calculation)', () => {
    // d3d = sqrt(500² + 28.5²) = 500.81159 m
    // FSPL = 32.45 + 59.08485 + 20 log 0.50081159 = 32.45 + 59.08485 − 6.00651 = 85.52834 dB
    // (plane earth would be 40 log 500.81159 − 33.06425 = 74.92 dB)
    expect(Math.abs(TWO_RAY_MODEL.pathLossDb(900, 500, 30, 1.5) - 85.52834)).toBeLessThanOrEqual(TOL_DB);
    expect(TWO_RAY_MODEL.pathLossDb(900, 500, 30, 1.5)).toBe(FSPL_MODEL.pathLossDb(900, 500, 30, 1.5));
  });

  it('40 dB per decade beyond dc', () => {
    // Both beyond dc = 1698 m: 40 log(d3d(100 km)/d3d(10 km)) = 40 log(100 000.00406/10 000.04061) = 39.99993 dB
    expect(Math.abs(TWO_RAY_MODEL.pathLossDb(900, 100000, 30, 1.5) - TWO_RAY_MODEL.pathLossDb(900, 10000, 30, 1.5) - 39.99993)).toBeLessThanOrEqual(TOL_DB);
  });

  it('zero heights and d2d = 0: finite, evaluated at 1 m, warned', () => {
    // hBs = hUt = 0 → 1 m in plane earth; d3d = 0 → 1 m.
    // free space(1 m) = 32.45 + 59.08485 − 60 = 31.53485 dB; plane earth(1 m) = 0 dB → 31.53485 dB
    const r = TWO_RAY_MODEL.evaluate({ freqMHz: 900, d2dM: 0, hBsM: 0, hUtM: 0 });
    expect(Math.abs(r.plDb - 31.53485)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual(['d3dM=0 below 1 m: evaluated at 1 m', 'hBsM=0 below 1 m: evaluated at 1 m', 'hUtM=0 below 1 m: evaluated at 1 m']);
  });
});
