import { describe, expect, it } from 'vitest';
import { UMA_EXPECTED_MODEL, UMA_LOS_MODEL, UMA_NLOS_MODEL } from './tr38901-uma.ts';

// Closed form: tolerance 0.01 dB. (The ns-3 rows of tr38901_ns3_testsuite_shipped.csv — fc 5 GHz,
// hBS 25 m — are asserted in tr38901-common.test.ts.)
const TOL_DB = 0.01;

describe('38.901 UMa, 3.5 GHz, hBs 30 m (non-nominal, no warning), hUt 1.5 m (hand calculations)', () => {
  // d'BP = 4·(30 − 1)·(1.5 − 1)·3.5e9/3e8 = 4·29·0.5·11.6667 = 676.667 m;  20 log 3.5 = 10.881361

  it('d2d 500 m (below d\'BP): LOS 98.2742, NLOS 129.9246, expected 112.5918 dB', () => {
    // d3d = sqrt(500² + 28.5²) = 500.81159 m, log d3d = 2.699674
    // LOS  = PL1 = 28.0 + 22·2.699674 + 10.881361 = 28.0 + 59.392836 + 10.881361 = 98.274197 dB
    // PL'  = 13.54 + 39.08·2.699674 + 10.881361 − 0.6·(1.5 − 1.5) = 13.54 + 105.503274 + 10.881361 = 129.924635 dB
    // NLOS = max(98.274197, 129.924635) = 129.924635 dB
    // pLOS = 18/500 + exp(−500/63)(1 − 18/500) = 0.036 + 0.000357453·0.964 = 0.036344584
    // expected: 0.036344584·10^(−9.8274197) + 0.963655416·10^(−12.9924635)
    //         = 5.407792e−12 + 9.805240e−14 = 5.505845e−12 → −10 log = 112.591760 dB
    const input = { freqMHz: 3500, d2dM: 500, hBsM: 30, hUtM: 1.5 };
    const los = UMA_LOS_MODEL.evaluate(input);
    expect(Math.abs(los.plDb - 98.274197)).toBeLessThanOrEqual(TOL_DB);
    expect(los.warnings).toEqual([]);
    expect(Math.abs(UMA_NLOS_MODEL.evaluate(input).plDb - 129.924635)).toBeLessThanOrEqual(TOL_DB);
    expect(Math.abs(UMA_EXPECTED_MODEL.evaluate(input).plDb - 112.59176)).toBeLessThanOrEqual(TOL_DB);
  });

  it('d2d 2 km (beyond d\'BP): LOS 119.9707, NLOS 153.4273, expected 140.2177 dB', () => {
    // d3d = sqrt(2000² + 28.5²) = 2000.20305 m, log d3d = 3.301074
    // LOS  = PL2 = 28.0 + 40·3.301074 + 10.881361 − 9 log(676.667² + 28.5²)
    //            = 28.0 + 132.042963 + 10.881361 − 9 log 458 690.03 = 28.0 + 132.042963 + 10.881361 − 9·5.661519
    //            = 170.924324 − 50.953674 = 119.970650 dB
    // PL'  = 13.54 + 39.08·3.301074 + 10.881361 = 13.54 + 129.005975 + 10.881361 = 153.427336 dB
    // pLOS = 18/2000 + exp(−31.75)·0.991 = 0.009 (+1.6e−14)
    // expected: 0.009·10^(−11.9970650) + 0.991·10^(−15.3427336) = 9.061027e−15 + 4.501322e−16 = 9.511160e−15
    //         → 140.217665 dB
    const input = { freqMHz: 3500, d2dM: 2000, hBsM: 30, hUtM: 1.5 };
    expect(Math.abs(UMA_LOS_MODEL.evaluate(input).plDb - 119.97065)).toBeLessThanOrEqual(TOL_DB);
    expect(Math.abs(UMA_NLOS_MODEL.evaluate(input).plDb - 153.427336)).toBeLessThanOrEqual(TOL_DB);
    expect(Math.abs(UMA_EXPECTED_MODEL.evaluate(input).plDb - 140.217665)).toBeLessThanOrEqual(TOL_DB);
  });
});

