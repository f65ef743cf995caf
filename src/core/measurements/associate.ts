/**
 * Association of each measurement point with its serving sector, its grid cell and its clutter
 * class, then with the prediction it is compared to.
 *
 * Serving sector, first rule that applies (docs/measurements.md, "Association"):
 * 1. cell id — when the scenario's sectors carry cell ids and the point has one: the sector with
 *    that id (compared trimmed, without case; digits-only ids by value, so `0123` = `123`);
 * 2. PCI — when the sectors carry PCIs and the point has one: among the sectors with that PCI
 *    (and, when the point has an EARFCN or NR-ARFCN, on a carrier within `freqToleranceMHz` of
 *    its frequency), the nearest one — PCIs are reused across a network, so the nearest site
 *    with the PCI is the one heard;
 * 3. otherwise the predicted best server given by the caller (an array or a function per point).
 * A point whose id or PCI matches no sector is left out (it was served by a cell the scenario
 * does not have: comparing it with another sector's prediction would be wrong), as is a point
 * with no predicted server, a point farther than `maxServingDistanceKm` from its serving sector,
 * a point outside the grid, and a point on a cell with no clutter class.
 *
 * Grid cell: the cell of the point's EPSG:32648 position, as `cellAt` (src/core/grid/grid.ts)
 * computes it (inlined here to allocate nothing per point); index = row · width + col.
 */
import type { Grid } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import { earfcnToDlFreqMHz, nrArfcnToFreqMHz } from './channels.ts';
import { measurementProblem, type MeasurementProblem } from './messages.ts';
import type { MeasurementPoints } from './points.ts';

/** What the association needs of a scenario sector (no dependency on the scenario schema). */
export interface SectorRef {
  /** Sector index: the engine's `Scene.sectors` index, the best-server layer's value. */
  readonly index: number;
  /** Site position, EPSG:32648 easting / northing, m. */
  readonly xM: number;
  readonly yM: number;
  /** Downlink centre frequency of the sector's carrier, MHz. */
  readonly carrierFreqMHz: number;
  /** Physical cell id (LTE 0–503, NR 0–1007), when the scenario has one. */
  readonly pci?: number;
  /** Cell identity (ECI, NCI or the operator's cell name), when the scenario has one. */
  readonly cellId?: string;
  /** Name in messages (the sector id). */
  readonly label?: string;
}

/** How a point got its sector (values of {@link Association.by}). */
export const ASSOCIATED_BY = { none: 0, cellId: 1, pci: 2, bestServer: 3 } as const;

/** Clutter class of a point when no clutter map is given (one group: every class). */
export const ALL_CLASSES = 255;

export interface AssociationOptions {
  readonly grid: Grid;
  /** Clutter class index per grid cell (row-major, row 0 north); {@link ALL_CLASSES} = no class there. Omitted: every point gets {@link ALL_CLASSES}. */
  readonly clutter?: Uint8Array;
  /** Predicted best-server sector index per point (−1: none), or a function of (point, x, y). */
  readonly bestServer?: Int32Array | ((point: number, xM: number, yM: number) => number);
  /** Largest |measured channel frequency − carrier frequency| of a PCI match, MHz (default 2). */
  readonly freqToleranceMHz?: number;
  /** Farthest serving sector accepted, km (default 35). */
  readonly maxServingDistanceKm?: number;
  /** lon/lat → EPSG:32648 (default proj4 through src/core/grid/projection.ts). */
  readonly toUtm?: (lonDeg: number, latDeg: number) => [number, number];
}

/** Per point (same order as the points): position, sector, cell, class, distance, use. */
export interface Association {
  readonly count: number;
  readonly xM: Float64Array;
  readonly yM: Float64Array;
  /** Serving sector index, −1 when left out. */
  readonly sector: Int32Array;
  /** {@link ASSOCIATED_BY} value. */
  readonly by: Uint8Array;
  /** Grid cell index (row · width + col), −1 outside. */
  readonly cell: Int32Array;
  readonly clutterClass: Uint8Array;
  /** Horizontal distance serving site → point, km (NaN when left out). */
  readonly distanceKm: Float64Array;
  /** 1 when the point is used, 0 when left out. */
  readonly used: Uint8Array;
  readonly nUsed: number;
  readonly countBy: { readonly cellId: number; readonly pci: number; readonly bestServer: number };
  /** One problem per point left out, in point (= row) order. */
  readonly problems: readonly MeasurementProblem[];
}

