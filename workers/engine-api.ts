/**
 * The coverage engine's worker API, shared by the browser worker (engine.worker.ts) and the
 * Node worker_threads one (engine.node-worker.ts). Thin: it holds one src/core EngineCore and
 * hands result buffers over as transferables. No radio math here.
 */
import type { Position } from 'geojson';
import { EngineCore, type ChunkResult } from '../src/core/coverage/engine.ts';
import { planScene, type EngineOptions, type EngineSector } from '../src/core/coverage/scene.ts';
import type { Grid } from '../src/core/grid/grid.ts';
import type { LayerId } from '../src/core/coverage/layers.ts';
import { mercatorIndex, type MercatorRaster } from '../src/core/grid/resample.ts';
import type { Scenario } from '../src/core/scenario/scenario.ts';
import { parseBoundaryGeoJson, type BoundaryFeature } from '../src/core/boundaries/boundaries.ts';
import { communeLabelGrid, type CommuneLabels, type CommuneStatsResult } from '../src/core/stats/commune-stats.ts';
import { buildContractFiles, contractCommuneStats, type ContractLayers, type ContractOptions } from '../src/core/export/contract.ts';
import { zipSync } from 'fflate';
import { distribution, type BinSpec, type Distribution } from '../src/core/stats/distribution.ts';
import { gapPolygons, type GapCollection, type GapSite } from '../src/core/stats/gaps.ts';
import { privateNetworkStats, type PrivateNetworkStats } from '../src/core/stats/private-network.ts';
import type { Polygon } from 'geojson';

/** Communes for the statistics: the features, or a GeoJSON URL the worker fetches and parses once. */
export type CommuneInput = BoundaryFeature[] | { readonly url: string; readonly nameProperty: string };

/** Thresholds of the commune statistics. */
export type StatsOptions = Pick<ContractOptions, 'indoorThresholdDbm' | 'rsrpThresholdsDbm' | 'sinrThresholdDb'>;

/** What every worker needs to build the same scene. */
export interface SceneInput {
  readonly scenario: Scenario;
  readonly boundaryRings: Position[][];
  readonly options: Partial<EngineOptions>;
  /** Increases with every scenario change: results of another version are stale. */
  readonly version: number;
}

export interface WorkerChunk extends ChunkResult {
  readonly workerName: string;
  /** True when computed inside a worker (proof for tests and the status line). */
  readonly inWorker: boolean;
  readonly version: number;
}

/** The transferable buffers of a chunk. */
export function chunkBuffers(c: ChunkResult): ArrayBuffer[] {
  const out: ArrayBuffer[] = [c.tiles.buffer as ArrayBuffer];
  for (const k of c.carriers) {
    if (!k) continue;
    out.push(k.rsrpDbm.buffer as ArrayBuffer, k.server.buffer as ArrayBuffer, k.overlap.buffer as ArrayBuffer, k.sinrDb.buffer as ArrayBuffer,
      k.indoorDbm.buffer as ArrayBuffer, k.throughputMbps.buffer as ArrayBuffer, k.ulMarginDb.buffer as ArrayBuffer);
  }
  return out;
}

