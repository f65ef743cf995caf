/**
 * Helpers shared by the 3GPP TR 38.901 (v17) path-loss models of Table 7.4.1-1 (spec §2):
 * constants, the UMa/UMi breakpoint distance, the "expected" LOS/NLOS combination, and the
 * common input checks and warnings.
 *
 * Units: frequencies enter the public models in MHz (`freqMHz`) and the 38.901 equations in GHz
 * (`fc = freqMHz / 1000`); distances and heights in m; losses in dB.
 */
import { rangeIssues, requireNonNegative, type ValidityIssue, type ValidityRange } from '../validity.ts';
import type { PathLossInput, PathLossModel, PathLossResult } from './types.ts';
import { losProbability } from './los-probability.ts';
import { MIN_LENGTH_M, distance3dM, floorIssue, requirePathLossInput, resultOf } from './fspl.ts';

/** Propagation velocity used in the breakpoint distances, m/s (38.901 Table 7.4.1-1 note 1). */
export const SPEED_OF_LIGHT_M_PER_S = 3.0e8;

/** Effective environment height hE for the UMa / UMi breakpoint, m (spec §2; 38.901 note 1). */
export const EFFECTIVE_ENVIRONMENT_HEIGHT_M = 1;

/** Default average building height h, m (38.901 RMa). */
export const DEFAULT_BUILDING_HEIGHT_M = 5;

/** Default average street width W, m (38.901 RMa). */
export const DEFAULT_STREET_WIDTH_M = 20;

/** 38.901 frequency range 0.5–100 GHz, expressed on the `freqMHz` input. */
export const TR38901_FREQ_RANGE: ValidityRange = { field: 'freqMHz', min: 500, max: 100000, unit: 'MHz' };

/** RMa frequency range 0.5–30 GHz (spec §2), on the `freqMHz` input. */
export const TR38901_RMA_FREQ_RANGE: ValidityRange = { field: 'freqMHz', min: 500, max: 30000, unit: 'MHz' };

// 10^(−x/10) = exp(−x·ln10/10).
const NEG_LN10_OVER_10 = -Math.LN10 / 10;
const BP_FACTOR = 4e9 / SPEED_OF_LIGHT_M_PER_S;

/**
 * Slant distance d3d, m, evaluated at no less than 1 m (fspl.ts, MIN_LENGTH_M).
 * @param d2dM Horizontal distance, m.
 * @param hBsM Base-station antenna height, m.
 * @param hUtM Terminal antenna height, m.
 */
export function slantDistanceM(d2dM: number, hBsM: number, hUtM: number): number {
  const dhM = hBsM - hUtM;
  const d3dM = Math.sqrt(d2dM * d2dM + dhM * dhM);
  return d3dM < MIN_LENGTH_M ? MIN_LENGTH_M : d3dM;
}

/**
 * UMa / UMi breakpoint distance d'BP = 4 (hBs − hE)(hUt − hE) fc / c, m (38.901 Table 7.4.1-1
 * note 1), with hE = 1 m. An effective height hBs − hE or hUt − hE ≤ 0 gives d'BP = 0 (no
 * near-field region: PL2 applies at every distance; `evaluate` warns).
 * @param freqGHz Carrier frequency fc, GHz.
 * @param hBsM Base-station antenna height, m.
 * @param hUtM Terminal antenna height, m.
 */
export function breakpointDistanceUmM(freqGHz: number, hBsM: number, hUtM: number): number {
  const hBsEffM = hBsM - EFFECTIVE_ENVIRONMENT_HEIGHT_M;
  const hUtEffM = hUtM - EFFECTIVE_ENVIRONMENT_HEIGHT_M;
  if (hBsEffM <= 0 || hUtEffM <= 0) return 0;
  return BP_FACTOR * hBsEffM * hUtEffM * freqGHz;
}

/**
 * "Expected" mode (spec §2): LOS and NLOS combined in linear power, weighted by the LOS
 * probability p: `PL = −10 log(p·10^(−PL_LOS/10) + (1 − p)·10^(−PL_NLOS/10))`, dB.
 * Computed relative to PL_LOS (no underflow for large losses) and kept inside
 * [PL_LOS, PL_NLOS] against rounding (exact arithmetic already lies there for p ∈ [0, 1]).
 * @param pLos LOS probability, 0…1.
 * @param plLosDb LOS loss, dB.
 * @param plNlosDb NLOS loss, dB (≥ plLosDb for every 38.901 NLOS model).
 */
export function expectedPathLossDb(pLos: number, plLosDb: number, plNlosDb: number): number {
  const ratio = Math.exp(NEG_LN10_OVER_10 * (plNlosDb - plLosDb));
  const plDb = plLosDb - 10 * Math.log10(pLos + (1 - pLos) * ratio);
  if (plDb < plLosDb) return plLosDb;
  if (plDb > plNlosDb) return plNlosDb;
  return plDb;
}

/**
 * Input checks of the 38.901 models: common inputs, plus the RMa-only building height and
 * street width when `rma` and given.
 */
export function requireTr38901Input(input: PathLossInput, rma: boolean): void {
  requirePathLossInput(input);
  if (rma) {
    if (input.hBuildingM !== undefined) requireNonNegative('hBuildingM', input.hBuildingM);
    if (input.streetWidthM !== undefined) requireNonNegative('streetWidthM', input.streetWidthM);
  }
}

