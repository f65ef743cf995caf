import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import {
  CLUTTER_DEFAULTS,
  CLUTTER_TYPES,
  type ClutterType,
  heightGainCorrection,
  heightGainCorrectionDb,
  inverseComplementaryNormal,
  terrestrialClutterLoss,
} from './p2108.ts';
import { InputError } from '../validity.ts';

const VALIDATION_DIR = '../../../../shared/data/validation/';

function readCsv(name: string): Record<string, string>[] {
  const text = readFileSync(fileURLToPath(new URL(VALIDATION_DIR + name, import.meta.url)), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  return parsed.data;
}

/** Field named by the InputError thrown by f (undefined if nothing is thrown). */
function inputErrorField(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof InputError ? e.field : 'not an InputError';
  }
  return undefined;
}

/**
 * NTIA clutter_type numbering (NTIA/p2108 include/ITS.ITU.PSeries.P2108/Enums.h, enum ClutterType):
 * 1 water/sea, 2 open/rural, 3 suburban, 4 urban, 5 trees/forest, 6 dense urban.
 */
const NTIA_CLUTTER: Record<string, ClutterType> = {
  '1': 'water-sea',
  '2': 'open-rural',
  '3': 'suburban',
  '4': 'urban',
  '5': 'trees-forest',
  '6': 'dense-urban',
};

// NTIA reference values are rounded to 0.1 dB: tolerance 0.05 dB (half the rounding step).
const ROUNDED_TOL_DB = 0.05;

describe('P.2108 §3.1 height-gain correction — NTIA p2108-test-data (p2108_height_gain_terminal_correction_shipped.csv)', () => {
  const rows = readCsv('p2108_height_gain_terminal_correction_shipped.csv');
  it('the file has its 23 rows', () => {
    expect(rows.length).toBe(23);
  });
  rows.forEach((row, i) => {
    const input = {
      freqGHz: Number(row.f_GHz),
      hM: Number(row.h_m),
      streetWidthM: Number(row.w_s_m),
      clutterHeightM: Number(row.R_m),
      clutterType: NTIA_CLUTTER[row.clutter_type_NTIA],
    };
    const rc = row.ntia_return_code;
    const label = `row ${i + 2}: f=${row.f_GHz} GHz h=${row.h_m} m ws=${row.w_s_m} m R=${row.R_m} m type ${row.clutter_type_NTIA} (${input.clutterType}), NTIA rc ${rc}`;
    if (rc === '0') {
      it(`${label} → ${row.A_h_dB_expected} dB ± 0.05`, () => {
        const r = heightGainCorrection(input);
        expect(Math.abs(r.lossDb - Number(row.A_h_dB_expected))).toBeLessThanOrEqual(ROUNDED_TOL_DB);
        expect(r.warnings).toEqual([]);
      });
    } else if (rc === '32') {
      // NTIA: frequency out of range, no value. Policy: evaluate and warn.
      it(`${label} → evaluated with a freqGHz warning`, () => {
        const r = heightGainCorrection(input);
        expect(Number.isFinite(r.lossDb)).toBe(true);
        expect(r.warnings.join()).toMatch(/freqGHz=.* outside validity range 0\.03–3 GHz/);
      });
    } else {
      // NTIA rc 33 / 34 / 35: h / ws / R not > 0 → InputError naming the field.
      const field = { '33': 'hM', '34': 'streetWidthM', '35': 'clutterHeightM' }[rc];
      it(`${label} → InputError(${field})`, () => {
        expect(field).toBeDefined();
        expect(inputErrorField(() => heightGainCorrection(input))).toBe(field);
      });
    }
  });
});

