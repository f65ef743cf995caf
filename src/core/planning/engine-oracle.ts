/**
 * The coverage oracle backed by the radio engine (src/core/coverage/engine.ts): exact marginal
 * gains, interference included, computed incrementally.
 *
 * The engine holds the existing network (the scene) and is put in an edit that excludes
 * nothing (`beginEdit([])`): `editTiles(tiles, added)` then returns the layers of those tiles
 * with the `added` sectors on top of the network — each tile's network part (its "base") is
 * computed once and kept, and only the added sectors are evaluated afterwards; the merge is
 * exact (engine.ts). A change (add some candidates, remove some chosen ones) touches only the
 * tiles of those candidates' footprints: their layers are computed with every chosen sector
 * that reaches them, and the objective changes by Σ weight × (covered after − covered now)
 * over those cells. Outside them nothing changes, so this equals a full recompute with the
 * change made (engine-oracle.test.ts checks it to 1e-9).
 *
 * A cell is covered when its best-server RSRP ≥ the threshold and, when a SINR threshold is
 * given, its SINR ≥ it. With RSRP alone the caller may build the scene with `floorDbm` equal to
 * the threshold: the covered cells are the same (the best power does not depend on the floor)
 * and the footprints shrink to the threshold's reach — tens of times fewer cells per gain.
 * With SINR the floor must stay low: a new site interferes wherever it is above the floor.
 */
import { EngineCore } from '../coverage/engine.ts';
import { engineSectorsForSite, tileBounds, tilesTouchedByDisc, type EngineSector, type Scene } from '../coverage/scene.ts';
import type { CarrierLayers, LayerId } from '../coverage/layer-registry.ts';
import { allTiles } from '../coverage/layers.ts';
import type { Site } from '../scenario/scenario.ts';
import type { CommuneLabels } from '../stats/commune-stats.ts';
import type { Change, CoverageOracle, Measure } from './oracle.ts';

/** Layers of some tiles (tile-major blocks of tileSize² cells), as the engine returns them. */
export interface TileChunk {
  readonly tiles: Int32Array;
  readonly carriers: readonly (CarrierLayers | null)[];
  /** Cell–sector pairs evaluated (benchmarks). */
  readonly evaluations?: number;
}

/** Computes tiles with sectors added to the scene's network: in this thread, or on a worker pool. */
export interface TileRunner {
  /**
   * Layers `layers` of `tiles`, the scene's sectors plus `added` (indices after the scene's
   * last). With nothing added, the network alone (an edit adding nothing returns no layers:
   * the runner computes the tiles instead).
   */
  run(tiles: readonly number[], added: readonly EngineSector[], layers: readonly LayerId[]): Promise<readonly TileChunk[]>;
}

/** A runner on an engine in this thread (tests, the app's planning worker). */
export function engineRunner(engine: EngineCore): TileRunner {
  engine.beginEdit([]);
  return { run: async (tiles, added, layers) => [added.length ? engine.editTiles(tiles, added, layers) : engine.computeTiles(tiles, layers)] };
}

export interface EngineOracleInputs {
  /** The existing network on one carrier (the target's): grid, mask, sectors. */
  readonly scene: Scene;
  readonly runner: TileRunner;
  readonly thresholdDbm: number;
  /** SINR threshold, dB; null: coverage by RSRP alone (a submodular objective). */
  readonly sinrDb: number | null;
  /** Weight per cell of the objective (people, or km² of land), 0 outside the target. */
  readonly objective: ArrayLike<number>;
  /** People per cell inside the target (0 outside). */
  readonly population: ArrayLike<number>;
  /** Land km² per cell inside the target (0 outside). */
  readonly areaKm2: ArrayLike<number>;
  /** Per candidate, the site whose sectors it adds (an upgrade: only its new sectors). */
  readonly sites: readonly Site[];
  /** Tweak steps of the local search (null: no tweaks). */
  readonly tweak?: { readonly azimuthStepDeg: number; readonly tiltStepDeg: number } | null;
  /** Commune per cell, for the communes a site serves. */
  readonly labels?: CommuneLabels | null;
  /** The existing network's covered cells if already computed ({@link coveredCells}); else computed here. */
  readonly initialCovered?: Uint8Array | null;
}

