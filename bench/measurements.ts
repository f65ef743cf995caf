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
 * timed. Run alone: `npx tsx bench/measurements.ts`.
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

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await runMeasurementsBench({ log: (l) => process.stdout.write(`  ${l}\n`) });
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
