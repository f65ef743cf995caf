/**
 * ITM's return codes and warning flags, with the same numbers as NTIA/itm v1.4
 * (`ERRORS_AND_WARNINGS.md` of that repository), the input field each error is about, and what
 * each one means in words (ours).
 *
 * A call returns {@link ITM_SUCCESS} (0), {@link ITM_SUCCESS_WITH_WARNINGS} (1, some warning
 * bits set) or an error code ≥ 1000 (no loss computed). Warnings are bits OR-ed together.
 */

/** Computed, no warning raised. */
export const ITM_SUCCESS = 0;
/** Computed, at least one warning bit set. */
export const ITM_SUCCESS_WITH_WARNINGS = 1;

/** Error codes (NTIA/itm numbering). */
export const ItmError = {
  TX_TERMINAL_HEIGHT: 1000,
  RX_TERMINAL_HEIGHT: 1001,
  RADIO_CLIMATE: 1002,
  TIME: 1003,
  LOCATION: 1004,
  SITUATION: 1005,
  CONFIDENCE: 1006,
  RELIABILITY: 1007,
  REFRACTIVITY: 1008,
  FREQUENCY: 1009,
  POLARIZATION: 1010,
  EPSILON: 1011,
  SIGMA: 1012,
  GROUND_IMPEDANCE: 1013,
  MDVAR: 1014,
  MDVAR_BROADCAST_MODE: 1015,
  EFFECTIVE_EARTH: 1016,
  PATH_DISTANCE: 1017,
  DELTA_H: 1018,
  TX_SITING: 1019,
  RX_SITING: 1020,
  SURFACE_REFRACTIVITY_SMALL: 1021,
  SURFACE_REFRACTIVITY_LARGE: 1022,
} as const;

/** Warning bits (NTIA/itm numbering). */
export const ItmWarning = {
  TX_TERMINAL_HEIGHT: 0x0001,
  RX_TERMINAL_HEIGHT: 0x0002,
  FREQUENCY: 0x0004,
  PATH_DISTANCE_TOO_BIG_1: 0x0008,
  PATH_DISTANCE_TOO_BIG_2: 0x0010,
  PATH_DISTANCE_TOO_SMALL_1: 0x0020,
  PATH_DISTANCE_TOO_SMALL_2: 0x0040,
  TX_HORIZON_ANGLE: 0x0080,
  RX_HORIZON_ANGLE: 0x0100,
  TX_HORIZON_DISTANCE_1: 0x0200,
  RX_HORIZON_DISTANCE_1: 0x0400,
  TX_HORIZON_DISTANCE_2: 0x0800,
  RX_HORIZON_DISTANCE_2: 0x1000,
  EXTREME_VARIABILITIES: 0x2000,
  SURFACE_REFRACTIVITY: 0x4000,
} as const;

/**
 * The input an error code is about: a field of {@link ItmParams} / the terminal heights /
 * the path (`pfl` = the terrain profile, `dKm`, `deltaHM`, sitings of area mode).
 */
export type ItmField =
  | 'hTxM'
  | 'hRxM'
  | 'climate'
  | 'n0'
  | 'freqMHz'
  | 'polarization'
  | 'epsilon'
  | 'sigmaSPerM'
  | 'mdvar'
  | 'timePct'
  | 'locationPct'
  | 'situationPct'
  | 'pfl'
  | 'dKm'
  | 'deltaHM'
  | 'txSiting'
  | 'rxSiting';

interface ErrorInfo {
  readonly field: ItmField;
  readonly meaning: string;
}

