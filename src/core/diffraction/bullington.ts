/**
 * Bullington diffraction loss over a terrain profile — ITU-R P.526-15 (10/2019) Annex 1 §4.5.1
 * "Bullington model" (spec §6). P.526-16 (11/2025) keeps §4.5.1 at the same place.
 *
 * The whole profile is replaced by one equivalent knife edge (the "Bullington point"), on an
 * effective Earth of radius `k · 6371 km` (k = 4/3 by default, spec §1):
 *
 * - Earth bulge added to each intermediate point i (1 … n−2): `di·(d − di) / (2·ae)`
 *   (P.526 writes it `500·Ce·di·(d − di)` with Ce = 1/ae in km⁻¹ and distances in km).
 * - `Stim = max_i (hi + bulge_i − hts) / di`, `Str = (hrs − hts) / d`.
 * - Case 1, line of sight (Stim < Str): `νmax = max_i [hi + bulge_i − (hts·(d − di) + hrs·di)/d] ·
 *   sqrt(2d / (λ·di·(d − di)))`, `Luc = J(νmax)`. νmax is negative when every point lies below
 *   the line; J(ν) > 0 still for −0.78 < ν < 0 (sub-path obstruction of the first Fresnel zone)
 *   and J = 0 for ν ≤ −0.78.
 * - Case 2, trans-horizon (Stim ≥ Str): `Srim = max_i (hi + bulge_i − hrs) / (d − di)`,
 *   `dbp = (hrs − hts + Srim·d) / (Stim + Srim)`,
 *   `νb = [hts + Stim·dbp − (hts·(d − dbp) + hrs·dbp)/d] · sqrt(2d / (λ·dbp·(d − dbp)))`,
 *   `Luc = J(νb)`.
 * - Finally `Lb = Luc + (1 − exp(−Luc/6)) · (10 + 0.02·dKm)`, dKm the path length in km.
 *
 * J(ν) is the knife-edge approximation of P.526 §4.1 eq. (31) ({@link knifeEdgeLossDb}).
 * Because of the final term, a profile with one edge gives Lb > J(ν) of that edge whenever
 * J(ν) > 0; `lucDb` in the result is the equivalent-knife-edge loss J(ν) itself.
 *
 * This is §4.5.1 only; the spherical-Earth "complete method" of §4.5.2 (delta-Bullington) is
 * not applied. Heights in metres, distances in metres, frequency in MHz, loss in dB.
 */
import { InputError, requireFinite, requireNonNegative, requirePositive } from '../validity.ts';
import { knifeEdgeLossDb } from './p526.ts';

/** Mean Earth radius used by the spec (§1), m. */
const EARTH_RADIUS_M = 6_371_000;
/** Speed of light in vacuum, m/s. */
const C_M_PER_S = 299_792_458;
/** Default effective-Earth factor (spec §1). */
export const DEFAULT_K_FACTOR = 4 / 3;

export interface BullingtonInput {
  /** Distance of each profile point from the transmitter end, m; strictly increasing. */
  readonly distancesM: ArrayLike<number>;
  /** Terrain height of each profile point above sea level (or any common datum), m. */
  readonly heightsM: ArrayLike<number>;
  /** Transmitter antenna height above the ground at the first profile point, m. */
  readonly hTxM: number;
  /** Receiver antenna height above the ground at the last profile point, m. */
  readonly hRxM: number;
  /** Carrier frequency, MHz. */
  readonly freqMHz: number;
  /** Effective-Earth-radius factor k (radius k·6371 km); default 4/3. */
  readonly k?: number;
}

export interface BullingtonResult {
  /** Bullington diffraction loss Lb of P.526 §4.5.1, dB (≥ 0). */
  readonly lossDb: number;
  /** Knife-edge loss of the Bullington point, Luc = J(ν), dB. */
  readonly lucDb: number;
  /** ν used for Luc (νmax in the line-of-sight case, νb in the trans-horizon case). */
  readonly nu: number;
  /** True when the trans-horizon case (Stim ≥ Str) applied. */
  readonly transHorizon: boolean;
  readonly warnings: string[];
}

