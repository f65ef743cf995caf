/**
 * ITM's reference attenuation (Hufford, Algorithm §4 "lrprop"; ERL 79-ITS 67 §3; NTIA/itm v1.4
 * `LongleyRice`): the median loss relative to free space for the path geometry in an
 * {@link ItmPath}, and the propagation mode.
 *
 * - The diffraction line A = M_d·d + A_d0 is drawn through the diffraction loss at two
 *   distances d3, d4 well beyond the horizons.
 * - Inside the smooth-earth line-of-sight distance d_sML, the loss is A_o + k1·d + k2·ln d,
 *   fitted to the two-ray loss at d0, d1 and to the diffraction line at d_sML (eqs. 3.16–3.21).
 * - Beyond it, the diffraction line, until the troposcatter line (through the scatter loss at
 *   d_ML + 200 km and + 400 km) takes over at d_x.
 *
 * Negative results are clamped to 0 dB, as NTIA does.
 */
import { ItmError, ItmWarning, ITM_SUCCESS } from './codes.ts';
import { DiffractionTerms, diffractionLossDb, prepareDiffraction } from './diffraction.ts';
import { lineOfSightLossDb } from './line-of-sight.ts';
import type { ItmRadio } from './params.ts';
import { ItmMode, type ItmPath } from './path.ts';
import { troposcatterLossDb, type ScatterGeometry } from './troposcatter.ts';

const terms = new DiffractionTerms();
const h0State = { h0Db: -1 };

class ScatterInputs implements ScatterGeometry {
  thetaHznTx = 0;
  thetaHznRx = 0;
  dHznTxM = 0;
  dHznRxM = 0;
  heTxM = 0;
  heRxM = 0;
  aEM = 0;
  nS = 0;
  waveNumber = 0;
  thetaLos = 0;
}
const scatter = new ScatterInputs();

/**
 * Reference attenuation of `path` (geometry, Ns and γe filled in), written to `path.aRefDb`,
 * mode to `path.mode`, warnings OR-ed into `path.warnings`.
 *
 * @param pointToPoint true for a terrain profile, false for area mode (changes the weighting
 *   of the diffraction terms).
 * @returns ITM_SUCCESS, or an error code (surface refractivity out of 150–400, effective earth
 *   radius out of 4000–13333 km, ground impedance with Im ≥ Re) — then nothing is written.
 */
export function referenceAttenuation(path: ItmPath, radio: ItmRadio, pointToPoint: boolean): number {
  const aEM = 1 / path.gammaE;
  const dHznTx = path.dHznTxM;
  const dHznRx = path.dHznRxM;
  const dSmoothTx = Math.sqrt(2 * path.heTxM * aEM);
  const dSmoothRx = Math.sqrt(2 * path.heRxM * aEM);
  const dSmlM = dSmoothTx + dSmoothRx;
  const dMlM = dHznTx + dHznRx;
  const thetaLos = -Math.max(path.thetaHznTx + path.thetaHznRx, -dMlM / aEM);

  let warnings = path.warnings;
  if (Math.abs(path.thetaHznTx) > 200e-3) warnings |= ItmWarning.TX_HORIZON_ANGLE;
  if (Math.abs(path.thetaHznRx) > 200e-3) warnings |= ItmWarning.RX_HORIZON_ANGLE;
  if (dHznTx < 0.1 * dSmoothTx) warnings |= ItmWarning.TX_HORIZON_DISTANCE_1;
  if (dHznRx < 0.1 * dSmoothRx) warnings |= ItmWarning.RX_HORIZON_DISTANCE_1;
  if (dHznTx > 3 * dSmoothTx) warnings |= ItmWarning.TX_HORIZON_DISTANCE_2;
  if (dHznRx > 3 * dSmoothRx) warnings |= ItmWarning.RX_HORIZON_DISTANCE_2;

  const nS = path.nS;
  if (nS < 150) return ItmError.SURFACE_REFRACTIVITY_SMALL;
  if (nS > 400) return ItmError.SURFACE_REFRACTIVITY_LARGE;
  if (nS < 250) warnings |= ItmWarning.SURFACE_REFRACTIVITY;
  if (aEM < 4000000 || aEM > 13333333) return ItmError.EFFECTIVE_EARTH;
  if (radio.zgRe <= Math.abs(radio.zgIm)) return ItmError.GROUND_IMPEDANCE;

  // Diffraction line through two distances far into the diffraction region.
  prepareDiffraction(terms, path, radio, aEM, thetaLos, dSmlM, pointToPoint);
  const scaleM = Math.cbrt((aEM * aEM) / radio.freqMHz);
  const d3M = Math.max(dSmlM, dMlM + 5 * scaleM);
  const d4M = d3M + 10 * scaleM;
  const a3Db = diffractionLossDb(terms, radio, d3M);
  const a4Db = diffractionLossDb(terms, radio, d4M);
  const slopeD = (a4Db - a3Db) / (d4M - d3M);
  const interceptD = a3Db - slopeD * d3M;

  const dM = path.dM;
  if (dM < Math.abs(path.heTxM - path.heRxM) / 200e-3) warnings |= ItmWarning.PATH_DISTANCE_TOO_SMALL_1;
  if (dM < 1e3) warnings |= ItmWarning.PATH_DISTANCE_TOO_SMALL_2;
  if (dM > 1000e3) warnings |= ItmWarning.PATH_DISTANCE_TOO_BIG_1;
  if (dM > 2000e3) warnings |= ItmWarning.PATH_DISTANCE_TOO_BIG_2;

  let aRefDb: number;
  // The diffraction–scatter transition d_x is never nearer than d_ML + 1.088·(ae²/f)^⅓·ln f
  // (and is 10 000 km when scatter is undefined): short of that the path is in diffraction
  // whatever the scatter loss, which is then not computed (same result, less work).
  const dxFloorM = Math.max(dSmlM, dMlM + 1.088 * scaleM * radio.lnF);
  if (dM < dSmlM) {
    aRefDb = lineOfSightRegionDb(path, radio, dM, dSmlM, dMlM, slopeD, interceptD);
    path.mode = ItmMode.LINE_OF_SIGHT;
  } else if (dM <= dxFloorM && dM <= 10e6) {
    aRefDb = slopeD * dM + interceptD;
    path.mode = ItmMode.DIFFRACTION;
  } else {
    scatter.thetaHznTx = path.thetaHznTx;
    scatter.thetaHznRx = path.thetaHznRx;
    scatter.dHznTxM = dHznTx;
    scatter.dHznRxM = dHznRx;
    scatter.heTxM = path.heTxM;
    scatter.heRxM = path.heRxM;
    scatter.aEM = aEM;
    scatter.nS = nS;
    scatter.waveNumber = radio.waveNumber;
    scatter.thetaLos = thetaLos;
    const d5M = dMlM + 200e3;
    const d6M = dMlM + 400e3;
    h0State.h0Db = -1;
    const a6Db = troposcatterLossDb(d6M, scatter, h0State);
    const a5Db = troposcatterLossDb(d5M, scatter, h0State);
    let slopeS: number;
    let interceptS: number;
    let dxM: number;
    if (a5Db < 1000) {
      slopeS = (a6Db - a5Db) / 200e3;
      dxM = Math.max(Math.max(dSmlM, dMlM + 1.088 * scaleM * radio.lnF), (a5Db - interceptD - slopeS * d5M) / (slopeD - slopeS));
      interceptS = (slopeD - slopeS) * dxM + interceptD;
    } else {
      // Scatter undefined: the diffraction line continues.
      slopeS = slopeD;
      interceptS = interceptD;
      dxM = 10e6;
    }
    if (dM > dxM) {
      aRefDb = slopeS * dM + interceptS;
      path.mode = ItmMode.TROPOSCATTER;
    } else {
      aRefDb = slopeD * dM + interceptD;
      path.mode = ItmMode.DIFFRACTION;
    }
  }
  path.aRefDb = Math.max(aRefDb, 0);
  path.warnings = warnings;
  return ITM_SUCCESS;
}

