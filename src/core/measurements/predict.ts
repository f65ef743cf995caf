/**
 * The coverage engine's prediction at measurement points, fast enough for a million of them:
 * a sector's RSRP at an exact point (not a cell centre) and the predicted best server there.
 *
 * The value is the engine's sum of the terms of src/core/coverage/terms.ts, as readout.ts
 * `pointReadout` and reference.ts add them (tested equal to `pointReadout` within 1e-9 dB):
 *
 *   RSRP = pRE + G_max − A(φ, d) − L_feeder − PL(d, class) − L_clutter(class)      dBm per RE
 *
 * with each sector's terms built once (`sectorLossTerms` per call costs ~12 µs with the model's
 * validity checks; cached, ~0.5 µs). Where the scene computes with terrain (a DEM and terrain-aware
 * prediction on), PL is the terrain's (terrain-loss.ts `sectorPathLossDb`, as the readout and the
 * reference take it): a profile per point, far slower. A point counts for a sector as in the engine: within its
 * footprint radius and at or above the floor. The class is the point's cell's (the association's),
 * none without a clutter map.
 */
import { absOffBoresightDeg, NO_CLASS, sectorLossTerms, type SectorLossTerms, type TermOptions } from '../coverage/terms.ts';
import type { Scene } from '../coverage/scene.ts';
import { sectorPathLossDb, terrainSpecOf } from '../coverage/terrain-loss.ts';
import { ALL_CLASSES } from './associate.ts';

export interface ScenePredictor {
  /**
   * The engine's RSRP of a sector at a point, dBm, without the footprint or floor test.
   * @param cls - clutter class of the point's cell ({@link NO_CLASS} or {@link ALL_CLASSES}: none)
   */
  rsrpDbm(sectorIndex: number, xM: number, yM: number, cls: number): number;
  /** The carrier's sector the engine would count best at the point (within its footprint, ≥ the floor), or −1. */
  bestServer(xM: number, yM: number, cls: number): number;
}

/** Side of the buckets of the best-server search, m. */
const BUCKET_M = 5000;

/**
 * The predictor of one carrier of a scene.
 * @param carrier - index in `scene.carriers` (the best-server search looks at its sectors only)
 * @param options - the terms' options (default the scene's; pass `{ ...scene.options, calibration: null }` for the uncalibrated model)
 */
export function scenePredictor(scene: Scene, carrier: number, options: TermOptions = scene.options): ScenePredictor {
  const terms: (SectorLossTerms | undefined)[] = new Array(scene.sectors.length);
  const termsOf = (k: number) => (terms[k] ??= sectorLossTerms(scene.sectors[k], scene.ueHeightM, options));
  // Sectors whose path loss is the terrain's (a DEM and terrain-aware prediction on): as the readout, terrain-loss.ts.
  const terrain: (boolean | undefined)[] = new Array(scene.sectors.length);
  const terrainOf = (k: number) => (terrain[k] ??= terrainSpecOf(scene, scene.sectors[k]) !== null);
  const rsrpDbm = (k: number, xM: number, yM: number, cls: number): number => {
    const s = scene.sectors[k];
    const t = termsOf(k);
    const c = cls === ALL_CLASSES || cls < 0 ? NO_CLASS : cls;
    const dx = xM - s.xM, dy = yM - s.yM;
    const d = Math.hypot(dx, dy);
    const gain = s.maxGainDbi - t.antennaAttDb(absOffBoresightDeg(s.azimuthDeg, dx, dy), d);
    const pl = terrainOf(k) ? sectorPathLossDb(scene, s, t, xM, yM, d, c) : t.pathLossDb(d, c);
    return s.pReDbm + gain - s.feederLossDb - pl - t.clutterLossDb(c);
  };
  // Sectors of the carrier, listed in every bucket their footprint's box touches.
  const buckets = new Map<number, number[]>();
  const key = (bx: number, by: number) => bx * 1_000_003 + by;
  for (const s of scene.sectors) {
    if (s.carrier !== carrier) continue;
    const bx0 = Math.floor((s.xM - s.rangeM) / BUCKET_M), bx1 = Math.floor((s.xM + s.rangeM) / BUCKET_M);
    const by0 = Math.floor((s.yM - s.rangeM) / BUCKET_M), by1 = Math.floor((s.yM + s.rangeM) / BUCKET_M);
    for (let bx = bx0; bx <= bx1; bx++) {
      for (let by = by0; by <= by1; by++) {
        const list = buckets.get(key(bx, by));
        if (list) list.push(s.index);
        else buckets.set(key(bx, by), [s.index]);
      }
    }
  }
  const floor = scene.options.floorDbm;
  return {
    rsrpDbm,
    bestServer: (xM, yM, cls) => {
      const list = buckets.get(key(Math.floor(xM / BUCKET_M), Math.floor(yM / BUCKET_M)));
      if (!list) return -1;
      let best = -1, bestV = -Infinity;
      for (const k of list) {
        const s = scene.sectors[k];
        if (Math.hypot(xM - s.xM, yM - s.yM) > s.rangeM) continue;
        const v = rsrpDbm(k, xM, yM, cls);
        // Ties keep the earlier sector (as the engine and the readout do).
        if (v >= floor && (v > bestV || (v === bestV && k < best))) {
          bestV = v;
          best = k;
        }
      }
      return best;
    },
  };
}
