/**
 * 3GPP TR 38.901 (v17) Table 7.4.1-1, InH – Office path loss, dB (spec §2). fc in GHz, d3d in
 * m, `log` = log10:
 *
 *   LOS:  PL = 32.4 + 17.3 log d3d + 20 log fc                               (1 m ≤ d3d ≤ 150 m)
 *   NLOS: PL = max(PL_LOS, 38.3 log d3d + 17.30 + 24.9 log fc)               (1 m ≤ d3d ≤ 150 m)
 *
 * Applicability: 0.5–100 GHz, 1 m ≤ d3d ≤ 150 m (the range is on the slant distance; the
 * warning names `d3dM`). No height range. d3d below 1 m is evaluated at 1 m (fspl.ts,
 * MIN_LENGTH_M) and warned: finite at d2d = 0. 38.901 gives no InH "expected" mode here (its
 * LOS probability, Table 7.4.2-1 InH, is not part of spec §2).
 */
import type { ValidityRange } from '../validity.ts';
import type { PathLossInput, PathLossModel, PathLossResult } from './types.ts';
import { TR38901_FREQ_RANGE, requireTr38901Input, slantDistanceM, tr38901Issues } from './tr38901-common.ts';
import { resultOf } from './fspl.ts';

/** InH-Office validity (38.901 Table 7.4.1-1). */
export const INH_VALIDITY: readonly ValidityRange[] = [TR38901_FREQ_RANGE, { field: 'd3dM', min: 1, max: 150, unit: 'm' }];

/**
 * InH-Office LOS path loss, dB (38.901 Table 7.4.1-1, InH-Office LOS).
 * @param freqGHz Carrier frequency fc, GHz.
 * @param d3dM Slant distance, m (evaluated at ≥ 1 m by the callers).
 */
export function inhLosDb(freqGHz: number, d3dM: number): number {
  return 32.4 + 17.3 * Math.log10(d3dM) + 20 * Math.log10(freqGHz);
}

/**
 * InH-Office NLOS path loss, dB: max(PL_LOS, PL'_InH-NLOS) (38.901 Table 7.4.1-1, InH-Office NLOS).
 * @param freqGHz Carrier frequency fc, GHz.
 * @param d3dM Slant distance, m.
 */
export function inhNlosDb(freqGHz: number, d3dM: number): number {
  const logD = Math.log10(d3dM);
  const logF = Math.log10(freqGHz);
  const losDb = 32.4 + 17.3 * logD + 20 * logF;
  const primeDb = 38.3 * logD + 17.3 + 24.9 * logF;
  return primeDb > losDb ? primeDb : losDb;
}

function losPathLossDb(freqMHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  return inhLosDb(freqMHz / 1000, slantDistanceM(d2dM, hBsM, hUtM));
}

function nlosPathLossDb(freqMHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  return inhNlosDb(freqMHz / 1000, slantDistanceM(d2dM, hBsM, hUtM));
}

function makeInhModel(id: string, name: string, pathLossDb: PathLossModel['pathLossDb']): PathLossModel {
  return {
    id,
    name,
    validity: INH_VALIDITY,
    evaluate(input: PathLossInput): PathLossResult {
      requireTr38901Input(input, false);
      return resultOf(pathLossDb(input.freqMHz, input.d2dM, input.hBsM, input.hUtM), tr38901Issues(input, INH_VALIDITY));
    },
    pathLossDb,
  };
}

/** `38901-inh-los`: TR 38.901 InH-Office LOS. */
export const INH_LOS_MODEL: PathLossModel = makeInhModel('38901-inh-los', '3GPP TR 38.901 InH-Office LOS', losPathLossDb);
/** `38901-inh-nlos`: TR 38.901 InH-Office NLOS. */
export const INH_NLOS_MODEL: PathLossModel = makeInhModel('38901-inh-nlos', '3GPP TR 38.901 InH-Office NLOS', nlosPathLossDb);
