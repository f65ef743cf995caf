/**
 * The export bundle: one contract for `phusong coverage --out <dir>` and the app's zip. Both
 * call {@link buildBundle} with the same inputs and get the same files, names and
 * `summary.json` keys (issue 10). Names are a contract for scripts:
 *
 *   summary.json            grid, cells, run figures, per-carrier shares, province, gaps, private networks, sectors, files
 *   sectors.csv             value,site_id,sector_id,carrier_id: decodes best-server.tif and <carrier>-server.tif
 *   coverage-bands.geojson  RSRP and indoor RSRP bands of the export carrier (RFC 7946)
 *   coverage.kml            the same bands as KML
 *   gaps.geojson            areas below the gap threshold inside the province, with communes and nearest site
 *   communes.geojson, communes.csv   per-commune statistics (CSV: UTF-8 with BOM)
 *   rsrp.tif, sinr.tif, best-server.tif   the export carrier (registry `contractFile`)
 *   <carrier>-<layer>.tif   every layer of every carrier (registry order)
 *   population.tif          people per cell (dasymetric), Float32            } with the grid's ground
 *   clutter.tif (+ .aux.xml) clutter class per cell, Byte with category names }
 *   elevation.tif           terrain height of an imported DEM, m
 *   sites.csv, sites.geojson, scenario.json
 *
 * Pure: no file system, no DOM, no workers. GeoTIFFs carry the layer's band description and unit.
 */
import { privateNetworkCarrierId, type Scenario } from '../scenario/scenario.ts';
import { privateNetworkStats, type PrivateNetworkStats } from '../stats/private-network.ts';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import { categoryGeoTiff, float32GeoTiff, int32GeoTiff, populationGeoTiff } from './geotiff.ts';
import { CLUTTER_TYPES } from '../clutter/p2108.ts';
import { coverageBands } from './bands.ts';
import { bandsKml, communeStatsCsv, communeStatsGeoJson, geoJsonText, sitesCsv, sitesGeoJson } from './vector.ts';
import { communeLabelGrid, communeLayerStats, DEFAULT_RSRP_THRESHOLDS_DBM, type CommuneLabels, type CommuneStatsResult } from '../stats/commune-stats.ts';
import { gapPolygons } from '../stats/gaps.ts';
import type { Grid } from '../grid/grid.ts';
import { rasterizeRings, type FlatRings } from '../grid/rasterize.ts';
import { LAYER_DEFS, layerArray, type CarrierLayers, type LayerId } from '../coverage/layer-registry.ts';
import { summarize } from '../coverage/layers.ts';

/** The layers of one carrier the statistics need (grid-shaped, row-major; NaN = no service). */
export type ContractLayers = Pick<CarrierLayers, 'rsrpDbm' | 'sinrDb' | 'server' | 'indoorDbm' | 'ulMarginDb' | 'coverageProbabilityPct'>;

/** Thresholds of the commune statistics. */
export interface StatsOptions {
  /** Indoor level counted as "covered indoors", dBm. */
  readonly indoorThresholdDbm: number;
  /** RSRP thresholds, dBm. Default −100 / −110 / −120. */
  readonly rsrpThresholdsDbm?: readonly number[];
  /** SINR level counted as "SINR covered", dB. Default 0. */
  readonly sinrThresholdDb?: number;
}

/** Private networks' own thresholds (outdoor / indoor) and the spill level, dBm. */
export const PRIVATE_NETWORK_THRESHOLDS = { outdoorDbm: -100, indoorDbm: -110, spillDbm: -110 } as const;

export interface PrivateNetworkFigures {
  readonly id: string;
  readonly name: string;
  readonly carrier: string | null;
  readonly outdoorThresholdDbm: number;
  readonly indoorThresholdDbm: number;
  readonly spillThresholdDbm: number;
  /** null when the network's carrier was not computed. */
  readonly stats: PrivateNetworkStats | null;
}

