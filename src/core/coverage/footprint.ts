/**
 * A sector's footprint: the distance beyond which it cannot reach the floor even at full
 * antenna gain. The engine (engine.ts, kernel.ts) evaluates a sector only inside it.
 * Azimuths are measured clockwise from grid north (EPSG:32648); grid convergence in Vĩnh Long is
 * under 0.2°, far below any sector's beamwidth, and is ignored.
 */
import type { PathLossModel } from '../propagation/types.ts';

/** The sector constants the footprint depends on. */
export interface FootprintSector {
  readonly heightM: number;
  readonly maxGainDbi: number;
  readonly pReDbm: number;
  readonly feederLossDb: number;
  readonly freqMHz: number;
}

/**
 * The distance beyond which a sector's RSRP, even at full antenna gain, stays below
 * `floorDbm`: the smallest d in [10 m, capM] with pRE + Gmax − feeder − PL(d) < floor, by
 * bisection (path loss is non-decreasing in distance for every registered model: property-tested).
 */
export function footprintRadiusM(model: PathLossModel, s: FootprintSector, ueHeightM: number, floorDbm: number, capM = 30000): number {
  const budget = s.pReDbm + s.maxGainDbi - s.feederLossDb - floorDbm;
  if (model.pathLossDb(s.freqMHz, capM, s.heightM, ueHeightM) <= budget) return capM;
  let lo = 10;
  let hi = capM;
  if (model.pathLossDb(s.freqMHz, lo, s.heightM, ueHeightM) > budget) return lo;
  while (hi - lo > 1) {
    const mid = 0.5 * (lo + hi);
    if (model.pathLossDb(s.freqMHz, mid, s.heightM, ueHeightM) <= budget) lo = mid;
    else hi = mid;
  }
  return hi;
}


/** A receiver the footprint must reach: its height and the extra loss it sees (a clutter class's). */
export interface FootprintReceiver {
  readonly rxHeightM: number;
  readonly extraLossDb: number;
}

/**
 * The footprint over several receivers (the UE in each clutter class present: the model to the
 * class's receiver height plus its clutter loss, clutter/table.ts): the largest of their radii,
 * so that no cell where the sector reaches the floor is left out.
 */
export function footprintOverReceiversM(model: PathLossModel, s: FootprintSector, receivers: readonly FootprintReceiver[], floorDbm: number, capM = 30000): number {
  let r = 0;
  for (const rx of receivers) r = Math.max(r, footprintRadiusM(model, { ...s, feederLossDb: s.feederLossDb + rx.extraLossDb }, rx.rxHeightM, floorDbm, capM));
  return r;
}

/** The antenna terms a directional footprint depends on (terms.ts, sector-3gpp.ts). */
export interface FootprintPattern {
  /** Horizontal-cut attenuation toward the direction, dB (the smallest over a bin of directions). */
  readonly attHDb: number;
  /** Maximum attenuation Am, dB: the pattern's attenuation is min(A_H + A_V, Am). */
  readonly amDb: number;
  /** Vertical-cut attenuation toward a UE at distance d, dB (≥ 0). */
  readonly verticalAttDb: (dM: number) => number;
  /**
   * A distance beyond which A_V does not decrease (where the elevation angle passes the tilt:
   * (h_BS − h_UE) / tan(tilt)); null when there is none (up-tilt, antenna below the UE).
   */
  readonly vTurnM: number | null;
}

/**
 * The footprint of a receiver toward a direction, with the antenna's whole pattern: the distance
 * beyond which pRE + G_max − feeder − extra − min(A_H + A_V(d), Am) − PL(d) stays below the floor.
 *
 * Without the vertical cut (A_V ≥ 0) that is {@link footprintRadiusM} at G_max − A_H, the
 * starting bound. Beyond `vTurnM` both PL and A_V are non-decreasing in d, so the margin there
 * only falls and the crossing is found by bisection; when even `vTurnM` misses the floor, no
 * farther distance can reach it. Nearer than `vTurnM` nothing is ruled out.
 */
export function patternFootprintM(model: PathLossModel, s: FootprintSector, rx: FootprintReceiver, p: FootprintPattern, floorDbm: number, capM = 30000): number {
  const attH = Math.min(p.attHDb, p.amDb);
  const plain = footprintRadiusM(model, { ...s, maxGainDbi: s.maxGainDbi - attH, feederLossDb: s.feederLossDb + rx.extraLossDb }, rx.rxHeightM, floorDbm, capM);
  const turn = p.vTurnM;
  if (turn === null || !(turn >= 10 && turn < plain)) return plain;
  const budget0 = s.pReDbm + s.maxGainDbi - s.feederLossDb - rx.extraLossDb - floorDbm;
  // > 0: below the floor at d.
  const short = (d: number) => {
    const a = attH + p.verticalAttDb(d);
    return model.pathLossDb(s.freqMHz, d, s.heightM, rx.rxHeightM) - (budget0 - (a > p.amDb ? p.amDb : a)) > 0;
  };
  if (short(turn)) return turn;
  if (!short(plain)) return plain;
  let lo = turn, hi = plain;
  while (hi - lo > 1) {
    const mid = 0.5 * (lo + hi);
    if (short(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
