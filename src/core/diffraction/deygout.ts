/**
 * Deygout's three-edge diffraction loss over a terrain profile, in the form ITU-R P.452-14
 * §4.2.1 (and P.1812-1 §4.5) give it, on the knife edge J(ν) of P.526-15 §4.1 (spec §6):
 *
 * 1. Main edge: the intermediate point with the highest
 *    ν_i = [h_i + b(d_i, d − d_i) − (h_ts·(d − d_i) + h_rs·d_i)/d] · √(2d / (λ·d_i·(d − d_i))),
 *    b(a, c) = a·c / (2·ae) the earth bulge, ae = k·6371 km. L_m = J(ν_m); when ν_m ≤ −0.78 the
 *    path is clear: 0 dB.
 * 2. Transmitter-side edge: the same between the transmitter (h_ts) and the main edge's
 *    terrain (h_m), over the points before it; L_t = J(ν_t). Receiver side likewise: L_r.
 * 3. L = L_m + (1 − exp(−L_m/6))·(L_t + L_r + 10 + 0.04·d_km).
 *
 * Heights in metres above a common datum, distances in metres, frequency in MHz, loss in dB.
 */
import { knifeEdgeLossDb } from './p526.ts';

const EARTH_RADIUS_M = 6_371_000;
const C_M_PER_S = 299_792_458;

/**
 * Highest ν over points first … last of the profile for a sub-path from (d0, z0) to (d1, z1)
 * (terminal heights above the datum), or −Infinity without points. Writes its index to `at[0]`.
 */
function maxNu(d: ArrayLike<number>, h: ArrayLike<number>, first: number, last: number, d0: number, z0: number, d1: number, z1: number, lambdaM: number, twoAe: number, at: Int32Array): number {
  const span = d1 - d0;
  let best = -Infinity;
  at[0] = -1;
  for (let i = first; i <= last; i++) {
    const a = d[i] - d0;
    const c = d1 - d[i];
    const height = h[i] + (a * c) / twoAe - (z0 * c + z1 * a) / span;
    const nu = height * Math.sqrt((2 * span) / (lambdaM * a * c));
    if (nu > best) {
      best = nu;
      at[0] = i;
    }
  }
  return best;
}

const index = new Int32Array(1);

/**
 * Deygout diffraction loss of the first `count` profile points, allocation-free.
 *
 * @param distancesM Distance of each point from the transmitter, m (increasing).
 * @param heightsM Terrain (plus clutter) height of each point, m.
 * @param count Number of points used (≥ 2; with 2 there is no obstacle: 0 dB).
 * @param hTxM Transmitter height above the ground at point 0, m.
 * @param hRxM Receiver height above the ground at point count−1, m.
 * @param freqMHz Frequency, MHz.
 * @param k Effective-earth factor (4/3 standard atmosphere).
 * @returns Diffraction loss, dB (≥ 0).
 * @example deygoutDiffractionDb([0, 4000, 10000], [0, 40, 0], 3, 20, 10, 900, 4 / 3) // one edge
 */
export function deygoutDiffractionDb(distancesM: ArrayLike<number>, heightsM: ArrayLike<number>, count: number, hTxM: number, hRxM: number, freqMHz: number, k: number): number {
  const n = count;
  if (n < 3) return 0;
  const lambdaM = C_M_PER_S / (freqMHz * 1e6);
  const twoAe = 2 * k * EARTH_RADIUS_M;
  const d0 = distancesM[0];
  const dEnd = distancesM[n - 1];
  const zTx = heightsM[0] + hTxM;
  const zRx = heightsM[n - 1] + hRxM;
  const nuM = maxNu(distancesM, heightsM, 1, n - 2, d0, zTx, dEnd, zRx, lambdaM, twoAe, index);
  const lossM = knifeEdgeLossDb(nuM);
  if (lossM === 0) return 0;
  const m = index[0];
  const dM = distancesM[m];
  const hM = heightsM[m];
  const nuT = m >= 2 ? maxNu(distancesM, heightsM, 1, m - 1, d0, zTx, dM, hM, lambdaM, twoAe, index) : -Infinity;
  const nuR = m <= n - 3 ? maxNu(distancesM, heightsM, m + 1, n - 2, dM, hM, dEnd, zRx, lambdaM, twoAe, index) : -Infinity;
  const lossT = knifeEdgeLossDb(nuT);
  const lossR = knifeEdgeLossDb(nuR);
  return lossM + (1 - Math.exp(-lossM / 6)) * (lossT + lossR + 10 + 0.04 * ((dEnd - d0) / 1000));
}