/** Comparison form of a cell id: trimmed, lower case; digits only → by value. */
export function normalizeCellId(id: string): string {
  const t = id.trim().toLowerCase();
  return /^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, '') : t;
}

/**
 * Associates every point with a serving sector, grid cell and clutter class (rules in the module
 * comment).
 * @param points - imported points
 * @param cellIds - the import's cell-id dictionary (`points.cellId` indexes it)
 * @param sectors - the scenario's sectors
 */
export function associateMeasurements(points: MeasurementPoints, cellIds: readonly string[], sectors: readonly SectorRef[], options: AssociationOptions): Association {
  const n = points.count;
  const { grid } = options;
  const toUtm = options.toUtm ?? lonLatToUtm;
  const tolMHz = options.freqToleranceMHz ?? 2;
  const maxKm = options.maxServingDistanceKm ?? 35;
  const clutter = options.clutter;
  if (clutter && clutter.length !== grid.width * grid.height) throw new RangeError(`clutter has ${clutter.length} cells, the grid ${grid.width} × ${grid.height} = ${grid.width * grid.height}`);
  const best = options.bestServer;
  if (best instanceof Int32Array && best.length < n) throw new RangeError(`bestServer has ${best.length} entries for ${n} points`);

  const refByIndex = new Map<number, SectorRef>();
  for (const s of sectors) refByIndex.set(s.index, s);
  const byCellId = new Map<string, SectorRef>();
  for (const s of sectors) if (s.cellId !== undefined && s.cellId.trim() !== '') byCellId.set(normalizeCellId(s.cellId), s);
  const byPci = new Map<number, SectorRef[]>();
  for (const s of sectors) {
    if (s.pci === undefined) continue;
    const list = byPci.get(s.pci);
    if (list) list.push(s);
    else byPci.set(s.pci, [s]);
  }
  // Dictionary entry → sector, once per distinct id (not per point).
  const cellIdSector = cellIds.map((id) => byCellId.get(normalizeCellId(id)) ?? null);

  const xM = new Float64Array(n), yM = new Float64Array(n), distanceKm = new Float64Array(n).fill(NaN);
  const sector = new Int32Array(n).fill(-1), cell = new Int32Array(n).fill(-1);
  const by = new Uint8Array(n), used = new Uint8Array(n), clutterClass = new Uint8Array(n).fill(ALL_CLASSES);
  const problems: MeasurementProblem[] = [];
  const countBy = { cellId: 0, pci: 0, bestServer: 0 };
  let nUsed = 0;
  const { originX, originY, cellSizeM, width, height } = grid;
  const drop = (i: number, key: Parameters<typeof measurementProblem>[3], params: Parameters<typeof measurementProblem>[4], column: string | null = null, field: string | null = null) =>
    problems.push(measurementProblem(points.row[i], column, field, key, params, true));

  for (let i = 0; i < n; i++) {
    const [x, y] = toUtm(points.lonDeg[i], points.latDeg[i]);
    xM[i] = x;
    yM[i] = y;
    const col = Math.floor((x - originX) / cellSizeM);
    const row = Math.floor((originY - y) / cellSizeM);
    if (!(col >= 0 && row >= 0 && col < width && row < height)) {
      drop(i, 'measOutsideGrid', {}, 'lat', 'lat');
      continue;
    }
    const c = row * width + col;
    cell[i] = c;
    if (clutter) {
      const k = clutter[c];
      if (k === ALL_CLASSES) {
        drop(i, 'measNoClutter', {});
        continue;
      }
      clutterClass[i] = k;
    }

    let s: SectorRef | null | undefined = null;
    let how: number;
    const idIdx = points.cellId[i];
    const pci = points.pci[i];
    if (byCellId.size > 0 && idIdx >= 0) {
      s = cellIdSector[idIdx];
      if (!s) {
        drop(i, 'measCellIdNoSector', { value: cellIds[idIdx] }, null, 'cellId');
        continue;
      }
      how = ASSOCIATED_BY.cellId;
    } else if (byPci.size > 0 && pci >= 0) {
      const fMHz = points.earfcn[i] >= 0 ? earfcnToDlFreqMHz(points.earfcn[i]) : points.nrArfcn[i] >= 0 ? nrArfcnToFreqMHz(points.nrArfcn[i]) : NaN;
      let bestD2 = Infinity;
      for (const cand of byPci.get(pci) ?? []) {
        if (fMHz === fMHz && Math.abs(cand.carrierFreqMHz - fMHz) > tolMHz) continue;
        const d2 = (cand.xM - x) ** 2 + (cand.yM - y) ** 2;
        if (d2 < bestD2) {
          bestD2 = d2;
          s = cand;
        }
      }
      if (!s) {
        const channel = points.earfcn[i] >= 0 ? ` on EARFCN ${points.earfcn[i]}` : points.nrArfcn[i] >= 0 ? ` on NR-ARFCN ${points.nrArfcn[i]}` : '';
        drop(i, 'measPciNoSector', { value: pci, channel }, null, 'pci');
        continue;
      }
      how = ASSOCIATED_BY.pci;
    } else {
      const k = best === undefined ? -1 : typeof best === 'function' ? best(i, x, y) : best[i];
      s = k >= 0 ? refByIndex.get(k) : null;
      if (!s) {
        drop(i, 'measNoServer', {});
        continue;
      }
      how = ASSOCIATED_BY.bestServer;
    }
    const dKm = Math.hypot(s.xM - x, s.yM - y) / 1000;
    if (dKm > maxKm) {
      drop(i, 'measTooFar', { sector: s.label ?? String(s.index), distanceKm: Math.round(dKm * 10) / 10, maxKm });
      continue;
    }
    sector[i] = s.index;
    by[i] = how;
    distanceKm[i] = dKm;
    used[i] = 1;
    nUsed++;
    if (how === ASSOCIATED_BY.cellId) countBy.cellId++;
    else if (how === ASSOCIATED_BY.pci) countBy.pci++;
    else countBy.bestServer++;
  }
  return { count: n, xM, yM, sector, by, cell, clutterClass, distanceKm, used, nUsed, countBy, problems };
}

