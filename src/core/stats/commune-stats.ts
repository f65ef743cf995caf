/**
 * Coverage statistics commune by commune (and for the whole province) from any per-cell layer
 * on a {@link Grid}: cells, area, share of area at or above thresholds, median and 5th
 * percentile, share of boolean layers (uplink covered, indoor covered…) and population
 * covered. Officials read coverage per commune, so these figures feed the commune table, the
 * CSV / GeoJSON exports and the CLI summary.
 *
 * How a cell is counted: it belongs to the commune containing its centre (the same rule as
 * `rasterizeRings`), decided once per grid by {@link communeLabelGrid}. A layer is then read in
 * one pass over the cells with a label lookup per cell (4–5 million cells: no allocation per
 * cell, counts in typed arrays).
 *
 * Areas are planar on the UTM 48N grid (cells × cell²). Over Vĩnh Long (about 105.7–106.8° E,
 * ≤ 200 km from the central meridian 105° E) the UTM scale factor makes this differ from the
 * geodesic area by less than 0.1 %.
 */
import { quantileSorted } from 'd3-array';
import type { Grid } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import { flattenRings, rasterizeRings } from '../grid/rasterize.ts';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import { ringsOf } from '../boundaries/boundaries.ts';

/** Commune index per cell (row-major, as the grid), −1 outside every commune. */
export type CommuneLabels = Int16Array | Int32Array;

/** Default RSRP thresholds for coverage shares, dBm (good / fair / edge of service). */
export const DEFAULT_RSRP_THRESHOLDS_DBM: readonly number[] = [-100, -110, -120];

/** Percentiles reported, as fractions. */
export const MEDIAN_P = 0.5;
export const P5_P = 0.05;

/** Shown wherever population covered is shown (UI tooltip, CSV header comment, CLI summary). */
export const POPULATION_COVERED_NOTE =
  'Population covered = commune population × share of the commune area covered. This assumes the population is spread ' +
  'evenly over the commune (uniform density); no population grid is used, so it over-counts where people live in the ' +
  'uncovered part and under-counts where they live in the covered part.';

/** The note when people per cell are used (ground.ts): what "population covered" means then. */
export const POPULATION_PER_CELL_NOTE =
  'Population covered = the people living in the covered cells. People per cell: each commune\'s population distributed over ' +
  'its cells by the WorldPop 2020 density (dasymetric; WorldPop, CC BY 4.0), none on sea or estuary water (GSHHG).';

/**
 * Labels every cell with the index (in `communes`) of the commune containing its centre, −1
 * when none does. Where polygons overlap the first commune wins. Each commune is rasterized
 * only over its own bounding box.
 * @param grid - the coverage grid (EPSG:32648)
 * @param communes - commune polygons in WGS 84 lon/lat
 * @returns Int16Array when there are at most 32 767 communes, else Int32Array
 * @example const labels = communeLabelGrid(grid, communes); labels[row * grid.width + col] // → 17
 */
export function communeLabelGrid(grid: Grid, communes: readonly BoundaryFeature[]): CommuneLabels {
  const n = grid.width * grid.height;
  const labels: CommuneLabels = communes.length <= 0x7fff ? new Int16Array(n) : new Int32Array(n);
  labels.fill(-1);
  const cell = grid.cellSizeM;
  let mask = new Uint8Array(0);
  communes.forEach((f, index) => {
    const rings = ringsOf(f.geometry).map((r) => r.map((p) => lonLatToUtm(p[0], p[1])));
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const r of rings) {
      for (const p of r) {
        if (p[0] < minX) minX = p[0];
        if (p[0] > maxX) maxX = p[0];
        if (p[1] < minY) minY = p[1];
        if (p[1] > maxY) maxY = p[1];
      }
    }
    const c0 = Math.max(0, Math.floor((minX - grid.originX) / cell));
    const c1 = Math.min(grid.width, Math.ceil((maxX - grid.originX) / cell));
    const r0 = Math.max(0, Math.floor((grid.originY - maxY) / cell));
    const r1 = Math.min(grid.height, Math.ceil((grid.originY - minY) / cell));
    if (c1 <= c0 || r1 <= r0) return;
    // A sub-grid aligned cell for cell with the main grid, covering the commune's box.
    const sub: Grid = { ...grid, width: c1 - c0, height: r1 - r0, originX: grid.originX + c0 * cell, originY: grid.originY - r0 * cell };
    const size = sub.width * sub.height;
    if (mask.length < size) mask = new Uint8Array(size);
    rasterizeRings(sub, flattenRings(rings), 0, sub.height, mask);
    for (let row = 0; row < sub.height; row++) {
      const so = row * sub.width;
      const d0 = (r0 + row) * grid.width + c0;
      for (let col = 0; col < sub.width; col++) {
        if (mask[so + col] && labels[d0 + col] < 0) labels[d0 + col] = index;
      }
    }
  });
  return labels;
}

