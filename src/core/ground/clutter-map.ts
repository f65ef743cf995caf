/**
 * ITU-R P.2108 clutter class per grid cell (indices into `CLUTTER_TYPES`: 0 water-sea,
 * 1 open-rural, 2 suburban, 3 urban, 4 trees-forest, 5 dense-urban), from one of two sources:
 *
 * A. RULES (default, no land-cover map needed): the GSHHG water mask, the commune type
 *    (phường = ward, urban administration; xã = rural commune: the communes' `type` property,
 *    `phuong` / `xa`) and the dasymetric population density. Per cell, first match wins:
 *    1. water in the mask → water-sea;
 *    2. in a phường: density ≥ ward.denseUrbanMinPerKm2 → dense-urban; ≥ ward.urbanMinPerKm2
 *       → urban; ≥ ward.suburbanMinPerKm2 → suburban;
 *    3. anywhere else (xã, a phường's sparse fringe, outside every commune): density ≥
 *       commune.suburbanMinPerKm2 → suburban; ≥ commune.treesMinPerKm2 → trees-forest;
 *       else open-rural.
 *    The defaults ({@link DEFAULT_CLUTTER_RULES}) and why are documented on the constant and
 *    in docs/ground.md (with the class shares they give over the province).
 *
 * B. LAND COVER: an ESA WorldCover GeoTIFF (codes 10…100) resampled by majority through an
 *    editable code → class table ({@link DEFAULT_WORLDCOVER_MAPPING}); cells whose majority is
 *    built-up (→ urban) can be split by density into dense-urban / suburban.
 */
import { CLUTTER_TYPES, type ClutterType } from '../clutter/p2108.ts';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import type { Grid } from '../grid/grid.ts';
import type { CommuneLabels } from '../stats/commune-stats.ts';
import type { GeoRaster } from '../raster/raster.ts';
import { NO_VOTE, resampleClasses } from '../raster/resample-classes.ts';

/** Index of each class in `CLUTTER_TYPES` (the value stored per cell and in clutter.tif). */
export const CLUTTER_INDEX: Readonly<Record<ClutterType, number>> = Object.fromEntries(CLUTTER_TYPES.map((t, i) => [t, i])) as Record<ClutterType, number>;

/** Thresholds of the rule-based map, people per km² of the cell (dasymetric population). */
export interface ClutterRules {
  readonly ward: {
    readonly denseUrbanMinPerKm2: number;
    readonly urbanMinPerKm2: number;
    readonly suburbanMinPerKm2: number;
  };
  readonly commune: {
    readonly suburbanMinPerKm2: number;
    readonly treesMinPerKm2: number;
  };
}

/**
 * Default thresholds. They are judgement, not measurement: WorldPop's 30″ (≈ 0.9 km) cells
 * smooth density, so the 100 m cells inherit kilometre-scale densities, and no land-cover map
 * of the province was available to calibrate them (docs/ground.md; edit them per study).
 * - ward.denseUrbanMinPerKm2 = 10 000 (100 people per hectare): continuous terraced
 *   shophouses of 3–5 storeys, P.2108's 20 m dense-urban clutter; reached only in the old city
 *   cores (0.8 % of phường land at 100 m).
 * - ward.urbanMinPerKm2 = 3 000: the built-up centre of a provincial city (15 m clutter);
 *   about the top 12 % of phường cells, where the phường averages (1 000–3 900 /km²) peak.
 * - ward.suburbanMinPerKm2 = 1 000: mixed houses and gardens at a city's edge (10 m clutter);
 *   39 % of phường cells.
 * - commune.suburbanMinPerKm2 = 2 000: market towns and the former district seats (thị trấn)
 *   inside xã; 3 % of xã cells.
 * - commune.treesMinPerKm2 = 600: settled land in the delta is houses along canals and roads
 *   under orchard and coconut canopy (15 m, P.2108 "trees/forest"); the emptier land is rice
 *   field and aquaculture ("open/rural"). 600 /km² puts the densest 43 % of xã land under
 *   trees, near the share of perennial crops (fruit, coconut) in the three former provinces
 *   (roughly a third to a half; UNVERIFIED, from general statistics, not a map).
 */
