/**
 * One engine instance per worker (and one in a plain Node process for tests): the scene, its
 * province mask, tile → sector lists and the shared tables. It computes lists of tiles, and
 * supports an edit in progress (a dragged site, a changed azimuth…):
 *
 *  - `beginEdit(sectors)` names the sectors being edited;
 *  - `editTiles(tiles, replacements)` returns the layers of those tiles with the edited sectors
 *    replaced by `replacements` (their new position, azimuth, tilt, power, height…). The first
 *    time a tile is visited during an edit its *base* (every other sector of the touched
 *    carriers: best, server, Σ power, indoor best, and the values inside the overlap window) is
 *    computed and kept; afterwards only the replacement sectors are evaluated and merged. The
 *    merge is exact: best = max, Σ power adds, and the overlap window of the merged best lies
 *    inside the base's window (the merged best is never lower), so the count is too.
 *
 * Results are per tile and do not depend on which worker computed them or in what order.
 */
import type { EngineSector, Scene, TileSectorLists } from './scene.ts';
import { sceneMask, tileSectorLists, tilesTouchedByDisc } from './scene.ts';
import {
  accumulateSector, finishCarrier, needsFor, newAccum, newOutputLayers, resetAccum, TableCache, tileCells,
  type CarrierAccum, type SectorKernel, type TileCells, type WindowValues,
} from './kernel.ts';
import { fillNoValues, type CarrierLayers, type LayerId } from './layer-registry.ts';
import { RANGE_BINS } from './kernel.ts';
import { footprintSpans } from './spans.ts';
import { TerrainMapCache } from './terrain-loss-cache.ts';
import { sceneTerrainMode, terrainGround, terrainSpecOf, terrainSpecsOf, type TerrainMode } from './terrain-loss.ts';

export interface ChunkResult {
  /** Tile indices, in the order of the layers' blocks. */
  readonly tiles: Int32Array;
  /** Layers per carrier (tile-major blocks of tileSize² cells); null for a carrier an edit leaves unchanged. */
  readonly carriers: (CarrierLayers | null)[];
  /** Cell–sector pairs resolved (within the footprint radius). */
  readonly evaluations: number;
  /** Of which evaluated in full (inside the directional footprint). */
  readonly fullEvaluations: number;
  readonly elapsedMs: number;
}

interface BaseCarrier {
  readonly best: Float64Array;
  readonly server: Int32Array;
  readonly total: Float64Array;
  readonly indoorBest: Float64Array;
  readonly window: WindowValues;
}

interface EditState {
  readonly excluded: Set<number>;
  readonly base: Map<number, Map<number, BaseCarrier>>;
}

export class EngineCore {
  readonly mask: Uint8Array;
  /** Each tile's sectors whose footprint disc touches it (see {@link sectorsOf} for the directional cut). */
  readonly lists: TileSectorLists;
  private readonly tileSectors: (Int32Array | undefined)[];
  readonly tables: TableCache;
  private readonly kernels: (SectorKernel | undefined)[];
  private readonly baseKernels: (SectorKernel | undefined)[];
  private edit: EditState | null = null;
  /** The scene's terrain mode ('off' without a DEM), terrain-loss.ts. */
  readonly terrainMode: TerrainMode;
  /**
   * Called after each tile and each sector's tables are done: a worker reports that it is alive
   * and working (its host tells a busy worker from a silent one by it). Null: nothing is called.
   */
  progress: (() => void) | null = null;

  /**
   * @param terrain - the worker's terrain maps (kept across scenes: a moved site recomputes only its own); the
   *   maps no sector of this scene uses are dropped (but for a few recent ones)
   */
  constructor(readonly scene: Scene, mask?: Uint8Array, readonly terrain: TerrainMapCache = new TerrainMapCache()) {
    this.mask = mask ?? sceneMask(scene);
    this.tables = new TableCache(scene.ueHeightM, scene.options, scene.clutterClasses, scene.sectors.reduce((m, s) => Math.max(m, s.rangeM), 0));
    this.kernels = new Array<SectorKernel | undefined>(scene.sectors.length);
    this.baseKernels = new Array<SectorKernel | undefined>(scene.sectors.length);
    this.terrainMode = sceneTerrainMode(scene);
    if (this.terrainMode !== 'off') terrain.retain(new Set(terrainSpecsOf(scene).map((t) => t.key)));
    this.lists = tileSectorLists(scene);
    this.tileSectors = new Array<Int32Array | undefined>(scene.tilesX * scene.tilesY);
  }

  /**
   * A sector's tables and its footprint's spans on the grid; with ITM the directional footprint
   * is the whole disc (the model's pattern of loss, from which it is made, does not hold over
   * terrain).
   */
  private baseKernelOf(s: EngineSector): SectorKernel {
    const k = this.tables.kernelFor(s);
    if (this.terrainMode === 'itm') return { ...k, rangeByCos: new Float64Array(RANGE_BINS).fill(s.rangeM), rangeByCosByClass: null, spans: null };
    const spans = !s.omni && k.rangeByCos.some((r) => r < s.rangeM) ? footprintSpans(s, k.rangeByCos, this.scene.grid) : null;
    return { ...k, spans };
  }

