/**
 * Statistics of the prediction error e = measured − predicted (dB) over the used points:
 * overall, per serving sector, per clutter class and per distance bin, plus an error histogram
 * and a predicted-vs-measured density for charts.
 *
 * Definitions (n points of a group):
 * - mean error  ē = Σ e / n (positive: the model predicts too little signal);
 * - standard deviation  s = sqrt(Σ (e − ē)² / (n − 1)) (NaN for n < 2);
 * - RMSE = sqrt(Σ e² / n) = sqrt(ē² + (n − 1) s² / n);
 * - correlation: Pearson's r between measured and predicted values,
 *   Σ (m − m̄)(p − p̄) / sqrt(Σ (m − m̄)² Σ (p − p̄)²) (NaN when either is constant).
 * Sums are accumulated with Welford's updates (one pass, no cancellation at −100 dBm levels).
 * Distance bins are log-spaced: bin k holds 10^(k/b) ≤ d < 10^((k+1)/b) km, b bins per decade.
 */
import { CLUTTER_TYPES } from '../clutter/p2108.ts';
import { ALL_CLASSES, type ErrorSample } from './associate.ts';

/** Error statistics of one group of points. */
export interface ErrorSummary {
  readonly n: number;
  readonly meanErrorDb: number;
  readonly stdErrorDb: number;
  readonly rmseDb: number;
  readonly correlation: number;
  readonly meanMeasuredDbm: number;
  readonly meanPredictedDbm: number;
}

export interface GroupStats extends ErrorSummary {
  /** Sector index or clutter class index. */
  readonly key: number;
  readonly label: string;
}

export interface DistanceBinStats extends ErrorSummary {
  readonly minKm: number;
  readonly maxKm: number;
}

/** Counts of the error in bins [minDb + k·binWidthDb, minDb + (k+1)·binWidthDb). */
export interface ErrorHistogram {
  readonly minDb: number;
  readonly binWidthDb: number;
  readonly counts: readonly number[];
  /** Errors below minDb / at or above the last bin's upper edge. */
  readonly below: number;
  readonly above: number;
}

export interface MeasurementStats {
  readonly overall: ErrorSummary;
  /** Sectors with at least one point, by index. */
  readonly perSector: readonly GroupStats[];
  /** Classes with at least one point, by index. */
  readonly perClass: readonly GroupStats[];
  /** Non-empty distance bins, nearest first. */
  readonly perDistanceBin: readonly DistanceBinStats[];
  readonly histogram: ErrorHistogram;
}

export interface StatsOptions {
  /** Corrected predictions to use instead of `sample.predictedDbm` (e.g. after calibration). */
  readonly predictedDbm?: Float64Array;
  /** Distance bins per decade (default 4: edges 1, 1.78, 3.16, 5.62, 10 km…). */
  readonly binsPerDecade?: number;
  /** Histogram: lower edge, upper edge and bin width, dB (default −40, 40, 1). */
  readonly histogram?: { readonly minDb: number; readonly maxDb: number; readonly binWidthDb: number };
  /** Class names by index (default the P.2108 classes, CLUTTER_TYPES; {@link ALL_CLASSES} is `all`). */
  readonly classNames?: readonly string[];
  /** Sector names by index (default: `sector <k>`). */
  readonly sectorLabel?: (index: number) => string;
}

const SLOT = 8; // n, meanE, m2E, meanM, meanP, m2M, m2P, cMP

function add(acc: Float64Array, o: number, e: number, m: number, p: number): void {
  const n1 = acc[o] + 1;
  acc[o] = n1;
  const dE = e - acc[o + 1];
  acc[o + 1] += dE / n1;
  acc[o + 2] += dE * (e - acc[o + 1]);
  const dM = m - acc[o + 3];
  acc[o + 3] += dM / n1;
  const dP = p - acc[o + 4];
  acc[o + 4] += dP / n1;
  acc[o + 5] += dM * (m - acc[o + 3]);
  acc[o + 6] += dP * (p - acc[o + 4]);
  acc[o + 7] += dM * (p - acc[o + 4]);
}

function summary(acc: Float64Array, o: number): ErrorSummary {
  const n = acc[o];
  if (n === 0) return { n: 0, meanErrorDb: NaN, stdErrorDb: NaN, rmseDb: NaN, correlation: NaN, meanMeasuredDbm: NaN, meanPredictedDbm: NaN };
  const mean = acc[o + 1];
  const m2 = acc[o + 2];
  const denom = Math.sqrt(acc[o + 5] * acc[o + 6]);
  return {
    n,
    meanErrorDb: mean,
    stdErrorDb: n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN,
    rmseDb: Math.sqrt(mean * mean + m2 / n),
    correlation: denom > 0 ? acc[o + 7] / denom : NaN,
    meanMeasuredDbm: acc[o + 3],
    meanPredictedDbm: acc[o + 4],
  };
}

