/**
 * Acceptance 3 of issue 13 (speed): `npx tsx bench/planning.ts`. The province (Vĩnh Long
 * outline), the sample network (data/scenarios/sample-network.json, SYNTHETIC sites), 1,000
 * candidate sites (seeded random points on the province's land, macro template LTE 1800 +
 * NR 3500, model by clutter), 100 m cells with the rule-based clutter map (P.2108 loss per cell), NR 3500 covered at RSRP ≥ −105 dBm weighted by people,
 * 30 picks, then local search (swaps with the 12 nearest candidates, azimuth/tilt steps, drops),
 * 3 greedy starts, on 2 engine worker threads (the command line's pool). Reports the time of
 * each stage, the number of incremental evaluations (oracle changes) and of cell–sector pairs
 * the engine evaluated for them. `runPlanningBench()` returns the figures (docs/planning.md
 * quotes them); bench/run.ts is not changed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_BOUNDARY, DEFAULT_COMMUNES, readBoundary } from '../src/cli/commands/coverage.ts';
import { poolRunner } from '../src/cli/commands/plan-runner.ts';
import { nodeClient } from '../src/compute/node-pool.ts';
import { parseBoundaryGeoJson } from '../src/core/boundaries/boundaries.ts';
import { sceneMask } from '../src/core/coverage/scene.ts';
import { cellAt } from '../src/core/grid/grid.ts';
import { lonLatToUtm } from '../src/core/grid/projection.ts';
import { buildGround } from '../src/core/ground/ground.ts';
import { openGeoTiff } from '../src/core/raster/geotiff-reader.ts';
import type { Candidate } from '../src/core/planning/candidates.ts';
import { planningGrid, planningScene, runPlan } from '../src/core/planning/plan.ts';
import { mulberry32 } from '../src/core/prng.ts';
import type { Scenario } from '../src/core/scenario/scenario.ts';

const DATA = 'public/data';

export async function runPlanningBench(o: { candidates?: number; picks?: number; cellSizeM?: number; workers?: number; log?: (s: string) => void } = {}): Promise<Record<string, number>> {
  const nCand = o.candidates ?? 1000, picks = o.picks ?? 30, cell = o.cellSizeM ?? 100, workers = o.workers ?? 2;
  const log = o.log ?? (() => undefined);
  const t0 = performance.now();
  const { rings, inside } = readBoundary(DEFAULT_BOUNDARY);
  const scenario = JSON.parse(readFileSync('data/scenarios/sample-network.json', 'utf8')) as Scenario;
  const communes = parseBoundaryGeoJson(readFileSync(DEFAULT_COMMUNES, 'utf8'), DEFAULT_COMMUNES, 'name').features;
  const target = { carrierId: 'nr3500', thresholdDbm: -105 };
  const ground = await buildGround({
    grid: planningGrid(rings, cell), communes, communesFileName: DEFAULT_COMMUNES,
    population: await openGeoTiff(readFileSync(`${DATA}/vinh-long-population-2020-1km.tif`), 'vinh-long-population-2020-1km.tif'),
    water: await openGeoTiff(readFileSync(`${DATA}/vinh-long-water-gshhg-3s.tif`), 'vinh-long-water-gshhg-3s.tif'),
  });
  const scene = planningScene(scenario, rings, cell, target, ground.clutter);
  const mask = sceneMask(scene);
  const tGround = performance.now();
  // Candidates: seeded uniform points in the province's bounding box, kept on land inside it.
  const rnd = mulberry32(2026);
  const lons = rings.flat().map((p) => p[0]), lats = rings.flat().map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const list: Candidate[] = [];
  while (list.length < nCand) {
    const lon = x0 + rnd() * (x1 - x0), lat = y0 + rnd() * (y1 - y0);
    const [x, y] = lonLatToUtm(lon, lat);
    const c = cellAt(scene.grid, x, y);
    if (!c || !inside(lon, lat) || ground.water[c.row * scene.grid.width + c.col]) continue;
    list.push({ id: `B${String(list.length + 1).padStart(4, '0')}`, name: 'bench', lonDeg: lon, latDeg: lat, heightM: null, template: null, cost: 1, source: 'file' });
  }
  const client = nodeClient(workers);
  const stages: Record<string, number> = {};
  let last = performance.now(), stage = 'start';
  try {
    const runner = await poolRunner(client, scenario, rings, scene);
    const tPool = performance.now();
    const r = await runPlan({
      scenario, scene, mask, ground, communes, inside, seed: 1,
      target: { ...target, area: { kind: 'province' }, goal: 'population', maxSites: picks },
      candidates: { list, defaultTemplate: 'macro-lte1800-nr3500' },
      onProgress: (p) => {
        if (p.stage === stage) return;
        const now = performance.now();
        stages[stage] = (stages[stage] ?? 0) + (now - last) / 1000;
        log(`${stage} → ${p.stage} at ${((now - tPool) / 1000).toFixed(1)} s, ${p.evaluations} evaluations`);
        stage = p.stage;
        last = now;
      },
    }, runner);
    const tEnd = performance.now();
    stages[stage] = (stages[stage] ?? 0) + (tEnd - last) / 1000;
    return {
      planning_candidates: r.offered.kept, planning_picks: r.picks.length, planning_workers: client.size, planning_cell_m: cell,
      planning_ground_s: (tGround - t0) / 1000, planning_pool_start_s: (tPool - tGround) / 1000, planning_search_s: (tEnd - tPool) / 1000,
      planning_total_s: (tEnd - t0) / 1000,
      planning_stage_coverage_s: stages.coverage ?? 0, planning_stage_greedy_s: stages.greedy ?? 0, planning_stage_local_search_s: stages['local-search'] ?? 0, planning_stage_rank_s: stages.rank ?? 0,
      planning_evaluations: r.evaluations, planning_kernel_pairs: r.kernelEvaluations,
      planning_population_share_before: r.before.population / r.totals.population, planning_population_share_after: r.after.population / r.totals.population,
      planning_greedy_objective: r.greedyObjective, planning_final_objective: r.after.objective,
      planning_swaps: r.moves.swaps, planning_tweaks: r.moves.tweaks, planning_drops: r.moves.drops,
    };
  } finally {
    client.dispose();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const m = await runPlanningBench({ log: (s) => process.stderr.write(`  ${s}\n`) });
  for (const [k, v] of Object.entries(m)) process.stdout.write(`${k.padEnd(36)} ${Number.isInteger(v) ? v : v.toFixed(3)}\n`);
  process.stdout.write(`${JSON.stringify(m)}\n`);
}