/** A mask (non-zero = yes) or a layer with a level (value ≥ atLeast = yes). */
export type BooleanLayer = ArrayLike<number> | { readonly values: ArrayLike<number>; readonly atLeast: number };

// Not `'values' in b`: typed arrays have a values() method.
function isLevelLayer(b: BooleanLayer): b is { readonly values: ArrayLike<number>; readonly atLeast: number } {
  return typeof (b as { atLeast?: unknown }).atLeast === 'number';
}

export interface LayerStatsOptions {
  /** Thresholds in the layer's unit; share of area with value ≥ threshold. Default {@link DEFAULT_RSRP_THRESHOLDS_DBM}. */
  readonly thresholds?: readonly number[];
  /**
   * Named yes/no layers, each reported as the share of area where it says yes: a mask
   * (non-zero = yes, NaN = no), or a layer with a level (`value ≥ atLeast` = yes), e.g.
   * `{ uplink: { values: ulMarginDb, atLeast: 0 }, indoor: { values: indoorDbm, atLeast: -110 } }`.
   */
  readonly booleanLayers?: Readonly<Record<string, BooleanLayer>>;
  /** Feature property holding the commune name. Default `name`. */
  readonly nameProperty?: string;
  /** Feature property holding the commune code. Default `code`. */
  readonly codeProperty?: string;
  /** Feature property holding the population (a finite number ≥ 0, else ignored). Default `population`. */
  readonly populationProperty?: string;
  /**
   * People in each cell (dasymetric, src/core/ground/population.ts). When given, population
   * covered counts the people of the covered cells, and an area's population is its cells' sum
   * ({@link POPULATION_PER_CELL_NOTE}); otherwise the commune's population is spread evenly.
   */
  readonly peoplePerCell?: ArrayLike<number>;
  /** Named layers reported as their mean over the area's cells (NaN counts as 0), e.g. coverage probability → area reliability. */
  readonly meanLayers?: Readonly<Record<string, ArrayLike<number>>>;
}

export interface ThresholdShare {
  /** In the layer's unit (dBm for RSRP). */
  readonly threshold: number;
  /** Share of the area (cells) with value ≥ threshold, 0…1; null when the area has no cell. */
  readonly share: number | null;
  /**
   * Commune: population × share ({@link POPULATION_COVERED_NOTE}). Province: the sum of the
   * communes' values (a commune without cells adds 0). ABSENT when the population is unknown
   * (never 0 for "unknown").
   */
  readonly populationCovered?: number;
}

export interface AreaStats {
  readonly cells: number;
  /** cells × cell², km² (planar UTM). */
  readonly areaKm2: number;
  /** Share of cells with any value (not NaN), 0…1; null without cells. */
  readonly servedShare: number | null;
  readonly thresholds: readonly ThresholdShare[];
  /**
   * Median over all cells of the area, no-service (NaN) cells counted as −∞ (d3-array
   * `quantileSorted`, R-7 definition: h = (n − 1)·p, linear between order statistics h⌊ and
   * h⌊+1). null when that interpolation touches a no-service cell (the median falls in no
   * service) or there is no cell.
   */
  readonly median: number | null;
  /** 5th percentile, same definition and null rule as {@link AreaStats.median}. */
  readonly p5: number | null;
  /** Share of cells set in each boolean layer, 0…1 (null without cells). */
  readonly booleanShares: Readonly<Record<string, number | null>>;
  /** Present only when known (every commune's population for the province total). */
  readonly population?: number;
  /** Mean of each of `meanLayers` over the area's cells (null without cells). */
  readonly means: Readonly<Record<string, number | null>>;
}

export interface CommuneStats extends AreaStats {
  /** Index of the commune in the input (= its label). */
  readonly index: number;
  readonly name: string;
  readonly code?: string;
}

export interface CommuneStatsResult {
  readonly communes: readonly CommuneStats[];
  /** All labelled cells together: its cells and area are the sums over communes. */
  readonly province: AreaStats;
  readonly thresholds: readonly number[];
  readonly populationNote: string;
}

