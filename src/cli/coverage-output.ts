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
import type { Scenario } from '../core/scenario/scenario.ts';
import type { BoundaryFeature } from '../core/boundaries/boundaries.ts';
import { float32GeoTiff, int32GeoTiff } from '../core/export/geotiff.ts';
import { buildContractFiles, type PrivateNetworkFigures } from '../core/export/contract.ts';
import type { CommuneStatsResult } from '../core/stats/commune-stats.ts';
import { LAYER_IDS, layerArray, type LayerId } from '../core/coverage/layers.ts';
import type { CoverageRun } from './commands/coverage.ts';
import { DataError } from './errors.ts';
import { describeFsError } from './csv.ts';

export { PRIVATE_NETWORK_THRESHOLDS } from '../core/export/contract.ts';

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
  readonly privateNetworks: PrivateNetworkFigures[];
}

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
  const carrier = run.scene.carriers[o.carrierIndex];
  const carrierLayers = new Map(run.scene.carriers.map((c, ci) => [c.id, run.layers.carriers[ci]]));
  const bundle = buildContractFiles(grid, run.layers.carriers[o.carrierIndex], scenario, {
    carrierId: carrier.id, carrierLabel: carrier.label, communes: o.communes, gapThresholdDbm: o.gapThresholdDbm,
    gapMinAreaKm2: o.gapMinAreaKm2, indoorThresholdDbm: o.indoorThresholdDbm, carrierLayers,
  });
  for (const f of bundle.files) write(f.name, f.data);
  // Every layer of every carrier (Float32, Int32 for the best server; NoData −9999 / −1).
  run.scene.carriers.forEach((c, ci) => {
    for (const id of LAYER_IDS as readonly LayerId[]) {
      const values = layerArray(run.layers.carriers[ci], id);
      write(`${c.id}-${id}.tif`, new Uint8Array(id === 'server' ? int32GeoTiff(grid, values) : float32GeoTiff(grid, values)));
    }
  });
  return { files, communeStats: bundle.communeStats, gaps: bundle.gaps, privateNetworks: bundle.privateNetworks };
}
