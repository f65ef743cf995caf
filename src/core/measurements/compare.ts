/**
 * Measurements against a coverage scene: the steps the app's measurement worker and
 * `phusong calibrate` share (each step is its own module; this chains them on a scene).
 *
 * 1. Sectors to match: the scene's sectors of the compared carrier, with the scenario's PCI and
 *    cell id (`Sector.pci`, `Sector.cellId`). When no sector has a cell id but most of the file's
 *    cell ids (≥ half of the distinct ones) are sector ids — the synthetic drive tests and logs
 *    exported from the planning tool write them so — the sector ids serve as cell ids.
 * 2. Association (associate.ts): cell id, else PCI, else the predicted best server at the point
 *    (predict.ts, as the map shows it: with the scenario's calibration).
 * 3. Prediction of the serving sector at each point by the UNCALIBRATED model (the calibration is
 *    always fitted against the model itself, so calibrating twice does not stack corrections),
 *    and the prediction as the map shows it (the same plus the scenario's correction,
 *    correction.ts: the engine's own function).
 * 4. Statistics of measured − predicted, uncalibrated and as on the map.
 * {@link calibrateComparison} then fits the per-class correction (calibrate.ts) with groups per
 * path-loss model id of the scene's sectors, the ids the engine looks the correction up by.
 */
import { CLUTTER_TYPES } from '../clutter/p2108.ts';
import type { Scene } from '../coverage/scene.ts';
import type { Scenario, Sector } from '../scenario/scenario.ts';
import { associateMeasurements, buildErrorSample, normalizeCellId, type Association, type ErrorSample, type SectorRef } from './associate.ts';
import { calibrate, correctedPredictions, type CalibrationOptions, type CalibrationResult } from './calibrate.ts';
import { sectorCalibration } from './correction.ts';
import { earfcnToDlFreqMHz, nrArfcnToFreqMHz } from './channels.ts';
import type { MeasurementProblem } from './messages.ts';
import type { MeasurementPoints } from './points.ts';
import { scenePredictor } from './predict.ts';
import { errorStatistics, type MeasurementStats, type StatsOptions } from './stats.ts';

export interface CompareInput {
  readonly points: MeasurementPoints;
  /** The import's cell-id dictionary. */
  readonly cellIds: readonly string[];
  readonly scene: Scene;
  /** The scenario of the scene (PCIs, cell ids, the calibration). */
  readonly scenario: Scenario;
  /** Index in `scene.carriers` of the measured carrier. */
  readonly carrier: number;
  /** Farthest serving sector accepted, km (default 35). */
  readonly maxServingDistanceKm?: number;
  readonly stats?: Omit<StatsOptions, 'predictedDbm' | 'sectorLabel' | 'classNames'>;
}

/** Where the sectors' cell ids came from. */
export type CellIdSource = 'scenario' | 'sector-id' | 'none';

export interface Comparison {
  readonly carrier: number;
  readonly sectors: readonly SectorRef[];
  readonly cellIdSource: CellIdSource;
  readonly association: Association;
  /** Measured and predicted by the uncalibrated model. */
  readonly sample: ErrorSample;
  /** The prediction as the map shows it (with the scenario's calibration), dBm; NaN where not used. */
  readonly mapPredictedDbm: Float64Array;
  /** Points left out, in row order. */
  readonly problems: readonly MeasurementProblem[];
  /** Statistics of measured − uncalibrated prediction. */
  readonly before: MeasurementStats;
  /** Statistics of measured − prediction as on the map, or null without a calibration in the scenario. */
  readonly current: MeasurementStats | null;
  /** Name of the scenario's calibration, or null. */
  readonly calibrationName: string | null;
}

/** The scene's sectors of one carrier as association targets, with the scenario's PCI and cell id. */
export function sectorRefsOf(scene: Scene, scenario: Scenario, carrier: number, useSectorIds = false): SectorRef[] {
  const bySite = new Map<string, Sector>();
  for (const site of scenario.sites) for (const sec of site.sectors) bySite.set(`${site.id}\u0000${sec.id}`, sec);
  const freq = scene.carriers[carrier]?.freqMHz ?? NaN;
  return scene.sectors.filter((s) => s.carrier === carrier).map((s) => {
    const sec = bySite.get(`${s.siteId}\u0000${s.id}`);
    const cellId = sec?.cellId ?? (useSectorIds ? s.id : undefined);
    return { index: s.index, xM: s.xM, yM: s.yM, carrierFreqMHz: freq, label: s.id, ...(sec?.pci !== undefined ? { pci: sec.pci } : {}), ...(cellId !== undefined ? { cellId } : {}) };
  });
}

/** Whether the sectors' ids should serve as cell ids (no cell id in the scenario, most file ids are sector ids). */
function cellIdSourceOf(scene: Scene, scenario: Scenario, carrier: number, cellIds: readonly string[]): CellIdSource {
  const refs = sectorRefsOf(scene, scenario, carrier);
  if (refs.some((r) => r.cellId !== undefined)) return 'scenario';
  if (cellIds.length === 0) return 'none';
  const ids = new Set(refs.map((r) => normalizeCellId(r.label ?? '')));
  const hits = cellIds.filter((id) => ids.has(normalizeCellId(id))).length;
  return hits * 2 >= cellIds.length ? 'sector-id' : 'none';
}