describe('38.901 UMa, hUt 20 m (C\' > 0; hE random in the standard)', () => {
  it('3.5 GHz, hBs 25 m, d2d 300 m: LOS 93.3794, NLOS 110.1296, expected 99.1324 dB, with the hE warning', () => {
    // d'BP = 4·24·19·3.5e9/3e8 = 21 280 m → PL1;  d3d = sqrt(300² + 5²) = 300.04166 m, log = 2.477182
    // LOS  = 28.0 + 22·2.477182 + 10.881361 = 28.0 + 54.497994 + 10.881361 = 93.379355 dB
    // PL'  = 13.54 + 39.08·2.477182 + 10.881361 − 0.6·(20 − 1.5) = 13.54 + 96.808256 + 10.881361 − 11.1 = 110.129616 dB
    // pLOS = [18/300 + exp(−300/63)(1 − 0.06)]·[1 + C'·1.25·(3)³·exp(−2)]
    //      = [0.06 + 0.008549309·0.94]·[1 + 0.7^1.5·33.75·0.135335]
    //      = 0.068036351·[1 + 0.585662·4.567566] = 0.068036351·3.675050 = 0.250037
    // expected: 0.250037·10^(−9.3379355) + 0.749963·10^(−11.0129616) = 1.148335e−10 + 7.279109e−12 = 1.221126e−10
    //         → 99.132394 dB
    const input = { freqMHz: 3500, d2dM: 300, hBsM: 25, hUtM: 20 };
    const los = UMA_LOS_MODEL.evaluate(input);
    expect(Math.abs(los.plDb - 93.379355)).toBeLessThanOrEqual(TOL_DB);
    expect(los.warnings).toEqual(['hUtM=20 ≥ 13 m: 38.901 draws the UMa breakpoint height hE at random here; the deterministic hE = 1 m is used']);
    expect(Math.abs(UMA_NLOS_MODEL.evaluate(input).plDb - 110.129616)).toBeLessThanOrEqual(TOL_DB);
    expect(Math.abs(UMA_EXPECTED_MODEL.evaluate(input).plDb - 99.132394)).toBeLessThanOrEqual(TOL_DB);
  });
});

describe('38.901 UMa ranges and edge cases', () => {
  it('warns outside 0.5–100 GHz, 10 m–5 km, hUt 1.5–22.5 m; hBs never warns (spec §2)', () => {
    expect(UMA_LOS_MODEL.evaluate({ freqMHz: 450, d2dM: 6000, hBsM: 45, hUtM: 1 }).warnings).toEqual([
      'freqMHz=450 outside validity range 500–100000 MHz',
      'd2dM=6000 outside validity range 10–5000 m',
      'hUtM=1 outside validity range 1.5–22.5 m',
      "hBsM=45, hUtM=1: an effective antenna height h − hE (hE = 1 m) is ≤ 0, so there is no breakpoint (d'BP = 0, PL2 at every distance)",
    ]);
    for (const hBsM of [10, 25, 45, 60]) {
      expect(UMA_NLOS_MODEL.evaluate({ freqMHz: 1800, d2dM: 1000, hBsM, hUtM: 1.5 }).warnings).toEqual([]);
    }
  });

  it('d2d = 0 under a 25 m mast: d3d = 23.5 m, finite, range warning only', () => {
    // d'BP = 800 m at 5 GHz → PL1(23.5 m) = 28.0 + 22 log 23.5 + 20 log 5 = 28.0 + 30.163493 + 13.979400 = 72.142893 dB
    const r = UMA_LOS_MODEL.evaluate({ freqMHz: 5000, d2dM: 0, hBsM: 25, hUtM: 1.5 });
    expect(Math.abs(r.plDb - 72.142893)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual(['d2dM=0 outside validity range 10–5000 m']);
    // LOS probability is 1 at d2d ≤ 18 m: expected = LOS.
    expect(UMA_EXPECTED_MODEL.pathLossDb(5000, 0, 25, 1.5)).toBe(r.plDb);
  });

  it('hUt ≤ hE: no breakpoint, PL2 at every distance', () => {
    // 3.5 GHz, hBs 25 m, hUt 1 m, d2d 100 m: d'BP = 0; d3d = sqrt(100² + 24²) = 102.83968 m
    // PL2 = 28.0 + 40 log 102.83968 + 10.881361 − 9 log(0 + 24²) = 28.0 + 80.486429 + 10.881361 − 24.843802 = 94.523988 dB
    expect(Math.abs(UMA_LOS_MODEL.pathLossDb(3500, 100, 25, 1) - 94.523988)).toBeLessThanOrEqual(TOL_DB);
  });
});
