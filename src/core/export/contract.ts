/**
 * The export bundle (issue 5): the same files, with the same names, whether `phusong coverage
 * --out <dir>` writes them to disk or the app packs them into a zip for download. Names are a
 * contract for scripts:
 *
 *   coverage-bands.geojson  RSRP and indoor RSRP bands (RFC 7946), properties layer, min_dbm, max_dbm, area_km2
 *   gaps.geojson            areas below the gap threshold inside the province, with communes and nearest site
 *   communes.geojson, communes.csv   per-commune statistics (CSV: UTF-8 with BOM)
 *   rsrp.tif, sinr.tif, best-server.tif   the chosen carrier (Float32 / Int32, EPSG:32648)
 *   coverage.kml            the bands as KML
 *   sites.csv, sites.geojson, scenario.json
 *   summary.json            written by the caller (the CLI adds timings, the app its own figures)
 *
 * Pure: no file system, no DOM; the CLI and a worker both call {@link buildContractFiles}.
 */
import { privateNetworkCarrierId, type Scenario } from '../scenario/scenario.ts';
import { privateNetworkStats, type PrivateNetworkStats } from '../stats/private-network.ts';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import { float32GeoTiff, int32GeoTiff } from './geotiff.ts';
import { coverageBands } from './bands.ts';
import { bandsKml, communeStatsCsv, communeStatsGeoJson, geoJsonText, sitesCsv, sitesGeoJson } from './vector.ts';
import { communeLabelGrid, communeLayerStats, DEFAULT_RSRP_THRESHOLDS_DBM, type CommuneLabels, type CommuneStatsResult } from '../stats/commune-stats.ts';
import { gapPolygons } from '../stats/gaps.ts';
import type { Grid } from '../grid/grid.ts';

/** The layers of one carrier the bundle needs (grid-shaped, row-major; NaN = no service, server −1). */
export interface ContractLayers {
  readonly rsrpDbm: Float64Array | Float32Array;
  readonly sinrDb: Float64Array | Float32Array;
  readonly server: Int32Array;
  readonly indoorDbm: Float64Array | Float32Array;
  readonly ulMarginDb: Float64Array | Float32Array;
}

