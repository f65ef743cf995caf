/**
 * Channel numbers to downlink frequencies, so that a measured EARFCN or NR-ARFCN can be matched
 * to a scenario carrier's centre frequency.
 *
 * - EARFCN (TS 36.101 Table 5.7.3-1): F_DL = F_DL_low + 0.1 (N_DL − N_Offs-DL), MHz, for the
 *   bands listed in {@link EUTRA_DL_CHANNELS} (those usable in Vietnam and their neighbours).
 * - NR-ARFCN (TS 38.104 §5.4.2.1, global frequency raster): F_REF = F_REF-Offs + ΔF_Global
 *   (N_REF − N_REF-Offs), with ΔF_Global = 5 kHz below 3 GHz (N < 600000), 15 kHz from 3 to
 *   24.25 GHz (N < 2016667), 60 kHz above.
 */

/** One row of TS 36.101 Table 5.7.3-1 (downlink part). */
export interface EutraDlChannels {
  readonly band: number;
  readonly fDlLowMHz: number;
  readonly nOffsDl: number;
  /** Last downlink EARFCN of the band (the first is nOffsDl). */
  readonly nDlMax: number;
}

/** Downlink EARFCN ranges, TS 36.101 Table 5.7.3-1. */
export const EUTRA_DL_CHANNELS: readonly EutraDlChannels[] = [
  { band: 1, fDlLowMHz: 2110, nOffsDl: 0, nDlMax: 599 },
  { band: 3, fDlLowMHz: 1805, nOffsDl: 1200, nDlMax: 1949 },
  { band: 5, fDlLowMHz: 869, nOffsDl: 2400, nDlMax: 2649 },
  { band: 7, fDlLowMHz: 2620, nOffsDl: 2750, nDlMax: 3449 },
  { band: 8, fDlLowMHz: 925, nOffsDl: 3450, nDlMax: 3799 },
  { band: 20, fDlLowMHz: 791, nOffsDl: 6150, nDlMax: 6449 },
  { band: 28, fDlLowMHz: 758, nOffsDl: 9210, nDlMax: 9659 },
  { band: 38, fDlLowMHz: 2570, nOffsDl: 37750, nDlMax: 38249 },
  { band: 40, fDlLowMHz: 2300, nOffsDl: 38650, nDlMax: 39649 },
  { band: 41, fDlLowMHz: 2496, nOffsDl: 39650, nDlMax: 41589 },
  { band: 42, fDlLowMHz: 3400, nOffsDl: 41590, nDlMax: 43589 },
];

/**
 * Downlink centre frequency of an EARFCN, MHz, or NaN for a channel outside the listed bands.
 * @example earfcnToDlFreqMHz(1300) === 1815 // band 3
 */
export function earfcnToDlFreqMHz(earfcn: number): number {
  for (const b of EUTRA_DL_CHANNELS) {
    if (earfcn >= b.nOffsDl && earfcn <= b.nDlMax) return b.fDlLowMHz + (earfcn - b.nOffsDl) / 10;
  }
  return NaN;
}

/**
 * Frequency of an NR-ARFCN on the global raster, MHz (NaN outside 0…3279165).
 * @example nrArfcnToFreqMHz(620000) === 3300
 */
export function nrArfcnToFreqMHz(nrArfcn: number): number {
  if (!(nrArfcn >= 0) || nrArfcn > 3279165 || !Number.isInteger(nrArfcn)) return NaN;
  // kHz steps divided by 1000 (not multiplied by 0.005…) so that whole results come out exact.
  if (nrArfcn < 600000) return (5 * nrArfcn) / 1000;
  if (nrArfcn < 2016667) return 3000 + (15 * (nrArfcn - 600000)) / 1000;
  return 24250.08 + (60 * (nrArfcn - 2016667)) / 1000;
}
