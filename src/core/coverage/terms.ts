/**
 * The loss terms of one sector toward a point, defined once (STYLE.md §4, §7). Every place that
 * computes a sector's signal builds on these functions: the kernel's verified tables
 * (kernel.ts `TableCache.kernelFor`), the plain reference (reference.ts), the hover readout
 * (readout.ts) and the point-to-point check (p2p.ts). A new term is added here once.
 *
 *   RSRP   = pRE + G_max − A(φ, d) − L_feeder − PL(d, h_rx(class)) − L_clutter(class)   dBm per RE
 *   A      = min(A_H(φ) + A_V(θ(d)), Am)                                      38.901 Table 7.3-1 (0 omni)
 *   RSRPin = RSRP − L_BEL(f, p, building(class), θ(d))                        ITU-R P.2109
 *
 * The class is the clutter class of the UE's cell (scene.clutter, clutter/table.ts: a P.2108 row
 * evaluates the model to the clutter height and adds Ah); without a clutter map there is no
 * clutter loss, the model is evaluated at the UE and the building type is the options' one.
 *
 * with d the horizontal distance (EPSG:32648), φ the angle off boresight and θ(d) the angle
 * below the horizontal from the antenna to the UE over flat ground.
 *
 * Terrain (issue 12): where the scene has a DEM and terrain-aware prediction is on
 * (EngineOptions.terrain), PL is the terrain's, per sector and point (terrain-loss.ts
 * `sectorPathLossDb`; the kernel reads the same values from the sector's terrain map):
 *   'itm'                    PL = L_ITM(profile to the point's nearest radial sample, h_rx(class))
 *   'empirical-diffraction'  PL = PL(d, h_rx(class)) + L_diff(same profile)   Bullington / Deygout, P.526
 * The profile carries the classes' clutter heights; L_clutter, A and L_BEL are unchanged.
 *
 * Calibration (issue 14): with a calibrated model in the options (the scenario's), PL(d) is the
 * model's path loss less the correction K1 + K2·log10(max(d, d_min)/d_ref) of the sector's model
 * and the UE's class (src/core/measurements/correction.ts), so every user of PL carries it.
 */
import { horizontalCutAttDb, verticalCutAttDb } from '../antenna/sector-3gpp.ts';
import { buildingEntryLossDb, type BuildingType } from '../clutter/p2109.ts';
import { CLUTTER_TYPES } from '../clutter/p2108.ts';
import { clutterLossDb, receiverHeightM } from '../clutter/table.ts';
import { cellAt } from '../grid/grid.ts';
import { getPathLossModel } from '../propagation/registry.ts';
import type { PathLossModel } from '../propagation/types.ts';
import type { EngineOptions, EngineSector, Scene } from './scene.ts';
import { sectorCalibration } from '../measurements/correction.ts';
import type { CalibratedModel } from '../measurements/calibrate.ts';

const DEG = 180 / Math.PI;

/** Engine options the terms depend on. */
export type TermOptions = Pick<EngineOptions, 'indoorProbabilityPct' | 'indoorBuilding' | 'clutterTable'> & {
  /** The scenario's calibrated model (measurements/correction.ts); absent or null: none. */
  readonly calibration?: CalibratedModel | null;
};

/** No clutter class (no clutter map, or a point off the grid). */
export const NO_CLASS = -1;

export interface SectorLossTerms {
  readonly model: PathLossModel;
  /**
   * Median path loss of the sector's model at horizontal distance d, dB, to the UE (or, in a
   * clutter class, to the class's receiver height), less the calibration's correction of the
   * class ({@link SectorLossTerms.calibrationDb}).
   */
  pathLossDb(dM: number, cls?: number): number;
  /** The calibration's correction K1 + K2·log10(max(d, d_min)/d_ref) of the class, dB (0 without a calibration): subtracted from the path loss. */
  calibrationDb(dM: number, cls?: number): number;
  /** A text naming the class's correction ('' for none), for caches of path-loss tables. */
  calibrationKey(cls: number): string;
  /** The receiver height of the path loss in a class (the UE's without a class), m. */
  rxHeightM(cls: number): number;
  /** Angle below the horizontal from the antenna to the UE at distance d, degrees (flat ground). */
  elevDownDeg(dM: number): number;
  /** Horizontal-cut attenuation at |φ| degrees off boresight, dB (0 for an omni). */
  horizontalAttDb(absPhiDeg: number): number;
  /** Vertical-cut attenuation toward a UE at distance d, dB (0 for an omni). */
  verticalAttDb(dM: number): number;
  /** Pattern attenuation min(A_H + A_V, Am), dB (0 for an omni). */
  antennaAttDb(absPhiDeg: number, dM: number): number;
  /** P.2109 building entry loss toward a UE at distance d in a building of this type (default: the options'), dB. */
  entryLossDb(dM: number, building?: BuildingType): number;
  /** The receiver clutter loss of a class (0 for NO_CLASS), dB. */
  clutterLossDb(cls: number): number;
  /** The building type of a class (the options' for NO_CLASS). */
  buildingOf(cls: number): BuildingType;
}