/** Measured and predicted values of the associated points: the input of statistics and calibration. */
export interface ErrorSample {
  readonly count: number;
  /** File row per point (for errors.csv and problems). */
  readonly row: Int32Array;
  readonly measuredDbm: Float64Array;
  /** Prediction of the serving sector at the point, dBm (NaN when not used). */
  readonly predictedDbm: Float64Array;
  readonly used: Uint8Array;
  readonly sector: Int32Array;
  readonly clutterClass: Uint8Array;
  readonly distanceKm: Float64Array;
}

/**
 * The sample compared: each used point's prediction by its serving sector. A point whose
 * prediction is not a finite number is left out and listed.
 * @param predict - prediction per point (aligned with the points), or a function (sector index, x, y, point) → dBm
 */
export function buildErrorSample(
  points: MeasurementPoints,
  assoc: Association,
  predict: Float64Array | ((sectorIndex: number, xM: number, yM: number, point: number) => number),
): { readonly sample: ErrorSample; readonly problems: readonly MeasurementProblem[] } {
  const n = points.count;
  const predictedDbm = new Float64Array(n).fill(NaN);
  const used = assoc.used.slice();
  const problems: MeasurementProblem[] = [];
  for (let i = 0; i < n; i++) {
    if (!used[i]) continue;
    const v = typeof predict === 'function' ? predict(assoc.sector[i], assoc.xM[i], assoc.yM[i], i) : predict[i];
    if (Number.isFinite(v)) predictedDbm[i] = v;
    else {
      used[i] = 0;
      problems.push(measurementProblem(points.row[i], null, null, 'measNoPrediction', { sector: assoc.sector[i] }, true));
    }
  }
  return {
    sample: { count: n, row: points.row.subarray(0, n), measuredDbm: points.rsrpDbm.subarray(0, n), predictedDbm, used, sector: assoc.sector, clutterClass: assoc.clutterClass, distanceKm: assoc.distanceKm },
    problems,
  };
}
