/**
 * The link budget at one point, for the planner's hover readout: the best server and the next
 * two, each with every term of its RSRP (STYLE.md §4), and the point's SINR, throughput and
 * uplink margin. Same definitions as the engine, term for term as reference.ts computes them
 * (kernel.ts header, spec §5):
 *
 *   RSRP   = pRE + G_max − A(φ, θ) − L_feeder − PL(d) − L_clutter            dBm per RE
 *   A      = min(A_H(φ) + A_V(θ), Am)       38.901 Table 7.3-1 (0 for an omni)
 *   RSRPin = RSRP − L_BEL(f, p, building, θ)                                   P.2109, indoor layer
 *   SINR   = S / (load · Σ_{k≠server} I_k + N_RE)                              linear, mW
 *
 * A sector counts (serves, interferes) where the point is within its footprint radius and its
 * RSRP is ≥ the floor, exactly as {@link referenceCell}. d is the horizontal distance on
 * EPSG:32648 (spec §1), azimuths are from grid north (footprint.ts), ground is flat.
 *
 * Clutter: the class of the point's cell (scene.clutter) gives L_clutter, the building type of the
 * entry loss and the shadowing σ of the coverage probability (clutter/table.ts); without a
 * clutter map L_clutter is 0 and `clutterApplied` is false.
 */
import { bearingDeg as gridBearingDeg, wrapDeg180 } from '../antenna/types.ts';
import { cellAt, cellCenterX, cellCenterY } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import type { FlatRings } from '../grid/rasterize.ts';
import { uplinkBudget, type UplinkBudget } from '../linkbudget/uplink.ts';
import { distance3dM } from '../propagation/fspl.ts';
import { getPathLossModel } from '../propagation/registry.ts';
import type { PathLossModel } from '../propagation/types.ts';
import type { ValidityIssue } from '../validity.ts';
import { throughputMbps } from './kernel.ts';
import { absOffBoresightDeg, classAt, NO_CLASS, sectorLossTerms, type TermOptions } from './terms.ts';
import { sectorPathLossDb, terrainModelName, terrainSpecOf } from './terrain-loss.ts';
import { CLUTTER_TYPES, type ClutterType } from '../clutter/p2108.ts';
import { locationProbability } from '../linkbudget/probability.ts';
import type { EngineSector, Scene } from './scene.ts';

const DEG = 180 / Math.PI;

/** Servers listed by {@link pointReadout}: the best and the next two. */
export const READOUT_SERVERS = 3;

/** A model's own verdict on one link (its `evaluate` checks). */
export interface ModelValidityVerdict {
  /** True when the model's own checks raise no warning for this link. */
  readonly inRange: boolean;
  /**
   * The model's warnings, as {@link PathLossModel.evaluate} words them: each violated validity
   * range with its bounds (e.g. `freqMHz=1842.5 outside validity range 150–1500 MHz`), a length
   * below 1 m evaluated at 1 m, or a caveat of the model. Empty when `inRange`.
   */
  readonly warnings: readonly string[];
  /** The same problems as data (quantity, value, bound) for the UI to word (validity.ts). */
  readonly issues: readonly ValidityIssue[];
}

/**
 * Validity of a path-loss model for one link, by the model's own checks (never clamped: the
 * value is computed either way).
 * @param model - a registered model (registry.ts)
 * @param freqMHz - carrier frequency, MHz
 * @param d2dM - horizontal distance, m
 * @param hBsM - base-station antenna height above ground, m
 * @param hUtM - UE antenna height above ground, m
 */
export function modelValidityAt(model: PathLossModel, freqMHz: number, d2dM: number, hBsM: number, hUtM: number): ModelValidityVerdict {
  const { warnings, issues } = model.evaluate({ freqMHz, d2dM, hBsM, hUtM });
  return { inRange: warnings.length === 0, warnings, issues };
}

