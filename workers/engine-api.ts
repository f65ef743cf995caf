/**
 * The coverage engine's worker API, shared by the browser worker (engine.worker.ts) and the
 * Node worker_threads one (engine.node-worker.ts). Thin: it holds one src/core EngineCore and
 * hands result buffers over as transferables. No radio math here; the statistics live in the
 * analysis worker (analysis-api.ts).
 */
import type { Position } from 'geojson';
import { EngineCore, type ChunkResult } from '../src/core/coverage/engine.ts';
import { planScene, type EngineOptions, type EngineSector } from '../src/core/coverage/scene.ts';
import { carrierBuffers, type CarrierLayers, type LayerId } from '../src/core/coverage/layer-registry.ts';
import type { Scenario } from '../src/core/scenario/scenario.ts';
import { TerrainMapCache } from '../src/core/coverage/terrain-loss-cache.ts';
import { terrainGround, type TerrainMap, type TerrainMapSummary, type TerrainSpec } from '../src/core/coverage/terrain-loss.ts';

/** What every worker needs to build the same scene. */
export interface SceneInput {
  readonly scenario: Scenario;
  readonly boundaryRings: Position[][];
  readonly options: Partial<EngineOptions>;
  /** Increases with every scenario change: results of another version are stale. */
  readonly version: number;
  /** The ground of the scene's grid (the app's ground controller, the CLI's --landcover / --dem): clutter class and terrain height per cell. */
  readonly clutter?: Uint8Array | null;
  readonly dem?: Float32Array | null;
  /** The scene's area mask when the sender has it already (scene.ts `sceneMask` of the same input): spares each worker rasterizing it. */
  readonly mask?: Uint8Array | null;
}

export interface WorkerChunk extends ChunkResult {
  readonly workerName: string;
  /** True when computed inside a worker (proof for tests and the status line). */
  readonly inWorker: boolean;
  readonly version: number;
}

/** The transferable buffers of a chunk. */
export function chunkBuffers(c: { readonly tiles: Int32Array; readonly carriers: readonly (CarrierLayers | null)[] }): ArrayBuffer[] {
  const out: ArrayBuffer[] = [c.tiles.buffer as ArrayBuffer];
  for (const k of c.carriers) if (k) out.push(...carrierBuffers(k));
  return out;
}

/** At most one "alive" message (alive.ts) per this many ms. */
const BEAT_INTERVAL_MS = 250;

/**
 * @param beat - posts the "alive" message (alive.ts) to the host: called while a task works (the host's
 *   watchdog tells a busy worker from one that stopped answering)
 */
export function makeEngineApi(workerName: () => string, inWorker: boolean, transfer: <T>(value: T, buffers: ArrayBuffer[]) => T, beat: () => void = () => undefined) {
  let lastBeat = 0;
  const progress = () => {
    const now = performance.now();
    if (now - lastBeat < BEAT_INTERVAL_MS) return;
    lastBeat = now;
    beat();
  };
  let engine: EngineCore | null = null;
  /** Terrain maps of this worker, kept across scenes (a moved site recomputes only its own). */
  const terrain = new TerrainMapCache();
  let version = -1;
  let dieOnNextTask = false;
  let hangOnNextTask = false;
  /** Test hook: the worker stops answering in its next task (a blocked loop, no error, no message). */
  const hang = (): never => {
    for (;;) {
      // Spins until the host terminates this worker.
    }
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
    /** Answers at once: the worker is alive and its module loaded. */
    ping(): string {
      return workerName();
    },
    /** Builds the scene, mask, tile lists (tables are built lazily). Returns the build time, ms. */
    init(input: SceneInput): number {
      const t0 = performance.now();
      const scene = planScene(input.scenario, input.boundaryRings, input.options, input.clutter ?? null, input.dem ?? null);
      const mask = input.mask && input.mask.length === scene.grid.width * scene.grid.height ? input.mask : undefined;
      engine = new EngineCore(scene, mask, terrain);
      engine.progress = progress;
      version = input.version;
      return performance.now() - t0;
    },
    computeTiles(tiles: number[], layers?: LayerId[] | null): WorkerChunk | Promise<never> {
      if (dieOnNextTask) return die();
      if (hangOnNextTask) hang();
      return wrapChunk(need().computeTiles(tiles, layers));
    },
    /**
     * Terrain maps of these specs (terrain-loss.ts) for the current scene's ground: held, or
     * computed now and held; copies are returned (moved) for the other workers.
     */
    terrainMaps(specs: TerrainSpec[]): TerrainMap[] {
      const e = need();
      const ground = terrainGround(e.scene);
      const maps = specs.map((spec) => {
        const m = terrain.get(ground, spec, undefined, progress);
        return { ...m, lin: m.lin.slice() };
      });
      return transfer(maps, maps.map((m) => m.lin.buffer as ArrayBuffer));
    },
    /** For each key, the summary of the terrain map this worker holds (its values left out), or null. */
    terrainHeld(keys: string[]): (TerrainMapSummary | null)[] {
      return keys.map((k) => {
        const m = terrain.peek(k);
        if (!m) return null;
        const { lin, ...rest } = m;
        return { ...rest, bytes: lin.byteLength };
      });
    },
    /** Terrain maps computed in this worker so far, held now, and their bytes (tests, status). */
    terrainStats(): { computed: number; held: number; bytes: number } {
      return { computed: terrain.computed, held: terrain.size, bytes: terrain.bytes };
    },
    /** Holds terrain maps computed by another worker. */
    putTerrainMaps(maps: TerrainMap[]): void {
      for (const m of maps) terrain.put(m);
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
    /** Test hook: this worker dies during its next task (the worker-death tests). */
    crashOnNextTask(): void {
      dieOnNextTask = true;
    },
    /** Test hook: this worker silently stops during its next task (the liveness tests). */
    hangOnNextTask(): void {
      hangOnNextTask = true;
    },
    /** Peak resident memory of this worker's process, MB (Node only; 0 in a browser). */
    memoryMb(): number {
      const p = (globalThis as { process?: { memoryUsage?: () => { rss: number } } }).process;
      return p?.memoryUsage ? p.memoryUsage().rss / 1e6 : 0;
    },
  };
}

export type EngineWorkerApi = ReturnType<typeof makeEngineApi>;