/**
 * Statistics of one layer for every commune and for the province.
 * @param grid - the grid of `labels` and `values`
 * @param labels - from {@link communeLabelGrid} with the same `communes`
 * @param communes - the commune features (for name, code, population)
 * @param values - the layer, row-major; NaN = no service
 * @param options - thresholds, boolean layers, property names
 * @example communeLayerStats(grid, labels, communes, rsrpDbm, { booleanLayers: { uplink } }).communes[0].thresholds[0].share // → 0.83
 */
export function communeLayerStats(
  grid: Grid,
  labels: CommuneLabels,
  communes: readonly BoundaryFeature[],
  values: ArrayLike<number>,
  options: LayerStatsOptions = {},
): CommuneStatsResult {
  const n = grid.width * grid.height;
  if (labels.length !== n || values.length !== n) {
    throw new RangeError(`labels (${labels.length}) and values (${values.length}) must have width × height = ${n} cells`);
  }
  const thresholds = [...(options.thresholds ?? DEFAULT_RSRP_THRESHOLDS_DBM)];
  const nT = thresholds.length;
  const tArr = Float64Array.from(thresholds);
  const boolNames = Object.keys(options.booleanLayers ?? {});
  const boolSpecs = boolNames.map((k) => (options.booleanLayers as Record<string, BooleanLayer>)[k]);
  const boolLayers = boolSpecs.map((b) => (isLevelLayer(b) ? b.values : b));
  // Mask layers get level NaN: "yes" is then x !== 0 && x === x (see the loop).
  const boolLevels = Float64Array.from(boolSpecs, (b) => (isLevelLayer(b) ? b.atLeast : NaN));
  for (const [i, b] of boolLayers.entries()) {
    if (b.length !== n) throw new RangeError(`boolean layer ${boolNames[i]} has ${b.length} cells, expected ${n}`);
  }
  const nB = boolLayers.length;
  const nC = communes.length;
  const people = options.peoplePerCell;
  if (people && people.length !== n) throw new RangeError(`peoplePerCell has ${people.length} cells, expected ${n}`);
  const meanNames = Object.keys(options.meanLayers ?? {});
  const meanLayers = meanNames.map((k) => (options.meanLayers as Record<string, ArrayLike<number>>)[k]);
  for (const [i, m] of meanLayers.entries()) if (m.length !== n) throw new RangeError(`mean layer ${meanNames[i]} has ${m.length} cells, expected ${n}`);
  const nM = meanLayers.length;

  // Cells per commune, then slice offsets into one value buffer (counting sort by label).
  const cells = new Float64Array(nC);
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l >= 0) cells[l]++;
  }
  const offset = new Float64Array(nC + 1);
  for (let c = 0; c < nC; c++) offset[c + 1] = offset[c] + cells[c];
  const total = offset[nC];
  const buf = new Float64Array(total);
  const fill = offset.slice(0, nC);
  const geCounts = new Float64Array(nC * nT);
  const boolCounts = new Float64Array(nC * nB);
  const servedCells = new Float64Array(nC);
  const peopleIn = new Float64Array(nC);
  const peopleGe = new Float64Array(nC * nT);
  const meanSums = new Float64Array(nC * nM);

  // The one pass over the layer.
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l < 0) continue;
    const v = values[i];
    const ppl = people ? people[i] : 0;
    peopleIn[l] += ppl;
    if (v === v) {
      buf[fill[l]++] = v;
      servedCells[l]++;
      const base = l * nT;
      for (let k = 0; k < nT; k++) {
        if (v >= tArr[k]) {
          geCounts[base + k]++;
          peopleGe[base + k] += ppl;
        }
      }
    }
    for (let m = 0; m < nM; m++) {
      const x = meanLayers[m][i];
      if (x === x) meanSums[l * nM + m] += x;
    }
    for (let b = 0; b < nB; b++) {
      const x = boolLayers[b][i];
      const level = boolLevels[b];
      if (level === level ? x >= level : x !== 0 && x === x) boolCounts[l * nB + b]++;
    }
  }

  const cellKm2 = (grid.cellSizeM * grid.cellSizeM) / 1e6;
  const nameKey = options.nameProperty ?? 'name';
  const codeKey = options.codeProperty ?? 'code';
  const popKey = options.populationProperty ?? 'population';

  const out: CommuneStats[] = [];
  let allPopulationsKnown = nC > 0;
  let populationSum = 0;
  for (let c = 0; c < nC; c++) {
    const props = communes[c].properties ?? {};
    const pop = props[popKey];
    const population = people ? peopleIn[c] : typeof pop === 'number' && Number.isFinite(pop) && pop >= 0 ? pop : undefined;
    if (population === undefined) allPopulationsKnown = false;
    else populationSum += population;
    const slice = buf.subarray(offset[c], offset[c] + servedCells[c]).sort();
    const code = props[codeKey];
    out.push({
      index: c,
      name: String(props[nameKey] ?? ''),
      ...(code !== undefined && code !== null ? { code: String(code) } : {}),
      ...areaStats(cells[c], servedCells[c], slice, geCounts.subarray(c * nT, (c + 1) * nT), boolCounts.subarray(c * nB, (c + 1) * nB),
        thresholds, boolNames, cellKm2, population, people ? Array.from(peopleGe.subarray(c * nT, (c + 1) * nT)) : undefined,
        meanNames, meanSums.subarray(c * nM, (c + 1) * nM)),
    });
  }

  // Province: compact the served values (each commune's slice is sorted; its tail is unused).
  let served = 0;
  for (let c = 0; c < nC; c++) {
    buf.copyWithin(served, offset[c], offset[c] + servedCells[c]);
    served += servedCells[c];
  }
  const sumOver = (a: Float64Array, stride: number, k: number): number => {
    let s = 0;
    for (let c = 0; c < nC; c++) s += a[c * stride + k];
    return s;
  };
  const provGe = Float64Array.from(thresholds, (_, k) => sumOver(geCounts, nT, k));
  const provBool = Float64Array.from(boolNames, (_, b) => sumOver(boolCounts, nB, b));
  // Province population covered sums the communes' (uniform density per commune, not per province).
  const provPopCovered = thresholds.map((_, k) => out.reduce((s, c) => s + (c.thresholds[k].populationCovered ?? 0), 0));
  const provMeans = Float64Array.from(meanNames, (_, m) => sumOver(meanSums, nM, m));
  const province = areaStats(total, served, buf.subarray(0, served).sort(), provGe, provBool, thresholds, boolNames, cellKm2,
    allPopulationsKnown ? populationSum : undefined, provPopCovered, meanNames, provMeans);

  return { communes: out, province, thresholds, populationNote: people ? POPULATION_PER_CELL_NOTE : POPULATION_COVERED_NOTE };
}

