/**
 * Calibration of the prediction against measurements, per clutter class (and per path-loss model
 * when sectors use several): the "standard propagation model" correction of commercial planners
 * reduced to its two most-used terms, an offset K1 and a distance slope K2, added on top of each
 * sector's own model:
 *
 *   corrected(d) = predicted + K1_c + K2_c · log10(max(d, d_min) / d_ref)
 *
 * with d the horizontal site–point distance, d_ref = 1 km ({@link REFERENCE_DISTANCE_KM}, so K1 is
 * the correction at 1 km, the middle of a macro cell's measured range, and K1 and K2 are nearly
 * uncorrelated for drive tests spanning 0.1–10 km) and d_min = 10 m (the log is clamped there:
 * points at the foot of the mast would otherwise dominate the slope).
 *
 * Fit (docs/measurements.md, "Calibration"), per group g = (model, class):
 * 1. least squares of e = measured − predicted on x = log10(d/d_ref) over the group's used points
 *    (K2 = Sxy/Sxx, K1 = ē − K2 x̄ on centred sums); when the spread of x (its standard deviation)
 *    is below `minLogDistanceSpreadDecades` (0.1 decade), or the slope's standard error
 *    s_res / sqrt(Sxx) is above `maxSlopeStdErrorDbPerDecade` (1 dB/decade; the formula assumes
 *    independent points, so with correlated shadowing the true uncertainty is larger still), the
 *    slope cannot be told from the offset and only K1 = ē is fitted;
 * 2. outliers: residuals r of that fit with |r − median(r)| > `outlierMadFactor` (3) × 1.4826 ×
 *    MAD(r) (the scaled median absolute deviation estimates σ for Gaussian errors, so 3 ≈ 3σ) are
 *    flagged, reported and left out of the final fit and of the RMSE figures;
 * 3. a group with fewer than `minPoints` (30) points left is not fitted (reported with its reason;
 *    its correction is 0); otherwise the fit is repeated without the outliers.
 * Hold-out: the used, non-outlier points are dealt into k folds (default 5) by a seeded shuffle;
 * each fold's points are corrected by the fit of the other k − 1 folds (same rules), and the
 * before / after RMSE are computed on those held-out corrections. Folds are by point, not by
 * stretch of road: with two parameters per class, the spatial correlation of shadowing between a
 * held-out point and its training neighbours cannot be learnt by the model.
 */
import { CLUTTER_TYPES } from '../clutter/p2108.ts';
import { ALL_CLASSES, type ErrorSample } from './associate.ts';
import { mulberry32, shuffledIndices } from '../prng.ts';

/** Distance at which the offset K1 applies, km. */
export const REFERENCE_DISTANCE_KM = 1;
/** Distances below this are taken as this in the log term, km. */
export const DEFAULT_MIN_DISTANCE_KM = 0.01;
/** Default minimum points of a fitted group. */
export const DEFAULT_MIN_POINTS = 30;
/** Default outlier threshold, in scaled MADs. */
export const DEFAULT_OUTLIER_MAD_FACTOR = 3;
/** Default smallest standard deviation of log10(d) for fitting a slope, decades. */
export const DEFAULT_MIN_LOG_DISTANCE_SPREAD = 0.1;
/** Default largest standard error of a fitted slope, dB/decade. */
export const DEFAULT_MAX_SLOPE_STD_ERROR = 1;
/** MAD → σ for a normal distribution: 1 / Φ⁻¹(3/4). */
const MAD_TO_SIGMA = 1.4826;

