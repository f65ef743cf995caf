/**
 * The engine's side of a calibrated model (calibrate.ts {@link CalibratedModel}): for one
 * sector (its path-loss model id), the correction that src/core/coverage/terms.ts subtracts from
 * the path loss, so that the kernel's tables, the reference, the readout and the point-to-point
 * check all carry it (docs/measurements.md, "Applying it in the engine"):
 *
 *   correction(d, c) = K1_{m,c} + K2_{m,c} · log10(max(d, d_min) / d_ref)      dB, added to RSRP
 *
 * with m the sector's model id (or the calibration's `all` model when it has no entry for that
 * id), c the clutter class of the UE's cell (no clutter map: the model's `every class` entry,
 * class 255), d the horizontal distance. A class without its own fitted entry takes its model's
 * class-255 entry when there is one, else no correction (calibrationTable).
 *
 * The footprint (the disc outside which a sector is not evaluated) must still hold every cell
 * the corrected signal reaches: {@link calibratedReceivers} lowers each receiver's extra loss by
 * the largest correction over [0, cap] (at one end: the correction is monotone in log d).
 */
import { ALL_CLASSES } from './associate.ts';
import { calibrationTable, type CalibratedModel, type CalibrationTable } from './calibrate.ts';

/** One sector's correction (a model id of a calibration). */
export interface SectorCalibration {
  /** The correction added to the RSRP at horizontal distance `dM` (m) in class `cls` (negative: no class), dB. */
  correctionDb(dM: number, cls: number): number;
  /** A text naming the class's correction (equal corrections, equal keys; '' for none): table caches add it to their keys. */
  key(cls: number): string;
  /** The largest correction over distances 0…`capM` in class `cls`, dB (0 when the class has none). */
  maxCorrectionDb(cls: number, capM: number): number;
}

const tables = new WeakMap<CalibratedModel, CalibrationTable>();

/** The calibration's flat table, built once per model object (a worker's structured clone gets its own). */
function tableOf(model: CalibratedModel): CalibrationTable {
  let t = tables.get(model);
  if (!t) {
    t = calibrationTable(model);
    tables.set(model, t);
  }
  return t;
}

/**
 * The correction of a sector whose path-loss model is `modelId`, or null when the calibration is
 * absent or has no entry for that model (nor an `all` entry).
 */
export function sectorCalibration(model: CalibratedModel | null | undefined, modelId: string): SectorCalibration | null {
  if (!model) return null;
  const t = tableOf(model);
  let m = t.modelIds.indexOf(modelId);
  if (m < 0) m = t.modelIds.indexOf('all');
  if (m < 0) return null;
  const base = m * 256;
  const at = (cls: number) => base + (cls < 0 || cls > 255 ? ALL_CLASSES : cls);
  const dMinKm = t.minDistanceKm, refKm = t.referenceDistanceKm;
  const corr = (j: number, dKm: number) => t.offsetDb[j] + t.slopeDbPerDecade[j] * Math.log10((dKm > dMinKm ? dKm : dMinKm) / refKm);
  return {
    correctionDb: (dM, cls) => {
      const j = at(cls);
      return t.offsetDb[j] === 0 && t.slopeDbPerDecade[j] === 0 ? 0 : corr(j, dM / 1000);
    },
    key: (cls) => {
      const j = at(cls);
      return t.offsetDb[j] === 0 && t.slopeDbPerDecade[j] === 0 ? '' : `${t.offsetDb[j]},${t.slopeDbPerDecade[j]},${dMinKm},${refKm}`;
    },
    maxCorrectionDb: (cls, capM) => {
      const j = at(cls);
      if (t.offsetDb[j] === 0 && t.slopeDbPerDecade[j] === 0) return 0;
      return Math.max(corr(j, 0), corr(j, capM / 1000));
    },
  };
}

/**
 * Footprint receivers (clutter/table.ts `footprintReceivers`: one per class of `classes`, in that
 * order, or one without a class) with each one's extra loss lowered by its class's largest
 * correction, so that the footprint computed over them holds every cell the corrected signal
 * reaches. Unchanged without a correction.
 */
export function calibratedReceivers<R extends { readonly extraLossDb: number }>(receivers: readonly R[], cal: SectorCalibration | null, classes: readonly number[] | null, capM: number): R[] {
  if (!cal) return [...receivers];
  return receivers.map((r, k) => ({ ...r, extraLossDb: r.extraLossDb - cal.maxCorrectionDb(classes ? classes[k] : -1, capM) }));
}