export const DEFAULT_CLUTTER_RULES: ClutterRules = {
  ward: { denseUrbanMinPerKm2: 10_000, urbanMinPerKm2: 3_000, suburbanMinPerKm2: 1_000 },
  commune: { suburbanMinPerKm2: 2_000, treesMinPerKm2: 600 },
};

/** Rejects thresholds that are not finite and ≥ 0 or out of order, naming the field. */
export function checkClutterRules(rules: ClutterRules): void {
  const fields: [string, number][] = [
    ['ward.denseUrbanMinPerKm2', rules.ward.denseUrbanMinPerKm2], ['ward.urbanMinPerKm2', rules.ward.urbanMinPerKm2],
    ['ward.suburbanMinPerKm2', rules.ward.suburbanMinPerKm2], ['commune.suburbanMinPerKm2', rules.commune.suburbanMinPerKm2],
    ['commune.treesMinPerKm2', rules.commune.treesMinPerKm2],
  ];
  for (const [name, v] of fields) if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`clutter rules: ${name} must be a number ≥ 0, got ${v}`);
  if (!(rules.ward.denseUrbanMinPerKm2 >= rules.ward.urbanMinPerKm2 && rules.ward.urbanMinPerKm2 >= rules.ward.suburbanMinPerKm2)) {
    throw new RangeError('clutter rules: ward thresholds must satisfy denseUrbanMinPerKm2 ≥ urbanMinPerKm2 ≥ suburbanMinPerKm2');
  }
  if (!(rules.commune.suburbanMinPerKm2 >= rules.commune.treesMinPerKm2)) {
    throw new RangeError('clutter rules: commune.suburbanMinPerKm2 must be ≥ commune.treesMinPerKm2');
  }
}

/** Whether a commune feature is a phường (ward): `type` = `phuong`, or `type_vi` = `Phường`. */
export function isWard(feature: BoundaryFeature): boolean {
  const p = feature.properties ?? {};
  return p.type === 'phuong' || (typeof p.type_vi === 'string' && p.type_vi.normalize('NFC').toLowerCase() === 'phường');
}

export interface RuleInputs {
  /** 1 = water per cell (the resampled water mask), 0 = land. */
  readonly water: Uint8Array;
  /** Commune index per cell (−1 outside). */
  readonly labels: CommuneLabels;
  /** Per commune: true for a phường. */
  readonly wardCommunes: readonly boolean[];
  /** People per km² per cell. */
  readonly densityPerKm2: ArrayLike<number>;
}

/**
 * The rule-based clutter map (rules in the module comment).
 * @param inputs - water mask, commune labels and types, density per cell
 * @param rules - thresholds, default {@link DEFAULT_CLUTTER_RULES}
 * @returns clutter class index per cell
 * @example const clutter = ruleClutterMap({ water, labels, wardCommunes: communes.map(isWard), densityPerKm2 })
 */
export function ruleClutterMap(inputs: RuleInputs, rules: ClutterRules = DEFAULT_CLUTTER_RULES): Uint8Array {
  checkClutterRules(rules);
  const { water, labels, wardCommunes, densityPerKm2 } = inputs;
  const n = labels.length;
  if (water.length !== n || densityPerKm2.length !== n) throw new RangeError(`inputs differ in size: labels ${n}, water ${water.length}, density ${densityPerKm2.length}`);
  const ward = Uint8Array.from(wardCommunes, (w) => (w ? 1 : 0));
  const { denseUrbanMinPerKm2: wDense, urbanMinPerKm2: wUrban, suburbanMinPerKm2: wSub } = rules.ward;
  const { suburbanMinPerKm2: cSub, treesMinPerKm2: cTrees } = rules.commune;
  const WATER = CLUTTER_INDEX['water-sea'], OPEN = CLUTTER_INDEX['open-rural'], SUB = CLUTTER_INDEX.suburban;
  const URBAN = CLUTTER_INDEX.urban, TREES = CLUTTER_INDEX['trees-forest'], DENSE = CLUTTER_INDEX['dense-urban'];
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (water[i]) { out[i] = WATER; continue; }
    const d = densityPerKm2[i];
    const l = labels[i];
    if (l >= 0 && ward[l]) {
      if (d >= wDense) { out[i] = DENSE; continue; }
      if (d >= wUrban) { out[i] = URBAN; continue; }
      if (d >= wSub) { out[i] = SUB; continue; }
    }
    out[i] = d >= cSub ? SUB : d >= cTrees ? TREES : OPEN;
  }
  return out;
}

