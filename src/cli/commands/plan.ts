/**
 * `phusong plan`: automatic site planning (issue 13, docs/planning.md). Reads a scenario and
 * candidate sites (and/or generates them over the gaps), plans the fewest sites for a coverage
 * goal on one carrier, and writes proposal.csv, proposal.geojson, curve.csv, excluded.csv,
 * scenario-after.json and summary.json. The engine runs on worker threads (default 2).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { parseBoundaryGeoJson } from '../../core/boundaries/boundaries.ts';
import { sceneMask } from '../../core/coverage/scene.ts';
import { buildGround } from '../../core/ground/ground.ts';
import { openRaster } from '../../core/raster/open.ts';
import { CandidateFileError, parseCandidates, problemText, type Candidate } from '../../core/planning/candidates.ts';
import type { ExclusionZone } from '../../core/planning/generate.ts';
import { planningGrid, planningScene, runPlan, type PlanProgress } from '../../core/planning/plan.ts';
import { curveCsv, excludedCsv, planSummary, proposalCsv, proposalGeoJson } from '../../core/planning/output.ts';
import type { TargetArea } from '../../core/planning/target.ts';
import { SITE_TEMPLATES, type SiteTemplateId } from '../../core/scenario/templates.ts';
import { nodeClient } from '../../compute/node-pool.ts';
import type { CliCommand, CliIo, ParsedOptions } from '../command.ts';
import { DataError, UsageError } from '../errors.ts';
import { describeFsError } from '../csv.ts';
import { DEFAULT_BOUNDARY, DEFAULT_COMMUNES, readBoundary, readScenario } from './coverage.ts';
import { poolRunner } from './plan-runner.ts';

const DATA = resolve(DEFAULT_BOUNDARY, '..');
const POPULATION = join(DATA, 'vinh-long-population-2020-1km.tif');
const WATER = join(DATA, 'vinh-long-water-gshhg-3s.tif');

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new DataError(`${path}: cannot read ${what} (${describeFsError(err)})${path.startsWith(DATA) ? ' (run `npm run data` first)' : ''}`);
  }
}

/** Polygons of a GeoJSON file, each named by its `name` property (or the file and its number). */
function readPolygons(path: string): ExclusionZone[] {
  const text = readText(path, 'the polygons');
  let json: { type?: string; features?: Feature[]; geometry?: unknown };
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DataError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const features = json.type === 'FeatureCollection' ? json.features ?? [] : json.type === 'Feature' ? [json as Feature] : json.type === 'Polygon' || json.type === 'MultiPolygon' ? [{ type: 'Feature', properties: {}, geometry: json } as Feature] : [];
  const polys = features.filter((f): f is Feature<Polygon | MultiPolygon> => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon');
  if (!polys.length) throw new DataError(`${path}: no Polygon or MultiPolygon feature`);
  return polys.flatMap((f, k) => {
    const name = String(f.properties?.name ?? `${path} #${k + 1}`);
    return f.geometry.type === 'Polygon' ? [{ name, rings: f.geometry.coordinates }] : f.geometry.coordinates.map((rings) => ({ name, rings }));
  });
}

function numberOption(o: ParsedOptions, name: string, dflt: number | null, check: (v: number) => boolean, rule: string): number | null {
  const text = o.get(name);
  if (text === undefined) return dflt;
  const v = Number(text);
  if (!(Number.isFinite(v) && check(v))) throw new UsageError(`plan: --${name} must be ${rule}, got ${JSON.stringify(text)}`);
  return v;
}

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'automatic site planning: the fewest candidate sites for a coverage goal on one carrier (proposal.csv, curve.csv, scenario-after.json)',
  options: [
    { name: 'scenario', valueName: 's.json', required: true, description: 'the existing network (scenario JSON)' },
    { name: 'candidates', valueName: 'c.csv', required: false, description: 'candidate sites, CSV or GeoJSON: id, lon, lat [, height_m, template, cost, name] (data/examples/candidates.csv); needed unless --generate' },
    { name: 'carrier', valueName: 'carrier-id', required: true, description: 'the carrier to cover (a carrier id of the scenario)' },
    { name: 'threshold-dbm', valueName: 'T', required: true, description: 'a cell is covered when its best-server RSRP ≥ T dBm' },
    { name: 'sinr-db', valueName: 'S', required: false, description: 'and (optionally) its SINR ≥ S dB (interference makes planning slower)' },
    { name: 'max-sites', valueName: 'N', required: false, description: 'budget in sites (default 10; with a target share: until the goal)' },
    { name: 'target-population-share', valueName: 'share', required: false, description: 'goal: this share (0–1] of the area\'s people covered' },
    { name: 'target-area-share', valueName: 'share', required: false, description: 'goal: this share (0–1] of the area\'s land covered (instead of people)' },
    { name: 'budget-cost', valueName: 'cost', required: false, description: 'budget in cost (Σ of the candidates\' cost column)' },
    { name: 'area', valueName: 'polygon.geojson', required: false, description: 'target area: a polygon file, or "wards" (the phường), or "province" (default)' },
    { name: 'generate', valueName: 'kinds', required: false, description: 'also generate candidates: any of gap-grid, gap-centres, upgrades (comma-separated)' },
    { name: 'spacing', valueName: 'metres', required: false, description: 'gap grid spacing and gap-centre block size (default 2000)' },
    { name: 'min-people', valueName: 'n', required: false, description: 'gap centres: least people in a block\'s gap (default 200)' },
    { name: 'template', valueName: 'id', required: false, description: `template of candidates without one (default macro-lte1800-nr3500)`, choices: () => SITE_TEMPLATES.map((t) => t.id), choicesLabel: 'templates' },
    { name: 'exclude', valueName: 'zones.geojson', required: false, description: 'exclusion zones: candidates inside are left out (listed in excluded.csv)' },
    { name: 'cell', valueName: 'metres', required: false, description: 'grid cell size, 10–500 m (default 100)' },
    { name: 'seed', valueName: 'n', required: false, description: 'seed of the tie-breaking order (default 1): the same seed gives the same plan' },
    { name: 'local-search', valueName: 'on|off', required: false, description: 'swaps, azimuth/tilt steps and drops after the greedy (default on)', choices: () => ['on', 'off'] },
    { name: 'workers', valueName: 'n', required: false, description: 'worker threads (default 2)' },
    { name: 'boundary', valueName: 'file.geojson', required: false, description: 'computed area (default: the Vĩnh Long province outline prepared by npm run data)' },
    { name: 'communes', valueName: 'file.geojson', required: false, description: 'communes with population and type (default: the Vĩnh Long communes prepared by npm run data)' },
    { name: 'out', valueName: 'dir', required: true, description: 'output folder, created if absent' },
  ],
  details: () => [
    'Files written in --out:',
    '  proposal.csv         rank,id,lon,lat,template,gain_population,gain_km2,population_covered_share_after',
    '  proposal.geojson     the same as Points, with model, clutter, tweaks and the communes each site serves',
    '  curve.csv            people and km² covered after 0, 1, 2, … sites (ranked)',
    '  excluded.csv         candidates left out and why (water, outside, exclusion zone, too close, wrong carrier)',
    '  scenario-after.json  the scenario with the proposed sites added (status "candidate"), opens in the app',
    '  summary.json         population_total, population_covered_before/after, area_covered_before/after_km2, sites_added, runtime_s, …',
    'Population per cell: WorldPop 2020 weights × commune populations (docs/ground.md). Method: docs/planning.md.',
  ].join('\n'),
  async run(o: ParsedOptions, io: CliIo) {
    const t0 = performance.now();
    const cell = numberOption(o, 'cell', 100, (v) => v >= 10 && v <= 500, 'a number of metres in 10–500')!;
    const thresholdDbm = numberOption(o, 'threshold-dbm', null, (v) => v >= -160 && v <= -30, 'a number of dBm in −160…−30')!;
    const sinrDb = numberOption(o, 'sinr-db', null, (v) => v >= -20 && v <= 50, 'a number of dB in −20…50');
    const popShare = numberOption(o, 'target-population-share', null, (v) => v > 0 && v <= 1, 'a share in (0, 1]');
    const areaShare = numberOption(o, 'target-area-share', null, (v) => v > 0 && v <= 1, 'a share in (0, 1]');
    if (popShare !== null && areaShare !== null) throw new UsageError('plan: give --target-population-share or --target-area-share, not both');
    const share = popShare ?? areaShare;
    const maxSites = numberOption(o, 'max-sites', share === null ? 10 : 1000, (v) => Number.isInteger(v) && v >= 1 && v <= 5000, 'a whole number 1–5000')!;
    const maxCost = numberOption(o, 'budget-cost', null, (v) => v > 0, 'a number > 0');
    const seed = numberOption(o, 'seed', 1, (v) => Number.isInteger(v), 'a whole number')!;
    const spacing = numberOption(o, 'spacing', 2000, (v) => v >= 100 && v <= 50000, 'a number of metres in 100–50 000')!;
    const minPeople = numberOption(o, 'min-people', 200, (v) => v >= 0, 'a number ≥ 0')!;
    const workers = numberOption(o, 'workers', 2, (v) => Number.isInteger(v) && v >= 1 && v <= 64, 'a whole number 1–64')!;
    const kinds = (o.get('generate') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    for (const k of kinds) if (!['gap-grid', 'gap-centres', 'upgrades'].includes(k)) throw new UsageError(`plan: unknown --generate kind ${JSON.stringify(k)}; valid: gap-grid, gap-centres, upgrades`);
    if (!o.get('candidates') && !kinds.length) throw new UsageError('plan: give --candidates <c.csv> or --generate <kinds> (or both)');
    const template = (o.get('template') ?? 'macro-lte1800-nr3500') as SiteTemplateId;
    const out = resolve(o.get('out')!);

    const boundaryPath = o.get('boundary') ?? DEFAULT_BOUNDARY;
    const { rings, inside } = readBoundary(boundaryPath);
    const scenario = readScenario(o.get('scenario')!, inside, io);
    const carrierId = o.get('carrier')!;
    if (!scenario.carriers.some((c) => c.id === carrierId)) throw new UsageError(`plan: unknown carrier ${JSON.stringify(carrierId)}; valid: ${scenario.carriers.map((c) => c.id).join(', ')}`);
    const communesPath = o.get('communes') ?? DEFAULT_COMMUNES;
    let communes;
    try {
      const r = parseBoundaryGeoJson(readText(communesPath, 'the communes'), communesPath, 'name');
      for (const p of r.problems) io.stderr(`phusong: warning: ${p}\n`);
      communes = r.features;
    } catch (e) {
      throw e instanceof DataError ? e : new DataError((e as Error).message);
    }
    let list: Candidate[] = [];
    const candPath = o.get('candidates');
    if (candPath) {
      try {
        const r = parseCandidates(readText(candPath, 'the candidates'), candPath);
        for (const p of r.problems) io.stderr(`phusong: warning: ${problemText(candPath, p)} (row left out)\n`);
        if (r.ignoredColumns.length) io.stderr(`phusong: warning: ${candPath}: columns ignored: ${r.ignoredColumns.join(', ')}\n`);
        if (!r.candidates.length && !kinds.length) throw new DataError(`${candPath}: no valid candidate`);
        list = r.candidates;
      } catch (e) {
        if (e instanceof CandidateFileError) throw new DataError(e.message);
        throw e;
      }
    }
    const areaOpt = o.get('area') ?? 'province';
    const area: TargetArea = areaOpt === 'province' ? { kind: 'province' } : areaOpt === 'wards' ? { kind: 'wards' } : { kind: 'polygon', name: areaOpt, rings: readPolygons(areaOpt).flatMap((z) => z.rings) };
    const zones = o.get('exclude') ? readPolygons(o.get('exclude')!) : [];

    const grid = planningGrid(rings, cell);
    io.stderr(`plan: grid ${grid.width} × ${grid.height} cells of ${cell} m; people, water and clutter per cell…\n`);
    const population = await openRaster(await readRasterBytes(POPULATION), POPULATION);
    const water = await openRaster(await readRasterBytes(WATER), WATER);
    const ground = await buildGround({ grid, communes, communesFileName: communesPath, population, water });
    for (const n of ground.notes) io.stderr(`phusong: note: ${n}\n`);
    const scene = planningScene(scenario, rings, cell, { carrierId, thresholdDbm, sinrDb }, ground.clutter);
    const mask = sceneMask(scene);

    try {
      mkdirSync(out, { recursive: true });
    } catch (err) {
      throw new DataError(`${out}: cannot create the output folder (${describeFsError(err)})`);
    }
    const client = nodeClient(workers);
    let lastStage = '';
    const onProgress = (p: PlanProgress) => {
      const line = p.stage === 'greedy' || p.stage === 'rank' ? `${p.stage} ${p.step}/${p.steps}` : p.stage;
      if (line !== lastStage) io.stderr(`plan: ${line} (${p.evaluations} evaluations)\n`);
      lastStage = line;
    };
    let result;
    try {
      const runner = await poolRunner(client, scenario, rings, scene);
      result = await runPlan({
        scenario, scene, mask, ground, communes, inside, seed,
        target: { carrierId, thresholdDbm, sinrDb, area, goal: areaShare !== null ? 'area' : 'population', share, maxSites, maxCost },
        candidates: {
          list, defaultTemplate: template, zones, upgrades: kinds.includes('upgrades'),
          gapGridSpacingM: kinds.includes('gap-grid') ? spacing : null, gapCentres: kinds.includes('gap-centres') ? { spacingM: spacing, minPeople } : null,
        },
        localSearch: o.get('local-search') === 'off' ? false : undefined, onProgress,
      }, runner);
    } finally {
      client.dispose();
    }
    const runtimeS = (performance.now() - t0) / 1000;
    const summary = planSummary({ ...result, runtimeS }, {
      tool: 'phusong plan', created: new Date().toISOString(), carrier: carrierId, threshold_dbm: thresholdDbm, sinr_db: sinrDb, area: areaOpt,
      goal: areaShare !== null ? 'area' : 'population', goal_share: share, max_sites: maxSites, budget_cost: maxCost, cell_m: cell, seed, workers, template,
      plan_runtime_s: Math.round(result.runtimeS * 1000) / 1000,
    });
    const files: [string, string][] = [
      ['proposal.csv', proposalCsv(result)], ['proposal.geojson', JSON.stringify(proposalGeoJson(result), null, 1)], ['curve.csv', curveCsv(result)],
      ['excluded.csv', excludedCsv(result)], ['scenario-after.json', JSON.stringify(result.scenarioAfter, null, 1)], ['summary.json', JSON.stringify(summary, null, 2)],
    ];
    for (const [name, data] of files) {
      try {
        writeFileSync(join(out, name), data);
      } catch (err) {
        throw new DataError(`${join(out, name)}: cannot write (${describeFsError(err)})`);
      }
    }
    const pct = (v: number) => `${(100 * v).toFixed(2)} %`;
    io.stderr(`plan: ${result.picks.length} sites; people covered ${pct(result.before.population / result.totals.population)} → ${pct(result.after.population / result.totals.population)} of ${Math.round(result.totals.population).toLocaleString('en-US')}; ${result.evaluations} evaluations in ${runtimeS.toFixed(1)} s on ${workers} workers; files in ${out}\n`);
  },
};

async function readRasterBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    throw new DataError(`${path}: cannot read the raster (${describeFsError(err)}) (run \`npm run data\` first)`);
  }
}
