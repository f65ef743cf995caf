/**
 * Free-space basic transmission loss, ITU-R P.525 (spec §2 "Free space"):
 *
 *   PL = 32.45 + 20 log(fMHz) + 20 log(d3dKm)        (dB, log = log10)
 *
 * with `d3dM = sqrt(d2dM² + (hBsM − hUtM)²)` (spec §1). No validity range: P.525 holds at any
 * frequency in the far field.
 *
 * This file also holds the input checks shared by every path-loss model of this folder
 * ({@link requirePathLossInput}, {@link floorWarning}, {@link MIN_LENGTH_M}).
 *
 * Short distances: a length that enters a logarithm or a denominator is evaluated at no less
 * than {@link MIN_LENGTH_M} = 1 m, so every model returns a finite, non-decreasing value down to
 * d2d = 0 (co-sited cell of a coverage grid). `evaluate` warns whenever that floor is applied;
 * `pathLossDb` applies the same floor silently (hot loops validate per-sector constants once).
 */
import { describeIssue, describeIssues, requireNonNegative, requirePositive, type ValidityIssue } from '../validity.ts';
import type { PathLossInput, PathLossModel, PathLossResult } from './types.ts';

/** Smallest length (m) used inside a logarithm or denominator; shorter inputs are evaluated at 1 m and warned. */
export const MIN_LENGTH_M = 1;

// P.525 eq. (4) with d in km; 20 log(d3dKm) = 20 log(d3dM) − 60.
const FSPL_CONST_DB = 32.45 - 60;

/**
 * Throws InputError for a non-finite or non-positive frequency and for non-finite or negative
 * distance / heights (every model's common inputs). The optional RMa inputs are checked by the
 * models that use them.
 */
export function requirePathLossInput(input: PathLossInput): void {
  requirePositive('freqMHz', input.freqMHz);
  requireNonNegative('d2dM', input.d2dM);
  requireNonNegative('hBsM', input.hBsM);
  requireNonNegative('hUtM', input.hUtM);
}

/**
 * Warning when `valueM` is below {@link MIN_LENGTH_M}, e.g. `d3dM=0 below 1 m: evaluated at 1 m`;
 * null otherwise.
 */
export function floorWarning(field: string, valueM: number): string | null {
  const issue = floorIssue(field, valueM);
  return issue ? describeIssue(issue) : null;
}

/** The floor issue of a length below {@link MIN_LENGTH_M} (evaluated at the floor), or null. */
export function floorIssue(field: string, valueM: number): ValidityIssue | null {
  return valueM >= MIN_LENGTH_M ? null : { kind: 'floor', field, value: valueM, floorM: MIN_LENGTH_M };
}

/** A result whose English warnings are the lines of its issues. */
export function resultOf(plDb: number, issues: readonly (ValidityIssue | null)[]): PathLossResult {
  const kept = issues.filter((i): i is ValidityIssue => i !== null);
  return { plDb, warnings: describeIssues(kept), issues: kept };
}

/** Slant distance `sqrt(d2dM² + (hBsM − hUtM)²)`, m (spec §1), not floored. */
export function distance3dM(d2dM: number, hBsM: number, hUtM: number): number {
  const dhM = hBsM - hUtM;
  return Math.sqrt(d2dM * d2dM + dhM * dhM);
}

/**
 * P.525 free-space loss, dB.
 * @param freqMHz Frequency, MHz (> 0).
 * @param d3dM Slant distance, m; evaluated at no less than 1 m.
 */
export function freeSpaceLossDb(freqMHz: number, d3dM: number): number {
  const dM = d3dM < MIN_LENGTH_M ? MIN_LENGTH_M : d3dM;
  return FSPL_CONST_DB + 20 * Math.log10(freqMHz * dM);
}

function fsplPathLossDb(freqMHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  const dhM = hBsM - hUtM;
  return freeSpaceLossDb(freqMHz, Math.sqrt(d2dM * d2dM + dhM * dhM));
}

function fsplEvaluate(input: PathLossInput): PathLossResult {
  requirePathLossInput(input);
  return resultOf(fsplPathLossDb(input.freqMHz, input.d2dM, input.hBsM, input.hUtM), [floorIssue('d3dM', distance3dM(input.d2dM, input.hBsM, input.hUtM))]);
}

/** `fspl`: ITU-R P.525 free space over the slant distance d3d. */
export const FSPL_MODEL: PathLossModel = {
  id: 'fspl',
  name: 'Free space (ITU-R P.525)',
  validity: [],
  evaluate: fsplEvaluate,
  pathLossDb: fsplPathLossDb,
};