/** Every term of one sector's signal at one point. Losses are positive numbers, dB. */
export interface SectorTerms {
  /** Index in {@link Scene.sectors} (the best-server layer's value). */
  readonly index: number;
  readonly sectorId: string;
  readonly siteId: string;
  /** Horizontal distance site → point on EPSG:32648 (UTM 48N planar), m: the d2d of every model. */
  readonly distanceM: number;
  /** Slant distance sqrt(d2d² + (hBs − hUt)²), m. */
  readonly distance3dM: number;
  /** Bearing site → point, degrees clockwise from grid north, [0, 360) (the sector's azimuth at d = 0). */
  readonly bearingDeg: number;
  /** Horizontal angle off the sector's boresight φ, degrees, (−180, 180]; 0 at d = 0 (by convention, as the engine). */
  readonly azimuthOffDeg: number;
  /** Angle below the horizontal from the antenna to the UE, degrees (θ − 90°; flat ground). */
  readonly elevDownDeg: number;
  /** Total downtilt (mechanical + electrical), degrees. */
  readonly tiltDeg: number;
  readonly antenna: 'omni' | '3gpp-sector';
  /** Power per resource element at the antenna port, dBm. */
  readonly pReDbm: number;
  /** Boresight gain G_max, dBi. */
  readonly maxGainDbi: number;
  /** Horizontal-cut attenuation min(12 (φ/φ3dB)², Am), dB (0 for an omni). */
  readonly horizontalAttenuationDb: number;
  /** Vertical-cut attenuation min(12 ((θ − 90° − tilt)/θ3dB)², SLA_V), dB (0 for an omni). */
  readonly verticalAttenuationDb: number;
  /** Pattern attenuation toward the point, min(A_H + A_V, Am), dB: the term of the sum. */
  readonly attenuationDb: number;
  /** Gain toward the point, G_max − attenuation, dBi. */
  readonly gainTowardDbi: number;
  readonly feederLossDb: number;
  /** EIRP per RE toward the point, pRE + gain toward the point − feeder, dBm. */
  readonly eirpPerReTowardDbm: number;
  /** Median path loss of the sector's model (or the scene's override), dB. */
  readonly pathLossDb: number;
  readonly modelId: string;
  readonly modelName: string;
  /** The model's own verdict at this distance, frequency and heights. */
  readonly modelValidity: ModelValidityVerdict;
  /** Receiver clutter loss of the point's clutter class (clutter/table.ts), dB; 0 without a clutter map. */
  readonly clutterLossDb: number;
  /** True when the scene has a clutter map (the term is applied). */
  readonly clutterApplied: boolean;
  /** The point's clutter class, or null without a clutter map. */
  readonly clutterClass: ClutterType | null;
  /** The receiver height the path loss was evaluated at (the clutter height R of a P.2108 class, else the UE's), m. */
  readonly rxHeightM: number;
  /** P.2109 building entry loss with the engine's indoor parameters, dB. */
  readonly buildingEntryLossDb: number;
  /** RSRP − building entry loss, dBm (the indoor layer's value for this sector). */
  readonly indoorRsrpDbm: number;
  /** pRE + G_max − attenuation − feeder − path loss − clutter, dBm per RE. */
  readonly rsrpDbm: number;
}

type Numeric = Omit<SectorTerms, 'modelName' | 'modelValidity'>;

