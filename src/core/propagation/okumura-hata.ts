/**
 * Okumura–Hata median path loss (Hata 1980; spec §2), dB, `log` = log10, f in MHz, heights in
 * m, d in km:
 *
 *   PLurban = 69.55 + 26.16 log f − 13.82 log hBs − a(hUt) + (44.9 − 6.55 log hBs) log d
 *
 *   small / medium city: a = (1.1 log f − 0.7) hUt − (1.56 log f − 0.8)
 *   large city:          a = 8.29 (log 1.54 hUt)² − 1.1    (f ≤ 200 MHz)
 *                        a = 3.2 (log 11.75 hUt)² − 4.97   (f ≥ 400 MHz)
 *   suburban:    PLurban − 2 (log(f/28))² − 5.4
 *   open/rural:  PLurban − 4.78 (log f)² + 18.33 log f − 40.94
 *
 * Suburban and open corrections apply to PLurban with the small/medium-city a(hUt) (Hata 1980).
 * Validity: 150–1500 MHz, hBs 30–200 m, hUt 1–10 m, d 1–20 km; outside, evaluated and warned.
 *
 * Decisions (documented, warned):
 * - d is the horizontal distance d2d (Hata's ground distance between the antennas).
 * - Large city between 200 and 400 MHz, where Hata gives no a(hUt): the f ≤ 200 MHz form is used
 *   up to and including 300 MHz and the f ≥ 400 MHz form above, the split used by Rappaport
 *   ("Wireless Communications", eq. 4.82–4.83) and ITU-R P.529; `evaluate` warns in 200–400 MHz.
 *   At hUt = 1.5 m both forms are ≈ 0 dB, so the step at 300 MHz is small (0.003 dB there).
 * - d2d, hBs (and hUt in the large-city logarithms) below 1 m are evaluated at 1 m and warned
 *   (fspl.ts, MIN_LENGTH_M): finite at d2d = 0.
 */
import { rangeIssues, type ValidityIssue, type ValidityRange } from '../validity.ts';
import type { PathLossInput, PathLossModel, PathLossResult } from './types.ts';
import { MIN_LENGTH_M, floorIssue, requirePathLossInput, resultOf } from './fspl.ts';

/** Hata's validity ranges (spec §2). */
export const HATA_VALIDITY: readonly ValidityRange[] = [
  { field: 'freqMHz', min: 150, max: 1500, unit: 'MHz' },
  { field: 'hBsM', min: 30, max: 200, unit: 'm' },
  { field: 'hUtM', min: 1, max: 10, unit: 'm' },
  { field: 'd2dM', min: 1000, max: 20000, unit: 'm' },
];

/** Large city: the f ≤ 200 MHz form of a(hUt) is used up to and including this frequency. */
export const HATA_LARGE_CITY_SPLIT_MHZ = 300;

/**
 * Small / medium city mobile-antenna correction a(hUt), dB (also COST-231's).
 * @param freqMHz Frequency, MHz.
 * @param hUtM Terminal antenna height, m.
 */
export function hataSmallCityAHutDb(freqMHz: number, hUtM: number): number {
  const logF = Math.log10(freqMHz);
  return (1.1 * logF - 0.7) * hUtM - (1.56 * logF - 0.8);
}

/**
 * Large-city mobile-antenna correction a(hUt), dB; hUt below 1 m evaluated at 1 m.
 * @param freqMHz Frequency, MHz (≤ 300: f ≤ 200 MHz form; above: f ≥ 400 MHz form).
 * @param hUtM Terminal antenna height, m.
 */
export function hataLargeCityAHutDb(freqMHz: number, hUtM: number): number {
  const h = hUtM < MIN_LENGTH_M ? MIN_LENGTH_M : hUtM;
  if (freqMHz <= HATA_LARGE_CITY_SPLIT_MHZ) {
    const l = Math.log10(1.54 * h);
    return 8.29 * l * l - 1.1;
  }
  const l = Math.log10(11.75 * h);
  return 3.2 * l * l - 4.97;
}

