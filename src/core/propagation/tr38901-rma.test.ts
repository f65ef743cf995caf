import { describe, expect, it } from 'vitest';
import { RMA_EXPECTED_MODEL, RMA_LOS_MODEL, RMA_NLOS_MODEL } from './tr38901-rma.ts';
import { InputError } from '../validity.ts';

// Closed form: tolerance 0.01 dB. (The ns-3 rows of tr38901_ns3_testsuite_shipped.csv are
// asserted in tr38901-common.test.ts.)
const TOL_DB = 0.01;

describe('38.901 RMa, 900 MHz, hBs 35 m, hUt 1.5 m, h 5 m, W 20 m, d2d 2 km (hand calculation)', () => {
  // dBP = 2π·35·1.5·0.9e9/3e8 = 989.60169 m  → d2d = 2000 m is beyond: PL2
  // d3d = sqrt(2000² + 33.5²) = 2000.28054 m
  // h^1.72 = 5^1.72 = 15.930463 → min(0.03·15.930463, 10) = 0.477914, min(0.044·15.930463, 14.77) = 0.700940
  // PL1(dBP) = 20 log(40π·989.60169·0.9/3) + 0.477914·log 989.60169 − 0.700940 + 0.002·log 5·989.60169
  //          = 20 log 37307.105 + 0.477914·2.995460 − 0.700940 + 0.002·0.698970·989.60169
  //          = 91.435831 + 1.431572 − 0.700940 + 1.383404 = 93.549866 dB
  // PL2 = 93.549866 + 40 log(2000.28054/989.60169) = 93.549866 + 40 log 2.021299 = 93.549866 + 12.225219
  //     = 105.775086 dB
  const input = { freqMHz: 900, d2dM: 2000, hBsM: 35, hUtM: 1.5 };

  it('LOS → 105.7751 dB', () => {
    const r = RMA_LOS_MODEL.evaluate(input);
    expect(Math.abs(r.plDb - 105.775086)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual([]);
  });

  it('NLOS → max(LOS, PL\') = 130.2505 dB', () => {
    // PL' = 161.04 − 7.1 log 20 + 7.5 log 5 − (24.37 − 3.7·(5/35)²)·log 35
    //       + (43.42 − 3.1 log 35)(log 2000.28054 − 3) + 20 log 0.9 − (3.2 (log(11.75·1.5))² − 4.97)
    //     = 161.04 − 9.237313 + 5.242275 − 24.294490·1.544068 + 38.633389·0.301091 − 0.915150 − (−0.000919)
    //     = 161.04 − 9.237313 + 5.242275 − 37.512345 + 11.632162 − 0.915150 + 0.000919 = 130.250548 dB
    const r = RMA_NLOS_MODEL.evaluate(input);
    expect(Math.abs(r.plDb - 130.250548)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual([]);
  });

  it('expected → 114.3208 dB', () => {
    // pLOS = exp(−(2000 − 10)/1000) = exp(−1.99) = 0.136695
    // 0.136695·10^(−10.5775086) + 0.863305·10^(−13.0250548) = 3.616141e−12 + 8.149092e−14 = 3.697632e−12
    // PL = −10 log 3.697632e−12 = 114.320763 dB
    const r = RMA_EXPECTED_MODEL.evaluate(input);
    expect(Math.abs(r.plDb - 114.320763)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual([]);
  });
});

describe('38.901 RMa NLOS with h = 10 m, W = 30 m: 2.1 GHz, hBs 50 m, hUt 2 m, d2d 1.5 km (hand calculation)', () => {
  it('→ PL\' = 129.0259 dB (LOS 108.1057 dB, below the breakpoint)', () => {
    // dBP = 2π·50·2·2.1e9/3e8 = 4398.23 m > 1500 m → LOS = PL1(d3d), d3d = sqrt(1500² + 48²) = 1500.76780 m
    // h^1.72 = 10^1.72 = 52.480746 → 0.03·h^1.72 = 1.574422; 0.044·h^1.72 = 2.309153
    // PL1 = 20 log(40π·1500.76780·2.1/3) + 1.574422·log 1500.76780 − 2.309153 + 0.002·log 10·1500.76780
    //     = 102.412428 + 1.574422·3.176314 − 2.309153 + 3.001536 = 102.412428 + 5.000859 − 2.309153 + 3.001536
    //     = 108.105670 dB
    // PL' = 161.04 − 7.1 log 30 + 7.5 log 10 − (24.37 − 3.7·(10/50)²)·log 50
    //       + (43.42 − 3.1 log 50)(log 1500.76780 − 3) + 20 log 2.1 − (3.2 (log 23.5)² − 4.97)
    //     = 161.04 − 10.487561 + 7.5 − 24.222·1.698970 + 38.153193·0.176314 + 6.444386 − (3.2·1.371068² − 4.97)
    //     = 161.04 − 10.487561 + 7.5 − 41.152451 + 6.726923 + 6.444386 − 1.045447 = 129.025850 dB
    const input = { freqMHz: 2100, d2dM: 1500, hBsM: 50, hUtM: 2, hBuildingM: 10, streetWidthM: 30 };
    expect(Math.abs(RMA_LOS_MODEL.evaluate(input).plDb - 108.10567)).toBeLessThanOrEqual(TOL_DB);
    const r = RMA_NLOS_MODEL.evaluate(input);
    expect(Math.abs(r.plDb - 129.02585)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual([]);
    expect(RMA_NLOS_MODEL.pathLossDb(2100, 1500, 50, 2, 10, 30)).toBe(r.plDb);
  });
});

describe('38.901 RMa LOS at the breakpoint: the standard\'s PL1(dBP) makes a small step (hand calculation)', () => {
  it('1 GHz, hBs 150 m, hUt 1 m, h 50 m: 133.2878 dB at dBP⁻, 133.2807 dB at dBP⁺ (−0.0071 dB)', () => {
    // dBP = 2π·150·1·1e9/3e8 = 1000π = 3141.592654 m;  d3d at d2d = dBP: sqrt(3141.592654² + 149²) = 3145.124068 m
    // h^1.72 = 50^1.72 = 836.04 → min(0.03·836.04, 10) = 10, min(0.044·836.04, 14.77) = 14.77; log 50 = 1.698970
    // just below dBP: PL1(3145.124068) = 20 log(40π·3145.124068/3) + 10 log 3145.124068 − 14.77 + 0.002·1.698970·3145.124068
    //                                 = 102.394528 + 34.976378 − 14.77 + 10.686943 = 133.287849 dB
    // just above:     PL1(3141.592654) + 40 log(3145.124068/3141.592654)
    //                = (102.384770 + 34.971499 − 14.77 + 10.674943) + 0.019516 = 133.261212 + 0.019516 = 133.280728 dB
    // The step, −0.007120 dB, is the standard's formula (PL1 evaluated at d3d = dBP); see tr38901-rma.ts.
    const dBpM = 1000 * Math.PI;
    const below = RMA_LOS_MODEL.pathLossDb(1000, dBpM * (1 - 1e-12), 150, 1, 50);
    const above = RMA_LOS_MODEL.pathLossDb(1000, dBpM * (1 + 1e-12), 150, 1, 50);
    expect(Math.abs(below - 133.287849)).toBeLessThanOrEqual(TOL_DB);
    expect(Math.abs(above - 133.280728)).toBeLessThanOrEqual(TOL_DB);
    // The difference of two values of the same closed forms: to 0.0005 dB.
    expect(Math.abs(above - below - -0.00712)).toBeLessThanOrEqual(0.0005);
  });
});

describe('38.901 RMa edge cases', () => {
  it('d2d = 0: d3d = |hBs − hUt| = 33.5 m, PL1(33.5 m) = 62.1022 dB, warned; LOS probability 1 so expected = LOS', () => {
    // PL1(33.5) = 20 log(40π·33.5·0.9/3) + 0.477914·log 33.5 − 0.700940 + 0.002·0.698970·33.5
    //           = 20 log 1262.920 + 0.477914·1.525045 − 0.700940 + 0.046831
    //           = 62.027519 + 0.728840 − 0.700940 + 0.046831 = 62.102249 dB
    const input = { freqMHz: 900, d2dM: 0, hBsM: 35, hUtM: 1.5 };
    const los = RMA_LOS_MODEL.evaluate(input);
    expect(Math.abs(los.plDb - 62.102249)).toBeLessThanOrEqual(TOL_DB);
    expect(los.warnings).toEqual(['d2dM=0 outside validity range 10–10000 m']);
    const exp = RMA_EXPECTED_MODEL.evaluate(input);
    expect(exp.plDb).toBe(los.plDb);
    expect(exp.warnings).toEqual(['d2dM=0 outside validity range 10–5000 m']);
  });

  it('ranges: 0.5–30 GHz, LOS d2d ≤ 10 km, NLOS d2d ≤ 5 km, hBs 10–150 m, hUt 1–10 m, h 5–50 m, W 5–50 m (NLOS)', () => {
    const input = { freqMHz: 35000, d2dM: 7000, hBsM: 160, hUtM: 12, hBuildingM: 60, streetWidthM: 3 };
    expect(RMA_LOS_MODEL.evaluate(input).warnings).toEqual([
      'freqMHz=35000 outside validity range 500–30000 MHz',
      'hBsM=160 outside validity range 10–150 m',
      'hUtM=12 outside validity range 1–10 m',
      'hBuildingM=60 outside validity range 5–50 m',
    ]);
    expect(RMA_NLOS_MODEL.evaluate(input).warnings).toEqual([
      'freqMHz=35000 outside validity range 500–30000 MHz',
      'd2dM=7000 outside validity range 10–5000 m',
      'hBsM=160 outside validity range 10–150 m',
      'hUtM=12 outside validity range 1–10 m',
      'hBuildingM=60 outside validity range 5–50 m',
      'streetWidthM=3 outside validity range 5–50 m',
    ]);
  });

  it('defaults h = 5 m and W = 20 m when absent', () => {
    expect(RMA_NLOS_MODEL.pathLossDb(900, 2000, 35, 1.5)).toBe(RMA_NLOS_MODEL.pathLossDb(900, 2000, 35, 1.5, 5, 20));
  });

  it('zero heights: finite, lengths evaluated at 1 m, warned', () => {
    const r = RMA_NLOS_MODEL.evaluate({ freqMHz: 900, d2dM: 100, hBsM: 0, hUtM: 0, hBuildingM: 0, streetWidthM: 0 });
    expect(Number.isFinite(r.plDb)).toBe(true);
    expect(r.warnings).toContain('hBsM=0 below 1 m: evaluated at 1 m');
    expect(r.warnings).toContain('hUtM=0 below 1 m: evaluated at 1 m');
    expect(r.warnings).toContain('hBuildingM=0 below 1 m: evaluated at 1 m');
    expect(r.warnings).toContain('streetWidthM=0 below 1 m: evaluated at 1 m');
  });

  it('negative building height or street width → InputError naming the field', () => {
    expect(() => RMA_LOS_MODEL.evaluate({ freqMHz: 900, d2dM: 100, hBsM: 35, hUtM: 1.5, hBuildingM: -5 })).toThrow(InputError);
    let field = '';
    try {
      RMA_NLOS_MODEL.evaluate({ freqMHz: 900, d2dM: 100, hBsM: 35, hUtM: 1.5, streetWidthM: Number.NaN });
    } catch (e) {
      if (e instanceof InputError) field = e.field;
    }
    expect(field).toBe('streetWidthM');
  });
});
