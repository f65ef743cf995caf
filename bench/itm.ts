/**
 * Benchmark of terrain-aware ITM (issue 12), on the SYNTHETIC DEM of data/make-synthetic-dem.ts,
 * measuring what the coverage engine computes (src/core/coverage/terrain-loss.ts
 * `computeTerrainMap`, the engine's ITM settings `TERRAIN_ITM_SETTINGS`):
 *
 * 1. One site, 25 km radius, 30 m cells, in this thread (one JIT warm-up run at 10 km first),
 *    wall time of the best of `runs` timed runs (target ≤ 1 s), with the engine's default
 *    evaluation stride (every 5th cell at 30 m, bilinear between); the same map evaluated in
 *    every cell (stride 1, one run) and the interpolation's error against it.
 * 2. When `splat-hd` (Debian package `splat`, SPLAT! HD 1.4.2) is on the PATH: the same site,
 *    DEM (written as SDF tiles), frequency, heights and ITM settings (`-olditm`: Longley-Rice
 *    1.2.2 instead of ITWOM), `-L` path-loss map with `-ano` output, timed in the same run;
 *    the speed-up ratio (target ≥ 20×) and the agreement over the cells both compute: median
 *    and 90th percentile of |phusong − SPLAT!|. A point-to-point run between two asymmetric
 *    points checks that SPLAT! reads the SDF values where the DEM has them.
 * 3. Province scale, MEASURED: the bench network of bench/coverage.ts (400 three-sector sites,
 *    LTE 1800 + NR 3500) over the Vĩnh Long outline at 50 m on a SYNTHETIC DEM of the
 *    province's grid, terrain 'itm' (10 km around each site), 2 worker threads: scene, terrain
 *    maps (made once in the pool) and every tile of both carriers, as `phusong coverage` runs it.
 *
 * `runItmBench()` returns the figures for bench/run.ts (`itm_site_25km_30m_s`,
 * `splat_hd_site_25km_30m_s` only with SPLAT!, `itm_vs_splat_speedup`,
 * `itm_vs_splat_median_abs_db`, `itm_province_s`, and a few more); `tsx bench/itm.ts` prints them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSyntheticDem, SYNTHETIC_SITE, syntheticHeightM, syntheticTerrain, writeSplatSdfTiles, type SyntheticDem } from '../data/make-synthetic-dem.ts';
import { DEFAULT_BOUNDARY, readBoundary } from '../src/cli/commands/coverage.ts';
import { nodeClient } from '../src/compute/node-pool.ts';
import { DEFAULT_CLUTTER_TABLE } from '../src/core/clutter/table.ts';
import { provinceBenchScenario } from '../src/core/coverage/fixtures.ts';
import { tileBands } from '../src/core/coverage/layers.ts';
import { planScene, sceneGrid } from '../src/core/coverage/scene.ts';
import { computeTerrainMap, DEFAULT_TERRAIN_STRIDE, latticeSpec, TERRAIN_ITM_SETTINGS, terrainSpecsOf, terrainStrideFor, type TerrainGround } from '../src/core/coverage/terrain-loss.ts';
import { cellAt, cellCenterX, cellCenterY } from '../src/core/grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../src/core/grid/projection.ts';
import type { ItmParams } from '../src/core/itm/params.ts';
import { demHeightAtM } from '../src/core/terrain/dem.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const OUT = join(ROOT, 'bench', 'out', 'itm');

/** Radio settings shared by phusong and SPLAT!: the engine's (SPLAT!'s `point_to_point_ITM` uses mdvar 12 and 50 % locations, as the engine). */
export const BENCH_ITM_PARAMS: ItmParams = { ...TERRAIN_ITM_SETTINGS, freqMHz: 900 };
const SITE_HEIGHT_M = 30;
const RX_HEIGHT_M = 1.5;
const RADIUS_M = 25_000;

