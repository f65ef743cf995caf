/**
 * What ITM's point-to-point mode reads from a terrain profile (Hufford, "The ITS Irregular
 * Terrain Model, version 1.2.2: The Algorithm", §3 and the `hzns`, `zlsq1`, `dlthx`, `qlrpfl`
 * steps; NTIA/itm v1.4 `FindHorizons`, `LinearLeastSquaresFit`, `ComputeDeltaH`, `QuickPfl`):
 * the horizons of both terminals, the terrain irregularity Δh and the effective antenna heights.
 *
 * A profile here is `heights[0 … np]`: np + 1 terrain heights (m) at a constant spacing (m),
 * index 0 under the transmitter. Functions read only indices ≤ np, so a point-to-area radial
 * passes its whole height array with a growing np instead of copying prefixes.
 */
import type { ItmPath } from './path.ts';
import { terrainIrregularityM } from './terrain-irregularity.ts';

/** Positive difference: a − b when a > b, else 0 (C's fdim for the values ITM uses). */
export function positiveDifference(a: number, b: number): number {
  return a > b ? a - b : 0;
}

/**
 * Mean terrain elevation of the path, ignoring the first and last 10 % of the points, m
 * (the elevation at which ITM evaluates the surface refractivity).
 */
export function meanPathElevationM(heights: ArrayLike<number>, np: number): number {
  const p10 = Math.trunc(0.1 * np);
  let sum = 0;
  for (let i = p10; i <= np - p10; i++) sum += heights[i];
  return sum / (np - 2 * p10 + 1);
}

/**
 * Horizon of each terminal over a curved earth of radius `aEM` (TN101 §6): the profile point
 * seen at the highest elevation angle, θ = (h − z)/x − x/(2·ae). When no intermediate point
 * rises above the direct ray, the horizon is the other terminal (line of sight) at distance d.
 * Ties keep the point nearest the transmitter, as NTIA's scan does. Writes `thetaHzn*`, `dHzn*`.
 */
export function findHorizons(heights: ArrayLike<number>, np: number, spacingM: number, aEM: number, path: ItmPath): void {
  const dM = np * spacingM;
  const zTx = heights[0] + path.hTxM;
  const zRx = heights[np] + path.hRxM;
  const twoAe = 2 * aEM;
  let thTx = (zRx - zTx) / dM - dM / twoAe;
  let thRx = -(zRx - zTx) / dM - dM / twoAe;
  let dTx = dM;
  let dRx = dM;
  // Distances as i·spacing (NTIA accumulates them; the difference is in the last bits) so that
  // the incremental point-to-area sweep computes the very same angles.
  for (let i = 1; i < np; i++) {
    const xTx = i * spacingM;
    const xRx = (np - i) * spacingM;
    const h = heights[i];
    const aTx = (h - zTx) / xTx - xTx / twoAe;
    const aRx = -(zRx - h) / xRx - xRx / twoAe;
    if (aTx > thTx) {
      thTx = aTx;
      dTx = xTx;
    }
    if (aRx > thRx) {
      thRx = aRx;
      dRx = xRx;
    }
  }
  path.thetaHznTx = thTx;
  path.thetaHznRx = thRx;
  path.dHznTxM = dTx;
  path.dHznRxM = dRx;
}

/**
 * Least-squares straight line through the profile points between `dStartM` and `dEndM`
 * (indices rounded inward; at least one interval), with the end points weighted ½ as in
 * Hufford's `zlsq1`. Writes into `out` the line's height at index 0 (`out[0]`) and at index np
 * (`out[1]`), m.
 */
export function fitTerrainLine(heights: ArrayLike<number>, np: number, spacingM: number, dStartM: number, dEndM: number, out: Float64Array): void {
  let iStart = Math.trunc(positiveDifference(dStartM / spacingM, 0));
  let iEnd = np - Math.trunc(positiveDifference(np, dEndM / spacingM));
  if (iEnd <= iStart) {
    iStart = Math.trunc(positiveDifference(iStart, 1));
    iEnd = np - Math.trunc(positiveDifference(np, iEnd + 1));
  }
  const span = iEnd - iStart;
  // Abscissae are centred on the middle of the fitted span: u = i − (iStart + iEnd)/2.
  let u = -0.5 * span;
  const centre = iEnd + u;
  let sum = 0.5 * (heights[iStart] + heights[iEnd]);
  let moment = 0.5 * (heights[iStart] - heights[iEnd]) * u;
  let i = iStart;
  for (let k = 2; k <= span; k++) {
    i++;
    u++;
    sum += heights[i];
    moment += heights[i] * u;
  }
  const mean = sum / span;
  const slope = (moment * 12) / ((span * span + 2) * span);
  out[0] = mean - slope * centre;
  out[1] = mean + slope * (np - centre);
}