export interface CalibrationOptions {
  /** Name of the calibrated model (shown in legends and reports). */
  readonly name: string;
  /** Hold-out folds, 2–100 (default 5). */
  readonly folds?: number;
  /** Seed of the fold shuffle (default 1). */
  readonly seed?: number;
  readonly minPoints?: number;
  readonly outlierMadFactor?: number;
  readonly minDistanceKm?: number;
  readonly minLogDistanceSpreadDecades?: number;
  readonly maxSlopeStdErrorDbPerDecade?: number;
  /** Path-loss model id of a sector (groups are per model and class); default: one model `all`. */
  readonly modelIdOfSector?: (sectorIndex: number) => string;
  /** Class names by index (default P.2108 classes, CLUTTER_TYPES). */
  readonly classNames?: readonly string[];
}

/** The correction of one (model, clutter class) group. */
export interface CalibrationEntry {
  readonly modelId: string;
  /** Clutter class index ({@link ALL_CLASSES}: every class of the model). */
  readonly class: number;
  readonly className: string;
  /** K1: correction at the reference distance, dB (added to the predicted RSRP). */
  readonly offsetDb: number;
  /** K2: change of the correction per decade of distance, dB/decade. */
  readonly slopeDbPerDecade: number;
  /** Points of the group used in the fit (outliers excluded). */
  readonly nPoints: number;
  readonly nOutliers: number;
  /** Held-out (k-fold) RMSE of the error before and after the correction, dB. */
  readonly rmseBeforeDb: number;
  readonly rmseAfterDb: number;
  /** Held-out mean error before and after, dB. */
  readonly meanErrorBeforeDb: number;
  readonly meanErrorAfterDb: number;
  /** Standard deviation of log10(d / d_ref) over the group, decades. */
  readonly logDistanceSpreadDecades: number;
  /** Standard error of the slope, s_res / sqrt(Sxx) (independent-point formula), dB/decade. */
  readonly slopeStdErrorDbPerDecade: number;
  readonly fitted: boolean;
  readonly slopeFitted: boolean;
  /** Why the group, or its slope, was not fitted. */
  readonly reason?: string;
}

/** A named calibration: plain JSON, stored in a scenario and applied by the engine. */
export interface CalibratedModel {
  readonly format: 'phusong-calibration';
  readonly version: 1;
  readonly name: string;
  readonly referenceDistanceKm: number;
  readonly minDistanceKm: number;
  readonly folds: number;
  readonly seed: number;
  readonly minPoints: number;
  readonly outlierMadFactor: number;
  /** One entry per (model, class) group with points, by model id then class. */
  readonly perClass: readonly CalibrationEntry[];
}

/** Whole-sample figures (held-out after-values), over the used points without outliers. */
export interface CalibrationSummary {
  /** Points with a serving sector and a prediction. */
  readonly nPoints: number;
  /** Of those, not outliers (the points of every figure below). */
  readonly nUsed: number;
  readonly nOutliers: number;
  readonly meanErrorBeforeDb: number;
  readonly meanErrorAfterDb: number;
  readonly rmseBeforeDb: number;
  readonly rmseAfterDb: number;
  readonly stdBeforeDb: number;
  readonly stdAfterDb: number;
}

export interface CalibrationResult {
  readonly model: CalibratedModel;
  readonly summary: CalibrationSummary;
  /** Per point: index of its group in `model.perClass`, −1 when not used. */
  readonly group: Int32Array;
  /** Per point: 1 for an outlier. */
  readonly outlier: Uint8Array;
  /** Per point: its hold-out fold, 255 when not used or an outlier. */
  readonly fold: Uint8Array;
  /** Per point: correction by the final model, dB (NaN when not used). */
  readonly correctionDb: Float64Array;
  /** Per point: correction by the fit of the other folds, dB (NaN when not used or an outlier). */
  readonly heldOutCorrectionDb: Float64Array;
}

/** Least-squares line of e on x from raw sums. */
interface Fit {
  readonly offsetDb: number;
  readonly slope: number;
  readonly spread: number;
  /** Standard error of the slope, dB/decade (independent-sample formula). */
  readonly slopeStdError: number;
  readonly slopeFitted: boolean;
  readonly ok: boolean;
}

