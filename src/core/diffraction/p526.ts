/**
 * ITU-R P.526 single knife-edge diffraction (spec §6).
 *
 * Followed version: P.526-15 (10/2019), Annex 1 §4.1. The latest edition, P.526-16 (11/2025),
 * keeps the same §4.1 / §4.5 structure (its table of contents); the knife-edge approximation
 * below is unchanged since P.526-7.
 *
 * Units: heights and distances in metres, frequency in MHz, losses in dB. `log` is log10.
 */
import { InputError, requireFinite, requirePositive } from '../validity.ts';

/** Speed of light in vacuum, m/s (exact SI value). */
const C_M_PER_S = 299_792_458;

/**
 * Knife-edge diffraction loss J(ν), dB — P.526-15 §4.1 eq. (31):
 * `J(ν) = 6.9 + 20 log(sqrt((ν − 0.1)² + 1) + ν − 0.1)` for ν > −0.78, and 0 otherwise
 * (the approximation is stated for ν > −0.78; below that the path clears enough of the first
 * Fresnel zone for the loss to be taken as zero, as P.452 / P.1812 / P.2108 do).
 *
 * Non-decreasing in ν (the bracket is increasing; the step at −0.78 is from 0 up to 0.004 dB).
 * J(0) = 6.03 dB (grazing edge), J(+∞) = +∞, J(−∞) = 0. Allocation-free; safe in hot loops.
 *
 * @param nu Fresnel–Kirchhoff diffraction parameter ν, dimensionless (see {@link fresnelNu}).
 * @returns J(ν), dB (≥ 0).
 * @throws InputError if ν is NaN.
 * @example knifeEdgeLossDb(0) // ≈ 6.03
 */
export function knifeEdgeLossDb(nu: number): number {
  if (nu !== nu) throw new InputError('nu', 'nu must be a number, got NaN');
  if (nu <= -0.78) return 0;
  const x = nu - 0.1;
  return 6.9 + 20 * Math.log10(Math.sqrt(x * x + 1) + x);
}

/**
 * Fresnel–Kirchhoff diffraction parameter ν of one edge — P.526-15 §4.1:
 * `ν = h · sqrt( (2/λ) · (1/d1 + 1/d2) )`, λ = c / f.
 *
 * @param hM Height of the edge above the straight line joining the two ends, m. Negative when
 *   the line passes above the edge (clearance); ν is then negative.
 * @param d1M Distance from one end to the edge, m (> 0).
 * @param d2M Distance from the edge to the other end, m (> 0).
 * @param freqMHz Carrier frequency, MHz (> 0).
 * @returns ν, dimensionless.
 * @throws InputError for non-finite inputs, or non-positive distances / frequency.
 * @example fresnelNu(10, 1000, 1000, 300) // λ ≈ 0.9993 m → ν ≈ 0.6327
 */
export function fresnelNu(hM: number, d1M: number, d2M: number, freqMHz: number): number {
  requireFinite('hM', hM);
  requirePositive('d1M', d1M);
  requirePositive('d2M', d2M);
  requirePositive('freqMHz', freqMHz);
  const lambdaM = C_M_PER_S / (freqMHz * 1e6);
  return hM * Math.sqrt((2 / lambdaM) * (1 / d1M + 1 / d2M));
}