/**
 * Bullington diffraction loss of a terrain profile, P.526-15 §4.5.1, with input checks.
 *
 * @returns `lossDb` (Lb), the equivalent knife-edge loss `lucDb`, its `nu`, the case, warnings.
 * @throws InputError if the arrays differ in length, have fewer than 2 points, hold non-finite
 *   values or non-increasing distances, or if heights / frequency / k are invalid.
 * @example
 * // 10 km flat sea path, 30 m masts, 900 MHz: clear line of sight → 0 dB
 * bullingtonLossDb({ distancesM: [0, 5000, 10000], heightsM: [0, 0, 0], hTxM: 30, hRxM: 30, freqMHz: 900 })
 */
export function bullingtonLossDb(input: BullingtonInput): BullingtonResult {
  const { distancesM, heightsM, hTxM, hRxM, freqMHz } = input;
  const k = input.k ?? DEFAULT_K_FACTOR;
  requireNonNegative('hTxM', hTxM);
  requireNonNegative('hRxM', hRxM);
  requirePositive('freqMHz', freqMHz);
  requirePositive('k', k);
  const n = distancesM.length;
  if (heightsM.length !== n) {
    throw new InputError('heightsM', `heightsM has ${heightsM.length} points but distancesM has ${n}`);
  }
  if (n < 2) throw new InputError('distancesM', `distancesM needs at least 2 profile points, got ${n}`);
  for (let i = 0; i < n; i++) {
    requireFinite('distancesM', distancesM[i]);
    requireFinite('heightsM', heightsM[i]);
    if (i > 0 && !(distancesM[i] > distancesM[i - 1])) {
      throw new InputError('distancesM', `distancesM must be strictly increasing (index ${i}: ${distancesM[i]} after ${distancesM[i - 1]})`);
    }
  }
  const warnings: string[] = [];
  if (n < 3) warnings.push('profile has no intermediate points: no obstacle, Bullington loss 0 dB');

  const nu = bullingtonNu(distancesM, heightsM, n, hTxM, hRxM, freqMHz, k);
  const lucDb = knifeEdgeLossDb(nu);
  const lossDb = bullingtonFromLucDb(lucDb, distancesM[n - 1] - distancesM[0]);
  let transHorizon = false;
  if (n >= 3) {
    const dM = distancesM[n - 1] - distancesM[0];
    const hTsM = heightsM[0] + hTxM;
    const sTr = (heightsM[n - 1] + hRxM - hTsM) / dM;
    transHorizon = !(maxSlopeFromTx(distancesM, heightsM, n, hTsM, 1 / (2 * k * EARTH_RADIUS_M)) < sTr);
  }
  return { lossDb, lucDb, nu, transHorizon, warnings };
}

/**
 * Same value as `bullingtonLossDb(...).lossDb`, without checks and without allocation, for hot
 * loops: reuse one pair of typed arrays and pass the number of valid points in `count`.
 *
 * @param distancesM Distances from the transmitter, m (first `count` entries used).
 * @param heightsM Terrain heights, m (first `count` entries used).
 * @param count Number of profile points (≥ 2).
 * @param hTxM Transmitter height above ground at point 0, m.
 * @param hRxM Receiver height above ground at point count−1, m.
 * @param freqMHz Frequency, MHz.
 * @param k Effective-Earth factor (4/3 for the spec's standard atmosphere).
 * @returns Lb, dB.
 */
export function bullingtonDiffractionDb(
  distancesM: ArrayLike<number>,
  heightsM: ArrayLike<number>,
  count: number,
  hTxM: number,
  hRxM: number,
  freqMHz: number,
  k: number,
): number {
  const lucDb = knifeEdgeLossDb(bullingtonNu(distancesM, heightsM, count, hTxM, hRxM, freqMHz, k));
  return bullingtonFromLucDb(lucDb, distancesM[count - 1] - distancesM[0]);
}

