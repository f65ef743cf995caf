/**
 * The coverage kernel: for one tile of the grid, every sector whose footprint touches it,
 * every cell inside the province. Per cell and sector (spec §5, STYLE.md §4 terms):
 *
 *   v      = pRE + G_max − L_feeder − A(θ, φ) − PL(d)                 RSRP per RE, dBm
 *   vIn    = v − L_BEL(f, p, building, θ)                             indoor RSRP (P.2109)
 *   A      = min(A_H(φ) + A_V(θ), Am)                                 38.901 Table 7.3-1
 *
 * A signal counts (serves, interferes, is counted in the overlap) only where v ≥ floorDbm.
 * Per cell and carrier the tile keeps the best v and its sector, Σ 10^(v/10) (all co-channel
 * power, for SINR), the best indoor value, and each sector's v (for the overlap count, which
 * needs the final best). {@link finishCarrier} turns these into the layers.
 *
 * PL(d), A_V(θ(d)) and L_BEL(θ(d)) come from verified cubic tables in distance and A_H from one
 * in cos φ (tables.ts), with the exact functions wherever a table interval is marked exact.
 */
import { LAYER_IDS, newCarrierLayers, type CarrierLayers, type LayerId } from './layer-registry.ts';
import { NO_CLASS, sectorLossTerms, type SectorLossTerms, type TermOptions } from './terms.ts';
import { BUILDING_TYPES, type BuildingType } from '../clutter/p2109.ts';
import { CLUTTER_TYPES } from '../clutter/p2108.ts';
import type { EngineSector, Scene } from './scene.ts';
import type { FootprintSpans } from './spans.ts';
import { patternFootprintM, type FootprintReceiver } from './footprint.ts';
import { footprintReceivers } from '../clutter/table.ts';
import { calibratedReceivers, sectorCalibration } from '../measurements/correction.ts';
import { buildCosTable, buildDistanceTable, COS_STEPS, DIST_MAX_M, INV_STEP, OCTAVE_START, type CubicTable } from './tables.ts';

const DEG = 180 / Math.PI;
const LN10_10 = Math.LN10 / 10;

/**
 * A sector with its tables and exact fall-backs, all as power ratios: 10^(−PL/10),
 * 10^(−A_V/10), 10^(−L_BEL/10), 10^(−A_H/10). The kernel works in mW so that it needs no
 * exponential per cell (Σ power for SINR) and no logarithm until a cell is finished.
 */
export interface SectorKernel {
  readonly s: EngineSector;
  readonly pl: CubicTable;
  readonly av: CubicTable;
  /** Entry loss for each building type (0 traditional, 1 thermally efficient; P.2109 Table 1). */
  readonly bel: readonly [CubicTable, CubicTable];
  readonly ah: CubicTable;
  readonly plExact: (dM: number) => number;
  readonly avExact: (dM: number) => number;
  readonly belExact: readonly [(dM: number) => number, (dM: number) => number];
  readonly ahExact: (cosPhi: number) => number;
  /** Building type index where no clutter map is given (the options'). */
  readonly defaultBuilding: number;
  /** Per clutter class: 10^(−L_clutter/10) (clutter/table.ts). */
  readonly clutterLin: Float64Array;
  /** Per clutter class: the coefficients of the path-loss table to the class's receiver height (clutter/table.ts) and its exact fall-back. */
  readonly plCoefByClass: readonly Float64Array[];
  readonly plExactByClass: readonly ((dM: number) => number)[];
  /** Per clutter class: the entry-loss table and fall-back of the class's building type (P.2109). */
  readonly belCoefByClass: readonly Float64Array[];
  readonly belExactByClass: readonly ((dM: number) => number)[];
  /** Per-sector constants of the hot path: 10^((pRE + G_max − L_feeder)/10) mW, 10^(−Am/10), sin and cos of the azimuth, the floor in mW. */
  readonly kMw: number;
  readonly amLin: number;
  readonly sinAz: number;
  readonly cosAz: number;
  readonly floorMw: number;
  /**
   * Directional footprint: for each of {@link RANGE_BINS} bins of cos φ, the distance beyond which
   * the sector stays below the floor even at the best elevation (gain G_max − A_H(φ) at the
   * bin's smallest |φ|). Cells beyond it cannot count, so they are not evaluated: behind a
   * sector (Am = 30 dB) that is a fraction of the omnidirectional footprint.
   */
  readonly rangeByCos: Float64Array;
  /**
   * The same per clutter class (class c's bins at c·{@link RANGE_BINS}): the footprint of the UE
   * in that class alone, smaller than `rangeByCos` in the classes with clutter loss. Null without
   * a clutter map (or with terrain replacing the path loss): `rangeByCos` holds for every cell.
   */
  readonly rangeByCosByClass: Float64Array | null;
  /**
   * The directional footprint `rangeByCos` as column spans per grid row (spans.ts): the kernel
   * visits only cells between them. Absent: every cell of the disc is visited.
   */
  readonly spans?: FootprintSpans | null;
  /** The sector's terrain map (terrain-loss.ts): 10^(−L/10) per cell of its box, replacing (ITM) or multiplying the table's path loss. */
  readonly terrain?: import('./terrain-loss.ts').TerrainMap | null;
}

