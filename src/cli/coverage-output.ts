/**
 * The files `phusong coverage` writes into its output folder. Names are a contract for
 * scripts (issue 5):
 *
 *   coverage-bands.geojson  RSRP and indoor RSRP bands (RFC 7946), properties layer, min_dbm, max_dbm, area_km2
 *   gaps.geojson            areas below the gap threshold inside the province, with communes and nearest site
 *   communes.geojson, communes.csv   per-commune statistics (CSV: UTF-8 with BOM)
 *   rsrp.tif, sinr.tif, best-server.tif   the chosen carrier (Float32 / Int32, EPSG:32648)
 *   coverage.kml            the bands as KML
 *   sites.csv, sites.geojson, scenario.json
 *   <carrier>-<layer>.tif   every layer of every carrier
 * Private networks' figures (inside the service area on their own carrier, spill-over outside)
 * go into summary.json.
 *   summary.json            (written by the command)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateNetworkCarrierId, type Scenario } from '../core/scenario/scenario.ts';
import { privateNetworkStats, type PrivateNetworkStats } from '../core/stats/private-network.ts';
import type { BoundaryFeature } from '../core/boundaries/boundaries.ts';
import { float32GeoTiff, int32GeoTiff } from '../core/export/geotiff.ts';
import { coverageBands } from '../core/export/bands.ts';
import { bandsKml, communeStatsCsv, communeStatsGeoJson, geoJsonText, sitesCsv, sitesGeoJson } from '../core/export/vector.ts';
import { communeLabelGrid, communeLayerStats, type CommuneStatsResult } from '../core/stats/commune-stats.ts';
import { gapPolygons } from '../core/stats/gaps.ts';
import { LAYER_IDS, layerArray, type LayerId } from '../core/coverage/layers.ts';
import type { CoverageRun } from './commands/coverage.ts';
import { DataError } from './errors.ts';
import { describeFsError } from './csv.ts';

export interface CoverageFileOptions {
  /** Carrier of the contract files (rsrp.tif…, bands, gaps, communes). */
  readonly carrierIndex: number;
  /** Communes for the statistics and the gaps (none: those files are skipped). */
  readonly communes: readonly BoundaryFeature[];
  readonly gapThresholdDbm: number;
  readonly gapMinAreaKm2: number;
  /** Indoor level counted as "covered indoors" in the commune statistics, dBm. */
  readonly indoorThresholdDbm: number;
}

export interface CoverageFiles {
  readonly files: string[];
  readonly communeStats: CommuneStatsResult | null;
  readonly gaps: number;
  /** Per private network: coverage inside its service area on its own carrier, spill-over outside. */
  readonly privateNetworks: { id: string; name: string; carrier: string | null; outdoorThresholdDbm: number; indoorThresholdDbm: number; stats: PrivateNetworkStats | null }[];
}

/** Private networks' own thresholds (outdoor / indoor) and the spill level, dBm. */
export const PRIVATE_NETWORK_THRESHOLDS = { outdoorDbm: -100, indoorDbm: -110, spillDbm: -110 } as const;

export function writeCoverageFiles(out: string, run: CoverageRun, scenario: Scenario, o: CoverageFileOptions): CoverageFiles {
  const files: string[] = [];
  const write = (name: string, data: string | Uint8Array) => {
    try {
      writeFileSync(join(out, name), data);
    } catch (err) {
      throw new DataError(`${join(out, name)}: cannot write (${describeFsError(err)})`);
    }
    files.push(name);
  };
  const { grid } = run.scene;
  const main = run.layers.carriers[o.carrierIndex];
  const carrier = run.scene.carriers[o.carrierIndex];
  write('rsrp.tif', new Uint8Array(float32GeoTiff(grid, main.rsrpDbm)));
  write('sinr.tif', new Uint8Array(float32GeoTiff(grid, main.sinrDb)));
  write('best-server.tif', new Uint8Array(int32GeoTiff(grid, main.server)));
  const bands = [
    coverageBands(grid, main.rsrpDbm, { layer: `${carrier.id} rsrp` }),
    coverageBands(grid, main.indoorDbm, { layer: `${carrier.id} indoor` }),
  ];
  write('coverage-bands.geojson', geoJsonText({ type: 'FeatureCollection', features: bands.flatMap((b) => b.features) }));
  write('coverage.kml', bandsKml(bands, { name: `${scenario.name} — ${carrier.label}` }));
  let communeStats: CommuneStatsResult | null = null;
  let gaps = 0;
  if (o.communes.length) {
    const labels = communeLabelGrid(grid, o.communes);
    communeStats = communeLayerStats(grid, labels, o.communes, main.rsrpDbm, {
      booleanLayers: { uplink: { values: main.ulMarginDb, atLeast: 0 }, indoor: { values: main.indoorDbm, atLeast: o.indoorThresholdDbm } },
    });
    write('communes.geojson', geoJsonText(communeStatsGeoJson(o.communes, communeStats)));
    write('communes.csv', communeStatsCsv(communeStats));
    const gapFc = gapPolygons(grid, main.rsrpDbm, labels, {
      threshold: o.gapThresholdDbm, minAreaKm2: o.gapMinAreaKm2,
      communeNames: o.communes.map((f) => String(f.properties?.name ?? '')), sites: scenario.sites,
    });
    gaps = gapFc.features.length;
    write('gaps.geojson', geoJsonText(gapFc));
  }
  const labelsForPn = o.communes.length ? communeLabelGrid(grid, o.communes) : undefined;
  const privateNetworks = scenario.privateNetworks.map((pn) => {
    const carrierId = privateNetworkCarrierId(scenario, pn.id);
    const ci = run.scene.carriers.findIndex((c) => c.id === carrierId);
    const layer = ci >= 0 ? run.layers.carriers[ci] : null;
    const T = PRIVATE_NETWORK_THRESHOLDS;
    const stats = layer ? privateNetworkStats(grid, pn.serviceArea, layer.rsrpDbm, {
      outdoorThresholdDbm: T.outdoorDbm, indoorRsrpDbm: layer.indoorDbm, indoorThresholdDbm: T.indoorDbm, spillThresholdDbm: T.spillDbm,
      labels: labelsForPn, communeNames: o.communes.map((f) => String(f.properties?.name ?? '')),
    }) : null;
    return { id: pn.id, name: pn.name, carrier: carrierId, outdoorThresholdDbm: T.outdoorDbm, indoorThresholdDbm: T.indoorDbm, stats };
  });
  write('sites.csv', sitesCsv(scenario.sites, { sample: scenario.sample }));
  write('sites.geojson', geoJsonText(sitesGeoJson(scenario.sites, { sample: scenario.sample })));
  write('scenario.json', `${JSON.stringify(scenario, null, 1)}\n`);
  // Every layer of every carrier (Float32, Int32 for the best server; NoData −9999 / −1).
  run.scene.carriers.forEach((c, ci) => {
    for (const id of LAYER_IDS as readonly LayerId[]) {
      const values = layerArray(run.layers.carriers[ci], id);
      write(`${c.id}-${id}.tif`, new Uint8Array(id === 'server' ? int32GeoTiff(grid, values) : float32GeoTiff(grid, values)));
    }
  });
  return { files, communeStats, gaps, privateNetworks };
}
