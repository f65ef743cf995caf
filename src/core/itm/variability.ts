/**
 * ITM's variability (Hufford, Algorithm §5 "avar", eqs. 5.1–5.12; TN101 ch. 10 and v2
 * eqs. III.69–70; NTIA/itm v1.4 `Variability`): the loss not exceeded for the given time,
 * location and situation percentages, from the reference attenuation, per radio climate and
 * mode of variability (mdvar).
 *
 * The deviates z_T, z_L, z_S depend only on the percentages and mdvar, so
 * {@link prepareVariability} computes them once per parameter set.
 */
import { ItmWarning } from './codes.ts';
import type { ItmParams } from './params.ts';
import { terrainRoughnessM } from './diffraction.ts';

/**
 * Inverse of the complementary standard normal distribution, Q⁻¹(q) for 0 < q < 1
 * (Abramowitz & Stegun 26.2.23, |error| < 4.5e-4 — the approximation ITM uses).
 */
export function inverseComplementaryNormal(q: number): number {
  const x = q > 0.5 ? 1 - q : q;
  const t = Math.sqrt(-2 * Math.log(x));
  const zeta = ((0.010328 * t + 0.802853) * t + 2.515516) / (((0.001308 * t + 0.189269) * t + 1.432788) * t + 1);
  const z = t - zeta;
  return q > 0.5 ? -z : z;
}

// Climate tables (index climate − 1), TN101 Fig. 10.13 curve fits as ITM tabulates them.
// Median all-year offset V_med: c1, c2, x1, x2, x3 (m).
const V_C1 = [-9.67, -0.62, 1.26, -9.21, -0.62, -0.39, 3.15];
const V_C2 = [12.7, 9.19, 15.5, 9.05, 9.19, 2.86, 857.9];
const V_X1 = [144.9e3, 228.9e3, 262.6e3, 84.1e3, 228.9e3, 141.7e3, 2222e3];
const V_X2 = [190.3e3, 205.2e3, 185.2e3, 101.1e3, 205.2e3, 315.9e3, 164.8e3];
const V_X3 = [133.8e3, 143.6e3, 99.8e3, 98.6e3, 143.6e3, 167.4e3, 116.3e3];
// σ_T− (below the median).
const SM_C1 = [2.13, 2.66, 6.11, 1.98, 2.68, 6.86, 8.51];
const SM_C2 = [159.5, 7.67, 6.65, 13.11, 7.16, 10.38, 169.8];
const SM_X1 = [762.2e3, 100.4e3, 138.2e3, 139.1e3, 93.7e3, 187.8e3, 609.8e3];
const SM_X2 = [123.6e3, 172.5e3, 242.2e3, 132.7e3, 186.8e3, 169.6e3, 119.9e3];
const SM_X3 = [94.5e3, 136.4e3, 178.6e3, 193.5e3, 133.5e3, 108.9e3, 106.6e3];
// σ_T+ (above the median).
const SP_C1 = [2.11, 6.87, 10.08, 3.68, 4.75, 8.58, 8.43];
const SP_C2 = [102.3, 15.53, 9.6, 159.3, 8.12, 13.97, 8.19];
const SP_X1 = [636.9e3, 138.7e3, 165.3e3, 464.4e3, 93.2e3, 216.0e3, 136.2e3];
const SP_X2 = [134.8e3, 143.7e3, 225.7e3, 93.1e3, 135.9e3, 152.0e3, 188.5e3];
const SP_X3 = [95.6e3, 98.6e3, 129.7e3, 94.2e3, 113.4e3, 122.7e3, 122.9e3];
// Ducting tail (Algorithm Table 5.1): C_D and z_D.
const C_D = [1.224, 0.801, 1.38, 1.0, 1.224, 1.518, 1.518];
const Z_D = [1.282, 2.161, 1.282, 20.0, 1.282, 1.282, 1.282];
// Frequency factors g−(f), g+(f).
const GM_1 = [1.0, 1.0, 1.0, 1.0, 0.92, 1.0, 1.0];
const GM_2 = [0.0, 0.0, 0.0, 0.0, 0.25, 0.0, 0.0];
const GM_3 = [0.0, 0.0, 0.0, 0.0, 1.77, 0.0, 0.0];
const GP_1 = [1.0, 0.93, 1.0, 0.93, 0.93, 1.0, 1.0];
const GP_2 = [0.0, 0.31, 0.0, 0.19, 0.31, 0.0, 0.0];
const GP_3 = [0.0, 2.0, 0.0, 1.79, 2.0, 0.0, 0.0];

/** Curve of TN101 v2 eqs. III.69–70: (c1 + c2/(1 + ((de − x2)/x3)²))·(de/x1)²/(1 + (de/x1)²). */
function climateCurve(c1: number, c2: number, x1: number, x2: number, x3: number, deM: number): number {
  const u = (deM - x2) / x3;
  const v = deM / x1;
  const v2 = v * v;
  return ((c1 + c2 / (1 + u * u)) * v2) / (1 + v2);
}