/** Sums per group: n, Σx, Σe, Σx², Σxe, Σe². */
const SUMS = 6;

interface FitRules {
  readonly minPoints: number;
  readonly minSpread: number;
  readonly maxSlopeStdError: number;
}

/** The fit of the sums at `o` of `S` minus those at `m` of `M` (pass M = null for none). */
function fitSums(S: Float64Array, o: number, M: Float64Array | null, m: number, rules: FitRules): Fit {
  const v = (k: number) => S[o + k] - (M ? M[m + k] : 0);
  const n = v(0);
  if (n < rules.minPoints || n === 0) return { offsetDb: 0, slope: 0, spread: NaN, slopeStdError: NaN, slopeFitted: false, ok: false };
  const mx = v(1) / n;
  const my = v(2) / n;
  const cxx = Math.max(0, v(3) - n * mx * mx);
  const cxy = v(4) - n * mx * my;
  const cyy = Math.max(0, v(5) - n * my * my);
  const spread = Math.sqrt(cxx / n);
  const slope = cxx > 0 ? cxy / cxx : 0;
  // Residual variance of the line and the slope's standard error, s / sqrt(Sxx).
  const rss = Math.max(0, cyy - slope * cxy);
  const slopeStdError = n > 2 && cxx > 0 ? Math.sqrt(rss / (n - 2) / cxx) : Infinity;
  if (!(spread >= rules.minSpread) || !(slopeStdError <= rules.maxSlopeStdError)) return { offsetDb: my, slope: 0, spread, slopeStdError, slopeFitted: false, ok: true };
  return { offsetDb: my - slope * mx, slope, spread, slopeStdError, slopeFitted: true, ok: true };
}

