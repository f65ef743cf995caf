/**
 * Coverage engine benchmarks (issue 4), in Node. Scenario: the SYNTHETIC province-wide network
 * of src/core/coverage/fixtures.ts (400 three-sector sites, LTE 1800 + NR 3500, 38.901 UMa
 * expected, 3GPP sector antennas) over the Vĩnh Long outline at 50 m.
 *
 * - kernel: cell–sector pairs resolved per second by the engine on one core (EngineCore in this
 *   thread, over every 5th tile, after a warm-up), median of 3 runs. A pair is a province cell
 *   within a sector's footprint radius: evaluated in full, or ruled out by the directional
 *   footprint (it cannot reach the floor there) — both are answers the reference computes too;
 * - reference: the same per-cell math done straightforwardly (src/core/coverage/reference.ts:
 *   exact model functions, atan2 angles, one cell and sector at a time, single thread) for the
 *   in-range sectors of 1,500 random province cells; the full-run reference time is the
 *   province's pair count at that rate (a real reference run would take minutes);
 * - full recompute: `phusong coverage` in a fresh process (worker threads, one per core),
 *   median of 3; peak memory = the largest peak resident set of those processes. The command
 *   makes the ground of the grid by default (WorldPop people, GSHHG water, rule-based clutter
 *   classes: issue 11), so this is the recompute with clutter and the coverage-probability
 *   layer on; the ground itself is made before the timed part;
 * - kernel with clutter: the same tiles on a scene with the ground's clutter map (per-class
 *   receiver heights and losses, issue 11), beside the rate without;
 * - one sector dragged 20 × 100 m (edit moves through the pool, RSRP layer), p50 / p95.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BOUNDARY, readBoundary } from '../src/cli/commands/coverage.ts';
import { nodeClient } from '../src/compute/node-pool.ts';
import { EngineCore } from '../src/core/coverage/engine.ts';
import { provinceBenchScenario } from '../src/core/coverage/fixtures.ts';
import { allTiles, newCoverageLayers, scatterChunk, tileBands } from '../src/core/coverage/layers.ts';
import { referenceCell } from '../src/core/coverage/reference.ts';
import { planScene, sceneMask, tileBounds, tileSectorLists, tilesTouchedByDisc } from '../src/core/coverage/scene.ts';
import { cellCenterX, cellCenterY } from '../src/core/grid/grid.ts';
import { parseBoundaryGeoJson } from '../src/core/boundaries/boundaries.ts';
import { DEFAULT_COMMUNES } from '../src/cli/commands/coverage.ts';
import { readGround } from '../src/cli/ground-input.ts';
import type { BenchResult } from './pathloss-batch.ts';

/**
 * Province cells within each sector's footprint radius, over the given tiles: the cell–sector
 * pairs a coverage computation must resolve, counted independently of the engine's culling.
 */
function countPairs(scene: ReturnType<typeof planScene>, mask: Uint8Array, tiles: readonly number[]): number {
  const lists = tileSectorLists(scene);
  const g = scene.grid;
  let n = 0;
  for (const t of tiles) {
    const [c0, r0, c1, r1] = tileBounds(scene, t);
    for (let j = lists.start[t]; j < lists.start[t + 1]; j++) {
      const s = scene.sectors[lists.sectors[j]];
      const r2 = s.rangeM * s.rangeM;
      for (let row = r0; row < r1; row++) {
        const dy = g.originY - (row + 0.5) * g.cellSizeM - s.yM;
        for (let col = c0; col < c1; col++) {
          const dx = g.originX + (col + 0.5) * g.cellSizeM - s.xM;
          if (mask[row * g.width + col] && dx * dx + dy * dy <= r2) n++;
        }
      }
    }
  }
  return n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];