describe('P.2108 §3.1 height-gain correction — hand calculations and defaults', () => {
  it('Table 3 defaults: R = 10 / 10 / 10 / 15 / 15 / 20 m, ws = 27 m', () => {
    expect(CLUTTER_TYPES.map((t) => CLUTTER_DEFAULTS[t].clutterHeightM)).toEqual([10, 10, 10, 15, 15, 20]);
    expect(CLUTTER_TYPES.every((t) => CLUTTER_DEFAULTS[t].streetWidthM === 27)).toBe(true);
  });
  it('urban defaults, 1.8 GHz, h = 1.5 m (eq. 2a): 25.60 dB', () => {
    // hdif = 15 − 1.5 = 13.5 m (2d); θclut = atan(13.5/27) = atan(0.5) = 26.565051° (2e);
    // Kν = 0.342·sqrt(1.8) = 0.4588411 (2g); ν = 0.4588411·sqrt(13.5·26.565051)
    //   = 0.4588411·sqrt(358.628191) = 0.4588411·18.937481 = 8.6892956 (2c);
    // J: x = 8.5892956; x² + 1 = 74.775999; sqrt = 8.6473117; + x = 17.236607; log10 = 1.2364518;
    //   × 20 = 24.729036; + 6.9 = 31.629036 dB; Ah = 31.629036 − 6.03 = 25.599036 dB (2a).
    const r = heightGainCorrection({ freqGHz: 1.8, hM: 1.5, clutterType: 'urban' });
    expect(r.lossDb).toBeCloseTo(25.599036, 2);
  });
  it('open/rural defaults, 0.9 GHz, h = 1.5 m (eq. 2b): 17.73 dB', () => {
    // Kh2 = 21.8 + 6.2·log10(0.9) = 21.8 + 6.2·(−0.0457575) = 21.5163036 (2f);
    // Ah = −21.5163036·log10(1.5/10) = −21.5163036·(−0.8239087) = 17.727471 dB (2b).
    expect(heightGainCorrection({ freqGHz: 0.9, hM: 1.5, clutterType: 'open-rural' }).lossDb).toBeCloseTo(17.727471, 2);
  });
  it('h ≥ R gives 0 for every class', () => {
    for (const t of CLUTTER_TYPES) expect(heightGainCorrection({ freqGHz: 1, hM: 25, clutterType: t }).lossDb).toBe(0);
  });
  it('rejects an unknown clutter class', () => {
    expect(inputErrorField(() => heightGainCorrection({ freqGHz: 1, hM: 1.5, clutterType: 'swamp' as ClutterType }))).toBe('clutterType');
    expect(inputErrorField(() => heightGainCorrection({ freqGHz: 1, hM: 1.5, clutterType: 'toString' as ClutterType }))).toBe('clutterType');
  });
  it('property: Ah is non-increasing in the terminal height hM, for every class', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CLUTTER_TYPES),
        fc.double({ min: 0.03, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 40, noNaN: true }),
        fc.double({ min: 0.01, max: 40, noNaN: true }),
        (type, freqGHz, a, b) => {
          const { clutterHeightM, streetWidthM } = CLUTTER_DEFAULTS[type];
          const lo = Math.min(a, b);
          const hi = Math.max(a, b);
          expect(heightGainCorrectionDb(freqGHz, hi, clutterHeightM, streetWidthM, type)).toBeLessThanOrEqual(
            heightGainCorrectionDb(freqGHz, lo, clutterHeightM, streetWidthM, type),
          );
        },
      ),
    );
  });
});

