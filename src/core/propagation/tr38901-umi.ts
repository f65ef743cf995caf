/**
 * 3GPP TR 38.901 (v17) Table 7.4.1-1, UMi – Street Canyon (urban micro) path loss, dB
 * (spec §2). fc in GHz, distances and heights in m, `log` = log10, c = 3.0e8 m/s, hE = 1 m.
 *
 *   d'BP = 4 (hBs − hE)(hUt − hE) fc / c   (note 1)
 *   LOS:  PL1 = 32.4 + 21 log d3d + 20 log fc                                     for 10 m ≤ d2d ≤ d'BP
 *         PL2 = 32.4 + 40 log d3d + 20 log fc − 9.5 log(d'BP² + (hBs − hUt)²)   for d'BP ≤ d2d ≤ 5 km
 *   NLOS: max(PL_LOS, 35.3 log d3d + 22.4 + 21.3 log fc − 0.3 (hUt − 1.5))         (10 m ≤ d2d ≤ 5 km)
 *   expected: LOS/NLOS in linear power weighted by the UMi LOS probability (tr38901-common.ts).
 *
 * PL1 and PL2 meet exactly at d2d = d'BP (there d3d² = d'BP² + (hBs − hUt)², so PL2 = PL1).
 * Applicability: 0.5–100 GHz, hUt 1.5–22.5 m. The standard's nominal hBs is 10 m; other
 * heights are applied as they are, without a warning (spec §2). Lengths below 1 m (d3d,
 * sqrt(d'BP² + (hBs − hUt)²)) are evaluated at 1 m with a warning: finite at d2d = 0, where
 * d3d = |hBs − hUt|.
 */
import type { ValidityRange } from '../validity.ts';
import type { PathLossModel } from './types.ts';
import { TR38901_FREQ_RANGE, breakpointDistanceUmM, breakpointIssues, requireTr38901Input, slantDistanceM, tr38901Family, tr38901Issues } from './tr38901-common.ts';

/** UMi LOS / NLOS / expected validity (38.901 Table 7.4.1-1). */
export const UMI_VALIDITY: readonly ValidityRange[] = [
  TR38901_FREQ_RANGE,
  { field: 'd2dM', min: 10, max: 5000, unit: 'm' },
  { field: 'hUtM', min: 1.5, max: 22.5, unit: 'm' },
];

/**
 * UMi LOS path loss, dB (38.901 Table 7.4.1-1, UMi LOS).
 * @param freqGHz Carrier frequency fc, GHz.
 * @param d2dM Horizontal distance, m.
 * @param hBsM Base-station antenna height, m.
 * @param hUtM Terminal antenna height, m.
 */
export function umiLosDb(freqGHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  return umiLosCoreDb(Math.log10(slantDistanceM(d2dM, hBsM, hUtM)), Math.log10(freqGHz), freqGHz, d2dM, hBsM, hUtM);
}

/** LOS from log10(d3d) and log10(fc) (shared with NLOS and expected: one sqrt and two logs per link). */
function umiLosCoreDb(logD3d: number, logFc: number, freqGHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  const dBpM = breakpointDistanceUmM(freqGHz, hBsM, hUtM);
  if (d2dM <= dBpM) return 32.4 + 21 * logD3d + 20 * logFc;
  const dhM = hBsM - hUtM;
  // d'BP² + (hBs − hUt)², evaluated at no less than (1 m)² (only reachable with d'BP = 0, warned).
  let bp2 = dBpM * dBpM + dhM * dhM;
  if (bp2 < 1) bp2 = 1;
  return 32.4 + 40 * logD3d + 20 * logFc - 9.5 * Math.log10(bp2);
}

/**
 * UMi NLOS PL'_UMi-NLOS (before the max with LOS), dB.
 * @param freqGHz Carrier frequency fc, GHz.
 * @param d2dM Horizontal distance, m.
 * @param hBsM Base-station antenna height, m.
 * @param hUtM Terminal antenna height, m.
 */
export function umiNlosPrimeDb(freqGHz: number, d2dM: number, hBsM: number, hUtM: number): number {
  return umiNlosPrimeCoreDb(Math.log10(slantDistanceM(d2dM, hBsM, hUtM)), Math.log10(freqGHz), hUtM);
}

/** PL' of UMi NLOS from log10(d3d) and log10(fc), dB. */
function umiNlosPrimeCoreDb(logD3d: number, logFc: number, hUtM: number): number {
  return 35.3 * logD3d + 22.4 + 21.3 * logFc - 0.3 * (hUtM - 1.5);
}

const UMI = tr38901Family({
  scenario: 'umi',
  label: 'UMi-Street Canyon',
  losValidity: UMI_VALIDITY,
  nlosValidity: UMI_VALIDITY,
  losAndPrime(out, freqMHz, d2dM, hBsM, hUtM) {
    const fGHz = freqMHz / 1000;
    const logD3d = Math.log10(slantDistanceM(d2dM, hBsM, hUtM));
    const logFc = Math.log10(fGHz);
    out[0] = umiLosCoreDb(logD3d, logFc, fGHz, d2dM, hBsM, hUtM);
    out[1] = umiNlosPrimeCoreDb(logD3d, logFc, hUtM);
  },
  check(input, _kind, validity) {
    requireTr38901Input(input, false);
    return [...tr38901Issues(input, validity), ...breakpointIssues(input, false)];
  },
});

/** `38901-umi-los`: TR 38.901 UMi LOS. */
export const UMI_LOS_MODEL: PathLossModel = UMI.los;
/** `38901-umi-nlos`: TR 38.901 UMi NLOS. */
export const UMI_NLOS_MODEL: PathLossModel = UMI.nlos;
/** `38901-umi-expected`: TR 38.901 UMi, LOS-probability weighted (Table 7.4.2-1). */
export const UMI_EXPECTED_MODEL: PathLossModel = UMI.expected;