/** The terms without the model's validity check (the ranking loop needs only the numbers). */
function numericTerms(s: EngineSector, ueHeightM: number, xM: number, yM: number, o: TermOptions, cls: number, scene?: Scene): Numeric {
  const dx = xM - s.xM;
  const dy = yM - s.yM;
  const d = Math.hypot(dx, dy);
  // The terms of terms.ts, as reference.ts sums them: the two agree to the bit.
  const t = sectorLossTerms(s, ueHeightM, o);
  // With a scene that computes with terrain, its path loss (terrain-loss.ts), as reference.ts.
  const pl = scene ? sectorPathLossDb(scene, s, t, xM, yM, d, cls) : t.pathLossDb(d, cls);
  const absOff = absOffBoresightDeg(s.azimuthDeg, dx, dy);
  const att = t.antennaAttDb(absOff, d);
  const gain = s.maxGainDbi - att;
  const lc = t.clutterLossDb(cls);
  const v = s.pReDbm + gain - s.feederLossDb - pl - lc;
  const bel = t.entryLossDb(d, t.buildingOf(cls));
  const offWrapped = d > 0 ? wrapDeg180(Math.atan2(dx, dy) * DEG - s.azimuthDeg) : 0;
  return {
    index: s.index, sectorId: s.id, siteId: s.siteId,
    distanceM: d, distance3dM: distance3dM(d, s.heightM, ueHeightM),
    bearingDeg: d > 0 ? gridBearingDeg(dx, dy) : s.azimuthDeg, azimuthOffDeg: offWrapped, elevDownDeg: t.elevDownDeg(d), tiltDeg: s.tiltDeg,
    antenna: s.omni ? 'omni' : '3gpp-sector', pReDbm: s.pReDbm, maxGainDbi: s.maxGainDbi,
    horizontalAttenuationDb: t.horizontalAttDb(absOff), verticalAttenuationDb: t.verticalAttDb(d),
    attenuationDb: att, gainTowardDbi: gain, feederLossDb: s.feederLossDb, eirpPerReTowardDbm: s.pReDbm + gain - s.feederLossDb,
    pathLossDb: pl, modelId: s.modelId, clutterLossDb: lc, clutterApplied: cls !== NO_CLASS, clutterClass: cls === NO_CLASS ? null : CLUTTER_TYPES[cls], rxHeightM: t.rxHeightM(cls),
    buildingEntryLossDb: bel, indoorRsrpDbm: v - bel, rsrpDbm: v,
  };
}

function modelOf(s: EngineSector): PathLossModel {
  const model = getPathLossModel(s.modelId);
  if (!model) throw new Error(`sector ${s.id}: unknown path-loss model "${s.modelId}"`);
  return model;
}

function withValidity(t: Numeric, s: EngineSector, model: PathLossModel, ueHeightM: number): SectorTerms {
  return { ...t, modelName: model.name, modelValidity: modelValidityAt(model, s.freqMHz, t.distanceM, s.heightM, ueHeightM) };
}

/**
 * Every term of one sector's signal at a point, whether or not the engine counts it there (no
 * footprint or floor test: {@link pointReadout} applies those).
 * @param s - the sector's kernel constants (scene.ts)
 * @param ueHeightM - UE antenna height above ground, m
 * @param xM - easting of the point, EPSG:32648 m
 * @param yM - northing of the point, EPSG:32648 m
 * @param indoor - P.2109 parameters of the indoor layer (a scene's options)
 */
export function sectorTermsAt(s: EngineSector, ueHeightM: number, xM: number, yM: number, indoor: TermOptions, cls: number = NO_CLASS): SectorTerms {
  const model = modelOf(s);
  return withValidity(numericTerms(s, ueHeightM, xM, yM, indoor, cls), s, model, ueHeightM);
}