/** Smooth-earth horizon distance of an antenna at effective height heM, reduced for terrain Δh (Algorithm eq. 3.3). */
export function roughHorizonDistanceM(heM: number, aEM: number, deltaHM: number): number {
  return Math.sqrt(2 * heM * aEM) * Math.exp(-0.07 * Math.sqrt(deltaHM / Math.max(heM, 5)));
}

const lineFit = new Float64Array(2);

/**
 * From the horizons already in `path` (see {@link findHorizons}) and the profile: Δh, the
 * effective antenna heights, and — for paths well inside line of sight (horizons together
 * longer than 1.5·d) — horizon distances and angles re-derived from the effective heights as
 * area mode does (Hufford `qlrpfl`). The terrain line is fitted from 15 antenna heights (or
 * 1/10 of the horizon distance, whichever is less) away from each terminal.
 */
export function effectiveTerminals(heights: ArrayLike<number>, np: number, spacingM: number, aEM: number, path: ItmPath): void {
  const dM = path.dM;
  const dStartM = Math.min(15 * path.hTxM, 0.1 * path.dHznTxM);
  const dEndM = dM - Math.min(15 * path.hRxM, 0.1 * path.dHznRxM);
  const deltaHM = terrainIrregularityM(heights, np, spacingM, dStartM, dEndM);
  path.deltaHM = deltaHM;
  if (path.dHznTxM + path.dHznRxM > 1.5 * dM) {
    fitTerrainLine(heights, np, spacingM, dStartM, dEndM, lineFit);
    lineOfSightTerminals(path, positiveDifference(heights[0], lineFit[0]), positiveDifference(heights[np], lineFit[1]), aEM);
  } else {
    fitTerrainLine(heights, np, spacingM, dStartM, 0.9 * path.dHznTxM, lineFit);
    path.heTxM = path.hTxM + positiveDifference(heights[0], lineFit[0]);
    fitTerrainLine(heights, np, spacingM, dM - 0.9 * path.dHznRxM, dEndM, lineFit);
    path.heRxM = path.hRxM + positiveDifference(heights[np], lineFit[1]);
  }
}

/**
 * Line-of-sight branch of the profile analysis: effective heights = structural heights plus the
 * ground's rise above the fitted line (`riseTxM`, `riseRxM`), horizon distances from eq. 3.3;
 * when those horizons do not reach across the path, both effective heights are scaled by
 * (d / (dL1 + dL2))² so that they do; horizon angles from eq. 3.4.
 */
export function lineOfSightTerminals(path: ItmPath, riseTxM: number, riseRxM: number, aEM: number): void {
  const dM = path.dM;
  const deltaHM = path.deltaHM;
  let heTx = path.hTxM + riseTxM;
  let heRx = path.hRxM + riseRxM;
  let dTx = roughHorizonDistanceM(heTx, aEM, deltaHM);
  let dRx = roughHorizonDistanceM(heRx, aEM, deltaHM);
  const sum = dTx + dRx;
  if (sum <= dM) {
    const ratio = dM / sum;
    const q = ratio * ratio;
    heTx *= q;
    heRx *= q;
    dTx = roughHorizonDistanceM(heTx, aEM, deltaHM);
    dRx = roughHorizonDistanceM(heRx, aEM, deltaHM);
  }
  const sTx = Math.sqrt(2 * heTx * aEM);
  const sRx = Math.sqrt(2 * heRx * aEM);
  path.heTxM = heTx;
  path.heRxM = heRx;
  path.dHznTxM = dTx;
  path.dHznRxM = dRx;
  path.thetaHznTx = (0.65 * deltaHM * (sTx / dTx - 1) - 2 * heTx) / sTx;
  path.thetaHznRx = (0.65 * deltaHM * (sRx / dRx - 1) - 2 * heRx) / sRx;
}