/**
 * The terms of one sector (its kernel constants from scene.ts) for a UE at `ueHeightM`.
 * @throws Error for an unknown path-loss model id
 */
export function sectorLossTerms(s: EngineSector, ueHeightM: number, o: TermOptions): SectorLossTerms {
  const model = getPathLossModel(s.modelId);
  if (!model) throw new Error(`sector ${s.id}: unknown path-loss model "${s.modelId}"`);
  const dh = s.heightM - ueHeightM;
  const fGHz = s.freqMHz / 1000;
  const rxHeightM = (cls: number) => (cls < 0 ? ueHeightM : receiverHeightM(o.clutterTable[CLUTTER_TYPES[cls]], ueHeightM));
  const elevDownDeg = (d: number) => Math.atan2(dh, d) * DEG;
  const horizontalAttDb = (phi: number) => (s.omni ? 0 : horizontalCutAttDb(phi, s.hBeamwidthDeg, s.amDb));
  const verticalAttDb = (d: number) => (s.omni ? 0 : verticalCutAttDb(elevDownDeg(d), s.tiltDeg, s.vBeamwidthDeg, s.slaVDb));
  const cal = sectorCalibration(o.calibration, s.modelId);
  return {
    model,
    pathLossDb: cal
      ? (d, cls = NO_CLASS) => model.pathLossDb(s.freqMHz, d, s.heightM, rxHeightM(cls)) - cal.correctionDb(d, cls)
      : (d, cls = NO_CLASS) => model.pathLossDb(s.freqMHz, d, s.heightM, rxHeightM(cls)),
    calibrationDb: (d, cls = NO_CLASS) => (cal ? cal.correctionDb(d, cls) : 0),
    calibrationKey: (cls) => (cal ? cal.key(cls) : ''),
    rxHeightM,
    elevDownDeg,
    horizontalAttDb,
    verticalAttDb,
    antennaAttDb: (phi, d) => {
      if (s.omni) return 0;
      const a = horizontalAttDb(phi) + verticalAttDb(d);
      return a > s.amDb ? s.amDb : a;
    },
    entryLossDb: (d, building = o.indoorBuilding) => buildingEntryLossDb(fGHz, o.indoorProbabilityPct, building, elevDownDeg(d)),
    clutterLossDb: (cls) => (cls < 0 ? 0 : clutterLossDb(o.clutterTable[CLUTTER_TYPES[cls]], CLUTTER_TYPES[cls], s.freqMHz, ueHeightM)),
    buildingOf: (cls) => (cls < 0 ? o.indoorBuilding : o.clutterTable[CLUTTER_TYPES[cls]].building),
  };
}

/** |φ|: the angle between boresight (azimuth, degrees from grid north) and the direction (dx, dy), degrees in [0, 180]; 0 at d = 0. */
export function absOffBoresightDeg(azimuthDeg: number, dxM: number, dyM: number): number {
  if (dxM === 0 && dyM === 0) return 0;
  let phi = Math.atan2(dxM, dyM) * DEG - azimuthDeg;
  phi = ((((phi + 180) % 360) + 360) % 360) - 180;
  return Math.abs(phi);
}

/** The clutter class of the cell holding (xM, yM), or NO_CLASS without a clutter map or off the grid. */
export function classAt(scene: Pick<Scene, 'grid' | 'clutter'>, xM: number, yM: number): number {
  if (!scene.clutter) return NO_CLASS;
  const c = cellAt(scene.grid, xM, yM);
  return c ? scene.clutter[c.row * scene.grid.width + c.col] : NO_CLASS;
}