/** A sector of the computed scene (scene.ts EngineSector, the fields the bundle reads). */
export interface BundleSector {
  readonly index: number;
  readonly id: string;
  readonly siteId: string;
  readonly carrier: number;
  readonly rangeM: number;
}

/** What was computed: the grid, every carrier's whole-grid layers, the scene's sectors. */
export interface BundleInput {
  readonly grid: Grid;
  /** Carrier ids, in the layers' order. */
  readonly carrierIds: readonly string[];
  readonly carrierLabels: readonly string[];
  readonly layers: readonly CarrierLayers[];
  readonly sectors: readonly BundleSector[];
  /** The computed area (province outline) in grid metres: defines the cells counted. */
  readonly maskRings: FlatRings;
  readonly scenario: Scenario;
  /** Communes for the statistics and the gaps (none: those files are skipped). */
  readonly communes: readonly BoundaryFeature[];
  /** Commune labels of `grid` for `communes` (computed when absent). */
  readonly labels?: CommuneLabels;
  /** Figures of the run that made the layers (the CLI's and the app's own). */
  readonly run: BundleRun;
  /** The grid's ground (src/core/ground): population.tif, clutter.tif (+ its category side-car), elevation.tif with a DEM. */
  readonly ground?: {
    /** People per cell; null when the communes have no population (no population.tif, no people figures). */
    readonly peoplePerCell: Float32Array | null;
    readonly clutter: Uint8Array;
    readonly elevationM: Float32Array | null;
  };
}

export interface BundleRun {
  /** `phusong coverage` or `phusong (app)`. */
  readonly tool: string;
  readonly workers: number;
  readonly evaluations: number;
  readonly timingsS: Readonly<Record<string, number>>;
  /** Peak resident memory of the process, MB (null where it cannot be read: a browser). */
  readonly peakRssMb: number | null;
  readonly modelWarnings: readonly string[];
  /** The model forced on every sector, or null (each sector's own). */
  readonly modelOverride: string | null;
  /** ISO time of the export (summary.json `created`). */
  readonly created: string;
}

export interface BundleOptions extends StatsOptions {
  /** Carrier of rsrp.tif, sinr.tif, best-server.tif, the bands, the gaps and the commune statistics. */
  readonly exportCarrier: string;
  readonly gapThresholdDbm: number;
  readonly gapMinAreaKm2: number;
}

export interface Bundle {
  /** In contract order, summary.json last; text files as strings (UTF-8), GeoTIFFs as bytes. */
  readonly files: { readonly name: string; readonly data: string | Uint8Array }[];
  readonly summary: BundleSummary;
  readonly communeStats: CommuneStatsResult | null;
}

export type BundleSummary = ReturnType<typeof summaryOf>;

/** Commune statistics of one carrier's layers: RSRP thresholds, uplink, indoor and SINR shares. */
export function contractCommuneStats(grid: Grid, labels: CommuneLabels, communes: readonly BoundaryFeature[], layers: Pick<ContractLayers, 'rsrpDbm' | 'sinrDb' | 'indoorDbm' | 'ulMarginDb' | 'coverageProbabilityPct'>, o: StatsOptions, peoplePerCell?: ArrayLike<number>): CommuneStatsResult {
  return communeLayerStats(grid, labels, communes, layers.rsrpDbm, {
    peoplePerCell,
    // Area reliability: the mean coverage probability over the area's cells, %.
    meanLayers: { reliabilityPct: layers.coverageProbabilityPct },
    thresholds: o.rsrpThresholdsDbm ?? DEFAULT_RSRP_THRESHOLDS_DBM,
    booleanLayers: {
      uplink: { values: layers.ulMarginDb, atLeast: 0 },
      indoor: { values: layers.indoorDbm, atLeast: o.indoorThresholdDbm },
      sinr: { values: layers.sinrDb, atLeast: o.sinrThresholdDb ?? 0 },
    },
  });
}

