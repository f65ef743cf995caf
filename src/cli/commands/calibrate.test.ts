/**
 * `phusong calibrate` end to end, in-process, on a SYNTHETIC drive test with a known answer
 * (issue 14, acceptance 1 and 2): 6 sites × 3 sectors of one LTE carrier, all on the 38.901 UMa
 * model, over a 7 × 5.5 km area near Vĩnh Long; the ground made as `phusong coverage` makes it
 * (rules from the water mask, commune type and density: classes water, open/rural, suburban and
 * trees there); measured RSRP = the engine's own prediction at the point + the hidden per-class
 * correction of fixtures.ts TEST_TRUTH + Gudmundson shadowing of σ = 7 dB (synthetic.ts).
 *
 * Expected values: the hidden corrections (offsets within ±1 dB, slopes within ±2 dB/decade),
 * the shadowing σ (held-out RMSE after calibration within 1 dB of it), the generating sector of
 * every point (association by PCI), and the rows made bad on purpose (named by line and column).
 * Measured on 2026-12-07 (seed 14, 99,972 points): open/rural K1 4.25 dB, K2 −3.75 dB/decade
 * (hidden 4 / −3), suburban −1.83 / 5.08 (−2 / 5), trees −8.97 / 2.26 (−9 / 2), water −0.07 dB
 * (offset only, none hidden); held-out RMSE 9.52 → 6.90 dB.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { SMALL_BOUNDARY } from '../../core/coverage/fixtures.ts';
import { planScene, sceneGrid } from '../../core/coverage/scene.ts';
import { gridBBox } from '../../core/grid/grid.ts';
import { parseBoundaryGeoJson } from '../../core/boundaries/boundaries.ts';
import { scenePredictor } from '../../core/measurements/predict.ts';
import { TEST_TRUTH } from '../../core/measurements/fixtures.ts';
import { driveTestCsv, generateDriveTest } from '../../core/measurements/synthetic.ts';
import { admitScenarioText } from '../../core/scenario/admit.ts';
import type { Scenario, Sector, Site } from '../../core/scenario/scenario.ts';
import { readGround } from '../ground-input.ts';

const dir = mkdtempSync(join(tmpdir(), 'phusong-calibrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const areaText = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'SYNTHETIC area', population: 60000 }, geometry: { type: 'Polygon', coordinates: SMALL_BOUNDARY } }] });
const area = join(dir, 'area.geojson');
writeFileSync(area, areaText);

function sector(site: number, a: number): Sector {
  return {
    id: `S${site}-${a}`, carrierId: 'l18', azimuthDeg: a * 120, mechanicalTiltDeg: 2, electricalTiltDeg: 4, txPowerDbm: 43, feederLossDb: 2, modelId: '38901-uma-expected',
    antenna: { type: '3gpp-sector', maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 }, pci: 3 * site + a,
  };
}
const sites: Site[] = [];
[105.94, 105.962, 105.984].forEach((lon, i) => [10.228, 10.246].forEach((lat, j) => {
  const k = i * 2 + j;
  sites.push({ id: `S${k}`, name: `SYNTHETIC ${k}`, lonDeg: lon, latDeg: lat, heightM: 30, kind: 'macro', status: 'existing', sectors: [0, 1, 2].map((a) => sector(k, a)) });
}));
const scenario: Scenario = {
  schemaVersion: 1, name: 'SYNTHETIC calibrate', sample: true, description: 'SYNTHETIC test network', ueHeightM: 1.5,
  carriers: [{ id: 'l18', tech: 'LTE', band: 'B3', freqMHz: 1842.5, bandwidthMHz: 20, scsKHz: 15 }], sites, privateNetworks: [],
};
const scenarioFile = join(dir, 'scenario.json');
writeFileSync(scenarioFile, JSON.stringify(scenario));

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, { stdout: () => undefined, stderr: (t) => (stderr += t) });
  return { code, stderr };
}

/** The drive test, on the scene the command will build (same ground, same grid). */
async function makeDriveTest() {
  const grid = sceneGrid(SMALL_BOUNDARY, 50);
  const ground = await readGround(grid, parseBoundaryGeoJson(areaText, area, 'name').features, area, {});
  const scene = planScene(scenario, SMALL_BOUNDARY, { cellSizeM: 50 }, ground.ground.clutter);
  const model = scenePredictor(scene, 0, { ...scene.options, calibration: null });
  const g = scene.grid;
  const classAt = (x: number, y: number) => {
    const c = Math.floor((x - g.originX) / g.cellSizeM), r = Math.floor((g.originY - y) / g.cellSizeM);
    return c >= 0 && r >= 0 && c < g.width && r < g.height ? scene.clutter![r * g.width + c] : 255;
  };
  const [x0, y0, x1, y1] = gridBBox(g);
  const dt = generateDriveTest({
    seed: 14, sectors: scene.sectors.map((s) => ({ index: s.index, xM: s.xM, yM: s.yM, pci: 3 * Number(s.siteId.slice(1)) + Number(s.id.split('-')[1]) })),
    predictRsrpDbm: (k, x, y) => model.rsrpDbm(k, x, y, classAt(x, y)), classAt, truth: TEST_TRUTH,
    starts: scene.sectors.filter((s) => s.id.endsWith('-0')).map((s) => ({ xM: s.xM, yM: s.yM })), bounds: [x0 + 1, y0 + 1, x1 - 1, y1 - 1],
    pathCount: 100, pathLengthM: 20000, stepM: 20, shadowSigmaDb: 7, candidateRadiusM: 5000,
  });
  return { dt, scene };
}

