/**
 * The measurement worker's API (issue 14): a dropped drive-test file is read HERE, streamed from
 * the File in pieces (src/core/measurements/import.ts), so that a million points never make a
 * main-thread task; the points stay here (tens of MB of typed arrays) and the main thread gets
 * summaries, statistics, chart data and two pictures to draw (raster.ts). Thin: the computations
 * are src/core/measurements'.
 *
 * State: the file being previewed (`pending`), the file accepted (`dataset`), the comparison with
 * the current scene and the last calibration fitted on it.
 */
import type { Position } from 'geojson';
import { planScene, type EngineOptions, type Scene } from '../src/core/coverage/scene.ts';
import type { Scenario } from '../src/core/scenario/scenario.ts';
import { calibrateComparison, compareMeasurements, detectCarrier, type CellIdSource, type Comparison } from '../src/core/measurements/compare.ts';
import type { CalibratedModel, CalibrationSummary } from '../src/core/measurements/calibrate.ts';
import { importMeasurementsGeoJson, importMeasurementStream, type MeasurementPreview } from '../src/core/measurements/import.ts';
import { MeasurementFileError, type MeasurementProblem } from '../src/core/measurements/messages.ts';
import type { ColumnMapping } from '../src/core/measurements/columns.ts';
import type { MeasurementImportSummary } from '../src/core/measurements/csv-stream.ts';
import { pointImage, type PointImage, type PointStyle } from '../src/core/measurements/raster.ts';
import { scatterDensity, type MeasurementStats, type ScatterDensity } from '../src/core/measurements/stats.ts';

/** The pictures: 2048 pixels at most, points of 5 × 5 pixels (visible when the whole province is in view). */
const IMAGE_OPTIONS = { maxSidePx: 2048, radiusPx: 2 } as const;

/** Problems sent to the main thread (the rest are counted). */
const MAX_PROBLEMS_SHOWN = 1000;

/** What the preview shows of a file read (the points stay in the worker). */
export interface MeasurementImportView extends Omit<MeasurementImportSummary, 'problems'> {
  readonly problems: readonly MeasurementProblem[];
  readonly bytes: number;
}

/** The file could not be read as measurements: its message, and the header when a column is missing (a mapping form). */
export interface MeasurementFileProblem {
  readonly fileError: string;
  readonly header: readonly string[] | null;
  readonly missing: readonly string[];
}

export type MeasurementImportResult = { readonly ok: MeasurementImportView } | { readonly problem: MeasurementFileProblem };

/** What the comparison needs: the scene's inputs (the coverage's), the carrier shown as a fallback, the colours. */
export interface MeasurementCompareRequest {
  readonly scenario: Scenario;
  readonly boundaryRings: Position[][];
  readonly options: Partial<EngineOptions>;
  readonly clutter: Uint8Array | null;
  readonly dem: Float32Array | null;
  /** Compared when the file names no channel of a carrier. */
  readonly shownCarrierId: string | null;
  readonly styles: { readonly measured: PointStyle; readonly error: PointStyle };
}

export interface MeasurementComparisonView {
  readonly fileName: string;
  readonly carrierId: string;
  /** How the carrier was chosen: the file's EARFCN / NR-ARFCN, or the carrier shown. */
  readonly carrierFrom: 'channels' | 'shown';
  readonly cellIdSource: CellIdSource;
  readonly countBy: { readonly cellId: number; readonly pci: number; readonly bestServer: number };
  readonly points: number;
  readonly compared: number;
  readonly problems: readonly MeasurementProblem[];
  readonly problemCount: number;
  /** Error statistics against the model (no calibration) and as on the map (with the scenario's calibration, or null). */
  readonly before: MeasurementStats;
  readonly current: MeasurementStats | null;
  readonly calibrationName: string | null;
  /** Predicted (as on the map) × measured density. */
  readonly scatter: ScatterDensity;
  readonly images: { readonly measured: PointPicture | null; readonly error: PointPicture | null };
}

/**
 * A picture of the points for the map: where it goes, how many points it shows, and a PNG made
 * here (an object URL the map loads and decodes off the main thread; a canvas source would read
 * back and upload the whole canvas on the main thread, ~0.9 s for 2048 × 1336 pixels under
 * software WebGL).
 */
export interface PointPicture extends Omit<PointImage, 'rgba'> {
  readonly url: string;
}

export interface MeasurementCalibrationView {
  readonly model: CalibratedModel;
  readonly summary: CalibrationSummary;
  /** Statistics with the fitted correction (in-sample). */
  readonly after: MeasurementStats;
  readonly scatter: ScatterDensity;
}

interface Dataset {
  readonly preview: MeasurementPreview;
  readonly bytes: number;
}

function viewOf(p: MeasurementPreview, bytes: number): MeasurementImportView {
  const { points: _points, cellIds: _ids, problems, ...rest } = p;
  return { ...rest, problems: problems.slice(0, MAX_PROBLEMS_SHOWN), bytes };
}

