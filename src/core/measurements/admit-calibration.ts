/**
 * The scenario gate's check of a calibrated model (`Scenario.calibration`, calibrate.ts
 * {@link CalibratedModel}): every member is read with its expected type and range and the model
 * is rebuilt from the known members only, so nothing unexpected reaches the engine, the autosave
 * or a share link. A problem refuses the scenario with the path of the member
 * (`calibration.perClass[2].offsetDb: …`), through the caller's `refuse`.
 *
 * Ranges:
 * - `format` = "phusong-calibration", `version` = 1; `name` text of 1–200 characters (sanitised);
 * - `referenceDistanceKm` and `minDistanceKm` in (0, 100] km; `folds` a whole number 2–100;
 *   `seed` a whole number 0…2³²−1; `minPoints` a whole number ≥ 1; `outlierMadFactor` > 0;
 * - `perClass`: a list of at most {@link MAX_CALIBRATION_ENTRIES} entries, no two with the same
 *   (modelId, class); `modelId` text of 1–200 characters, `class` a whole number 0–255,
 *   `offsetDb` within ±{@link MAX_CORRECTION_DB} dB and `slopeDbPerDecade` within
 *   ±{@link MAX_CORRECTION_DB} dB/decade (finite: they enter every coverage value), `fitted` and
 *   `slopeFitted` true or false, `nPoints` and `nOutliers` whole numbers ≥ 0;
 * - the diagnostic figures (held-out RMSE and mean errors, distance spread, slope standard error)
 *   are numbers, or null where they were not finite (JSON writes NaN and ∞ as null): read back as
 *   NaN. `reason` optional text.
 */
import { sanitizeText, describeValue } from '../scenario/text.ts';
import type { CalibratedModel, CalibrationEntry } from './calibrate.ts';

/** Largest number of (model, class) entries a calibration may hold (64 models × every class would be far beyond any use). */
export const MAX_CALIBRATION_ENTRIES = 4096;
/** Largest |offset| (dB) and |slope| (dB/decade) accepted: a correction beyond that is not a calibration. */
export const MAX_CORRECTION_DB = 100;
const MAX_TEXT = 200;

type Refuse = (path: string, reason: string) => never;

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks and rebuilds a calibrated model.
 * @param value - the scenario's `calibration` member (not null / undefined)
 * @param refuse - throws the caller's refusal; paths passed are relative (`.name`, `.perClass[0].class`)
 */
