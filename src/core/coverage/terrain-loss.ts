/**
 * The terrain term of the coverage engine (issue 12): with a DEM in the scene and terrain-aware
 * prediction chosen (`EngineOptions.terrain`), a sector's path loss over its footprint follows
 * the terrain instead of the flat-earth model of distance (terms.ts documents the term):
 *
 * - `'itm'`: Longley-Rice ITM point-to-point (NTIA v1.4, src/core/itm) along radial profiles
 *   from the site (src/core/terrain/radials.ts), PL = ITM basic transmission loss; the sector's
 *   empirical model is not used;
 * - `'empirical-diffraction'`: the sector's model PL(d) plus the diffraction loss of the same
 *   radial profile (Bullington, ITU-R P.526-15 §4.5.1, or Deygout's three edges, P.526 §4.5.3),
 *   on an effective earth of k = 4/3 (spec §1).
 *
 * Profiles: the DEM (bilinear) plus the representative clutter height R of each intermediate
 * sample's clutter class (P.2108 rows of the clutter table; 'fixed' rows add none), both path
 * ends on bare ground, the receiver at the class's receiver height (clutter/table.ts: R above
 * a P.2108 class taller than the UE, else the UE's), then the terms' receiver clutter loss Ah
 * brings it down to the UE — the arrangement of ITU-R P.1812 (representative clutter on the
 * profile, terminal clutter loss at the end), without counting the clutter twice.
 *
 * A cell takes its value from the lattice of terrain-loss-lattice.ts (evaluations about every
 * 150 m along radials about 150 m apart, bilinear between; every cell's nearest radial sample
 * with stride 1): one rule for the area map (computed once per site, frequency and height:
 * {@link computeTerrainMap}) and for a single point ({@link terrainLossAtDb}, used by the
 * reference and the readout), so the two agree to the float32 rounding of the map.
 *
 * Footprint: the term is computed within `terrainRangeM` of the site (default 10 km, the
 * province-scale radius of issue 12): an ITM sector's footprint is that radius (ITM does not
 * follow the model the flat-earth footprint is made from); an empirical + diffraction sector
 * keeps its model footprint capped at that radius (diffraction only adds loss).
 *
 * Pure TypeScript, no DOM: runs in the engine workers, Node and the tests.
 */
import { CLUTTER_TYPES } from '../clutter/p2108.ts';
import { receiverHeightM, type ClutterTable } from '../clutter/table.ts';
import { bullingtonDiffractionDb } from '../diffraction/bullington.ts';
import { deygoutDiffractionDb } from '../diffraction/deygout.ts';
import type { Grid } from '../grid/grid.ts';
import { ITM_SUCCESS } from '../itm/codes.ts';
import { itmP2p } from '../itm/p2p.ts';
import { validateItmInputs, type ItmParams } from '../itm/params.ts';
import { demHeightAtM, type Dem } from '../terrain/dem.ts';
import { RadialItm } from '../terrain/radial-itm.ts';
import { DEFAULT_TERRAIN_STRIDE, latticeCornersOf, latticeSpec, terrainStrideFor } from './terrain-loss-lattice.ts';
import type { SectorLossTerms } from './terms.ts';
import type { EngineOptions, EngineSector, Scene } from './scene.ts';

export { DEFAULT_TERRAIN_STRIDE, latticeCornersOf, latticeSpec, TERRAIN_EVALUATION_STEP_M, terrainStrideFor, turnsOf } from './terrain-loss-lattice.ts';

/** Terrain-aware prediction: none (flat earth), ITM, or the empirical model + diffraction. */
export type TerrainMode = 'off' | 'itm' | 'empirical-diffraction';
export const TERRAIN_MODES: readonly TerrainMode[] = ['off', 'itm', 'empirical-diffraction'];
/** Diffraction method of the empirical variant. */
export type TerrainDiffraction = 'bullington' | 'deygout';

/** Radius within which the terrain term is computed around each site, m (issue 12's province scale). */
export const DEFAULT_TERRAIN_RANGE_M = 10_000;
/** Effective-earth factor of the diffraction geometry (spec §1). */
export const TERRAIN_K_FACTOR = 4 / 3;