/**
 * An upper bound of 10^(−L_BEL/10): P.2109 §3 writes L_BEL = 10·log10(10^(0.1A) + 10^(0.1B) +
 * 10^(0.1C)) with C = −3 dB, so L_BEL > −3 dB and 10^(−L_BEL/10) < 10^0.3 ≈ 1.995 (2 leaves
 * room for the table's 1e-8 dB).
 */
export const BEL_GAIN_BOUND = 2;

/** Bins of cos φ of the directional footprint. */
export const RANGE_BINS = 64;

/** Builds and shares tables between sectors with equal parameters (most of a network). */
export class TableCache {
  private readonly tables = new Map<string, CubicTable>();
  /** Tables built so far (for diagnostics and benchmarks). */
  built = 0;
  /** Table intervals marked for exact evaluation, over all tables built. */
  exactIntervals = 0;

  private readonly ranges = new Map<string, { all: Float64Array; byClass: Float64Array | null }>();

  private readonly floorDbm: number;

  /**
   * @param reachM - the farthest distance the tables must cover (the scene's largest footprint); beyond it
   *   the kernel evaluates exactly (tables.ts buildDistanceTable)
   */
  constructor(private readonly ueHeightM: number, private readonly o: TermOptions & { readonly floorDbm?: number }, private readonly clutterClasses: readonly number[] | null = null, private readonly reachM = DIST_MAX_M) {
    this.floorDbm = o.floorDbm ?? -140;
  }

  /** The receivers a sector's directional footprint must cover (every clutter class present, with the calibration's largest correction). */
  private receivers(s: EngineSector): readonly FootprintReceiver[] {
    return calibratedReceivers(footprintReceivers(this.o.clutterTable, this.ueHeightM, s.freqMHz, this.clutterClasses), sectorCalibration(this.o.calibration, s.modelId), this.clutterClasses, s.rangeM);
  }

  /**
   * Directional footprints of a sector: over all receivers (the largest, for the tile lists and
   * cells without a class) and per clutter class present (classes absent get the largest).
   */
  private rangeByCos(s: EngineSector, t: SectorLossTerms): { all: Float64Array; byClass: Float64Array | null } {
    const classes = this.clutterClasses;
    const key = `${s.modelId}|${s.freqMHz}|${s.heightM}|${s.pReDbm}|${s.maxGainDbi}|${s.feederLossDb}|${s.omni}|${s.hBeamwidthDeg}|${s.amDb}|${s.tiltDeg}|${s.vBeamwidthDeg}|${s.slaVDb}|${s.rangeM}|${(classes ?? [NO_CLASS]).map((c) => t.calibrationKey(c)).join(';')}`;
    let r = this.ranges.get(key);
    if (!r) {
      const all = new Float64Array(RANGE_BINS).fill(s.rangeM);
      const byClass = classes ? new Float64Array(CLUTTER_TYPES.length * RANGE_BINS).fill(s.rangeM) : null;
      if (!s.omni) {
        const receivers = this.receivers(s);
        // A_V stops decreasing where the elevation angle passes the tilt (flat ground, terms.ts).
        const dh = s.heightM - this.ueHeightM;
        const vTurnM = s.tiltDeg > 0 && s.tiltDeg < 90 && dh > 0 ? dh / Math.tan(s.tiltDeg / DEG) : null;
        for (let k = 0; k < RANGE_BINS; k++) {
          const cHi = Math.min(1, -1 + ((k + 1) * 2) / RANGE_BINS + 1e-9);
          const pattern = { attHDb: t.horizontalAttDb(Math.acos(cHi) * DEG), amDb: s.amDb, verticalAttDb: t.verticalAttDb, vTurnM };
          let max = 0;
          const radii = receivers.map((rx) => {
            const ri = Math.min(s.rangeM, patternFootprintM(t.model, s, rx, pattern, this.floorDbm, s.rangeM) + 1);
            if (ri > max) max = ri;
            return ri;
          });
          all[k] = max;
          if (byClass && classes) {
            for (let c = 0; c < CLUTTER_TYPES.length; c++) byClass[c * RANGE_BINS + k] = max;
            classes.forEach((c, j) => (byClass[c * RANGE_BINS + k] = radii[j]));
          }
        }
      }
      r = { all, byClass };
      this.ranges.set(key, r);
    }
    return r;
  }

