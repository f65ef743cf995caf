/**
 * Throughput from SINR (spec §5).
 *
 * Attenuated, truncated Shannon bound of TR 36.942 Annex A.2 (spectral efficiency, bit/s/Hz):
 *
 *   SE(SINR) = 0                        SINR < SINR_MIN
 *            = α · log2(1 + SINR)       SINR_MIN ≤ SINR < SINR_MAX
 *            = SE_MAX                   SINR ≥ SINR_MAX
 *
 * TR 36.942 Table A.2 (LTE, 10 MHz baseline): downlink α = 0.6, SINR_MIN = −10 dB,
 * Thr_MAX = 4.4 bit/s/Hz (64QAM 4/5); uplink α = 0.4, SINR_MIN = −10 dB, Thr_MAX = 2.0 bit/s/Hz
 * (16QAM 3/4). The table gives no separate SINR_MAX: it is where α·log2(1 + SINR) reaches
 * Thr_MAX, SINR_MAX = 2^(Thr_MAX/α) − 1 → 22.05 dB downlink, 14.91 dB uplink. The spec's LTE cap
 * (4.4 bit/s/Hz, α = 0.6, −10 dB) agrees with the downlink column.
 *
 * Throughput = SE · B with B the transmission bandwidth N_RB · 12 · Δf (carriers.ts), e.g.
 * 9 MHz for a 10 MHz LTE carrier.
 *
 * NR: the same α and SINR_MIN with no spectral-efficiency cap; the rate is capped instead by
 * the TS 38.306 §4.1.2 approximate peak data rate
 *
 *   rate = v_layers · Q_m · f · R_max · (N_PRB · 12 / T_s^μ) · (1 − OH)     bit/s
 *   R_max = 948/1024,  T_s^μ = 10⁻³ / (14 · 2^μ) s,
 *   OH = 0.14 (FR1 DL), 0.18 (FR2 DL), 0.08 (FR1 UL), 0.10 (FR2 UL).
 */
import { InputError, requireFinite, requirePositive } from '../validity.ts';
import { numerologyFromScs, transmissionBandwidthHz } from './carriers.ts';

/** Parameters of the attenuated Shannon bound. */
export interface AttenuatedShannonParams {
  /** Attenuation α (implementation losses), 0 < α ≤ 1. */
  readonly alpha: number;
  /** Below this SINR the throughput is 0, dB. */
  readonly sinrMinDb: number;
  /** Spectral efficiency cap Thr_MAX, bit/s/Hz (Infinity: no cap). */
  readonly maxSpectralEfficiencyBpsHz: number;
}

/** TR 36.942 Table A.2, LTE downlink. */
export const TR36942_LTE_DOWNLINK: AttenuatedShannonParams = { alpha: 0.6, sinrMinDb: -10, maxSpectralEfficiencyBpsHz: 4.4 };
/** TR 36.942 Table A.2, LTE uplink. */
export const TR36942_LTE_UPLINK: AttenuatedShannonParams = { alpha: 0.4, sinrMinDb: -10, maxSpectralEfficiencyBpsHz: 2.0 };
/** NR downlink (spec §5): TR 36.942 downlink α and SINR_MIN, capped by the 38.306 peak rate instead. */
export const NR_SHANNON_DOWNLINK: AttenuatedShannonParams = { alpha: 0.6, sinrMinDb: -10, maxSpectralEfficiencyBpsHz: Infinity };
/** NR uplink: TR 36.942 uplink α and SINR_MIN, capped by the 38.306 peak rate instead. */
export const NR_SHANNON_UPLINK: AttenuatedShannonParams = { alpha: 0.4, sinrMinDb: -10, maxSpectralEfficiencyBpsHz: Infinity };

const LN10_OVER_10 = Math.LN10 / 10;

/**
 * Spectral efficiency of the attenuated Shannon bound, bit/s/Hz. Allocation-free; non-decreasing
 * in SINR. NaN in → NaN out (no validation: hot loops).
 * @param sinrDb - SINR, dB
 */
export function spectralEfficiencyBpsHz(sinrDb: number, params: AttenuatedShannonParams = TR36942_LTE_DOWNLINK): number {
  if (sinrDb < params.sinrMinDb) return 0;
  const se = params.alpha * Math.log2(1 + Math.exp(sinrDb * LN10_OVER_10));
  return se > params.maxSpectralEfficiencyBpsHz ? params.maxSpectralEfficiencyBpsHz : se;
}

/** SINR at which α·log2(1 + SINR) reaches the cap, dB: `10 log(2^(SE_MAX/α) − 1)` (Infinity without a cap). */
export function sinrMaxDb(params: AttenuatedShannonParams): number {
  return 10 * Math.log10(Math.pow(2, params.maxSpectralEfficiencyBpsHz / params.alpha) - 1);
}

/**
 * LTE throughput of a carrier at a given SINR, bit/s: SE(SINR) · N_RB · 12 · 15 kHz.
 * @param sinrDb - SINR, dB
 * @param nRb - resource blocks (all of them: the throughput of a user alone in the cell)
 */
