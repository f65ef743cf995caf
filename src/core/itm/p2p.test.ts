/**
 * ITM point-to-point against NTIA's shipped check values, plus invariants and a hand
 * calculation.
 *
 * Sources:
 * - ../shared/data/validation/itm_p2p_shipped.csv and itm_pfls_shipped.csv (NTIA/itm p2p.csv
 *   and pfls.csv @ 183ad95b, see that folder's SOURCES.md): every row, loss to 1e-6 dB (the
 *   file has 6 decimals), warning mask and return code equal.
 * - Invariants: a flat sea-level profile in line of sight must give exactly area mode with
 *   Δh = 0 and random siting (the two derive the same effective heights and horizons by
 *   different routes); ITM is reciprocal (reversed profile, swapped heights: same loss, TX/RX
 *   warning bits swapped).
 * - Hand calculation written out below for a flat 10 km path (free space + variability terms).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { itmArea } from './area.ts';
import { itmWarningHex, ItmWarning } from './codes.ts';
import { itmP2p, itmProfile } from './p2p.ts';
import type { ItmParams } from './params.ts';
import { InputError } from '../validity.ts';

const VALIDATION = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'data', 'validation');
const shipped = Papa.parse<Record<string, string>>(readFileSync(join(VALIDATION, 'itm_p2p_shipped.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
const profiles = readFileSync(join(VALIDATION, 'itm_pfls_shipped.csv'), 'utf8')
  .trim()
  .split(/\r?\n/)
  .map((line) => Float64Array.from(line.split(',').map(Number)));

function paramsOf(r: Record<string, string>): ItmParams {
  return {
    climate: Number(r.climate), n0: Number(r.N_0), freqMHz: Number(r.f_MHz), polarization: Number(r.pol), epsilon: Number(r.epsilon),
    sigmaSPerM: Number(r.sigma_S_per_m), mdvar: Number(r.mdvar), timePct: Number(r.time_pct), locationPct: Number(r.location_pct), situationPct: Number(r.situation_pct),
  };
}

const AVERAGE: ItmParams = { climate: 5, n0: 301, freqMHz: 900, polarization: 1, epsilon: 15, sigmaSPerM: 0.005, mdvar: 12, timePct: 50, locationPct: 50, situationPct: 50 };

describe('itmP2p — NTIA/itm shipped p2p.csv (itm_p2p_shipped.csv)', () => {
  it('has the five shipped rows and their profiles', () => {
    expect(shipped).toHaveLength(5);
    expect(profiles).toHaveLength(5);
    // SOURCES.md: n = 3679, 78, 280, 286, 255 intervals.
    expect(profiles.map((p) => p[0])).toEqual([3679, 78, 280, 286, 255]);
  });
  it.each(shipped.map((r, k) => [k + 1, r] as const))('row %i: loss, warnings and return code', (k, r) => {
    const result = itmP2p(Number(r.h_tx_m), Number(r.h_rx_m), profiles[k - 1], paramsOf(r));
    expect(Math.abs(result.lossDb - Number(r.A_dB))).toBeLessThanOrEqual(1e-6);
    expect(itmWarningHex(result.warnings)).toBe(r.warnings_hex);
    expect(result.code).toBe(Number(r.return_code));
    expect([1, 2, 3]).toContain(result.mode);
  });
});

describe('itmP2p — invariants', () => {
  it.each([
    [10_000, 30, 10, 900],
    [5_000, 10, 2, 1800],
    [2_000, 20, 1.5, 3500],
    [30_000, 50, 10, 700],
  ])('flat sea-level profile of %i m (hTx %i m, hRx %i m, %i MHz) in line of sight = area mode, Δh 0, random siting', (dM, hTx, hRx, f) => {
    const p = { ...AVERAGE, freqMHz: f };
    const flat = itmP2p(hTx, hRx, itmProfile(100, new Float64Array(dM / 100 + 1)), p);
    const area = itmArea(hTx, hRx, 0, 0, dM / 1000, 0, p);
    expect(flat.mode).toBe(1);
    expect(area.mode).toBe(1);
    expect(Math.abs(flat.lossDb - area.lossDb)).toBeLessThan(1e-9);
  });

  it.each(profiles.map((p, k) => [k + 1, p] as const))('reciprocity on shipped profile %i: reversed profile with swapped heights gives the same loss', (_k, pfl) => {
    const n = pfl[0];
    const reversed = Float64Array.from(pfl);
    for (let i = 0; i <= n; i++) reversed[i + 2] = pfl[n - i + 2];
    const forward = itmP2p(20, 3, pfl, AVERAGE);
    const backward = itmP2p(3, 20, reversed, AVERAGE);
    expect(Math.abs(forward.lossDb - backward.lossDb)).toBeLessThan(1e-9);
    expect(backward.mode).toBe(forward.mode);
    // TX and RX horizon warnings trade places.
    const swap = (w: number) =>
      (w & ~(ItmWarning.TX_HORIZON_DISTANCE_1 | ItmWarning.RX_HORIZON_DISTANCE_1)) |
      (w & ItmWarning.TX_HORIZON_DISTANCE_1 ? ItmWarning.RX_HORIZON_DISTANCE_1 : 0) |
      (w & ItmWarning.RX_HORIZON_DISTANCE_1 ? ItmWarning.TX_HORIZON_DISTANCE_1 : 0);
    expect(backward.warnings).toBe(swap(forward.warnings));
  });
});

describe('itmP2p — hand calculation: flat 10 km path, line of sight, close to free space', () => {
  // Flat 0 m profile, 10 km (100 × 100 m), hTx 30 m, hRx 10 m, 900 MHz, climate 5, mdvar 12, 50/50/50 %.
  // Free space (ITM's form): 32.45 + 20·log10(900) + 20·log10(10) = 32.45 + 59.084850 + 20 = 111.534850 dB.
  // In line of sight the fitted loss A_o + k1·d + k2·ln d is negative at 10 km, so A_ref = 0 (clamped).
  // Variability: k = 900/47.7 = 18.867925 /m; (575.7e12/k)^(1/3) = 31 248.130 m;
  //   d_ex = √(2·9e6·30) + √(2·9e6·10) + 31 248.130 = 23 237.900 + 13 416.408 + 31 248.130 = 67 902.438 m;
  //   d_e = 130 km · 10 / 67.902438 = 19 145.115 m.
  //   V_med (climate 5: c1 −0.62, c2 9.19, x1 228.9 km, x2 205.2 km, x3 143.6 km):
  //   u = (19 145.115 − 205 200)/143 600 = −1.295648; v = (19 145.115/228 900)² = 0.0069955;
  //   V_med = (−0.62 + 9.19/(1 + u²))·v/(1 + v) = (−0.62 + 3.430924)·0.0069469 = 0.0195264 dB.
  //   z(50 %) = Q⁻¹(0.5) by A&S 26.2.23 = 2.4e-7 → Y_R, Y_S below 1e-5 dB.
  //   A_ref − V_med = −0.0195264 < 0 → softened: a·(29 − a)/(29 − 10a) = −0.0194088 dB.
  // Total: 111.534850 − 0.019409 = 111.515441 dB.
  const r = itmP2p(30, 10, itmProfile(100, new Float64Array(101)), AVERAGE);
  it('free-space term and loss equal the hand values', () => {
    expect(r.aFsDb).toBeCloseTo(111.53485, 6);
    expect(r.aRefDb).toBe(0);
    expect(Math.abs(r.lossDb - 111.515441)).toBeLessThan(1e-4);
    expect(r.mode).toBe(1);
    expect(r.warnings).toBe(0);
    expect(r.code).toBe(0);
  });
  it('effective heights are the structural ones and Δh is 0 on flat ground', () => {
    expect(r.heTxM).toBe(30);
    expect(r.heRxM).toBe(10);
    expect(r.deltaHM).toBe(0);
    expect(r.nS).toBe(301);
  });
});

describe('itmP2p — input errors (NTIA return codes) and malformed profiles', () => {
  const pfl = itmProfile(100, [0, 5, 10, 5, 0]);
  it('an input NTIA rejects gives its code and NaN, never an exception', () => {
    const r = itmP2p(0.2, 2, pfl, AVERAGE);
    expect(r.code).toBe(1000);
    expect(r.lossDb).toBeNaN();
    expect(r.mode).toBe(0);
  });
  it('terrain too far below sea level for N0 = 400: surface refractivity above 400 (1022)', () => {
    // Ns = 400·exp(+50/9460) = 402.1 > 400.
    const r = itmP2p(10, 2, itmProfile(100, [-50, -50, -50, -50]), { ...AVERAGE, n0: 400 });
    expect(r.code).toBe(1022);
  });
  it('malformed profile arrays are InputErrors on field pfl', () => {
    expect(() => itmProfile(100, [5])).toThrow(InputError);
    expect(() => itmProfile(0, [5, 6])).toThrow(/spacing/);
    expect(() => itmP2p(10, 2, [3, 100, 0, 0], AVERAGE)).toThrow(/needs 4/);
    expect(() => itmP2p(10, 2, [1, 100, 0, NaN], AVERAGE)).toThrow(/not a finite/);
  });
});