/** sectors.csv: one row per best-server value (the sector's index), with its site, sector and carrier ids. */
export function sectorsCsv(sectors: readonly BundleSector[], carrierIds: readonly string[]): string {
  const q = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `value,site_id,sector_id,carrier_id\n${sectors.map((s) => `${s.index},${q(s.siteId)},${q(s.id)},${q(carrierIds[s.carrier])}`).join('\n')}\n`;
}

/** A GeoTIFF of one layer, with its band description and unit from the layer registry. */
function layerTiff(grid: Grid, id: LayerId, values: ArrayLike<number>): Uint8Array {
  const def = LAYER_DEFS.find((d) => d.id === id)!;
  const meta = { description: def.description, unit: def.unit };
  return new Uint8Array(def.kind === 'i32' ? int32GeoTiff(grid, values, meta) : float32GeoTiff(grid, values, meta));
}

function summaryOf(input: BundleInput, o: BundleOptions, mask: Uint8Array, gaps: number, communeStats: CommuneStatsResult | null, privateNetworks: PrivateNetworkFigures[], files: string[]) {
  const { grid, scenario, run } = input;
  return {
    tool: run.tool, created: run.created,
    scenario: scenario.name, sample: scenario.sample, cellSizeM: grid.cellSizeM, grid,
    cellsInProvince: mask.reduce((a, b) => a + b, 0),
    workers: run.workers, evaluations: run.evaluations, peakRssMb: run.peakRssMb, timingsS: run.timingsS,
    carriers: summarize(grid.cellSizeM, input.carrierIds.map((id, i) => ({ id, label: input.carrierLabels[i] })), input.layers, mask),
    modelOverride: run.modelOverride, modelWarnings: run.modelWarnings,
    exportCarrier: o.exportCarrier,
    thresholds: { rsrpDbm: o.rsrpThresholdsDbm ?? DEFAULT_RSRP_THRESHOLDS_DBM, sinrDb: o.sinrThresholdDb ?? 0, indoorDbm: o.indoorThresholdDbm },
    gaps: { thresholdDbm: o.gapThresholdDbm, minAreaKm2: o.gapMinAreaKm2, count: gaps },
    province: communeStats?.province ?? null,
    populationNote: communeStats?.populationNote ?? null,
    privateNetworks,
    sectors: input.sectors.map((s) => ({ index: s.index, id: s.id, site: s.siteId, carrier: input.carrierIds[s.carrier], footprintM: Math.round(s.rangeM) })),
    files,
  };
}

/**
 * Every file of the bundle, summary.json last. `onProgress` is called after each file.
 * @throws Error when `o.exportCarrier` is not among the computed carriers
 */
