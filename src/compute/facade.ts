/**
 * The app's one door to the workers (STYLE.md §2, §6): a typed method per message, every buffer
 * transfer done here, an `AbortSignal` on every request. Behind it: the engine pool
 * (client.ts: scene, jobs, edits) and the analysis worker (workers/analysis-api.ts), which keeps
 * the merged layers keyed by version. Engine chunks are forwarded to the analysis worker as they
 * arrive (moved, not copied); the main thread receives only the layer it draws.
 *
 * The app imports nothing from comlink or workers/: the types it needs are re-exported here.
 */
import { layerDerivation } from '../core/coverage/finish.ts';
import type { Scene } from '../core/coverage/scene.ts';
import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { Polygon } from 'geojson';
import type { AnalysisApi, ChunkPayload, CommuneInput, GroundLayerId, GroundSources, GroundSummary, LayerFrame } from '../../workers/analysis-api.ts';
import { chunkBuffers, type SceneInput, type WorkerChunk } from '../../workers/engine-api.ts';
import { ComputeClient, JobCancelledError, type JobSummary } from './client.ts';
import type { TerrainMapSummary, TerrainSpec } from '../core/coverage/terrain-loss.ts';
import type { EngineSector } from '../core/coverage/scene.ts';
import type { LayerArray, LayerId, BinSpec } from '../core/coverage/layer-registry.ts';
import type { CommuneStatsResult } from '../core/stats/commune-stats.ts';
import type { Distribution } from '../core/stats/distribution.ts';
import type { GapCollection, GapSite } from '../core/stats/gaps.ts';
import type { PrivateNetworkStats } from '../core/stats/private-network.ts';
import type { BundleInput, BundleOptions, StatsOptions } from '../core/export/contract.ts';
import type { MercatorRaster } from '../core/grid/resample.ts';
import type { Grid } from '../core/grid/grid.ts';
import type { PlanningApi, PlanRequest } from '../../workers/planning-api.ts';
import type { MeasurementCalibrationView, MeasurementCompareRequest, MeasurementComparisonView, MeasurementImportResult, MeasurementImportView, MeasurementsApi, PointPicture } from '../../workers/measurements-api.ts';
import type { ColumnMapping } from '../core/measurements/columns.ts';
import type { PlanProgress, PlanResult } from '../core/planning/plan.ts';

export type { PlanProgress, PlanRequest, PlanResult };
export type { MeasurementCalibrationView, MeasurementCompareRequest, MeasurementComparisonView, MeasurementImportResult, MeasurementImportView, PointPicture };

export type { TerrainMapSummary, TerrainSpec };
export type { ChunkPayload, CommuneInput, GroundLayerId, GroundSources, GroundSummary, LayerFrame, SceneInput, WorkerChunk, JobSummary };
export { JobCancelledError };

/** The error a request rejects with when its signal aborts (or its answer became stale). */
export class AbortedError extends Error {
  constructor(what = 'request') {
    super(`${what} aborted`);
    this.name = 'AbortError';
  }
}

export const isAborted = (e: unknown): boolean => e instanceof AbortedError || e instanceof JobCancelledError || (e instanceof Error && /stale-version/.test(e.message));

/** Resolves like `p`, or rejects with AbortedError as soon as `signal` aborts (the answer is then dropped). */
export function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined, what?: string): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new AbortedError(what));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortedError(what));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) reject(new AbortedError(what));
        else resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? new AbortedError(what) : e);
      },
    );
  });
}

/** A chunk without the worker's bookkeeping, its buffers marked for transfer. */
function moved(c: ChunkPayload): ChunkPayload {
  const payload: ChunkPayload = { tiles: c.tiles, carriers: c.carriers };
  return transfer(payload, chunkBuffers(payload));
}

/** The frame of a scene's version in the analysis worker: its grid and carriers, and what derives the layers it does not hold. */
export function layerFrame(scene: Scene): LayerFrame {
  return { grid: scene.grid, tileSize: scene.tileSize, tilesX: scene.tilesX, carrierIds: scene.carriers.map((c) => c.id), derive: layerDerivation(scene) };
}

