/**
 * The ground layers' GeoTIFFs (and the writer's description/unit/tiling), read by GDAL, an
 * independent reader: band description and unit from GDAL_METADATA, NoData, 256 × 256 blocks,
 * DEFLATE + predictor, the clutter classes under "Categories" (from the .aux.xml side-car) with
 * the palette, and the population raster's sum (GDAL statistics) = the dasymetric total of the
 * real communes (4 257 581, SOURCES.md) and = Σ of the Float32 cells we wrote. Also GDAL's
 * reading of the synthetic fixtures' georeferencing. Needs gdal-bin (as
 * tests/unit/gdal-exports.test.ts): without it these tests FAIL with a message saying so.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { cellCenterX, cellCenterY, gridForBBox, type Grid } from '../../src/core/grid/grid.ts';
import { lonLatToUtm } from '../../src/core/grid/projection.ts';
import { ringsOf, type BoundaryFeature } from '../../src/core/boundaries/boundaries.ts';
import { CLUTTER_TYPES } from '../../src/core/clutter/p2108.ts';
import { categoryGeoTiff, float32GeoTiff, populationGeoTiff } from '../../src/core/export/geotiff.ts';
import { openGeoTiff } from '../../src/core/raster/geotiff-reader.ts';
import { buildGround } from '../../src/core/ground/ground.ts';

function gdal(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${cmd} not found: these tests need GDAL's command-line tools. Install them with "apt-get install -y gdal-bin" (.ci/run does).`, { cause: e });
    }
    throw e;
  }
}

interface GdalBand {
  block: [number, number];
  type: string;
  description?: string;
  unit?: string;
  noDataValue?: number;
  categories?: string[];
  colorInterpretation: string;
  colorTable?: { entries: number[][] };
  metadata: Record<string, Record<string, string>>;
}
interface GdalInfo {
  size: [number, number];
  geoTransform: number[];
  coordinateSystem: { wkt: string };
  bands: GdalBand[];
  metadata: Record<string, Record<string, string>>;
}
const info = (file: string, ...extra: string[]) => JSON.parse(gdal('gdalinfo', ['-json', ...extra, file])) as GdalInfo;

const dir = mkdtempSync(join(tmpdir(), 'phusong-ground-gdal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const grid: Grid = { width: 300, height: 270, originX: 605000, originY: 1112000, cellSizeM: 100, crs: 'EPSG:32648' };
const n = grid.width * grid.height;

describe('grid-layer GeoTIFFs, read by GDAL', () => {
  it('Float32 layer: description and unit shown, NoData −9999, 256 × 256 blocks, DEFLATE with predictor 3', () => {
    const file = join(dir, 'rsrp.tif');
    const values = Float64Array.from({ length: n }, (_, i) => (i % 13 === 0 ? NaN : -120 + (i % 300) * 0.1));
    writeFileSync(file, new Uint8Array(float32GeoTiff(grid, values, { description: 'RSRP, carrier n78 & LTE (dBm)', unit: 'dBm' })));
    const j = info(file);
    const b = j.bands[0];
    expect(b.description).toBe('RSRP, carrier n78 & LTE (dBm)');
    expect(b.unit).toBe('dBm');
    expect(b.noDataValue).toBe(-9999);
    expect(b.block).toEqual([256, 256]);
    expect(j.metadata.IMAGE_STRUCTURE).toMatchObject({ COMPRESSION: 'DEFLATE', PREDICTOR: '3' });
    expect(j.geoTransform).toEqual([605000, 100, 0, 1112000, 0, -100]);
    // The text form, as a user reads it.
    const text = gdal('gdalinfo', [file]);
    expect(text).toContain('Description = RSRP, carrier n78 & LTE (dBm)');
    expect(text).toContain('Unit Type: dBm');
    // A cell in the padded right-hand tile, and a NaN cell.
    const at = (col: number, row: number) => Number(gdal('gdallocationinfo', ['-valonly', '-geoloc', file, String(cellCenterX(grid, col)), String(cellCenterY(grid, row))]).trim());
    expect(Math.fround(at(299, 269))).toBe(Math.fround(values[269 * 300 + 299]));
    expect(at(0, 0)).toBe(-9999); // i = 0 is a NaN cell
  });

  it('clutter map: Byte, class names under "Categories" (side-car), palette, description', () => {
    const file = join(dir, 'clutter.tif');
    const classes = Uint8Array.from({ length: n }, (_, i) => (i * 5) % 6);
    const colors: [number, number, number][] = [[30, 90, 200], [230, 230, 160], [250, 180, 60], [220, 40, 40], [40, 130, 60], [120, 0, 40]];
    const out = categoryGeoTiff(grid, classes, CLUTTER_TYPES, { colors, description: 'clutter class (ITU-R P.2108)' });
    writeFileSync(file, new Uint8Array(out.tif));
    writeFileSync(`${file}.aux.xml`, out.auxXml);
    const b = info(file).bands[0];
    expect(b.type).toBe('Byte');
    expect(b.categories).toEqual(['water-sea', 'open-rural', 'suburban', 'urban', 'trees-forest', 'dense-urban']);
    expect(b.colorInterpretation).toBe('Palette');
    expect(b.colorTable!.entries.slice(0, 6)).toEqual(colors.map((c) => [...c, 255]));
    expect(b.description).toBe('clutter class (ITU-R P.2108)');
    const text = gdal('gdalinfo', [file]);
    expect(text).toMatch(/Categories:\s+0: water-sea\s+1: open-rural\s+2: suburban\s+3: urban\s+4: trees-forest\s+5: dense-urban/);
    expect(Number(gdal('gdallocationinfo', ['-valonly', file, '7', '3']).trim())).toBe(classes[3 * 300 + 7]);
  });

  it('population.tif of the real province at 500 m: GDAL sum = Σ cells written = 4 257 581 within 0.5 %', async () => {
    const data = 'public/data';
    const communes = (JSON.parse(readFileSync(`${data}/vinh-long-communes-2025.geojson`, 'utf8')) as { features: BoundaryFeature[] }).features;
    const prov = JSON.parse(readFileSync(`${data}/vinh-long-province-2025.geojson`, 'utf8')) as { features: Feature<Polygon | MultiPolygon>[] };
    const pts = ringsOf(prov.features[0].geometry).flat().map((p) => lonLatToUtm(p[0], p[1]));
    const g = gridForBBox([Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))], 500);
    const ground = await buildGround({
      grid: g, communes, communesFileName: 'vinh-long-communes-2025.geojson',
      population: await openGeoTiff(readFileSync(`${data}/vinh-long-population-2020-1km.tif`), 'vinh-long-population-2020-1km.tif'),
      water: await openGeoTiff(readFileSync(`${data}/vinh-long-water-gshhg-3s.tif`), 'vinh-long-water-gshhg-3s.tif'),
    });
    const file = join(dir, 'population.tif');
    writeFileSync(file, new Uint8Array(populationGeoTiff(g, ground.peoplePerCell, { SOURCE: 'WorldPop 2020 (CC BY 4.0) weights × commune population' })));
    const j = info(file, '-stats');
    const b = j.bands[0];
    expect(b.unit).toBe('people');
    expect(b.noDataValue).toBeUndefined();
    const stats = b.metadata[''];
    expect(Number(stats.STATISTICS_VALID_PERCENT)).toBe(100);
    const gdalSum = Number(stats.STATISTICS_MEAN) * g.width * g.height;
    let ours = 0;
    for (const v of ground.peoplePerCell) ours += v;
    expect(Math.abs(gdalSum / ours - 1)).toBeLessThan(1e-9);
    expect(Math.abs(gdalSum / 4_257_581 - 1)).toBeLessThan(0.005);
    expect(j.metadata['']).toMatchObject({ SOURCE: 'WorldPop 2020 (CC BY 4.0) weights × commune population' });
  });
});

describe('synthetic fixtures, as GDAL reads them', () => {
  const fx = 'tests/fixtures/ground';
  it('WorldCover UTM 48N: EPSG:32648, origin (600 000, 1 100 400), 10 m; the 4326 copy: EPSG:4326 at 1/12 000°', () => {
    const a = info(`${fx}/synthetic-worldcover-utm48n.tif`);
    expect(a.coordinateSystem.wkt).toMatch(/ID\["EPSG",32648\]\]$/);
    expect(a.geoTransform).toEqual([600000, 10, 0, 1100400, 0, -10]);
    const b = info(`${fx}/synthetic-worldcover-4326.tif`);
    expect(b.coordinateSystem.wkt).toMatch(/ID\["EPSG",4326\]\]$/);
    expect(b.geoTransform[0]).toBe(106);
    expect(b.geoTransform[1]).toBeCloseTo(1 / 12000, 15);
  });

  it('DEM 48S: EPSG:32748; the value at a pixel centre is the stated plane', () => {
    const f = `${fx}/synthetic-dem-utm48s.tif`;
    expect(info(f).coordinateSystem.wkt).toMatch(/ID\["EPSG",32748\]\]$/);
    // Pixel (10, 20): centre E 605 525, N 11 110 975 → z = 10 + 0.002·525 + 0.001·3 975 = 15.025.
    expect(Number(gdal('gdallocationinfo', ['-valonly', f, '10', '20']).trim())).toBeCloseTo(15.025, 4);
  });
});