/** P.526 §4.5.1 final step: `Lb = Luc + (1 − exp(−Luc/6)) · (10 + 0.02·dKm)`. */
function bullingtonFromLucDb(lucDb: number, dM: number): number {
  return lucDb + (1 - Math.exp(-lucDb / 6)) * (10 + 0.02 * dM * 1e-3);
}

/**
 * ν of the Bullington point (νmax in the line-of-sight case, νb in the trans-horizon case),
 * unchecked and allocation-free. −Infinity when the profile has no intermediate point.
 * Arguments as for {@link bullingtonDiffractionDb}.
 */
export function bullingtonNu(
  distancesM: ArrayLike<number>,
  heightsM: ArrayLike<number>,
  count: number,
  hTxM: number,
  hRxM: number,
  freqMHz: number,
  k: number,
): number {
  const n = count;
  if (n < 3) return -Infinity;
  const d0M = distancesM[0];
  const dM = distancesM[n - 1] - d0M;
  const hTsM = heightsM[0] + hTxM;
  const hRsM = heightsM[n - 1] + hRxM;
  const invTwoAeM = 1 / (2 * k * EARTH_RADIUS_M);
  const lambdaM = C_M_PER_S / (freqMHz * 1e6);

  const sTim = maxSlopeFromTx(distancesM, heightsM, n, hTsM, invTwoAeM);
  const sTr = (hRsM - hTsM) / dM;

  if (sTim < sTr) {
    // Case 1, line of sight: the intermediate point with the highest ν.
    let nuMax = -Infinity;
    for (let i = 1; i < n - 1; i++) {
      const diM = distancesM[i] - d0M;
      const hiM = heightsM[i] + diM * (dM - diM) * invTwoAeM;
      const nu = (hiM - (hTsM * (dM - diM) + hRsM * diM) / dM) * Math.sqrt((2 * dM) / (lambdaM * diM * (dM - diM)));
      if (nu > nuMax) nuMax = nu;
    }
    return nuMax;
  }

  // Case 2, trans-horizon: the Bullington point is where the two horizon rays cross.
  let sRim = -Infinity;
  for (let i = 1; i < n - 1; i++) {
    const diM = distancesM[i] - d0M;
    const hiM = heightsM[i] + diM * (dM - diM) * invTwoAeM;
    const slope = (hiM - hRsM) / (dM - diM);
    if (slope > sRim) sRim = slope;
  }
  const denom = sTim + sRim;
  const dBpM = denom > 0 ? (hRsM - hTsM + sRim * dM) / denom : 0;
  // Stim + Srim = 0 (or dbp at an end, by rounding) only when the highest point grazes the
  // Tx–Rx line exactly: ν = 0 there.
  if (!(dBpM > 0 && dBpM < dM)) return 0;
  const hBpM = hTsM + sTim * dBpM - (hTsM * (dM - dBpM) + hRsM * dBpM) / dM;
  return hBpM * Math.sqrt((2 * dM) / (lambdaM * dBpM * (dM - dBpM)));
}

/** Stim of P.526 §4.5.1: the highest slope from the transmitter to an intermediate point, m/m. */
function maxSlopeFromTx(distancesM: ArrayLike<number>, heightsM: ArrayLike<number>, n: number, hTsM: number, invTwoAeM: number): number {
  const d0M = distancesM[0];
  const dM = distancesM[n - 1] - d0M;
  let sTim = -Infinity;
  for (let i = 1; i < n - 1; i++) {
    const diM = distancesM[i] - d0M;
    const slope = (heightsM[i] + diM * (dM - diM) * invTwoAeM - hTsM) / diM;
    if (slope > sTim) sTim = slope;
  }
  return sTim;
}