export function makeMeasurementsApi() {
  let pending: Dataset | null = null;
  let dataset: Dataset | null = null;
  let comparison: { readonly cmp: Comparison; readonly scene: Scene } | null = null;
  let importAbort: AbortController | null = null;

  let urls: string[] = [];
  const picture = async (img: PointImage | null): Promise<PointPicture | null> => {
    if (!img) return null;
    const canvas = new OffscreenCanvas(img.width, img.height);
    canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(img.rgba.buffer as ArrayBuffer, img.rgba.byteOffset, img.rgba.byteLength), img.width, img.height), 0, 0);
    const url = URL.createObjectURL(await canvas.convertToBlob({ type: 'image/png' }));
    urls.push(url);
    const { rgba: _rgba, ...where } = img;
    return { ...where, url };
  };
  const images = async (d: Dataset, measured: Float64Array, error: Float64Array, used: Uint8Array, styles: MeasurementCompareRequest['styles']) => {
    const p = d.preview.points;
    // The previous comparison's pictures are loaded (or superseded) by now.
    for (const u of urls) URL.revokeObjectURL(u);
    urls = [];
    return {
      measured: await picture(pointImage(p.lonDeg, p.latDeg, measured, used, p.count, styles.measured, IMAGE_OPTIONS)),
      error: await picture(pointImage(p.lonDeg, p.latDeg, error, used, p.count, styles.error, IMAGE_OPTIONS)),
    };
  };

  return {
    /**
     * Reads a file (streamed from the File), keeps it as the pending import and returns its preview.
     * @param onProgress - rows read so far (called per batch)
     */
    async importFile(file: Blob, fileName: string, columns: ColumnMapping | null, onProgress?: (rowsRead: number) => void): Promise<MeasurementImportResult> {
      importAbort?.abort();
      const abort = new AbortController();
      importAbort = abort;
      pending = null;
      try {
        const isJson = /\.(geo)?json$/i.test(fileName);
        const options = { maxProblems: 100000, ...(columns ? { columns } : {}) };
        let preview: MeasurementPreview;
        if (isJson) {
          preview = importMeasurementsGeoJson(await file.text(), fileName, options);
        } else {
          preview = await importMeasurementStream(file.stream() as ReadableStream<Uint8Array>, fileName, options, (b) => onProgress?.(b.rowsRead), abort.signal);
        }
        pending = { preview, bytes: file.size };
        return { ok: viewOf(preview, file.size) };
      } catch (e) {
        if (e instanceof MeasurementFileError) return { problem: { fileError: e.message, header: e.header ?? null, missing: e.missing ?? [] } };
        throw e;
      } finally {
        if (importAbort === abort) importAbort = null;
      }
    },

    /** Stops the file being read (its promise rejects with an AbortError). */
    cancelImport(): void {
      importAbort?.abort();
    },

    /** The pending file becomes the measurements (the previous ones are dropped). */
    accept(): { readonly fileName: string; readonly points: number } | null {
      if (!pending) return null;
      dataset = pending;
      pending = null;
      comparison = null;
      return { fileName: dataset.preview.fileName, points: dataset.preview.points.count };
    },

    /** Forgets the pending file, or (all = true) the measurements too. */
    discard(all: boolean): void {
      pending = null;
      if (all) {
        dataset = null;
        comparison = null;
      }
    },

    /** Compares the measurements with the scene of the request (module comment of compare.ts); the pictures as PNG object URLs. */
    async compare(req: MeasurementCompareRequest): Promise<MeasurementComparisonView | null> {
      const d = dataset;
      if (!d) return null;
      const scene = planScene(req.scenario, req.boundaryRings, { ...req.options, carrierIds: null }, req.clutter, req.dem);
      const detected = detectCarrier(d.preview.points, scene.carriers);
      const shown = Math.max(0, scene.carriers.findIndex((c) => c.id === req.shownCarrierId));
      const carrier = detected >= 0 ? detected : shown;
      const cmp = compareMeasurements({ points: d.preview.points, cellIds: d.preview.cellIds, scene, scenario: req.scenario, carrier });
      comparison = { cmp, scene };
      const n = cmp.sample.count;
      const onMap = cmp.mapPredictedDbm;
      const error = new Float64Array(n);
      for (let i = 0; i < n; i++) error[i] = cmp.sample.measuredDbm[i] - onMap[i];
      const imgs = await images(d, cmp.sample.measuredDbm as Float64Array, error, cmp.sample.used, req.styles);
      const view: MeasurementComparisonView = {
        fileName: d.preview.fileName, carrierId: scene.carriers[carrier].id, carrierFrom: detected >= 0 ? 'channels' : 'shown', cellIdSource: cmp.cellIdSource,
        countBy: cmp.association.countBy, points: d.preview.points.count, compared: (cmp.current ?? cmp.before).overall.n,
        problems: cmp.problems.slice(0, MAX_PROBLEMS_SHOWN), problemCount: cmp.problems.length,
        before: cmp.before, current: cmp.current, calibrationName: cmp.calibrationName,
        scatter: scatterDensity(cmp.sample, { predictedDbm: onMap }), images: imgs,
      };
      return view;
    },

    /** Fits the per-(model, class) correction on the last comparison, with k-fold hold-out. */
    calibrate(o: { readonly name: string; readonly folds?: number; readonly seed?: number }): MeasurementCalibrationView | null {
      if (!comparison) return null;
      const { cmp, scene } = comparison;
      const fit = calibrateComparison(cmp, scene, { name: o.name, folds: o.folds, seed: o.seed });
      return { model: fit.result.model, summary: fit.result.summary, after: fit.after, scatter: scatterDensity(cmp.sample, { predictedDbm: fit.correctedDbm }) };
    },
  };
}

export type MeasurementsApi = ReturnType<typeof makeMeasurementsApi>;