export async function benchCoverage(log: (s: string) => void = () => undefined): Promise<BenchResult> {
  const { rings, inside } = readBoundary(DEFAULT_BOUNDARY);
  const scenario = provinceBenchScenario(rings, inside, 400);
  const cellSizeM = 50;
  const scene = planScene(scenario, rings, { cellSizeM });
  const mask = sceneMask(scene);
  const cellsInProvince = mask.reduce((a, b) => a + b, 0);
  log(`scenario: ${scenario.sites.length} sites, ${scene.sectors.length} sectors, grid ${scene.grid.width}×${scene.grid.height} (${cellsInProvince} cells in the province), footprint ${Math.round(scene.sectors[0].rangeM)} m`);

  // Full recompute, all cores: the command line in a fresh process per run (its summary gives
  // the compute time and the process's peak resident memory, worker threads included).
  const tmp = mkdtempSync(join(tmpdir(), 'phusong-bench-'));
  const scenarioFile = join(tmp, 'bench-scenario.json');
  writeFileSync(scenarioFile, JSON.stringify(scenario));
  const fulls: number[] = [];
  const peaks: number[] = [];
  let workers = 0;
  for (let r = 0; r < 3; r++) {
    const out = join(tmp, `run${r}`);
    const p = spawnSync(process.execPath, ['bin/phusong.mjs', 'coverage', '--scenario', scenarioFile, '--cell', String(cellSizeM), '--out', out], { encoding: 'utf8', timeout: 600000 });
    if (p.status !== 0) throw new Error(`phusong coverage failed: ${p.stderr.trim().split('\n').pop()}`);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    fulls.push(summary.timingsS.total);
    peaks.push(summary.peakRssMb);
    workers = summary.workers;
    log(`full recompute ${r + 1}: ${summary.timingsS.total.toFixed(2)} s on ${workers} workers (${(summary.evaluations / 1e6).toFixed(0)} M pairs resolved), peak RSS ${summary.peakRssMb} MB`);
  }
  rmSync(tmp, { recursive: true, force: true });
  const full = median(fulls);
  const peakMb = Math.max(...peaks);

  // Kernel, one core.
  const engine = new EngineCore(scene, mask);
  const tiles = allTiles(scene).filter((t) => t % 5 === 2);
  engine.computeTiles(tiles.slice(0, 40));
  const pairs = countPairs(scene, mask, tiles);
  const rates: number[] = [];
  let fullShare = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const res = engine.computeTiles(tiles);
    rates.push(pairs / ((performance.now() - t0) / 1000));
    fullShare = res.fullEvaluations / pairs;
  }
  const kernel = median(rates);
  log(`kernel: ${(kernel / 1e6).toFixed(1)} M cell–sector pairs/s over ${(pairs / 1e6).toFixed(1)} M pairs (runs: ${rates.map((x) => (x / 1e6).toFixed(1)).join(', ')}); ${(fullShare * 100).toFixed(0)}% evaluated in full, the rest ruled out by the directional footprint`);
  const tilesMs = median(rates.map((r) => (pairs / r) * 1000));

  // Kernel with the ground's clutter map, same tiles (footprints cover every class's receiver).
  const communes = parseBoundaryGeoJson(readFileSync(DEFAULT_COMMUNES, 'utf8'), DEFAULT_COMMUNES, 'name').features;
  const ground = await readGround(scene.grid, communes, DEFAULT_COMMUNES, {});
  const cScene = planScene(scenario, rings, { cellSizeM }, ground.ground.clutter);
  const cEngine = new EngineCore(cScene, mask);
  cEngine.computeTiles(tiles.slice(0, 40));
  const cPairs = countPairs(cScene, mask, tiles);
  const cRates: number[] = [];
  const cMs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    cEngine.computeTiles(tiles);
    const ms = performance.now() - t0;
    cMs.push(ms);
    cRates.push(cPairs / (ms / 1000));
  }
  const kernelClutter = median(cRates);
  const clutterMs = median(cMs);
  log(`kernel with clutter: ${(kernelClutter / 1e6).toFixed(1)} M pairs/s over ${(cPairs / 1e6).toFixed(1)} M pairs (footprints reach every class's receiver); the same tiles in ${clutterMs.toFixed(0)} ms vs ${tilesMs.toFixed(0)} ms without (×${(clutterMs / tilesMs).toFixed(2)})`);

  // Reference, one core, on random province cells.
  let seed = 7;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const g = scene.grid;
  const sample: [number, number][] = [];
  while (sample.length < 1500) {
    const col = Math.floor(rnd() * g.width), row = Math.floor(rnd() * g.height);
    if (mask[row * g.width + col]) sample.push([cellCenterX(g, col), cellCenterY(g, row)]);
  }
  // The reference gets the same footprints (only in-range sectors are timed), so its rate is
  // per evaluation of the exact math, comparable with the kernel's.
  const inRange = sample.map(([x, y]) => scene.sectors.filter((s) => Math.hypot(x - s.xM, y - s.yM) <= s.rangeM));
  let refEvals = 0;
  const tr0 = performance.now();
  sample.forEach(([x, y], k) => {
    for (let c = 0; c < scene.carriers.length; c++) refEvals += referenceCell(scene, inRange[k], c, x, y).evaluated;
  });
  const refS = (performance.now() - tr0) / 1000;
  const reference = refEvals / refS;
  // Same evaluation count as the engine's full run, at the reference's rate, on one core.
  const allPairs = countPairs(scene, mask, allTiles(scene));
  const refFullS = allPairs / reference;
  log(`pairs in the whole province: ${(allPairs / 1e6).toFixed(0)} M`);
  log(`reference: ${(reference / 1e6).toFixed(2)} M evaluations/s; full province estimated ${refFullS.toFixed(0)} s`);

  // One sector dragged.
  const client = nodeClient();
  await client.setScene({ scenario, boundaryRings: rings, options: { cellSizeM }, version: 1 });
  const layers = newCoverageLayers(scene, false);
  await client.start(tileBands(scene), { onChunk: (c) => scatterChunk(scene, layers, c) }).done;
  const cx = g.originX + (g.width * cellSizeM) / 2, cy = g.originY - (g.height * cellSizeM) / 2;
  let sec = scene.sectors[0];
  for (const s of scene.sectors) if (Math.hypot(s.xM - cx, s.yM - cy) < Math.hypot(sec.xM - cx, sec.yM - cy)) sec = s;
  const tilesOf = (s: typeof sec) => tilesTouchedByDisc(scene, s.xM, s.yM, s.rangeM);
  const primeMs = await client.beginEdit([sec.index], tilesOf({ ...sec, rangeM: sec.rangeM + 3000 }));
  let shown = tilesOf(sec);
  const lat: number[] = [];
  for (let k = 1; k <= 20; k++) {
    const t0 = performance.now();
    const moved = { ...sec, xM: sec.xM + 100 * k };
    const chunks = await client.editMove([...new Set([...shown, ...tilesOf(moved)])], [moved], ['rsrp']);
    for (const c of chunks ?? []) scatterChunk(scene, layers, c);
    shown = tilesOf(moved);
    lat.push(performance.now() - t0);
  }
  await client.endEdit();
  client.dispose();
  const dragP50 = quantile(lat, 0.5), dragP95 = quantile(lat, 0.95);
  log(`drag (node, sector ${sec.id}): prime ${primeMs.toFixed(0)} ms, p50 ${dragP50.toFixed(1)} ms, p95 ${dragP95.toFixed(1)} ms`);

  return {
    lines: [
      { metric: `kernel, 1 core: 38.901 UMa expected + 3GPP sector, cell–sector pairs/s (median of 3)`, value: kernel, unit: 'pairs/s', note: `target ≥ 100,000,000: ${kernel >= 1e8 ? 'met' : `missed (${(kernel / 1e8 * 100).toFixed(0)}% of it)`}` },
      { metric: 'kernel, 1 core, with the ground\'s clutter classes (same tiles), cell–sector pairs/s (median of 3)', value: kernelClutter, unit: 'pairs/s', note: `same tiles ×${(clutterMs / tilesMs).toFixed(2)} the time without clutter` },
      { metric: 'reference implementation, 1 core, evaluations/s', value: reference, unit: 'evals/s', note: `kernel speed-up ×${(kernel / reference).toFixed(1)}` },
      { metric: `full recompute with clutter and coverage probability, ${cellsInProvince} cells × ${scene.sectors.length} sectors, Node, ${workers} workers (median of 3)`, value: full * 1000, unit: 'ms', note: `target ≤ 5000: ${full <= 5 ? 'met' : 'missed'}; reference ≈ ${refFullS.toFixed(0)} s (×${(refFullS / full).toFixed(0)})` },
      { metric: 'one sector dragged, 20 moves, Node pool, p50', value: dragP50, unit: 'ms', note: `prime ${primeMs.toFixed(0)} ms at drag start` },
      { metric: 'one sector dragged, 20 moves, Node pool, p95', value: dragP95, unit: 'ms', note: `target ≤ 150: ${dragP95 <= 150 ? 'met' : 'missed'}` },
      { metric: 'peak resident memory of phusong coverage (process incl. workers)', value: peakMb, unit: 'MB', note: `target ≤ 1000: ${peakMb <= 1000 ? 'met' : 'missed'}` },
    ],
    metrics: {
      kernel_evals_per_s: Math.round(kernel),
      kernel_clutter_evals_per_s: Math.round(kernelClutter),
      kernel_clutter_time_ratio: +(clutterMs / tilesMs).toFixed(3),
      kernel_full_evaluation_share: +fullShare.toFixed(3),
      reference_evals_per_s: Math.round(reference),
      kernel_speedup_vs_reference: +(kernel / reference).toFixed(2),
      full_recompute_s_node: +full.toFixed(3),
      reference_full_s_estimated: +refFullS.toFixed(1),
      province_pairs: allPairs,
      full_speedup_vs_reference: +(refFullS / full).toFixed(1),
      drag_node_p50_ms: +dragP50.toFixed(1),
      drag_node_p95_ms: +dragP95.toFixed(1),
      drag_prime_ms_node: Math.round(primeMs),
      peak_memory_mb: Math.round(peakMb),
      node_workers: workers,
      cpu: `${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()}`,
    },
  };
}
