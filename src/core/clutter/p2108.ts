/**
 * ITU-R P.2108-1 (09/2021) "Prediction of clutter loss", Annex 1 (spec §3):
 * - §3.1 terminal clutter height-gain correction Ah (0.03–3 GHz), by the clutter classes of
 *   Table 3;
 * - §3.2 statistical clutter loss for terrestrial paths Lctt (0.5–67 GHz, d ≥ 0.25 km), for a
 *   location percentage p.
 *
 * Spec vs standard: spec §3 gives 2–67 GHz for §3.2, which is the range of P.2108-0 (06/2017);
 * P.2108-1 extended it down to 0.5 GHz (NTIA's reference code accepts 0.5 GHz and its test data
 * include a 0.5 GHz row). The standard wins: the validity range here is 0.5–67 GHz.
 *
 * Units: frequency GHz, heights / widths m, distance km, losses dB. `log` is log10.
 */
import { InputError, rangeWarning, requireFinite, requirePositive, type ValidityRange } from '../validity.ts';
import { knifeEdgeLossDb } from '../diffraction/p526.ts';

/** Clutter classes of P.2108-1 Table 3 (urban and trees/forest share one row there). */
export type ClutterType = 'water-sea' | 'open-rural' | 'suburban' | 'urban' | 'trees-forest' | 'dense-urban';

export const CLUTTER_TYPES: readonly ClutterType[] = ['water-sea', 'open-rural', 'suburban', 'urban', 'trees-forest', 'dense-urban'];

/**
 * Default representative clutter height R (P.2108-1 Table 3) and street width ws (§3.1: 27 m
 * unless local information is available) for each clutter class. Table 3 has one row
 * "Urban/trees/forest" (R = 15 m), so `urban` and `trees-forest` share it.
 */
export const CLUTTER_DEFAULTS: Readonly<Record<ClutterType, { clutterHeightM: number; streetWidthM: number }>> = {
  'water-sea': { clutterHeightM: 10, streetWidthM: 27 },
  'open-rural': { clutterHeightM: 10, streetWidthM: 27 },
  suburban: { clutterHeightM: 10, streetWidthM: 27 },
  urban: { clutterHeightM: 15, streetWidthM: 27 },
  'trees-forest': { clutterHeightM: 15, streetWidthM: 27 },
  'dense-urban': { clutterHeightM: 20, streetWidthM: 27 },
};

/** §3.1 validity (P.2108-1 §3.1: 0.03 to 3 GHz). */
export const HEIGHT_GAIN_VALIDITY: readonly ValidityRange[] = [{ field: 'freqGHz', min: 0.03, max: 3, unit: 'GHz' }];
/** §3.2 validity: 0.5–67 GHz (P.2108-1; spec says 2–67, see file header), d ≥ 0.25 km. */
export const TERRESTRIAL_FREQ_VALIDITY: ValidityRange = { field: 'freqGHz', min: 0.5, max: 67, unit: 'GHz' };
export const TERRESTRIAL_MIN_DISTANCE_KM = 0.25;

const RAD_TO_DEG = 180 / Math.PI;

export interface HeightGainInput {
  /** Frequency, GHz. */
  readonly freqGHz: number;
  /** Terminal antenna height above ground, m (> 0). */
  readonly hM: number;
  readonly clutterType: ClutterType;
  /** Representative clutter height R, m (> 0); default from {@link CLUTTER_DEFAULTS}. */
  readonly clutterHeightM?: number;
  /** Street width ws, m (> 0); default 27 m. */
  readonly streetWidthM?: number;
}

/**
 * P.2108-1 §3.1 terminal clutter height-gain correction Ah, dB: to be added to a basic
 * transmission loss computed to/from the representative clutter height R.
 *
 * - h ≥ R: Ah = 0.
 * - water/sea, open/rural — eq. (2b): `Ah = −Kh2 · log(h/R)`, `Kh2 = 21.8 + 6.2 log f` (2f).
 * - suburban, urban, trees/forest, dense urban — eq. (2a): `Ah = J(ν) − 6.03`, with
 *   `ν = Kν · sqrt(hdif · θclut)` (2c), `hdif = R − h` (2d), `θclut = atan(hdif/ws)` in degrees
 *   (2e), `Kν = 0.342 · sqrt(f)` (2g), J(ν) the P.526 knife-edge loss.
 *
 * h, R and ws must be > 0 (eq. 2b is undefined at h = 0; NTIA's reference code rejects all three
 * at 0): InputError. A frequency outside 0.03–3 GHz is evaluated and warned about.
 */