function median(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  const s = values.slice().sort();
  return n % 2 ? s[(n - 1) >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/**
 * Fits the per-class correction with k-fold hold-out (method in the module comment).
 * @param sample - measured and predicted values of the associated points
 */
export function calibrate(sample: ErrorSample, options: CalibrationOptions): CalibrationResult {
  const k = Math.min(100, Math.max(2, Math.floor(options.folds ?? 5)));
  const seed = options.seed ?? 1;
  const minPoints = options.minPoints ?? DEFAULT_MIN_POINTS;
  const madFactor = options.outlierMadFactor ?? DEFAULT_OUTLIER_MAD_FACTOR;
  const dMin = options.minDistanceKm ?? DEFAULT_MIN_DISTANCE_KM;
  const minSpread = options.minLogDistanceSpreadDecades ?? DEFAULT_MIN_LOG_DISTANCE_SPREAD;
  const maxSlopeStdError = options.maxSlopeStdErrorDbPerDecade ?? DEFAULT_MAX_SLOPE_STD_ERROR;
  const classNames = options.classNames ?? CLUTTER_TYPES;
  const modelOf = options.modelIdOfSector ?? (() => 'all');
  const n = sample.count;

  // Groups: (model, class) of each used point.
  const modelIds: string[] = [];
  const modelIndexOf = new Map<string, number>();
  const sectorModel = new Map<number, number>();
  const groupOfKey = new Map<number, number>();
  const groupKeys: number[] = [];
  const group = new Int32Array(n).fill(-1);
  const x = new Float64Array(n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!sample.used[i]) continue;
    const s = sample.sector[i];
    let m = sectorModel.get(s);
    if (m === undefined) {
      const id = modelOf(s);
      m = modelIndexOf.get(id);
      if (m === undefined) {
        m = modelIds.length;
        modelIds.push(id);
        modelIndexOf.set(id, m);
      }
      sectorModel.set(s, m);
    }
    const key = m * 256 + sample.clutterClass[i];
    let g = groupOfKey.get(key);
    if (g === undefined) {
      g = groupKeys.length;
      groupKeys.push(key);
      groupOfKey.set(key, g);
    }
    group[i] = g;
    x[i] = Math.log10(Math.max(sample.distanceKm[i], dMin) / REFERENCE_DISTANCE_KM);
    e[i] = sample.measuredDbm[i] - sample.predictedDbm[i];
  }
  const G = groupKeys.length;

  // 1. First fit on every point of each group.
  const rules: FitRules = { minPoints, minSpread, maxSlopeStdError };
  const sums = (skipOutliers: Uint8Array | null): Float64Array => {
    const S = new Float64Array(G * SUMS);
    for (let i = 0; i < n; i++) {
      const g = group[i];
      if (g < 0 || (skipOutliers && skipOutliers[i])) continue;
      addSums(S, g * SUMS, x[i], e[i]);
    }
    return S;
  };
  const fitsOf = (S: Float64Array): Fit[] => Array.from({ length: G }, (_, g) => fitSums(S, g * SUMS, null, 0, rules));
  const first = fitsOf(sums(null));

  // 2. Outliers from the residuals of the first fit (groups too small to fit keep their points).
  const counts = new Int32Array(G + 1);
  for (let i = 0; i < n; i++) if (group[i] >= 0) counts[group[i] + 1]++;
  for (let g = 0; g < G; g++) counts[g + 1] += counts[g];
  const resid = new Float64Array(counts[G]);
  const fill = counts.slice(0, G);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (g >= 0) resid[fill[g]++] = e[i] - (first[g].offsetDb + first[g].slope * x[i]);
  }
  const limit = new Float64Array(G).fill(Infinity);
  const centre = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    if (!first[g].ok) continue;
    const r = resid.subarray(counts[g], counts[g + 1]);
    const med = median(r);
    const dev = new Float64Array(r.length);
    for (let j = 0; j < r.length; j++) dev[j] = Math.abs(r[j] - med);
    const mad = median(dev);
    centre[g] = med;
    if (mad > 0) limit[g] = madFactor * MAD_TO_SIGMA * mad;
  }
  const outlier = new Uint8Array(n);
  const nOutliers = new Int32Array(G);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (g < 0) continue;
    if (Math.abs(e[i] - (first[g].offsetDb + first[g].slope * x[i]) - centre[g]) > limit[g]) {
      outlier[i] = 1;
      nOutliers[g]++;
    }
  }

  // 3. Final fit without outliers.
  const total = sums(outlier);
  const final = fitsOf(total);

  // Hold-out: deal the kept points into k folds.
  let nKept = 0;
  for (let i = 0; i < n; i++) if (group[i] >= 0 && !outlier[i]) nKept++;
  const keptIdx = new Int32Array(nKept);
  for (let i = 0, j = 0; i < n; i++) if (group[i] >= 0 && !outlier[i]) keptIdx[j++] = i;
  const perm = shuffledIndices(keptIdx.length, mulberry32(seed));
  const fold = new Uint8Array(n).fill(255);
  for (let j = 0; j < perm.length; j++) fold[keptIdx[perm[j]]] = j % k;
  const foldSums = new Float64Array(G * k * SUMS);
  for (const i of keptIdx) addSums(foldSums, (group[i] * k + fold[i]) * SUMS, x[i], e[i]);
  const heldFits: Fit[] = new Array(G * k);
  for (let g = 0; g < G; g++) {
    for (let f = 0; f < k; f++) heldFits[g * k + f] = fitSums(total, g * SUMS, foldSums, (g * k + f) * SUMS, rules);
  }
  const correctionDb = new Float64Array(n).fill(NaN);
  const heldOutCorrectionDb = new Float64Array(n).fill(NaN);
  // Per group and overall: n, Σe, Σe², Σa, Σa² (a = error after).
  const acc = new Float64Array((G + 1) * 5);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (g < 0) continue;
    const fin = final[g];
    correctionDb[i] = fin.ok ? fin.offsetDb + fin.slope * x[i] : 0;
    if (outlier[i]) continue;
    const h = heldFits[g * k + fold[i]];
    const c = h.ok ? h.offsetDb + h.slope * x[i] : 0;
    heldOutCorrectionDb[i] = c;
    const a = e[i] - c;
    const ei = e[i];
    for (let o = g * 5, pass = 0; pass < 2; o = G * 5, pass++) {
      acc[o]++;
      acc[o + 1] += ei;
      acc[o + 2] += ei * ei;
      acc[o + 3] += a;
      acc[o + 4] += a * a;
    }
  }

  const entries = groupKeys.map((key, g) => {
    const cls = key % 256;
    const fin = final[g];
    const spread = fitSums(total, g * SUMS, null, 0, { minPoints: 1, minSpread: Infinity, maxSlopeStdError: Infinity }).spread;
    const nPts = total[g * SUMS];
    const o = g * 5;
    let reason: string | undefined;
    if (!fin.ok) reason = `too few points: ${nPts} < ${minPoints}`;
    else if (!(fin.spread >= minSpread)) reason = `distance spread ${round(spread, 3)} decade < ${minSpread}: slope not fitted (offset only)`;
    else if (!fin.slopeFitted) reason = `slope standard error ${round(fin.slopeStdError, 2)} dB/decade > ${maxSlopeStdError}: slope not fitted (offset only)`;
    const entry: CalibrationEntry = {
      modelId: modelIds[Math.floor(key / 256)],
      class: cls,
      className: cls === ALL_CLASSES ? 'all' : classNames[cls] ?? `class ${cls}`,
      offsetDb: fin.offsetDb,
      slopeDbPerDecade: fin.slope,
      nPoints: nPts,
      nOutliers: nOutliers[g],
      rmseBeforeDb: Math.sqrt(acc[o + 2] / acc[o]),
      rmseAfterDb: Math.sqrt(acc[o + 4] / acc[o]),
      meanErrorBeforeDb: acc[o + 1] / acc[o],
      meanErrorAfterDb: acc[o + 3] / acc[o],
      logDistanceSpreadDecades: spread,
      slopeStdErrorDbPerDecade: fin.slopeStdError,
      fitted: fin.ok,
      slopeFitted: fin.slopeFitted,
    };
    return reason === undefined ? entry : { ...entry, reason };
  });
  const order = entries.map((_, g) => g).sort((a, b) => (entries[a].modelId < entries[b].modelId ? -1 : entries[a].modelId > entries[b].modelId ? 1 : entries[a].class - entries[b].class));
  const rank = new Int32Array(G);
  order.forEach((g, r) => (rank[g] = r));
  for (let i = 0; i < n; i++) if (group[i] >= 0) group[i] = rank[group[i]];

  const o = G * 5;
  const m = acc[o];
  const usedPoints = counts[G];
  const summary: CalibrationSummary = {
    nPoints: usedPoints,
    nUsed: m,
    nOutliers: usedPoints - m,
    meanErrorBeforeDb: acc[o + 1] / m,
    meanErrorAfterDb: acc[o + 3] / m,
    rmseBeforeDb: Math.sqrt(acc[o + 2] / m),
    rmseAfterDb: Math.sqrt(acc[o + 4] / m),
    stdBeforeDb: Math.sqrt(Math.max(0, acc[o + 2] - (acc[o + 1] * acc[o + 1]) / m) / (m - 1)),
    stdAfterDb: Math.sqrt(Math.max(0, acc[o + 4] - (acc[o + 3] * acc[o + 3]) / m) / (m - 1)),
  };
  const model: CalibratedModel = {
    format: 'phusong-calibration', version: 1, name: options.name, referenceDistanceKm: REFERENCE_DISTANCE_KM, minDistanceKm: dMin,
    folds: k, seed, minPoints, outlierMadFactor: madFactor, perClass: order.map((g) => entries[g]),
  };
  return { model, summary, group, outlier, fold, correctionDb, heldOutCorrectionDb };
}