/** ESA WorldCover 2020/2021 (v100/v200) class codes and names (product user manual). */
export const WORLDCOVER_CLASSES: Readonly<Record<number, string>> = {
  10: 'Tree cover', 20: 'Shrubland', 30: 'Grassland', 40: 'Cropland', 50: 'Built-up', 60: 'Bare / sparse vegetation',
  70: 'Snow and ice', 80: 'Permanent water bodies', 90: 'Herbaceous wetland', 95: 'Mangroves', 100: 'Moss and lichen',
};

/** What a land-cover code becomes: a clutter class, or no vote (like NoData). */
export type LandCoverTarget = ClutterType | 'no-vote';

/**
 * Default WorldCover → P.2108 table. Tall canopy (tree cover, mangroves) → trees-forest;
 * low vegetation, bare ground, snow, wetland, moss (shrubland is < 5 m by WorldCover's
 * definition) → open-rural; permanent water → water-sea; built-up → urban (split by density,
 * {@link DEFAULT_BUILT_UP_SPLIT}); 0 (WorldCover's "no data") → no vote.
 */
export const DEFAULT_WORLDCOVER_MAPPING: Readonly<Record<number, LandCoverTarget>> = {
  0: 'no-vote', 10: 'trees-forest', 20: 'open-rural', 30: 'open-rural', 40: 'open-rural', 50: 'urban', 60: 'open-rural',
  70: 'open-rural', 80: 'water-sea', 90: 'open-rural', 95: 'trees-forest', 100: 'open-rural',
};

/** Split of cells mapped to `urban`, by people per km²; null = no split. */
export interface BuiltUpSplit {
  /** At or above: dense-urban. */
  readonly denseUrbanMinPerKm2: number;
  /** Below: suburban. */
  readonly suburbanBelowPerKm2: number;
}

/** Same dense-urban threshold as the rules' phường; below 1 000 /km² a built-up cell is an industrial or scattered area (10 m clutter). */
export const DEFAULT_BUILT_UP_SPLIT: BuiltUpSplit = { denseUrbanMinPerKm2: 10_000, suburbanBelowPerKm2: 1_000 };

export interface LandCoverOptions {
  /** Code → target; default {@link DEFAULT_WORLDCOVER_MAPPING}. */
  readonly mapping?: Readonly<Record<number, LandCoverTarget>>;
  /** People per km² per cell, for the built-up split (no split without it). */
  readonly densityPerKm2?: ArrayLike<number>;
  /** Default {@link DEFAULT_BUILT_UP_SPLIT}; null: no split. */
  readonly builtUpSplit?: BuiltUpSplit | null;
  /** Class of cells without any vote; default open-rural. */
  readonly fillClass?: ClutterType;
  /**
   * Classes of the cells the land-cover map does not cover (no vote), e.g. the rule-based map:
   * a map of part of the province then changes only the part it covers. Overrides `fillClass`.
   */
  readonly fallback?: Uint8Array;
  readonly unknownCodes?: 'error' | 'no-vote';
  readonly maxSamplesPerAxis?: number;
  readonly maxWindowPixels?: number;
  readonly signal?: AbortSignal;
}

export interface LandCoverClutterResult {
  readonly clutter: Uint8Array;
  readonly noVoteCells: number;
  readonly unknownCodes: readonly { readonly code: number; readonly cells: number }[];
  readonly samplesPerAxis: number;
  /** Cells moved from urban by the split. */
  readonly splitToDenseUrban: number;
  readonly splitToSuburban: number;
}

