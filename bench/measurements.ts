/**
 * Benchmark of issue 14: a 1,000,000-point synthetic drive test (the analytic test network of
 * src/core/measurements/fixtures.ts, 7 × 7 sites, TR 36.942 macro path loss as the "model")
 * written to a temporary CSV file, then
 * - import: the file streamed in 1 MiB chunks through the UTF-8 decoder and the streaming CSV
 *   reader into typed arrays (`measurements_import_1m_s`); the longest single chunk
 *   (`measurements_import_max_chunk_ms`) is the longest task a worker would run between two
 *   messages;
 * - calibrate: association (projection, grid cell, clutter class, PCI match), prediction by the
 *   analytic model, error statistics and the k-fold calibration (`measurements_calibrate_1m_s`;
 *   the parts in `measurements_associate_1m_s`, `measurements_predict_1m_s`,
 *   `measurements_stats_1m_s`, `measurements_fit_1m_s`);
 * - memory: the largest resident set size sampled during import and calibration
 *   (`measurements_peak_mb`), and its rise over the resident size before the import
 *   (`measurements_rss_rise_mb`).
 * The file is generated 10 paths at a time (never a million points in memory) before anything is
 * timed. Run alone: `npx tsx bench/measurements.ts`; `--app` runs {@link runMeasurementsAppBench}
 * instead (the sample network through the engine), `--browser` that and the app in chromium.
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gridBBox, type BBoxM } from '../src/core/grid/grid.ts';
import { associateMeasurements, buildErrorSample } from '../src/core/measurements/associate.ts';
import { calibrate } from '../src/core/measurements/calibrate.ts';
import { MeasurementCsvParser } from '../src/core/measurements/csv-stream.ts';
import { TEST_TRUTH, testNetwork } from '../src/core/measurements/fixtures.ts';
import { PointsBuilder } from '../src/core/measurements/points.ts';
import { errorStatistics } from '../src/core/measurements/stats.ts';
import { driveTestCsv, generateDriveTest } from '../src/core/measurements/synthetic.ts';

export interface MeasurementsBenchOptions {
  /** Points in the file (default 1,000,000). */
  readonly points?: number;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

const MB = 1024 * 1024;

