import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { type BuildingType, BUILDING_TYPES, buildingEntryLoss, buildingEntryLossDb } from './p2109.ts';
import { InputError } from '../validity.ts';

const CSV_URL = new URL('../../../../shared/data/validation/p2109_building_entry_loss_shipped.csv', import.meta.url);
const CLASS_COLUMN = 'building_class(1=traditional,2=thermally_efficient)';

function inputErrorField(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof InputError ? e.field : 'not an InputError';
  }
  return undefined;
}

describe('P.2109 building entry loss — crc-covlib tests/iturp2109/validation.csv (p2109_building_entry_loss_shipped.csv)', () => {
  const rows = Papa.parse<Record<string, string>>(readFileSync(fileURLToPath(CSV_URL), 'utf8'), { header: true, skipEmptyLines: true }).data;
  it('the file has its 50 rows', () => {
    expect(rows.length).toBe(50);
  });
  // Reference values have 6 decimals: tolerance 0.01 dB.
  rows.forEach((row, i) => {
    const building: BuildingType = row[CLASS_COLUMN] === '1' ? 'traditional' : 'thermally-efficient';
    const input = { freqGHz: Number(row.f_GHz), pPct: Number(row.p_pct), building, elevationDeg: Number(row.theta_deg) };
    it(`row ${i + 2}: f=${row.f_GHz} GHz p=${row.p_pct} % ${building} θ=${row.theta_deg}° → ${row.L_BEL_dB} dB`, () => {
      const r = buildingEntryLoss(input);
      expect(Math.abs(r.lossDb - Number(row.L_BEL_dB))).toBeLessThanOrEqual(0.01);
      expect(r.warnings).toEqual([]);
    });
  });
});

describe('P.2109 building entry loss — hand calculations', () => {
  it('1 GHz, P = 50 %, horizontal: traditional 14.31 dB, thermally efficient 31.01 dB', () => {
    // log f = 0 and F⁻¹(0.5) = 0, so A = μ1 = Lh = r, B = μ2 = w, C = −3.
    // Traditional: A = 12.64, B = 9.1: 10^1.264 + 10^0.91 + 10^−0.3 = 18.365383 + 8.128305 + 0.501187
    //   = 26.994876; 10·log10 = 14.312813 dB.
    // Thermally efficient: A = 28.19, B = 27.8: 659.173895 + 602.559586 + 0.501187 = 1262.234669;
    //   10·log10 = 31.011401 dB.
    expect(buildingEntryLoss({ freqGHz: 1, pPct: 50, building: 'traditional', elevationDeg: 0 }).lossDb).toBeCloseTo(14.312813, 2);
    expect(buildingEntryLoss({ freqGHz: 1, pPct: 50, building: 'thermally-efficient', elevationDeg: 0 }).lossDb).toBeCloseTo(31.011401, 2);
  });
  it('10 GHz, P = 90 %, 30° elevation, traditional: 38.55 dB', () => {
    // log f = 1; F⁻¹(0.9) = 1.2815516 (standard normal table).
    // Lh = 12.64 + 3.72 + 0.96 = 17.32; Le = 0.212·30 = 6.36; μ1 = 23.68; μ2 = 9.1 − 3.0 = 6.1;
    // σ1 = 9.6 + 2.0 = 11.6; σ2 = 4.5 − 2.0 = 2.5;
    // A = 1.2815516·11.6 + 23.68 = 38.545998; B = 1.2815516·2.5 + 6.1 = 9.303879;
    // 10^3.8545998 + 10^0.9303879 + 10^−0.3 = 7154.838183 + 8.518986 + 0.501187 = 7163.858356;
    // 10·log10 = 38.551470 dB.
    expect(buildingEntryLoss({ freqGHz: 10, pPct: 90, building: 'traditional', elevationDeg: 30 }).lossDb).toBeCloseTo(38.55147, 2);
    // Le uses |θ|: −30° gives the same.
    expect(buildingEntryLossDb(10, 90, 'traditional', -30)).toBeCloseTo(38.55147, 2);
  });
  it('out-of-range frequency or elevation is evaluated and warned about', () => {
    const lowF = buildingEntryLoss({ freqGHz: 0.05, pPct: 50, building: 'traditional', elevationDeg: 0 });
    expect(Number.isFinite(lowF.lossDb)).toBe(true);
    expect(lowF.warnings.join()).toMatch(/freqGHz=0\.05 outside validity range 0\.08–100 GHz/);
    expect(buildingEntryLoss({ freqGHz: 3.5, pPct: 50, building: 'traditional', elevationDeg: 95 }).warnings.join()).toMatch(/elevationDeg=95/);
  });
  it('rejects p outside (0, 100), bad frequency, non-finite elevation and unknown building types', () => {
    const ok = { freqGHz: 3.5, pPct: 50, building: 'traditional' as BuildingType, elevationDeg: 0 };
    expect(inputErrorField(() => buildingEntryLoss({ ...ok, pPct: 0 }))).toBe('pPct');
    expect(inputErrorField(() => buildingEntryLoss({ ...ok, pPct: 100 }))).toBe('pPct');
    expect(inputErrorField(() => buildingEntryLoss({ ...ok, freqGHz: 0 }))).toBe('freqGHz');
    expect(inputErrorField(() => buildingEntryLoss({ ...ok, elevationDeg: NaN }))).toBe('elevationDeg');
    expect(inputErrorField(() => buildingEntryLoss({ ...ok, building: 'glass' as BuildingType }))).toBe('building');
  });
  it('property: L_BEL is non-decreasing in pPct (0.08–100 GHz; tolerance 1e-6 dB for the F⁻¹ seam)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.08, max: 100, noNaN: true }),
        fc.constantFrom(...BUILDING_TYPES),
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: 1e-6, max: 100 - 1e-6, noNaN: true }),
        fc.double({ min: 1e-6, max: 100 - 1e-6, noNaN: true }),
        (freqGHz, building, elevationDeg, a, b) => {
          const lo = Math.min(a, b);
          const hi = Math.max(a, b);
          expect(buildingEntryLossDb(freqGHz, hi, building, elevationDeg)).toBeGreaterThanOrEqual(
            buildingEntryLossDb(freqGHz, lo, building, elevationDeg) - 1e-6,
          );
        },
      ),
    );
  });
});

describe('P.2109 building entry loss — the kernel\'s bound (coverage/kernel.ts BEL_GAIN_BOUND)', () => {
  it('L_BEL > C = −3 dB for every frequency, probability, building type and elevation, so 10^(−L/10) < 10^0.3 < 2', async () => {
    const { BEL_GAIN_BOUND } = await import('../coverage/kernel.ts');
    fc.assert(fc.property(
      fc.double({ min: 0.08, max: 100, noNaN: true }), fc.double({ min: 0.000001, max: 99.999999, noNaN: true }),
      fc.constantFrom(...BUILDING_TYPES), fc.double({ min: -90, max: 90, noNaN: true }),
      (fGHz, pPct, b, elev) => {
        const l = buildingEntryLossDb(fGHz, pPct, b as BuildingType, elev);
        expect(l).toBeGreaterThan(-3);
        expect(10 ** (-l / 10)).toBeLessThan(BEL_GAIN_BOUND);
      },
    ), { numRuns: 2000 });
  });
});