/**
 * ITM settings of the engine (all but the frequency, which is the carrier's). From the table of
 * suggested values in SPLAT!'s documentation (taken from the ITM literature): radio climate 1
 * "equatorial" with its surface refractivity N0 = 360 N-units (Vĩnh Long lies at 10° N in a hot,
 * humid delta), average ground (ε 15, σ 0.005 S/m), vertical polarization; mobile variability
 * without location variability (mdvar 12, as SPLAT!'s point-to-point) and the median (50 %)
 * of time, locations and situations — a coverage map of medians like the empirical models'.
 */
export const TERRAIN_ITM_SETTINGS: Omit<ItmParams, 'freqMHz'> = {
  climate: 1, n0: 360, polarization: 1, epsilon: 15, sigmaSPerM: 0.005, mdvar: 12, timePct: 50, locationPct: 50, situationPct: 50,
};

/** The options the terrain term reads. */
export type TerrainOptions = Pick<EngineOptions, 'terrain' | 'terrainDiffraction' | 'terrainRangeM' | 'maxRangeM'>;

/**
 * A sector's footprint radius with terrain: `terrainRangeM` for ITM, the model's footprint
 * capped at `terrainRangeM` for the empirical variant, the model's without terrain; never
 * beyond `capM` (the distance tables' reach).
 */
export function terrainFootprintM(o: TerrainOptions, modelRangeM: number, capM: number): number {
  if (o.terrain === 'itm') return Math.min(o.terrainRangeM, o.maxRangeM, capM);
  if (o.terrain === 'empirical-diffraction') return Math.min(modelRangeM, o.terrainRangeM);
  return modelRangeM;
}

/** The name of a sector's path loss with terrain (the readout's model column): ITM, or the model + the diffraction method. */
export function terrainModelName(o: Pick<EngineOptions, 'terrain' | 'terrainDiffraction'>, modelName: string): string {
  if (o.terrain === 'itm') return 'ITM (Longley-Rice, NTIA v1.4) over the terrain profile';
  if (o.terrain === 'empirical-diffraction') return `${modelName} + ${o.terrainDiffraction === 'deygout' ? 'Deygout' : 'Bullington'} diffraction (P.526) over the terrain profile`;
  return modelName;
}

/** The terrain mode a scene computes with: its option, 'off' without a DEM. */
export function sceneTerrainMode(scene: Pick<Scene, 'dem' | 'options'>): TerrainMode {
  return scene.dem && scene.options.terrain ? scene.options.terrain : 'off';
}

/** What the terrain term of one scene reads besides the sector: the ground and the receivers. */
export interface TerrainGround {
  readonly grid: Grid;
  /** Terrain height per cell, m (the scene's DEM). */
  readonly dem: Float32Array;
  /** Clutter class per cell (CLUTTER_TYPES index), or null: no clutter. */
  readonly clutter: Uint8Array | null;
  readonly clutterTable: ClutterTable;
  readonly ueHeightM: number;
}

/** The ground of a scene with a DEM. */
export function terrainGround(scene: Scene): TerrainGround {
  if (!scene.dem) throw new Error('terrainGround: the scene has no DEM');
  return { grid: scene.grid, dem: scene.dem, clutter: scene.clutter, clutterTable: scene.options.clutterTable, ueHeightM: scene.ueHeightM };
}