export interface ItmBenchOptions {
  /** Timed runs of the 25 km map (default 3). */
  readonly runs?: number;
  /** Skip SPLAT! even when installed (default false). */
  readonly skipSplat?: boolean;
  /** Skip the province run (default false). */
  readonly skipProvince?: boolean;
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

/** A terrain map as basic transmission loss (dB) on the whole grid, NaN where it holds nothing. */
function lossDbOnGrid(width: number, height: number, m: ReturnType<typeof computeTerrainMap>): Float32Array {
  const out = new Float32Array(width * height).fill(NaN);
  for (let r = 0; r < m.height; r++) {
    for (let c = 0; c < m.width; c++) {
      const v = m.lin[r * m.width + c];
      if (v === v) out[(r + m.r0) * width + c + m.c0] = -10 * Math.log10(v);
    }
  }
  return out;
}

/** |a − b| over the cells both hold. */
function differences(a: Float32Array, b: Float32Array): Float64Array {
  const d: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] === a[i] && b[i] === b[i]) d.push(Math.abs(a[i] - b[i]));
  return Float64Array.from(d);
}

/**
 * Province scale, measured: the bench network over the province at 50 m on a SYNTHETIC DEM of
 * its grid (the synthetic terrain of data/make-synthetic-dem.ts around 106.05° E 10.05° N,
 * 2 m delta plain elsewhere), terrain 'itm', `workers` worker threads.
 */
async function provinceItm(workers: number, log: (line: string) => void): Promise<Record<string, number>> {
  const { rings, inside } = readBoundary(DEFAULT_BOUNDARY);
  const scenario = provinceBenchScenario(rings, inside, 400);
  const cellSizeM = 50;
  const grid = sceneGrid(rings, cellSizeM);
  const terrain = syntheticTerrain();
  const [sx, sy] = lonLatToUtm(SYNTHETIC_SITE.lonDeg, SYNTHETIC_SITE.latDeg);
  const dem = new Float32Array(grid.width * grid.height);
  for (let r = 0; r < grid.height; r++) {
    const y = cellCenterY(grid, r) - sy;
    for (let c = 0; c < grid.width; c++) dem[r * grid.width + c] = Math.round(syntheticHeightM(terrain, cellCenterX(grid, c) - sx, y));
  }
  const options = { cellSizeM, terrain: 'itm' as const };
  const scene = planScene(scenario, rings, options, null, dem);
  const specs = terrainSpecsOf(scene);
  const groups = tileBands(scene);
  const client = nodeClient(workers);
  try {
    const t0 = performance.now();
    await client.setScene({ scenario, boundaryRings: rings, options, version: 1, dem });
    const sums = await client.prepareTerrain(specs);
    const t1 = performance.now();
    let chunks = 0;
    const summary = await client.start(groups, { onChunk: () => chunks++ }).done;
    const t2 = performance.now();
    const mem = await client.call((api) => api.memoryMb());
    const maps = sums.length;
    const mapMs = sums.reduce((a, m) => a + m.ms, 0);
    const bytes = sums.reduce((a, m) => a + m.bytes, 0);
    log(`province: ${scenario.sites.length} sites, ${scene.sectors.length} sectors on ${scene.carriers.length} carriers, ${grid.width} × ${grid.height} cells of ${cellSizeM} m, ITM within ${scene.options.terrainRangeM / 1000} km, stride ${terrainStrideFor(cellSizeM, DEFAULT_TERRAIN_STRIDE)}, ${workers} workers`);
    log(`  ${maps} terrain maps (one per site and carrier) in ${((t1 - t0) / 1000).toFixed(1)} s wall (${(mapMs / 1000).toFixed(1)} s of map work, ${(mapMs / maps).toFixed(0)} ms per map; ${(bytes / 1e6).toFixed(0)} MB of maps in each worker), then ${summary.groups} tile groups (${chunks} chunks) in ${((t2 - t1) / 1000).toFixed(1)} s; total ${((t2 - t0) / 1000).toFixed(1)} s; resident memory of the process (main thread and workers) ${mem.toFixed(0)} MB`);
    return {
      itm_province_s: (t2 - t0) / 1000, itm_province_terrain_s: (t1 - t0) / 1000, itm_province_tiles_s: (t2 - t1) / 1000, itm_province_maps: maps,
      itm_province_map_ms: mapMs / maps, itm_province_map_mb_per_worker: bytes / 1e6, itm_province_sectors: scene.sectors.length, itm_province_workers: workers,
    };
  } finally {
    client.dispose();
  }
}