export function heightGainCorrection(input: HeightGainInput): { lossDb: number; warnings: string[] } {
  const { freqGHz, hM, clutterType } = input;
  const defaults = CLUTTER_DEFAULTS[clutterType];
  if (!defaults || !Object.prototype.hasOwnProperty.call(CLUTTER_DEFAULTS, clutterType)) {
    throw new InputError('clutterType', `clutterType must be one of ${CLUTTER_TYPES.join(', ')}, got ${String(clutterType)}`);
  }
  const clutterHeightM = input.clutterHeightM ?? defaults.clutterHeightM;
  const streetWidthM = input.streetWidthM ?? defaults.streetWidthM;
  requirePositive('freqGHz', freqGHz);
  requirePositive('hM', hM);
  requirePositive('clutterHeightM', clutterHeightM);
  requirePositive('streetWidthM', streetWidthM);
  const warnings: string[] = [];
  for (const r of HEIGHT_GAIN_VALIDITY) {
    const w = rangeWarning(r, freqGHz);
    if (w) warnings.push(w);
  }
  return { lossDb: heightGainCorrectionDb(freqGHz, hM, clutterHeightM, streetWidthM, clutterType), warnings };
}

/**
 * Same value as `heightGainCorrection(...).lossDb`, unchecked and allocation-free (hot loops).
 * @param freqGHz Frequency, GHz.
 * @param hM Terminal height above ground, m.
 * @param clutterHeightM Representative clutter height R, m.
 * @param streetWidthM Street width ws, m.
 * @param clutterType Selects eq. (2b) (water/sea, open/rural) or eq. (2a) (the others).
 * @returns Ah, dB.
 */
export function heightGainCorrectionDb(freqGHz: number, hM: number, clutterHeightM: number, streetWidthM: number, clutterType: ClutterType): number {
  if (hM >= clutterHeightM) return 0;
  if (clutterType === 'water-sea' || clutterType === 'open-rural') {
    const kH2 = 21.8 + 6.2 * Math.log10(freqGHz); // (2f)
    return -kH2 * Math.log10(hM / clutterHeightM); // (2b)
  }
  const hDifM = clutterHeightM - hM; // (2d)
  const thetaClutDeg = Math.atan(hDifM / streetWidthM) * RAD_TO_DEG; // (2e)
  const kNu = 0.342 * Math.sqrt(freqGHz); // (2g)
  const nu = kNu * Math.sqrt(hDifM * thetaClutDeg); // (2c)
  return knifeEdgeLossDb(nu) - 6.03; // (2a)
}

export interface TerrestrialClutterInput {
  /** Frequency, GHz. */
  readonly freqGHz: number;
  /** Path length, km. */
  readonly dKm: number;
  /** Percentage of locations for which the loss is not exceeded, % (0 < p < 100). */
  readonly pPct: number;
}

/**
 * P.2108-1 §3.2 statistical clutter loss for terrestrial paths, Lctt, dB, not exceeded for p %
 * of locations (urban / suburban clutter, terminals well below the clutter height). The
 * correction applies to one end; P.2108 asks for d ≥ 1 km before applying it at both ends.
 *
 * - Ll = −2 log(10^(−5 log f − 12.5) + 10^(−16.5)) (4a), σl = 4 dB (4b)
 * - Ls = 32.98 + 23.9 log d + 3 log f (5a), σs = 6 dB (5b)
 * - σcb = sqrt((σl²·10^(−0.2 Ll) + σs²·10^(−0.2 Ls)) / (10^(−0.2 Ll) + 10^(−0.2 Ls))) (3b)
 * - Lctt = −5 log(10^(−0.2 Ll) + 10^(−0.2 Ls)) − σcb · Q⁻¹(p/100) (3a)
 * - The loss must not exceed the value of (3) at d = 2 km: Lctt = min(Lctt(d), Lctt(2 km)).
 *
 * Q⁻¹ is the inverse complementary normal CDF, {@link inverseComplementaryNormal}.
 * Out-of-range frequency or d < 0.25 km: evaluated and warned. pPct outside (0, 100) has no
 * finite result (Q⁻¹(0) = +∞): InputError. A result below 0 dB (a tiny pPct: the log-normal
 * tail gives a gain, e.g. −126 dB at pPct = 1e-320) is returned with a warning.
 */
export function terrestrialClutterLoss(input: TerrestrialClutterInput): { lossDb: number; warnings: string[] } {
  const { freqGHz, dKm, pPct } = input;
  requirePositive('freqGHz', freqGHz);
  requirePositive('dKm', dKm);
  requirePercentOpen('pPct', pPct);
  const warnings: string[] = [];
  const w = rangeWarning(TERRESTRIAL_FREQ_VALIDITY, freqGHz);
  if (w) warnings.push(w);
  if (dKm < TERRESTRIAL_MIN_DISTANCE_KM) {
    warnings.push(`dKm=${dKm} outside validity range ≥ ${TERRESTRIAL_MIN_DISTANCE_KM} km`);
  }
  const lossDb = terrestrialClutterLossDb(freqGHz, dKm, pPct);
  if (lossDb < 0) {
    // Far in the lower tail (p = 1e-320 % gives −126 dB) the log-normal of eq. (3a) turns the
    // loss into a gain; a clutter loss cannot be negative, so the value is not a prediction.
    warnings.push(`pPct=${pPct}: Lctt=${Number(lossDb.toPrecision(6))} dB is a gain, not a loss; the log-normal tail of P.2108 §3.2 (3a) does not describe such a small location percentage`);
  }
  return { lossDb, warnings };
}

