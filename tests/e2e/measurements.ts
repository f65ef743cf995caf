/**
 * Drive-test measurements (issue 14, acceptance 4): a SYNTHETIC drive test over the sample
 * network (generated here with src/core/measurements/synthetic.ts: RSRP = the model + a hidden
 * offset of −6 dB + Gudmundson shadowing) is imported (preview, then import), the error layer
 * and the scatter plot appear, a calibration is fitted and applied — the coverage value at a
 * point changes by the correction — and undo restores it exactly. The longest main-thread task
 * during the import is checked (< 50 ms). Screenshots are written to test-results/.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { planScene } from '../../src/core/coverage/scene.ts';
import { gridBBox } from '../../src/core/grid/grid.ts';
import { scenePredictor } from '../../src/core/measurements/predict.ts';
import { driveTestCsv, generateDriveTest } from '../../src/core/measurements/synthetic.ts';
import { parseScenario } from '../../src/core/scenario/scenario.ts';
import { assert, idle, openApp, ROOT, shot, type Journey } from './harness.ts';

/** EARFCN of the sample's LTE carrier, 1842.5 MHz in band 3: 1200 + (1842.5 − 1805) × 10. */
const EARFCN_LTE1800 = 1575;

/**
 * Writes a SYNTHETIC drive test on the sample network's LTE 1800 carrier: `paths` paths of
 * `lengthKm` started near the first sites, a point every `stepM`, measured = model − 6 dB +
 * shadowing (σ 6 dB, 50 m); cell_id = sector id, EARFCN of the carrier.
 * @returns the number of points
 */
