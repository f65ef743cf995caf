/**
 * Coverage probability under log-normal shadowing (spec §5, Jakes): a cell whose median
 * received level is μ, with shadowing of standard deviation σ (dB), receives at least T with
 * probability
 *
 *   P(μ ≥ T) = Q((T − μ) / σ),  Q(x) = ½ erfc(x / √2)                 location probability
 *   area reliability = mean of P over the cells of an area                (the "95 % area coverage")
 *
 * erfc by the Chebyshev fit of Numerical Recipes (3rd ed., §6.2.2, `erfccheb`'s companion
 * `erfc` via the exponential fit, fractional error below 1.2e-7 everywhere).
 */

import { fitCubic } from '../coverage/tables.ts';

/** erfc(x), fractional error < 1.2e-7. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  // Chebyshev coefficients of erfc(z)·exp(z²)·(2 + z)/2 on t ∈ (0, 1] (Numerical Recipes §6.2.2).
  let d = 0, dd = 0;
  for (let j = COF.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + COF[j];
    dd = tmp;
  }
  const r = t * Math.exp(-z * z + 0.5 * (COF[0] + ty * d) - dd);
  return x >= 0 ? r : 2 - r;
}

const COF = [
  -1.3026537197817094, 0.6419697923564902, 1.9476473204185836e-2, -0.00956151478680863, -9.46595344482036e-4,
  3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8,
  -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12,
  -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
];

/** Q(x) = P(N(0, 1) > x). */
export function complementaryNormal(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

/**
 * Probability that a level of median `medianDbm` with shadowing σ reaches `thresholdDbm`, 0…1
 * (0 where there is no service: NaN median).
 */
export function locationProbability(medianDbm: number, thresholdDbm: number, sigmaDb: number): number {
  if (!(medianDbm === medianDbm)) return 0;
  return complementaryNormal((thresholdDbm - medianDbm) / sigmaDb);
}

/** Q(x) as cubic pieces on [−Q_TABLE_X, Q_TABLE_X], Q_TABLE_STEPS per unit (the coverage kernel's per-cell form). */
const Q_TABLE_X = 8.5;
const Q_TABLE_STEPS = 128;
const Q_TABLE = ((): Float64Array => {
  const n = 2 * Q_TABLE_X * Q_TABLE_STEPS;
  const h = 1 / Q_TABLE_STEPS;
  const c = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    const x0 = -Q_TABLE_X + i * h;
    // The kernel tables' cubic through t = 0, 1/3, 2/3, 1 of the interval (coverage/tables.ts).
    fitCubic(complementaryNormal(x0), complementaryNormal(x0 + h / 3), complementaryNormal(x0 + (2 * h) / 3), complementaryNormal(x0 + h), c, 4 * i);
  }
  return c;
})();

/**
 * Q(x) from a table of cubic pieces (step 1/128; the interpolation error bound is
 * max|Q⁗|·h⁴·0.0123/24 ≈ 3e-12), exact {@link complementaryNormal} beyond |x| = 8.5 where
 * Q < 1e-17. For the per-cell coverage probability of the kernel (the erfc's 28-term series per
 * cell was a fifth of a tile's finishing time); tests bound |table − exact| below 1e-11.
 */
export function complementaryNormalFast(x: number): number {
  const u = (x + Q_TABLE_X) * Q_TABLE_STEPS;
  if (!(u >= 0 && u < 2 * Q_TABLE_X * Q_TABLE_STEPS)) return complementaryNormal(x);
  const j = u | 0;
  const t = u - j;
  const o = j << 2;
  return ((Q_TABLE[o + 3] * t + Q_TABLE[o + 2]) * t + Q_TABLE[o + 1]) * t + Q_TABLE[o];
}