describe('P.2108 §3.2 terrestrial clutter loss — NTIA p2108-test-data (p2108_terrestrial_statistical_shipped.csv)', () => {
  const rows = readCsv('p2108_terrestrial_statistical_shipped.csv');
  it('the file has its 12 rows', () => {
    expect(rows.length).toBe(12);
  });
  rows.forEach((row, i) => {
    const input = { freqGHz: Number(row.f_GHz), dKm: Number(row.d_km), pPct: Number(row.p_pct) };
    const rc = row.ntia_return_code;
    const label = `row ${i + 2}: f=${row.f_GHz} GHz d=${row.d_km} km p=${row.p_pct} %, NTIA rc ${rc}`;
    if (rc === '0') {
      it(`${label} → ${row.L_ctt_dB_expected} dB ± 0.05`, () => {
        const r = terrestrialClutterLoss(input);
        expect(Math.abs(r.lossDb - Number(row.L_ctt_dB_expected))).toBeLessThanOrEqual(ROUNDED_TOL_DB);
        expect(r.warnings).toEqual([]);
      });
    } else if (rc === '48') {
      it(`${label} → evaluated with a freqGHz warning (0.5–67 GHz)`, () => {
        const r = terrestrialClutterLoss(input);
        expect(Number.isFinite(r.lossDb)).toBe(true);
        expect(r.warnings.join()).toMatch(/freqGHz=.* outside validity range 0\.5–67 GHz/);
      });
    } else if (rc === '49') {
      it(`${label} → evaluated with a dKm warning (≥ 0.25 km)`, () => {
        const r = terrestrialClutterLoss(input);
        expect(Number.isFinite(r.lossDb)).toBe(true);
        expect(r.warnings.join()).toMatch(/dKm=0\.24 outside validity range ≥ 0\.25 km/);
      });
    } else {
      it(`${label} → InputError(pPct): no finite value at p = 0 or 100 %`, () => {
        expect(rc).toBe('50');
        expect(inputErrorField(() => terrestrialClutterLoss(input))).toBe('pPct');
      });
    }
  });
});