/** Cells the scene's network covers (1), every tile computed once. */
export async function coveredCells(scene: Scene, runner: TileRunner, thresholdDbm: number, sinrDb: number | null): Promise<Uint8Array> {
  const g = scene.grid;
  const out = new Uint8Array(g.width * g.height);
  const T = scene.tileSize, cells = T * T;
  for (const chunk of await runner.run(allTiles(scene), [], sinrDb === null ? ['rsrp'] : ['rsrp', 'sinr'])) {
    const c = chunk.carriers[0];
    if (!c) continue;
    chunk.tiles.forEach((tile, ti) => {
      const [c0, r0, c1, r1] = tileBounds(scene, tile);
      for (let row = r0; row < r1; row++) {
        const off = ti * cells + (row - r0) * T - c0;
        for (let col = c0; col < c1; col++) out[row * g.width + col] = c.rsrpDbm[off + col] >= thresholdDbm && (sinrDb === null || c.sinrDb[off + col] >= sinrDb) ? 1 : 0;
      }
    });
  }
  return out;
}

interface OptionDef {
  readonly group: number;
  readonly azDeg: number;
  readonly tiltDeg: number;
  readonly sectors: EngineSector[];
  readonly tiles: number[];
  readonly tileSet: ReadonlySet<number>;
}

/** Sectors per option at most (index blocks of the added sectors). */
const SECTOR_BLOCK = 64;
const TILT_MIN_DEG = -10, TILT_MAX_DEG = 20;
/** Tilt tweaks stay within this many degrees of the template's tilts. */
const TILT_RANGE_DEG = 4;

/** A changed site: every sector turned by `azDeg` and tilted electrically by `tiltDeg` (within −10…20°). */
export function tweakedSite(site: Site, azDeg: number, tiltDeg: number): Site {
  if (azDeg === 0 && tiltDeg === 0) return site;
  return {
    ...site,
    sectors: site.sectors.map((s) => ({
      ...s,
      azimuthDeg: (((s.azimuthDeg + azDeg) % 360) + 360) % 360,
      electricalTiltDeg: Math.min(TILT_MAX_DEG, Math.max(TILT_MIN_DEG, s.electricalTiltDeg + tiltDeg)),
    })),
  };
}

export class EngineOracle implements CoverageOracle {
  readonly candidateCount: number;
  readonly submodular: boolean;
  evaluations = 0;
  /** Cell–sector pairs evaluated by the engine for this oracle. */
  kernelEvaluations = 0;
  /** Covered now, per cell of the grid (1 = covered). */
  readonly covered: Uint8Array;
  private readonly options: OptionDef[] = [];
  private readonly ids = new Map<string, number>();
  private readonly layers: LayerId[];
  private current: number[] = [];
  private figures: Measure = { objective: 0, population: 0, areaKm2: 0 };

  private constructor(readonly inputs: EngineOracleInputs) {
    this.candidateCount = inputs.sites.length;
    this.submodular = inputs.sinrDb === null;
    this.layers = inputs.sinrDb === null ? ['rsrp'] : ['rsrp', 'sinr'];
    const g = inputs.scene.grid;
    this.covered = new Uint8Array(g.width * g.height);
    inputs.sites.forEach((_, i) => this.option(i, 0, 0));
  }

