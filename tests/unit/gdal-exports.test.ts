/**
 * Exports checked by GDAL, an independent reader: gdalinfo / gdallocationinfo for the GeoTIFFs,
 * ogrinfo for GeoJSON, CSV and KML. Needs gdal-bin (CI installs it in .ci/run); without it these
 * tests FAIL with a message saying so, they are never skipped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Grid } from '../../src/core/grid/grid.ts';
import { cellCenterX, cellCenterY, gridBBox, gridForBBox } from '../../src/core/grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../../src/core/grid/projection.ts';
import type { BoundaryFeature } from '../../src/core/boundaries/boundaries.ts';
import type { Scenario } from '../../src/core/scenario/scenario.ts';
import { float32GeoTiff, FLOAT32_NODATA, int32GeoTiff, INT32_NODATA } from '../../src/core/export/geotiff.ts';
import { coverageBands } from '../../src/core/export/bands.ts';
import { bandsKml, communeStatsCsv, communeStatsGeoJson, geoJsonText, sitesCsv, sitesGeoJson } from '../../src/core/export/vector.ts';
import { communeLabelGrid, communeLayerStats } from '../../src/core/stats/commune-stats.ts';
import { gapPolygons } from '../../src/core/stats/gaps.ts';

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

const dir = mkdtempSync(join(tmpdir(), 'phusong-gdal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 7 × 5 cells of 100 m; values −120 + 1.37·i (not exact in Float32), two NaN cells.
const grid: Grid = { width: 7, height: 5, originX: 605000, originY: 1112000, cellSizeM: 100, crs: 'EPSG:32648' };
const n = grid.width * grid.height;
const rsrp = Float64Array.from({ length: n }, (_, i) => (i === 3 || i === 30 ? NaN : -120 + 1.37 * i));
const server = Int32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? -1 : i * 1000003));

interface GdalInfo {
  size: [number, number];
  coordinateSystem: { wkt: string };
  geoTransform: number[];
  cornerCoordinates: Record<'upperLeft' | 'lowerLeft' | 'upperRight' | 'lowerRight', [number, number]>;
  bands: { type: string; noDataValue: number }[];
  metadata: Record<string, Record<string, string>>;
}

function valueAt(file: string, col: number, row: number): number {
  return Number(gdal('gdallocationinfo', ['-valonly', '-geoloc', file, String(cellCenterX(grid, col)), String(cellCenterY(grid, row))]).trim());
}

describe('GeoTIFF, read by GDAL', () => {
  const floatFile = join(dir, 'rsrp.tif');
  const intFile = join(dir, 'server.tif');
  writeFileSync(floatFile, new Uint8Array(float32GeoTiff(grid, rsrp)));
  writeFileSync(intFile, new Uint8Array(int32GeoTiff(grid, server)));

  for (const [file, type, noData] of [[floatFile, 'Float32', FLOAT32_NODATA], [intFile, 'Int32', INT32_NODATA]] as const) {
    it(`${type}: EPSG:32648, corners = gridBBox, size, band type, NoData`, () => {
      const info = JSON.parse(gdal('gdalinfo', ['-json', file])) as GdalInfo;
      expect(info.size).toEqual([7, 5]);
      expect(info.coordinateSystem.wkt).toMatch(/^PROJCRS\["WGS 84 \/ UTM zone 48N"/);
      expect(info.coordinateSystem.wkt).toMatch(/ID\["EPSG",32648\]\]$/);
      const [minX, minY, maxX, maxY] = gridBBox(grid);
      expect(info.cornerCoordinates.upperLeft).toEqual([minX, maxY]);
      expect(info.cornerCoordinates.lowerRight).toEqual([maxX, minY]);
      expect(info.cornerCoordinates.lowerLeft).toEqual([minX, minY]);
      expect(info.geoTransform).toEqual([605000, 100, 0, 1112000, 0, -100]);
      expect(info.metadata[''].AREA_OR_POINT).toBe('Area');
      expect(info.bands).toHaveLength(1);
      expect(info.bands[0].type).toBe(type);
      expect(info.bands[0].noDataValue).toBe(noData);
    });
  }

  it('Float32: sampled cells equal the array (as Float32), NaN cells read as NoData', () => {
    for (const [col, row] of [[0, 0], [6, 0], [2, 3], [6, 4], [3, 0], [2, 4]]) {
      const v = rsrp[row * grid.width + col];
      // gdallocationinfo prints 15 significant digits: enough to name one Float32 exactly.
      expect(Math.fround(valueAt(floatFile, col, row))).toBe(Number.isNaN(v) ? FLOAT32_NODATA : Math.fround(v));
    }
  });

  it('Int32: sampled cells equal the array, −1 kept (signed)', () => {
    for (const [col, row] of [[0, 0], [1, 0], [6, 4], [5, 0], [4, 3]]) {
      expect(valueAt(intFile, col, row)).toBe(server[row * grid.width + col]);
    }
  });
});

/** ogrinfo -so summary: feature count, geometry type and whether the layer CRS is WGS 84. */
function ogrSummary(file: string): { layers: number; featureCount: number; geometry: string; wgs84: boolean } {
  const out = gdal('ogrinfo', ['-ro', '-al', '-so', file]);
  const counts = [...out.matchAll(/^Feature Count: (\d+)$/gm)].map((m) => Number(m[1]));
  return {
    layers: counts.length,
    featureCount: counts.reduce((a, b) => a + b, 0),
    geometry: /^Geometry: (.+)$/m.exec(out)?.[1] ?? '',
    wgs84: /GEOGCRS\["WGS 84"/.test(out) && /ID\["EPSG",4326\]/.test(out),
  };
}

/** Features whose geometry GEOS finds invalid (ogrinfo's SQLite dialect, ST_IsValid). */
function invalidCount(file: string, layer: string): number {
  const out = gdal('ogrinfo', ['-ro', '-q', '-dialect', 'sqlite', '-sql', `SELECT COUNT(*) AS bad FROM "${layer}" WHERE NOT ST_IsValid(geometry)`, file]);
  const m = /bad \(Integer\) = (\d+)/.exec(out);
  if (!m) throw new Error(`unexpected ogrinfo output: ${out}`);
  return Number(m[1]);
}

describe('vector exports, read by ogrinfo', () => {
  const communesFc = JSON.parse(readFileSync('public/data/vinh-long-communes-2025.geojson', 'utf8')) as { features: BoundaryFeature[] };
  const [w, s, e, nn] = [105.68, 9.52, 106.8, 10.35];
  const corners = [lonLatToUtm(w, s), lonLatToUtm(e, s), lonLatToUtm(w, nn), lonLatToUtm(e, nn)];
  const g = gridForBBox([Math.min(...corners.map((c) => c[0])), Math.min(...corners.map((c) => c[1])),
    Math.max(...corners.map((c) => c[0])), Math.max(...corners.map((c) => c[1]))], 1000);
  const labels = communeLabelGrid(g, communesFc.features);
  // RSRP falling 1 dB per km from a point near Vĩnh Long city, NaN outside the province.
  const [cx, cy] = lonLatToUtm(105.97, 10.25);
  const values = Float64Array.from({ length: g.width * g.height }, (_, i) => {
    if (labels[i] < 0) return NaN;
    const col = i % g.width, row = Math.floor(i / g.width);
    return -60 - Math.hypot(cellCenterX(g, col) - cx, cellCenterY(g, row) - cy) / 1000;
  });
  const stats = communeLayerStats(g, labels, communesFc.features, values);

  it('commune statistics GeoJSON: 124 features, (multi)polygons, WGS 84, valid', () => {
    const file = join(dir, 'communes.geojson');
    writeFileSync(file, geoJsonText(communeStatsGeoJson(communesFc.features, stats)));
    const sum = ogrSummary(file);
    expect(sum).toMatchObject({ layers: 1, featureCount: 124, wgs84: true });
    expect(sum.geometry).toMatch(/Polygon/);
  });

  it('commune statistics CSV (with BOM): 124 communes + the province row, first column "code"', () => {
    const file = join(dir, 'communes.csv');
    writeFileSync(file, communeStatsCsv(stats));
    const out = gdal('ogrinfo', ['-ro', '-al', '-so', file]);
    expect(out).toMatch(/^Feature Count: 125$/m);
    expect(out).toMatch(/^code: /m);
    // GDAL's CSV feature ids start at 1 for the first data row.
    const first = gdal('ogrinfo', ['-ro', '-al', '-q', '-fid', '3', file]);
    expect(first).toContain(`name (String) = ${stats.communes[2].name}`);
  });

  it('sites GeoJSON: points, WGS 84; sites CSV: one row per sector', () => {
    const scenario = JSON.parse(readFileSync('data/scenarios/sample-network.json', 'utf8')) as Scenario;
    const gj = join(dir, 'sites.geojson');
    writeFileSync(gj, geoJsonText(sitesGeoJson(scenario.sites, { sample: scenario.sample })));
    expect(ogrSummary(gj)).toMatchObject({ featureCount: scenario.sites.length, geometry: 'Point', wgs84: true });
    const csv = join(dir, 'sites.csv');
    writeFileSync(csv, sitesCsv(scenario.sites, { sample: scenario.sample }));
    const sectors = scenario.sites.reduce((a, site) => a + Math.max(1, site.sectors.length), 0);
    expect(gdal('ogrinfo', ['-ro', '-al', '-so', csv])).toMatch(new RegExp(`^Feature Count: ${sectors}$`, 'm'));
  });

  it('gaps GeoJSON: polygons, WGS 84, valid, GDAL area = area_km2', () => {
    const gaps = gapPolygons(g, values, labels, { threshold: -110, communeNames: stats.communes.map((c) => c.name) });
    expect(gaps.features.length).toBeGreaterThan(0);
    const file = join(dir, 'gaps.geojson');
    writeFileSync(file, geoJsonText(gaps));
    expect(ogrSummary(file)).toMatchObject({ featureCount: gaps.features.length, geometry: 'Polygon', wgs84: true });
    expect(invalidCount(file, 'gaps')).toBe(0);
    const out = gdal('ogrinfo', ['-ro', '-q', '-dialect', 'sqlite', '-sql', 'SELECT SUM(ST_Area(ST_Transform(geometry, 32648))) AS a FROM gaps', file]);
    const gdalKm2 = Number(/a \(Real\) = ([\d.e+-]+)/.exec(out)?.[1]) / 1e6;
    const ours = gaps.features.reduce((a, f) => a + f.properties.area_km2, 0);
    expect(Math.abs(gdalKm2 / ours - 1)).toBeLessThan(1e-4);
  });

  it('bands GeoJSON and KML: one multipolygon per band, WGS 84, valid', () => {
    const bands = coverageBands(g, values, { layer: 'rsrp' });
    expect(bands.features.length).toBeGreaterThanOrEqual(3);
    const gj = join(dir, 'bands.geojson');
    writeFileSync(gj, geoJsonText(bands));
    expect(ogrSummary(gj)).toMatchObject({ featureCount: bands.features.length, geometry: 'Multi Polygon', wgs84: true });
    expect(invalidCount(gj, 'bands')).toBe(0);
    const kml = join(dir, 'bands.kml');
    writeFileSync(kml, bandsKml([bands], { name: 'Vĩnh Long RSRP <mẫu> & test' }));
    const sum = ogrSummary(kml);
    expect(sum.featureCount).toBe(bands.features.length);
    expect(sum.wgs84).toBe(true);
    // The document name survives XML escaping (LIBKML names the layer after it); each band is
    // a styled MULTIPOLYGON placemark carrying its properties as ExtendedData.
    expect(gdal('ogrinfo', ['-ro', kml])).toContain('1: Vĩnh Long RSRP <mẫu> & test');
    const all = gdal('ogrinfo', ['-ro', '-al', kml]);
    expect(all.match(/^ {2}MULTIPOLYGON \(\(\(/gm)).toHaveLength(bands.features.length);
    expect(all).toContain('Name (String) = rsrp ≥ -80 dB');
    expect(all).toContain(`min_dbm (String) = ${bands.features[1].properties.min_dbm}`);
    expect(all).toMatch(/Style = @band-0-0/);
  });
});

// A broken projection should fail here, plainly, before GDAL's readings are doubted.
describe('projection sanity', () => {
  it('UTM → lon/lat → UTM round trip under 1 mm', () => {
    const [lon, lat] = utmToLonLat(605000, 1112000);
    const [x, y] = lonLatToUtm(lon, lat);
    expect(Math.hypot(x - 605000, y - 1112000)).toBeLessThan(1e-3);
  });
});
