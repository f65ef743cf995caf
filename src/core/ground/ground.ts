/**
 * The ground under the coverage in one call: population per cell (dasymetric, WorldPop
 * weights), water per cell (GSHHG mask), clutter class per cell (rules, or a land-cover map),
 * all on the coverage grid. Pure and async (rasters are read by window): runs in a worker, the
 * CLI and tests alike. Each step is its own module; this only wires them in order:
 *
 *   water mask → (weights = WorldPop people, 0 on water) → dasymetric people → density →
 *   clutter (rules: water + phường/xã + density; or land cover + built-up split by density).
 *
 * People on water: GSHHG water is sea, estuaries and the wide river reaches, where WorldPop's
 * 0.9 km cells smear the riverbank villages; water cells take no people, so the commune's
 * people stay on its land (`excludeWaterFromPopulation`, default true; at 100 m this moves
 * about 4 % of the province's people from river cells to the land of the same commune).
 */
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import type { Grid } from '../grid/grid.ts';
import type { GeoRaster } from '../raster/raster.ts';
import { resampleClasses } from '../raster/resample-classes.ts';
import { resampleCounts } from '../raster/resample-counts.ts';
import { communeLabelGrid, type CommuneLabels } from '../stats/commune-stats.ts';
import { DEFAULT_CLUTTER_RULES, isWard, landCoverClutterMap, ruleClutterMap, type ClutterRules, type LandCoverOptions } from './clutter-map.ts';
import { communePopulations, dasymetricPopulation, peoplePerKm2, type DasymetricResult } from './population.ts';

/** Water-mask codes: 0 land, 1 water (the GSHHG file's; NoData would take no vote). */
export const WATER_MASK_CODES: ReadonlyMap<number, number> = new Map([[0, 0], [1, 1]]);

export interface GroundInputs {
  readonly grid: Grid;
  /** Commune polygons with `population` and `type` (phuong / xa). */
  readonly communes: readonly BoundaryFeature[];
  /** Name of the communes file, for messages. */
  readonly communesFileName: string;
  /** Commune labels of the grid if already computed (`communeLabelGrid`). */
  readonly labels?: CommuneLabels;
  /** People-count raster giving the weights (WorldPop); null: uniform within each commune. */
  readonly population?: GeoRaster | null;
  /** Water mask raster (1 = water); null: no water cells. */
  readonly water?: GeoRaster | null;
  /** Land-cover raster (ESA WorldCover codes by default): replaces the rule-based clutter. */
  readonly landCover?: GeoRaster | null;
  readonly landCoverOptions?: Omit<LandCoverOptions, 'densityPerKm2' | 'signal'>;
  /** Thresholds of the rule-based clutter; default {@link DEFAULT_CLUTTER_RULES}. */
  readonly rules?: ClutterRules;
  /** Zero the population weight of water cells (default true). */
  readonly excludeWaterFromPopulation?: boolean;
  readonly signal?: AbortSignal;
}

export interface Ground {
  readonly labels: CommuneLabels;
  /** People per cell (Float32), Σ = Σ of the placed communes' populations. */
  readonly peoplePerCell: Float32Array;
  /** People per km² per cell. */
  readonly densityPerKm2: Float32Array;
  /** 1 = water, 0 = land, per cell. */
  readonly water: Uint8Array;
  /** Clutter class index per cell (into `CLUTTER_TYPES`). */
  readonly clutter: Uint8Array;
  readonly clutterSource: 'rules' | 'land-cover';
  readonly population: DasymetricResult;
  /** False when no commune of the boundary file has a population: every cell then has 0 people. */
  readonly peopleKnown: boolean;
  /** Plain-language notes (fallbacks, fills), each naming its file. */
  readonly notes: readonly string[];
}

/**
 * Population, water and clutter per cell of `grid` (see the module comment for the order).
 * @param inputs - grid, communes, opened rasters, options
 * @returns the per-cell layers and the population placement report
 * @throws RasterFileError from the readers (no overlap, unknown classes…)
 * @example const ground = await buildGround({ grid, communes, communesFileName: 'communes.geojson', population: await openGeoTiff(popBytes, 'pop.tif'), water: await openGeoTiff(waterBytes, 'water.tif') })
 */
export async function buildGround(inputs: GroundInputs): Promise<Ground> {
  const { grid, communes, signal } = inputs;
  const n = grid.width * grid.height;
  const labels = inputs.labels ?? communeLabelGrid(grid, communes);
  if (labels.length !== n) throw new RangeError(`labels have ${labels.length} cells, the grid ${n}`);
  const notes: string[] = [];
  const water = inputs.water
    ? (await resampleClasses(inputs.water, grid, { classOfCode: WATER_MASK_CODES, classCount: 2, fillClass: 0, signal })).classes
    : new Uint8Array(n);

  let weights: Float64Array;
  if (inputs.population) {
    const res = await resampleCounts(inputs.population, grid, { signal });
    weights = res.counts;
  } else {
    weights = new Float64Array(n).fill(1);
    notes.push('no population raster: each commune\'s population is spread evenly over its land cells');
  }
  // A boundary file without any population (a user's own) gives no people rather than an error.
  const peopleKnown = communes.some((f) => { const v = f.properties?.population; return typeof v === 'number' || (typeof v === 'string' && v.trim() !== ''); });
  const populations = peopleKnown ? communePopulations(communes, inputs.communesFileName) : communes.map(() => 0);
  if (!peopleKnown) notes.push(`${inputs.communesFileName}: no commune has a "population" property, so people per cell are not computed (population covered is left out)`);
  const population = dasymetricPopulation(labels, populations, weights, (inputs.excludeWaterFromPopulation ?? true) ? water : undefined);
  const name = (k: number) => String(communes[k].properties?.name ?? `#${k + 1}`);
  if (population.uniformCommunes.length) notes.push(`${inputs.population?.info.fileName ?? 'population'}: no weight in ${population.uniformCommunes.map(name).join(', ')}; their population is spread evenly over their cells`);
  if (population.unplacedCommunes.length) notes.push(`${inputs.communesFileName}: ${population.unplacedCommunes.map(name).join(', ')} have no cell at ${grid.cellSizeM} m; their population is not on the grid`);
  const densityPerKm2 = peoplePerKm2(grid, population.peoplePerCell);

  let clutter: Uint8Array;
  let clutterSource: Ground['clutterSource'];
  const rulesMap = () => ruleClutterMap({ water, labels, wardCommunes: communes.map(isWard), densityPerKm2 }, inputs.rules ?? DEFAULT_CLUTTER_RULES);
  if (inputs.landCover) {
    // Where the map has no data the rule-based classes stay (a tile of part of the province changes that part only).
    const res = await landCoverClutterMap(inputs.landCover, grid, { ...inputs.landCoverOptions, densityPerKm2, signal, fallback: rulesMap() });
    clutter = res.clutter;
    clutterSource = 'land-cover';
    if (res.noVoteCells) notes.push(`${inputs.landCover.info.fileName}: ${res.noVoteCells} cells without land-cover data keep the classes made from water, commune type and density`);
    if (res.unknownCodes.length) notes.push(`${inputs.landCover.info.fileName}: codes not in the table took no vote: ${res.unknownCodes.map((u) => `${u.code} (${u.cells} cells)`).join(', ')}`);
  } else {
    clutter = rulesMap();
    clutterSource = 'rules';
  }
  return { labels, peoplePerCell: population.peoplePerCell, densityPerKm2, water, clutter, clutterSource, population, peopleKnown, notes };
}
