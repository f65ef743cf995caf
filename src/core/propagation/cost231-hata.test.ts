import { describe, expect, it } from 'vitest';
import { COST231_METRO_MODEL, COST231_MODEL } from './cost231-hata.ts';

// Closed form: tolerance 0.01 dB.
const TOL_DB = 0.01;

describe('COST-231 Hata', () => {
  // 1800 MHz, hBs 30 m, hUt 1.5 m, 1 km (log d = 0):
  //   log f = 3.255273;  33.9 log f = 110.353738
  //   13.82 log 30 = 20.413816
  //   a(1.5) = (1.1·3.255273 − 0.7)·1.5 − (1.56·3.255273 − 0.8) = 2.880800·1.5 − 4.278225 = 0.042975 dB
  //   PL = 46.3 + 110.353738 − 20.413816 − 0.042975 + 0 + Cm = 136.196947 dB + Cm
  it('medium city (Cm = 0): 1800 MHz, 30 m, 1.5 m, 1 km → 136.1969 dB', () => {
    const r = COST231_MODEL.evaluate({ freqMHz: 1800, d2dM: 1000, hBsM: 30, hUtM: 1.5 });
    expect(Math.abs(r.plDb - 136.196947)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual([]);
  });

  it('metropolitan centre (Cm = 3 dB) → 139.1969 dB', () => {
    expect(Math.abs(COST231_METRO_MODEL.pathLossDb(1800, 1000, 30, 1.5) - 139.196947)).toBeLessThanOrEqual(TOL_DB);
  });

  it('2000 MHz, hBs 40 m, hUt 2 m, 3 km → 150.9679 dB (metro 153.9679 dB)', () => {
    // log 2000 = 3.301030; 33.9 log f = 111.904917
    // log 40 = 1.602060;   13.82 log hBs = 22.140469;  44.9 − 6.55·1.602060 = 34.406507
    // a(2) = (1.1·3.301030 − 0.7)·2 − (1.56·3.301030 − 0.8) = 2.931133·2 − 4.349607 = 1.512659 dB
    // log 3 = 0.477121 → 34.406507·0.477121 = 16.416076
    // PL = 46.3 + 111.904917 − 22.140469 − 1.512659 + 16.416076 = 150.967865 dB
    expect(Math.abs(COST231_MODEL.pathLossDb(2000, 3000, 40, 2) - 150.967865)).toBeLessThanOrEqual(TOL_DB);
    expect(Math.abs(COST231_METRO_MODEL.pathLossDb(2000, 3000, 40, 2) - 153.967865)).toBeLessThanOrEqual(TOL_DB);
    expect(COST231_MODEL.evaluate({ freqMHz: 2000, d2dM: 3000, hBsM: 40, hUtM: 2 }).warnings).toEqual([]);
  });

  it('above 2000 MHz: evaluated, and the warning says it is used beyond its range', () => {
    const r = COST231_MODEL.evaluate({ freqMHz: 2600, d2dM: 2000, hBsM: 30, hUtM: 1.5 });
    expect(Number.isFinite(r.plDb)).toBe(true);
    expect(r.warnings).toEqual([
      'freqMHz=2600 outside validity range 1500–2000 MHz: COST-231 Hata used beyond its range (common practice above 2 GHz; accuracy not established there)',
    ]);
  });

  it('below 1500 MHz: plain range warning', () => {
    expect(COST231_MODEL.evaluate({ freqMHz: 900, d2dM: 2000, hBsM: 30, hUtM: 1.5 }).warnings).toEqual(['freqMHz=900 outside validity range 1500–2000 MHz']);
  });

  it('heights and distance ranges as Hata; d2d = 0 finite with warnings', () => {
    const r = COST231_MODEL.evaluate({ freqMHz: 1800, d2dM: 0, hBsM: 20, hUtM: 0.5 });
    // d = 1 m: 46.3 + 110.353738 − 13.82·1.301030 − a(0.5) + (44.9 − 6.55·1.301030)·(−3)
    //   13.82 log 20 = 17.980235; a(0.5) = 2.880800·0.5 − 4.278225 = −2.837825; slope = 36.378254 → ·(−3) = −109.134761
    //   PL = 46.3 + 110.353738 − 17.980235 + 2.837825 − 109.134761 = 32.376568 dB
    expect(Math.abs(r.plDb - 32.376568)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual([
      'hBsM=20 outside validity range 30–200 m',
      'hUtM=0.5 outside validity range 1–10 m',
      'd2dM=0 outside validity range 1000–20000 m',
      'd2dM=0 below 1 m: evaluated at 1 m',
    ]);
  });
});
