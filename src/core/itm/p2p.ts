/**
 * Longley-Rice ITM, point-to-point mode over a terrain profile, as NTIA/itm v1.4 computes it
 * (`ITM_P2P_TLS_Ex`): validate the inputs, read horizons, Δh and effective heights from the
 * profile, compute the reference attenuation and add variability and free-space loss.
 *
 * Written from Hufford, "The ITS Irregular Terrain Model, version 1.2.2: The Algorithm"
 * (1995) and NTIA's v1.4 documentation; where v1.4 changed 1.2.2 (e.g. Δh resampling limits,
 * the C = 10 m² weighting term only in point-to-point), v1.4 is followed. Checked against
 * NTIA's shipped p2p.csv (src/core/itm/p2p.test.ts).
 */
import { InputError } from '../validity.ts';
import { ITM_SUCCESS, ITM_SUCCESS_WITH_WARNINGS } from './codes.ts';
import { effectiveCurvature, itmRadio, surfaceRefractivity, validateItmInputs, type ItmParams } from './params.ts';
import { ItmPath } from './path.ts';
import { effectiveTerminals, findHorizons, meanPathElevationM } from './profile.ts';
import { referenceAttenuation } from './reference.ts';
import { prepareVariability, variabilityDb } from './variability.ts';

/** What one ITM call returns (NTIA's outputs and intermediate values). */
export interface ItmResult {
  /** Basic transmission loss at the requested percentages, dB; NaN when `code` is an error. */
  readonly lossDb: number;
  /** 0 success, 1 success with warnings, ≥ 1000 error ({@link itmErrorMessage}). */
  readonly code: number;
  /** Warning bits ({@link itmWarningMessages}). */
  readonly warnings: number;
  /** 1 line of sight, 2 diffraction, 3 troposcatter (0 on error). */
  readonly mode: number;
  readonly dKm: number;
  /** Reference attenuation (median, relative to free space, before variability), dB. */
  readonly aRefDb: number;
  /** Free-space basic transmission loss, dB. */
  readonly aFsDb: number;
  readonly deltaHM: number;
  readonly heTxM: number;
  readonly heRxM: number;
  readonly dHznTxM: number;
  readonly dHznRxM: number;
  readonly thetaHznTx: number;
  readonly thetaHznRx: number;
  readonly nS: number;
}

/**
 * Free-space basic transmission loss as ITM writes it: 32.45 + 20·log10(f MHz) + 20·log10(d km), dB.
 */
export function itmFreeSpaceLossDb(dM: number, freqMHz: number): number {
  return 32.45 + 20 * Math.log10(freqMHz) + 20 * Math.log10(dM / 1000);
}

/** A result carrying only an error code (or a success code before geometry). */
export function itmFailure(code: number, warnings: number, dKm: number): ItmResult {
  return {
    lossDb: NaN, code, warnings, mode: 0, dKm, aRefDb: NaN, aFsDb: NaN, deltaHM: NaN,
    heTxM: NaN, heRxM: NaN, dHznTxM: NaN, dHznRxM: NaN, thetaHznTx: NaN, thetaHznRx: NaN, nS: NaN,
  };
}

/** The result fields of a computed path. */
export function itmPathResult(path: ItmPath, lossDb: number, aFsDb: number): ItmResult {
  return {
    lossDb,
    code: path.warnings === 0 ? ITM_SUCCESS : ITM_SUCCESS_WITH_WARNINGS,
    warnings: path.warnings,
    mode: path.mode,
    dKm: path.dM / 1000,
    aRefDb: path.aRefDb,
    aFsDb,
    deltaHM: path.deltaHM,
    heTxM: path.heTxM,
    heRxM: path.heRxM,
    dHznTxM: path.dHznTxM,
    dHznRxM: path.dHznRxM,
    thetaHznTx: path.thetaHznTx,
    thetaHznRx: path.thetaHznRx,
    nS: path.nS,
  };
}