function areaStats(
  cells: number,
  served: number,
  sortedServed: Float64Array,
  geCounts: Float64Array,
  boolCounts: Float64Array,
  thresholds: readonly number[],
  boolNames: readonly string[],
  cellKm2: number,
  population: number | undefined,
  populationCovered: readonly number[] | undefined,
  meanNames: readonly string[],
  meanSums: ArrayLike<number>,
): AreaStats {
  const share = (count: number): number | null => (cells > 0 ? count / cells : null);
  const booleanShares: Record<string, number | null> = {};
  boolNames.forEach((name, b) => { booleanShares[name] = share(boolCounts[b]); });
  const means: Record<string, number | null> = {};
  meanNames.forEach((name, m) => { means[name] = share(meanSums[m]); });
  return {
    cells,
    areaKm2: cells * cellKm2,
    servedShare: share(served),
    thresholds: thresholds.map((threshold, k) => {
      const s = share(geCounts[k]);
      if (population === undefined || s === null) return { threshold, share: s };
      return { threshold, share: s, populationCovered: populationCovered ? populationCovered[k] : population * s };
    }),
    median: quantileWithNoService(sortedServed, cells - served, MEDIAN_P),
    p5: quantileWithNoService(sortedServed, cells - served, P5_P),
    booleanShares,
    means,
    ...(population !== undefined ? { population } : {}),
  };
}

/**
 * d3-array's `quantileSorted` over the virtual ascending list [−∞ × noService,
 * …sortedServed]; null when the result is not finite (the interpolation touched −∞) or the
 * list is empty.
 */
export function quantileWithNoService(sortedServed: ArrayLike<number>, noService: number, p: number): number | null {
  const n = sortedServed.length + noService;
  if (n === 0) return null;
  const virtual = { length: n } as unknown as number[];
  const q = quantileSorted(virtual, p, (_v, i) => (i < noService ? -Infinity : sortedServed[i - noService]));
  return q !== undefined && Number.isFinite(q) ? q : null;
}