/** Associates, predicts and compares (module comment). */
export function compareMeasurements(input: CompareInput): Comparison {
  const { points, cellIds, scene, scenario, carrier } = input;
  if (!scene.carriers[carrier]) throw new RangeError(`carrier index ${carrier} out of range (the scene has ${scene.carriers.length})`);
  const cellIdSource = cellIdSourceOf(scene, scenario, carrier, cellIds);
  const sectors = sectorRefsOf(scene, scenario, carrier, cellIdSource === 'sector-id');
  const onMap = scenePredictor(scene, carrier);
  const model = scenePredictor(scene, carrier, { ...scene.options, calibration: null });
  const association = associateMeasurements(points, cellIds, sectors, {
    grid: scene.grid,
    clutter: scene.clutter ?? undefined,
    bestServer: (_point, x, y) => onMap.bestServer(x, y, classAtCell(scene, x, y)),
    maxServingDistanceKm: input.maxServingDistanceKm,
  });
  const { sample, problems: predictionProblems } = buildErrorSample(points, association, (s, x, y, i) => model.rsrpDbm(s, x, y, association.clutterClass[i]));
  const problems = [...association.problems, ...predictionProblems].sort((a, b) => a.row - b.row);
  const cal = scenario.calibration ?? scene.options.calibration ?? null;
  const mapPredictedDbm = sample.predictedDbm.slice();
  if (cal) {
    const bySector = new Map<number, ReturnType<typeof sectorCalibration>>();
    for (let i = 0; i < sample.count; i++) {
      if (!sample.used[i]) continue;
      const k = sample.sector[i];
      let c = bySector.get(k);
      if (c === undefined) bySector.set(k, (c = sectorCalibration(cal, scene.sectors[k].modelId)));
      if (c) mapPredictedDbm[i] += c.correctionDb(sample.distanceKm[i] * 1000, sample.clutterClass[i]);
    }
  }
  const statsOptions: StatsOptions = { ...input.stats, classNames: CLUTTER_TYPES, sectorLabel: (i) => scene.sectors[i]?.id ?? `sector ${i}` };
  const before = errorStatistics(sample, statsOptions);
  const current = cal ? errorStatistics(sample, { ...statsOptions, predictedDbm: mapPredictedDbm }) : null;
  return { carrier, sectors, cellIdSource, association, sample, mapPredictedDbm, problems, before, current, calibrationName: cal?.name ?? null };
}

/** The class of the cell holding a point (the association's rule), 255 outside the grid or without a map. */
function classAtCell(scene: Scene, xM: number, yM: number): number {
  const g = scene.grid;
  const col = Math.floor((xM - g.originX) / g.cellSizeM), row = Math.floor((g.originY - yM) / g.cellSizeM);
  return scene.clutter && col >= 0 && row >= 0 && col < g.width && row < g.height ? scene.clutter[row * g.width + col] : 255;
}

export interface ComparisonCalibration {
  readonly result: CalibrationResult;
  /** Predictions corrected by the fitted model (uncalibrated prediction + correction), NaN where not used. */
  readonly correctedDbm: Float64Array;
  /** Statistics with the fitted model's corrections (in-sample; the held-out figures are `result.summary`). */
  readonly after: MeasurementStats;
}

/** Fits the per-(model, class) correction on a comparison (calibrate.ts), model ids from the scene's sectors. */
export function calibrateComparison(c: Comparison, scene: Scene, options: Omit<CalibrationOptions, 'modelIdOfSector' | 'classNames'>): ComparisonCalibration {
  const modelIdOfSector = (i: number) => scene.sectors[i].modelId;
  const result = calibrate(c.sample, { ...options, modelIdOfSector, classNames: CLUTTER_TYPES });
  const correctedDbm = correctedPredictions(c.sample, result.model, modelIdOfSector);
  const after = errorStatistics(c.sample, { classNames: CLUTTER_TYPES, sectorLabel: (i) => scene.sectors[i]?.id ?? `sector ${i}`, predictedDbm: correctedDbm });
  return { result, correctedDbm, after };
}

/**
 * The carrier the points were measured on: the one whose band (centre ± half the bandwidth)
 * holds most of the points' EARFCN / NR-ARFCN frequencies (channels.ts), or −1 when no point
 * names a channel of any carrier.
 * @param carriers - the scene's carriers (index = the returned value)
 */
export function detectCarrier(points: MeasurementPoints, carriers: readonly { readonly freqMHz: number; readonly bandwidthMHz: number }[]): number {
  const counts = new Float64Array(carriers.length);
  const seen = new Map<number, number>();
  for (let i = 0; i < points.count; i++) {
    const key = points.earfcn[i] >= 0 ? points.earfcn[i] : points.nrArfcn[i] >= 0 ? -2 - points.nrArfcn[i] : null;
    if (key === null) continue;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  for (const [key, n] of seen) {
    const f = key >= 0 ? earfcnToDlFreqMHz(key) : nrArfcnToFreqMHz(-2 - key);
    carriers.forEach((c, k) => {
      if (Math.abs(f - c.freqMHz) <= c.bandwidthMHz / 2) counts[k] += n;
    });
  }
  let best = -1;
  counts.forEach((n, k) => {
    if (n > 0 && (best < 0 || n > counts[best])) best = k;
  });
  return best;
}