/**
 * Same value as `terrestrialClutterLoss(...).lossDb`, unchecked and allocation-free.
 * @param freqGHz Frequency, GHz. @param dKm Path length, km. @param pPct Location percentage, %.
 */
export function terrestrialClutterLossDb(freqGHz: number, dKm: number, pPct: number): number {
  const qInv = inverseComplementaryNormal(pPct / 100);
  const lDb = lcttDb(freqGHz, dKm, qInv);
  const l2kmDb = lcttDb(freqGHz, 2, qInv);
  return lDb < l2kmDb ? lDb : l2kmDb;
}

const SIGMA_L_DB = 4; // (4b)
const SIGMA_S_DB = 6; // (5b)
const TEN_POW_MINUS_16_5 = Math.pow(10, -16.5);

/** Eq. (3a) with (3b), (4), (5) for one distance; qInv = Q⁻¹(p/100). */
function lcttDb(freqGHz: number, dKm: number, qInv: number): number {
  const logF = Math.log10(freqGHz);
  const lLDb = -2 * Math.log10(Math.pow(10, -5 * logF - 12.5) + TEN_POW_MINUS_16_5); // (4a)
  const lSDb = 32.98 + 23.9 * Math.log10(dKm) + 3 * logF; // (5a)
  const wL = Math.pow(10, -0.2 * lLDb);
  const wS = Math.pow(10, -0.2 * lSDb);
  const sigmaCbDb = Math.sqrt((SIGMA_L_DB * SIGMA_L_DB * wL + SIGMA_S_DB * SIGMA_S_DB * wS) / (wL + wS)); // (3b)
  return -5 * Math.log10(wL + wS) - sigmaCbDb * qInv; // (3a)
}

/**
 * Inverse complementary standard-normal CDF Q⁻¹(q), 0 < q < 1: the x with P(X > x) = q.
 * Rational approximation of ITU-R P.1057-7 Annex 1 §3 (Acklam's; relative error < 1.2e-9),
 * the one crc-covlib uses for P.2108 / P.2109. Q⁻¹(0.5) = 0, Q⁻¹(0.1) ≈ 1.2816.
 * Allocation-free; returns ±Infinity at q = 0 / 1 and NaN outside [0, 1].
 */
export function inverseComplementaryNormal(q: number): number {
  if (!(q >= 0 && q <= 1)) return NaN;
  if (q === 0) return Infinity;
  if (q === 1) return -Infinity;
  // Lower-tail quantile Φ⁻¹(p) with p = 1 − q, computed on the smaller tail for accuracy.
  const pLow = q > 0.5 ? 1 - q : q; // tail probability ≤ 0.5
  let z: number; // Φ⁻¹(pLow) ≤ 0
  if (pLow < P_BREAK) {
    const t = Math.sqrt(-2 * Math.log(pLow));
    z = (((((C0 * t + C1) * t + C2) * t + C3) * t + C4) * t + C5) / ((((D0 * t + D1) * t + D2) * t + D3) * t + 1);
  } else {
    const u = pLow - 0.5;
    const r = u * u;
    z = ((((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * u) / (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1);
  }
  // z = Φ⁻¹(pLow) = −Q⁻¹(pLow). Q⁻¹(q) = −z when q ≤ 0.5, +z when q > 0.5 (pLow = 1 − q).
  return q > 0.5 ? z : -z;
}

// P.1057-7 Annex 1 §3 coefficients (Acklam), highest power first.
const A0 = -39.69683028665376;
const A1 = 220.9460984245205;
const A2 = -275.9285104469687;
const A3 = 138.357751867269;
const A4 = -30.66479806614716;
const A5 = 2.506628277459239;
const B0 = -54.47609879822406;
const B1 = 161.5858368580409;
const B2 = -155.6989798598866;
const B3 = 66.80131188771972;
const B4 = -13.28068155288572;
const C0 = -0.007784894002430293;
const C1 = -0.3223964580411365;
const C2 = -2.400758277161838;
const C3 = -2.549732539343734;
const C4 = 4.374664141464968;
const C5 = 2.938163982698783;
const D0 = 0.007784695709041462;
const D1 = 0.3224671290700398;
const D2 = 2.445134137142996;
const D3 = 3.754408661907416;
const P_BREAK = 0.02425;

/** Rejects a percentage outside the open interval (0, 100), where Q⁻¹ has no finite value. */
export function requirePercentOpen(field: string, value: number): void {
  requireFinite(field, value);
  if (!(value > 0 && value < 100)) {
    throw new InputError(field, `${field} must be strictly between 0 and 100 %, got ${value}`);
  }
}
