import { describe, expect, it } from 'vitest';
import {
  HATA_OPEN_MODEL,
  HATA_SUBURBAN_MODEL,
  HATA_URBAN_LARGE_MODEL,
  HATA_URBAN_SMALL_MODEL,
  hataLargeCityAHutDb,
  hataSmallCityAHutDb,
} from './okumura-hata.ts';

// Closed form: tolerance 0.01 dB.
const TOL_DB = 0.01;

// Worked example used below: f = 900 MHz, hBs = 30 m, hUt = 1.5 m, d = 1 km (log d = 0).
//   log f = 2.954243;  26.16 log f = 77.282984
//   log hBs = 1.477121; 13.82 log hBs = 20.413816
//   small/medium-city a(1.5) = (1.1·2.954243 − 0.7)·1.5 − (1.56·2.954243 − 0.8)
//                            = 2.549667·1.5 − 3.808618 = 3.824500 − 3.808618 = 0.015882 dB
//   PLurban = 69.55 + 77.282984 − 20.413816 − 0.015882 + 0 = 126.403286 dB   (textbook ≈ 126.4 dB)
const EXAMPLE = { freqMHz: 900, d2dM: 1000, hBsM: 30, hUtM: 1.5 };

describe('Okumura–Hata', () => {
  it('a(hUt), small/medium city, 900 MHz, 1.5 m = 0.015882 dB', () => {
    expect(Math.abs(hataSmallCityAHutDb(900, 1.5) - 0.015882)).toBeLessThanOrEqual(1e-5);
  });

  it('urban small/medium city, 900 MHz, 30 m, 1.5 m, 1 km → 126.4033 dB (worked example above)', () => {
    const r = HATA_URBAN_SMALL_MODEL.evaluate(EXAMPLE);
    expect(Math.abs(r.plDb - 126.403286)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual([]);
  });

  it('urban small/medium city at 10 km: + (44.9 − 6.55 log 30) = +35.224856 dB → 161.6281 dB', () => {
    // 44.9 − 6.55·1.477121 = 44.9 − 9.675144 = 35.224856 dB per decade; log 10 = 1
    expect(Math.abs(HATA_URBAN_SMALL_MODEL.pathLossDb(900, 10000, 30, 1.5) - 161.628142)).toBeLessThanOrEqual(TOL_DB);
  });

  it('urban large city, 900 MHz (f ≥ 400 MHz form) → 126.4201 dB', () => {
    // a = 3.2 (log(11.75·1.5))² − 4.97 = 3.2 (log 17.625)² − 4.97 = 3.2·1.246129² − 4.97
    //   = 3.2·1.552838 − 4.97 = 4.969081 − 4.97 = −0.000919 dB
    // PL = 69.55 + 77.282984 − 20.413816 + 0.000919 = 126.420087 dB
    expect(Math.abs(hataLargeCityAHutDb(900, 1.5) - -0.000919)).toBeLessThanOrEqual(1e-5);
    const r = HATA_URBAN_LARGE_MODEL.evaluate(EXAMPLE);
    expect(Math.abs(r.plDb - 126.420087)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual([]);
  });

  it('urban large city, 150 MHz (f ≤ 200 MHz form), hBs 50 m, hUt 3 m, 5 km → 124.0401 dB', () => {
    // log 150 = 2.176091; 26.16 log f = 56.926547
    // log 50 = 1.698970;  13.82 log hBs = 23.479765;  44.9 − 6.55·1.698970 = 33.771746
    // a = 8.29 (log(1.54·3))² − 1.1 = 8.29 (log 4.62)² − 1.1 = 8.29·0.664642² − 1.1 = 3.662099 − 1.1 = 2.562099 dB
    // log 5 = 0.698970 → 33.771746·0.698970 = 23.605438
    // PL = 69.55 + 56.926547 − 23.479765 − 2.562099 + 23.605438 = 124.040121 dB
    const r = HATA_URBAN_LARGE_MODEL.evaluate({ freqMHz: 150, d2dM: 5000, hBsM: 50, hUtM: 3 });
    expect(Math.abs(r.plDb - 124.040121)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual([]);
  });

  it('large city 200–400 MHz: f ≤ 200 form up to 300 MHz, f ≥ 400 form above, warned', () => {
    // hUt = 5 m: f ≤ 200 form 8.29 (log 7.7)² − 1.1 = 8.29·0.886491² − 1.1 = 5.414828 dB
    //            f ≥ 400 form 3.2 (log 58.75)² − 4.97 = 3.2·1.769008² − 4.97 = 5.044044 dB
    expect(Math.abs(hataLargeCityAHutDb(300, 5) - 5.414828)).toBeLessThanOrEqual(1e-5);
    expect(Math.abs(hataLargeCityAHutDb(300.001, 5) - 5.044044)).toBeLessThanOrEqual(1e-5);
    const low = HATA_URBAN_LARGE_MODEL.evaluate({ freqMHz: 250, d2dM: 2000, hBsM: 40, hUtM: 5 });
    expect(low.warnings).toEqual(['freqMHz=250 between 200 and 400 MHz, where Hata gives no large-city a(hUt): the f ≤ 200 MHz form is used (split at 300 MHz)']);
    const high = HATA_URBAN_LARGE_MODEL.evaluate({ freqMHz: 350, d2dM: 2000, hBsM: 40, hUtM: 5 });
    expect(high.warnings).toEqual(['freqMHz=350 between 200 and 400 MHz, where Hata gives no large-city a(hUt): the f ≥ 400 MHz form is used (split at 300 MHz)']);
    expect(HATA_URBAN_LARGE_MODEL.evaluate({ freqMHz: 200, d2dM: 2000, hBsM: 40, hUtM: 5 }).warnings).toEqual([]);
    expect(HATA_URBAN_LARGE_MODEL.evaluate({ freqMHz: 400, d2dM: 2000, hBsM: 40, hUtM: 5 }).warnings).toEqual([]);
  });

  it('suburban → 116.4607 dB', () => {
    // log(900/28) = log 32.142857 = 1.507084;  2·1.507084² = 4.542607
    // PL = 126.403286 − 4.542607 − 5.4 = 116.460679 dB
    expect(Math.abs(HATA_SUBURBAN_MODEL.pathLossDb(900, 1000, 30, 1.5) - 116.460679)).toBeLessThanOrEqual(TOL_DB);
  });

  it('open / rural → 97.8969 dB', () => {
    // 4.78 (log f)² = 4.78·2.954243² = 41.717683;  18.33 log f = 54.151265
    // PL = 126.403286 − 41.717683 + 54.151265 − 40.94 = 97.896868 dB
    expect(Math.abs(HATA_OPEN_MODEL.pathLossDb(900, 1000, 30, 1.5) - 97.896868)).toBeLessThanOrEqual(TOL_DB);
  });

  it('warns outside 150–1500 MHz, hBs 30–200 m, hUt 1–10 m, d 1–20 km', () => {
    const r = HATA_URBAN_SMALL_MODEL.evaluate({ freqMHz: 1800, d2dM: 500, hBsM: 25, hUtM: 12 });
    expect(r.warnings).toEqual([
      'freqMHz=1800 outside validity range 150–1500 MHz',
      'hBsM=25 outside validity range 30–200 m',
      'hUtM=12 outside validity range 1–10 m',
      'd2dM=500 outside validity range 1000–20000 m',
    ]);
    expect(Number.isFinite(r.plDb)).toBe(true);
    expect(HATA_URBAN_SMALL_MODEL.evaluate({ freqMHz: 900, d2dM: 25000, hBsM: 30, hUtM: 1.5 }).warnings).toEqual(['d2dM=25000 outside validity range 1000–20000 m']);
  });

  it('d2d = 0: evaluated at 1 m (finite), warned', () => {
    // d = 0.001 km: log d = −3 → PL = 126.403286 − 3·35.224856 = 20.728718 dB
    const r = HATA_URBAN_SMALL_MODEL.evaluate({ ...EXAMPLE, d2dM: 0 });
    expect(Math.abs(r.plDb - 20.728718)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual(['d2dM=0 outside validity range 1000–20000 m', 'd2dM=0 below 1 m: evaluated at 1 m']);
  });

  it('zero heights: finite, evaluated at 1 m where a logarithm needs it, warned', () => {
    const r = HATA_URBAN_LARGE_MODEL.evaluate({ freqMHz: 900, d2dM: 2000, hBsM: 0, hUtM: 0 });
    expect(Number.isFinite(r.plDb)).toBe(true);
    expect(r.plDb).toBe(HATA_URBAN_LARGE_MODEL.pathLossDb(900, 2000, 1, 1));
    expect(r.warnings).toContain('hBsM=0 below 1 m: evaluated at 1 m');
    expect(r.warnings).toContain('hUtM=0 below 1 m: evaluated at 1 m');
  });
});