describe('P.2108 §3.2 terrestrial clutter loss — hand calculations', () => {
  // f = 3.5 GHz: log f = 0.5440680; 10^(−5·0.5440680 − 12.5) = 6.020877e-16; 10^(−16.5) = 3.162278e-17;
  // Ll = −2·log10(6.337105e-16) = 30.396218 dB (4a); 10^(−0.2·Ll) = 8.332136e-7.
  it('d = 5 km, p = 50 %: capped at the 2 km value, 30.385 dB (uncapped would be 30.396)', () => {
    // d = 5: Ls = 32.98 + 23.9·log10(5) + 3·0.5440680 = 51.317587 (5a); 10^(−0.2·Ls) = 5.451080e-11;
    //   Lctt(5 km) = −5·log10(8.332136e-7 + 5.451080e-11) = 30.396076 dB (Q⁻¹(0.5) = 0).
    // d = 2: Ls = 41.806821; 10^(−0.2·Ls) = 4.351468e-9; Lctt(2 km) = −5·log10(8.375651e-7) = 30.384907 dB.
    // min(30.396076, 30.384907) = 30.384907 dB.
    expect(terrestrialClutterLoss({ freqGHz: 3.5, dKm: 5, pPct: 50 }).lossDb).toBeCloseTo(30.384907, 2);
  });
  it('d = 1 km, p = 90 %: the 2 km cap also binds below 2 km at high p, 35.528 dB', () => {
    // Q⁻¹(0.9) = −1.2815516 (standard normal table).
    // d = 1: Ls = 34.612204; 10^(−0.2·Ls) = 1.195526e-7; σcb = sqrt((16·8.332136e-7 + 36·1.195526e-7)
    //   / (8.332136e-7 + 1.195526e-7)) = 4.302277 (3b); median −5·log10(9.527662e-7) = 30.105068;
    //   Lctt(1 km) = 30.105068 + 4.302277·1.2815516 = 35.618658 dB.
    // d = 2: σcb = 4.012967; Lctt(2 km) = 30.384907 + 4.012967·1.2815516 = 35.527732 dB.
    // min = 35.527732 dB.
    expect(terrestrialClutterLoss({ freqGHz: 3.5, dKm: 1, pPct: 90 }).lossDb).toBeCloseTo(35.527732, 2);
  });
  it('2 GHz, the lower bound of spec §3, and 0.5–2 GHz (P.2108-1 range) raise no warning', () => {
    expect(terrestrialClutterLoss({ freqGHz: 2, dKm: 1, pPct: 50 }).warnings).toEqual([]);
    expect(terrestrialClutterLoss({ freqGHz: 0.7, dKm: 1, pPct: 50 }).warnings).toEqual([]);
  });
  it('p = 1e-320 %: the log-normal tail gives a gain (issue 16: −126 dB, no warning): warned', () => {
    // 3.5 GHz, 1 km: median 30.105 dB and σcb = 4.302 dB (hand values of the p = 90 % case
    // above). Q⁻¹(1e-322) > 37 since Q(37) ≈ φ(37)/37 = e^(−684.5)/(2.5066·37) ≈ 1e-299 ≫ 1e-322,
    // so Lctt(1 km) < 30.105 − 4.302·37 = −129.1 dB < 0 (the 2 km cap only lowers it).
    const r = terrestrialClutterLoss({ freqGHz: 3.5, dKm: 1, pPct: 1e-320 });
    expect(r.lossDb).toBeLessThan(-129.1);
    expect(r.warnings).toEqual([expect.stringMatching(/^pPct=1e-320: Lctt=-1\d\d\.\d+ dB is a gain, not a loss; /)]);
    // At p = 1 % (Q⁻¹ = 2.326) the loss is 30.1 − 4.3·2.33 ≈ 20 dB > 0: no warning.
    expect(terrestrialClutterLoss({ freqGHz: 3.5, dKm: 1, pPct: 1 }).warnings).toEqual([]);
  });
  it('property: a warning exactly when the value is below 0 dB', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 67, noNaN: true }), fc.double({ min: 0.25, max: 100, noNaN: true }), fc.double({ min: 1e-300, max: 50, noNaN: true }), (freqGHz, dKm, pPct) => {
        const r = terrestrialClutterLoss({ freqGHz, dKm, pPct });
        expect(r.warnings.some((w) => w.includes('is a gain'))).toBe(r.lossDb < 0);
      }),
      { numRuns: 500 },
    );
  });
  it('rejects non-positive distance and frequency', () => {
    expect(inputErrorField(() => terrestrialClutterLoss({ freqGHz: 3.5, dKm: 0, pPct: 50 }))).toBe('dKm');
    expect(inputErrorField(() => terrestrialClutterLoss({ freqGHz: -1, dKm: 1, pPct: 50 }))).toBe('freqGHz');
    expect(inputErrorField(() => terrestrialClutterLoss({ freqGHz: 3.5, dKm: 1, pPct: NaN }))).toBe('pPct');
  });
  it('property: Lctt is non-decreasing in pPct (tolerance 1e-6 dB for the Q⁻¹ approximation seam)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 67, noNaN: true }),
        fc.double({ min: 0.25, max: 100, noNaN: true }),
        fc.double({ min: 1e-6, max: 100 - 1e-6, noNaN: true }),
        fc.double({ min: 1e-6, max: 100 - 1e-6, noNaN: true }),
        (freqGHz, dKm, a, b) => {
          const lo = Math.min(a, b);
          const hi = Math.max(a, b);
          const lLo = terrestrialClutterLoss({ freqGHz, dKm, pPct: lo }).lossDb;
          const lHi = terrestrialClutterLoss({ freqGHz, dKm, pPct: hi }).lossDb;
          expect(lHi).toBeGreaterThanOrEqual(lLo - 1e-6);
        },
      ),
    );
  });
});

describe('inverseComplementaryNormal (P.1057-7 Annex 1 §3)', () => {
  it('matches standard-normal table quantiles to 1e-6', () => {
    // Standard normal table: z(0.9) = 1.2815516, z(0.99) = 2.3263479, z(0.999) = 3.0902323,
    // z(1 − 1e-8) = 5.6120012; Q⁻¹(q) = z(1 − q).
    expect(inverseComplementaryNormal(0.5)).toBeCloseTo(0, 9);
    expect(inverseComplementaryNormal(0.1)).toBeCloseTo(1.2815516, 6);
    expect(inverseComplementaryNormal(0.9)).toBeCloseTo(-1.2815516, 6);
    expect(inverseComplementaryNormal(0.01)).toBeCloseTo(2.3263479, 6);
    expect(inverseComplementaryNormal(0.001)).toBeCloseTo(3.0902323, 6);
    expect(inverseComplementaryNormal(1e-8)).toBeCloseTo(5.6120012, 5);
    expect(inverseComplementaryNormal(0)).toBe(Infinity);
    expect(inverseComplementaryNormal(1)).toBe(-Infinity);
    expect(inverseComplementaryNormal(1.5)).toBeNaN();
  });
});