  /** The oracle with the coverage of the existing network computed (every tile once). */
  static async create(inputs: EngineOracleInputs): Promise<EngineOracle> {
    const o = new EngineOracle(inputs);
    const covered = inputs.initialCovered ?? await coveredCells(inputs.scene, inputs.runner, inputs.thresholdDbm, inputs.sinrDb);
    o.covered.set(covered);
    let obj = 0, pop = 0, km2 = 0;
    for (let i = 0; i < covered.length; i++) {
      if (!covered[i]) continue;
      obj += inputs.objective[i];
      pop += inputs.population[i];
      km2 += inputs.areaKm2[i];
    }
    o.figures = { objective: obj, population: pop, areaKm2: km2 };
    return o;
  }

  private option(group: number, azDeg: number, tiltDeg: number): number {
    const key = `${group}|${azDeg}|${tiltDeg}`;
    let id = this.ids.get(key);
    if (id !== undefined) return id;
    const { scene } = this.inputs;
    id = this.options.length;
    const site = tweakedSite(this.inputs.sites[group], azDeg, tiltDeg);
    const sectors = engineSectorsForSite(site, scene.carriers, scene.carriers.map((c) => c.id), scene.ueHeightM, scene.options, scene.sectors.length + id * SECTOR_BLOCK);
    if (sectors.length > SECTOR_BLOCK) throw new RangeError(`site ${site.id}: more than ${SECTOR_BLOCK} sectors`);
    const tiles = [...new Set(sectors.flatMap((s) => tilesTouchedByDisc(scene, s.xM, s.yM, s.rangeM)))].sort((a, b) => a - b);
    this.options.push({ group, azDeg, tiltDeg, sectors, tiles, tileSet: new Set(tiles) });
    this.ids.set(key, id);
    return id;
  }

  /** The site of an option as it would be built (tweaks applied). */
  siteOf(option: number): Site {
    const o = this.options[option];
    return tweakedSite(this.inputs.sites[o.group], o.azDeg, o.tiltDeg);
  }

  /** The azimuth and tilt steps of an option, degrees. */
  tweakOf(option: number): { azDeg: number; tiltDeg: number } {
    const o = this.options[option];
    return { azDeg: o.azDeg, tiltDeg: o.tiltDeg };
  }

  groupOf(option: number): number {
    return this.options[option].group;
  }

  tweaks(option: number): readonly number[] {
    const t = this.inputs.tweak;
    const o = this.options[option];
    if (!t || !o.sectors.some((s) => !s.omni)) return [];
    const out: number[] = [];
    if (t.azimuthStepDeg > 0) for (const d of [t.azimuthStepDeg, -t.azimuthStepDeg]) out.push(this.option(o.group, (((o.azDeg + d) % 360) + 360) % 360, o.tiltDeg));
    if (t.tiltStepDeg > 0) {
      const base = this.inputs.sites[o.group].sectors;
      const clamp = (v: number) => Math.min(TILT_MAX_DEG, Math.max(TILT_MIN_DEG, v));
      for (const d of [t.tiltStepDeg, -t.tiltStepDeg]) {
        const next = o.tiltDeg + d;
        // At most ±TILT_RANGE_DEG from the template, and a step the clamp would undo changes nothing.
        if (Math.abs(next) <= TILT_RANGE_DEG && base.some((s) => clamp(s.electricalTiltDeg + next) !== clamp(s.electricalTiltDeg + o.tiltDeg))) out.push(this.option(o.group, o.azDeg, next));
      }
    }
    return out;
  }

  /** The chosen set after a change (checked: removed options are chosen, one option per candidate). */
  private after(change: Change): number[] {
    const gone = new Set(change.remove);
    for (const r of change.remove) if (!this.current.includes(r)) throw new Error(`option ${r} is not chosen`);
    const next = this.current.filter((o) => !gone.has(o));
    for (const a of change.add) {
      if (next.some((o) => this.groupOf(o) === this.groupOf(a))) throw new Error(`candidate ${this.groupOf(a)} would be chosen twice`);
      next.push(a);
    }
    return next;
  }

