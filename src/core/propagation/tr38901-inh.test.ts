import { describe, expect, it } from 'vitest';
import { INH_LOS_MODEL, INH_NLOS_MODEL } from './tr38901-inh.ts';

// Closed form: tolerance 0.01 dB. (The ns-3 rows of tr38901_ns3_testsuite_shipped.csv — fc 5 GHz,
// d2D 1–100 m — are asserted in tr38901-common.test.ts.)
const TOL_DB = 0.01;

describe('38.901 InH-Office (hand calculation)', () => {
  it('28 GHz, hBs 3 m, hUt 1 m, d2d 20 m: LOS 83.8884, NLOS 103.2464 dB', () => {
    // d3d = sqrt(20² + 2²) = sqrt(404) = 20.09975 m, log = 1.303191
    // LOS  = 32.4 + 17.3·1.303191 + 20 log 28 = 32.4 + 22.545199 + 28.943161 = 83.888359 dB
    // PL'  = 38.3·1.303191 + 17.30 + 24.9 log 28 = 49.912203 + 17.30 + 36.034235 = 103.246438 dB
    // NLOS = max(83.888359, 103.246438) = 103.246438 dB
    const input = { freqMHz: 28000, d2dM: 20, hBsM: 3, hUtM: 1 };
    const los = INH_LOS_MODEL.evaluate(input);
    expect(Math.abs(los.plDb - 83.888359)).toBeLessThanOrEqual(TOL_DB);
    expect(los.warnings).toEqual([]);
    expect(Math.abs(INH_NLOS_MODEL.evaluate(input).plDb - 103.246438)).toBeLessThanOrEqual(TOL_DB);
  });

  it('the range 1–150 m is on d3d', () => {
    // d2d 149.99 m, Δh 2 m → d3d = 150.0033 m: outside.
    expect(INH_LOS_MODEL.evaluate({ freqMHz: 5000, d2dM: 149.99, hBsM: 3, hUtM: 1 }).warnings).toEqual(['d3dM=150.003 outside validity range 1–150 m']);
    expect(INH_LOS_MODEL.evaluate({ freqMHz: 5000, d2dM: 149, hBsM: 3, hUtM: 1 }).warnings).toEqual([]);
  });

  it('d2d = 0 with equal heights: d3d evaluated at 1 m (LOS = NLOS there at 5 GHz), warned', () => {
    // LOS(1 m) = 32.4 + 0 + 20 log 5 = 32.4 + 13.979400 = 46.379400 dB
    // PL'(1 m) = 17.30 + 24.9 log 5 = 17.30 + 17.404353 = 34.704353 dB → NLOS = 46.379400 dB
    const r = INH_NLOS_MODEL.evaluate({ freqMHz: 5000, d2dM: 0, hBsM: 1.5, hUtM: 1.5 });
    expect(Math.abs(r.plDb - 46.3794)).toBeLessThanOrEqual(TOL_DB);
    expect(r.warnings).toEqual(['d3dM=0 outside validity range 1–150 m', 'd3dM=0 below 1 m: evaluated at 1 m']);
  });
});