function addSums(S: Float64Array, o: number, x: number, e: number): void {
  S[o]++;
  S[o + 1] += x;
  S[o + 2] += e;
  S[o + 3] += x * x;
  S[o + 4] += x * e;
  S[o + 5] += e * e;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/**
 * The correction K1 + K2 · log10(max(d, d_min) / d_ref) of one entry at a distance, dB (0 for an
 * entry that was not fitted).
 */
export function calibrationCorrectionDb(entry: Pick<CalibrationEntry, 'offsetDb' | 'slopeDbPerDecade' | 'fitted'>, distanceKm: number, model: Pick<CalibratedModel, 'minDistanceKm' | 'referenceDistanceKm'>): number {
  if (!entry.fitted) return 0;
  return entry.offsetDb + entry.slopeDbPerDecade * Math.log10(Math.max(distanceKm, model.minDistanceKm) / model.referenceDistanceKm);
}

/**
 * The calibration as flat tables for a kernel: entry (m, c) at `m * 256 + c`, m the index of the
 * model id in `modelIds`. A class without its own fitted entry takes its model's {@link
 * ALL_CLASSES} entry when there is one, else no correction (0, 0).
 */
export interface CalibrationTable {
  readonly modelIds: readonly string[];
  readonly offsetDb: Float64Array;
  readonly slopeDbPerDecade: Float64Array;
  readonly referenceDistanceKm: number;
  readonly minDistanceKm: number;
}

export function calibrationTable(model: CalibratedModel): CalibrationTable {
  const modelIds = [...new Set(model.perClass.map((e) => e.modelId))];
  const offsetDb = new Float64Array(modelIds.length * 256);
  const slopeDbPerDecade = new Float64Array(modelIds.length * 256);
  modelIds.forEach((id, m) => {
    const all = model.perClass.find((e) => e.modelId === id && e.class === ALL_CLASSES && e.fitted);
    for (let c = 0; c < 256; c++) {
      const own = model.perClass.find((e) => e.modelId === id && e.class === c && e.fitted) ?? all;
      if (own) {
        offsetDb[m * 256 + c] = own.offsetDb;
        slopeDbPerDecade[m * 256 + c] = own.slopeDbPerDecade;
      }
    }
  });
  return { modelIds, offsetDb, slopeDbPerDecade, referenceDistanceKm: model.referenceDistanceKm, minDistanceKm: model.minDistanceKm };
}

/**
 * Predictions of a sample corrected by a calibrated model (NaN where not used). A sector whose
 * model id the calibration does not know takes its `all` model, else no correction (as the engine).
 * @param modelIdOfSector - the model id of a sector, as given to {@link calibrate}
 */
export function correctedPredictions(sample: ErrorSample, model: CalibratedModel, modelIdOfSector: (sectorIndex: number) => string = () => 'all'): Float64Array {
  const t = calibrationTable(model);
  const mIndex = new Map(t.modelIds.map((id, m) => [id, m]));
  const out = new Float64Array(sample.count).fill(NaN);
  const cache = new Map<number, number>();
  for (let i = 0; i < sample.count; i++) {
    if (!sample.used[i]) continue;
    const s = sample.sector[i];
    let m = cache.get(s);
    if (m === undefined) {
      // As the engine (correction.ts): a model without entries takes the `all` model's.
      m = mIndex.get(modelIdOfSector(s)) ?? mIndex.get('all') ?? -1;
      cache.set(s, m);
    }
    let c = 0;
    if (m >= 0) {
      const j = m * 256 + sample.clutterClass[i];
      c = t.offsetDb[j] + t.slopeDbPerDecade[j] * Math.log10(Math.max(sample.distanceKm[i], t.minDistanceKm) / t.referenceDistanceKm);
    }
    out[i] = sample.predictedDbm[i] + c;
  }
  return out;
}
