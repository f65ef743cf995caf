import { describe, expect, it } from 'vitest';
import { UMI_EXPECTED_MODEL, UMI_LOS_MODEL, UMI_NLOS_MODEL } from './tr38901-umi.ts';

// Closed form: tolerance 0.01 dB. (The ns-3 rows of tr38901_ns3_testsuite_shipped.csv — fc 5 GHz,
// hBS 10 m — are asserted in tr38901-common.test.ts.)
const TOL_DB = 0.01;

describe('38.901 UMi street canyon, 3.7 GHz, hBs 10 m, hUt 1.5 m (hand calculations)', () => {
  // d'BP = 4·(10 − 1)·(1.5 − 1)·3.7e9/3e8 = 222 m;  20 log 3.7 = 11.364034;  21.3 log 3.7 = 12.102697

  it('d2d 150 m (below d\'BP): LOS 89.4766, NLOS 111.3433, expected 98.0377 dB', () => {
    // d3d = sqrt(150² + 8.5²) = 150.24064 m, log = 2.176787
    // LOS  = 32.4 + 21·2.176787 + 11.364034 = 32.4 + 45.712536 + 11.364034 = 89.476570 dB
    // PL'  = 35.3·2.176787 + 22.4 + 12.102697 − 0.3·0 = 76.840596 + 22.4 + 12.102697 = 111.343293 dB
    // pLOS = 18/150 + exp(−150/36)(1 − 0.12) = 0.12 + 0.015503854·0.88 = 0.133643391
    // expected: 0.133643391·10^(−8.9476570) + 0.866356609·10^(−11.1343293)
    //         = 1.507615e−10 + 6.358686e−12 = 1.571202e−10 → 98.037680 dB
    const input = { freqMHz: 3700, d2dM: 150, hBsM: 10, hUtM: 1.5 };
    const los = UMI_LOS_MODEL.evaluate(input);
    expect(Math.abs(los.plDb - 89.47657)).toBeLessThanOrEqual(TOL_DB);
    expect(los.warnings).toEqual([]);
    expect(Math.abs(UMI_NLOS_MODEL.evaluate(input).plDb - 111.343293)).toBeLessThanOrEqual(TOL_DB);
    expect(Math.abs(UMI_EXPECTED_MODEL.evaluate(input).plDb - 98.03768)).toBeLessThanOrEqual(TOL_DB);
  });

  it('d2d 1 km (beyond d\'BP): LOS 119.1779, NLOS 140.4033, expected 135.1286 dB', () => {
    // d3d = sqrt(1000² + 8.5²) = 1000.03612 m, log = 3.000016
    // LOS  = 32.4 + 40·3.000016 + 11.364034 − 9.5 log(222² + 8.5²) = 32.4 + 120.000628 + 11.364034 − 9.5 log 49 356.25
    //      = 163.764662 − 9.5·4.693342 = 163.764662 − 44.586750 = 119.177912 dB
    // PL'  = 35.3·3.000016 + 22.4 + 12.102697 = 105.900554 + 34.502697 = 140.403251 dB
    // pLOS = 18/1000 + exp(−1000/36)·0.982 = 0.018 (+8.5e−13)
    // expected: 0.018·10^(−11.9177912) + 0.982·10^(−14.0403251) = 2.175111e−14 + 8.949246e−15 = 3.070035e−14
    //         → 135.128566 dB
    const input = { freqMHz: 3700, d2dM: 1000, hBsM: 10, hUtM: 1.5 };
    expect(Math.abs(UMI_LOS_MODEL.evaluate(input).plDb - 119.177912)).toBeLessThanOrEqual(TOL_DB);
    expect(Math.abs(UMI_NLOS_MODEL.evaluate(input).plDb - 140.403251)).toBeLessThanOrEqual(TOL_DB);
    expect(Math.abs(UMI_EXPECTED_MODEL.evaluate(input).plDb - 135.128566)).toBeLessThanOrEqual(TOL_DB);
  });
});

describe('38.901 UMi ranges and edge cases', () => {
  it('warns outside 0.5–100 GHz, 10 m–5 km, hUt 1.5–22.5 m; hBs never warns; no UMa hE caveat', () => {
    expect(UMI_LOS_MODEL.evaluate({ freqMHz: 120000, d2dM: 5, hBsM: 6, hUtM: 25 }).warnings).toEqual([
      'freqMHz=120000 outside validity range 500–100000 MHz',
      'd2dM=5 outside validity range 10–5000 m',
      'hUtM=25 outside validity range 1.5–22.5 m',
    ]);
    expect(UMI_NLOS_MODEL.evaluate({ freqMHz: 3700, d2dM: 300, hBsM: 25, hUtM: 20 }).warnings).toEqual([]);
  });

  it('d2d = 0: d3d = 8.5 m, finite; expected = LOS (pLOS = 1)', () => {
    // 3.7 GHz: PL1(8.5 m) = 32.4 + 21 log 8.5 + 11.364034 = 32.4 + 19.517797 + 11.364034 = 63.281831 dB
    const r = UMI_EXPECTED_MODEL.evaluate({ freqMHz: 3700, d2dM: 0, hBsM: 10, hUtM: 1.5 });
    expect(Math.abs(r.plDb - 63.281831)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual(['d2dM=0 outside validity range 10–5000 m']);
  });
});