  private table(key: string, make: () => CubicTable): CubicTable {
    let t = this.tables.get(key);
    if (!t) {
      t = make();
      this.tables.set(key, t);
      this.built++;
      this.exactIntervals += t.exactIntervals;
    }
    return t;
  }

  kernelFor(s: EngineSector): SectorKernel {
    const t = sectorLossTerms(s, this.ueHeightM, this.o);
    const dh = s.heightM - this.ueHeightM;
    const fGHz = s.freqMHz / 1000;
    const pct = this.o.indoorProbabilityPct;
    const ahDb = (c: number) => t.horizontalAttDb(Math.acos(c < -1 ? -1 : c > 1 ? 1 : c) * DEG);
    const lin = (f: (x: number) => number) => (x: number) => Math.exp(-f(x) * LN10_10);
    const belDb = (b: BuildingType) => (d: number) => t.entryLossDb(d, b);
    const belTable = (b: BuildingType) => this.table(`bel|${fGHz}|${dh}|${pct}|${b}`, () => buildDistanceTable(belDb(b), 'linear', this.reachM));
    const plTable = (cls: number) => this.table(`pl|${s.modelId}|${s.freqMHz}|${s.heightM}|${t.rxHeightM(cls)}|${t.calibrationKey(cls)}`, () => buildDistanceTable((d) => t.pathLossDb(d, cls), 'linear', this.reachM));
    const ranges = this.rangeByCos(s, t);
    const plByClass = CLUTTER_TYPES.map((_, c) => plTable(c));
    const bel: [CubicTable, CubicTable] = [belTable(BUILDING_TYPES[0]), belTable(BUILDING_TYPES[1])];
    const belExact: [(d: number) => number, (d: number) => number] = [lin(belDb(BUILDING_TYPES[0])), lin(belDb(BUILDING_TYPES[1]))];
    const classBuilding = Uint8Array.from(CLUTTER_TYPES, (_, c) => BUILDING_TYPES.indexOf(t.buildingOf(c)));
    const az = s.azimuthDeg / DEG;
    return {
      kMw: Math.exp((s.pReDbm + s.maxGainDbi - s.feederLossDb) * LN10_10), amLin: Math.exp(-s.amDb * LN10_10),
      sinAz: Math.sin(az), cosAz: Math.cos(az), floorMw: Math.exp(this.floorDbm * LN10_10),
      plCoefByClass: plByClass.map((x) => x.coef),
      belCoefByClass: Array.from(classBuilding, (b) => bel[b].coef),
      belExactByClass: Array.from(classBuilding, (b) => belExact[b]),
      rangeByCos: ranges.all, rangeByCosByClass: ranges.byClass,
      s, plExact: lin(t.pathLossDb), avExact: lin(t.verticalAttDb), ahExact: lin(ahDb),
      belExact,
      pl: plTable(NO_CLASS),
      plExactByClass: CLUTTER_TYPES.map((_, c) => lin((d) => t.pathLossDb(d, c))),
      av: this.table(`av|${s.omni}|${dh}|${s.tiltDeg}|${s.vBeamwidthDeg}|${s.slaVDb}`, () => buildDistanceTable(t.verticalAttDb, 'linear', this.reachM)),
      bel,
      ah: this.table(`ah|${s.omni}|${s.hBeamwidthDeg}|${s.amDb}`, () => buildCosTable(ahDb, 'linear')),
      defaultBuilding: BUILDING_TYPES.indexOf(this.o.indoorBuilding),
      clutterLin: Float64Array.from(CLUTTER_TYPES, (_, c) => Math.exp(-t.clutterLossDb(c) * LN10_10)),
    };
  }
}