/** Runs the bench; figures in seconds, milliseconds and MiB (keys in the module comment). */
export async function runMeasurementsBench(options: MeasurementsBenchOptions = {}): Promise<Record<string, number>> {
  const target = options.points ?? 1_000_000;
  const log = options.log ?? (() => {});
  const net = testNetwork(7, 3000, 50);
  const [x0, y0, x1, y1] = gridBBox(net.grid);
  const inner: BBoxM = [x0 + 1, y0 + 1, x1 - 1, y1 - 1];
  const dir = mkdtempSync(join(tmpdir(), 'phusong-measurements-'));
  const file = join(dir, 'synthetic-drive-test-1m.csv');
  try {
    // Generate: 20 km paths of 1,000 points (20 m steps), 10 paths per call, appended to the file.
    let written = 0;
    let first = true;
    for (let seed = 1; written < target; seed++) {
      const dt = generateDriveTest({
        seed, sectors: net.sectors, predictRsrpDbm: net.predict, classAt: net.classAt, truth: TEST_TRUTH, starts: net.sites, bounds: inner,
        pathCount: 10, pathLengthM: 20000, stepM: 20, shadowSigmaDb: 7, candidateRadiusM: 4000,
      });
      const pieces = [...driveTestCsv(dt, { startTimeMs: Date.UTC(2026, 0, 5) + written * 1000 })];
      if (!first) pieces.shift(); // the header once
      let text = pieces.join('');
      const room = target - written;
      if (dt.count > room) text = text.split('\n').slice(0, (first ? 1 : 0) + room).join('\n') + '\n';
      if (first) writeFileSync(file, text);
      else appendFileSync(file, text);
      written += Math.min(dt.count, room);
      first = false;
    }
    const fileMb = statSync(file).size / MB;
    log(`file: ${written} points, ${fileMb.toFixed(1)} MiB`);

    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sample = () => {
      const r = process.memoryUsage().rss;
      if (r > peak) peak = r;
    };

    // Import, streamed.
    const t0 = performance.now();
    const builder = new PointsBuilder(1 << 16);
    const parser = new MeasurementCsvParser('synthetic-drive-test-1m.csv', { columns: { cellId: null } }, (b) => {
      builder.append(b.points, b.newCellIds, b.cellIdBase);
      sample();
    });
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let maxChunkMs = 0;
    let chunks = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: MB })) {
      const c0 = performance.now();
      parser.push(decoder.decode(chunk as Buffer, { stream: true }));
      const dt = performance.now() - c0;
      if (dt > maxChunkMs) maxChunkMs = dt;
      chunks++;
    }
    parser.push(decoder.decode());
    const summary = parser.end();
    const points = builder.finish();
    const importS = (performance.now() - t0) / 1000;
    sample();
    log(`import: ${points.count} points, ${summary.problemCount} problems, ${importS.toFixed(2)} s, ${chunks} chunks, longest ${maxChunkMs.toFixed(1)} ms`);

    // Associate, predict, statistics, calibrate.
    const sectors = net.sectors.map(({ index, xM, yM, pci, carrierFreqMHz }) => ({ index, xM, yM, pci, carrierFreqMHz }));
    const t1 = performance.now();
    const assoc = associateMeasurements(points, builder.cellIds, sectors, { grid: net.grid, clutter: net.clutter });
    const t2 = performance.now();
    sample();
    const { sample: errors } = buildErrorSample(points, assoc, net.predict);
    const t3 = performance.now();
    const stats = errorStatistics(errors);
    const t4 = performance.now();
    sample();
    const result = calibrate(errors, { name: 'bench' });
    const t5 = performance.now();
    sample();
    const calibrateS = (t5 - t1) / 1000;
    log(`calibrate: ${assoc.nUsed} associated, rmse ${stats.overall.rmseDb.toFixed(2)} → ${result.summary.rmseAfterDb.toFixed(2)} dB (held out), ${calibrateS.toFixed(2)} s`);

    return {
      measurements_points: points.count,
      measurements_file_mb: Math.round(fileMb * 10) / 10,
      measurements_import_1m_s: round3(importS),
      measurements_import_max_chunk_ms: Math.round(maxChunkMs * 10) / 10,
      measurements_calibrate_1m_s: round3(calibrateS),
      measurements_associate_1m_s: round3((t2 - t1) / 1000),
      measurements_predict_1m_s: round3((t3 - t2) / 1000),
      measurements_stats_1m_s: round3((t4 - t3) / 1000),
      measurements_fit_1m_s: round3((t5 - t4) / 1000),
      measurements_peak_mb: Math.round(peak / MB),
      measurements_rss_rise_mb: Math.round((peak - rss0) / MB),
      measurements_rmse_after_db: Math.round(result.summary.rmseAfterDb * 100) / 100,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The app's path on the SAMPLE network (issue 14, acceptance 3): a 1,000,000-point SYNTHETIC
 * drive test on its LTE 1800 carrier (tests/e2e/measurements.ts `writeSyntheticDriveTest`: the
 * engine's own prediction, −6 dB, shadowing σ 6 dB), then
 * - in Node, what `phusong calibrate` does: streamed import, comparison with the engine's scene
 *   (ground made as the app makes it: WorldPop, water, communes; 100 m cells) and the k-fold fit
 *   (`measurements_app_*_s`, `measurements_app_peak_mb`);
 * - with `browser: true`, the app in headless chromium (?cell=100, a Vite server without file
 *   watching so that edits elsewhere do not reload the page): the file chosen in the measurements
 *   section until the preview is shown (read in the measurement worker), then "import" until the
 *   comparison is shown (statistics, charts; the map layer switched off), then "calibrate", then
 *   the error layer switched on (the map's frames); the main thread's long tasks
 *   (PerformanceObserver 'longtask', Chromium: every task over 50 ms) in each window, and the
 *   largest resident memory of this browser's processes (renderer and workers included).
 */
export async function runMeasurementsAppBench(options: MeasurementsBenchOptions & { readonly browser?: boolean } = {}): Promise<Record<string, number>> {
  const target = options.points ?? 1_000_000;
  const log = options.log ?? (() => {});
  const { writeSyntheticDriveTest } = await import('../tests/e2e/measurements.ts');
  const dir = mkdtempSync(join(tmpdir(), 'phusong-measurements-app-'));
  const file = join(dir, 'synthetic-drive-test-sample-1m.csv');
  const out: Record<string, number> = {};
  try {
    const t00 = performance.now();
    // 2,000 steps a path, about 94 % of them within the reporting range.
    const n = writeSyntheticDriveTest(file, { paths: Math.ceil(target / 1880), lengthKm: 40, stepM: 20, seed: 7, startSites: 60 });
    log(`file: ${n} points, ${(statSync(file).size / MB).toFixed(1)} MiB (generated in ${((performance.now() - t00) / 1000).toFixed(1)} s)`);
    out.measurements_app_points = n;

    // Node: the command line's path.
    const { Readable } = await import('node:stream');
    const { importMeasurementStream } = await import('../src/core/measurements/import.ts');
    const { calibrateComparison, compareMeasurements } = await import('../src/core/measurements/compare.ts');
    const { planScene, sceneGrid } = await import('../src/core/coverage/scene.ts');
    const { parseScenario } = await import('../src/core/scenario/scenario.ts');
    const { parseBoundaryGeoJson } = await import('../src/core/boundaries/boundaries.ts');
    const { readGround } = await import('../src/cli/ground-input.ts');
    const { readFileSync } = await import('node:fs');
    const root = join(import.meta.dirname, '..');
    const { scenario } = parseScenario(readFileSync(join(root, 'data/scenarios/sample-network.json'), 'utf8'), 'sample-network.json');
    const province = JSON.parse(readFileSync(join(root, 'public/data/vinh-long-province-2025.geojson'), 'utf8')) as { features: { geometry: { type: string; coordinates: number[][][] | number[][][][] } }[] };
    const rings = province.features.flatMap((f) => (f.geometry.type === 'Polygon' ? (f.geometry.coordinates as number[][][]) : (f.geometry.coordinates as number[][][][]).flat()));
    const communesFile = join(root, 'public/data/vinh-long-communes-2025.geojson');
    const ground = await readGround(sceneGrid(rings, 100), parseBoundaryGeoJson(readFileSync(communesFile, 'utf8'), communesFile, 'name').features, communesFile, {});
    let peak = process.memoryUsage().rss;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const t0 = performance.now();
    const preview = await importMeasurementStream(Readable.toWeb(createReadStream(file, { highWaterMark: MB })) as unknown as ReadableStream<Uint8Array>, 'sample-1m.csv', {}, sample);
    const t1 = performance.now();
    const scene = planScene(scenario, rings, { cellSizeM: 100, carrierIds: ['lte1800'] }, ground.ground.clutter);
    const cmp = compareMeasurements({ points: preview.points, cellIds: preview.cellIds, scene, scenario, carrier: 0 });
    sample();
    const t2 = performance.now();
    const fit = calibrateComparison(cmp, scene, { name: 'bench' });
    sample();
    const t3 = performance.now();
    out.measurements_app_import_node_s = round3((t1 - t0) / 1000);
    out.measurements_app_compare_node_s = round3((t2 - t1) / 1000);
    out.measurements_app_fit_node_s = round3((t3 - t2) / 1000);
    out.measurements_app_node_peak_mb = Math.round(peak / MB);
    out.measurements_app_rmse_before_db = Math.round(fit.result.summary.rmseBeforeDb * 100) / 100;
    out.measurements_app_rmse_after_db = Math.round(fit.result.summary.rmseAfterDb * 100) / 100;
    log(`node: import ${out.measurements_app_import_node_s} s, compare ${out.measurements_app_compare_node_s} s (${cmp.association.countBy.cellId} by cell id), fit ${out.measurements_app_fit_node_s} s, peak ${out.measurements_app_node_peak_mb} MiB; held-out RMSE ${out.measurements_app_rmse_before_db} → ${out.measurements_app_rmse_after_db} dB`);

    if (options.browser) Object.assign(out, await browserRun(file, log));
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The browser part of {@link runMeasurementsAppBench}. */
async function browserRun(file: string, log: (line: string) => void): Promise<Record<string, number>> {
  const { createServer } = await import('vite');
  const { execFileSync } = await import('node:child_process');
  const { ROOT } = await import('../tests/e2e/harness.ts');
  const { chromium } = await import('playwright-core');
  const server = await createServer({ root: ROOT, logLevel: 'error', server: { port: 0, host: '127.0.0.1', hmr: false, watch: { ignored: ['**/*'] } } });
  await server.listen();
  const url = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}/`;
  // Our own chromium (the harness's flags), so that its processes can be told from other runs' on the machine.
  const profile = mkdtempSync(join(tmpdir(), 'phusong-bench-measurements-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, viewport: { width: 1366, height: 768 },
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
  });
  const browser = { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
  let peakMb = 0;
  /** Resident memory of this browser's process tree (the process started with our profile and its descendants), MiB. */
  const rss = () => {
    try {
      const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8', maxBuffer: 64 * MB }).split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 4);
      const mine = new Set(rows.filter((f) => f.slice(3).join(' ').includes(profile)).map((f) => f[0]));
      for (let grew = true; grew;) {
        grew = false;
        for (const f of rows) {
          if (mine.has(f[0]) || !mine.has(f[1])) continue;
          mine.add(f[0]);
          grew = true;
        }
      }
      return rows.filter((f) => mine.has(f[0])).reduce((a, f) => a + Number(f[2]), 0) / 1024;
    } catch {
      return 0;
    }
  };
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, rss())), 200);
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      type Loaf = { start: number; duration: number; renderMs: number; scripts: { what: string; ms: number }[] };
      const w = window as unknown as { __long: { start: number; duration: number }[]; __loaf: Loaf[] };
      w.__long = [];
      w.__loaf = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      // Long animation frames (Chromium): which scripts a long frame ran, and how long its rendering took.
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { startTime: number; duration: number; renderStart: number; scripts: { invoker: string; sourceURL: string; sourceFunctionName: string; duration: number }[] }[]) {
            w.__loaf.push({
              start: e.startTime, duration: e.duration, renderMs: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
              scripts: e.scripts.map((x) => ({ what: `${x.invoker} ${x.sourceFunctionName} ${x.sourceURL.split('/').pop()}`, ms: Math.round(x.duration) })),
            });
          }
        }).observe({ type: 'long-animation-frame', buffered: true });
      } catch {
        // not this browser
      }
    });
    await page.goto(`${url}?cell=100&autosave=off&debug`);
    await page.waitForFunction(() => window.__phusong?.coverageSeq > 0, null, { timeout: 300000, polling: 250 });
    await page.evaluate(() => window.__phusong.idle());
    await page.click('#mode-planning');
    const now = () => page.evaluate(() => performance.now());
    const longIn = (a: number, b: number) => page.evaluate(([x, y]) => (window as unknown as { __long: { start: number; duration: number }[] }).__long.filter((l) => l.start >= x && l.start <= y).map((l) => Math.round(l.duration)), [a, b] as const);
    const memBefore = rss();
    // The map layer is switched off for the import and the comparison (it is drawn afterwards, below):
    // under software WebGL every MapLibre frame is a 100–250 ms task of its own (bench/RESULTS.md).
    await page.evaluate(() => ((document.getElementById('meas-layer') as HTMLSelectElement).value = 'none'));
    const a0 = await now();
    await page.setInputFiles('#meas-file', file);
    await page.waitForSelector('#meas-preview', { timeout: 600000 });
    const a1 = await now();
    await page.click('#meas-preview-import');
    await page.waitForFunction(() => (window.__phusong.store.get().measurements as { comparison?: unknown } | undefined)?.comparison != null, null, { timeout: 600000, polling: 100 });
    await page.waitForTimeout(300);
    const a2 = await now();
    await page.click('#meas-calibrate');
    await page.waitForFunction(() => (window.__phusong.store.get().measurements as { calibration?: unknown } | undefined)?.calibration != null, null, { timeout: 600000, polling: 100 });
    const a3 = await now();
    // Then the error layer drawn: the map's frames.
    await page.evaluate(() => {
      const sel = document.getElementById('meas-layer') as HTMLSelectElement;
      sel.value = 'error';
      sel.dispatchEvent(new Event('change'));
    });
    await page.waitForTimeout(3000);
    const a4 = await now();
    const importLong = await longIn(a0, a1), compareLong = await longIn(a1, a2), fitLong = await longIn(a2, a3), drawLong = await longIn(a3, a4);
    // What the long frames of the import and comparison windows ran (script attribution), for the log.
    const frames = await page.evaluate(([x, y]) => (window as unknown as { __loaf: { start: number; duration: number; renderMs: number; scripts: { what: string; ms: number }[] }[] }).__loaf.filter((l) => l.start >= x && l.start <= y && l.duration > 50), [a0, a2] as const);
    for (const f of frames) log(`long frame at +${Math.round(f.start - a0)} ms: ${Math.round(f.duration)} ms, rendering ${Math.round(f.renderMs)} ms; scripts: ${f.scripts.map((x) => `${x.what} ${x.ms} ms`).join('; ') || 'none'}`);
    const longestScript = Math.max(0, ...frames.flatMap((f) => f.scripts.map((x) => x.ms)));
    const r = {
      measurements_browser_import_s: round3((a1 - a0) / 1000),
      measurements_browser_compare_s: round3((a2 - a1) / 1000),
      measurements_browser_fit_s: round3((a3 - a2) / 1000),
      measurements_browser_import_longest_task_ms: Math.max(0, ...importLong),
      measurements_browser_compare_longest_task_ms: Math.max(0, ...compareLong),
      measurements_browser_fit_longest_task_ms: Math.max(0, ...fitLong),
      measurements_browser_draw_map_frames_ms_max: Math.max(0, ...drawLong),
      measurements_browser_import_compare_longest_script_ms: longestScript,
      measurements_browser_peak_mb: Math.round(Math.max(peakMb, rss())),
      measurements_browser_rss_before_mb: Math.round(memBefore),
    };
    log(`browser: import ${r.measurements_browser_import_s} s (long tasks [${importLong.join(', ')}] ms), compare + draw ${r.measurements_browser_compare_s} s ([${compareLong.join(', ')}] ms), fit ${r.measurements_browser_fit_s} s ([${fitLong.join(', ')}] ms), error layer drawn: map frames [${drawLong.join(', ')}] ms, chromium ${r.measurements_browser_rss_before_mb} → peak ${r.measurements_browser_peak_mb} MiB`);
    return r;
  } finally {
    clearInterval(sampler);
    await browser.close();
    await server.close();
  }
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const log = (l: string) => process.stdout.write(`  ${l}\n`);
  // `--app`: the sample network through the engine (Node), `--browser` also through the app.
  const app = process.argv.includes('--app') || process.argv.includes('--browser');
  const figures = app ? await runMeasurementsAppBench({ log, browser: process.argv.includes('--browser') }) : await runMeasurementsBench({ log });
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