export interface ContractOptions {
  /** Carrier id and label of the layers (band names, KML title). */
  readonly carrierId: string;
  readonly carrierLabel: string;
  /** Communes for the statistics and the gaps (none: those files are skipped). */
  readonly communes: readonly BoundaryFeature[];
  /** Commune labels of `grid` for `communes` (computed when absent). */
  readonly labels?: CommuneLabels;
  readonly gapThresholdDbm: number;
  readonly gapMinAreaKm2: number;
  /** Indoor level counted as "covered indoors" in the commune statistics, dBm. */
  readonly indoorThresholdDbm: number;
  /** RSRP thresholds of the statistics, dBm. Default −100 / −110 / −120. */
  readonly rsrpThresholdsDbm?: readonly number[];
  /** SINR level counted as "SINR covered" in the statistics, dB. Default 0. */
  readonly sinrThresholdDb?: number;
  /** Carrier layers by carrier id, for the private networks (each uses its own carrier). */
  readonly carrierLayers?: ReadonlyMap<string, Pick<ContractLayers, 'rsrpDbm' | 'indoorDbm'>>;
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

export interface ContractBundle {
  /** In contract order; text files as strings (UTF-8), GeoTIFFs as bytes. */
  readonly files: { readonly name: string; readonly data: string | Uint8Array }[];
  readonly communeStats: CommuneStatsResult | null;
  readonly gaps: number;
  readonly privateNetworks: PrivateNetworkFigures[];
}

/** Commune statistics of one carrier's layers: RSRP thresholds, uplink, indoor and SINR shares. */
export function contractCommuneStats(grid: Grid, labels: CommuneLabels, communes: readonly BoundaryFeature[], layers: Pick<ContractLayers, 'rsrpDbm' | 'sinrDb' | 'indoorDbm' | 'ulMarginDb'>, o: Pick<ContractOptions, 'indoorThresholdDbm' | 'rsrpThresholdsDbm' | 'sinrThresholdDb'>): CommuneStatsResult {
  return communeLayerStats(grid, labels, communes, layers.rsrpDbm, {
    thresholds: o.rsrpThresholdsDbm ?? DEFAULT_RSRP_THRESHOLDS_DBM,
    booleanLayers: {
      uplink: { values: layers.ulMarginDb, atLeast: 0 },
      indoor: { values: layers.indoorDbm, atLeast: o.indoorThresholdDbm },
      sinr: { values: layers.sinrDb, atLeast: o.sinrThresholdDb ?? 0 },
    },
  });
}

/** Every file of the bundle but summary.json. */
export function buildContractFiles(grid: Grid, layers: ContractLayers, scenario: Scenario, o: ContractOptions): ContractBundle {
  const files: ContractBundle['files'] = [];
  const add = (name: string, data: string | Uint8Array) => files.push({ name, data });
  const bands = [
    coverageBands(grid, layers.rsrpDbm, { layer: `${o.carrierId} rsrp` }),
    coverageBands(grid, layers.indoorDbm, { layer: `${o.carrierId} indoor` }),
  ];
  add('coverage-bands.geojson', geoJsonText({ type: 'FeatureCollection', features: bands.flatMap((b) => b.features) }));
  let communeStats: CommuneStatsResult | null = null;
  let gaps = 0;
  const labels = o.communes.length ? (o.labels ?? communeLabelGrid(grid, o.communes)) : undefined;
  const communeNames = o.communes.map((f) => String(f.properties?.name ?? ''));
  if (labels) {
    const gapFc = gapPolygons(grid, layers.rsrpDbm, labels, {
      threshold: o.gapThresholdDbm, minAreaKm2: o.gapMinAreaKm2, communeNames, sites: scenario.sites,
    });
    gaps = gapFc.features.length;
    add('gaps.geojson', geoJsonText(gapFc));
    communeStats = contractCommuneStats(grid, labels, o.communes, layers, o);
    add('communes.geojson', geoJsonText(communeStatsGeoJson(o.communes, communeStats)));
    add('communes.csv', communeStatsCsv(communeStats));
  }
  add('rsrp.tif', new Uint8Array(float32GeoTiff(grid, layers.rsrpDbm)));
  add('sinr.tif', new Uint8Array(float32GeoTiff(grid, layers.sinrDb)));
  add('best-server.tif', new Uint8Array(int32GeoTiff(grid, layers.server)));
  add('coverage.kml', bandsKml(bands, { name: `${scenario.name} — ${o.carrierLabel}` }));
  add('sites.csv', sitesCsv(scenario.sites, { sample: scenario.sample }));
  add('sites.geojson', geoJsonText(sitesGeoJson(scenario.sites, { sample: scenario.sample })));
  add('scenario.json', `${JSON.stringify(scenario, null, 1)}\n`);
  const T = PRIVATE_NETWORK_THRESHOLDS;
  const privateNetworks = scenario.privateNetworks.map((pn): PrivateNetworkFigures => {
    const carrierId = privateNetworkCarrierId(scenario, pn.id);
    const layer = carrierId === null ? undefined : carrierId === o.carrierId ? layers : o.carrierLayers?.get(carrierId);
    const stats = layer ? privateNetworkStats(grid, pn.serviceArea, layer.rsrpDbm, {
      outdoorThresholdDbm: T.outdoorDbm, indoorRsrpDbm: layer.indoorDbm, indoorThresholdDbm: T.indoorDbm, spillThresholdDbm: T.spillDbm,
      labels, communeNames,
    }) : null;
    return { id: pn.id, name: pn.name, carrier: carrierId, outdoorThresholdDbm: T.outdoorDbm, indoorThresholdDbm: T.indoorDbm, spillThresholdDbm: T.spillDbm, stats };
  });
  return { files, communeStats, gaps, privateNetworks };
}