/** The readout of one carrier at one point. dB values are NaN where no sector serves. */
export interface PointReadout {
  /** Where the budget was evaluated (the point, or its cell's centre), EPSG:32648 m. */
  readonly xM: number;
  readonly yM: number;
  /** The grid cell holding that point, or null outside the grid. */
  readonly cell: { readonly col: number; readonly row: number } | null;
  /** Inside the scene's boundary (the engine leaves cells outside empty). */
  readonly insideArea: boolean;
  /** Index in {@link Scene.carriers}, and its id. */
  readonly carrier: number;
  readonly carrierId: string;
  /** Best server first, then the next two by RSRP; only sectors the engine counts here. */
  readonly servers: readonly SectorTerms[];
  /** Sectors within their footprint radius here (the engine's evaluated pairs). */
  readonly evaluated: number;
  /** Sectors whose signal counts here (within the footprint and ≥ the floor). */
  readonly counted: number;
  /** Counted sectors within the overlap window of the best (the best included). */
  readonly overlap: number;
  /** Neighbour PRB utilisation weighting the interference, 0…1. */
  readonly neighbourLoad: number;
  /** Thermal noise per RE at the UE (noise figure included), dBm. */
  readonly noiseReDbm: number;
  /** load · Σ of the other counted sectors' RSRP, dBm (−Infinity when alone). */
  readonly interferenceDbm: number;
  /** Downlink SINR of the best server, dB. */
  readonly sinrDb: number;
  /** Attenuated-Shannon downlink throughput of the best server, Mbit/s. */
  readonly throughputMbps: number;
  /** Uplink budget of a UE served by the best server (same path loss and gain), or null. */
  readonly uplink: UplinkBudget | null;
  /** Uplink SINR margin, dB (≥ 0: the uplink closes). */
  readonly ulMarginDb: number;
  /** Best indoor RSRP over every sector within its footprint whose indoor value is ≥ the floor, dBm. */
  readonly indoorBestDbm: number;
  /** True when the scene has a clutter map. */
  readonly clutterApplied: boolean;
  /** The point's clutter class, or null without a clutter map. */
  readonly clutterClass: ClutterType | null;
  /** Shadowing σ at the point (its class's, or the options'), dB. */
  readonly shadowSigmaDb: number;
  readonly probabilityThresholdDbm: number;
  /** P(RSRP ≥ threshold) of the best server under that shadowing, % (0 without service). */
  readonly coverageProbabilityPct: number;
}

/** Where a readout is evaluated: the exact point, or the centre of its grid cell (the layers' value). */
export type ReadoutAt = 'point' | 'cell-centre';

/** Even–odd point-in-rings with the half-open rule of rasterizeRings, so cell centres agree with the mask. */
function insideRings(rings: FlatRings, xM: number, yM: number): boolean {
  const { coords, ringStarts } = rings;
  let inside = false;
  for (let r = 0; r + 1 < ringStarts.length; r++) {
    const s = ringStarts[r];
    const e = ringStarts[r + 1];
    if (e - s < 3) continue;
    let px = coords[2 * (e - 1)];
    let py = coords[2 * (e - 1) + 1];
    for (let i = s; i < e; i++) {
      const qx = coords[2 * i];
      const qy = coords[2 * i + 1];
      if ((py <= yM && qy > yM) || (qy <= yM && py > yM)) {
        if (px + ((yM - py) / (qy - py)) * (qx - px) <= xM) inside = !inside;
      }
      px = qx;
      py = qy;
    }
  }
  return inside;
}

/**
 * The link budget of one carrier at one point: best server and the next two with every term,
 * SINR, throughput and uplink margin, as the engine defines them. At a cell centre the best
 * server, its RSRP, the SINR, uplink margin, indoor value and overlap count equal the layers of
 * reference.ts (tested within 1e-9 dB; the same expressions in the same order).
 * @param scene - the coverage scene (planScene)
 * @param carrier - index in `scene.carriers`
 * @param xM - easting, EPSG:32648 m
 * @param yM - northing, EPSG:32648 m
 * @param at - `point` (default) evaluates at (xM, yM); `cell-centre` at the centre of the grid
 *   cell holding it (the value the map shows), or at the point itself outside the grid
 */
