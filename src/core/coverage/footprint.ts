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