export function admitCalibratedModel(value: unknown, refuse: Refuse): CalibratedModel {
  if (!isObj(value)) return refuse('', `must be a calibrated model (an object), got ${describeValue(value)}`);
  const text = (o: Record<string, unknown>, key: string, path: string): string => {
    const v = own(o, key);
    if (typeof v !== 'string') return refuse(`${path}.${key}`, `must be text, got ${describeValue(v)}`);
    const s = sanitizeText(v).trim();
    if (s.length < 1 || s.length > MAX_TEXT) return refuse(`${path}.${key}`, `must be 1–${MAX_TEXT} characters, got ${s.length}`);
    return s;
  };
  const num = (o: Record<string, unknown>, key: string, path: string, ok: (v: number) => boolean, what: string): number => {
    const v = own(o, key);
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) return refuse(`${path}.${key}`, `must be ${what}, got ${describeValue(v)}`);
    return v;
  };
  const figure = (o: Record<string, unknown>, key: string, path: string): number => {
    const v = own(o, key);
    if (v === null) return NaN;
    if (typeof v !== 'number') return refuse(`${path}.${key}`, `must be a number (or null), got ${describeValue(v)}`);
    return v;
  };
  const bool = (o: Record<string, unknown>, key: string, path: string): boolean => {
    const v = own(o, key);
    if (typeof v !== 'boolean') return refuse(`${path}.${key}`, `must be true or false, got ${describeValue(v)}`);
    return v;
  };
  const whole = (min: number, max: number) => (v: number) => Number.isInteger(v) && v >= min && v <= max;

  if (own(value, 'format') !== 'phusong-calibration') refuse('.format', `must be "phusong-calibration", got ${describeValue(own(value, 'format'))}`);
  if (own(value, 'version') !== 1) refuse('.version', `must be 1, got ${describeValue(own(value, 'version'))}`);
  const name = text(value, 'name', '');
  const distance = (v: number) => v > 0 && v <= 100;
  const referenceDistanceKm = num(value, 'referenceDistanceKm', '', distance, 'a distance in (0, 100] km');
  const minDistanceKm = num(value, 'minDistanceKm', '', distance, 'a distance in (0, 100] km');
  const folds = num(value, 'folds', '', whole(2, 100), 'a whole number 2–100');
  const seed = num(value, 'seed', '', whole(0, 2 ** 32 - 1), 'a whole number 0–4294967295');
  const minPoints = num(value, 'minPoints', '', whole(1, Number.MAX_SAFE_INTEGER), 'a whole number ≥ 1');
  const outlierMadFactor = num(value, 'outlierMadFactor', '', (v) => v > 0, 'a number > 0');
  const list = own(value, 'perClass');
  if (!Array.isArray(list)) return refuse('.perClass', `must be a list, got ${describeValue(list)}`);
  if (list.length > MAX_CALIBRATION_ENTRIES) refuse('.perClass', `${list.length} entries, more than the ${MAX_CALIBRATION_ENTRIES} a calibration may hold`);
  const seen = new Map<string, number>();
  const perClass = list.map((e: unknown, i: number): CalibrationEntry => {
    const p = `.perClass[${i}]`;
    if (!isObj(e)) return refuse(p, `must be an object, got ${describeValue(e)}`);
    const modelId = text(e, 'modelId', p);
    const cls = num(e, 'class', p, whole(0, 255), 'a whole number 0–255 (255: every class)');
    const key = `${modelId}\u0000${cls}`;
    const first = seen.get(key);
    if (first !== undefined) refuse(`${p}.class`, `model "${modelId}" class ${cls} is also .perClass[${first}]; each (model, class) may appear once`);
    seen.set(key, i);
    const bounded = (v: number) => Math.abs(v) <= MAX_CORRECTION_DB;
    const entry: CalibrationEntry = {
      modelId,
      class: cls,
      className: text(e, 'className', p),
      offsetDb: num(e, 'offsetDb', p, bounded, `a finite number of dB within ±${MAX_CORRECTION_DB}`),
      slopeDbPerDecade: num(e, 'slopeDbPerDecade', p, bounded, `a finite number of dB/decade within ±${MAX_CORRECTION_DB}`),
      nPoints: num(e, 'nPoints', p, whole(0, Number.MAX_SAFE_INTEGER), 'a whole number ≥ 0'),
      nOutliers: num(e, 'nOutliers', p, whole(0, Number.MAX_SAFE_INTEGER), 'a whole number ≥ 0'),
      rmseBeforeDb: figure(e, 'rmseBeforeDb', p),
      rmseAfterDb: figure(e, 'rmseAfterDb', p),
      meanErrorBeforeDb: figure(e, 'meanErrorBeforeDb', p),
      meanErrorAfterDb: figure(e, 'meanErrorAfterDb', p),
      logDistanceSpreadDecades: figure(e, 'logDistanceSpreadDecades', p),
      slopeStdErrorDbPerDecade: figure(e, 'slopeStdErrorDbPerDecade', p),
      fitted: bool(e, 'fitted', p),
      slopeFitted: bool(e, 'slopeFitted', p),
    };
    const reason = own(e, 'reason');
    if (reason === undefined || reason === null) return entry;
    if (typeof reason !== 'string' || reason.length > 1000) return refuse(`${p}.reason`, `must be text of at most 1000 characters, got ${describeValue(reason)}`);
    return { ...entry, reason: sanitizeText(reason) };
  });
  return { format: 'phusong-calibration', version: 1, name, referenceDistanceKm, minDistanceKm, folds, seed, minPoints, outlierMadFactor, perClass };
}
