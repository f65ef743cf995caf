/**
 * The end of a tile in the kernel (kernel.ts): the accumulators of a carrier turned into its
 * layers (best-server RSRP and server, overlap count, SINR, throughput, uplink margin, indoor
 * RSRP, coverage probability), and the tile's cells (clutter class, inside the computed area).
 * Split from kernel.ts to keep one idea per module: kernel.ts accumulates, this finishes.
 */
import { lteThroughputBps, nrThroughputBps, NR_SHANNON_DOWNLINK, TR36942_LTE_DOWNLINK } from '../linkbudget/throughput.ts';
import { transmissionBandwidthHz } from '../linkbudget/carriers.ts';
import { complementaryNormalFast } from '../linkbudget/probability.ts';
import { CLUTTER_TYPES } from '../clutter/p2108.ts';
import type { CarrierLayers } from './layer-registry.ts';
import type { CarrierAccum } from './kernel.ts';
import { tileBounds, type EngineCarrier, type EngineSector, type Scene } from './scene.ts';

const LN10_10 = Math.LN10 / 10;
/** 10·log10(x) = DB_PER_NEPER·ln(x): Math.log costs less than Math.log10 in V8 (within 2e-15 dB of it). */
const DB_PER_NEPER = 10 / Math.LN10;

/** Each scene's sector pRE values as an array (the per-cell uplink margin reads them). */
const preOfScene = new WeakMap<Scene, Float64Array>();
function sectorPre(scene: Scene): Float64Array {
  let a = preOfScene.get(scene);
  if (!a) {
    a = Float64Array.from(scene.sectors, (s) => s.pReDbm);
    preOfScene.set(scene, a);
  }
  return a;
}

/** A tile's cells: their clutter class (null without a clutter map) and whether they are in the computed area. */
export interface TileCells {
  readonly cls: Uint8Array | null;
  readonly inMask: Uint8Array;
}

/** Fills `into` with the tile's cells (tile-major, tileSize² cells; cells off the grid are outside). */
export function tileCells(scene: Scene, mask: Uint8Array, tile: number, into: { cls: Uint8Array | null; inMask: Uint8Array }): TileCells {
  const T = scene.tileSize;
  const [c0, r0, c1, r1] = tileBounds(scene, tile);
  const w = scene.grid.width;
  into.inMask.fill(0);
  for (let row = r0; row < r1; row++) {
    const so = row * w, to = (row - r0) * T;
    for (let col = c0; col < c1; col++) {
      into.inMask[to + col - c0] = mask[so + col];
      if (into.cls && scene.clutter) into.cls[to + col - c0] = scene.clutter[so + col];
    }
  }
  return into;
}

/** Powers (mW) of an earlier accumulation within the overlap window of its best, per cell (CSR). */
export interface WindowValues {
  readonly start: Int32Array;
  readonly vals: Float64Array;
}

/** Downlink throughput at a SINR for a carrier, Mbit/s (spec §5; TR 36.942 Annex A, NR capped by TS 38.306). */
export function throughputMbps(c: EngineCarrier, sinrDb: number): number {
  return (c.tech === 'NR' ? nrThroughputBps(sinrDb, c.nRb, c.scsKHz, c.peakBps) : lteThroughputBps(sinrDb, c.nRb)) / 1e6;
}

interface ThroughputTerms {
  readonly sinrMinLin: number;
  readonly capMbps: number;
  readonly alphaBwMbps: number;
}

/** A carrier's throughput constants (spec §5, TR 36.942 Annex A): α·B·log2(1 + SINR), 0 below SINR_min, capped. */
function throughputTerms(carrier: EngineCarrier): ThroughputTerms {
  const nr = carrier.tech === 'NR';
  const shannon = nr ? NR_SHANNON_DOWNLINK : TR36942_LTE_DOWNLINK;
  const bwHz = transmissionBandwidthHz(carrier.nRb, nr ? carrier.scsKHz : 15);
  return {
    sinrMinLin: Math.exp(shannon.sinrMinDb * LN10_10),
    capMbps: Math.min(shannon.maxSpectralEfficiencyBpsHz * bwHz, carrier.peakBps) / 1e6,
    alphaBwMbps: (shannon.alpha * bwHz) / 1e6,
  };
}

