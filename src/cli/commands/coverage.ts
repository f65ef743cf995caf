/**
 * `phusong coverage --scenario <file.json> [--cell 50] [--out <dir>]`: the app's coverage
 * engine, headless, on Node worker threads (one per core). Writes the layers of every carrier
 * and a JSON summary; a progress bar on stderr.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Position } from 'geojson';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { planScene, sceneGrid, sceneMask, sceneWarnings, type Scene } from '../../core/coverage/scene.ts';
import { readGround } from '../ground-input.ts';
import { newCoverageLayers, scatterChunk, tileBands, type CoverageLayers } from '../../core/coverage/layers.ts';
import { buildBundle } from '../../core/export/contract.ts';
import { parseScenario, ScenarioFileError, type Scenario } from '../../core/scenario/scenario.ts';
import { enforceFieldRules } from '../../core/scenario/fields.ts';
import { parseBoundaryGeoJson, ringsOf, type BoundaryFeature } from '../../core/boundaries/boundaries.ts';
import { PATH_LOSS_MODEL_IDS } from '../../core/propagation/registry.ts';
import type { CliCommand, CliIo, ParsedOptions } from '../command.ts';
import { DataError, UsageError } from '../errors.ts';
import { nodeClient } from '../../compute/node-pool.ts';
import { writeBundle } from '../coverage-output.ts';
import { describeFsError } from '../csv.ts';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const DEFAULT_BOUNDARY = join(ROOT, 'public', 'data', 'vinh-long-province-2025.geojson');

/** The province (or any polygon) GeoJSON: rings and an inside test, or a DataError naming the file. */
export function readBoundary(path: string): { rings: Position[][]; inside: (lon: number, lat: number) => boolean } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const hint = path === DEFAULT_BOUNDARY ? ' (run `npm run data` first: it copies the Vĩnh Long boundaries from ../shared)' : '';
    throw new DataError(`${path}: cannot read the boundary file (${describeFsError(err)})${hint}`);
  }
  let json: { type?: string; features?: Feature[]; geometry?: Polygon | MultiPolygon };
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DataError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const features = json.type === 'FeatureCollection' ? json.features ?? [] : json.type === 'Feature' ? [json as Feature] : [];
  const polys = features.filter((f): f is Feature<Polygon | MultiPolygon> => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon');
  if (polys.length === 0) throw new DataError(`${path}: no Polygon or MultiPolygon feature`);
  return { rings: polys.flatMap((f) => ringsOf(f.geometry)), inside: (lon, lat) => polys.some((f) => booleanPointInPolygon([lon, lat], f)) };
}

export const DEFAULT_COMMUNES = join(ROOT, 'public', 'data', 'vinh-long-communes-2025.geojson');

/** Communes for statistics: the given file, or the prepared Vĩnh Long communes (none, with a warning, if absent). */
function readCommunes(path: string | undefined, io: CliIo): BoundaryFeature[] {
  const file = path ?? DEFAULT_COMMUNES;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (path) throw new DataError(`${file}: cannot read the communes (${describeFsError(err)})`);
    io.stderr(`phusong: warning: ${file} not found (npm run data): no commune statistics or gaps\n`);
    return [];
  }
  try {
    const r = parseBoundaryGeoJson(text, file, 'name');
    for (const p of r.problems) io.stderr(`phusong: warning: ${p}\n`);
    return r.features;
  } catch (e) {
    throw new DataError((e as Error).message);
  }
}

/** Reads and validates a scenario; invalid sites are reported on stderr and left out. */
export function readScenario(path: string, inside: (lon: number, lat: number) => boolean, io: CliIo): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DataError(`${path}: cannot read the scenario (${describeFsError(err)})`);
  }
  try {
    const { scenario, problems } = enforceFieldRules(parseScenario(text, path, inside, PATH_LOSS_MODEL_IDS), path, { knownModelIds: PATH_LOSS_MODEL_IDS, inside });
    for (const p of problems) io.stderr(`phusong: warning: ${p} (left out)\n`);
    if (scenario.sites.length === 0) throw new DataError(`${path}: no valid site`);
    return scenario;
  } catch (e) {
    if (e instanceof ScenarioFileError) throw new DataError(e.message);
    throw e;
  }
}

/** A progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise. */
export function progressBar(io: CliIo, isTty: boolean): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const f = total ? done / total : 1;
    if (isTty) {
      const w = 30;
      const n = Math.round(f * w);
      io.stderr(`\r[${'#'.repeat(n)}${'-'.repeat(w - n)}] ${String(Math.round(f * 100)).padStart(3)}% ${done}/${total} tile groups${done === total ? '\n' : ''}`);
    } else {
      const tenth = Math.floor(f * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        io.stderr(`coverage: ${tenth * 10}% (${done}/${total} tile groups)\n`);
      }
    }
  };
}

