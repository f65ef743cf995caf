/**
 * Carrier numerology (spec §5): resource blocks per channel bandwidth and subcarrier spacing.
 *
 * - LTE: TS 36.101 Table 5.6-1 "Transmission bandwidth configuration N_RB in E-UTRA channel
 *   bandwidths": 1.4 / 3 / 5 / 10 / 15 / 20 MHz → 6 / 15 / 25 / 50 / 75 / 100 RB, 15 kHz SCS.
 * - NR FR1: TS 38.101-1 Table 5.3.2-1 "Maximum transmission bandwidth configuration N_RB",
 *   SCS 15 / 30 / 60 kHz, channel bandwidth 5–100 MHz (Rel-17 table, with 35 and 45 MHz);
 *   entries marked N/A there are rejected. FR2 (TS 38.101-2) is not covered.
 *
 * One resource block = 12 subcarriers.
 */
import { InputError, requireFinite, requirePositive } from '../validity.ts';

export type RadioTechnology = 'LTE' | 'NR';

/** Subcarriers per resource block (36.211 §6.2.3, 38.211 §4.4.4.1). */
export const SUBCARRIERS_PER_RB = 12;

/** TS 36.101 Table 5.6-1: channel bandwidth (MHz) → N_RB. */
export const LTE_RB_BY_BANDWIDTH: ReadonlyArray<readonly [number, number]> = [
  [1.4, 6],
  [3, 15],
  [5, 25],
  [10, 50],
  [15, 75],
  [20, 100],
];

/** Channel bandwidths of TS 38.101-1 Table 5.3.2-1, MHz (column order of {@link NR_FR1_RB_TABLE}). */
export const NR_FR1_BANDWIDTHS_MHZ: readonly number[] = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100];

/** TS 38.101-1 Table 5.3.2-1, N_RB by SCS (kHz) and bandwidth; 0 = N/A in the table. */
export const NR_FR1_RB_TABLE: Readonly<Record<15 | 30 | 60, readonly number[]>> = {
  15: [25, 52, 79, 106, 133, 160, 188, 216, 242, 270, 0, 0, 0, 0, 0],
  30: [11, 24, 38, 51, 65, 78, 92, 106, 119, 133, 162, 189, 217, 245, 273],
  60: [0, 11, 18, 24, 31, 38, 44, 51, 58, 65, 79, 93, 107, 121, 135],
};

/** Bandwidths are compared with this tolerance so 1.4 typed as 1.4000000001 still matches. */
const BW_EPS_MHZ = 1e-6;

