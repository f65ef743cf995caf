/**
 * Benchmark of terrain-aware ITM (issue 12), on the SYNTHETIC DEM of data/make-synthetic-dem.ts:
 *
 * 1. One site, 25 km radius, 30 m cells: `itmPointToArea` in this thread (one JIT warm-up run
 *    at 10 km first), wall time of the best of `runs` timed runs (target ≤ 1 s).
 * 2. When `splat-hd` (Debian package `splat`, SPLAT! HD 1.4.2) is on the PATH: the same site,
 *    DEM (written as SDF tiles), frequency, heights and ITM settings (`-olditm`: Longley-Rice
 *    1.2.2 instead of ITWOM), `-L` path-loss map with `-ano` output, timed in the same run;
 *    the speed-up ratio (target ≥ 20×) and the agreement over the cells both compute: median
 *    and 90th percentile of |phusong − SPLAT!|. A point-to-point run between two asymmetric
 *    points checks that SPLAT! reads the SDF values where the DEM has them.
 * 3. Province scale: 400 sites × 3 sectors, 50 m cells, 10 km radius, ITM: ESTIMATED as the
 *    mean time of `provinceSample` sector maps in one thread × 1200 / 2 workers.
 *
 * `runItmBench()` returns the figures for bench/run.ts (`itm_site_25km_30m_s`,
 * `splat_hd_site_25km_30m_s` only with SPLAT!, `itm_vs_splat_speedup`,
 * `itm_vs_splat_median_abs_db`, `itm_province_s`, and a few more); `tsx bench/itm.ts` prints them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSyntheticDem, SYNTHETIC_SITE, writeSplatSdfTiles, type SyntheticDem } from '../data/make-synthetic-dem.ts';
import { cellAt } from '../src/core/grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../src/core/grid/projection.ts';
import type { ItmParams } from '../src/core/itm/params.ts';
import { demHeightAtM } from '../src/core/terrain/dem.ts';
import { itmPointToArea } from '../src/core/terrain/point-to-area.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const OUT = join(ROOT, 'bench', 'out', 'itm');

/** Radio settings shared by phusong and SPLAT! (SPLAT!'s `point_to_point_ITM` uses mdvar 12, location 50 %). */
export const BENCH_ITM_PARAMS: ItmParams = {
  climate: 5, n0: 301, freqMHz: 900, polarization: 1, epsilon: 15, sigmaSPerM: 0.005,
  mdvar: 12, timePct: 50, locationPct: 50, situationPct: 50,
};
const SITE_HEIGHT_M = 30;
const RX_HEIGHT_M = 1.5;
const RADIUS_M = 25_000;

export interface ItmBenchOptions {
  /** Timed runs of the 25 km map (default 2). */
  readonly runs?: number;
  /** Sector maps timed for the province estimate (default 12). */
  readonly provinceSample?: number;
  /** Skip SPLAT! even when installed (default false). */
  readonly skipSplat?: boolean;
  readonly log?: (line: string) => void;
}