export function makeEngineApi(workerName: () => string, inWorker: boolean, transfer: <T>(value: T, buffers: ArrayBuffer[]) => T) {
  let engine: EngineCore | null = null;
  let version = -1;
  let dieOnNextTask = false;
  let labels: { key: string; labels: CommuneLabels } | null = null;
  /** The communes' label grid, kept per grid and commune set. */
  /** Communes by URL, parsed here once: the main thread never clones 4 MB of polygons per call. */
  let communeCache: { key: string; features: BoundaryFeature[] } | null = null;
  const communesOf = async (src: CommuneInput): Promise<BoundaryFeature[]> => {
    if (Array.isArray(src)) return src;
    const key = `${src.url}|${src.nameProperty}`;
    if (communeCache?.key !== key) {
      const res = await fetch(src.url);
      if (!res.ok) throw new Error(`${src.url}: HTTP ${res.status}`);
      const parsed = parseBoundaryGeoJson(await res.text(), src.url, src.nameProperty).features;
      // Statistics read the name from `name` (same copy as the main thread makes).
      communeCache = { key, features: parsed.map((f) => ({ ...f, properties: { ...f.properties, name: f.properties?.[src.nameProperty] ?? '' } })) };
    }
    return communeCache.features;
  };
  const labelsFor = (grid: Grid, features: BoundaryFeature[]): CommuneLabels => {
    const key = `${JSON.stringify(grid)}|${features.length}|${String(features[0]?.properties?.name ?? '')}`;
    if (!labels || labels.key !== key) labels = { key, labels: communeLabelGrid(grid, features) };
    return labels.labels;
  };
  /** Test hook: the worker dies with the task in flight (an uncaught error; the call never answers). */
  const die = (): Promise<never> => {
    setTimeout(() => {
      throw new Error('worker killed by test hook');
    });
    return new Promise<never>(() => undefined);
  };
  const wrapChunk = (c: ChunkResult): WorkerChunk => transfer({ ...c, workerName: workerName(), inWorker, version }, chunkBuffers(c));
  const need = (): EngineCore => {
    if (!engine) throw new Error('engine worker: init() was not called');
    return engine;
  };
  return {
    /** Builds the scene, mask, tile lists (tables are built lazily). Returns the build time, ms. */
    init(input: SceneInput): number {
      const t0 = performance.now();
      engine = new EngineCore(planScene(input.scenario, input.boundaryRings, input.options));
      version = input.version;
      return performance.now() - t0;
    },
    computeTiles(tiles: number[], layers?: LayerId[] | null): WorkerChunk | Promise<never> {
      if (dieOnNextTask) return die();
      return wrapChunk(need().computeTiles(tiles, layers));
    },
    beginEdit(sectorIndices: number[]): void {
      need().beginEdit(sectorIndices);
    },
    /** Computes the edit's bases of these tiles ahead of the moves; returns the time taken, ms. */
    primeEdit(tiles: number[]): number {
      return need().primeEdit(tiles);
    },
    editTiles(tiles: number[], replacements: EngineSector[], layers?: LayerId[] | null): WorkerChunk | Promise<never> {
      if (dieOnNextTask) return die();
      return wrapChunk(need().editTiles(tiles, replacements, layers));
    },
    endEdit(): void {
      engine?.endEdit();
    },
    /**
     * Per-commune statistics of a carrier's layers (src/core/export/contract.ts): RSRP shares at
     * the thresholds, uplink (margin ≥ 0), indoor (≥ level) and SINR (≥ level) shares. The
     * communes' label grid is kept per grid.
     */
    async communeStats(grid: Grid, communes: CommuneInput, layers: Pick<ContractLayers, 'rsrpDbm' | 'sinrDb' | 'indoorDbm' | 'ulMarginDb'>, o: StatsOptions): Promise<CommuneStatsResult> {
      const features = await communesOf(communes);
      return contractCommuneStats(grid, labelsFor(grid, features), features, layers, o);
    },
    /**
     * The export bundle of the shown carrier as one zip (fflate), with the same file names as
     * `phusong coverage --out` and an app summary.json.
     */
    async exportZip(grid: Grid, communes: CommuneInput, layers: ContractLayers, scenario: Scenario, o: Omit<ContractOptions, 'communes' | 'labels' | 'carrierLayers'>, summary: Record<string, unknown>): Promise<{ zip: Uint8Array; files: string[] }> {
      const features = await communesOf(communes);
      const bundle = buildContractFiles(grid, layers, scenario, { ...o, communes: features, labels: features.length ? labelsFor(grid, features) : undefined });
      const enc = new TextEncoder();
      const entries: Record<string, Uint8Array> = {};
      for (const f of bundle.files) entries[f.name] = typeof f.data === 'string' ? enc.encode(f.data) : f.data;
      entries['summary.json'] = enc.encode(`${JSON.stringify({ ...summary, province: bundle.communeStats?.province ?? null, gaps: bundle.gaps, privateNetworks: bundle.privateNetworks, populationNote: bundle.communeStats?.populationNote }, null, 1)}\n`);
      const zip = zipSync(entries, { level: 6 });
      return transfer({ zip, files: Object.keys(entries) }, [zip.buffer as ArrayBuffer]);
    },
    /** Gap polygons of an RSRP layer below a threshold (src/core/stats/gaps.ts), WGS 84. */
    async gaps(grid: Grid, communes: CommuneInput, rsrpDbm: Float64Array, thresholdDbm: number, minAreaKm2: number, sites: GapSite[]): Promise<GapCollection> {
      const features = await communesOf(communes);
      return gapPolygons(grid, rsrpDbm, labelsFor(grid, features), {
        threshold: thresholdDbm, minAreaKm2, communeNames: features.map((f) => String(f.properties?.name ?? '')), sites,
      });
    },
    /** Coverage inside a private network's service area and spill-over outside it (src/core/stats/private-network.ts). */
    async privateNetwork(grid: Grid, communes: CommuneInput, serviceArea: Polygon, rsrpDbm: Float64Array, indoorDbm: Float64Array, outdoorThresholdDbm: number, indoorThresholdDbm: number, spillThresholdDbm: number): Promise<PrivateNetworkStats> {
      const features = await communesOf(communes);
      return privateNetworkStats(grid, serviceArea, rsrpDbm, {
        outdoorThresholdDbm, indoorRsrpDbm: indoorDbm, indoorThresholdDbm, spillThresholdDbm,
        labels: labelsFor(grid, features), communeNames: features.map((f) => String(f.properties?.name ?? '')),
      });
    },
    /** Histogram and CDF of a layer over the province (area −1) or one commune (src/core/stats/distribution.ts). */
    async distribution(grid: Grid, communes: CommuneInput, area: number, values: Float64Array | Float32Array | Int32Array | Uint8Array, bins: BinSpec): Promise<Distribution> {
      const features = await communesOf(communes);
      const d = distribution(values, labelsFor(grid, features), area, bins);
      return transfer(d, [d.counts.buffer as ArrayBuffer, d.cdf.buffer as ArrayBuffer]);
    },
    /** RSRP values of one commune's cells, for its histogram (NaN = no service). */
    async communeValues(grid: Grid, communes: CommuneInput, index: number, rsrpDbm: Float64Array): Promise<Float64Array> {
      const features = await communesOf(communes);
      const l = labelsFor(grid, features);
      const out: number[] = [];
      for (let i = 0; i < l.length; i++) if (l[i] === index) out.push(rsrpDbm[i]);
      const a = Float64Array.from(out);
      return transfer(a, [a.buffer as ArrayBuffer]);
    },
    /** Display index of a grid (src/core/grid/resample.ts). */
    mercatorIndex(grid: Grid, width: number): MercatorRaster {
      const m = mercatorIndex(grid, width);
      return transfer(m, [m.sourceIndex.buffer as ArrayBuffer]);
    },
    /** Test hook: this worker dies during its next task (the worker-death tests). */
    crashOnNextTask(): void {
      dieOnNextTask = true;
    },
    /** Peak resident memory of this worker's process, MB (Node only; 0 in a browser). */
    memoryMb(): number {
      const p = (globalThis as { process?: { memoryUsage?: () => { rss: number } } }).process;
      return p?.memoryUsage ? p.memoryUsage().rss / 1e6 : 0;
    },
  };
}

export type EngineWorkerApi = ReturnType<typeof makeEngineApi>;
