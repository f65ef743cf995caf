/**
 * The files of `phusong calibrate` (issue 14's contract). Expected values: the contract's key
 * names written out from the issue, and round trips — errors.csv read back gives, per point,
 * error_before = measured − predicted and error_after = error_before − the final correction,
 * to the 0.01 dB the file keeps; summary.json carries the calibration summary to 0.001 dB.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { gridBBox } from '../grid/grid.ts';
import { calibrationJson, ERRORS_CSV_HEADER, errorsCsv, summaryJson } from './contract.ts';
import { TEST_TRUTH, testNetwork } from './fixtures.ts';
import { importMeasurementsCsv } from './import.ts';
import { runCalibration } from './pipeline.ts';
import { driveTestCsv, generateDriveTest } from './synthetic.ts';

const net = testNetwork();
const [x0, y0, x1, y1] = gridBBox(net.grid);
const dt = generateDriveTest({ seed: 12, sectors: net.sectors, predictRsrpDbm: net.predict, classAt: net.classAt, truth: TEST_TRUTH, starts: net.sites, bounds: [x0 + 1, y0 + 1, x1 - 1, y1 - 1], pathCount: 12, pathLengthM: 8000, stepM: 20 });
const lines = [...driveTestCsv(dt)].join('').split('\n');
lines[1] = lines[1].replace(/,(-\d+\.\d),/, ',oops,'); // one bad row, line 2
const preview = importMeasurementsCsv(lines.join('\n'), 'dt.csv');
const run = runCalibration({
  points: preview.points, cellIds: preview.cellIds, sectors: net.sectors, association: { grid: net.grid, clutter: net.clutter },
  predict: net.predict, calibration: { name: 'contract test' },
});

describe('calibration.json', () => {
  const j = calibrationJson(run.result.model);
  it('has the contract keys per class and model', () => {
    expect(Object.keys(j)).toEqual(['format', 'version', 'name', 'reference_distance_km', 'min_distance_km', 'folds', 'seed', 'min_points', 'outlier_mad_factor', 'per_class']);
    const first = (j.per_class as Record<string, unknown>[])[0];
    for (const k of ['model', 'class', 'class_name', 'offset_db', 'slope_db_per_decade', 'n_points', 'rmse_before_db', 'rmse_after_db', 'fitted']) expect(first).toHaveProperty(k);
    expect(first.offset_db).toBeCloseTo(run.result.model.perClass[0].offsetDb, 3);
    expect(j.name).toBe('contract test');
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
});

describe('summary.json', () => {
  it('carries the counts and the held-out figures', () => {
    const s = summaryJson(run.result, { rowsRead: preview.rowsRead, rowsRefused: preview.rowsRead - preview.pointsKept, pointsNotAssociated: run.association.count - run.association.nUsed }, preview.pointsKept);
    for (const k of ['n_points', 'n_used', 'mean_error_before_db', 'mean_error_after_db', 'rmse_before_db', 'rmse_after_db', 'std_before_db']) expect(s).toHaveProperty(k);
    expect(s.n_points).toBe(dt.count - 1);
    expect(s.n_rows_refused).toBe(1);
    expect(s.n_used).toBe(run.result.summary.nUsed);
    expect(s.rmse_after_db).toBeCloseTo(run.result.summary.rmseAfterDb, 3);
    expect(s.std_before_db).toBeCloseTo(run.result.summary.stdBeforeDb, 3);
  });
});

describe('errors.csv', () => {
  const text = [...errorsCsv(preview.points, run.association, run.sample, run.result, { sectorLabel: (i) => net.sectors[i].label ?? '', linesPerPiece: 100 })].join('');
  const rows = Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
  it('has one line per imported point, in file order, with the contract columns', () => {
    expect(text.slice(0, text.indexOf('\n')).split(',')).toEqual([...ERRORS_CSV_HEADER]);
    expect(rows.length).toBe(preview.points.count);
    expect(rows[0].row).toBe('3');
    expect(rows[0].sector).toBe(net.sectors[dt.sector[1]].label);
  });
  it('error_before = measured − predicted; error_after = error_before − final correction (to 0.01 dB)', () => {
    let checked = 0;
    rows.forEach((r, i) => {
      if (r.used !== '1') return;
      const before = Number(r.measured_dbm) - Number(r.predicted_dbm);
      expect(Math.abs(Number(r.error_before_db) - before)).toBeLessThanOrEqual(0.011);
      expect(Math.abs(Number(r.error_after_db) - (Number(r.error_before_db) - run.result.correctionDb[i]))).toBeLessThanOrEqual(0.011);
      checked++;
    });
    expect(checked).toBe(run.result.summary.nUsed);
  });
});
