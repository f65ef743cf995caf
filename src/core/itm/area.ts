/**
 * Longley-Rice ITM, area mode (NTIA/itm v1.4 `ITM_AREA_TLS_Ex`): no profile; the terrain is
 * described by its irregularity Δh and the care taken in siting each antenna, from which
 * effective heights and horizons are estimated (Hufford, Algorithm §3 eqs. 3.1–3.4).
 */
import { ItmError, ITM_SUCCESS } from './codes.ts';
import { effectiveCurvature, itmRadio, surfaceRefractivity, validateItmInputs, type ItmParams } from './params.ts';
import { ItmPath } from './path.ts';
import { itmFailure, itmFreeSpaceLossDb, itmPathResult, type ItmResult } from './p2p.ts';
import { referenceAttenuation } from './reference.ts';
import { prepareVariability, variabilityDb } from './variability.ts';

/** Siting criteria of area mode. */
export const ItmSiting = { RANDOM: 0, CAREFUL: 1, VERY_CAREFUL: 2 } as const;

/**
 * Effective height of an antenna sited with the given care (eq. 3.2): random siting keeps the
 * structural height; careful (B = 4) and very careful (B = 9) add (1 + B)·exp(−min(20, 2h/Δh)),
 * B scaled by sin(π·h/10) below 5 m.
 */
export function sitedEffectiveHeightM(hM: number, siting: number, deltaHM: number): number {
  if (siting === ItmSiting.RANDOM) return hM;
  let b = siting === ItmSiting.CAREFUL ? 4 : 9;
  if (hM < 5) b *= Math.sin(0.1 * Math.PI * hM);
  return hM + (1 + b) * Math.exp(-Math.min(20, (2 * hM) / Math.max(1e-3, deltaHM)));
}

/**
 * Fills effective heights, horizon distances (eq. 3.3) and horizon angles (eq. 3.4) of both
 * terminals of an area-mode path.
 */
export function areaTerminals(path: ItmPath, txSiting: number, rxSiting: number): void {
  const deltaHM = path.deltaHM;
  const gammaE = path.gammaE;
  const heTx = sitedEffectiveHeightM(path.hTxM, txSiting, deltaHM);
  const heRx = sitedEffectiveHeightM(path.hRxM, rxSiting, deltaHM);
  const sTx = Math.sqrt((2 * heTx) / gammaE);
  const sRx = Math.sqrt((2 * heRx) / gammaE);
  const dTx = sTx * Math.exp(-0.07 * Math.sqrt(deltaHM / Math.max(heTx, 5)));
  const dRx = sRx * Math.exp(-0.07 * Math.sqrt(deltaHM / Math.max(heRx, 5)));
  path.heTxM = heTx;
  path.heRxM = heRx;
  path.dHznTxM = dTx;
  path.dHznRxM = dRx;
  path.thetaHznTx = (0.65 * deltaHM * (sTx / dTx - 1) - 2 * heTx) / sTx;
  path.thetaHznRx = (0.65 * deltaHM * (sRx / dRx - 1) - 2 * heRx) / sRx;
}

const isSiting = (s: number) => s === 0 || s === 1 || s === 2;

/**
 * ITM area-mode basic transmission loss (NTIA's `ITM_AREA_TLS`).
 *
 * @param hTxM Transmitter antenna height above ground, m.
 * @param hRxM Receiver antenna height above ground, m.
 * @param txSiting Transmitter siting criteria, {@link ItmSiting}.
 * @param rxSiting Receiver siting criteria, {@link ItmSiting}.
 * @param dKm Path distance, km (> 0).
 * @param deltaHM Terrain irregularity Δh, m (≥ 0; e.g. 0 water, 30 plains, 90 hills).
 * @param p Radio, climate and statistics inputs.
 * @returns as {@link itmP2p}: an input NTIA rejects gives its error code and `lossDb` NaN.
 */
export function itmArea(hTxM: number, hRxM: number, txSiting: number, rxSiting: number, dKm: number, deltaHM: number, p: ItmParams): ItmResult {
  const check = validateItmInputs(hTxM, hRxM, p);
  if (check.code !== ITM_SUCCESS) return itmFailure(check.code, check.warnings, dKm);
  if (!(dKm > 0) || dKm === Infinity) return itmFailure(ItmError.PATH_DISTANCE, check.warnings, dKm);
  if (!(deltaHM >= 0) || deltaHM === Infinity) return itmFailure(ItmError.DELTA_H, check.warnings, dKm);
  if (!isSiting(txSiting)) return itmFailure(ItmError.TX_SITING, check.warnings, dKm);
  if (!isSiting(rxSiting)) return itmFailure(ItmError.RX_SITING, check.warnings, dKm);
  const path = new ItmPath();
  path.hTxM = hTxM;
  path.hRxM = hRxM;
  path.deltaHM = deltaHM;
  path.warnings = check.warnings;
  path.nS = surfaceRefractivity(p.n0, 0);
  path.gammaE = effectiveCurvature(path.nS);
  areaTerminals(path, txSiting, rxSiting);
  const dM = dKm * 1000;
  path.dM = dM;
  const radio = itmRadio(p);
  const code = referenceAttenuation(path, radio, false);
  if (code !== ITM_SUCCESS) return itmFailure(code, path.warnings, dKm);
  const variability = prepareVariability(p);
  path.warnings |= variability.warnings;
  const aFsDb = itmFreeSpaceLossDb(dM, p.freqMHz);
  const lossDb = aFsDb + variabilityDb(variability, path.aRefDb, dM, path.heTxM, path.heRxM, deltaHM);
  return itmPathResult(path, lossDb, aFsDb);
}