  /** Runs a change's tiles with the chosen set after it. */
  private async layersOf(change: Change): Promise<readonly TileChunk[]> {
    const touched = new Set<number>();
    for (const o of [...change.add, ...change.remove]) for (const t of this.options[o].tiles) touched.add(t);
    const tiles = [...touched].sort((a, b) => a - b);
    const added = this.after(change).filter((o) => this.options[o].tiles.some((t) => touched.has(t))).flatMap((o) => this.options[o].sectors);
    const chunks = await this.inputs.runner.run(tiles, added, this.layers);
    for (const c of chunks) this.kernelEvaluations += c.evaluations ?? 0;
    return chunks;
  }

  /**
   * Σ weight × (covered in the chunks − covered now) for the objective, people and km², summed
   * tile by tile in ascending tile order (the same sums whatever the number of workers). With
   * `commit` the chunks become the current coverage; `byLabel` collects people gained per commune.
   */
  private diff(chunks: readonly TileChunk[], commit: boolean, byLabel: Map<number, number> | null): [number, number, number] {
    const { scene, thresholdDbm: thr, sinrDb, objective: wObj, population: wPop, areaKm2: wArea, labels } = this.inputs;
    const T = scene.tileSize, cells = T * T, W = scene.grid.width;
    const perTile: [number, number, number, number][] = [];
    const covered = this.covered;
    for (const chunk of chunks) {
      const c = chunk.carriers[0];
      if (!c) continue;
      const rsrp = c.rsrpDbm, sinr = c.sinrDb;
      chunk.tiles.forEach((tile, ti) => {
        const [c0, r0, c1, r1] = tileBounds(scene, tile);
        let dObj = 0, dPop = 0, dArea = 0;
        for (let row = r0; row < r1; row++) {
          const off = ti * cells + (row - r0) * T - c0;
          const base = row * W;
          for (let col = c0; col < c1; col++) {
            const i = base + col;
            const k = off + col;
            const cov = rsrp[k] >= thr && (sinrDb === null || sinr[k] >= sinrDb) ? 1 : 0;
            const d = cov - covered[i];
            if (d === 0) continue;
            if (commit) covered[i] = cov;
            dObj += d * wObj[i];
            dPop += d * wPop[i];
            dArea += d * wArea[i];
            if (byLabel && labels && labels[i] >= 0) byLabel.set(labels[i], (byLabel.get(labels[i]) ?? 0) + d * wPop[i]);
          }
        }
        perTile.push([tile, dObj, dPop, dArea]);
      });
    }
    perTile.sort((a, b) => a[0] - b[0]);
    const sum: [number, number, number] = [0, 0, 0];
    for (const [, a, b, c] of perTile) {
      sum[0] += a;
      sum[1] += b;
      sum[2] += c;
    }
    return sum;
  }

  async evaluate(changes: readonly Change[]): Promise<Float64Array> {
    const out = new Float64Array(changes.length);
    for (let k = 0; k < changes.length; k++) {
      this.evaluations++;
      out[k] = this.diff(await this.layersOf(changes[k]), false, null)[0];
    }
    return out;
  }

  async apply(change: Change): Promise<Measure> {
    return (await this.applyDetailed(change)).measure;
  }

  /** Applies a change; also returns the net people gained per commune label. */
  async applyDetailed(change: Change): Promise<{ measure: Measure; peopleByLabel: Map<number, number> }> {
    this.evaluations++;
    const next = this.after(change);
    const byLabel = new Map<number, number>();
    const d = this.diff(await this.layersOf(change), true, byLabel);
    this.current = next;
    const f = this.figures;
    this.figures = { objective: f.objective + d[0], population: f.population + d[1], areaKm2: f.areaKm2 + d[2] };
    return { measure: this.figures, peopleByLabel: byLabel };
  }

  measure(): Measure {
    return this.figures;
  }

  /** The chosen options now. */
  chosen(): readonly number[] {
    return this.current;
  }
}
