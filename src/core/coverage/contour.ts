/**
 * The outline of the area where a sector's RSRP reaches a level, from its loss terms
 * (terms.ts: the same RSRP as the engine's, antenna pattern and clutter class included), as a
 * polar contour around the site: for each direction, the farthest distance at which RSRP is
 * still at or above the level. Used to preview a template's footprint under the cursor before
 * it is placed (flat earth, one clutter class: a preview, not the coverage).
 */
import type { EngineSector } from './scene.ts';
import type { SectorLossTerms } from './terms.ts';

/** Distances sampled outward per direction (log-spaced), before the crossing is refined. */
const SAMPLES = 48;
const MIN_DISTANCE_M = 10;

/** RSRP of a sector at |φ| degrees off boresight and horizontal distance d, in a clutter class, dBm per RE. */
export function rsrpAtDbm(s: EngineSector, t: SectorLossTerms, absPhiDeg: number, dM: number, cls: number): number {
  return s.pReDbm + s.maxGainDbi - t.antennaAttDb(absPhiDeg, dM) - s.feederLossDb - t.pathLossDb(dM, cls) - t.clutterLossDb(cls);
}

/**
 * The farthest distance (m, within [10 m, capM]) in the direction |φ| off boresight at which
 * RSRP ≥ levelDbm, or 0 when it is below the level even at 10 m. The vertical pattern makes
 * RSRP not monotonic near the site, so the distances are scanned outward and the last crossing
 * is refined by bisection to 1 m.
 */
export function reachM(s: EngineSector, t: SectorLossTerms, absPhiDeg: number, levelDbm: number, cls: number, capM: number): number {
  const ratio = Math.pow(capM / MIN_DISTANCE_M, 1 / (SAMPLES - 1));
  let last = 0;
  let d = MIN_DISTANCE_M;
  for (let k = 0; k < SAMPLES; k++, d *= ratio) if (rsrpAtDbm(s, t, absPhiDeg, Math.min(d, capM), cls) >= levelDbm) last = k;
  if (last === 0 && rsrpAtDbm(s, t, absPhiDeg, MIN_DISTANCE_M, cls) < levelDbm) return 0;
  if (last === SAMPLES - 1) return capM;
  let lo = MIN_DISTANCE_M * Math.pow(ratio, last);
  let hi = Math.min(capM, lo * ratio);
  while (hi - lo > 1) {
    const mid = 0.5 * (lo + hi);
    if (rsrpAtDbm(s, t, absPhiDeg, mid, cls) >= levelDbm) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The contour of RSRP ≥ levelDbm around the sector, as a closed ring of UTM points (x east,
 * y north, m): one point every `stepDeg` degrees of azimuth, at the reach in that direction.
 */
export function sectorContourM(s: EngineSector, t: SectorLossTerms, levelDbm: number, cls: number, stepDeg = 5, capM = s.rangeM): [number, number][] {
  const ring: [number, number][] = [];
  for (let a = 0; a < 360; a += stepDeg) {
    let phi = ((a - s.azimuthDeg + 540) % 360) - 180;
    phi = Math.abs(phi);
    const r = reachM(s, t, phi, levelDbm, cls, capM);
    const rad = (a * Math.PI) / 180;
    ring.push([s.xM + r * Math.sin(rad), s.yM + r * Math.cos(rad)]);
  }
  ring.push(ring[0]);
  return ring;
}