/** Throughput at a linear SINR, Mbit/s (the engine's and the derived layer's one formula). */
function throughputAt(k: ThroughputTerms, sinrLin: number): number {
  const t = sinrLin < k.sinrMinLin ? 0 : k.alphaBwMbps * Math.log2(1 + sinrLin);
  return t > k.capMbps ? k.capMbps : t;
}

/** The uplink margin's constant part for a carrier: P_UE − 10·log10(N_PRB) − N_PRB,noise − I_margin − SINR_req, dB (margin = this + RSRP − pRE of the server). */
function uplinkConstDb(scene: Scene, carrier: EngineCarrier): number {
  const o = scene.options;
  return o.ueTxPowerDbm - 10 * Math.log10(o.ulPrbs) - carrier.ulNoisePrbDbm - o.ulInterferenceMarginDb - o.ulRequiredSinrDb;
}

/**
 * What it takes to derive the throughput and uplink layers from SINR, RSRP and the best server
 * instead of holding them (the app's analysis worker, layer-registry.ts `newHeldCarrierLayers`):
 * per carrier its throughput terms and uplink constant, per sector its pRE. Plain numbers, so
 * it crosses to a worker as it is.
 */
export interface LayerDerivation {
  readonly carriers: readonly (ThroughputTerms & { readonly ulConstDb: number })[];
  readonly sectorPreDbm: Float64Array;
}

export function layerDerivation(scene: Scene): LayerDerivation {
  return {
    carriers: scene.carriers.map((c) => ({ ...throughputTerms(c), ulConstDb: uplinkConstDb(scene, c) })),
    sectorPreDbm: Float64Array.from(scene.sectors, (s) => s.pReDbm),
  };
}

/**
 * Throughput (Mbit/s) and uplink margin (dB) of every cell, the engine's formulas (finishCarrier)
 * applied to held SINR, RSRP and best server: NaN where there is no service. `into` receives them.
 */
export function deriveLayers(d: LayerDerivation, carrier: number, sinrDb: ArrayLike<number>, rsrpDbm: ArrayLike<number>, server: ArrayLike<number>, into: { throughputMbps?: Float32Array | Float64Array; ulMarginDb?: Float32Array | Float64Array }): void {
  const k = d.carriers[carrier];
  const pre = d.sectorPreDbm;
  const tput = into.throughputMbps, ul = into.ulMarginDb;
  for (let i = 0; i < rsrpDbm.length; i++) {
    if (tput) {
      const s = sinrDb[i];
      if (s !== s) tput[i] = NaN;
      else tput[i] = throughputAt(k, Math.exp(s * LN10_10));
    }
    if (ul) {
      const r = rsrpDbm[i];
      ul[i] = r === r ? k.ulConstDb + r - pre[server[i]] : NaN;
    }
  }
}

/**
 * Turns a tile's accumulators into layers, written at `out[offset…offset+cells)`. `window`, when
 * given, holds values of sectors accumulated elsewhere (an edit's base) that may still fall in
 * the overlap window; `overrides` replaces scene sectors by index (an edit in progress).
 */
