/**
 * ITM's radio and statistics inputs, their validation (NTIA/itm v1.4 ranges and return codes)
 * and the per-parameter-set constants that every path with these inputs shares.
 */
import { ItmError, ItmWarning, ITM_SUCCESS } from './codes.ts';

/** Radio climate codes of ITM (Hufford 1982 §5; NTIA's numbering). */
export const ItmClimate = {
  EQUATORIAL: 1,
  CONTINENTAL_SUBTROPICAL: 2,
  MARITIME_SUBTROPICAL: 3,
  DESERT: 4,
  CONTINENTAL_TEMPERATE: 5,
  MARITIME_TEMPERATE_OVER_LAND: 6,
  MARITIME_TEMPERATE_OVER_SEA: 7,
} as const;

/** Modes of variability (mdvar units digit); + 10 drops location variability, + 20 drops situation variability. */
export const ItmMdvar = { SINGLE_MESSAGE: 0, ACCIDENTAL: 1, MOBILE: 2, BROADCAST: 3 } as const;

/** Everything ITM needs besides the path (heights and terrain / distance). */
export interface ItmParams {
  /** Radio climate, integer code 1–7 ({@link ItmClimate}). */
  readonly climate: number;
  /** Surface refractivity at sea level N0, N-units (250–400). */
  readonly n0: number;
  /** Frequency, MHz (20–20000; ITM was fitted on 40–10000). */
  readonly freqMHz: number;
  /** 0 horizontal, 1 vertical. */
  readonly polarization: number;
  /** Relative permittivity of the ground (≥ 1), e.g. 15 average ground. */
  readonly epsilon: number;
  /** Ground conductivity, S/m (> 0), e.g. 0.005 average ground. */
  readonly sigmaSPerM: number;
  /** Mode of variability ({@link ItmMdvar}, optionally + 10 and/or + 20). */
  readonly mdvar: number;
  /** Time percentage, strictly between 0 and 100. */
  readonly timePct: number;
  /** Location percentage, strictly between 0 and 100. */
  readonly locationPct: number;
  /** Situation percentage, strictly between 0 and 100. */
  readonly situationPct: number;
}

/** A return code and the warning bits raised so far. */
export interface ItmCheck {
  readonly code: number;
  readonly warnings: number;
}

const inRange = (v: number, lo: number, hi: number) => v >= lo && v <= hi;
const isIntegerIn = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

function validMdvar(mdvar: number): boolean {
  if (!Number.isInteger(mdvar) || mdvar < 0 || mdvar > 33) return false;
  return mdvar % 10 <= 3;
}

/**
 * The checks NTIA's code makes before any computation, in its order (the first failing check
 * gives the code). Warnings: terminal height outside 1–1000 m, frequency outside 40–10000 MHz.
 * NaN never passes a range check here (NTIA's C comparisons would let it through).
 *
 * @returns `code` 0 or the error code, and the warning bits.
 */
export function validateItmInputs(hTxM: number, hRxM: number, p: ItmParams): ItmCheck {
  let warnings = 0;
  if (!inRange(hTxM, 1, 1000)) warnings |= ItmWarning.TX_TERMINAL_HEIGHT;
  if (!inRange(hTxM, 0.5, 3000)) return { code: ItmError.TX_TERMINAL_HEIGHT, warnings };
  if (!inRange(hRxM, 1, 1000)) warnings |= ItmWarning.RX_TERMINAL_HEIGHT;
  if (!inRange(hRxM, 0.5, 3000)) return { code: ItmError.RX_TERMINAL_HEIGHT, warnings };
  if (!isIntegerIn(p.climate, 1, 7)) return { code: ItmError.RADIO_CLIMATE, warnings };
  if (!inRange(p.n0, 250, 400)) return { code: ItmError.REFRACTIVITY, warnings };
  if (!inRange(p.freqMHz, 40, 10000)) warnings |= ItmWarning.FREQUENCY;
  if (!inRange(p.freqMHz, 20, 20000)) return { code: ItmError.FREQUENCY, warnings };
  if (p.polarization !== 0 && p.polarization !== 1) return { code: ItmError.POLARIZATION, warnings };
  if (!(p.epsilon >= 1) || p.epsilon === Infinity) return { code: ItmError.EPSILON, warnings };
  if (!(p.sigmaSPerM > 0) || p.sigmaSPerM === Infinity) return { code: ItmError.SIGMA, warnings };
  if (!validMdvar(p.mdvar)) return { code: ItmError.MDVAR, warnings };
  if (!(p.situationPct > 0 && p.situationPct < 100)) return { code: ItmError.SITUATION, warnings };
  if (!(p.timePct > 0 && p.timePct < 100)) return { code: ItmError.TIME, warnings };
  if (!(p.locationPct > 0 && p.locationPct < 100)) return { code: ItmError.LOCATION, warnings };
  return { code: ITM_SUCCESS, warnings };
}

