import { describe, expect, it } from 'vitest';
import { FSPL_MODEL, MIN_LENGTH_M, floorWarning, freeSpaceLossDb } from './fspl.ts';
import { InputError } from '../validity.ts';

// Closed form: tolerance 0.01 dB.
const TOL_DB = 0.01;

describe('free space, ITU-R P.525 (fspl)', () => {
  it('900 MHz, d2d 1 km, hBs 30 m, hUt 1.5 m → 91.5384 dB (hand calculation)', () => {
    // d3d = sqrt(1000² + (30 − 1.5)²) = sqrt(1 000 000 + 812.25) = 1000.40604 m
    // 20 log 900 = 59.08485;  20 log(1.00040604 km) = 0.00353
    // PL = 32.45 + 59.08485 + 0.00353 = 91.53838 dB
    const r = FSPL_MODEL.evaluate({ freqMHz: 900, d2dM: 1000, hBsM: 30, hUtM: 1.5 });
    expect(Math.abs(r.plDb - 91.53838)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual([]);
  });

  it('2600 MHz, d2d 5 km, hBs 35 m, hUt 1.5 m → 114.7291 dB (hand calculation)', () => {
    // d3d = sqrt(5000² + 33.5²) = 5000.11222 m
    // 20 log 2600 = 68.29947;  20 log 5.00011222 = 13.97960
    // PL = 32.45 + 68.29947 + 13.97960 = 114.72906 dB
    expect(Math.abs(FSPL_MODEL.pathLossDb(2600, 5000, 35, 1.5) - 114.72906)).toBeLessThanOrEqual(TOL_DB);
  });

  it('20 dB per decade of distance (P.525: 20 log d)', () => {
    // Heights equal: d3d = d2d. 100 m → 1 km adds 20 log 10 = 20 dB exactly.
    expect(FSPL_MODEL.pathLossDb(1800, 1000, 10, 10) - FSPL_MODEL.pathLossDb(1800, 100, 10, 10)).toBeCloseTo(20, 9);
  });

  it('d2d = 0 with equal heights: d3d evaluated at 1 m, finite, with a warning', () => {
    // d3d = 0 → 1 m: PL = 32.45 + 20 log 1800 + 20 log 0.001 = 32.45 + 65.10545 − 60 = 37.55545 dB
    const r = FSPL_MODEL.evaluate({ freqMHz: 1800, d2dM: 0, hBsM: 10, hUtM: 10 });
    expect(Math.abs(r.plDb - 37.55545)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual(['d3dM=0 below 1 m: evaluated at 1 m']);
    expect(freeSpaceLossDb(1800, 0.25)).toBe(freeSpaceLossDb(1800, MIN_LENGTH_M));
  });

  it('d2d = 0 under a 30 m mast: d3d = 28.5 m, no warning', () => {
    // PL = 32.45 + 59.08485 + 20 log 0.0285 = 32.45 + 59.08485 − 30.90354 = 60.63131 dB
    const r = FSPL_MODEL.evaluate({ freqMHz: 900, d2dM: 0, hBsM: 30, hUtM: 1.5 });
    expect(Math.abs(r.plDb - 60.63131)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual([]);
  });

  it('floorWarning only below 1 m', () => {
    expect(floorWarning('hUtM', 1)).toBeNull();
    expect(floorWarning('hUtM', 0.5)).toBe('hUtM=0.5 below 1 m: evaluated at 1 m');
  });

  it.each([
    ['freqMHz', { freqMHz: 0, d2dM: 10, hBsM: 1, hUtM: 1 }],
    ['freqMHz', { freqMHz: Number.NaN, d2dM: 10, hBsM: 1, hUtM: 1 }],
    ['d2dM', { freqMHz: 900, d2dM: -1, hBsM: 1, hUtM: 1 }],
    ['hBsM', { freqMHz: 900, d2dM: 10, hBsM: Number.POSITIVE_INFINITY, hUtM: 1 }],
    ['hUtM', { freqMHz: 900, d2dM: 10, hBsM: 1, hUtM: -0.1 }],
  ])('InputError naming %s', (field, input) => {
    let caught: unknown;
    try {
      FSPL_MODEL.evaluate(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).field).toBe(field);
  });
});