export interface CoverageRun {
  readonly scene: Scene;
  readonly layers: CoverageLayers;
  readonly mask: Uint8Array;
  readonly workers: number;
  readonly evaluations: number;
  /** scene: planned on this thread (the workers load meanwhile); workerInit: until every worker has built it; compute: from then to the last tile (a worker ready earlier starts sooner). */
  readonly timingsMs: { scene: number; workerInit: number; compute: number; total: number };
}

/**
 * The whole computation on `workers` threads (default one per core), on a ground when given
 * (clutter class and terrain height per cell of the grid, src/cli/ground-input.ts).
 */
export async function runCoverage(scenario: Scenario, rings: Position[][], cellSizeM: number, onProgress: (done: number, total: number) => void, workers?: number, ground?: { clutter: Uint8Array; dem: Float32Array | null }): Promise<CoverageRun> {
  const t0 = performance.now();
  // The workers load their code while this thread plans the scene.
  const client = nodeClient(workers);
  try {
    const scene = planScene(scenario, rings, { cellSizeM }, ground?.clutter ?? null, ground?.dem ?? null);
    const mask = sceneMask(scene);
    const t1 = performance.now();
    // Each worker starts on its tiles as soon as its own scene is built (the client waits for it).
    let t2 = 0;
    const ready = client.setScene({ scenario, boundaryRings: rings, options: { cellSizeM }, version: 1, clutter: ground?.clutter, dem: ground?.dem, mask }).then(() => (t2 = performance.now()));
    // While the workers build it: the whole-grid layers (every tile is scattered, so no fill).
    const layers = newCoverageLayers(scene, false);
    const { done } = client.start(tileBands(scene), { onChunk: (c) => scatterChunk(scene, layers, c), onProgress });
    const [, summary] = await Promise.all([ready, done]);
    const t3 = performance.now();
    return { scene, layers, mask, workers: client.size, evaluations: summary.evaluations, timingsMs: { scene: t1 - t0, workerInit: t2 - t1, compute: t3 - t2, total: t3 - t0 } };
  } finally {
    client.dispose();
  }
}