export function lteThroughputBps(sinrDb: number, nRb: number, params: AttenuatedShannonParams = TR36942_LTE_DOWNLINK): number {
  requireFinite('sinrDb', sinrDb);
  return spectralEfficiencyBpsHz(sinrDb, params) * transmissionBandwidthHz(nRb, 15);
}

/** TS 38.306 §4.1.2 maximum code rate R_max = 948/1024. */
export const NR_R_MAX = 948 / 1024;

/** TS 38.306 §4.1.2 overhead OH by frequency range and link direction. */
export const NR_OVERHEAD = { FR1: { DL: 0.14, UL: 0.08 }, FR2: { DL: 0.18, UL: 0.1 } } as const;

/** One component carrier of the TS 38.306 §4.1.2 formula. */
export interface NrPeakRateCarrier {
  /** Maximum number of MIMO layers v_Layers (1…8). */
  readonly layers: number;
  /** Maximum modulation order Q_m: 1 (π/2-BPSK), 2, 4, 6, 8 (256QAM) or 10 (1024QAM). */
  readonly modulationOrder: number;
  /** Scaling factor f: 1, 0.8, 0.75 or 0.4 (default 1). */
  readonly scalingFactor?: number;
  /** N_PRB^{BW,μ}: resource blocks of the carrier (carriers.ts). */
  readonly nPrb: number;
  /** Subcarrier spacing, kHz; gives the numerology μ. */
  readonly scsKHz: number;
  /** `DL` (default) or `UL`: chooses OH. */
  readonly direction?: 'DL' | 'UL';
  /** `FR1` (default) or `FR2`: chooses OH. */
  readonly frequencyRange?: 'FR1' | 'FR2';
  /** Overhead OH, overriding the 38.306 value for direction and frequency range. */
  readonly overhead?: number;
}

const MODULATION_ORDERS = [1, 2, 4, 6, 8, 10];
const SCALING_FACTORS = [1, 0.8, 0.75, 0.4];

/**
 * Approximate NR peak data rate of one carrier, TS 38.306 §4.1.2, bit/s (the standard states
 * it in Mbit/s: multiply by 10⁻⁶).
 * @throws InputError naming the field for layers outside 1…8, a modulation order or scaling
 *   factor the formula does not define, or an overhead outside [0, 1)
 */
export function nrPeakDataRateBps(carrier: NrPeakRateCarrier): number {
  const { layers, modulationOrder, nPrb, scsKHz } = carrier;
  const f = carrier.scalingFactor ?? 1;
  requireFinite('layers', layers);
  if (!Number.isInteger(layers) || layers < 1 || layers > 8) throw new InputError('layers', `layers must be a whole number 1–8, got ${layers}`);
  if (!MODULATION_ORDERS.includes(modulationOrder)) {
    throw new InputError('modulationOrder', `modulation order Q_m must be one of ${MODULATION_ORDERS.join(', ')}, got ${modulationOrder}`);
  }
  if (!SCALING_FACTORS.includes(f)) throw new InputError('scalingFactor', `scaling factor f must be one of ${SCALING_FACTORS.join(', ')}, got ${f}`);
  requirePositive('nPrb', nPrb);
  const mu = numerologyFromScs(scsKHz);
  const oh = carrier.overhead ?? NR_OVERHEAD[carrier.frequencyRange ?? 'FR1'][carrier.direction ?? 'DL'];
  requireFinite('overhead', oh);
  if (oh < 0 || oh >= 1) throw new InputError('overhead', `overhead OH must be in [0, 1), got ${oh}`);
  // T_s^μ = 10⁻³ / (14 · 2^μ): average OFDM symbol duration in a subframe, normal cyclic prefix.
  const symbolDurationS = 1e-3 / (14 * (1 << mu));
  return layers * modulationOrder * f * NR_R_MAX * ((nPrb * 12) / symbolDurationS) * (1 - oh);
}

/** TS 38.306 §4.1.2 sum over aggregated component carriers, bit/s. */
export function nrAggregatePeakDataRateBps(carriers: readonly NrPeakRateCarrier[]): number {
  let sum = 0;
  for (const c of carriers) sum += nrPeakDataRateBps(c);
  return sum;
}

/**
 * NR throughput at a given SINR, bit/s: `min(α · B · log2(1 + SINR), peak)`, 0 below SINR_MIN,
 * with B = N_RB · 12 · Δf.
 * @param sinrDb - SINR, dB
 * @param nRb - resource blocks of the carrier
 * @param scsKHz - subcarrier spacing, kHz
 * @param peakRateBps - cap, from {@link nrPeakDataRateBps}
 */
export function nrThroughputBps(sinrDb: number, nRb: number, scsKHz: number, peakRateBps: number, params: AttenuatedShannonParams = NR_SHANNON_DOWNLINK): number {
  requireFinite('sinrDb', sinrDb);
  requirePositive('peakRateBps', peakRateBps);
  const rate = spectralEfficiencyBpsHz(sinrDb, params) * transmissionBandwidthHz(nRb, scsKHz);
  return rate > peakRateBps ? peakRateBps : rate;
}
