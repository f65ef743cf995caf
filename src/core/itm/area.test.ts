/**
 * ITM area mode against NTIA's shipped check values, plus hand calculations and invariants.
 *
 * Sources:
 * - ../shared/data/validation/itm_area_shipped.csv (NTIA/itm area.csv @ 183ad95b, see that
 *   folder's SOURCES.md): every row, loss to 1e-6 dB (6 decimals in the file), warnings and
 *   return code equal.
 * - Hand calculation of the sited effective height (Hufford, Algorithm eq. 3.2), below.
 * - Invariants: loss not decreasing with the time / location / situation percentage (they
 *   are percentages "not exceeded"); mdvar + 10 removes the location dependence.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { itmArea, sitedEffectiveHeightM } from './area.ts';
import { itmWarningHex } from './codes.ts';
import type { ItmParams } from './params.ts';

const VALIDATION = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'data', 'validation');
const shipped = Papa.parse<Record<string, string>>(readFileSync(join(VALIDATION, 'itm_area_shipped.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;

const BASE: ItmParams = { climate: 5, n0: 301, freqMHz: 900, polarization: 1, epsilon: 15, sigmaSPerM: 0.005, mdvar: 3, timePct: 50, locationPct: 50, situationPct: 50 };

describe('itmArea — NTIA/itm shipped area.csv (itm_area_shipped.csv)', () => {
  it('has five rows', () => expect(shipped).toHaveLength(5));
  it.each(shipped.map((r, k) => [k + 1, r] as const))('row %i', (_k, r) => {
    const p: ItmParams = {
      climate: Number(r.climate), n0: Number(r.N_0), freqMHz: Number(r.f_MHz), polarization: Number(r.pol), epsilon: Number(r.epsilon),
      sigmaSPerM: Number(r.sigma_S_per_m), mdvar: Number(r.mdvar), timePct: Number(r.time_pct), locationPct: Number(r.location_pct), situationPct: Number(r.situation_pct),
    };
    const result = itmArea(Number(r.h_tx_m), Number(r.h_rx_m), Number(r.tx_siting), Number(r.rx_siting), Number(r.d_km), Number(r.delta_h_m), p);
    expect(Math.abs(result.lossDb - Number(r.A_dB))).toBeLessThanOrEqual(1e-6);
    expect(itmWarningHex(result.warnings)).toBe(r.warnings_hex);
    expect(result.code).toBe(Number(r.return_code));
  });
});

describe('sitedEffectiveHeightM — Algorithm eq. 3.2 by hand', () => {
  it('random siting keeps the structural height', () => expect(sitedEffectiveHeightM(3, 0, 10)).toBe(3));
  it('careful siting of a 3 m antenna over Δh = 10 m', () => {
    // B = 4·sin(0.1·π·3) = 4·0.809017 = 3.236068 (h < 5 m);
    // he = 3 + (1 + B)·exp(−min(20, 2·3/10)) = 3 + 4.236068·0.548812 = 5.324803 m.
    expect(sitedEffectiveHeightM(3, 1, 10)).toBeCloseTo(5.324803, 6);
  });
  it('very careful siting of a 10 m antenna over Δh = 90 m', () => {
    // B = 9; he = 10 + 10·exp(−20/90) = 10 + 10·0.800737 = 18.007374 m.
    expect(sitedEffectiveHeightM(10, 2, 90)).toBeCloseTo(18.007374, 6);
  });
});

describe('itmArea — invariants of the variability', () => {
  const loss = (over: Partial<ItmParams>) => itmArea(30, 2, 0, 0, 20, 90, { ...BASE, ...over }).lossDb;
  it.each(['timePct', 'locationPct', 'situationPct'] as const)('loss does not decrease with %s (broadcast mode)', (field) => {
    let previous = -Infinity;
    for (const pct of [1, 10, 30, 50, 70, 90, 99]) {
      const a = loss({ [field]: pct });
      expect(a).toBeGreaterThanOrEqual(previous - 1e-9);
      previous = a;
    }
  });
  it('mdvar 13 (broadcast, no location variability) ignores the location percentage', () => {
    expect(loss({ mdvar: 13, locationPct: 10 })).toBeCloseTo(loss({ mdvar: 13, locationPct: 90 }), 12);
    expect(loss({ mdvar: 3, locationPct: 10 })).not.toBeCloseTo(loss({ mdvar: 3, locationPct: 90 }), 3);
  });
  it('the deep tail raises EXTREME_VARIABILITIES (|z| > 3.1 at 0.05 %)', () => {
    const r = itmArea(30, 2, 0, 0, 20, 90, { ...BASE, timePct: 0.05 });
    expect(r.warnings & 0x2000).toBe(0x2000);
    expect(r.code).toBe(1);
  });
});

describe('itmArea — input errors of area mode (NTIA order: common checks first)', () => {
  it.each([
    [{ dKm: 0 }, 1017],
    [{ dKm: -3 }, 1017],
    [{ deltaHM: -1 }, 1018],
    [{ tx: 3 }, 1019],
    [{ rx: -1 }, 1020],
    [{ tx: 1.5 }, 1019],
  ])('%o → %i', (over, code) => {
    const o = over as { dKm?: number; deltaHM?: number; tx?: number; rx?: number };
    const r = itmArea(10, 2, o.tx ?? 0, o.rx ?? 0, o.dKm ?? 10, o.deltaHM ?? 30, BASE);
    expect(r.code).toBe(code);
    expect(r.lossDb).toBeNaN();
  });
  it('a common input error comes before the area checks', () => {
    expect(itmArea(10, 2, 0, 0, 0, 30, { ...BASE, n0: 200 }).code).toBe(1008);
  });
});