/**
 * The terms of PLurban other than a(hUt): 69.55 + 26.16 log f − 13.82 log hBs + (44.9 − 6.55 log hBs) log dKm, dB.
 * d2d and hBs below 1 m are evaluated at 1 m.
 */
function hataUrbanWithoutAHutDb(freqMHz: number, d2dM: number, hBsM: number): number {
  const d = d2dM < MIN_LENGTH_M ? MIN_LENGTH_M : d2dM;
  const hb = hBsM < MIN_LENGTH_M ? MIN_LENGTH_M : hBsM;
  const logHb = Math.log10(hb);
  return 69.55 + 26.16 * Math.log10(freqMHz) - 13.82 * logHb + (44.9 - 6.55 * logHb) * Math.log10(d / 1000);
}

function urbanSmallDb(freqMHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  return hataUrbanWithoutAHutDb(freqMHz, d2dM, hBsM) - hataSmallCityAHutDb(freqMHz, hUtM);
}

function urbanLargeDb(freqMHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  return hataUrbanWithoutAHutDb(freqMHz, d2dM, hBsM) - hataLargeCityAHutDb(freqMHz, hUtM);
}

function suburbanDb(freqMHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  const l = Math.log10(freqMHz / 28);
  return urbanSmallDb(freqMHz, d2dM, hBsM, hUtM) - 2 * l * l - 5.4;
}

function openDb(freqMHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  const logF = Math.log10(freqMHz);
  return urbanSmallDb(freqMHz, d2dM, hBsM, hUtM) - 4.78 * logF * logF + 18.33 * logF - 40.94;
}

/** Validity and floor issues common to the Hata family (also used by COST-231). */
export function hataFamilyIssues(input: PathLossInput, ranges: readonly ValidityRange[]): (ValidityIssue | null)[] {
  return [...rangeIssues(ranges, { freqMHz: input.freqMHz, hBsM: input.hBsM, hUtM: input.hUtM, d2dM: input.d2dM }), floorIssue('d2dM', input.d2dM), floorIssue('hBsM', input.hBsM)];
}

function makeHataModel(id: string, name: string, pathLossDb: PathLossModel['pathLossDb'], largeCity: boolean): PathLossModel {
  return {
    id,
    name,
    validity: HATA_VALIDITY,
    evaluate(input: PathLossInput): PathLossResult {
      requirePathLossInput(input);
      const issues = hataFamilyIssues(input, HATA_VALIDITY);
      if (largeCity) {
        const f = input.freqMHz;
        if (f > 200 && f < 400) issues.push({ kind: 'note', code: 'hata-large-city-gap', values: { freqMHz: f, splitMHz: HATA_LARGE_CITY_SPLIT_MHZ } });
        issues.push(floorIssue('hUtM', input.hUtM));
      }
      return resultOf(pathLossDb(input.freqMHz, input.d2dM, input.hBsM, input.hUtM), issues);
    },
    pathLossDb,
  };
}

/** `hata-urban-small`: Okumura–Hata, urban, small/medium city. */
export const HATA_URBAN_SMALL_MODEL: PathLossModel = makeHataModel('hata-urban-small', 'Okumura–Hata urban, small/medium city', urbanSmallDb, false);
/** `hata-urban-large`: Okumura–Hata, urban, large city. */
export const HATA_URBAN_LARGE_MODEL: PathLossModel = makeHataModel('hata-urban-large', 'Okumura–Hata urban, large city', urbanLargeDb, true);
/** `hata-suburban`: Okumura–Hata, suburban. */
export const HATA_SUBURBAN_MODEL: PathLossModel = makeHataModel('hata-suburban', 'Okumura–Hata suburban', suburbanDb, false);
/** `hata-open`: Okumura–Hata, open / rural area. */
export const HATA_OPEN_MODEL: PathLossModel = makeHataModel('hata-open', 'Okumura–Hata open (rural)', openDb, false);
