/**
 * The whole comparison in one call, for the command line and the measurement worker: associate
 * the imported points, take each one's prediction, compute the error statistics before, fit the
 * calibration, and the statistics after (with the final model's corrections). Each step is its
 * own module; this only chains them.
 */
import { associateMeasurements, buildErrorSample, type Association, type AssociationOptions, type ErrorSample, type SectorRef } from './associate.ts';
import { calibrate, correctedPredictions, type CalibrationOptions, type CalibrationResult } from './calibrate.ts';
import type { MeasurementProblem } from './messages.ts';
import type { MeasurementPoints } from './points.ts';
import { errorStatistics, type MeasurementStats, type StatsOptions } from './stats.ts';

export interface CalibrationRunInput {
  readonly points: MeasurementPoints;
  /** The import's cell-id dictionary. */
  readonly cellIds: readonly string[];
  readonly sectors: readonly SectorRef[];
  readonly association: AssociationOptions;
  /** Prediction per point (aligned with the points) or of a sector at a point, dBm. */
  readonly predict: Float64Array | ((sectorIndex: number, xM: number, yM: number, point: number) => number);
  readonly calibration: CalibrationOptions;
  readonly stats?: Omit<StatsOptions, 'predictedDbm'>;
}

export interface CalibrationRun {
  readonly association: Association;
  readonly sample: ErrorSample;
  /** Points left out by the association or for want of a prediction, in row order. */
  readonly problems: readonly MeasurementProblem[];
  /** Statistics of the error before calibration. */
  readonly before: MeasurementStats;
  /** Statistics with the final model's corrections (in-sample; the held-out figures are `result.summary` and `result.model.perClass`). */
  readonly after: MeasurementStats;
  readonly result: CalibrationResult;
  /** Predictions corrected by the final model (NaN where not used). */
  readonly correctedDbm: Float64Array;
}

/** Associates, predicts, compares and calibrates (module comment). */
export function runCalibration(input: CalibrationRunInput): CalibrationRun {
  const association = associateMeasurements(input.points, input.cellIds, input.sectors, input.association);
  const { sample, problems: predictionProblems } = buildErrorSample(input.points, association, input.predict);
  const problems = [...association.problems, ...predictionProblems].sort((a, b) => a.row - b.row);
  const statsOptions = { classNames: input.calibration.classNames, ...input.stats };
  const before = errorStatistics(sample, statsOptions);
  const result = calibrate(sample, input.calibration);
  const correctedDbm = correctedPredictions(sample, result.model, input.calibration.modelIdOfSector);
  const after = errorStatistics(sample, { ...statsOptions, predictedDbm: correctedDbm });
  return { association, sample, problems, before, after, result, correctedDbm };
}