/** Distance bins cover 1 m … 10,000 km (indices clamped at the ends). */
const DECADES_BELOW_1KM = 6;
const DECADES_ABOVE_1KM = 4;

/**
 * Error statistics of the used points of a sample (definitions in the module comment).
 * @example errorStatistics(sample).overall.rmseDb
 */
export function errorStatistics(sample: ErrorSample, options: StatsOptions = {}): MeasurementStats {
  const pred = options.predictedDbm ?? sample.predictedDbm;
  const b = options.binsPerDecade ?? 4;
  const hist = options.histogram ?? { minDb: -40, maxDb: 40, binWidthDb: 1 };
  const nHist = Math.max(1, Math.round((hist.maxDb - hist.minDb) / hist.binWidthDb));
  const counts = new Array<number>(nHist).fill(0);
  let below = 0, above = 0;
  let maxSector = -1;
  for (let i = 0; i < sample.count; i++) if (sample.used[i] && sample.sector[i] > maxSector) maxSector = sample.sector[i];
  const overall = new Float64Array(SLOT);
  const bySector = new Float64Array((maxSector + 1) * SLOT);
  const byClass = new Float64Array(256 * SLOT);
  const kMin = -DECADES_BELOW_1KM * b;
  const nBins = (DECADES_BELOW_1KM + DECADES_ABOVE_1KM) * b;
  const byBin = new Float64Array(nBins * SLOT);
  for (let i = 0; i < sample.count; i++) {
    if (!sample.used[i]) continue;
    const m = sample.measuredDbm[i];
    const p = pred[i];
    const e = m - p;
    add(overall, 0, e, m, p);
    add(bySector, sample.sector[i] * SLOT, e, m, p);
    add(byClass, sample.clutterClass[i] * SLOT, e, m, p);
    let k = Math.floor(Math.log10(sample.distanceKm[i]) * b) - kMin;
    k = k < 0 ? 0 : k >= nBins ? nBins - 1 : k;
    add(byBin, k * SLOT, e, m, p);
    const h = Math.floor((e - hist.minDb) / hist.binWidthDb);
    if (h < 0) below++;
    else if (h >= nHist) above++;
    else counts[h]++;
  }
  const sectorLabel = options.sectorLabel ?? ((k: number) => `sector ${k}`);
  const names = options.classNames ?? CLUTTER_TYPES;
  const className = (k: number) => (k === ALL_CLASSES ? 'all' : names[k] ?? `class ${k}`);
  const groups = (acc: Float64Array, label: (k: number) => string): GroupStats[] => {
    const out: GroupStats[] = [];
    for (let k = 0; k * SLOT < acc.length; k++) if (acc[k * SLOT] > 0) out.push({ key: k, label: label(k), ...summary(acc, k * SLOT) });
    return out;
  };
  const perDistanceBin: DistanceBinStats[] = [];
  for (let k = 0; k < nBins; k++) {
    if (byBin[k * SLOT] === 0) continue;
    perDistanceBin.push({ minKm: 10 ** ((k + kMin) / b), maxKm: 10 ** ((k + 1 + kMin) / b), ...summary(byBin, k * SLOT) });
  }
  return {
    overall: summary(overall, 0),
    perSector: groups(bySector, sectorLabel),
    perClass: groups(byClass, className),
    perDistanceBin,
    histogram: { minDb: hist.minDb, binWidthDb: hist.binWidthDb, counts, below, above },
  };
}

/** Point counts of a predicted (x) × measured (y) grid of `binDb` cells, for a density scatter plot. */
export interface ScatterDensity {
  readonly minDbm: number;
  readonly binDb: number;
  /** Bins per axis. */
  readonly size: number;
  /** counts[iy · size + ix]: ix from the predicted value, iy from the measured value. */
  readonly counts: Uint32Array;
  /** Used points outside the square. */
  readonly outside: number;
}

/**
 * Predicted-vs-measured density of the used points: a million points drawn as a few thousand
 * cells (the chart draws the cells, not the points).
 */
export function scatterDensity(sample: ErrorSample, options: { readonly minDbm?: number; readonly maxDbm?: number; readonly binDb?: number; readonly predictedDbm?: Float64Array } = {}): ScatterDensity {
  const minDbm = options.minDbm ?? -140;
  const binDb = options.binDb ?? 1;
  const size = Math.max(1, Math.round(((options.maxDbm ?? -40) - minDbm) / binDb));
  const pred = options.predictedDbm ?? sample.predictedDbm;
  const counts = new Uint32Array(size * size);
  let outside = 0;
  for (let i = 0; i < sample.count; i++) {
    if (!sample.used[i]) continue;
    const ix = Math.floor((pred[i] - minDbm) / binDb);
    const iy = Math.floor((sample.measuredDbm[i] - minDbm) / binDb);
    if (ix < 0 || iy < 0 || ix >= size || iy >= size) outside++;
    else counts[iy * size + ix]++;
  }
  return { minDbm, binDb, size, counts, outside };
}