/**
 * Constants of one parameter set, shared by every path computed with it (hoisted out of the
 * point-to-area loop): wave number, ground transfer impedance, cube roots of the frequency.
 */
export interface ItmRadio {
  readonly freqMHz: number;
  /** Wave number k = f / 47.7 MHz·m, in 1/m (Hufford's constant). */
  readonly waveNumber: number;
  /** Ground transfer impedance Zg (real, imaginary) and |Zg|. */
  readonly zgRe: number;
  readonly zgIm: number;
  readonly zgAbs: number;
  /** f^(1/3) and f^(−1/3), f in MHz (Vogler's smooth-earth terms). */
  readonly fCbrt: number;
  readonly fInvCbrt: number;
  /** log(f) (natural), for the diffraction–scatter transition distance. */
  readonly lnF: number;
}

/**
 * Ground transfer impedance (Hufford, Algorithm §3 eq. 3.6; TN101): with the complex relative
 * permittivity εr' = ε + j·18000·σ/f (f in MHz), horizontal polarization Zg = √(εr' − 1),
 * vertical Zg = √(εr' − 1) / εr'. Principal square root.
 */
export function itmRadio(p: ItmParams): ItmRadio {
  const f = p.freqMHz;
  const er = p.epsilon;
  const ei = (18000 * p.sigmaSPerM) / f;
  // Principal √(a + jb), a = ε − 1, b = 18000σ/f ≥ 0: real part ≥ 0.
  const a = er - 1;
  const b = ei;
  const mod = Math.hypot(a, b);
  let sRe = Math.sqrt((mod + a) / 2);
  let sIm = Math.sqrt(Math.max(0, (mod - a) / 2));
  if (b < 0) sIm = -sIm;
  if (p.polarization === 1) {
    // (sRe + j sIm) / (er + j ei)
    const den = er * er + ei * ei;
    const re = (sRe * er + sIm * ei) / den;
    const im = (sIm * er - sRe * ei) / den;
    sRe = re;
    sIm = im;
  }
  const fCbrt = Math.cbrt(f);
  return { freqMHz: f, waveNumber: f / 47.7, zgRe: sRe, zgIm: sIm, zgAbs: Math.hypot(sRe, sIm), fCbrt, fInvCbrt: 1 / fCbrt, lnF: Math.log(f) };
}

/** Curvature of the actual earth used by ITM, 1/m (≈ 1 / 6370 km). */
export const GAMMA_ACTUAL_PER_M = 157e-9;

/**
 * Surface refractivity at the mean elevation of the path, N-units: Ns = N0·exp(−hs/9460 m)
 * (TN101 eq. 4.3); exactly N0 when hs = 0 (area mode).
 */
export function surfaceRefractivity(n0: number, hSysM: number): number {
  return hSysM === 0 ? n0 : n0 * Math.exp(-hSysM / 9460);
}

/** Curvature of the effective earth, 1/m: γe = γa·(1 − 0.04665·exp(Ns/179.3)) (TN101 eq. 4.4). */
export function effectiveCurvature(nS: number): number {
  return GAMMA_ACTUAL_PER_M * (1 - 0.04665 * Math.exp(nS / 179.3));
}