export function buildBundle(input: BundleInput, o: BundleOptions, onProgress?: (done: number, total: number, file: string) => void): Bundle {
  const { grid, scenario } = input;
  const ci = input.carrierIds.indexOf(o.exportCarrier);
  if (ci < 0) throw new Error(`export carrier "${o.exportCarrier}" was not computed (computed: ${input.carrierIds.join(', ')})`);
  const layers = input.layers[ci];
  const labels = input.communes.length ? (input.labels ?? communeLabelGrid(grid, input.communes)) : undefined;
  const communeNames = input.communes.map((f) => String(f.properties?.name ?? ''));
  const withStats = labels !== undefined;
  const total = 7 + (withStats ? 3 : 0) + (input.ground ? 2 + (input.ground.peoplePerCell ? 1 : 0) + (input.ground.elevationM ? 1 : 0) : 0) + LAYER_DEFS.filter((d) => d.contractFile).length + input.carrierIds.length * LAYER_DEFS.length;
  const files: Bundle['files'] = [];
  const add = (name: string, make: () => string | Uint8Array) => {
    files.push({ name, data: make() });
    onProgress?.(files.length, total, name);
  };
  const bands = [
    coverageBands(grid, layers.rsrpDbm, { layer: `${o.exportCarrier} rsrp` }),
    coverageBands(grid, layers.indoorDbm, { layer: `${o.exportCarrier} indoor` }),
  ];
  add('coverage-bands.geojson', () => geoJsonText({ type: 'FeatureCollection', features: bands.flatMap((b) => b.features) }));
  add('coverage.kml', () => bandsKml(bands, { name: `${scenario.name} — ${input.carrierLabels[ci]}` }));
  let communeStats: CommuneStatsResult | null = null;
  let gaps = 0;
  if (labels) {
    add('gaps.geojson', () => {
      const fc = gapPolygons(grid, layers.rsrpDbm, labels, { threshold: o.gapThresholdDbm, minAreaKm2: o.gapMinAreaKm2, communeNames, sites: scenario.sites, peoplePerCell: input.ground?.peoplePerCell });
      gaps = fc.features.length;
      return geoJsonText(fc);
    });
    communeStats = contractCommuneStats(grid, labels, input.communes, layers, o, input.ground?.peoplePerCell ?? undefined);
    add('communes.geojson', () => geoJsonText(communeStatsGeoJson(input.communes, communeStats!)));
    add('communes.csv', () => communeStatsCsv(communeStats!));
  }
  for (const def of LAYER_DEFS) if (def.contractFile) add(def.contractFile, () => layerTiff(grid, def.id, layerArray(layers, def.id)));
  input.carrierIds.forEach((id, k) => {
    for (const def of LAYER_DEFS) add(`${id}-${def.id}.tif`, () => layerTiff(grid, def.id, layerArray(input.layers[k], def.id)));
  });
  if (input.ground) {
    const gr = input.ground;
    if (gr.peoplePerCell) add('population.tif', () => new Uint8Array(populationGeoTiff(grid, gr.peoplePerCell!)));
    const cat = categoryGeoTiff(grid, gr.clutter, [...CLUTTER_TYPES], { description: 'Clutter class (ITU-R P.2108)' });
    add('clutter.tif', () => new Uint8Array(cat.tif));
    add('clutter.tif.aux.xml', () => cat.auxXml);
    if (gr.elevationM) add('elevation.tif', () => new Uint8Array(float32GeoTiff(grid, gr.elevationM!, { description: 'Terrain height (imported DEM)', unit: 'm' })));
  }
  add('sectors.csv', () => sectorsCsv(input.sectors, input.carrierIds));
  add('sites.csv', () => sitesCsv(scenario.sites, { sample: scenario.sample }));
  add('sites.geojson', () => geoJsonText(sitesGeoJson(scenario.sites, { sample: scenario.sample })));
  add('scenario.json', () => `${JSON.stringify(scenario, null, 1)}\n`);
  const T = PRIVATE_NETWORK_THRESHOLDS;
  const privateNetworks = scenario.privateNetworks.map((pn): PrivateNetworkFigures => {
    const carrierId = privateNetworkCarrierId(scenario, pn.id);
    const k = carrierId === null ? -1 : input.carrierIds.indexOf(carrierId);
    const layer = k >= 0 ? input.layers[k] : undefined;
    const stats = layer ? privateNetworkStats(grid, pn.serviceArea, layer.rsrpDbm, {
      outdoorThresholdDbm: T.outdoorDbm, indoorRsrpDbm: layer.indoorDbm, indoorThresholdDbm: T.indoorDbm, spillThresholdDbm: T.spillDbm,
      labels, communeNames,
    }) : null;
    return { id: pn.id, name: pn.name, carrier: carrierId, outdoorThresholdDbm: T.outdoorDbm, indoorThresholdDbm: T.indoorDbm, spillThresholdDbm: T.spillDbm, stats };
  });
  const mask = new Uint8Array(grid.width * grid.height);
  rasterizeRings(grid, input.maskRings, 0, grid.height, mask);
  const names = [...files.map((f) => f.name), 'summary.json'];
  const summary = summaryOf(input, o, mask, gaps, communeStats, privateNetworks, names);
  add('summary.json', () => `${JSON.stringify(summary, null, 1)}\n`);
  return { files, summary, communeStats };
}