export function finishCarrier(scene: Scene, carrier: EngineCarrier, acc: CarrierAccum, out: CarrierLayers, offset: number, window?: WindowValues, overrides?: ReadonlyMap<number, EngineSector>, tile?: TileCells): void {
  const o = scene.options;
  const floorMw = Math.exp(o.floorDbm * LN10_10);
  const windowRatio = Math.exp(-o.overlapWindowDb * LN10_10);
  const load = o.neighbourLoad;
  const noise = carrier.noiseReMw;
  const ulConst = uplinkConstDb(scene, carrier);
  const cells = acc.cells;
  const wantRsrp = out.rsrpDbm.length > 0, wantServer = out.server.length > 0, wantSinr = out.sinrDb.length > 0;
  const wantTput = out.throughputMbps.length > 0, wantUl = out.ulMarginDb.length > 0, wantIndoor = out.indoorDbm.length > 0;
  const wantProb = out.coverageProbabilityPct.length > 0;
  // Coverage probability: σ of the cell's clutter class (the options' σ without a clutter map).
  const probThr = o.probabilityThresholdDbm;
  const invSigmaOf = Float64Array.from(CLUTTER_TYPES, (t) => 1 / o.clutterTable[t].shadowSigmaDb);
  const invSigma0 = 1 / o.shadowSigmaDb;
  const cls = tile?.cls ?? null;
  const inMask = tile?.inMask ?? null;
  if (out.overlap.length > 0) {
    const counts = out.overlap;
    const best = acc.best, cand = acc.cand, candN = acc.candN, cap = acc.cap;
    for (let i = 0; i < cells; i++) {
      const b = best[i];
      let n = 0;
      if (b >= floorMw) {
        const thr = b * windowRatio;
        const o = i * cap;
        for (let k = 0; k < candN[i]; k++) if (cand[o + k] >= thr) n++;
        if (window) for (let j = window.start[i]; j < window.start[i + 1]; j++) if (window.vals[j] >= thr) n++;
      }
      counts[offset + i] = n > 255 ? 255 : n;
    }
  }
  // Throughput (spec §5, TR 36.942 Annex A): α·B·log2(1 + SINR), 0 below SINR_min, capped.
  const tputTerms = throughputTerms(carrier);
  // The arrays in locals: the loop below runs per cell, and V8 would reload every field each time.
  const best = acc.best, total = acc.total, indoorBest = acc.indoorBest, server = acc.server;
  const rsrpOut = out.rsrpDbm, serverOut = out.server, sinrOut = out.sinrDb, tputOut = out.throughputMbps;
  const ulOut = out.ulMarginDb, indoorOut = out.indoorDbm, probOut = out.coverageProbabilityPct;
  const sectors = scene.sectors;
  const pre = sectorPre(scene);
  for (let i = 0; i < cells; i++) {
    const b = best[i];
    const at = offset + i;
    if (wantIndoor) {
      const ib = indoorBest[i];
      indoorOut[at] = ib >= floorMw ? DB_PER_NEPER * Math.log(ib) : NaN;
    }
    if (!(b >= floorMw)) {
      // Coverage probability: NaN outside the computed area, 0 where nothing serves.
      if (wantProb) probOut[at] = inMask !== null && inMask[i] === 0 ? NaN : 0;
      if (wantRsrp) rsrpOut[at] = NaN;
      if (wantServer) serverOut[at] = -1;
      if (wantSinr) sinrOut[at] = NaN;
      if (wantTput) tputOut[at] = NaN;
      if (wantUl) ulOut[at] = NaN;
      continue;
    }
    const srv = server[i];
    if (wantServer) serverOut[at] = srv;
    const bDbm = DB_PER_NEPER * Math.log(b);
    if (wantRsrp) rsrpOut[at] = bDbm;
    // P = Q((T − μ)/σ) (linkbudget/probability.ts), Q from its table.
    if (wantProb) probOut[at] = inMask !== null && inMask[i] === 0 ? NaN : 100 * complementaryNormalFast((probThr - bDbm) * (cls !== null ? invSigmaOf[cls[i]] : invSigma0));
    if (wantSinr || wantTput) {
      let others = total[i] - b;
      if (others < 0) others = 0;
      const sinrLin = b / (load * others + noise);
      if (wantSinr) sinrOut[at] = DB_PER_NEPER * Math.log(sinrLin);
      if (wantTput) tputOut[at] = throughputAt(tputTerms, sinrLin);
    }
    if (wantUl) ulOut[at] = ulConst + bDbm - (overrides !== undefined ? (overrides.get(srv) ?? sectors[srv]).pReDbm : pre[srv]);
  }
}