/** Everything one terrain map depends on; `key` names it (equal keys, equal maps). */
export interface TerrainSpec {
  readonly key: string;
  readonly mode: 'itm' | 'empirical-diffraction';
  readonly diffraction: TerrainDiffraction;
  /** Site on the grid's plane, m, and antenna height above ground, m. */
  readonly xM: number;
  readonly yM: number;
  readonly heightM: number;
  readonly freqMHz: number;
  /** The sector's model (the empirical variant's PL; '' for ITM). */
  readonly modelId: string;
  /** Radius of the radial layout, m: the footprint plus one cell (so the map covers every cell the kernel reads). */
  readonly radiusM: number;
  /** Sample spacing along radials, m (the grid's cell). */
  readonly spacingM: number;
  /**
   * Evaluation stride (terrain-loss.ts module comment): 1 — every cell takes its nearest radial
   * sample, radials one cell apart at the radius; s > 1 — the term is evaluated on every s-th
   * sample (and on samples 1 … s−1) of radials s cells apart at the radius, and a cell takes the
   * bilinear interpolation (in angle and distance, in dB) of the four evaluations around it.
   */
  readonly stride: number;
  /** Radials of the lattice (at most `stride` cells apart at the radius). */
  readonly radialCount: number;
  /** Samples per radial after the site, one every `spacingM`. */
  readonly samplesPerRadial: number;
}

/** FNV-1a over the 32-bit words of an array (identity of the DEM and clutter map in keys). */
function hashWords(a: Float32Array | Uint8Array): string {
  const words = a instanceof Float32Array ? new Uint32Array(a.buffer, a.byteOffset, a.length) : a;
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  return `${(h >>> 0).toString(16)}:${a.length}`;
}

const hashes = new WeakMap<object, string>();
function hashOf(a: Float32Array | Uint8Array): string {
  let h = hashes.get(a);
  if (h === undefined) {
    h = hashWords(a);
    hashes.set(a, h);
  }
  return h;
}

/** The part of a key common to every sector of a scene: grid, DEM, clutter map and the rows that matter, UE height. */
function contextKey(scene: Scene): string {
  const g = scene.grid;
  const rows = CLUTTER_TYPES.map((c) => {
    const r = scene.options.clutterTable[c];
    return `${r.loss}:${r.clutterHeightM}`;
  }).join(',');
  return `${g.originX},${g.originY},${g.width},${g.height},${g.cellSizeM}|${hashOf(scene.dem!)}|${scene.clutter ? hashOf(scene.clutter) : '-'}|${rows}|${scene.ueHeightM}`;
}

/** The terrain map a sector of this scene reads, or null when the scene computes without terrain. */
export function terrainSpecOf(scene: Scene, s: Pick<EngineSector, 'xM' | 'yM' | 'heightM' | 'freqMHz' | 'modelId' | 'rangeM'>): TerrainSpec | null {
  const mode = sceneTerrainMode(scene);
  if (mode === 'off') return null;
  const cell = scene.grid.cellSizeM;
  const diffraction = scene.options.terrainDiffraction ?? 'bullington';
  const model = mode === 'itm' ? '' : s.modelId;
  const spec = latticeSpec(mode, diffraction, model, s, s.rangeM + cell, cell, terrainStrideFor(cell, scene.options.terrainStride ?? DEFAULT_TERRAIN_STRIDE));
  return { ...spec, key: `${contextKey(scene)}|${spec.key}` };
}

/** The distinct terrain maps of these sectors (one per site, frequency and height for ITM), in first-use order. */
export function terrainSpecsOf(scene: Scene, sectors: readonly EngineSector[] = scene.sectors): TerrainSpec[] {
  const out = new Map<string, TerrainSpec>();
  for (const s of sectors) {
    const spec = terrainSpecOf(scene, s);
    if (spec && !out.has(spec.key)) out.set(spec.key, spec);
  }
  return [...out.values()];
}

/** A computed terrain map over the box of cells around a site. */
export interface TerrainMap {
  readonly key: string;
  /** Box of the map on the grid: first column and row, size in cells. */
  readonly c0: number;
  readonly r0: number;
  readonly width: number;
  readonly height: number;
  /**
   * Per cell of the box (row-major), as a power ratio 10^(−L/10): L the ITM basic transmission
   * loss ('itm': it replaces the model) or the diffraction loss ('empirical-diffraction': it
   * multiplies the model's). NaN beyond the radius, and where ITM rejects the path.
   */
  readonly lin: Float32Array;
  /** True when the map replaces the model's path loss (ITM), false when it multiplies it. */
  readonly replaces: boolean;
  /** ITM warning bits OR-ed over every computed cell (src/core/itm/codes.ts); 0 for the empirical variant. */
  readonly warnings: number;
  /** Cells whose path raised at least one ITM warning, and cells computed. */
  readonly warnedCells: number;
  readonly cells: number;
  /** An ITM input error in words (e.g. a receiver height ITM rejects), or null. */
  readonly error: string | null;
  /** Time to compute it, ms. */
  readonly ms: number;
}