/** What a computation must produce: derived from the layers asked for. */
export interface Needs {
  readonly layers: ReadonlySet<LayerId>;
  /** Keep every sector's value per cell (the overlap count needs them). */
  readonly vals: boolean;
  readonly indoor: boolean;
}

export function needsFor(layers: readonly LayerId[] | null | undefined): Needs {
  const set = new Set<LayerId>(layers ?? LAYER_IDS);
  return { layers: set, vals: set.has('overlap'), indoor: set.has('indoor') };
}

export const ALL_NEEDS: Needs = needsFor(null);

/** Per-carrier accumulators of one tile (cells = tileSize²), powers in mW (0 = nothing counted). */
export interface CarrierAccum {
  readonly cells: number;
  readonly best: Float64Array;
  readonly server: Int32Array;
  readonly total: Float64Array;
  readonly indoorBest: Float64Array;
  /**
   * Overlap candidates: per cell (cell-major, `cap` slots each) the powers that were within the
   * overlap window of the cell's best *when they were added* (mW). The final best only grows,
   * so every value within the window of the final best is among them; the count filters again.
   */
  cand: Float64Array;
  candN: Int32Array;
  cap: number;
  /** Window as a power ratio, 10^(−window/10). */
  windowRatio: number;
  /** Cell–sector pairs evaluated in full so far (the others were ruled out by the directional footprint). */
  evaluated: number;
}

export function newAccum(cells: number, windowDb = 6, cap = 8): CarrierAccum {
  return {
    cells, best: new Float64Array(cells), server: new Int32Array(cells).fill(-1), total: new Float64Array(cells),
    indoorBest: new Float64Array(cells), cand: new Float64Array(cells * cap), candN: new Int32Array(cells), cap, windowRatio: 10 ** (-windowDb / 10), evaluated: 0,
  };
}

/** Makes room in cell i's candidate list: drops values now outside the window; grows every list if none could go. */
function makeRoom(acc: CarrierAccum, i: number): void {
  const cap = acc.cap;
  const thr = acc.best[i] * acc.windowRatio;
  const o = i * cap;
  let n = 0;
  for (let k = 0; k < acc.candN[i]; k++) {
    const v = acc.cand[o + k];
    if (v >= thr) acc.cand[o + n++] = v;
  }
  acc.candN[i] = n;
  if (n < cap) return;
  const next = cap * 2;
  const grown = new Float64Array(acc.cells * next);
  for (let c = 0; c < acc.cells; c++) for (let k = 0; k < acc.candN[c]; k++) grown[c * next + k] = acc.cand[c * cap + k];
  acc.cand = grown;
  acc.cap = next;
}

export function resetAccum(a: CarrierAccum): void {
  a.best.fill(0);
  a.server.fill(-1);
  a.total.fill(0);
  a.indoorBest.fill(0);
  a.candN.fill(0);
}

/**
 * Adds one sector to a tile's accumulators. `mask` is the province mask of the whole grid;
 * `cls` the clutter class of each cell of the tile (tile-major, tileSize² cells), or null
 * without a clutter map. Returns the number of cell–sector pairs resolved (cells of the
 * province within the sector's footprint radius); those evaluated in full are added to
 * `acc.evaluated`.
 */