/** Range issues of `ranges` over the input (with d3dM derived), plus the d3d < 1 m floor issue. */
export function tr38901Issues(input: PathLossInput, ranges: readonly ValidityRange[]): (ValidityIssue | null)[] {
  const d3dM = distance3dM(input.d2dM, input.hBsM, input.hUtM);
  const issues: (ValidityIssue | null)[] = rangeIssues(ranges, {
    freqMHz: input.freqMHz,
    d2dM: input.d2dM,
    d3dM,
    hBsM: input.hBsM,
    hUtM: input.hUtM,
    hBuildingM: input.hBuildingM,
    streetWidthM: input.streetWidthM,
  });
  issues.push(floorIssue('d3dM', d3dM));
  return issues;
}

/**
 * UMa / UMi breakpoint caveats: a non-positive effective height (no breakpoint); for UMa, the
 * standard's random hE when hUt ≥ 13 m beyond 18 m (38.901 note 1: hE = 1 m only with
 * probability 1/(1 + C(d2D, hUT))), where this deterministic model keeps hE = 1 m (spec §2).
 */
export function breakpointIssues(input: PathLossInput, uma: boolean): ValidityIssue[] {
  const issues: ValidityIssue[] = [];
  if (input.hBsM <= EFFECTIVE_ENVIRONMENT_HEIGHT_M || input.hUtM <= EFFECTIVE_ENVIRONMENT_HEIGHT_M) {
    issues.push({ kind: 'note', code: 'no-breakpoint', values: { hBsM: input.hBsM, hUtM: input.hUtM } });
  }
  if (uma && input.hUtM >= 13 && input.d2dM > 18) issues.push({ kind: 'note', code: 'uma-random-he', values: { hUtM: input.hUtM } });
  return issues;
}

/**
 * One scenario of 38.901 Table 7.4.1-1 as the factory {@link tr38901Family} needs it: its LOS
 * loss and its NLOS PL' (before the max with LOS), written together so that they can share the
 * logarithms of one link; its validity; and its input checks and caveats.
 */
export interface Tr38901Scenario {
  /** Id prefix and LOS-probability scenario, e.g. `uma`. */
  readonly scenario: 'rma' | 'uma' | 'umi';
  /** Name in the models' names, e.g. `UMa`, `UMi-Street Canyon`. */
  readonly label: string;
  readonly losValidity: readonly ValidityRange[];
  /** Validity of NLOS and expected. */
  readonly nlosValidity: readonly ValidityRange[];
  /**
   * Writes [PL_LOS, PL'_NLOS] of one link into `out`, dB (allocation-free: called per cell).
   * RMa reads the building height and street width; the others ignore them.
   */
  losAndPrime(out: Float64Array, freqMHz: number, d2dM: number, hBsM: number, hUtM: number, hBuildingM?: number, streetWidthM?: number): void;
  /** Input checks (throw InputError) and the issues beyond the validity ranges, for the model of `kind` (null entries: none). */
  check(input: PathLossInput, kind: 'los' | 'nlos' | 'expected', validity: readonly ValidityRange[]): (ValidityIssue | null)[];
}

/**
 * The LOS, NLOS (max(LOS, PL')) and LOS-probability-weighted models of a 38.901 scenario, with
 * the command-line ids `38901-<scenario>-los|nlos|expected`: one definition of how the three
 * are derived, for RMa, UMa and UMi.
 */
export function tr38901Family(sc: Tr38901Scenario): { readonly los: PathLossModel; readonly nlos: PathLossModel; readonly expected: PathLossModel } {
  const out = new Float64Array(2);
  const los: PathLossModel['pathLossDb'] = (f, d, hb, hu, hB, w) => {
    sc.losAndPrime(out, f, d, hb, hu, hB, w);
    return out[0];
  };
  const nlos: PathLossModel['pathLossDb'] = (f, d, hb, hu, hB, w) => {
    sc.losAndPrime(out, f, d, hb, hu, hB, w);
    return out[1] > out[0] ? out[1] : out[0];
  };
  const expected: PathLossModel['pathLossDb'] = (f, d, hb, hu, hB, w) => {
    sc.losAndPrime(out, f, d, hb, hu, hB, w);
    const l = out[0], n = out[1] > out[0] ? out[1] : out[0];
    return expectedPathLossDb(losProbability(sc.scenario, d, hu), l, n);
  };
  const make = (kind: 'los' | 'nlos' | 'expected', name: string, validity: readonly ValidityRange[], pathLossDb: PathLossModel['pathLossDb']): PathLossModel => ({
    id: `38901-${sc.scenario}-${kind}`,
    name,
    validity,
    evaluate(input: PathLossInput): PathLossResult {
      const issues = sc.check(input, kind, validity);
      return resultOf(pathLossDb(input.freqMHz, input.d2dM, input.hBsM, input.hUtM, input.hBuildingM, input.streetWidthM), issues);
    },
    pathLossDb,
  });
  return {
    los: make('los', `3GPP TR 38.901 ${sc.label} LOS`, sc.losValidity, los),
    nlos: make('nlos', `3GPP TR 38.901 ${sc.label} NLOS`, sc.nlosValidity, nlos),
    expected: make('expected', `3GPP TR 38.901 ${sc.label} (LOS-probability weighted)`, sc.nlosValidity, expected),
  };
}