/** A terrain map without its values (what the main thread is told of it), with their size in bytes. */
export type TerrainMapSummary = Omit<TerrainMap, 'lin'> & { readonly bytes: number };

/** Per class index (CLUTTER_TYPES, then one for "no class"): receiver height and profile clutter height, m. */
interface ClassHeights {
  readonly rxM: Float64Array;
  readonly profileM: Float64Array;
}

const NO_CLASS_SLOT = CLUTTER_TYPES.length;

function classHeights(g: TerrainGround): ClassHeights {
  const rxM = new Float64Array(CLUTTER_TYPES.length + 1);
  const profileM = new Float64Array(CLUTTER_TYPES.length + 1);
  CLUTTER_TYPES.forEach((c, i) => {
    const row = g.clutterTable[c];
    rxM[i] = receiverHeightM(row, g.ueHeightM);
    profileM[i] = row.loss === 'p2108' ? row.clutterHeightM : 0;
  });
  rxM[NO_CLASS_SLOT] = g.ueHeightM;
  return { rxM, profileM };
}

/** Class slot of a cell index (NO_CLASS_SLOT without a clutter map). */
const slotOfCell = (g: TerrainGround, cell: number): number => (g.clutter ? g.clutter[cell] : NO_CLASS_SLOT);

/**
 * Samples 0 … count−1 of radial j of a spec: bare ground (bilinear in the DEM) and ground plus
 * the clutter height of the sample's cell (none at the site). One function for the map and the
 * point, so both read the same heights.
 */
function sampleRadial(g: TerrainGround, dem: Dem, heights: ClassHeights, spec: TerrainSpec, j: number, count: number, groundM: Float64Array, seenM: Float64Array): void {
  const angle = (2 * Math.PI * j) / spec.radialCount;
  const stepX = Math.cos(angle) * spec.spacingM;
  const stepY = Math.sin(angle) * spec.spacingM;
  const grid = g.grid;
  const cell = grid.cellSizeM;
  for (let k = 0; k < count; k++) {
    const x = spec.xM + k * stepX;
    const y = spec.yM + k * stepY;
    const ground = demHeightAtM(dem, x, y);
    groundM[k] = ground;
    let clutterM = 0;
    if (k > 0 && g.clutter) {
      let c = Math.floor((x - grid.originX) / cell);
      let r = Math.floor((grid.originY - y) / cell);
      if (c < 0) c = 0;
      else if (c >= grid.width) c = grid.width - 1;
      if (r < 0) r = 0;
      else if (r >= grid.height) r = grid.height - 1;
      clutterM = heights.profileM[g.clutter[r * grid.width + c]];
    }
    seenM[k] = ground + clutterM;
  }
}

function itmParamsOf(spec: TerrainSpec): ItmParams {
  return { ...TERRAIN_ITM_SETTINGS, freqMHz: spec.freqMHz };
}

/** Diffraction loss of samples 0…k (the far end on bare ground), dB. */
function diffractionDb(spec: TerrainSpec, distancesM: Float64Array, groundM: Float64Array, seenM: Float64Array, k: number, rxM: number): number {
  const stored = seenM[k];
  seenM[k] = groundM[k];
  const loss = spec.diffraction === 'deygout'
    ? deygoutDiffractionDb(distancesM, seenM, k + 1, spec.heightM, rxM, spec.freqMHz, TERRAIN_K_FACTOR)
    : bullingtonDiffractionDb(distancesM, seenM, k + 1, spec.heightM, rxM, spec.freqMHz, TERRAIN_K_FACTOR);
  seenM[k] = stored;
  return loss;
}

