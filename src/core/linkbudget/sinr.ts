/**
 * Downlink SINR of the best server (spec §5):
 *
 *   SINR = S / (Σ_k load_k · I_k + N)       linear units (mW)
 *
 * S the serving sector's RSRP, I_k the RSRP of each co-channel sector (same carrier), N the
 * thermal noise, all per resource element; `load` is the neighbours' PRB utilisation
 * (default 0.5). All powers in dBm at the interface, summed in mW.
 */
import { InputError, requireFinite } from '../validity.ts';

/** Neighbour-cell PRB utilisation used when none is given (spec §5: 50 %). */
export const DEFAULT_NEIGHBOUR_LOAD = 0.5;

/** 10^(x/10) = exp(x · ln10/10): hoisted constant for the hot loops. */
const LN10_OVER_10 = Math.LN10 / 10;

/** dBm → mW. */
export function dbmToMw(powerDbm: number): number {
  return Math.exp(powerDbm * LN10_OVER_10);
}

/** mW → dBm (−Infinity for 0 mW). */
export function mwToDbm(powerMw: number): number {
  return 10 * Math.log10(powerMw);
}

function requireLoad(field: string, load: number): void {
  requireFinite(field, load);
  if (load < 0 || load > 1) throw new InputError(field, `${field} is a PRB utilisation between 0 and 1, got ${load}`);
}

export interface SinrInput {
  /** Serving sector's RSRP per resource element, dBm. */
  readonly signalDbm: number;
  /** RSRP per resource element of each co-channel interferer, dBm. */
  readonly interferersDbm: readonly number[];
  /** Thermal noise per resource element, dBm (noise.ts). */
  readonly noiseDbm: number;
  /** Neighbour PRB utilisation, 0…1: one value for all, or one per interferer. Default 0.5. */
  readonly load?: number | readonly number[];
}

export interface SinrResult {
  /** Signal to interference plus noise ratio, dB. */
  readonly sinrDb: number;
  /** Signal to noise ratio (no interference), dB. */
  readonly snrDb: number;
  /** Load-weighted interference Σ load·I, dBm (−Infinity when there is none). */
  readonly interferenceDbm: number;
}

/**
 * SINR of one point.
 * @throws InputError naming the field for non-finite powers or a load outside 0…1 (or a load
 *   array whose length differs from the interferers')
 */
export function sinr(input: SinrInput): SinrResult {
  requireFinite('signalDbm', input.signalDbm);
  requireFinite('noiseDbm', input.noiseDbm);
  const load = input.load ?? DEFAULT_NEIGHBOUR_LOAD;
  if (typeof load === 'number') requireLoad('load', load);
  else if (load.length !== input.interferersDbm.length) {
    throw new InputError('load', `load has ${load.length} values for ${input.interferersDbm.length} interferers`);
  }
  let interferenceMw = 0;
  for (let k = 0; k < input.interferersDbm.length; k++) {
    const iDbm = input.interferersDbm[k];
    requireFinite(`interferersDbm[${k}]`, iDbm);
    let lk: number;
    if (typeof load === 'number') lk = load;
    else {
      lk = load[k];
      requireLoad(`load[${k}]`, lk);
    }
    interferenceMw += lk * dbmToMw(iDbm);
  }
  const sMw = dbmToMw(input.signalDbm);
  const nMw = dbmToMw(input.noiseDbm);
  return {
    sinrDb: mwToDbm(sMw / (interferenceMw + nMw)),
    snrDb: input.signalDbm - input.noiseDbm,
    interferenceDbm: mwToDbm(interferenceMw),
  };
}

/**
 * SINR in dB over typed arrays, allocation-free (no validation): the first `count` entries of
 * `interferersDbm` are the co-channel interferers' RSRP per RE, each weighted by `load`.
 */
export function sinrDbFromArrays(signalDbm: number, interferersDbm: Float32Array | Float64Array, count: number, noiseDbm: number, load: number): number {
  let interferenceMw = 0;
  for (let k = 0; k < count; k++) interferenceMw += Math.exp(interferersDbm[k] * LN10_OVER_10);
  const denomMw = load * interferenceMw + Math.exp(noiseDbm * LN10_OVER_10);
  return 10 * Math.log10(Math.exp(signalDbm * LN10_OVER_10) / denomMw);
}

/**
 * SINR in dB from running sums, allocation-free (no validation): for kernels that accumulate
 * the total received power of every co-channel sector in a cell (server included).
 * @param signalMw - serving sector's power per RE, mW
 * @param totalCoChannelMw - Σ of all co-channel sectors' power per RE, the server included, mW
 * @param noiseMw - noise per RE, mW
 * @param load - neighbour PRB utilisation, 0…1
 */
export function sinrDbFromTotal(signalMw: number, totalCoChannelMw: number, noiseMw: number, load: number): number {
  let othersMw = totalCoChannelMw - signalMw;
  if (othersMw < 0) othersMw = 0; // rounding when the server is alone
  return 10 * Math.log10(signalMw / (load * othersMw + noiseMw));
}