/** The figures of the ITM benchmark (see the module comment). */
export async function runItmBench(options: ItmBenchOptions = {}): Promise<Record<string, number>> {
  const log = options.log ?? (() => {});
  const runs = Math.max(1, options.runs ?? 3);
  const metrics: Record<string, number> = {};
  const s = makeSyntheticDem({ halfSizeM: 26_000, cellSizeM: 30 });
  const g = s.dem.grid;
  const ground: TerrainGround = { grid: g, dem: s.dem.heightsM, clutter: null, clutterTable: DEFAULT_CLUTTER_TABLE, ueHeightM: RX_HEIGHT_M };
  const site = { xM: s.site.xM, yM: s.site.yM, heightM: SITE_HEIGHT_M, freqMHz: BENCH_ITM_PARAMS.freqMHz };
  const stride = terrainStrideFor(g.cellSizeM, DEFAULT_TERRAIN_STRIDE);
  log(`SYNTHETIC DEM ${g.width} × ${g.height} cells of 30 m around ${SYNTHETIC_SITE.lonDeg}° E ${SYNTHETIC_SITE.latDeg}° N; site ${SITE_HEIGHT_M} m, receiver ${RX_HEIGHT_M} m, ${BENCH_ITM_PARAMS.freqMHz} MHz, climate ${BENCH_ITM_PARAMS.climate}, N0 ${BENCH_ITM_PARAMS.n0}`);

  // 1. phusong, one thread: the engine's stride, then every cell.
  computeTerrainMap(ground, latticeSpec('itm', 'bullington', '', site, 10_000, g.cellSizeM, stride));
  let best = Infinity;
  let map = computeTerrainMap(ground, latticeSpec('itm', 'bullington', '', site, 10_000, g.cellSizeM, 1));
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    map = computeTerrainMap(ground, latticeSpec('itm', 'bullington', '', site, RADIUS_M, g.cellSizeM, stride));
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  const t0 = performance.now();
  const exact = computeTerrainMap(ground, latticeSpec('itm', 'bullington', '', site, RADIUS_M, g.cellSizeM, 1));
  const exactS = (performance.now() - t0) / 1000;
  const mapDb = lossDbOnGrid(g.width, g.height, map);
  const exactDb = lossDbOnGrid(g.width, g.height, exact);
  const interp = differences(mapDb, exactDb);
  metrics.itm_site_25km_30m_s = best;
  metrics.itm_site_25km_30m_stride = stride;
  metrics.itm_site_25km_30m_cells = map.cells;
  metrics.itm_site_25km_30m_us_per_cell = (best * 1e6) / map.cells;
  metrics.itm_site_25km_30m_exact_s = exactS;
  metrics.itm_interpolation_median_abs_db = median(interp);
  metrics.itm_interpolation_p90_abs_db = quantile(interp, 0.9);
  log(`phusong ITM map, 25 km, 30 m, 1 thread, stride ${stride} (every ${stride * g.cellSizeM} m, bilinear between): ${best.toFixed(2)} s (best of ${runs}), ${map.cells} cells, ${metrics.itm_site_25km_30m_us_per_cell.toFixed(2)} µs/cell; target ≤ 1 s: ${best <= 1 ? 'met' : `missed (×${best.toFixed(1)})`}`);
  log(`  every cell evaluated (stride 1): ${exactS.toFixed(2)} s; interpolation error of stride ${stride} against it: median ${metrics.itm_interpolation_median_abs_db.toFixed(3)} dB, p90 ${metrics.itm_interpolation_p90_abs_db.toFixed(2)} dB`);

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
    log(`SPLAT! HD 1.4.2 -olditm, same site: ${splatS.toFixed(1)} s wall (loading 4 SDF tiles, the map, the .ppm and the .ano included) → phusong ×${metrics.itm_vs_splat_speedup.toFixed(1)} (every cell evaluated: ×${(splatS / exactS).toFixed(1)}); target ≥ 20×: ${metrics.itm_vs_splat_speedup >= 20 ? 'met' : 'missed'}`);
    // SPLAT!'s fixed cost (tiles in, 7200 × 7230 .ppm out) from the same run at a 0.5 km radius.
    const fixedS = runSplat(dir, ['-t', 'site.qth', '-L', String(RX_HEIGHT_M), '-R', '0.5', '-metric', '-olditm', '-d', `${sdfDir}/`, '-N', '-o', 'small.ppm']);
    metrics.splat_hd_fixed_io_s = fixedS;
    metrics.itm_vs_splat_speedup_compute_only = Math.max(0, splatS - fixedS) / best;
    metrics.itm_exact_vs_splat_speedup = splatS / exactS;
    log(`SPLAT! fixed cost (same run at 0.5 km: tiles read, .ppm written): ${fixedS.toFixed(1)} s → on SPLAT!'s ITM work alone (${(splatS - fixedS).toFixed(1)} s) phusong ×${metrics.itm_vs_splat_speedup_compute_only.toFixed(1)}`);
    const diffs = agreement(s, mapDb, join(dir, 'site.ano'));
    const diffsExact = agreement(s, exactDb, join(dir, 'site.ano'));
    // The maps are large (≈ 100 MB .ano, 2 × 150 MB .ppm) and rewritten each run.
    for (const f of ['site.ano', 'site.ppm', 'small.ppm']) rmSync(join(dir, f), { force: true });
    metrics.itm_vs_splat_points = diffs.length;
    metrics.itm_vs_splat_median_abs_db = median(diffs);
    metrics.itm_vs_splat_p90_abs_db = quantile(diffs, 0.9);
    metrics.itm_exact_vs_splat_median_abs_db = median(diffsExact);
    metrics.itm_exact_vs_splat_p90_abs_db = quantile(diffsExact, 0.9);
    log(`agreement over ${diffs.length} SPLAT! points in computed cells: median |Δ| ${metrics.itm_vs_splat_median_abs_db.toFixed(2)} dB, 90th percentile ${metrics.itm_vs_splat_p90_abs_db.toFixed(2)} dB (every cell evaluated: ${metrics.itm_exact_vs_splat_median_abs_db.toFixed(2)} / ${metrics.itm_exact_vs_splat_p90_abs_db.toFixed(2)} dB)`);
  } else {
    log('splat-hd not installed (apt-get install splat): SPLAT! comparison skipped');
  }

  // 3. Province scale, measured on 2 workers.
  if (!options.skipProvince) Object.assign(metrics, await provinceItm(2, log));
  return metrics;
}