/**
 * Builds an ITM profile array `[n, spacing, h0 … hn]` from heights (m) at a constant spacing (m).
 * @throws InputError (field `pfl`) with fewer than 2 heights, a non-positive spacing or a non-finite value.
 */
export function itmProfile(spacingM: number, heightsM: ArrayLike<number>): Float64Array {
  const n = heightsM.length;
  if (n < 2) throw new InputError('pfl', `a profile needs at least 2 terrain heights, got ${n}`);
  const pfl = new Float64Array(n + 2);
  pfl[0] = n - 1;
  pfl[1] = spacingM;
  for (let i = 0; i < n; i++) pfl[i + 2] = heightsM[i];
  checkProfile(pfl);
  return pfl;
}

function checkProfile(pfl: ArrayLike<number>): void {
  const np = pfl[0];
  if (!(Number.isInteger(np) && np >= 1)) throw new InputError('pfl', `pfl[0] (number of intervals) must be an integer ≥ 1, got ${np}`);
  if (pfl.length < np + 3) throw new InputError('pfl', `pfl holds ${pfl.length - 2} heights but pfl[0] = ${np} intervals needs ${np + 1}`);
  const spacing = pfl[1];
  if (!(spacing > 0 && Number.isFinite(spacing))) throw new InputError('pfl', `pfl[1] (spacing) must be a finite number > 0 m, got ${spacing}`);
  for (let i = 2; i < np + 3; i++) {
    if (!Number.isFinite(pfl[i])) throw new InputError('pfl', `terrain height ${i - 2} is not a finite number (${pfl[i]})`);
  }
}

/**
 * ITM point-to-point basic transmission loss over a terrain profile, with time / location /
 * situation variability (NTIA's `ITM_P2P_TLS`).
 *
 * @param hTxM Transmitter antenna height above the ground at the first profile point, m.
 * @param hRxM Receiver antenna height above the ground at the last profile point, m.
 * @param pfl ITM profile `[n intervals, spacing m, h0 … hn m]` (see {@link itmProfile}).
 * @param p Radio, climate and statistics inputs.
 * @returns loss, return code, warning bits, propagation mode and intermediate values; an input
 *   NTIA rejects gives its error code and `lossDb` NaN (never an exception).
 * @throws InputError (field `pfl`) for a malformed profile array (which NTIA does not check).
 * @example itmP2p(10, 1, itmProfile(100, heights), { climate: 5, n0: 301, freqMHz: 230, ... })
 */
export function itmP2p(hTxM: number, hRxM: number, pfl: ArrayLike<number>, p: ItmParams): ItmResult {
  checkProfile(pfl);
  const np = pfl[0];
  const spacingM = pfl[1];
  const dM = np * spacingM;
  const check = validateItmInputs(hTxM, hRxM, p);
  if (check.code !== ITM_SUCCESS) return itmFailure(check.code, check.warnings, dM / 1000);
  const heights = pfl instanceof Float64Array ? pfl.subarray(2) : Float64Array.from({ length: np + 1 }, (_, i) => pfl[i + 2]);
  const path = new ItmPath();
  path.dM = dM;
  path.hTxM = hTxM;
  path.hRxM = hRxM;
  path.warnings = check.warnings;
  path.nS = surfaceRefractivity(p.n0, meanPathElevationM(heights, np));
  path.gammaE = effectiveCurvature(path.nS);
  const aEM = 1 / path.gammaE;
  findHorizons(heights, np, spacingM, aEM, path);
  effectiveTerminals(heights, np, spacingM, aEM, path);
  const radio = itmRadio(p);
  const code = referenceAttenuation(path, radio, true);
  if (code !== ITM_SUCCESS) return itmFailure(code, path.warnings, dM / 1000);
  const variability = prepareVariability(p);
  path.warnings |= variability.warnings;
  const aFsDb = itmFreeSpaceLossDb(dM, p.freqMHz);
  const lossDb = variabilityDb(variability, path.aRefDb, dM, path.heTxM, path.heRxM, path.deltaHM) + aFsDb;
  return itmPathResult(path, lossDb, aFsDb);
}