export function pointReadout(scene: Scene, carrier: number, xM: number, yM: number, at: ReadoutAt = 'point'): PointReadout {
  const c = scene.carriers[carrier];
  if (!c) throw new RangeError(`carrier index ${carrier} out of range (scene has ${scene.carriers.length})`);
  const g = scene.grid;
  const o = scene.options;
  const sigma = (cls: number) => (cls === NO_CLASS ? o.shadowSigmaDb : o.clutterTable[CLUTTER_TYPES[cls]].shadowSigmaDb);
  const cell = cellAt(g, xM, yM);
  if (at === 'cell-centre' && cell) {
    xM = cellCenterX(g, cell.col);
    yM = cellCenterY(g, cell.row);
  }
  const counted: Numeric[] = [];
  const cls = classAt(scene, xM, yM);
  let evaluated = 0;
  let indoorBest = -Infinity;
  for (const s of scene.sectors) {
    if (s.carrier !== carrier) continue;
    if (Math.hypot(xM - s.xM, yM - s.yM) > s.rangeM) continue;
    evaluated++;
    const t = numericTerms(s, scene.ueHeightM, xM, yM, o, cls, scene);
    if (t.indoorRsrpDbm >= o.floorDbm && t.indoorRsrpDbm > indoorBest) indoorBest = t.indoorRsrpDbm;
    if (t.rsrpDbm >= o.floorDbm) counted.push(t);
  }
  // Stable sort: on a tie the earlier sector stays first, as reference.ts picks the best.
  const ranked = [...counted].sort((a, b) => b.rsrpDbm - a.rsrpDbm);
  const servers = ranked.slice(0, READOUT_SERVERS).map((t) => {
    const s = scene.sectors[t.index];
    const v = withValidity(t, s, modelOf(s), scene.ueHeightM);
    // With terrain the path loss is the terrain term's (terrain-loss.ts): its name says so.
    return terrainSpecOf(scene, s) ? { ...v, modelName: terrainModelName(scene.options, v.modelName) } : v;
  });
  const base = {
    xM, yM, cell, insideArea: insideRings(scene.maskRings, xM, yM), carrier, carrierId: c.id, servers, evaluated, counted: counted.length,
    neighbourLoad: o.neighbourLoad, noiseReDbm: c.noiseReDbm, indoorBestDbm: indoorBest > -Infinity ? indoorBest : NaN, clutterApplied: cls !== NO_CLASS,
    clutterClass: cls === NO_CLASS ? null : CLUTTER_TYPES[cls], shadowSigmaDb: sigma(cls), probabilityThresholdDbm: o.probabilityThresholdDbm,
  };
  if (servers.length === 0) {
    return { ...base, overlap: 0, interferenceDbm: -Infinity, sinrDb: NaN, throughputMbps: NaN, uplink: null, ulMarginDb: NaN, coverageProbabilityPct: 0 };
  }
  const best = servers[0];
  // SINR as reference.ts: powers summed in sector order, the server's own power taken out again.
  let totalMw = 0;
  for (const t of counted) totalMw += 10 ** (t.rsrpDbm / 10);
  const sMw = 10 ** (best.rsrpDbm / 10);
  const othersMw = o.neighbourLoad * Math.max(0, totalMw - sMw);
  const sinrDb = 10 * Math.log10(sMw / (othersMw + c.noiseReMw));
  const uplink = uplinkBudget({
    ueTxPowerDbm: o.ueTxPowerDbm, nPrbAllocated: o.ulPrbs, scsKHz: c.scsKHz, pathLossDb: best.pathLossDb + best.clutterLossDb,
    bsAntennaGainTowardDbi: best.gainTowardDbi, bsFeederLossDb: best.feederLossDb, bsNoiseFigureDb: o.bsNoiseFigureDb,
    interferenceMarginDb: o.ulInterferenceMarginDb, requiredSinrDb: o.ulRequiredSinrDb,
  });
  return {
    ...base,
    overlap: counted.filter((t) => t.rsrpDbm >= best.rsrpDbm - o.overlapWindowDb).length,
    interferenceDbm: 10 * Math.log10(othersMw), sinrDb, throughputMbps: throughputMbps(c, sinrDb), uplink, ulMarginDb: uplink.marginDb,
    coverageProbabilityPct: 100 * locationProbability(best.rsrpDbm, o.probabilityThresholdDbm, sigma(cls)),
  };
}

/**
 * {@link pointReadout} at a WGS 84 point, projected to EPSG:32648 (projection.ts) first.
 * @param lonDeg - longitude, degrees east
 * @param latDeg - latitude, degrees north
 */
export function pointReadoutLonLat(scene: Scene, carrier: number, lonDeg: number, latDeg: number, at: ReadoutAt = 'point'): PointReadout {
  const [xM, yM] = lonLatToUtm(lonDeg, latDeg);
  return pointReadout(scene, carrier, xM, yM, at);
}
