/**
 * The files `phusong coverage` writes into its output folder (names are a contract for
 * scripts): `<carrier>-<layer>.tif` per carrier and layer (Float32, Int32 for `server`;
 * NoData −9999 and −1), and `scenario.json`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../core/scenario/scenario.ts';
import { float32GeoTiff, int32GeoTiff } from '../core/export/geotiff.ts';
import { LAYER_IDS, layerArray, type LayerId } from '../core/coverage/layers.ts';
import type { CoverageRun } from './commands/coverage.ts';
import { DataError } from './errors.ts';
import { describeFsError } from './csv.ts';

export function writeCoverageFiles(out: string, run: CoverageRun, scenario: Scenario): string[] {
  const files: string[] = [];
  const write = (name: string, data: string | Uint8Array) => {
    try {
      writeFileSync(join(out, name), data);
    } catch (err) {
      throw new DataError(`${join(out, name)}: cannot write (${describeFsError(err)})`);
    }
    files.push(name);
  };
  // One GeoTIFF per carrier and layer (EPSG:32648, NoData −9999 / −1 for the best server).
  run.scene.carriers.forEach((c, ci) => {
    for (const id of LAYER_IDS as readonly LayerId[]) {
      const values = layerArray(run.layers.carriers[ci], id);
      const tif = id === 'server' ? int32GeoTiff(run.scene.grid, values) : float32GeoTiff(run.scene.grid, values);
      write(`${c.id}-${id}.tif`, new Uint8Array(tif));
    }
  });
  write('scenario.json', `${JSON.stringify(scenario, null, 1)}\n`);
  return files;
}