  /** A sector's base kernel with, under terrain, its terrain map (held, or computed now). */
  private withTerrain(s: EngineSector, base: SectorKernel): SectorKernel {
    const spec = terrainSpecOf(this.scene, s);
    return spec ? { ...base, terrain: this.terrain.get(terrainGround(this.scene), spec, undefined, () => this.progress?.()) } : base;
  }

  /** A scene sector's base kernel (built on first use and kept). */
  private baseKernel(si: number): SectorKernel {
    let base = this.baseKernels[si];
    if (!base) {
      base = this.baseKernelOf(this.scene.sectors[si]);
      this.baseKernels[si] = base;
      // Building a sector's tables takes a while: the worker says it is alive (client.ts watchdog).
      this.progress?.();
    }
    return base;
  }

  /**
   * The sectors of a tile whose directional footprint can reach it (computed on first use and
   * kept: a worker works out only the tiles it is given). A sector of the tile's list (its
   * footprint disc touches the tile) is dropped when none of its footprint's spans (spans.ts)
   * crosses the tile: the kernel would visit none of the tile's cells.
   */
  private sectorsOf(tile: number): Int32Array {
    let out = this.tileSectors[tile];
    if (out) return out;
    const { scene, lists } = this;
    const T = scene.tileSize;
    const tx = tile % scene.tilesX;
    const c0 = tx * T, r0 = ((tile - tx) / scene.tilesX) * T, c1 = c0 + T, r1 = r0 + T;
    const keep: number[] = [];
    for (let j = lists.start[tile]; j < lists.start[tile + 1]; j++) {
      const si = lists.sectors[j];
      const sp = this.baseKernel(si).spans;
      if (sp) {
        let reached = false;
        const a = Math.max(r0, sp.row0), b = Math.min(r1, sp.row0 + sp.lo.length);
        for (let row = a; row < b && !reached; row++) {
          const lo = sp.lo[row - sp.row0], hi = sp.hi[row - sp.row0];
          reached = lo < hi && lo < c1 && hi > c0;
        }
        if (!reached) continue;
      }
      keep.push(si);
    }
    out = Int32Array.from(keep);
    this.tileSectors[tile] = out;
    return out;
  }

  private kernel(i: number): SectorKernel {
    let k = this.kernels[i];
    if (!k) {
      k = this.withTerrain(this.scene.sectors[i], this.baseKernel(i));
      this.kernels[i] = k;
    }
    return k;
  }

  private get cells(): number {
    return this.scene.tileSize * this.scene.tileSize;
  }

  private readonly tileScratch = { cls: null as Uint8Array | null, inMask: new Uint8Array(0) };
  /** A tile's clutter classes and area mask (a scratch reused tile after tile). */
  private cellsOf(tile: number): TileCells {
    const n = this.cells;
    if (this.tileScratch.inMask.length !== n) {
      this.tileScratch.inMask = new Uint8Array(n);
      this.tileScratch.cls = this.scene.clutter ? new Uint8Array(n) : null;
    }
    return tileCells(this.scene, this.mask, tile, this.tileScratch);
  }

  /** Layers (all, or those named) of every carrier for these tiles, all sectors as in the scene. */
  computeTiles(tiles: readonly number[], layers?: readonly LayerId[] | null): ChunkResult {
    const t0 = performance.now();
    const { scene } = this;
    const cells = this.cells;
    const need = needsFor(layers);
    // Every cell is written below: by finishCarrier, or with the no-values for an empty tile.
    const out = scene.carriers.map(() => newOutputLayers(tiles.length * cells, need, false));
    const accs = scene.carriers.map(() => newAccum(cells, scene.options.overlapWindowDb));
    let evaluations = 0;
    tiles.forEach((tile, ti) => {
      const tc = this.cellsOf(tile);
      // A tile with no cell in the area gets the layers' no-values, which is what the kernel
      // and finishCarrier would write there (nothing counts outside the mask).
      if (!anyCell(tc.inMask)) {
        for (const o of out) fillNoValues(o, ti * cells, (ti + 1) * cells);
        this.progress?.();
        return;
      }
      for (const a of accs) resetAccum(a);
      const sectors = this.sectorsOf(tile);
      for (let j = 0; j < sectors.length; j++) {
        const si = sectors[j];
        evaluations += accumulateSector(scene, this.mask, tile, this.kernel(si), accs[scene.sectors[si].carrier], need, tc.cls);
      }
      scene.carriers.forEach((c, ci) => finishCarrier(scene, c, accs[ci], out[ci], ti * cells, undefined, undefined, tc));
      this.progress?.();
    });
    return { tiles: Int32Array.from(tiles), carriers: out, evaluations, fullEvaluations: accs.reduce((a, x) => a + x.evaluated, 0), elapsedMs: performance.now() - t0 };
  }

