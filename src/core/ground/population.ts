/**
 * Population per grid cell by DASYMETRIC mapping: each commune's published population (the
 * communes file's `population`, 4 257 581 for the province) is spread over the commune's cells
 * in proportion to a weight raster resampled onto the grid — WorldPop 2020, whose own sums are
 * about 0.75 of the newer commune figures (SOURCES.md §5), so WorldPop gives only the
 * distribution INSIDE a commune and the commune the total:
 *
 *   people_i = P_k · w_i / Σ_{j ∈ k} w_j     for cell i in commune k (centre-in-polygon labels).
 *
 * Rules: cells marked `excluded` (water) take no people and no weight; a commune whose other
 * cells all have zero weight (no WorldPop people there) gets its population spread UNIFORMLY
 * over those cells, or over all its cells if every one is excluded (listed in
 * `uniformCommunes`); a commune with no
 * cell at this cell size cannot be placed (listed in `unplacedCommunes`, its people are not in
 * the grid); cells outside every commune hold 0 people. So Σ cells = Σ communes' population,
 * commune by commune, up to Float32 rounding (tested on the real data at 100 m).
 */
import type { Grid } from '../grid/grid.ts';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import type { CommuneLabels } from '../stats/commune-stats.ts';

/** How a commune's people were placed. */
export type PlacementMethod = 'weighted' | 'uniform' | 'no-cells';

export interface CommunePlacement {
  /** Cells labelled with the commune. */
  readonly cells: number;
  /** Σ of the weights over those cells (WorldPop people resampled). */
  readonly weightTotal: number;
  /** Σ people put in its cells (= its population up to rounding; 0 for 'no-cells'). */
  readonly placed: number;
  readonly method: PlacementMethod;
}

export interface DasymetricResult {
  /** People per cell, row-major (Float32: about 7 significant digits per cell). */
  readonly peoplePerCell: Float32Array;
  /** One entry per commune, in the order of the populations given. */
  readonly communes: readonly CommunePlacement[];
  /** Indices of communes spread uniformly (all their weights were 0). */
  readonly uniformCommunes: readonly number[];
  /** Indices of communes without any cell: their people are not in the grid. */
  readonly unplacedCommunes: readonly number[];
  /** Σ peoplePerCell. */
  readonly total: number;
}

/**
 * The communes' populations from their `population` property.
 * @param communes - commune features
 * @param fileName - for messages
 * @param property - property name, default `population`
 * @returns one population per commune (people)
 * @throws Error naming the file, the feature (1-based) and the property when a value is missing, negative or not a number
 */
export function communePopulations(communes: readonly BoundaryFeature[], fileName: string, property = 'population'): number[] {
  return communes.map((f, i) => {
    const v = f.properties?.[property];
    const num = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof num !== 'number' || !Number.isFinite(num) || num < 0) {
      const name = f.properties?.name === undefined ? '' : ` (${String(f.properties.name)})`;
      throw new Error(`${fileName}, feature ${i + 1}${name}: property "${property}" must be a number ≥ 0, got ${JSON.stringify(v)}`);
    }
    return num;
  });
}

/**
 * Dasymetric population per cell (rules in the module comment).
 * @param labels - commune index per cell (−1 outside), from `communeLabelGrid`
 * @param populations - people per commune, indexed like the labels
 * @param weights - weight per cell (e.g. WorldPop people resampled by area); NaN and negatives count 0
 * @param excluded - optional, 1 = the cell takes no people (water), per cell
 * @returns people per cell and how each commune was placed
 * @example const { peoplePerCell } = dasymetricPopulation(labels, communePopulations(features, 'communes.geojson'), worldPop.counts, water)
 */
export function dasymetricPopulation(labels: CommuneLabels, populations: readonly number[], weights: ArrayLike<number>, excluded?: Uint8Array): DasymetricResult {
  const n = labels.length;
  if (weights.length !== n) throw new RangeError(`weights has ${weights.length} cells, labels ${n}`);
  if (excluded && excluded.length !== n) throw new RangeError(`excluded has ${excluded.length} cells, labels ${n}`);
  const k = populations.length;
  const wsum = new Float64Array(k);
  const cells = new Float64Array(k);
  const open = new Float64Array(k); // cells not excluded
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l < 0) continue;
    if (l >= k) throw new RangeError(`label ${l} at cell ${i} but only ${k} populations`);
    cells[l]++;
    if (excluded && excluded[i]) continue;
    open[l]++;
    const w = weights[i];
    if (w > 0) wsum[l] += w;
  }
  // Per-commune factor: people per unit weight, or per cell when uniform (1: over open cells, 2: over all).
  const factor = new Float64Array(k);
  const uniform = new Uint8Array(k);
  for (let c = 0; c < k; c++) {
    if (wsum[c] > 0) factor[c] = populations[c] / wsum[c];
    else if (open[c] > 0) { factor[c] = populations[c] / open[c]; uniform[c] = 1; }
    else if (cells[c] > 0) { factor[c] = populations[c] / cells[c]; uniform[c] = 2; }
  }
  const people = new Float32Array(n);
  const placed = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l < 0) continue;
    const u = uniform[l];
    const shut = excluded !== undefined && excluded[i] !== 0;
    const w = weights[i];
    const v = u === 2 ? factor[l] : shut ? 0 : u === 1 ? factor[l] : w > 0 ? factor[l] * w : 0;
    people[i] = v;
    const stored = people[i];
    placed[l] += stored;
    total += stored;
  }
  const communes: CommunePlacement[] = [];
  const uniformCommunes: number[] = [];
  const unplacedCommunes: number[] = [];
  for (let c = 0; c < k; c++) {
    const method: PlacementMethod = cells[c] === 0 ? 'no-cells' : uniform[c] ? 'uniform' : 'weighted';
    if (method === 'uniform') uniformCommunes.push(c);
    if (method === 'no-cells' && populations[c] > 0) unplacedCommunes.push(c);
    communes.push({ cells: cells[c], weightTotal: wsum[c], placed: placed[c], method });
  }
  return { peoplePerCell: people, communes, uniformCommunes, unplacedCommunes, total };
}

/**
 * People per km² from people per cell.
 * @param grid - the grid (cell area = cellSizeM² m²)
 * @param peoplePerCell - row-major
 * @returns density per cell, people/km²
 * @example peoplePerKm2(grid, people)[i] // 100 m cells: people × 100
 */
export function peoplePerKm2(grid: Grid, peoplePerCell: ArrayLike<number>): Float32Array {
  const perKm2 = 1e6 / (grid.cellSizeM * grid.cellSizeM);
  const out = new Float32Array(peoplePerCell.length);
  for (let i = 0; i < out.length; i++) out[i] = peoplePerCell[i] * perKm2;
  return out;
}