describe('phusong calibrate', async () => {
  const { dt, scene } = await makeDriveTest();
  const csvFile = join(dir, 'synthetic-drive-test.csv');
  // Three rows made bad on purpose at the end (file lines dt.count + 2 …): not a number, no GPS fix, outside the grid.
  const bad = ['2026-01-05T09:00:00.000Z,10.24,105.96,abc,1,,,,x,1,0', '2026-01-05T09:00:01.000Z,0,0,-90,1,,,,x,1,0', '2026-01-05T09:00:02.000Z,10.6,105.96,-90,1,,,,x,1,0'];
  writeFileSync(csvFile, [...driveTestCsv(dt, { sectorLabel: (i) => scene.sectors[i].id })].join('') + bad.join('\n') + '\n');
  const out = join(dir, 'out');
  const result = await run(['calibrate', '--scenario', scenarioFile, '--measurements', csvFile, '--out', out, '--boundary', area, '--communes', area, '--cell', '50', '--name', 'SYNTHETIC drive test']);
  const read = (f: string) => readFileSync(join(out, f), 'utf8');

  it('exits 0 and writes the four files', () => {
    expect(result.code, result.stderr).toBe(0);
    for (const f of ['calibration.json', 'summary.json', 'errors.csv', 'scenario-calibrated.json']) expect(read(f).length).toBeGreaterThan(10);
  });

  it('recovers each class\'s hidden offset within ±1 dB and slope within ±2 dB/decade', () => {
    const cal = JSON.parse(read('calibration.json'));
    expect(cal.name).toBe('SYNTHETIC drive test');
    const checked: string[] = [];
    for (const e of cal.per_class) {
      const truth = TEST_TRUTH[e.class];
      expect(e.model).toBe('38901-uma-expected');
      if (!truth || !e.slope_fitted || e.n_points < 2000) continue;
      expect(Math.abs(e.offset_db - truth.offsetDb), `${e.class_name} offset ${e.offset_db}`).toBeLessThanOrEqual(1);
      expect(Math.abs(e.slope_db_per_decade - truth.slopeDbPerDecade), `${e.class_name} slope ${e.slope_db_per_decade}`).toBeLessThanOrEqual(2);
      checked.push(e.class_name);
    }
    // open/rural, suburban and trees carry a hidden correction and enough points here
    expect(checked.sort()).toEqual(['open-rural', 'suburban', 'trees-forest']);
    // water has no hidden correction: its offset is within ±1 dB of 0 where fitted
    const water = cal.per_class.find((e: { class: number }) => e.class === 0);
    if (water?.fitted) expect(Math.abs(water.offset_db)).toBeLessThanOrEqual(1);
  });

  it('the held-out RMSE after calibration is within 1 dB of the shadowing σ = 7 dB, and lower than before', () => {
    const s = JSON.parse(read('summary.json'));
    expect(Math.abs(s.rmse_after_db - 7)).toBeLessThanOrEqual(1);
    expect(s.rmse_before_db).toBeGreaterThan(s.rmse_after_db + 1);
    expect(Math.abs(s.mean_error_after_db)).toBeLessThan(0.3);
    expect(s.n_points).toBe(dt.count + 1); // the point outside the grid is imported, then not associated
    expect(s.n_rows).toBe(dt.count + 3);
    expect(s.n_rows_refused).toBe(2);
    expect(s.n_not_associated).toBe(1);
    expect(s.carrier).toBe('l18');
    expect(s.associated_by.pci).toBe(dt.count);
  });

  it('associates every point to the sector that generated it (by PCI), and lists the bad rows by line and column', () => {
    const lines = read('errors.csv').trimEnd().split('\n');
    const head = lines[0].split(',');
    expect(head).toEqual(['row', 'lat', 'lon', 'sector', 'associated_by', 'class', 'distance_km', 'predicted_dbm', 'measured_dbm', 'error_before_db', 'error_after_db', 'error_heldout_db', 'outlier', 'used']);
    expect(lines).toHaveLength(dt.count + 2);
    for (let i = 0; i < dt.count; i++) {
      const f = lines[i + 1].split(',');
      expect(f[3]).toBe(scene.sectors[dt.sector[i]].id);
      expect(f[4]).toBe('pci');
    }
    const last = lines[dt.count + 1].split(',');
    expect(last[0]).toBe(String(dt.count + 4)); // file line of the third bad row
    expect(last[3]).toBe('');
    expect(last[13]).toBe('0');
    const n = dt.count;
    expect(result.stderr).toContain(`synthetic-drive-test.csv line ${n + 2}, column rsrp_dbm: "abc" is not a number (left out)`);
    expect(result.stderr).toContain(`synthetic-drive-test.csv line ${n + 3}, column lat: (0, 0): the device had no GPS position (left out)`);
    expect(result.stderr).toContain(`synthetic-drive-test.csv line ${n + 4}, column lat: the point is outside the computation grid (left out)`);
  });

  it('scenario-calibrated.json carries the model and passes the scenario gate', () => {
    const text = read('scenario-calibrated.json');
    const { scenario: back, problems } = admitScenarioText(text, 'scenario-calibrated.json');
    expect(problems).toEqual([]);
    expect(back.calibration?.name).toBe('SYNTHETIC drive test');
    expect(back.sites[0].sectors[1].pci).toBe(1);
  });

  it('a missing file, a file without an RSRP column and a bad option fail in one line with the right exit code', async () => {
    const missing = await run(['calibrate', '--scenario', scenarioFile, '--measurements', join(dir, 'nope.csv'), '--out', out, '--boundary', area, '--communes', area]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv: cannot read the measurements/);
    const noRsrp = join(dir, 'no-rsrp.csv');
    writeFileSync(noRsrp, 'lat,lon,pci\n10.24,105.96,1\n');
    const r2 = await run(['calibrate', '--scenario', scenarioFile, '--measurements', noRsrp, '--out', out, '--boundary', area, '--communes', area]);
    expect(r2.code).toBe(1);
    expect(r2.stderr.trim().split('\n')).toHaveLength(1);
    expect(r2.stderr).toMatch(/no-rsrp\.csv: .*rsrp/i);
    const r3 = await run(['calibrate', '--scenario', scenarioFile, '--measurements', csvFile, '--out', out, '--folds', '1']);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toBe('phusong: calibrate: --folds must be a whole number 2–100, got "1"\n');
    const r4 = await run(['calibrate', '--scenario', scenarioFile, '--measurements', csvFile]);
    expect(r4.code).toBe(2);
    expect(r4.stderr).toBe('phusong: calibrate: missing --out <dir>\n');
  });
});
