/**
 * COST-231 Hata median path loss (COST Action 231 final report §4.4.1; spec §2), dB,
 * `log` = log10, f in MHz, heights in m, d in km:
 *
 *   PL = 46.3 + 33.9 log f − 13.82 log hBs − a(hUt) + (44.9 − 6.55 log hBs) log d + Cm
 *
 * with the small/medium-city a(hUt) of Okumura–Hata (okumura-hata.ts) and Cm = 0 dB (medium
 * city, suburban) or 3 dB (metropolitan centre). Validity: 1500–2000 MHz, hBs 30–200 m,
 * hUt 1–10 m, d 1–20 km. The model is commonly used beyond 2 GHz; above 2000 MHz the warning
 * says so explicitly.
 *
 * As in okumura-hata.ts: d is the horizontal distance d2d; d2d and hBs below 1 m are evaluated
 * at 1 m with a warning (finite at d2d = 0).
 *
 * Note: ns-3's COST-231 "large city" variant drops the −4.97 dB term of a(hUt); that variant is
 * non-standard and not implemented here.
 */
import type { ValidityIssue, ValidityRange } from '../validity.ts';
import type { PathLossInput, PathLossModel, PathLossResult } from './types.ts';
import { MIN_LENGTH_M, requirePathLossInput, resultOf } from './fspl.ts';
import { hataFamilyIssues, hataSmallCityAHutDb } from './okumura-hata.ts';

/** COST-231 Hata validity ranges (spec §2). */
export const COST231_VALIDITY: readonly ValidityRange[] = [
  { field: 'freqMHz', min: 1500, max: 2000, unit: 'MHz' },
  { field: 'hBsM', min: 30, max: 200, unit: 'm' },
  { field: 'hUtM', min: 1, max: 10, unit: 'm' },
  { field: 'd2dM', min: 1000, max: 20000, unit: 'm' },
];

const COST231_MAX_FREQ_MHZ = 2000;

/**
 * COST-231 Hata loss, dB.
 * @param freqMHz Frequency, MHz.
 * @param d2dM Horizontal distance, m (evaluated at ≥ 1 m).
 * @param hBsM Base-station antenna height, m (evaluated at ≥ 1 m).
 * @param hUtM Terminal antenna height, m.
 * @param cmDb Cm: 0 dB medium city / suburban, 3 dB metropolitan centre.
 */
export function cost231HataDb(freqMHz: number, d2dM: number, hBsM: number, hUtM: number, cmDb: number): number {
  const d = d2dM < MIN_LENGTH_M ? MIN_LENGTH_M : d2dM;
  const hb = hBsM < MIN_LENGTH_M ? MIN_LENGTH_M : hBsM;
  const logHb = Math.log10(hb);
  return 46.3 + 33.9 * Math.log10(freqMHz) - 13.82 * logHb - hataSmallCityAHutDb(freqMHz, hUtM) + (44.9 - 6.55 * logHb) * Math.log10(d / 1000) + cmDb;
}

function mediumDb(freqMHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  return cost231HataDb(freqMHz, d2dM, hBsM, hUtM, 0);
}

function metroDb(freqMHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  return cost231HataDb(freqMHz, d2dM, hBsM, hUtM, 3);
}

/** Range and floor issues; above 2000 MHz a note says the model is used beyond its range (appended to the frequency's line). */
function cost231Issues(input: PathLossInput): (ValidityIssue | null)[] {
  const issues = hataFamilyIssues(input, COST231_VALIDITY);
  if (input.freqMHz > COST231_MAX_FREQ_MHZ) issues.push({ kind: 'note', code: 'cost231-beyond', values: { freqMHz: input.freqMHz } });
  return issues;
}

function makeCost231Model(id: string, name: string, pathLossDb: PathLossModel['pathLossDb']): PathLossModel {
  return {
    id,
    name,
    validity: COST231_VALIDITY,
    evaluate(input: PathLossInput): PathLossResult {
      requirePathLossInput(input);
      return resultOf(pathLossDb(input.freqMHz, input.d2dM, input.hBsM, input.hUtM), cost231Issues(input));
    },
    pathLossDb,
  };
}

/** `cost231`: COST-231 Hata, medium city / suburban (Cm = 0 dB). */
export const COST231_MODEL: PathLossModel = makeCost231Model('cost231', 'COST-231 Hata, medium city / suburban (Cm = 0 dB)', mediumDb);
/** `cost231-metro`: COST-231 Hata, metropolitan centre (Cm = 3 dB). */
export const COST231_METRO_MODEL: PathLossModel = makeCost231Model('cost231-metro', 'COST-231 Hata, metropolitan centre (Cm = 3 dB)', metroDb);