/** The figures as a bench/run.ts module result (lines for the table, metrics for --json). */
export async function benchItm(log: (line: string) => void = () => {}): Promise<{ lines: { metric: string; value: number; unit: string; note: string }[]; metrics: Record<string, number> }> {
  const m = await runItmBench({ log });
  const lines = [
    { metric: `ITM terrain map, 1 site, 25 km, 30 m, 1 thread (stride ${m.itm_site_25km_30m_stride})`, value: m.itm_site_25km_30m_s * 1000, unit: 'ms', note: `target ≤ 1000: ${m.itm_site_25km_30m_s <= 1 ? 'met' : 'missed'}; every cell: ${(m.itm_site_25km_30m_exact_s * 1000).toFixed(0)} ms` },
  ];
  if (m.itm_province_s !== undefined) {
    lines.push({ metric: `ITM province, ${m.itm_province_sectors} sectors, ${m.itm_province_maps} maps, 50 m, 10 km, ${m.itm_province_workers} workers (measured)`, value: m.itm_province_s, unit: 's', note: `terrain maps ${m.itm_province_terrain_s.toFixed(1)} s + tiles ${m.itm_province_tiles_s.toFixed(1)} s` });
  }
  if (m.splat_hd_site_25km_30m_s !== undefined) {
    lines.push({ metric: 'SPLAT! HD -olditm, same site', value: m.splat_hd_site_25km_30m_s * 1000, unit: 'ms', note: `phusong ×${m.itm_vs_splat_speedup.toFixed(1)}; target ≥ 20: ${m.itm_vs_splat_speedup >= 20 ? 'met' : 'missed'}` });
    lines.push({ metric: 'median |phusong − SPLAT!| (×1000)', value: m.itm_vs_splat_median_abs_db * 1000, unit: 'mdB', note: `p90 ${m.itm_vs_splat_p90_abs_db.toFixed(2)} dB` });
  }
  return { lines, metrics: m };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const argv = process.argv.slice(2);
  const metrics = await runItmBench({ log: (line) => process.stdout.write(`${line}\n`), skipSplat: argv.includes('--no-splat'), skipProvince: argv.includes('--no-province') });
  process.stdout.write(`${JSON.stringify(metrics)}\n`);
}