/**
 * The terrain map of a spec over the cells within its radius (see the module comment): one pass
 * over the lattice's radials, ITM (or the diffraction loss) evaluated once per lattice point and
 * receiver height some cell uses, then each cell from its corners.
 * @param signal aborts between radials (throws its reason).
 * @param progress called every 64 radials (a worker tells its host it is alive and working).
 */
export function computeTerrainMap(g: TerrainGround, spec: TerrainSpec, signal?: AbortSignal, progress?: () => void): TerrainMap {
  const t0 = performance.now();
  const grid = g.grid;
  const dem: Dem = { grid, heightsM: g.dem };
  const heights = classHeights(g);
  const cell = grid.cellSizeM;
  const R = spec.radiusM;
  // Box of the cells whose centre can be within the radius (radials.ts radialLayout's).
  const c0 = Math.max(0, Math.floor((spec.xM - R - grid.originX) / cell));
  const c1 = Math.min(grid.width - 1, Math.ceil((spec.xM + R - grid.originX) / cell));
  const r0 = Math.max(0, Math.floor((grid.originY - (spec.yM + R)) / cell));
  const r1 = Math.min(grid.height - 1, Math.ceil((grid.originY - (spec.yM - R)) / cell));
  const width = Math.max(0, c1 - c0 + 1);
  const height = Math.max(0, r1 - r0 + 1);
  const lin = new Float32Array(width * height).fill(NaN);
  const nRad = spec.radialCount;
  const n = spec.samplesPerRadial + 1;
  // Distinct receiver heights (slots), and each class's slot.
  const slotHeights: number[] = [];
  const slotOfClass = new Int32Array(CLUTTER_TYPES.length + 1);
  for (let c = 0; c <= CLUTTER_TYPES.length; c++) {
    let at = slotHeights.indexOf(heights.rxM[c]);
    if (at < 0) at = slotHeights.push(heights.rxM[c]) - 1;
    slotOfClass[c] = at;
  }
  const slots = slotHeights.length;
  // Pass 1: each cell's corners on the lattice (kept per cell of the box), the points they need.
  const r2 = R * R;
  const inside = new Uint8Array(width * height);
  const cornerJ = new Int32Array(width * height);
  const cornerK = new Uint16Array(width * height * 2);
  const cornerW = new Float32Array(width * height * 2);
  const cellSlot = new Uint8Array(width * height);
  const needed = new Uint8Array(nRad * n);
  const maxK = new Int32Array(nRad);
  const corners = new Float64Array(6);
  let cells = 0;
  for (let r = r0; r <= r1; r++) {
    const dy = grid.originY - (r + 0.5) * cell - spec.yM;
    const dy2 = dy * dy;
    if (dy2 > r2) continue;
    // Columns whose centre can be within the radius on this row (the test below decides).
    const half = Math.sqrt(r2 - dy2);
    const ca = Math.max(c0, Math.floor((spec.xM - half - grid.originX) / cell - 0.5));
    const cb = Math.min(c1, Math.ceil((spec.xM + half - grid.originX) / cell - 0.5));
    for (let c = ca; c <= cb; c++) {
      const dx = grid.originX + (c + 0.5) * cell - spec.xM;
      if (dx * dx + dy2 > r2) continue;
      const b = (r - r0) * width + c - c0;
      latticeCornersOf(spec, dx, dy, corners);
      const j0 = corners[0], j1 = corners[1], kA = corners[3], kB = corners[4];
      const slot = slotOfClass[slotOfCell(g, r * grid.width + c)];
      const bit = 1 << slot;
      // Lattice arrays are sample-major (k·nRad + j): a cell's four corners are two pairs of
      // neighbours in memory, and neighbouring cells share them.
      needed[kA * nRad + j0] |= bit;
      needed[kB * nRad + j0] |= bit;
      needed[kA * nRad + j1] |= bit;
      needed[kB * nRad + j1] |= bit;
      if (kB > maxK[j0]) maxK[j0] = kB;
      if (kB > maxK[j1]) maxK[j1] = kB;
      inside[b] = 1;
      cells++;
      cornerJ[b] = j0;
      cornerK[2 * b] = kA;
      cornerK[2 * b + 1] = kB;
      cornerW[2 * b] = corners[2];
      cornerW[2 * b + 1] = corners[5];
      cellSlot[b] = slot;
    }
  }
  // Pass 2: the lattice points, radial by radial.
  const params = itmParamsOf(spec);
  const isItm = spec.mode === 'itm';
  const checks = slotHeights.map((h) => validateItmInputs(spec.heightM, h, params));
  const failed = isItm ? checks.find((c) => c.code !== ITM_SUCCESS) : undefined;
  const error: string | null = failed ? `ITM error ${failed.code}` : null;
  const radial = isItm && !failed ? new RadialItm(n, spec.heightM, slotHeights[0], params, checks[0].warnings) : null;
  const groundM = radial ? radial.groundM : new Float64Array(n);
  const seenM = radial ? radial.heightsM : new Float64Array(n);
  const distancesM = new Float64Array(n);
  for (let i = 0; i < n; i++) distancesM[i] = i * spec.spacingM;
  const values = new Float64Array(nRad * n * slots).fill(NaN);
  const warns = radial ? new Uint16Array(nRad * n * slots) : null;
  if (!failed) {
    for (let j = 0; j < nRad; j++) {
      signal?.throwIfAborted();
      if ((j & 63) === 63) progress?.();
      const kMax = maxK[j];
      if (kMax === 0) continue;
      sampleRadial(g, dem, heights, spec, j, kMax + 1, groundM, seenM);
      if (radial) radial.begin(kMax + 1, spec.spacingM);
      for (let k = 1; k <= kMax; k++) {
        const bits = needed[k * nRad + j];
        if (bits === 0) continue;
        for (let slot = 0; slot < slots; slot++) {
          if ((bits & (1 << slot)) === 0) continue;
          const at = (k * nRad + j) * slots + slot;
          if (radial) {
            radial.setReceiver(slotHeights[slot], checks[slot].warnings);
            values[at] = radial.lossAtDb(k);
            warns![at] = radial.lastWarnings;
          } else {
            values[at] = diffractionDb(spec, distancesM, groundM, seenM, k, slotHeights[slot]);
          }
        }
      }
    }
  }
  // Pass 3: every cell from its corners (dB), as a power ratio.
  let warnings = 0;
  let warnedCells = 0;
  const LN10_10 = Math.LN10 / 10;
  for (let b = 0; b < width * height; b++) {
    if (inside[b] === 0) continue;
    const slot = cellSlot[b];
    const j0 = cornerJ[b];
    const j1 = j0 + 1 === nRad ? 0 : j0 + 1;
    const kA = cornerK[2 * b], kB = cornerK[2 * b + 1];
    const fu = cornerW[2 * b], fv = cornerW[2 * b + 1];
    const a0 = (kA * nRad + j0) * slots + slot, b0 = (kB * nRad + j0) * slots + slot;
    const a1 = (kA * nRad + j1) * slots + slot, b1 = (kB * nRad + j1) * slots + slot;
    let db: number;
    if (spec.stride === 1) db = values[a0];
    else {
      // Written as latticeValueDb writes it (the point evaluation gives the same bits).
      db = (1 - fu) * ((1 - fv) * values[a0] + fv * values[b0]) + fu * ((1 - fv) * values[a1] + fv * values[b1]);
    }
    lin[b] = Math.exp(-db * LN10_10);
    if (warns) {
      const w = warns[a0] | warns[b0] | warns[a1] | warns[b1];
      warnings |= w;
      if (w !== 0) warnedCells++;
    }
  }
  return { key: spec.key, c0, r0, width, height, lin, replaces: isItm, warnings, warnedCells, cells, error, ms: performance.now() - t0 };
}

