/**
 * Two-ray ground reflection over a plane earth, crossover form (spec §2):
 *
 *   PL = FSPL(d3d)                                  for d3d ≤ dc
 *   PL = 40 log d3dM − 20 log hBsM − 20 log hUtM    for d3d > dc,   dc = 4π·hBs·hUt/λ
 *
 * (dB, log = log10, FSPL = ITU-R P.525 of fspl.ts.) The crossover is where the two branches
 * meet, so the loss is continuous and non-decreasing in distance: PL = max(FSPL, plane earth).
 * Solving FSPL = plane earth gives dc = 10^((32.45 − 60)/20)·fMHz·hBs·hUt, i.e.
 * 4π·hBs·hUt/λ with λ = c/f for the c implied by P.525's rounded constant 32.45
 * (c ≈ 2.9972e8 m/s). With λ from c = 3e8 m/s instead, dc would be 0.095 % shorter and the loss
 * would fall by 0.008 dB across it: the branches would not meet.
 *
 * Heights below 1 m are evaluated at 1 m in the plane-earth branch (its loss → ∞ as h → 0),
 * and d3d below 1 m at 1 m, with a warning (fspl.ts, MIN_LENGTH_M). No validity range.
 */
import type { PathLossInput, PathLossModel, PathLossResult } from './types.ts';
import { MIN_LENGTH_M, distance3dM, floorIssue, freeSpaceLossDb, requirePathLossInput, resultOf } from './fspl.ts';

// dc / (fMHz·hBsM·hUtM), m per (MHz·m²): from 32.45 + 20 log f + 20 log(dc/1000) = 40 log dc − 20 log(hBs·hUt).
const CROSSOVER_M_PER_MHZ_M2 = Math.pow(10, (32.45 - 60) / 20);

/**
 * Crossover distance dc, m: the slant distance at which free space and the plane-earth branch
 * give the same loss (heights floored at 1 m as in the loss).
 * @param freqMHz Frequency, MHz.
 * @param hBsM Base-station antenna height, m.
 * @param hUtM Terminal antenna height, m.
 */
export function twoRayCrossoverDistanceM(freqMHz: number, hBsM: number, hUtM: number): number {
  const hb = hBsM < MIN_LENGTH_M ? MIN_LENGTH_M : hBsM;
  const hu = hUtM < MIN_LENGTH_M ? MIN_LENGTH_M : hUtM;
  return CROSSOVER_M_PER_MHZ_M2 * freqMHz * hb * hu;
}

/**
 * Plane-earth branch alone, `40 log d3dM − 20 log hBsM − 20 log hUtM` (dB), lengths floored at 1 m.
 * @param d3dM Slant distance, m.
 */
export function planeEarthLossDb(d3dM: number, hBsM: number, hUtM: number): number {
  const d = d3dM < MIN_LENGTH_M ? MIN_LENGTH_M : d3dM;
  const hb = hBsM < MIN_LENGTH_M ? MIN_LENGTH_M : hBsM;
  const hu = hUtM < MIN_LENGTH_M ? MIN_LENGTH_M : hUtM;
  return 40 * Math.log10(d) - 20 * Math.log10(hb * hu);
}

function twoRayPathLossDb(freqMHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  const dhM = hBsM - hUtM;
  const d3dM = Math.sqrt(d2dM * d2dM + dhM * dhM);
  const freeDb = freeSpaceLossDb(freqMHz, d3dM);
  const planeDb = planeEarthLossDb(d3dM, hBsM, hUtM);
  // Free space up to dc, plane earth beyond: the larger branch is the active one.
  return planeDb > freeDb ? planeDb : freeDb;
}

function twoRayEvaluate(input: PathLossInput): PathLossResult {
  requirePathLossInput(input);
  return resultOf(twoRayPathLossDb(input.freqMHz, input.d2dM, input.hBsM, input.hUtM), [
    floorIssue('d3dM', distance3dM(input.d2dM, input.hBsM, input.hUtM)),
    floorIssue('hBsM', input.hBsM),
    floorIssue('hUtM', input.hUtM),
  ]);
}

/** `two-ray`: plane-earth two-ray model, crossover form. */
export const TWO_RAY_MODEL: PathLossModel = {
  id: 'two-ray',
  name: 'Two-ray ground reflection (plane earth, crossover form)',
  validity: [],
  evaluate: twoRayEvaluate,
  pathLossDb: twoRayPathLossDb,
};