/** Loss inside the smooth-earth line-of-sight distance: A_o + k1·d + k2·ln d (ERL 79-ITS 67 eqs. 3.16–3.21). */
function lineOfSightRegionDb(path: ItmPath, radio: ItmRadio, dM: number, dSmlM: number, dMlM: number, slopeD: number, interceptD: number): number {
  const heTx = path.heTxM;
  const heRx = path.heRxM;
  const deltaH = path.deltaHM;
  const aSmlDb = dSmlM * slopeD + interceptD;
  // d0 (eq. 3.16a, in metres) and d1 (eq. 3.16d).
  let d0M = 0.04 * radio.freqMHz * heTx * heRx;
  let d1M: number;
  if (interceptD >= 0) {
    d0M = Math.min(d0M, 0.5 * dMlM);
    d1M = d0M + 0.25 * (dMlM - d0M);
  } else {
    d1M = Math.max(-interceptD / slopeD, 0.25 * dMlM);
  }
  const a1Db = lineOfSightLossDb(d1M, heTx, heRx, radio, deltaH, slopeD, interceptD, dSmlM);
  let fitted = false;
  let k1 = 0;
  let k2 = 0;
  if (d0M < d1M) {
    const a0Db = lineOfSightLossDb(d0M, heTx, heRx, radio, deltaH, slopeD, interceptD, dSmlM);
    const q = Math.log(dSmlM / d0M);
    // eq. 3.20
    k2 = Math.max(0, ((dSmlM - d0M) * (a1Db - a0Db) - (d1M - d0M) * (aSmlDb - a0Db)) / ((dSmlM - d0M) * Math.log(d1M / d0M) - (d1M - d0M) * q));
    fitted = interceptD > 0 || k2 > 0;
    if (fitted) {
      // eq. 3.21
      k1 = (aSmlDb - a0Db - k2 * q) / (dSmlM - d0M);
      if (k1 < 0) {
        k1 = 0;
        k2 = (aSmlDb > a0Db ? aSmlDb - a0Db : 0) / q;
        if (k2 === 0) k1 = slopeD;
      }
    }
  }
  if (!fitted) {
    k1 = (aSmlDb > a1Db ? aSmlDb - a1Db : 0) / (dSmlM - d1M);
    k2 = 0;
    if (k1 === 0) k1 = slopeD;
  }
  const aOriginDb = aSmlDb - k1 * dSmlM - k2 * Math.log(dSmlM);
  // eq. 3.19
  return aOriginDb + k1 * dM + k2 * Math.log(dM);
}
