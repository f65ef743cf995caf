/**
 * The files of `phusong calibrate` (issue 14's command-line contract), built here so that the
 * command line and the app's export write the same thing:
 * - `calibration.json`: the calibrated model with snake_case keys, one entry per (model, class):
 *   offset_db, slope_db_per_decade, n_points, rmse_before_db, rmse_after_db, …;
 * - `errors.csv`: every imported point with its sector, class, predicted and measured RSRP and
 *   the error (measured − predicted) before and after calibration;
 * - `summary.json`: n_points, n_used, mean_error_before_db, mean_error_after_db, rmse_before_db,
 *   rmse_after_db, std_before_db (after = held-out k-fold figures).
 * `scenario-calibrated.json` is the scenario with the model added; it needs the scenario schema
 * change described in docs/measurements.md and is left to the command.
 */
import type { Association, ErrorSample } from './associate.ts';
import type { CalibratedModel, CalibrationResult } from './calibrate.ts';
import type { MeasurementPoints } from './points.ts';

/** calibration.json: the model in the contract's snake_case. */
export function calibrationJson(model: CalibratedModel): Record<string, unknown> {
  return {
    format: model.format,
    version: model.version,
    name: model.name,
    reference_distance_km: model.referenceDistanceKm,
    min_distance_km: model.minDistanceKm,
    folds: model.folds,
    seed: model.seed,
    min_points: model.minPoints,
    outlier_mad_factor: model.outlierMadFactor,
    per_class: model.perClass.map((e) => ({
      model: e.modelId,
      class: e.class,
      class_name: e.className,
      offset_db: round(e.offsetDb, 3),
      slope_db_per_decade: round(e.slopeDbPerDecade, 3),
      n_points: e.nPoints,
      n_outliers: e.nOutliers,
      rmse_before_db: round(e.rmseBeforeDb, 3),
      rmse_after_db: round(e.rmseAfterDb, 3),
      mean_error_before_db: round(e.meanErrorBeforeDb, 3),
      mean_error_after_db: round(e.meanErrorAfterDb, 3),
      log_distance_spread_decades: round(e.logDistanceSpreadDecades, 3),
      slope_std_error_db_per_decade: round(e.slopeStdErrorDbPerDecade, 3),
      fitted: e.fitted,
      slope_fitted: e.slopeFitted,
      ...(e.reason === undefined ? {} : { reason: e.reason }),
    })),
  };
}

/** Counts the summary reports beside the calibration figures. */
export interface SummaryCounts {
  /** Data rows of the file. */
  readonly rowsRead: number;
  /** Rows refused by the import (required value bad). */
  readonly rowsRefused: number;
  /** Points left out by the association (outside the grid, no sector, …). */
  readonly pointsNotAssociated: number;
}

/**
 * summary.json. `n_points`: points imported; `n_used`: points in the figures (associated,
 * predicted, not outliers). Figures in dB rounded to 0.001.
 */
export function summaryJson(result: CalibrationResult, counts: SummaryCounts, pointsImported: number): Record<string, unknown> {
  const s = result.summary;
  return {
    name: result.model.name,
    n_rows: counts.rowsRead,
    n_rows_refused: counts.rowsRefused,
    n_points: pointsImported,
    n_not_associated: counts.pointsNotAssociated,
    n_associated: s.nPoints,
    n_outliers: s.nOutliers,
    n_used: s.nUsed,
    mean_error_before_db: round(s.meanErrorBeforeDb, 3),
    mean_error_after_db: round(s.meanErrorAfterDb, 3),
    rmse_before_db: round(s.rmseBeforeDb, 3),
    rmse_after_db: round(s.rmseAfterDb, 3),
    std_before_db: round(s.stdBeforeDb, 3),
    std_after_db: round(s.stdAfterDb, 3),
    after_is: 'k-fold held-out',
    classes_fitted: result.model.perClass.filter((e) => e.fitted).length,
    classes_not_fitted: result.model.perClass.filter((e) => !e.fitted).map((e) => ({ model: e.modelId, class_name: e.className, reason: e.reason ?? '' })),
  };
}

/** Columns of errors.csv. */
export const ERRORS_CSV_HEADER = [
  'row', 'lat', 'lon', 'sector', 'associated_by', 'class', 'distance_km', 'predicted_dbm', 'measured_dbm',
  'error_before_db', 'error_after_db', 'error_heldout_db', 'outlier', 'used',
] as const;

const BY_NAME = ['', 'cell_id', 'pci', 'best_server'];

export interface ErrorsCsvOptions {
  /** Sector id of a sector index (default: the index). */
  readonly sectorLabel?: (index: number) => string;
  /** Class name of a class index (default: the index). */
  readonly className?: (index: number) => string;
  /** Lines per yielded piece (default 10,000). */
  readonly linesPerPiece?: number;
}

/**
 * errors.csv, yielded in pieces (header first): one line per imported point, in file order.
 * error_after_db uses the final model (fitted on every point); error_heldout_db the fit of the
 * other folds (empty for outliers and points not used). Points not associated have empty
 * sector, prediction and errors, and used = 0.
 */
export function* errorsCsv(points: MeasurementPoints, assoc: Association, sample: ErrorSample, result: CalibrationResult, options: ErrorsCsvOptions = {}): Generator<string> {
  const label = options.sectorLabel ?? ((i: number) => String(i));
  const cls = options.className ?? ((i: number) => String(i));
  const per = options.linesPerPiece ?? 10000;
  yield ERRORS_CSV_HEADER.join(',') + '\n';
  let piece = '';
  for (let i = 0; i < points.count; i++) {
    const used = sample.used[i] === 1;
    const s = assoc.sector[i];
    const e = sample.measuredDbm[i] - sample.predictedDbm[i];
    const fields = [
      String(points.row[i]), points.latDeg[i].toFixed(7), points.lonDeg[i].toFixed(7),
      s >= 0 ? csvField(label(s)) : '', BY_NAME[assoc.by[i]] ?? '', assoc.cell[i] >= 0 ? csvField(cls(assoc.clutterClass[i])) : '',
      Number.isFinite(assoc.distanceKm[i]) ? assoc.distanceKm[i].toFixed(4) : '',
      used ? sample.predictedDbm[i].toFixed(2) : '', points.rsrpDbm[i].toFixed(2),
      used ? e.toFixed(2) : '', used ? (e - result.correctionDb[i]).toFixed(2) : '',
      used && !result.outlier[i] ? (e - result.heldOutCorrectionDb[i]).toFixed(2) : '',
      String(result.outlier[i]), used && !result.outlier[i] ? '1' : '0',
    ];
    piece += fields.join(',') + '\n';
    if ((i + 1) % per === 0) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/** RFC 4180 quoting of one field (only when it holds a comma, a quote or a line break). */
function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function round(v: number, digits: number): number | null {
  if (!Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
