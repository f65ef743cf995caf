/**
 * Common shape of every path-loss model (spec §2). One model per file; each file exports a
 * {@link PathLossModel} and the registry (`registry.ts`) lists them by command-line id.
 */
import type { ValidityIssue, ValidityRange } from '../validity.ts';

/** Geometry and carrier of one link. Heights are above local ground. */
export interface PathLossInput {
  /** Carrier frequency, MHz. */
  readonly freqMHz: number;
  /** Horizontal distance transmitter → receiver, m. */
  readonly d2dM: number;
  /** Base-station antenna height, m. */
  readonly hBsM: number;
  /** User-terminal antenna height, m. */
  readonly hUtM: number;
  /** Average building height, m (38.901 RMa; default from the spec when absent). */
  readonly hBuildingM?: number;
  /** Average street width, m (38.901 RMa; default from the spec when absent). */
  readonly streetWidthM?: number;
}

/** A median basic transmission loss and the validity warnings raised while computing it. */
export interface PathLossResult {
  readonly plDb: number;
  /** Empty when every input is inside the model's validity ranges (English lines: `describeIssues(issues)`). */
  readonly warnings: readonly string[];
  /** The same problems as data (quantity, value, bound), for a user interface to word them. */
  readonly issues: readonly ValidityIssue[];
}

export interface PathLossModel {
  /** Command-line id, e.g. `38901-uma-expected` (issue 3 contract). */
  readonly id: string;
  /** Human-readable name with the standard, e.g. `3GPP TR 38.901 UMa (LOS-probability weighted)`. */
  readonly name: string;
  /** Validity ranges checked by {@link PathLossModel.evaluate}. */
  readonly validity: readonly ValidityRange[];
  /**
   * Path loss for one link. Throws InputError only for non-finite or negative inputs (or zero
   * frequency); finite out-of-range inputs are evaluated and warned about.
   */
  evaluate(input: PathLossInput): PathLossResult;
  /**
   * Same value as `evaluate(...).plDb` without validation or warnings, for hot loops over
   * millions of cells. Callers validate the per-sector constants once.
   */
  pathLossDb(freqMHz: number, d2dM: number, hBsM: number, hUtM: number, hBuildingM?: number, streetWidthM?: number): number;
}