export const coverageCommand: CliCommand = {
  name: 'coverage',
  summary: 'coverage layers of a scenario over the province (GeoTIFF per carrier and layer, summary.json)',
  options: [
    { name: 'scenario', valueName: 'file.json', required: true, description: 'scenario JSON (data/scenarios/sample-network.json is the sample)' },
    { name: 'cell', valueName: 'metres', required: false, description: 'grid cell size, 10–500 m (default 50)' },
    { name: 'out', valueName: 'dir', required: false, description: 'output folder, created if absent (default: coverage-out)' },
    { name: 'boundary', valueName: 'file.geojson', required: false, description: 'area to compute (default: the Vĩnh Long province outline prepared by npm run data)' },
    { name: 'workers', valueName: 'n', required: false, description: 'worker threads (default: one per core)' },
    { name: 'carrier', valueName: 'id', required: false, description: 'carrier of rsrp.tif, sinr.tif, best-server.tif, bands, gaps and commune statistics (default: the first)' },
    { name: 'communes', valueName: 'file.geojson', required: false, description: 'communes for the statistics and gaps, name property "name" (default: the Vĩnh Long communes prepared by npm run data)' },
    { name: 'gap-threshold', valueName: 'dBm', required: false, description: 'gaps are areas with best-server RSRP below this (default −110)' },
    { name: 'gap-min-area', valueName: 'km2', required: false, description: 'smaller gaps are left out (default 0.05 km²)' },
    { name: 'population', valueName: 'file.tif', required: false, description: 'people-count raster giving the distribution inside each commune (default: the prepared WorldPop 2020 file)' },
    { name: 'landcover', valueName: 'file.tif', required: false, description: 'land-cover GeoTIFF with ESA WorldCover codes for the clutter classes (default: classes from water, commune type and density)' },
    { name: 'dem', valueName: 'file.tif|.hgt', required: false, description: 'elevation model (GeoTIFF, SRTM .hgt, also .zip/.gz) resampled to the grid (default: flat earth at 2 m)' },
  ],
  details: () => [
    'Layers (EPSG:32648 grid, one GeoTIFF per carrier and layer, named <carrier>-<layer>.tif):',
    '  rsrp        best-server RSRP per resource element, dBm',
    '  server      best-server sector number (index into summary.json "sectors")',
    '  overlap     servers within 6 dB of the best (pilot pollution)',
    '  sinr        downlink SINR of the best server, dB (co-channel sectors at 50% load, thermal noise)',
    '  throughput  attenuated-Shannon downlink throughput, Mbit/s (TR 36.942 Annex A; NR capped per TS 38.306)',
    '  uplink      uplink SINR margin of a 23 dBm UE at the best server, dB (>= 0: the uplink closes)',
    '  indoor      best indoor RSRP with ITU-R P.2109 building entry loss (50%, traditional), dBm',
    'summary.json: grid, cells in the province, covered share per threshold and carrier, timings.',
  ].join('\n'),
  async run(options: ParsedOptions, io: CliIo) {
    const cellText = options.get('cell') ?? '50';
    const cell = Number(cellText);
    if (!(Number.isFinite(cell) && cell >= 10 && cell <= 500)) throw new UsageError(`coverage: --cell must be a number of metres in 10–500, got ${JSON.stringify(cellText)}`);
    const workersText = options.get('workers');
    const workers = workersText === undefined ? undefined : Number(workersText);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) throw new UsageError(`coverage: --workers must be a whole number 1–64, got ${JSON.stringify(workersText)}`);
    const out = resolve(options.get('out') ?? 'coverage-out');
    const num = (name: string, dflt: number) => {
      const text = options.get(name);
      if (text === undefined) return dflt;
      const v = Number(text);
      if (!Number.isFinite(v)) throw new UsageError(`coverage: --${name} must be a number, got ${JSON.stringify(text)}`);
      return v;
    };
    const gapThresholdDbm = num('gap-threshold', -110);
    const gapMinAreaKm2 = num('gap-min-area', 0.05);
    if (gapMinAreaKm2 < 0) throw new UsageError(`coverage: --gap-min-area must be an area in km² ≥ 0, got ${JSON.stringify(options.get('gap-min-area'))}`);
    const { rings, inside } = readBoundary(options.get('boundary') ?? DEFAULT_BOUNDARY);
    const scenarioPath = options.get('scenario')!;
    const scenario = readScenario(scenarioPath, inside, io);
    try {
      mkdirSync(out, { recursive: true });
    } catch (err) {
      throw new DataError(`${out}: cannot create the output folder (${describeFsError(err)})`);
    }
    const carrierId = options.get('carrier') ?? scenario.carriers[0]?.id;
    const carrierIndex = scenario.carriers.findIndex((c) => c.id === carrierId);
    if (carrierIndex < 0) throw new UsageError(`coverage: unknown carrier ${JSON.stringify(carrierId)}; valid: ${scenario.carriers.map((c) => c.id).join(', ')}`);
    const communes = readCommunes(options.get('communes'), io);
    // The ground of the grid: people per cell, clutter classes, terrain heights (issue 11).
    const grid = sceneGrid(rings, cell);
    const gr = communes.length ? await readGround(grid, communes, options.get('communes') ?? DEFAULT_COMMUNES, { population: options.get('population'), landCover: options.get('landcover'), dem: options.get('dem') }) : null;
    for (const note of gr?.ground.notes ?? []) io.stderr(`phusong: note: ${note}\n`);
    const run = await runCoverage(scenario, rings, cell, progressBar(io, Boolean(process.stderr.isTTY)), workers, gr ? { clutter: gr.ground.clutter, dem: gr.dem } : undefined);
    const warnings = sceneWarnings(run.scene);
    for (const w of warnings) io.stderr(`phusong: warning: ${w}\n`);
    const bundle = buildBundle({
      grid: run.scene.grid, carrierIds: run.scene.carriers.map((c) => c.id), carrierLabels: run.scene.carriers.map((c) => c.label),
      layers: run.layers.carriers, sectors: run.scene.sectors, maskRings: run.scene.maskRings, scenario, communes,
      ground: gr ? { peoplePerCell: gr.peopleKnown ? gr.ground.peoplePerCell : null, clutter: gr.ground.clutter, elevationM: gr.dem } : undefined,
      run: {
        tool: 'phusong coverage', created: new Date().toISOString(), workers: run.workers, evaluations: run.evaluations,
        timingsS: Object.fromEntries(Object.entries(run.timingsMs).map(([k, v]) => [k, Math.round(v) / 1000])),
        // Peak resident memory of this process (its worker threads included), MB.
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), modelWarnings: warnings, modelOverride: null,
      },
    }, { exportCarrier: scenario.carriers[carrierIndex].id, gapThresholdDbm, gapMinAreaKm2, indoorThresholdDbm: -110 });
    const files = writeBundle(out, bundle);
    const summary = bundle.summary;
    io.stderr(`coverage: ${summary.cellsInProvince.toLocaleString('en-US')} cells × ${run.scene.sectors.length} sectors in ${summary.timingsS.total} s on ${run.workers} workers; ${files.length} files in ${out}\n`);
  },
};