/** The terrain term at one point (see {@link terrainLossAtDb}). */
export interface TerrainPointLoss {
  /** ITM basic transmission loss ('itm') or diffraction loss ('empirical-diffraction'), dB. */
  readonly lossDb: number;
  /** ITM warning bits and propagation mode (1 line of sight, 2 diffraction, 3 troposcatter; 0 for the empirical variant or an error). */
  readonly warnings: number;
  readonly mode: number;
  /** Radial and sample the point takes its value from. */
  readonly radial: number;
  readonly sample: number;
}

/** One lattice point: the term at sample k of radial j for a receiver height, dB (warnings, mode). */
function pointValue(g: TerrainGround, spec: TerrainSpec, heights: ClassHeights, j: number, k: number, rxM: number): { db: number; warnings: number; mode: number } {
  const groundM = new Float64Array(k + 1);
  const seenM = new Float64Array(k + 1);
  sampleRadial(g, { grid: g.grid, heightsM: g.dem }, heights, spec, j, k + 1, groundM, seenM);
  if (spec.mode === 'itm') {
    const pfl = new Float64Array(k + 3);
    pfl[0] = k;
    pfl[1] = spec.spacingM;
    pfl.set(seenM, 2);
    pfl[k + 2] = groundM[k];
    const r = itmP2p(spec.heightM, rxM, pfl, itmParamsOf(spec));
    return { db: r.lossDb, warnings: r.warnings, mode: r.mode };
  }
  const distancesM = Float64Array.from({ length: k + 1 }, (_, i) => i * spec.spacingM);
  return { db: diffractionDb(spec, distancesM, groundM, seenM, k, rxM), warnings: 0, mode: 0 };
}

