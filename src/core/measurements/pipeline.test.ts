/**
 * runCalibration chains the steps: its result must equal the steps run one by one (an identity),
 * its problems must be the association's and the prediction's in row order, and its "after"
 * statistics must be those of the final model's corrections (mean error after = mean error
 * before − mean correction, an identity of the definitions).
 */
import { describe, expect, it } from 'vitest';
import { associateMeasurements, buildErrorSample } from './associate.ts';
import { calibrate } from './calibrate.ts';
import { TEST_TRUTH, testNetwork } from './fixtures.ts';
import { ABSENT, allocatePoints } from './points.ts';
import { runCalibration } from './pipeline.ts';
import { generateDriveTest } from './synthetic.ts';
import { gridBBox } from '../grid/grid.ts';

const net = testNetwork();
const [x0, y0, x1, y1] = gridBBox(net.grid);
const dt = generateDriveTest({ seed: 9, sectors: net.sectors, predictRsrpDbm: net.predict, classAt: net.classAt, truth: TEST_TRUTH, starts: net.sites, bounds: [x0 + 1, y0 + 1, x1 - 1, y1 - 1], pathCount: 20, pathLengthM: 10000, stepM: 20 });
const points = (() => {
  const p = allocatePoints(dt.count + 1);
  for (let i = 0; i < dt.count; i++) {
    p.row[i] = i + 2;
    p.lonDeg[i] = dt.xM[i];
    p.latDeg[i] = dt.yM[i];
    p.rsrpDbm[i] = dt.rsrpDbm[i];
    p.pci[i] = dt.pci[i];
    p.cellId[i] = p.earfcn[i] = p.nrArfcn[i] = ABSENT;
  }
  // One more point, far outside the grid.
  p.row[dt.count] = dt.count + 2;
  p.lonDeg[dt.count] = 0;
  p.latDeg[dt.count] = 0;
  p.rsrpDbm[dt.count] = -90;
  p.pci[dt.count] = 0;
  p.cellId[dt.count] = p.earfcn[dt.count] = p.nrArfcn[dt.count] = ABSENT;
  return { ...p, count: dt.count + 1 };
})();
const identity = (x: number, y: number): [number, number] => [x, y];

describe('runCalibration', () => {
  // Sector 0's prediction is refused (NaN) to produce a prediction problem.
  const predict = (s: number, x: number, y: number) => (s === 0 ? NaN : net.predict(s, x, y));
  const run = runCalibration({
    points, cellIds: [], sectors: net.sectors, association: { grid: net.grid, clutter: net.clutter, toUtm: identity }, predict, calibration: { name: 'p', seed: 3 },
  });
  it('equals the steps run one by one', () => {
    const a = associateMeasurements(points, [], net.sectors, { grid: net.grid, clutter: net.clutter, toUtm: identity });
    const { sample } = buildErrorSample(points, a, predict);
    const r = calibrate(sample, { name: 'p', seed: 3 });
    expect(run.result.model).toEqual(r.model);
    expect(run.result.summary).toEqual(r.summary);
    expect(Array.from(run.sample.used)).toEqual(Array.from(sample.used));
  });
  it('lists association and prediction problems together in row order', () => {
    const keys = run.problems.map((p) => p.message.key);
    expect(keys.filter((k) => k === 'measOutsideGrid')).toHaveLength(1);
    expect(keys.filter((k) => k === 'measNoPrediction').length).toBe(Array.from(dt.sector).filter((s) => s === 0).length);
    const rows = run.problems.map((p) => p.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(rows[rows.length - 1]).toBe(dt.count + 2);
  });
  it('"after" statistics are those of the final model\'s corrections', () => {
    let sum = 0, n = 0;
    for (let i = 0; i < run.sample.count; i++) if (run.sample.used[i]) {
      sum += run.result.correctionDb[i];
      n++;
    }
    expect(run.after.overall.n).toBe(run.before.overall.n);
    expect(run.after.overall.meanErrorDb).toBeCloseTo(run.before.overall.meanErrorDb - sum / n, 9);
    expect(run.after.overall.rmseDb).toBeLessThan(run.before.overall.rmseDb);
    expect(run.before.perClass.map((c) => c.label)).toEqual(['open-rural', 'suburban', 'urban', 'trees-forest', 'dense-urban']);
  });
});
