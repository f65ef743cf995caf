import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { getPathLossModel } from './registry.ts';
import { InputError } from '../validity.ts';
import { breakpointDistanceUmM, expectedPathLossDb, requireTr38901Input, slantDistanceM } from './tr38901-common.ts';

const VALIDATION_DIR = '../../../../shared/data/validation/';

function readCsv(name: string): Record<string, string>[] {
  const text = readFileSync(fileURLToPath(new URL(VALIDATION_DIR + name, import.meta.url)), 'utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

const SCENARIO_ID: Record<string, string> = { RMa: 'rma', UMa: 'uma', 'UMi-StreetCanyon': 'umi', 'InH-Office': 'inh' };

/**
 * tr38901_ns3_testsuite_shipped.csv (ns-3 three-gpp-propagation-loss-model-test-suite.cc @ 14064644):
 * every one of its 32 rows is reproduced.
 *
 * Column asserted: PL_dB_shipped_in_ns3_test, the value written in the ns-3 test suite, computed
 * with c = 3e8 m/s as spec §2 and 38.901 require. It is given to 4 decimals, so the tolerance is
 * half the rounding step, 0.00005 dB.
 *
 * The other column, PL_dB_ns3_current_code, is not asserted: for the UMa / UMi LOS rows beyond
 * the breakpoint (1000 and 5000 m) it differs by 0.0054 / 0.0057 dB and for RMa LOS 10 km by
 * 0.0005 dB. Recomputing the 38.901 formulas with c = 299 792 458 m/s in the breakpoint
 * distances reproduces that column (checked by hand to 1e-6 dB), so ns-3's current code uses the
 * exact speed of light, not the standard's 3.0e8 m/s.
 *
 * "exercised_by_ns3_test = NO" rows (UMi LOS 1000/5000 m and all UMi NLOS): ns-3 built them but
 * never ran them, so they are not ns-3-verified; they are still 38.901 closed forms and we
 * reproduce them to the same 0.00005 dB. Known trap from SOURCES.md: UMa's breakpoint height is
 * random for hUt ≥ 13 m; every row here has hUt = 1.5 m, so hE = 1 m is exact.
 * All rows use the default h = 5 m, W = 20 m (RMa) and lie inside the validity ranges: no warnings.
 */
describe('38.901 vs ns-3 test suite (tr38901_ns3_testsuite_shipped.csv)', () => {
  const rows = readCsv('tr38901_ns3_testsuite_shipped.csv');
  it('the file has its 32 rows', () => {
    expect(rows.length).toBe(32);
  });
  rows.forEach((row, i) => {
    const id = `38901-${SCENARIO_ID[row.scenario]}-${row.condition.toLowerCase()}`;
    const expected = Number(row.PL_dB_shipped_in_ns3_test);
    it(`row ${i + 2}: ${id} fc=${row.fc_GHz} GHz hBS=${row.h_BS_m} hUT=${row.h_UT_m} d2D=${row.d2D_m} m → ${row.PL_dB_shipped_in_ns3_test} dB ± 0.00005`, () => {
      const model = getPathLossModel(id);
      expect(model).toBeDefined();
      if (!model) return;
      const input = { freqMHz: Number(row.fc_GHz) * 1000, d2dM: Number(row.d2D_m), hBsM: Number(row.h_BS_m), hUtM: Number(row.h_UT_m) };
      const r = model.evaluate(input);
      expect(Math.abs(r.plDb - expected)).toBeLessThanOrEqual(0.00005);
      expect(r.warnings).toEqual([]);
    });
  });
});

describe('expected mode: LOS/NLOS combined in linear power', () => {
  it('p = 0.5, LOS 100 dB, NLOS 110 dB → 102.5964 dB (hand calculation)', () => {
    // 0.5·10^−10 + 0.5·10^−11 = 5.5e−11 → −10 log 5.5e−11 = 102.59637 dB
    expect(Math.abs(expectedPathLossDb(0.5, 100, 110) - 102.59637)).toBeLessThanOrEqual(0.01);
  });
  it('p = 0.25, LOS 120 dB, NLOS 125 dB → 123.1232 dB (hand calculation)', () => {
    // 0.25·10^−12 + 0.75·10^−12.5 = 2.5e−13 + 0.75·3.162278e−13 = 4.871708e−13 → 123.12319 dB
    expect(Math.abs(expectedPathLossDb(0.25, 120, 125) - 123.12319)).toBeLessThanOrEqual(0.01);
  });
  it('p = 1 gives LOS, p = 0 gives NLOS', () => {
    expect(expectedPathLossDb(1, 90, 100)).toBe(90);
    expect(expectedPathLossDb(0, 90, 100)).toBe(100);
  });
  it('no underflow for very large losses', () => {
    // 10^(−4000/10) underflows a double; the combination is formed relative to PL_LOS:
    //   equal losses: 4000 − 10 log(0.5 + 0.5·1) = 4000 dB
    //   LOS 4000, NLOS 4010: 4000 − 10 log(0.5 + 0.5·10^−1) = 4000 − 10 log 0.55 = 4002.59637 dB
    expect(expectedPathLossDb(0.5, 4000, 4000)).toBe(4000);
    expect(Math.abs(expectedPathLossDb(0.5, 4000, 4010) - 4002.59637)).toBeLessThanOrEqual(0.01);
  });
});

describe('breakpoint distance and helpers', () => {
  it("UMa d'BP at 5 GHz, hBs 25 m, hUt 1.5 m = 4·24·0.5·5e9/3e8 = 800 m", () => {
    expect(breakpointDistanceUmM(5, 25, 1.5)).toBeCloseTo(800, 9);
  });
  it("UMi d'BP at 28 GHz, hBs 10 m, hUt 1.5 m = 4·9·0.5·28e9/3e8 = 1680 m", () => {
    expect(breakpointDistanceUmM(28, 10, 1.5)).toBeCloseTo(1680, 9);
  });
  it("d'BP = 0 when an effective height h − 1 m is ≤ 0", () => {
    expect(breakpointDistanceUmM(3.5, 25, 1)).toBe(0);
    expect(breakpointDistanceUmM(3.5, 0.5, 0.5)).toBe(0);
  });
  it('slant distance floored at 1 m', () => {
    // sqrt(40² + 28.5²) = sqrt(1600 + 812.25) = 49.11466 m
    expect(slantDistanceM(40, 30, 1.5)).toBeCloseTo(49.11466, 4);
    expect(slantDistanceM(0, 1.5, 1.5)).toBe(1);
  });
  it('RMa-only inputs are checked only for RMa', () => {
    const input = { freqMHz: 3500, d2dM: 100, hBsM: 25, hUtM: 1.5, hBuildingM: -1 };
    expect(() => requireTr38901Input(input, false)).not.toThrow();
    expect(() => requireTr38901Input(input, true)).toThrow(InputError);
  });
});