/**
 * The terrain term of a spec at a point (xM, yM) whose receiver is in clutter class `cls` (−1:
 * none): ITM point-to-point (itmP2p) or the diffraction loss over the profiles of the point's
 * lattice corners (latticeCornersOf), interpolated as the map does — the value the map holds for
 * the cell containing the point when the point is its centre.
 */
export function terrainLossAtDb(g: TerrainGround, spec: TerrainSpec, xM: number, yM: number, cls: number): TerrainPointLoss {
  const corners = new Float64Array(6);
  latticeCornersOf(spec, xM - spec.xM, yM - spec.yM, corners);
  const [j0, j1, fu, kA, kB, fv] = corners;
  const heights = classHeights(g);
  const rxM = heights.rxM[cls < 0 ? NO_CLASS_SLOT : cls];
  const p00 = pointValue(g, spec, heights, j0, kA, rxM);
  if (spec.stride === 1) return { lossDb: p00.db, warnings: p00.warnings, mode: p00.mode, radial: j0, sample: kA };
  const p01 = pointValue(g, spec, heights, j0, kB, rxM);
  const p10 = pointValue(g, spec, heights, j1, kA, rxM);
  const p11 = pointValue(g, spec, heights, j1, kB, rxM);
  const db = (1 - fu) * ((1 - fv) * p00.db + fv * p01.db) + fu * ((1 - fv) * p10.db + fv * p11.db);
  const nearest = [p00, p01, p10, p11][(fu >= 0.5 ? 2 : 0) + (fv >= 0.5 ? 1 : 0)];
  return { lossDb: db, warnings: p00.warnings | p01.warnings | p10.warnings | p11.warnings, mode: nearest.mode, radial: fu >= 0.5 ? j1 : j0, sample: fv >= 0.5 ? kB : kA };
}

/**
 * The path-loss term PL of a sector toward a point of the scene, dB, as terms.ts defines it:
 * the terrain term where the scene computes with terrain, else the model's `t.pathLossDb(d, cls)`.
 * Used by reference.ts and readout.ts; the kernel reads the same values from {@link TerrainMap}.
 */
export function sectorPathLossDb(scene: Scene, s: EngineSector, t: SectorLossTerms, xM: number, yM: number, dM: number, cls: number): number {
  const spec = terrainSpecOf(scene, s);
  if (!spec) return t.pathLossDb(dM, cls);
  const loss = terrainLossAtDb(terrainGround(scene), spec, xM, yM, cls).lossDb;
  return spec.mode === 'itm' ? loss : t.pathLossDb(dM, cls) + loss;
}