export function writeSyntheticDriveTest(file: string, o: { paths: number; lengthKm: number; stepM: number; seed: number; startSites?: number }): number {
  const { scenario } = parseScenario(readFileSync(join(ROOT, 'data/scenarios/sample-network.json'), 'utf8'), 'sample-network.json');
  const province = JSON.parse(readFileSync(join(ROOT, 'public/data/vinh-long-province-2025.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const rings: Position[][] = province.features.flatMap((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat()));
  const scene = planScene(scenario, rings, { carrierIds: ['lte1800'], cellSizeM: 200 });
  const model = scenePredictor(scene, 0);
  // Start near the sites closest to the first one (6 by default: a drive test of one town and its surroundings).
  const all = [...new Map(scene.sectors.map((s) => [s.siteId, { xM: s.xM, yM: s.yM }])).values()];
  const sites = [...all].sort((a, b) => Math.hypot(a.xM - all[0].xM, a.yM - all[0].yM) - Math.hypot(b.xM - all[0].xM, b.yM - all[0].yM)).slice(0, o.startSites ?? 6);
  const [x0, y0, x1, y1] = gridBBox(scene.grid);
  const dt = generateDriveTest({
    seed: o.seed, sectors: scene.sectors.map((s) => ({ index: s.index, xM: s.xM, yM: s.yM, pci: s.index % 504, earfcn: EARFCN_LTE1800, cellId: s.id })),
    predictRsrpDbm: (k, x, y) => model.rsrpDbm(k, x, y, 255), classAt: () => 1, truth: [undefined, { offsetDb: -6, slopeDbPerDecade: 0 }],
    starts: sites, bounds: [x0 + 1, y0 + 1, x1 - 1, y1 - 1], pathCount: o.paths, pathLengthM: o.lengthKm * 1000, stepM: o.stepM,
    shadowSigmaDb: 6, candidateRadiusM: 5000,
  });
  writeFileSync(file, '');
  for (const piece of driveTestCsv(dt, { sectorLabel: (i) => scene.sectors[i].id })) appendFileSync(file, piece);
  return dt.count;
}

type Meas = NonNullable<ReturnType<Window['__phusong']['store']['get']>['measurements']>;

export const measurementJourneys: Journey[] = [
  {
    name: 'measurements: import a drive test (preview), the error layer and the scatter plot appear, calibrate, apply (the coverage changes), undo restores it',
    async run(env) {
      const file = join(tmpdir(), 'synthetic-drive-test-e2e.csv');
      const n = writeSyntheticDriveTest(file, { paths: 24, lengthKm: 6, stepM: 20, seed: 5 });
      assert(n > 3000, `only ${n} synthetic points`);
      const { page, errors } = await openApp(env, 'cell=200');
      // The measurements section is in the planning mode of the panel.
      await page.click('#mode-planning');
      await page.setInputFiles('#meas-file', file);
      await page.waitForSelector('#meas-preview', { timeout: 60000 });
      const previewText = (await page.locator('#meas-preview').textContent()) ?? '';
      assert(previewText.includes('synthetic-drive-test-e2e.csv'), `preview: ${previewText.slice(0, 200)}`);
      const preview = await page.evaluate(() => window.__phusong.store.get().measurements!.preview!);
      assert(preview.pointsKept === n && preview.rowsRead === n, `preview: ${preview.pointsKept} of ${preview.rowsRead} points, expected ${n}`);
      await page.click('#meas-preview-import');
      await page.waitForFunction(() => (window.__phusong.store.get().measurements as { comparison?: unknown } | undefined)?.comparison != null, null, { timeout: 120000 });
      const cmp = await page.evaluate(() => {
        const c = (window.__phusong.store.get().measurements as Meas).comparison!;
        return { carrier: c.carrierId, from: c.carrierFrom, byCellId: c.countBy.cellId, compared: c.compared, mean: c.before.overall.meanErrorDb, drawn: c.images.error?.drawn ?? 0, longTasks: (window.__phusong.store.get().measurements as Meas).importLongTasksMs };
      });
      assert(cmp.carrier === 'lte1800' && cmp.from === 'channels', `carrier ${cmp.carrier} (${cmp.from})`);
      assert(cmp.byCellId > n * 0.9 && cmp.compared > n * 0.9, `associated by cell id ${cmp.byCellId}, compared ${cmp.compared} of ${n}`);
      // The app's model has the ground's clutter loss, which the generator's did not: the mean error is the hidden −6 dB plus that loss, far from 0.
      assert(Math.abs(cmp.mean) > 1, `mean error ${cmp.mean} dB`);
      assert(cmp.drawn > 1000, `error layer: ${cmp.drawn} points drawn`);
      assert(cmp.longTasks.every((d) => d < 50), `main-thread tasks during the import: ${cmp.longTasks.join(', ')} ms`);
      // The density's cells (one pixel each of the chart's picture) and the diagonal.
      const scatterCells = Number(await page.locator('#meas-scatter').getAttribute('data-cells'));
      assert((await page.locator('#meas-scatter image.density').count()) === 1 && (await page.locator('#meas-scatter line.diagonal').count()) === 1, 'scatter plot: no density picture or diagonal');
      const histBars = await page.locator('#meas-histogram rect').count();
      assert(scatterCells > 20 && histBars >= 80, `scatter ${scatterCells} cells, histogram ${histBars} bars`);
      const visible = await page.evaluate(() => window.__phusong.map.getLayoutProperty('measurements', 'visibility'));
      assert(visible === 'visible', `measurement layer visibility ${visible}`);
      // Frame the measured area and look at the error layer.
      const box = await page.evaluate(() => {
        const i = (window.__phusong.store.get().measurements as Meas).comparison!.images.error!;
        return [[i.westDeg, i.southDeg], [i.eastDeg, i.northDeg]] as [[number, number], [number, number]];
      });
      await page.evaluate((b) => window.__phusong.map.fitBounds(b, { padding: 30, duration: 0 }), box);
      await page.waitForTimeout(800);
      await page.evaluate(() => document.getElementById('meas-charts')?.scrollIntoView({ block: 'center' }));
      await shot(page, 'measurements-error-layer.png');

      // A point on the measured paths: the coverage there before the calibration.
      const at = await page.evaluate(() => {
        const i = (window.__phusong.store.get().measurements as Meas).comparison!.images.error!;
        return [(i.westDeg + i.eastDeg) / 2, (i.southDeg + i.northDeg) / 2] as [number, number];
      });
      const v0 = await page.evaluate(([lon, lat]) => window.__phusong.layerAt('rsrp', lon, lat), at);
      assert(Number.isFinite(v0), `no coverage at ${at}`);
      const seq0 = await page.evaluate(() => window.__phusong.coverageSeq);
      await page.fill('#meas-cal-name', 'SYNTHETIC e2e');
      await page.click('#meas-calibrate');
      await page.waitForFunction(() => (window.__phusong.store.get().measurements as Meas | undefined)?.calibration != null, null, { timeout: 120000 });
      const fit = await page.evaluate(() => (window.__phusong.store.get().measurements as Meas).calibration!);
      assert(fit.summary.rmseAfterDb < fit.summary.rmseBeforeDb - 1, `held-out RMSE ${fit.summary.rmseBeforeDb} → ${fit.summary.rmseAfterDb}`);
      assert(Math.abs(fit.summary.rmseAfterDb - 6) < 1.5, `held-out RMSE after ${fit.summary.rmseAfterDb} dB (σ 6 dB)`);
      const rows = await page.locator('#meas-cal-table tbody tr[data-class]').count();
      assert(rows === fit.model.perClass.length && rows > 0, `calibration table: ${rows} rows`);
      await page.click('#meas-apply');
      await page.waitForFunction((q) => window.__phusong.coverageSeq > q, seq0, { timeout: 240000 });
      await idle(page);
      const v1 = await page.evaluate(([lon, lat]) => window.__phusong.layerAt('rsrp', lon, lat), at);
      const applied = await page.evaluate(() => ({ name: window.__phusong.scenario()?.calibration?.name, legend: document.getElementById('legend')!.textContent ?? '', undo: window.__phusong.history.undoLabel }));
      assert(applied.name === 'SYNTHETIC e2e', `scenario calibration: ${applied.name}`);
      assert(Math.abs(v1 - v0) > 1, `coverage at the point: ${v0} → ${v1} dBm`);
      assert(applied.legend.includes('SYNTHETIC e2e'), `legend: ${applied.legend}`);
      // The comparison follows the new coverage: the error as on the map is now near 0 on average.
      await page.waitForFunction(() => (window.__phusong.store.get().measurements as Meas | undefined)?.comparison?.current != null, null, { timeout: 120000 });
      const after = await page.evaluate(() => (window.__phusong.store.get().measurements as Meas).comparison!.current!.overall.meanErrorDb);
      assert(Math.abs(after) < 1, `mean error on the map after calibration: ${after} dB`);
      await page.waitForTimeout(500);
      await shot(page, 'measurements-calibrated.png');

      const seq1 = await page.evaluate(() => window.__phusong.coverageSeq);
      await page.click('#undo');
      await page.waitForFunction((q) => window.__phusong.coverageSeq > q, seq1, { timeout: 240000 });
      await idle(page);
      const v2 = await page.evaluate(([lon, lat]) => window.__phusong.layerAt('rsrp', lon, lat), at);
      const undone = await page.evaluate(() => window.__phusong.scenario()?.calibration);
      assert(undone === undefined && v2 === v0, `after undo: calibration ${JSON.stringify(undone?.name)}, coverage ${v2} (was ${v0})`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      console.log(`      ${n} points; mean error ${cmp.mean.toFixed(2)} dB; held-out RMSE ${fit.summary.rmseBeforeDb.toFixed(2)} → ${fit.summary.rmseAfterDb.toFixed(2)} dB; coverage at the point ${v0.toFixed(2)} → ${v1.toFixed(2)} → ${v2.toFixed(2)} dBm; longest import task ${Math.max(0, ...cmp.longTasks).toFixed(0)} ms`);
    },
  },
];