export function accumulateSector(scene: Scene, mask: Uint8Array, tile: number, k: SectorKernel, acc: CarrierAccum, need: Needs = ALL_NEEDS, cls: Uint8Array | null = null): number {
  const g = scene.grid;
  const T = scene.tileSize;
  const cells = acc.cells;
  void cells;
  const keepCand = need.vals;
  const wantIndoor = need.indoor;
  const ratio = acc.windowRatio;
  const candN = acc.candN;
  let cand = acc.cand;
  let cap = acc.cap;
  const s = k.s;
  // The tile's cells [c0, c1) × [r0, r1) (scene.ts tileBounds, without its array).
  const tx = tile % scene.tilesX;
  const c0 = tx * T, r0 = ((tile - tx) / scene.tilesX) * T;
  const c1 = Math.min(g.width, c0 + T), r1 = Math.min(g.height, r0 + T);
  const cell = g.cellSizeM;
  const r = s.rangeM;
  const spans = k.spans ?? null;
  const spRow0 = spans !== null ? spans.row0 : 0;
  const spLo = spans !== null ? spans.lo : null, spHi = spans !== null ? spans.hi : null;
  let rowLo = Math.max(r0, Math.floor((g.originY - (s.yM + r)) / cell));
  let rowHi = Math.min(r1, Math.ceil((g.originY - (s.yM - r)) / cell));
  if (spans !== null) {
    if (rowLo < spRow0) rowLo = spRow0;
    if (rowHi > spRow0 + spans.lo.length) rowHi = spRow0 + spans.lo.length;
  }
  const colLo = Math.max(c0, Math.floor((s.xM - r - g.originX) / cell));
  const colHi = Math.min(c1, Math.ceil((s.xM + r - g.originX) / cell));
  if (rowLo >= rowHi || colLo >= colHi) return 0;
  const r2 = r * r;
  const floorMw = k.floorMw;
  const kMw = k.kMw;
  const omni = s.omni;
  const amLin = k.amLin;
  const sinAz = k.sinAz;
  const cosAz = k.cosAz;
  const V = k.av.coef, H = k.ah.coef;
  const P0 = k.pl.coef, plCoefByClass = k.plCoefByClass, plExactByClass = k.plExactByClass;
  const B0 = k.bel[k.defaultBuilding].coef, belExact0 = k.belExact[k.defaultBuilding];
  const belCoefByClass = k.belCoefByClass, belExactByClass = k.belExactByClass;
  const clutterLin = k.clutterLin;
  const best = acc.best, server = acc.server, total = acc.total, indoor = acc.indoorBest;
  const sIndex = s.index;
  const width = g.width;
  const halfCos = COS_STEPS / 2;
  const cosLast = COS_STEPS - 1;
  const dMax = DIST_MAX_M;
  const octStart = OCTAVE_START;
  const invStep = INV_STEP;
  const ox = g.originX + 0.5 * cell - s.xM;
  const oy = g.originY - 0.5 * cell - s.yM;
  const sxM = s.xM;
  const gx0 = g.originX;
  const plExact0 = k.plExact, avExact = k.avExact, ahExact = k.ahExact;
  const rByCos = k.rangeByCos;
  const rByClass = cls !== null ? k.rangeByCosByClass : null;
  const terr = k.terrain ?? null, TL = terr?.lin ?? null, tc0 = terr?.c0 ?? 0, tr0 = terr?.r0 ?? 0, tw = terr?.width ?? 0, tReplaces = terr?.replaces ?? false;
  const halfBins = RANGE_BINS / 2;
  const lastBin = RANGE_BINS - 1;
  let evals = 0;
  let full = 0;
  for (let row = rowLo; row < rowHi; row++) {
    const dy = oy - row * cell;
    const dy2 = dy * dy;
    if (dy2 > r2) continue;
    const mo = row * width;
    const lo = (row - r0) * T - c0;
    // Columns whose centre may lie within the footprint on this row: the directional
    // footprint's span, or the disc's chord (each cell is still tested against the disc).
    let ca: number, cb: number;
    if (spLo !== null && spHi !== null) {
      ca = spLo[row - spRow0];
      cb = spHi[row - spRow0];
    } else {
      const half = Math.sqrt(r2 - dy2);
      ca = Math.ceil((sxM - half - gx0) / cell - 0.5);
      cb = Math.floor((sxM + half - gx0) / cell - 0.5) + 1;
    }
    if (ca < colLo) ca = colLo;
    if (cb > colHi) cb = colHi;
    for (let col = ca; col < cb; col++) {
      if (mask[mo + col] === 0) continue;
      const dx = ox + col * cell;
      const d2 = dx * dx + dy2;
      if (d2 > r2) continue;
      evals++;
      const d = Math.sqrt(d2);
      const c = d > 0 ? (dx * sinAz + dy * cosAz) / d : 1;
      const li = lo + col;
      const cc = cls !== null ? cls[li] : 0;
      if (!omni) {
        let bin = ((c + 1) * halfBins) | 0;
        if (bin > lastBin) bin = lastBin;
        else if (bin < 0) bin = 0;
        // The directional footprint of the UE's clutter class (the largest without a clutter map).
        if (d > (rByClass !== null ? rByClass[cc * RANGE_BINS + bin] : rByCos[bin])) continue;
      }
      full++;
      // The UE's clutter class: its clutter loss and path-loss table (its buildings' entry loss
      // and the exact fall-backs are looked up only where they are used).
      let lc = 1, P = P0;
      if (cls !== null) {
        lc = clutterLin[cc];
        P = plCoefByClass[cc];
      }
      // Power ratios of path loss, vertical cut and entry loss (functions of d).
      let lp: number, lv: number;
      // The table interval of d (−1: evaluate exactly) and the position in it.
      let o = -1, x = 0;
      if (d >= 1 && d < dMax) {
        const oct = 31 - Math.clz32(d | 0);
        const u = (d - octStart[oct]) * invStep[oct];
        let j = u | 0;
        if (j > 255) j = 255;
        x = u - j;
        o = ((oct << 8) + j) << 2;
        lp = ((P[o + 3] * x + P[o + 2]) * x + P[o + 1]) * x + P[o];
        if (lp !== lp) lp = (cls !== null ? plExactByClass[cc] : plExact0)(d);
        if (omni) lv = 1;
        else {
          lv = ((V[o + 3] * x + V[o + 2]) * x + V[o + 1]) * x + V[o];
          if (lv !== lv) lv = avExact(d);
        }
      } else {
        lp = (cls !== null ? plExactByClass[cc] : plExact0)(d);
        lv = omni ? 1 : avExact(d);
      }
      // Terrain map (its box holds the footprint): replaces (ITM) or multiplies the path loss; NaN: no signal.
      if (TL !== null) lp = tReplaces ? TL[(row - tr0) * tw + col - tc0] : lp * TL[(row - tr0) * tw + col - tc0];
      // Antenna: 10^(−min(A_H + A_V, Am)/10) = max(10^(−A_H/10)·10^(−A_V/10), 10^(−Am/10)).
      let lg = 1;
      if (!omni) {
        const u = (c + 1) * halfCos;
        let j = u | 0;
        if (j > cosLast) j = cosLast;
        else if (j < 0) j = 0;
        const xh = u - j;
        const oh = j << 2;
        let lh = ((H[oh + 3] * xh + H[oh + 2]) * xh + H[oh + 1]) * xh + H[oh];
        if (lh !== lh) lh = ahExact(c);
        lg = lh * lv;
        if (lg < amLin) lg = amLin;
      }
      const p = kMw * lg * lp * lc;
      // Indoor: p·10^(−L_BEL/10) < BEL_GAIN_BOUND·p, so the entry loss is evaluated only where
      // that bound could still beat the cell's best indoor value and the floor.
      if (wantIndoor) {
        const pMax = p * BEL_GAIN_BOUND;
        if (pMax > indoor[li] && pMax >= floorMw) {
          let lb: number;
          if (o >= 0) {
            const B = cls !== null ? belCoefByClass[cc] : B0;
            lb = ((B[o + 3] * x + B[o + 2]) * x + B[o + 1]) * x + B[o];
            if (lb !== lb) lb = (cls !== null ? belExactByClass[cc] : belExact0)(d);
          } else lb = (cls !== null ? belExactByClass[cc] : belExact0)(d);
          const pIn = p * lb;
          if (pIn >= floorMw && pIn > indoor[li]) indoor[li] = pIn;
        }
      }
      if (p >= floorMw) {
        let b = best[li];
        if (p > b) {
          best[li] = p;
          server[li] = sIndex;
          b = p;
        }
        total[li] += p;
        if (keepCand && p >= b * ratio) {
          if (candN[li] === cap) {
            makeRoom(acc, li);
            cand = acc.cand;
            cap = acc.cap;
          }
          cand[li * cap + candN[li]++] = p;
        }
      }
    }
  }
  acc.evaluated += full;
  return evals;
}

/**
 * Output layers of a computation for `cells` cells: those `need` asks for, and the best server
 * whenever the uplink is asked (its margin depends on the serving sector). Filled with the
 * no-values unless `fill` is false (the caller writes every cell).
 */
export function newOutputLayers(cells: number, need: Needs = ALL_NEEDS, fill = true): CarrierLayers {
  const layers = new Set<LayerId>(need.layers);
  if (layers.has('uplink')) layers.add('server');
  return newCarrierLayers(cells, fill, layers);
}

// The tile's end (layers from the accumulators) lives in finish.ts; re-exported for the engine.
export { finishCarrier, throughputMbps, tileCells, type TileCells, type WindowValues } from './finish.ts';