export interface AnalysisWorker {
  readonly api: Remote<AnalysisApi>;
  terminate(): void;
}

export function browserAnalysisWorker(onError: (e: Error) => void): AnalysisWorker {
  const worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis-worker' });
  worker.addEventListener('error', (ev) => {
    ev.preventDefault();
    onError(new Error(`the analysis worker could not run: ${ev.message || 'its script failed to load'}`));
  });
  return { api: wrap<AnalysisApi>(worker), terminate: () => worker.terminate() };
}

export class Compute {
  constructor(readonly pool: ComputeClient, private readonly analysis: AnalysisWorker) {}

  get workers(): number {
    return this.pool.size;
  }

  /** Sends a scene to every engine worker (superseding any job). */
  async setScene(input: SceneInput): Promise<void> {
    await this.pool.setScene(input);
  }

  /**
   * Computes every tile group into a new version held by the analysis worker; the version is
   * complete (and may be made current) only when the promise resolves. On abort the job is
   * cancelled and the version dropped.
   */
  async run(version: number, frame: LayerFrame, groups: readonly number[][], o: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<JobSummary> {
    await this.analysis.api.open(version, frame);
    const puts: Promise<void>[] = [];
    const { done } = this.pool.start(groups, {
      onChunk: (chunk) => puts.push(this.analysis.api.put(version, moved(chunk))),
      onProgress: o.onProgress,
    });
    const cancel = () => this.pool.cancel();
    o.signal?.addEventListener('abort', cancel, { once: true });
    try {
      const summary = await done;
      await Promise.all(puts);
      return summary;
    } catch (e) {
      void this.analysis.api.drop([version]);
      throw o.signal?.aborted ? new AbortedError('coverage job') : e;
    } finally {
      o.signal?.removeEventListener('abort', cancel);
    }
  }

  /**
   * Computes the terrain maps of these specs once in the engine pool (each in one worker, copied
   * to the others) after `setScene` and before `run` or an edit's moves; resolves with their
   * summaries (warnings for the validity box). Aborting stops between maps.
   */
  async prepareTerrain(specs: readonly TerrainSpec[], o: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<TerrainMapSummary[]> {
    if (specs.length === 0) return [];
    try {
      return await this.pool.prepareTerrain(specs, { isCancelled: () => o.signal?.aborted ?? false, onProgress: o.onProgress });
    } catch (e) {
      throw o.signal?.aborted ? new AbortedError('terrain') : e;
    }
  }

  /** Starts an edit of these sectors in the engine workers (cancels a running job); resolves with the priming time, ms. */
  beginEdit(sectorIndices: readonly number[], primeTiles: readonly number[]): Promise<number> {
    return this.pool.beginEdit(sectorIndices, primeTiles);
  }

  /** One move of an edit: the chunks of `tiles` with the sectors replaced (null when superseded by a later move). */
  editMove(tiles: readonly number[], replacements: readonly EngineSector[], layers: readonly LayerId[] | null): Promise<WorkerChunk[] | null> {
    return this.pool.editMove(tiles, replacements, layers);
  }

  endEdit(): Promise<void> {
    return this.pool.endEdit();
  }

  /** Makes version `to` (of `scene`, the edited scene) from `from` with an edit's final chunks merged (they are moved to the analysis worker). */
  advance(from: number, to: number, chunks: readonly ChunkPayload[], scene: Scene, removed?: { first: number; count: number }): Promise<void> {
    return this.analysis.api.advance(from, to, chunks.map(moved), removed, layerDerivation(scene));
  }

  /** Forgets these versions. */
  drop(versions: number[]): Promise<void> {
    return this.analysis.api.drop(versions);
  }

  /** Versions the analysis worker holds (tests: nothing leaks). */
  held(): Promise<number[]> {
    return this.analysis.api.held();
  }

  cancel(): void {
    this.pool.cancel();
  }

  /** A copy of one layer of a version, to draw (made in the analysis worker, moved here). */
  layer(version: number, carrier: number, id: LayerId, signal?: AbortSignal): Promise<LayerArray> {
    return abortable(this.analysis.api.layer(version, carrier, id) as Promise<LayerArray>, signal, 'layer');
  }

  valueAt(version: number, carrier: number, id: LayerId, cell: number): Promise<number> {
    return this.analysis.api.valueAt(version, carrier, id, cell);
  }

  communeStats(version: number, carrier: number, communes: CommuneInput, o: StatsOptions, signal?: AbortSignal): Promise<CommuneStatsResult> {
    return abortable(this.analysis.api.communeStats(version, carrier, communes, o), signal, 'statistics');
  }

  gaps(version: number, carrier: number, communes: CommuneInput, thresholdDbm: number, minAreaKm2: number, sites: GapSite[], signal?: AbortSignal): Promise<GapCollection> {
    return abortable(this.analysis.api.gaps(version, carrier, communes, thresholdDbm, minAreaKm2, sites), signal, 'gaps');
  }

  privateNetwork(version: number, carrierId: string, communes: CommuneInput, serviceArea: Polygon, t: { outdoorDbm: number; indoorDbm: number; spillDbm: number }, signal?: AbortSignal): Promise<PrivateNetworkStats | null> {
    return abortable(this.analysis.api.privateNetwork(version, carrierId, communes, serviceArea, t), signal, 'private network');
  }

  distribution(version: number, carrier: number, id: LayerId, communes: CommuneInput, area: number, bins: BinSpec, signal?: AbortSignal): Promise<Distribution> {
    return abortable(this.analysis.api.distribution(version, carrier, id, communes, area, bins), signal, 'distribution');
  }

  communeValues(version: number, carrier: number, communes: CommuneInput, index: number, signal?: AbortSignal): Promise<Float64Array> {
    return abortable(this.analysis.api.communeValues(version, carrier, communes, index), signal, 'commune values');
  }

  exportBundle(version: number, communes: CommuneInput, input: Omit<BundleInput, 'grid' | 'carrierIds' | 'layers' | 'communes' | 'labels'>, o: BundleOptions, onProgress?: (done: number, total: number, file: string) => void, signal?: AbortSignal): Promise<{ zip: Uint8Array; files: string[] }> {
    // comlink calls a function argument back through a proxy.
    return abortable(this.analysis.api.exportBundle(version, communes, input, o, onProgress ? proxyFn(onProgress) : undefined), signal, 'export');
  }

  /** Sets the ground's sources; a user's file that cannot be read rejects with its named error (nothing changes). */
  setGroundSources(s: GroundSources): Promise<string> {
    return this.analysis.api.setGroundSources(s);
  }

  /** The ground of a grid (clutter classes and terrain heights moved here, class shares, notes). */
  ground(grid: Grid, communes: CommuneInput, signal?: AbortSignal): Promise<GroundSummary> {
    return abortable(this.analysis.api.ground(grid, communes), signal, 'ground');
  }

  /** A ground layer to draw, or null when that grid's ground is not built (or has no DEM). */
  groundLayer(grid: Grid, id: GroundLayerId, signal?: AbortSignal): Promise<Float32Array | Uint8Array | null> {
    return abortable(this.analysis.api.groundLayer(grid, id) as Promise<Float32Array | Uint8Array | null>, signal, 'ground layer');
  }

  /** The planning worker (started on the first plan; a cancelled plan terminates it). */
  private planner: { readonly api: Remote<PlanningApi>; terminate(): void } | null = null;

  /**
   * A site plan (issue 13, src/core/planning/plan.ts) in the planning worker. `onProgress` is
   * called back through a proxy; aborting terminates the worker at once (the next plan starts a
   * new one) and rejects with AbortedError.
   */
  planSites(request: PlanRequest, o: { signal?: AbortSignal; onProgress?: (p: PlanProgress) => void } = {}): Promise<PlanResult> {
    if (o.signal?.aborted) return Promise.reject(new AbortedError('plan'));
    const w = (this.planner ??= browserPlanningWorker());
    const stop = () => {
      w.terminate();
      if (this.planner === w) this.planner = null;
    };
    o.signal?.addEventListener('abort', stop, { once: true });
    return abortable(w.api.plan(request, o.onProgress ? proxyFn(o.onProgress) : undefined), o.signal, 'plan').finally(() => o.signal?.removeEventListener('abort', stop));
  }

  /** The measurement worker (workers/measurements-api.ts), started on the first import. */
  private measurer: { readonly api: Remote<MeasurementsApi>; terminate(): void } | null = null;

  private get measurements(): Remote<MeasurementsApi> {
    return (this.measurer ??= browserMeasurementsWorker()).api;
  }

  /**
   * Reads a drive-test file in the measurement worker, streamed from the File (the main thread
   * never parses it); the points stay there. Aborting stops the read.
   * @param columns - explicit column per field (a mapping the user chose), or null
   */
  importMeasurements(file: File, columns: ColumnMapping | null, o: { signal?: AbortSignal; onProgress?: (rowsRead: number) => void } = {}): Promise<MeasurementImportResult> {
    const api = this.measurements;
    const stop = () => void api.cancelImport();
    o.signal?.addEventListener('abort', stop, { once: true });
    return abortable<MeasurementImportResult>(api.importFile(file, file.name, columns, o.onProgress ? proxyFn(o.onProgress) : undefined) as Promise<MeasurementImportResult>, o.signal, 'measurement import').finally(() => o.signal?.removeEventListener('abort', stop));
  }

  /** The previewed file becomes the measurements. */
  acceptMeasurements(): Promise<{ readonly fileName: string; readonly points: number } | null> {
    return this.measurements.accept();
  }

  /** Forgets the previewed file (and, with `all`, the measurements). */
  discardMeasurements(all: boolean): Promise<void> {
    return this.measurer ? this.measurer.api.discard(all) : Promise.resolve();
  }

  /** The measurements against a scene: statistics, chart data and the two pictures (moved here). */
  compareMeasurements(req: MeasurementCompareRequest, signal?: AbortSignal): Promise<MeasurementComparisonView | null> {
    return abortable(this.measurements.compare(req), signal, 'measurement comparison');
  }

  /** Fits the per-class correction on the last comparison (k-fold hold-out). */
  calibrateMeasurements(o: { readonly name: string; readonly folds?: number; readonly seed?: number }, signal?: AbortSignal): Promise<MeasurementCalibrationView | null> {
    return abortable(this.measurements.calibrate(o), signal, 'calibration');
  }

  mercatorIndex(grid: Grid, width: number): Promise<MercatorRaster> {
    return this.analysis.api.mercatorIndex(grid, width);
  }

  /** Test hook: every engine worker silently stops during its next tile task. */
  hangOnNextTask(): Promise<void> {
    return this.pool.hangOnNextTask();
  }

  /** Test hook: every engine worker dies during its next task. */
  crashOnNextTask(): Promise<void> {
    return this.pool.crashOnNextTask();
  }

  dispose(): void {
    this.pool.dispose();
    this.analysis.terminate();
    this.planner?.terminate();
    this.measurer?.terminate();
  }
}

function proxyFn<F extends (...args: never[]) => unknown>(f: F): F {
  return proxy(f) as unknown as F;
}

/** The measurement worker (workers/measurements.worker.ts). */
function browserMeasurementsWorker(): { readonly api: Remote<MeasurementsApi>; terminate(): void } {
  const worker = new Worker(new URL('../../workers/measurements.worker.ts', import.meta.url), { type: 'module', name: 'measurements-worker' });
  return { api: wrap<MeasurementsApi>(worker), terminate: () => worker.terminate() };
}

/** The planning worker (workers/planning.worker.ts). */
function browserPlanningWorker(): { readonly api: Remote<PlanningApi>; terminate(): void } {
  const worker = new Worker(new URL('../../workers/planning.worker.ts', import.meta.url), { type: 'module', name: 'planning-worker' });
  return { api: wrap<PlanningApi>(worker), terminate: () => worker.terminate() };
}