function median(values: Float64Array | number[]): number {
  const a = Float64Array.from(values).sort();
  const n = a.length;
  return n === 0 ? NaN : n % 2 ? a[(n - 1) / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
}

function quantile(values: Float64Array, q: number): number {
  const a = Float64Array.from(values).sort();
  return a.length === 0 ? NaN : a[Math.min(a.length - 1, Math.floor(q * (a.length - 1) + 0.5))];
}

function hasSplat(): boolean {
  const r = spawnSync('sh', ['-c', 'command -v splat-hd'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

/** SDF tiles of the synthetic DEM, written once into bench/out/itm/sdf (a stamp names the DEM). */
function sdfTiles(s: SyntheticDem): string {
  const dir = join(OUT, 'sdf');
  const g = s.dem.grid;
  const stamp = `${s.terrain.seed} ${g.width}x${g.height} ${g.originX} ${g.originY} ${g.cellSizeM}\n`;
  const stampFile = join(dir, 'STAMP');
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
    writeSplatSdfTiles(s.dem, dir);
    writeFileSync(stampFile, stamp);
  }
  return dir;
}

/** A SPLAT! site file (west longitude, metres with -metric). */
function qth(name: string, lonDeg: number, latDeg: number, heightM: number): string {
  return `${name}\n${latDeg.toFixed(6)}\n${(360 - lonDeg).toFixed(6)}\n${heightM} meters\n`;
}

function lrp(p: ItmParams): string {
  return [
    `${p.epsilon.toFixed(3)} ; Earth Dielectric Constant (Relative permittivity)`,
    `${p.sigmaSPerM.toFixed(3)} ; Earth Conductivity (Siemens per meter)`,
    `${p.n0.toFixed(3)} ; Atmospheric Bending Constant (N-units)`,
    `${p.freqMHz.toFixed(3)} ; Frequency in MHz (20 MHz to 20 GHz)`,
    `${p.climate} ; Radio Climate`,
    `${p.polarization} ; Polarization (0 = Horizontal, 1 = Vertical)`,
    `${(p.situationPct / 100).toFixed(2)} ; Fraction of situations`,
    `${(p.timePct / 100).toFixed(2)} ; Fraction of time`,
    '',
  ].join('\n');
}

/** Runs splat-hd in `dir`; returns wall seconds. */
function runSplat(dir: string, args: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync('splat-hd', args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 1_800_000 });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`splat-hd ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' | ')}`);
  return s;
}

/**
 * Orientation check of the SDF writer: SPLAT!'s report gives the ground elevation it reads at
 * both ends of a path between the ridge and the highest western hill; returns those and the
 * DEM's, and the DEM at the east–west mirror points (what a mirrored reading would give).
 */
function checkSdfOrientation(s: SyntheticDem, sdfDir: string, dir: string): { splat: number[]; dem: number[]; mirrored: number[] } {
  const { dem, site } = s;
  let best = -Infinity;
  let west: [number, number] = [0, 0];
  for (let dx = -20_000; dx <= -3000; dx += 300) {
    for (let dy = -20_000; dy <= 20_000; dy += 300) {
      const h = demHeightAtM(dem, site.xM + dx, site.yM + dy);
      if (h > best) {
        best = h;
        west = [dx, dy];
      }
    }
  }
  const points: [number, number][] = [[9000, 8500], west];
  const names = ['ridge', 'hill'];
  points.forEach(([dx, dy], i) => {
    const [lon, lat] = utmToLonLat(site.xM + dx, site.yM + dy);
    writeFileSync(join(dir, `${names[i]}.qth`), qth(names[i], lon, lat, 10));
  });
  runSplat(dir, ['-t', 'ridge.qth', '-r', 'hill.qth', '-metric', '-olditm', '-d', `${sdfDir}/`]);
  const report = readFileSync(join(dir, 'ridge-to-hill.txt'), 'latin1');
  const splat = [...report.matchAll(/Ground elevation: ([-\d.]+) meters/g)].map((m) => Number(m[1]));
  return {
    splat,
    dem: points.map(([dx, dy]) => Math.round(demHeightAtM(dem, site.xM + dx, site.yM + dy))),
    mirrored: points.map(([dx, dy]) => Math.round(demHeightAtM(dem, site.xM - dx, site.yM + dy))),
  };
}

/** |phusong − SPLAT!| at every point of SPLAT!'s .ano file that falls in a computed cell. */
function agreement(s: SyntheticDem, map: Float32Array, anoFile: string): Float64Array {
  const text = readFileSync(anoFile, 'latin1');
  const diffs: number[] = [];
  let at = 0;
  for (;;) {
    const end = text.indexOf('\n', at);
    if (end < 0) break;
    const line = text.slice(at, end);
    at = end + 1;
    if (line.includes(';')) continue;
    const f = line.split(',');
    if (f.length < 5) continue;
    const lat = Number(f[0]);
    const lonEast = 360 - Number(f[1]);
    const loss = Number.parseFloat(f[4]);
    const [x, y] = lonLatToUtm(lonEast, lat);
    const c = cellAt(s.dem.grid, x, y);
    if (!c) continue;
    const v = map[c.row * s.dem.grid.width + c.col];
    if (Number.isFinite(v) && Number.isFinite(loss)) diffs.push(Math.abs(v - loss));
  }
  return Float64Array.from(diffs);
}

/** The figures of the ITM benchmark (see the module comment). */
export async function runItmBench(options: ItmBenchOptions = {}): Promise<Record<string, number>> {
  const log = options.log ?? (() => {});
  const runs = Math.max(1, options.runs ?? 2);
  const metrics: Record<string, number> = {};
  const s = makeSyntheticDem({ halfSizeM: 26_000, cellSizeM: 30 });
  const site = { xM: s.site.xM, yM: s.site.yM, heightM: SITE_HEIGHT_M };
  const g = s.dem.grid;
  log(`SYNTHETIC DEM ${g.width} × ${g.height} cells of 30 m around ${SYNTHETIC_SITE.lonDeg}° E ${SYNTHETIC_SITE.latDeg}° N; site ${SITE_HEIGHT_M} m, receiver ${RX_HEIGHT_M} m, ${BENCH_ITM_PARAMS.freqMHz} MHz`);

  // 1. phusong, one thread.
  itmPointToArea(s.dem, site, RX_HEIGHT_M, 10_000, BENCH_ITM_PARAMS);
  let best = Infinity;
  let map: Float32Array = new Float32Array(0);
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    map = itmPointToArea(s.dem, site, RX_HEIGHT_M, RADIUS_M, BENCH_ITM_PARAMS);
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  let cells = 0;
  for (const v of map) if (v === v) cells++;
  metrics.itm_site_25km_30m_s = best;
  metrics.itm_site_25km_30m_cells = cells;
  metrics.itm_site_25km_30m_us_per_cell = (best * 1e6) / cells;
  log(`phusong ITM point-to-area, 25 km, 30 m, 1 thread: ${best.toFixed(2)} s (best of ${runs}), ${cells} cells, ${metrics.itm_site_25km_30m_us_per_cell.toFixed(2)} µs/cell; target ≤ 1 s: ${best <= 1 ? 'met' : `missed (×${best.toFixed(1)})`}`);

  // 2. SPLAT!
  if (!options.skipSplat && hasSplat()) {
    const dir = join(OUT, 'splat');
    mkdirSync(dir, { recursive: true });
    const sdfDir = sdfTiles(s);
    const check = checkSdfOrientation(s, sdfDir, dir);
    const oriented = check.splat.length === 2 && check.splat.every((v, i) => v === check.dem[i]);
    log(`SDF orientation: SPLAT! reads ${check.splat.join(' / ')} m at the ridge / western hill, the DEM has ${check.dem.join(' / ')} m (an east–west mirrored reading would give ${check.mirrored.join(' / ')} m): ${oriented ? 'ok' : 'MISMATCH'}`);
    metrics.itm_sdf_orientation_ok = oriented ? 1 : 0;
    writeFileSync(join(dir, 'site.qth'), qth('site', SYNTHETIC_SITE.lonDeg, SYNTHETIC_SITE.latDeg, SITE_HEIGHT_M));
    writeFileSync(join(dir, 'site.lrp'), lrp(BENCH_ITM_PARAMS));
    const splatS = runSplat(dir, ['-t', 'site.qth', '-L', String(RX_HEIGHT_M), '-R', String(RADIUS_M / 1000), '-metric', '-olditm', '-d', `${sdfDir}/`, '-ano', 'site.ano', '-N', '-o', 'site.ppm']);
    metrics.splat_hd_site_25km_30m_s = splatS;
    metrics.itm_vs_splat_speedup = splatS / best;
    log(`SPLAT! HD 1.4.2 -olditm, same site: ${splatS.toFixed(1)} s wall (loading 4 SDF tiles, the map, the .ppm and the .ano included) → phusong ×${metrics.itm_vs_splat_speedup.toFixed(1)}; target ≥ 20×: ${metrics.itm_vs_splat_speedup >= 20 ? 'met' : 'missed'}`);
    // SPLAT!'s fixed cost (tiles in, 7200 × 7230 .ppm out) from the same run at a 0.5 km radius.
    const fixedS = runSplat(dir, ['-t', 'site.qth', '-L', String(RX_HEIGHT_M), '-R', '0.5', '-metric', '-olditm', '-d', `${sdfDir}/`, '-N', '-o', 'small.ppm']);
    metrics.splat_hd_fixed_io_s = fixedS;
    metrics.itm_vs_splat_speedup_compute_only = Math.max(0, splatS - fixedS) / best;
    log(`SPLAT! fixed cost (same run at 0.5 km: tiles read, .ppm written): ${fixedS.toFixed(1)} s → on SPLAT!'s ITM work alone (${(splatS - fixedS).toFixed(1)} s) phusong ×${metrics.itm_vs_splat_speedup_compute_only.toFixed(1)}`);
    const diffs = agreement(s, map, join(dir, 'site.ano'));
    // The maps are large (≈ 100 MB .ano, 2 × 150 MB .ppm) and rewritten each run.
    for (const f of ['site.ano', 'site.ppm', 'small.ppm']) rmSync(join(dir, f), { force: true });
    metrics.itm_vs_splat_points = diffs.length;
    metrics.itm_vs_splat_median_abs_db = median(diffs);
    metrics.itm_vs_splat_p90_abs_db = quantile(diffs, 0.9);
    log(`agreement over ${diffs.length} SPLAT! points in computed cells: median |Δ| ${metrics.itm_vs_splat_median_abs_db.toFixed(2)} dB, 90th percentile ${metrics.itm_vs_splat_p90_abs_db.toFixed(2)} dB`);
  } else {
    log('splat-hd not installed (apt-get install splat): SPLAT! comparison skipped');
  }

  // 3. Province scale, estimated.
  const sample = Math.max(3, options.provinceSample ?? 12);
  const province = makeSyntheticDem({ halfSizeM: 40_000, cellSizeM: 50, seed: 7 });
  let seed = 99;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  itmPointToArea(province.dem, { xM: province.site.xM, yM: province.site.yM, heightM: 30 }, RX_HEIGHT_M, 5000, BENCH_ITM_PARAMS);
  const t0 = performance.now();
  let at = { xM: 0, yM: 0, heightM: 0 };
  for (let i = 0; i < sample; i++) {
    // Three sectors per site, each its own map (ITM's basic loss does not depend on the
    // antenna, so sectors of one site at one height and frequency could share a map: ÷3).
    if (i % 3 === 0) at = { xM: province.site.xM + (next() - 0.5) * 50_000, yM: province.site.yM + (next() - 0.5) * 50_000, heightM: 25 + 15 * next() };
    itmPointToArea(province.dem, at, RX_HEIGHT_M, 10_000, BENCH_ITM_PARAMS);
  }
  const perSector = (performance.now() - t0) / 1000 / sample;
  metrics.itm_province_sector_s = perSector;
  metrics.itm_province_s = (perSector * 1200) / 2;
  log(`province, 400 sites × 3 sectors, 50 m, 10 km, ITM: ESTIMATED ${metrics.itm_province_s.toFixed(0)} s on 2 workers (${perSector.toFixed(3)} s per sector map in one thread × 1200 / 2)`);
  return metrics;
}

/** The figures as a bench/run.ts module result (lines for the table, metrics for --json). */
export async function benchItm(log: (line: string) => void = () => {}): Promise<{ lines: { metric: string; value: number; unit: string; note: string }[]; metrics: Record<string, number> }> {
  const m = await runItmBench({ log });
  const lines = [
    { metric: 'ITM point-to-area, 1 site, 25 km, 30 m, 1 thread', value: m.itm_site_25km_30m_s * 1000, unit: 'ms', note: `target ≤ 1000: ${m.itm_site_25km_30m_s <= 1 ? 'met' : 'missed'}` },
    { metric: 'ITM province, 1200 sector maps, 50 m, 10 km, 2 workers (ESTIMATED)', value: m.itm_province_s, unit: 's', note: 'per-sector time × 1200 / 2' },
  ];
  if (m.splat_hd_site_25km_30m_s !== undefined) {
    lines.push({ metric: 'SPLAT! HD -olditm, same site', value: m.splat_hd_site_25km_30m_s * 1000, unit: 'ms', note: `phusong ×${m.itm_vs_splat_speedup.toFixed(1)}; target ≥ 20: ${m.itm_vs_splat_speedup >= 20 ? 'met' : 'missed'}` });
    lines.push({ metric: 'median |phusong − SPLAT!| (×1000)', value: m.itm_vs_splat_median_abs_db * 1000, unit: 'mdB', note: `p90 ${m.itm_vs_splat_p90_abs_db.toFixed(2)} dB` });
  }
  return { lines, metrics: m };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const metrics = await runItmBench({ log: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(metrics)}\n`);
}
