/**
 * 3GPP TR 38.901 (v17) Table 7.4.1-1, RMa (rural macro) path loss, dB (spec §2). fc in GHz,
 * distances and heights in m, `log` = log10, c = 3.0e8 m/s; h average building height
 * (default 5 m), W average street width (default 20 m).
 *
 *   PL1(d) = 20 log(40π d fc/3) + min(0.03 h^1.72, 10) log d − min(0.044 h^1.72, 14.77) + 0.002 log(h) d
 *   dBP = 2π hBs hUt fc / c   (note 5)
 *   LOS:  PL1(d3d) for d2d ≤ dBP;  PL1(dBP) + 40 log(d3d/dBP) beyond            (10 m ≤ d2d ≤ 10 km)
 *   NLOS: max(PL_LOS, PL'),                                                       (10 m ≤ d2d ≤ 5 km)
 *     PL' = 161.04 − 7.1 log W + 7.5 log h − (24.37 − 3.7 (h/hBs)²) log hBs
 *           + (43.42 − 3.1 log hBs)(log d3d − 3) + 20 log fc − (3.2 (log 11.75 hUt)² − 4.97)
 *   expected: LOS/NLOS in linear power weighted by the RMa LOS probability (tr38901-common.ts).
 *
 * Applicability: 0.5–30 GHz, hBs 10–150 m, hUt 1–10 m, h 5–50 m, W 5–50 m (Table 7.4.1-1).
 *
 * PL1(dBP) is PL1 evaluated at the distance dBP, as written in the standard (and in ns-3),
 * not at the breakpoint's own slant distance sqrt(dBP² + (hBs − hUt)²). The LOS loss therefore
 * steps by PL1(dBP) + 40 log(d3d,BP/dBP) − PL1(d3d,BP) where d2d crosses dBP. Over the
 * applicability ranges the step lies between −0.0074 dB and +0.0342 dB (grid search; largest
 * rise at 0.5 GHz, hBs ≈ 33 m, hUt 1 m, h 5 m). It is negative — the loss falls slightly with
 * distance — where PL1 is steeper than 40 dB/decade (the 0.002 log(h)·d term of tall
 * buildings at a few km, e.g. 0.81 GHz, hBs 150 m, hUt 1 m, h 50 m). properties.test.ts
 * checks both bounds; tr38901-rma.test.ts works one such step by hand.
 *
 * Lengths below 1 m (d3d, hBs, hUt, h, W) are evaluated at 1 m with a warning (fspl.ts,
 * MIN_LENGTH_M): finite at d2d = 0, where d3d = |hBs − hUt|.
 */
import type { ValidityRange } from '../validity.ts';
import type { PathLossModel } from './types.ts';
import { MIN_LENGTH_M, floorIssue } from './fspl.ts';
import {
  DEFAULT_BUILDING_HEIGHT_M,
  DEFAULT_STREET_WIDTH_M,
  SPEED_OF_LIGHT_M_PER_S,
  TR38901_RMA_FREQ_RANGE,
  requireTr38901Input,
  slantDistanceM,
  tr38901Family,
  tr38901Issues,
} from './tr38901-common.ts';

const HEIGHT_RANGES: readonly ValidityRange[] = [
  { field: 'hBsM', min: 10, max: 150, unit: 'm' },
  { field: 'hUtM', min: 1, max: 10, unit: 'm' },
  { field: 'hBuildingM', min: 5, max: 50, unit: 'm' },
];
const STREET_RANGE: ValidityRange = { field: 'streetWidthM', min: 5, max: 50, unit: 'm' };

/** RMa LOS validity (38.901 Table 7.4.1-1). */
export const RMA_LOS_VALIDITY: readonly ValidityRange[] = [TR38901_RMA_FREQ_RANGE, { field: 'd2dM', min: 10, max: 10000, unit: 'm' }, ...HEIGHT_RANGES];
/** RMa NLOS (and expected) validity (38.901 Table 7.4.1-1). */
export const RMA_NLOS_VALIDITY: readonly ValidityRange[] = [TR38901_RMA_FREQ_RANGE, { field: 'd2dM', min: 10, max: 5000, unit: 'm' }, ...HEIGHT_RANGES, STREET_RANGE];

// dBP = 2π hBs hUt fc·1e9 / c with fc in GHz.
const DBP_FACTOR = (2 * Math.PI * 1e9) / SPEED_OF_LIGHT_M_PER_S;
const FORTY_PI_OVER_3 = (40 * Math.PI) / 3;

/** PL1 of 38.901 Table 7.4.1-1 RMa LOS, dB; h ≥ 1 m (floored by the caller). */
function pl1Db(freqGHz: number, dM: number, hM: number, h172: number): number {
  const a = 0.03 * h172;
  const b = 0.044 * h172;
  return 20 * Math.log10(FORTY_PI_OVER_3 * dM * freqGHz) + (a < 10 ? a : 10) * Math.log10(dM) - (b < 14.77 ? b : 14.77) + 0.002 * Math.log10(hM) * dM;
}