function describeMHz(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

/**
 * LTE transmission bandwidth configuration N_RB (TS 36.101 Table 5.6-1).
 * @param bandwidthMHz - channel bandwidth, MHz: 1.4, 3, 5, 10, 15 or 20
 * @throws InputError (field `bandwidthMHz`) for any other bandwidth
 */
export function lteResourceBlocks(bandwidthMHz: number): number {
  requirePositive('bandwidthMHz', bandwidthMHz);
  for (const [bw, nRb] of LTE_RB_BY_BANDWIDTH) {
    if (Math.abs(bw - bandwidthMHz) < BW_EPS_MHZ) return nRb;
  }
  throw new InputError(
    'bandwidthMHz',
    `LTE channel bandwidth ${describeMHz(bandwidthMHz)} MHz is not defined (TS 36.101 Table 5.6-1: 1.4, 3, 5, 10, 15, 20 MHz)`,
  );
}

/**
 * NR FR1 maximum transmission bandwidth configuration N_RB (TS 38.101-1 Table 5.3.2-1).
 * @param bandwidthMHz - channel bandwidth, MHz (5–100, the table's columns)
 * @param scsKHz - subcarrier spacing, kHz: 15, 30 or 60
 * @throws InputError naming `scsKHz` for an SCS outside FR1, `bandwidthMHz` for a bandwidth not
 *   in the table or an N/A entry (e.g. 60 MHz at 15 kHz, 5 MHz at 60 kHz)
 */
export function nrResourceBlocks(bandwidthMHz: number, scsKHz: number): number {
  requirePositive('bandwidthMHz', bandwidthMHz);
  requirePositive('scsKHz', scsKHz);
  if (scsKHz !== 15 && scsKHz !== 30 && scsKHz !== 60) {
    throw new InputError('scsKHz', `NR FR1 subcarrier spacing must be 15, 30 or 60 kHz (TS 38.101-1 Table 5.3.2-1), got ${scsKHz} kHz`);
  }
  const col = NR_FR1_BANDWIDTHS_MHZ.findIndex((bw) => Math.abs(bw - bandwidthMHz) < BW_EPS_MHZ);
  if (col < 0) {
    throw new InputError(
      'bandwidthMHz',
      `NR FR1 channel bandwidth ${describeMHz(bandwidthMHz)} MHz is not in TS 38.101-1 Table 5.3.2-1 (${NR_FR1_BANDWIDTHS_MHZ.join(', ')} MHz)`,
    );
  }
  const nRb = NR_FR1_RB_TABLE[scsKHz][col];
  if (nRb === 0) {
    throw new InputError(
      'bandwidthMHz',
      `NR FR1 channel bandwidth ${describeMHz(bandwidthMHz)} MHz is not defined for ${scsKHz} kHz subcarrier spacing (N/A in TS 38.101-1 Table 5.3.2-1)`,
    );
  }
  return nRb;
}

/**
 * Resource blocks of a carrier: LTE per TS 36.101 Table 5.6-1 (SCS must be 15 kHz), NR FR1 per
 * TS 38.101-1 Table 5.3.2-1.
 * @param tech - `LTE` or `NR`
 * @param bandwidthMHz - channel bandwidth, MHz
 * @param scsKHz - subcarrier spacing, kHz
 */
export function resourceBlockCount(tech: RadioTechnology, bandwidthMHz: number, scsKHz: number): number {
  if (tech === 'LTE') {
    requireFinite('scsKHz', scsKHz);
    if (scsKHz !== 15) throw new InputError('scsKHz', `LTE subcarrier spacing is 15 kHz (TS 36.211), got ${scsKHz} kHz`);
    return lteResourceBlocks(bandwidthMHz);
  }
  if (tech === 'NR') return nrResourceBlocks(bandwidthMHz, scsKHz);
  throw new InputError('tech', `technology must be "LTE" or "NR", got ${String(tech)}`);
}

/**
 * NR numerology μ for a subcarrier spacing Δf = 15·2^μ kHz (TS 38.211 Table 4.2-1); LTE's
 * 15 kHz is μ = 0.
 * @throws InputError (field `scsKHz`) unless scsKHz is 15, 30, 60, 120 or 240
 */
export function numerologyFromScs(scsKHz: number): number {
  requirePositive('scsKHz', scsKHz);
  for (let mu = 0; mu <= 4; mu++) {
    if (scsKHz === 15 * (1 << mu)) return mu;
  }
  throw new InputError('scsKHz', `subcarrier spacing must be 15·2^μ kHz (15, 30, 60, 120, 240), got ${scsKHz} kHz`);
}

/** Subcarrier spacing in Hz. */
export function subcarrierSpacingHz(scsKHz: number): number {
  requirePositive('scsKHz', scsKHz);
  return scsKHz * 1000;
}

/**
 * Transmission bandwidth N_RB · 12 · Δf, Hz (the occupied bandwidth, e.g. 9 MHz for a 10 MHz
 * LTE carrier). This is the bandwidth the Shannon throughput of throughput.ts is applied to.
 */
export function transmissionBandwidthHz(nRb: number, scsKHz: number): number {
  requirePositive('nRb', nRb);
  return nRb * SUBCARRIERS_PER_RB * subcarrierSpacingHz(scsKHz);
}