const ERRORS: Readonly<Record<number, ErrorInfo>> = {
  1000: { field: 'hTxM', meaning: 'transmitter height above ground must be 0.5–3000 m' },
  1001: { field: 'hRxM', meaning: 'receiver height above ground must be 0.5–3000 m' },
  1002: { field: 'climate', meaning: 'radio climate must be an integer code 1–7 (1 equatorial … 7 maritime temperate over sea)' },
  1003: { field: 'timePct', meaning: 'time percentage must lie strictly between 0 and 100' },
  1004: { field: 'locationPct', meaning: 'location percentage must lie strictly between 0 and 100' },
  1005: { field: 'situationPct', meaning: 'situation percentage must lie strictly between 0 and 100' },
  1006: { field: 'situationPct', meaning: 'confidence percentage must lie strictly between 0 and 100' },
  1007: { field: 'timePct', meaning: 'reliability percentage must lie strictly between 0 and 100' },
  1008: { field: 'n0', meaning: 'surface refractivity N0 must be 250–400 N-units' },
  1009: { field: 'freqMHz', meaning: 'frequency must be 20–20000 MHz' },
  1010: { field: 'polarization', meaning: 'polarization must be 0 (horizontal) or 1 (vertical)' },
  1011: { field: 'epsilon', meaning: 'relative permittivity epsilon must be ≥ 1' },
  1012: { field: 'sigmaSPerM', meaning: 'ground conductivity sigma must be > 0 S/m' },
  1013: { field: 'epsilon', meaning: 'ground impedance has an imaginary part at least as large as its real part (epsilon too close to 1 for this conductivity and frequency)' },
  1014: { field: 'mdvar', meaning: 'mode of variability must be 0–3, optionally + 10 (no location variability) and/or + 20 (no situation variability)' },
  1015: { field: 'mdvar', meaning: 'broadcast mode of variability (3) cannot be used with confidence/reliability' },
  1016: { field: 'n0', meaning: 'the effective earth radius computed from the refractivity is outside 4000–13333 km' },
  1017: { field: 'dKm', meaning: 'path distance must be > 0' },
  1018: { field: 'deltaHM', meaning: 'terrain irregularity delta h must be ≥ 0 m' },
  1019: { field: 'txSiting', meaning: 'transmitter siting criteria must be 0 (random), 1 (careful) or 2 (very careful)' },
  1020: { field: 'rxSiting', meaning: 'receiver siting criteria must be 0 (random), 1 (careful) or 2 (very careful)' },
  1021: { field: 'pfl', meaning: 'surface refractivity at the mean path elevation is below 150 N-units (terrain too high for N0)' },
  1022: { field: 'pfl', meaning: 'surface refractivity at the mean path elevation is above 400 N-units (terrain below sea level for this N0)' },
};

const WARNINGS: readonly (readonly [number, string])[] = [
  [0x0001, 'transmitter height outside 1–1000 m (computed, but beyond the range ITM was fitted on)'],
  [0x0002, 'receiver height outside 1–1000 m (computed, but beyond the range ITM was fitted on)'],
  [0x0004, 'frequency outside 40–10000 MHz (computed, but beyond the range ITM was fitted on)'],
  [0x0008, 'path longer than 1000 km (near ITM’s upper distance limit)'],
  [0x0010, 'path longer than 2000 km (use the result with care)'],
  [0x0020, 'path shorter than |he_tx − he_rx| / 0.2 (steep path, near ITM’s lower distance limit)'],
  [0x0040, 'path shorter than 1 km (use the result with care)'],
  [0x0080, 'transmitter horizon angle larger than 200 mrad (small-angle approximations may break down)'],
  [0x0100, 'receiver horizon angle larger than 200 mrad (small-angle approximations may break down)'],
  [0x0200, 'transmitter horizon closer than 1/10 of the smooth-earth horizon distance'],
  [0x0400, 'receiver horizon closer than 1/10 of the smooth-earth horizon distance'],
  [0x0800, 'transmitter horizon farther than 3 times the smooth-earth horizon distance'],
  [0x1000, 'receiver horizon farther than 3 times the smooth-earth horizon distance'],
  [0x2000, 'a time, location or situation percentage lies far in the tail of its distribution (|z| > 3.1)'],
  [0x4000, 'surface refractivity at the mean path elevation below 250 N-units (use the result with care)'],
];

/** True for a return code after which a loss was computed (0 or 1). */
export function itmSucceeded(code: number): boolean {
  return code === ITM_SUCCESS || code === ITM_SUCCESS_WITH_WARNINGS;
}

/** The meaning of an error code in words; `unknown ITM code N` for a number NTIA does not define. */
export function itmErrorMessage(code: number): string {
  if (code === ITM_SUCCESS) return 'success';
  if (code === ITM_SUCCESS_WITH_WARNINGS) return 'success with warnings';
  const info = ERRORS[code];
  return info ? info.meaning : `unknown ITM code ${code}`;
}

/** The input field an error code is about, or undefined for 0, 1 and unknown codes. */
export function itmErrorField(code: number): ItmField | undefined {
  return ERRORS[code]?.field;
}

/** The meaning of every warning bit set in `flags`, in bit order. */
export function itmWarningMessages(flags: number): string[] {
  const out: string[] = [];
  for (const [bit, text] of WARNINGS) if ((flags & bit) !== 0) out.push(text);
  return out;
}

/** `0x0400`-style rendering of a warning mask (four hex digits, as NTIA's files print it). */
export function itmWarningHex(flags: number): string {
  return `0x${flags.toString(16).toUpperCase().padStart(4, '0')}`;
}