/**
 * RMa LOS path loss, dB (38.901 Table 7.4.1-1, RMa LOS).
 * @param freqGHz Carrier frequency fc, GHz.
 * @param d2dM Horizontal distance, m.
 * @param hBsM Base-station antenna height, m.
 * @param hUtM Terminal antenna height, m.
 * @param hBuildingM Average building height h, m.
 */
export function rmaLosDb(freqGHz: number, d2dM: number, hBsM: number, hUtM: number, hBuildingM: number): number {
  const d3dM = slantDistanceM(d2dM, hBsM, hUtM);
  const hb = hBsM < MIN_LENGTH_M ? MIN_LENGTH_M : hBsM;
  const hu = hUtM < MIN_LENGTH_M ? MIN_LENGTH_M : hUtM;
  const h = hBuildingM < MIN_LENGTH_M ? MIN_LENGTH_M : hBuildingM;
  const h172 = Math.pow(h, 1.72);
  const dBpM = DBP_FACTOR * hb * hu * freqGHz;
  if (d2dM <= dBpM) return pl1Db(freqGHz, d3dM, h, h172);
  return pl1Db(freqGHz, dBpM, h, h172) + 40 * Math.log10(d3dM / dBpM);
}

/**
 * PL' of 38.901 Table 7.4.1-1 RMa NLOS (before the max with LOS), dB.
 * @param freqGHz Carrier frequency fc, GHz.
 * @param d2dM Horizontal distance, m.
 * @param hBsM Base-station antenna height, m.
 * @param hUtM Terminal antenna height, m.
 * @param hBuildingM Average building height h, m.
 * @param streetWidthM Average street width W, m.
 */
export function rmaNlosPrimeDb(freqGHz: number, d2dM: number, hBsM: number, hUtM: number, hBuildingM: number, streetWidthM: number): number {
  const d3dM = slantDistanceM(d2dM, hBsM, hUtM);
  const hb = hBsM < MIN_LENGTH_M ? MIN_LENGTH_M : hBsM;
  const hu = hUtM < MIN_LENGTH_M ? MIN_LENGTH_M : hUtM;
  const h = hBuildingM < MIN_LENGTH_M ? MIN_LENGTH_M : hBuildingM;
  const w = streetWidthM < MIN_LENGTH_M ? MIN_LENGTH_M : streetWidthM;
  const logHb = Math.log10(hb);
  const hRatio = h / hb;
  const logHu = Math.log10(11.75 * hu);
  return (
    161.04 -
    7.1 * Math.log10(w) +
    7.5 * Math.log10(h) -
    (24.37 - 3.7 * hRatio * hRatio) * logHb +
    (43.42 - 3.1 * logHb) * (Math.log10(d3dM) - 3) +
    20 * Math.log10(freqGHz) -
    (3.2 * logHu * logHu - 4.97)
  );
}

const RMA = tr38901Family({
  scenario: 'rma',
  label: 'RMa',
  losValidity: RMA_LOS_VALIDITY,
  nlosValidity: RMA_NLOS_VALIDITY,
  losAndPrime(out, freqMHz, d2dM, hBsM, hUtM, hBuildingM, streetWidthM) {
    const fGHz = freqMHz / 1000;
    const h = hBuildingM === undefined ? DEFAULT_BUILDING_HEIGHT_M : hBuildingM;
    out[0] = rmaLosDb(fGHz, d2dM, hBsM, hUtM, h);
    out[1] = rmaNlosPrimeDb(fGHz, d2dM, hBsM, hUtM, h, streetWidthM === undefined ? DEFAULT_STREET_WIDTH_M : streetWidthM);
  },
  check(input, kind, validity) {
    requireTr38901Input(input, true);
    const hM = input.hBuildingM === undefined ? DEFAULT_BUILDING_HEIGHT_M : input.hBuildingM;
    const wM = input.streetWidthM === undefined ? DEFAULT_STREET_WIDTH_M : input.streetWidthM;
    // The LOS model does not use the street width.
    return [...tr38901Issues({ ...input, hBuildingM: hM, streetWidthM: wM }, validity), floorIssue('hBsM', input.hBsM), floorIssue('hUtM', input.hUtM), floorIssue('hBuildingM', hM), kind !== 'los' ? floorIssue('streetWidthM', wM) : null];
  },
});

/** `38901-rma-los`: TR 38.901 RMa LOS. */
export const RMA_LOS_MODEL: PathLossModel = RMA.los;
/** `38901-rma-nlos`: TR 38.901 RMa NLOS. */
export const RMA_NLOS_MODEL: PathLossModel = RMA.nlos;
/** `38901-rma-expected`: TR 38.901 RMa, LOS-probability weighted (Table 7.4.2-1). */
export const RMA_EXPECTED_MODEL: PathLossModel = RMA.expected;
