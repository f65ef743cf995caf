/**
 * Receiver thermal noise (spec §5).
 *
 *   N_RE = −174 + 10 log(Δf_Hz) + NF   dBm   (one resource element, Δf the subcarrier spacing)
 *   N(B) = −174 + 10 log(B_Hz) + NF    dBm   (any bandwidth B)
 *
 * −174 dBm/Hz is the conventional rounding of kT₀ at T₀ = 290 K (10 log(1.380649e−23 · 290 · 1000)
 * = −173.975 dBm/Hz), as the spec and the 3GPP link budgets use it.
 */
import { requireFinite, requirePositive } from '../validity.ts';

/** Thermal noise power spectral density kT₀, dBm/Hz (rounded, see the module comment). */
export const THERMAL_NOISE_DBM_PER_HZ = -174;

/** Subcarriers per resource block. */
const SUBCARRIERS_PER_RB = 12;

/**
 * Thermal noise over a bandwidth, dBm.
 * @param bandwidthHz - noise bandwidth, Hz (> 0)
 * @param noiseFigureDb - receiver noise figure, dB
 */
export function thermalNoiseDbm(bandwidthHz: number, noiseFigureDb: number): number {
  requirePositive('bandwidthHz', bandwidthHz);
  requireFinite('noiseFigureDb', noiseFigureDb);
  return THERMAL_NOISE_DBM_PER_HZ + 10 * Math.log10(bandwidthHz) + noiseFigureDb;
}

/**
 * Thermal noise in one resource element (one subcarrier), dBm: `−174 + 10 log(scsHz) + nfDb`.
 * @param scsKHz - subcarrier spacing, kHz
 * @param noiseFigureDb - receiver noise figure, dB
 */
export function noisePerReDbm(scsKHz: number, noiseFigureDb: number): number {
  requirePositive('scsKHz', scsKHz);
  return thermalNoiseDbm(scsKHz * 1000, noiseFigureDb);
}

/**
 * Thermal noise in one resource block (12 subcarriers), dBm.
 * @param scsKHz - subcarrier spacing, kHz
 * @param noiseFigureDb - receiver noise figure, dB
 */
export function noisePerPrbDbm(scsKHz: number, noiseFigureDb: number): number {
  requirePositive('scsKHz', scsKHz);
  return thermalNoiseDbm(SUBCARRIERS_PER_RB * scsKHz * 1000, noiseFigureDb);
}