/**
 * The clutter map from a land-cover raster (ESA WorldCover codes by default).
 * @param raster - the opened land-cover GeoTIFF (read by window)
 * @param grid - the coverage grid
 * @param options - mapping table, density and split, fill class, unknown-code policy
 * @returns clutter class index per cell and what was filled or split
 * @throws RasterFileError `no-overlap`, `unknown-classes` (codes listed with their cell counts)
 * @example await landCoverClutterMap(await openGeoTiff(blobSource(file), file.name), grid, { densityPerKm2 })
 */
export async function landCoverClutterMap(raster: GeoRaster, grid: Grid, options: LandCoverOptions = {}): Promise<LandCoverClutterResult> {
  const mapping = options.mapping ?? DEFAULT_WORLDCOVER_MAPPING;
  const classOfCode = new Map<number, number>();
  for (const [code, target] of Object.entries(mapping)) {
    if (target !== 'no-vote' && !(target in CLUTTER_INDEX)) throw new RangeError(`land-cover mapping: code ${code} maps to unknown class "${String(target)}" (use one of ${CLUTTER_TYPES.join(', ')} or no-vote)`);
    classOfCode.set(Number(code), target === 'no-vote' ? NO_VOTE : CLUTTER_INDEX[target]);
  }
  const fallback = options.fallback;
  if (fallback && fallback.length !== grid.width * grid.height) throw new RangeError(`fallback has ${fallback.length} cells, the grid ${grid.width * grid.height}`);
  // With a fallback, cells without a vote get a marker class (one past the last) and then the fallback's class.
  const marker = CLUTTER_TYPES.length;
  const res = await resampleClasses(raster, grid, {
    classOfCode, classCount: CLUTTER_TYPES.length + (fallback ? 1 : 0), fillClass: fallback ? marker : CLUTTER_INDEX[options.fillClass ?? 'open-rural'],
    unknownCodes: options.unknownCodes, maxSamplesPerAxis: options.maxSamplesPerAxis, maxWindowPixels: options.maxWindowPixels, signal: options.signal,
  });
  const clutter = res.classes;
  if (fallback) for (let i = 0; i < clutter.length; i++) if (clutter[i] === marker) clutter[i] = fallback[i];
  let splitToDenseUrban = 0, splitToSuburban = 0;
  const split = options.builtUpSplit === undefined ? DEFAULT_BUILT_UP_SPLIT : options.builtUpSplit;
  const density = options.densityPerKm2;
  if (split && density) {
    if (density.length !== clutter.length) throw new RangeError(`densityPerKm2 has ${density.length} cells, the grid ${clutter.length}`);
    const URBAN = CLUTTER_INDEX.urban;
    for (let i = 0; i < clutter.length; i++) {
      if (clutter[i] !== URBAN) continue;
      const d = density[i];
      if (d >= split.denseUrbanMinPerKm2) { clutter[i] = CLUTTER_INDEX['dense-urban']; splitToDenseUrban++; }
      else if (d < split.suburbanBelowPerKm2) { clutter[i] = CLUTTER_INDEX.suburban; splitToSuburban++; }
    }
  }
  return { clutter, noVoteCells: res.noVoteCells, unknownCodes: res.unknownCodes, samplesPerAxis: res.samplesPerAxis, splitToDenseUrban, splitToSuburban };
}

/**
 * Share of each class among the cells inside a commune (label ≥ 0), or among all cells when no
 * labels are given.
 * @param clutter - class index per cell
 * @param labels - commune index per cell (−1 outside), optional
 * @returns fraction 0–1 per class
 * @example clutterShares(clutter, labels)['water-sea'] // → 0.08
 */
export function clutterShares(clutter: Uint8Array, labels?: CommuneLabels): Record<ClutterType, number> {
  const counts = new Float64Array(CLUTTER_TYPES.length);
  let n = 0;
  for (let i = 0; i < clutter.length; i++) {
    if (labels && labels[i] < 0) continue;
    counts[clutter[i]]++;
    n++;
  }
  return Object.fromEntries(CLUTTER_TYPES.map((t, k) => [t, n ? counts[k] / n : 0])) as Record<ClutterType, number>;
}