/** The per-parameter-set part of the variability step. */
export interface VariabilitySetup {
  readonly climateIndex: number;
  readonly waveNumber: number;
  /** Deviates after mdvar's substitutions (single message: all z_S; accidental: z_L = z_S; mobile: z_L = z_T). */
  readonly zT: number;
  readonly zL: number;
  readonly zS: number;
  /** mdvar units digit (0 single message, 1 accidental, 2 mobile, 3 broadcast). */
  readonly mode: number;
  readonly noLocation: boolean;
  readonly noSituation: boolean;
  /** Frequency factors g−, g+ of the time variability. */
  readonly gMinus: number;
  readonly gPlus: number;
  /** (575.7e12 / k)^(1/3), m: the frequency part of the effective distance (eq. 5.3). */
  readonly dexFreqM: number;
  /** EXTREME_VARIABILITIES when a deviate exceeds 3.1 in magnitude, else 0. */
  readonly warnings: number;
}

/** Deviates, mdvar flags and frequency factors for one validated parameter set. */
export function prepareVariability(p: ItmParams): VariabilitySetup {
  const ci = p.climate - 1;
  const waveNumber = p.freqMHz / 47.7;
  let zT = inverseComplementaryNormal(p.timePct / 100);
  let zL = inverseComplementaryNormal(p.locationPct / 100);
  const zS = inverseComplementaryNormal(p.situationPct / 100);
  let mode = p.mdvar;
  const noSituation = mode >= 20;
  if (noSituation) mode -= 20;
  const noLocation = mode >= 10;
  if (noLocation) mode -= 10;
  if (mode === 0) {
    zT = zS;
    zL = zS;
  } else if (mode === 1) {
    zL = zS;
  } else if (mode === 2) {
    zL = zT;
  }
  const warnings = Math.abs(zT) > 3.1 || Math.abs(zL) > 3.1 || Math.abs(zS) > 3.1 ? ItmWarning.EXTREME_VARIABILITIES : 0;
  const q = Math.log(0.133 * waveNumber);
  const gm = GM_3[ci] * q;
  const gp = GP_3[ci] * q;
  return {
    climateIndex: ci,
    waveNumber,
    zT,
    zL,
    zS,
    mode,
    noLocation,
    noSituation,
    gMinus: GM_1[ci] + GM_2[ci] / (gm * gm + 1),
    gPlus: GP_1[ci] + GP_2[ci] / (gp * gp + 1),
    dexFreqM: Math.cbrt(575.7e12 / waveNumber),
    warnings,
  };
}

/** Effective earth radius of the variability model's distance scale, m. */
const A_9000_M = 9000e3;

/**
 * The variability step: loss relative to free space at the requested percentages, dB
 * (A_ref − V_med − Y_R − Y_S, softened below 0 dB by eq. 5.12's A·(29 − A)/(29 − 10·A)).
 */
export function variabilityDb(v: VariabilitySetup, aRefDb: number, dM: number, heTxM: number, heRxM: number, deltaHM: number): number {
  const ci = v.climateIndex;
  // Effective distance (eq. 5.3).
  const dexM = Math.sqrt(2 * A_9000_M * heTxM) + Math.sqrt(2 * A_9000_M * heRxM) + v.dexFreqM;
  const deM = dM < dexM ? (130e3 * dM) / dexM : 130e3 + dM - dexM;
  const sigmaS = v.noSituation ? 0 : 5 + 3 * Math.exp(-deM / 100e3);
  const vMedDb = climateCurve(V_C1[ci], V_C2[ci], V_X1[ci], V_X2[ci], V_X3[ci], deM);
  const zT = v.zT;
  const zL = v.zL;
  const zS = v.zS;
  let sigmaL = 0;
  if (!v.noLocation) {
    const wd = v.waveNumber * terrainRoughnessM(dM, deltaHM);
    sigmaL = (10 * wd) / (wd + 13);
  }
  const yL = sigmaL * zL;
  const sigmaTMinus = climateCurve(SM_C1[ci], SM_C2[ci], SM_X1[ci], SM_X2[ci], SM_X3[ci], deM) * v.gMinus;
  const sigmaTPlus = climateCurve(SP_C1[ci], SP_C2[ci], SP_X1[ci], SP_X2[ci], SP_X3[ci], deM) * v.gPlus;
  const sigmaTD = C_D[ci] * sigmaTPlus;
  const zD = Z_D[ci];
  let sigmaT: number;
  if (zT < 0) sigmaT = sigmaTMinus;
  else if (zT <= zD) sigmaT = sigmaTPlus;
  else sigmaT = sigmaTD + ((sigmaTPlus - sigmaTD) * zD) / zT;
  const yT = sigmaT * zT;
  const zS2 = zS * zS;
  const ySBase = sigmaS * sigmaS + (yT * yT) / (7.8 + zS2) + (yL * yL) / (24 + zS2);
  let yR: number;
  let yS: number;
  if (v.mode === 0) {
    yR = 0;
    yS = Math.sqrt(sigmaT * sigmaT + sigmaL * sigmaL + ySBase) * zS;
  } else if (v.mode === 1) {
    yR = yT;
    yS = Math.sqrt(sigmaL * sigmaL + ySBase) * zS;
  } else if (v.mode === 2) {
    yR = Math.sqrt(sigmaT * sigmaT + sigmaL * sigmaL) * zT;
    yS = Math.sqrt(ySBase) * zS;
  } else {
    yR = yT + yL;
    yS = Math.sqrt(ySBase) * zS;
  }
  const a = aRefDb - vMedDb - yR - yS;
  return a < 0 ? (a * (29 - a)) / (29 - 10 * a) : a;
}
