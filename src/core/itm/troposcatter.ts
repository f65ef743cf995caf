/**
 * ITM's forward-scatter attenuation (Hufford, Algorithm §4.4 "ascat", eqs. 4.52–4.67 and §6
 * constants; TN101 ch. 9; NTIA/itm v1.4 `TroposcatterLoss`, `FFunction`, `H0Function`).
 */

/**
 * Attenuation function F(θ·d) of TN101 (Algorithm eq. 6.9): a + b·x + c·log10(x) with one of
 * three coefficient sets for x ≤ 10 km, ≤ 70 km, beyond. `thetaDM` = θ·d in metres. dB.
 */
export function scatterAttenuationDb(thetaDM: number): number {
  if (thetaDM <= 10e3) return 133.4 + 0.332e-3 * thetaDM - 10 * Math.log10(thetaDM);
  if (thetaDM <= 70e3) return 104.6 + 0.212e-3 * thetaDM - 2.5 * Math.log10(thetaDM);
  return 71.8 + 0.157e-3 * thetaDM + 5 * Math.log10(thetaDM);
}

const H0_A = [25, 80, 177, 395, 705];
const H0_B = [24, 45, 68, 80, 105];

/** One curve H01(r, j) of the frequency-gain function (Algorithm eq. 6.13), j = 0…4 for ηs = 1…5. dB. */
function h0CurveDb(j: number, r: number): number {
  const inv2 = 1 / (r * r);
  return 10 * Math.log10(1 + H0_A[j] * inv2 * inv2 + H0_B[j] * inv2);
}

/** Frequency-gain function H0(r, ηs) (TN101 §9.2), ηs clamped to 1…5 and interpolated between curves. dB. */
export function frequencyGainDb(r: number, etaS: number): number {
  const eta = Math.min(Math.max(etaS, 1), 5);
  const i = Math.trunc(eta);
  const frac = eta - i;
  const base = h0CurveDb(i - 1, r);
  return frac === 0 ? base : (1 - frac) * base + frac * h0CurveDb(i, r);
}

/** Troposcatter loss that ITM treats as "not defined" (both r1, r2 < 0.2). */
export const SCATTER_UNDEFINED_DB = 1001;

const SQRT2 = Math.SQRT2;
/** Scale heights of the scattering-efficiency factor, m (Algorithm eq. 4.67). */
const Z0_M = 1.7556e3;
const Z1_M = 8.0e3;
/** Reference distance of the refractivity correction, m (Algorithm eq. 6.8). */
const D0_M = 40e3;
/** Scale height H of eq. 4.63, m. */
const H_M = 47.7;

/** Inputs of the scatter loss that do not change with the distance. */
export interface ScatterGeometry {
  readonly thetaHznTx: number;
  readonly thetaHznRx: number;
  readonly dHznTxM: number;
  readonly dHznRxM: number;
  readonly heTxM: number;
  readonly heRxM: number;
  readonly aEM: number;
  readonly nS: number;
  readonly waveNumber: number;
  readonly thetaLos: number;
}

/**
 * Troposcatter attenuation at distance dM, dB (Algorithm eq. 4.63), or
 * {@link SCATTER_UNDEFINED_DB} when both r1 and r2 are below 0.2.
 *
 * `h0Db` carries H0 between the two calls ITM makes (d6 first, then d5): pass a negative value
 * for the first call and the returned `h0` for the second — when H0 at d5 would exceed 15 dB,
 * the d6 value is used instead (Algorithm p. 12). The value of H0 used is written to `state.h0Db`.
 */
export function troposcatterLossDb(dM: number, g: ScatterGeometry, state: { h0Db: number }): number {
  let h0Db: number;
  if (state.h0Db > 15) {
    h0Db = state.h0Db;
  } else {
    let asym = g.dHznTxM - g.dHznRxM;
    let ratio = g.heRxM / g.heTxM;
    if (asym < 0) {
      asym = -asym;
      ratio = 1 / ratio;
    }
    const theta = g.thetaHznTx + g.thetaHznRx + dM / g.aEM;
    const r1 = 2 * g.waveNumber * theta * g.heTxM;
    const r2 = 2 * g.waveNumber * theta * g.heRxM;
    if (r1 < 0.2 && r2 < 0.2) return SCATTER_UNDEFINED_DB;
    let s = (dM - asym) / (dM + asym);
    // s and q are truncated to 0.1…10 (Algorithm p. 16; TN101 eq. 9.5).
    const q = Math.min(Math.max(0.1, ratio / s), 10);
    s = Math.max(0.1, s);
    // Height of the crossover of the horizon rays (eq. 4.66) and scattering efficiency ηs (TN101 eq. 9.3a).
    const hCrossM = ((dM - asym) * (dM + asym) * theta * 0.25) / dM;
    const z = Math.min(1.7, hCrossM / Z1_M);
    const z2 = z * z;
    const etaS = (hCrossM / Z0_M) * (1 + (0.031 - g.nS * 2.32e-3 + g.nS * g.nS * 5.67e-6) * Math.exp(-(z2 * z2 * z2)));
    const h00 = (frequencyGainDb(r1, etaS) + frequencyGainDb(r2, etaS)) / 2;
    const dH0 = Math.min(h00, 6 * (0.6 - Math.log10(Math.max(etaS, 1))) * Math.log10(s) * Math.log10(q));
    h0Db = Math.max(h00 + dH0, 0);
    if (etaS < 1) {
      // Interpolate towards the ηs = 0 limit.
      const a = (1 + SQRT2 / r1) * (1 + SQRT2 / r2);
      h0Db = etaS * h0Db + (1 - etaS) * 10 * Math.log10(((a * a) * (r1 + r2)) / (r1 + r2 + 2 * SQRT2));
    }
    if (h0Db > 15 && state.h0Db >= 0) h0Db = state.h0Db;
  }
  state.h0Db = h0Db;
  const th = dM / g.aEM - g.thetaLos;
  const th2 = th * th;
  return scatterAttenuationDb(th * dM) + 10 * Math.log10(g.waveNumber * H_M * th2 * th2) - 0.1 * (g.nS - 301) * Math.exp(-(th * dM) / D0_M) + h0Db;
}