  /** Starts an edit of these sectors (by scene index); forgets any earlier edit's bases. */
  beginEdit(sectorIndices: readonly number[]): void {
    this.edit = { excluded: new Set(sectorIndices), base: new Map() };
  }

  endEdit(): void {
    this.edit = null;
  }

  /** Computes (and keeps) the edit's bases of these tiles ahead of the moves; returns the time taken, ms. */
  primeEdit(tiles: readonly number[]): number {
    if (!this.edit) throw new Error('primeEdit called outside an edit (call beginEdit first)');
    const t0 = performance.now();
    const carriers = new Set([...this.edit.excluded].map((i) => this.scene.sectors[i].carrier));
    for (const t of tiles) {
      for (const c of carriers) this.base(t, c);
      this.progress?.();
    }
    return performance.now() - t0;
  }

  /** Base of a tile for a carrier: every sector of that carrier except the edited ones. */
  private base(tile: number, carrier: number): BaseCarrier {
    const edit = this.edit!;
    let perTile = edit.base.get(tile);
    if (!perTile) {
      perTile = new Map();
      edit.base.set(tile, perTile);
    }
    let b = perTile.get(carrier);
    if (b) return b;
    const { scene } = this;
    const acc = newAccum(this.cells, this.scene.options.overlapWindowDb);
    const sectors = this.sectorsOf(tile);
    for (let j = 0; j < sectors.length; j++) {
      const si = sectors[j];
      if (edit.excluded.has(si) || scene.sectors[si].carrier !== carrier) continue;
      accumulateSector(scene, this.mask, tile, this.kernel(si), acc, undefined, this.cellsOf(tile).cls);
    }
    b = { best: acc.best, server: acc.server, total: acc.total, indoorBest: acc.indoorBest, window: windowOf(acc, scene.options.overlapWindowDb) };
    perTile.set(carrier, b);
    return b;
  }

  /**
   * Layers of these tiles with the edited sectors replaced by `replacements` (same indices as the
   * sectors they replace, or none to show the network without them). Carriers neither the edited
   * sectors nor the replacements are on come back null.
   */
  editTiles(tiles: readonly number[], replacements: readonly EngineSector[], layers?: readonly LayerId[] | null): ChunkResult {
    if (!this.edit) throw new Error('editTiles called outside an edit (call beginEdit first)');
    const t0 = performance.now();
    const { scene } = this;
    const cells = this.cells;
    const touched = new Set<number>();
    for (const i of this.edit.excluded) touched.add(scene.sectors[i].carrier);
    for (const r of replacements) touched.add(r.carrier);
    const overrides = new Map(replacements.map((r) => [r.index, r]));
    const kernels = replacements.map((r) => this.withTerrain(r, this.baseKernelOf(r)));
    const reach = replacements.map((r) => new Set(tilesTouchedByDisc(scene, r.xM, r.yM, r.rangeM)));
    const need = needsFor(layers);
    const out = scene.carriers.map((_, ci) => (touched.has(ci) ? newOutputLayers(tiles.length * cells, need) : null));
    const acc: CarrierAccum = newAccum(cells, scene.options.overlapWindowDb);
    let evaluations = 0;
    tiles.forEach((tile, ti) => {
      for (const ci of touched) {
        const b = this.base(tile, ci);
        const tc = this.cellsOf(tile);
        acc.best.set(b.best);
        acc.server.set(b.server);
        acc.total.set(b.total);
        acc.indoorBest.set(b.indoorBest);
        acc.candN.fill(0);
        replacements.forEach((r, ri) => {
          if (r.carrier === ci && reach[ri].has(tile)) evaluations += accumulateSector(scene, this.mask, tile, kernels[ri], acc, need, tc.cls);
        });
        finishCarrier(scene, scene.carriers[ci], acc, out[ci]!, ti * cells, b.window, overrides, tc);
      }
      this.progress?.();
    });
    return { tiles: Int32Array.from(tiles), carriers: out, evaluations, fullEvaluations: acc.evaluated, elapsedMs: performance.now() - t0 };
  }
}

function anyCell(inMask: Uint8Array): boolean {
  for (let i = 0; i < inMask.length; i++) if (inMask[i] !== 0) return true;
  return false;
}

/** The accumulated values within `windowDb` of each cell's best (CSR by cell). */
function windowOf(acc: CarrierAccum, windowDb: number): WindowValues {
  const cells = acc.cells;
  const ratio = Math.exp((-windowDb * Math.LN10) / 10);
  const start = new Int32Array(cells + 1);
  const picked: number[] = [];
  for (let i = 0; i < cells; i++) {
    if (acc.best[i] > 0) {
      const thr = acc.best[i] * ratio;
      for (let k = 0; k < acc.candN[i]; k++) {
        const v = acc.cand[i * acc.cap + k];
        if (v >= thr) picked.push(v);
      }
    }
    start[i + 1] = picked.length;
  }
  return { start, vals: Float64Array.from(picked) };
}
