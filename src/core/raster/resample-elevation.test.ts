import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import { cellCenterX, cellCenterY, type Grid } from '../grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../grid/projection.ts';
import { RasterFileError } from './errors.ts';
import { openGeoTiff } from './geotiff-reader.ts';
import { parseHgt } from './hgt.ts';
import { resampleElevation } from './resample-elevation.ts';

// Expected values: the synthetic DEMs are planes (data/make-synthetic-ground.ts states their
// formulas) and bilinear interpolation reproduces a plane exactly, so a cell whose four
// neighbouring pixels hold data must read the plane at its centre (computed here with the exact
// projection). Hole and outside counts are counted here from the pixel geometry.

const fx = (name: string) => readFileSync(`tests/fixtures/ground/${name}`);
/** Plane of synthetic-dem-4326.tif, m. */
const plane4326 = (lon: number, lat: number) => 3 + 400 * (lon - 105.9) - 250 * (lat - 10.0);
const S = 1 / 1200;

function gridAt(lon: number, lat: number, width: number, height: number, cellSizeM = 100): Grid {
  const [x, y] = lonLatToUtm(lon, lat);
  return { width, height, originX: Math.round(x), originY: Math.round(y), cellSizeM, crs: 'EPSG:32648' };
}

/** Pixel coordinates of a cell centre in synthetic-dem-4326.tif (exact projection). */
function demPixel(grid: Grid, c: number, r: number): [number, number, number, number] {
  const [lon, lat] = utmToLonLat(cellCenterX(grid, c), cellCenterY(grid, r));
  return [(lon - 105.9) / S, (10.1 - lat) / S, lon, lat];
}
/** Whether pixel (i, j) of synthetic-dem-4326.tif is NoData (the hole block). */
const inHole = (i: number, j: number) => i >= 80 && i < 100 && j >= 60 && j < 80;

describe('resampleElevation: bilinear, NoData rule', () => {
  const grid = gridAt(105.91, 10.09, 150, 150);

  it('cells with four valid neighbours read the plane at their centre (< 1 mm)', async () => {
    const r = await resampleElevation(await openGeoTiff(fx('synthetic-dem-4326.tif'), 'dem.tif'), grid, { fillRadiusCells: 12 });
    let checked = 0;
    for (let row = 0; row < grid.height; row += 3) for (let c = 0; c < grid.width; c += 3) {
      const [px, py, lon, lat] = demPixel(grid, c, row);
      const i0 = Math.floor(px - 0.5), j0 = Math.floor(py - 0.5);
      if ([[0, 0], [1, 0], [0, 1], [1, 1]].some(([a, b]) => inHole(i0 + a, j0 + b))) continue;
      expect(Math.abs(r.elevationM[row * grid.width + c] - plane4326(lon, lat))).toBeLessThan(1e-3);
      checked++;
    }
    expect(checked).toBeGreaterThan(2000);
    expect(r.outsideCells).toBe(0);
  });

  it('holes: counted, filled by inverse distance within the radius (values within the neighbours’ range), else the default', async () => {
    let expectedHoles = 0;
    for (let row = 0; row < grid.height; row++) for (let c = 0; c < grid.width; c++) {
      const [px, py] = demPixel(grid, c, row);
      const i0 = Math.floor(px - 0.5), j0 = Math.floor(py - 0.5);
      if ([[0, 0], [1, 0], [0, 1], [1, 1]].every(([a, b]) => inHole(i0 + a, j0 + b))) expectedHoles++;
    }
    const dem = await openGeoTiff(fx('synthetic-dem-4326.tif'), 'dem.tif');
    const wide = await resampleElevation(dem, grid, { fillRadiusCells: 12 });
    expect(wide.filledCells + wide.defaultedHoleCells).toBe(expectedHoles);
    expect(wide.defaultedHoleCells).toBe(0); // the hole is ≈ 18 cells wide: every hole cell is ≤ 9 cells from data
    // Filled values are weighted means of cells within 12 cells (1.2 km ≈ 13 pixels) of the hole
    // (pixels 80–99 × 60–79), so they lie within the plane's range over pixels 66–114 × 46–94:
    // lowest at the west and north (z rises east, falls north), highest at the east and south.
    const lo = plane4326(105.9 + 66 * S, 10.1 - 46 * S), hi = plane4326(105.9 + 114 * S, 10.1 - 94 * S);
    for (let i = 0; i < wide.elevationM.length; i++) {
      const [px, py] = demPixel(grid, i % grid.width, Math.floor(i / grid.width));
      if (inHole(Math.floor(px), Math.floor(py))) {
        expect(wide.elevationM[i]).toBeGreaterThanOrEqual(lo);
        expect(wide.elevationM[i]).toBeLessThanOrEqual(hi);
      }
    }
    // Radius 2: the middle of the hole is farther than 2 cells from data → the default (7.5 m here).
    const narrow = await resampleElevation(dem, grid, { fillRadiusCells: 2, defaultElevationM: 7.5 });
    expect(narrow.filledCells + narrow.defaultedHoleCells).toBe(expectedHoles);
    expect(narrow.defaultedHoleCells).toBeGreaterThan(100);
    expect(narrow.warnings[0]).toMatch(/^dem\.tif: \d+ grid cells fall on NoData pixels; \d+ filled by inverse-distance weighting from cells within 2 cells, \d+ set to 7\.5 m$/);
  });

  it("holes: 'error' refuses the file, naming the count and the rule", async () => {
    const err = await resampleElevation(await openGeoTiff(fx('synthetic-dem-4326.tif'), 'dem.tif'), grid, { holes: 'error' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RasterFileError);
    expect((err as RasterFileError).kind).toBe('nodata-holes');
    expect((err as Error).message).toMatch(/^dem\.tif: \d+ grid cells fall on NoData \(-9999\) pixels; with the fill rule, holes are filled by inverse-distance weighting from cells with data within 5 cells, else set to 2 m; nothing was changed$/);
  });

  it('cells outside the DEM get the default (flat earth at 2 m) and are counted', async () => {
    // Starts 2 km west of the DEM's west edge (105.9 E).
    const g = gridAt(105.8817, 10.05, 60, 20);
    let outside = 0;
    for (let row = 0; row < g.height; row++) for (let c = 0; c < g.width; c++) if (demPixel(g, c, row)[0] < 0) outside++;
    const r = await resampleElevation(await openGeoTiff(fx('synthetic-dem-4326.tif'), 'dem.tif'), g);
    expect(outside).toBeGreaterThan(300);
    expect(r.outsideCells).toBe(outside);
    expect(r.elevationM[0]).toBe(2);
    expect(r.warnings.at(-1)).toMatch(/outside the elevation raster and set to 2 m \(flat earth\)$/);
  });

  it('UTM 48 SOUTH DEM: z = 10 + 0.002·(x − 605 000) + 0.001·(y − 1 107 000) at each cell centre', async () => {
    // 48S northing = 48N northing + 10 000 000 m, so the fixture's plane in grid metres is the formula above.
    const g: Grid = { width: 60, height: 50, originX: 605000, originY: 1112000, cellSizeM: 100, crs: 'EPSG:32648' };
    const r = await resampleElevation(await openGeoTiff(fx('synthetic-dem-utm48s.tif'), 'dem48s.tif'), g);
    for (const [c, row] of [[0, 0], [59, 49], [17, 33], [40, 5]]) {
      const z = 10 + 0.002 * (cellCenterX(g, c) - 605000) + 0.001 * (cellCenterY(g, row) - 1107000);
      expect(r.elevationM[row * 60 + c]).toBeCloseTo(z, 4);
    }
    expect(r.filledCells + r.defaultedHoleCells + r.outsideCells).toBe(0);
  });

  it('SRTM 3″ tile: z = 100 + 1200·(lon − 105) − 1200·(10 − lat), voids filled', async () => {
    const bytes = gunzipSync(new Uint8Array(fx('synthetic-N09E105.hgt.gz')));
    // Around the void block (rows 600–609, cols 300–309 → 105.25–105.2575 E, 9.4925–9.5 N).
    const g = gridAt(105.235, 9.51, 40, 30);
    const r = await resampleElevation(parseHgt(bytes, 'synthetic-N09E105.hgt'), g, { fillRadiusCells: 10 });
    const hgtZ = (lon: number, lat: number) => 100 + 1200 * (lon - 105) - 1200 * (10 - lat);
    let exact = 0;
    for (let row = 0; row < g.height; row++) for (let c = 0; c < g.width; c++) {
      const [lon, lat] = utmToLonLat(cellCenterX(g, c), cellCenterY(g, row));
      const col = (lon - 105) * 1200, rw = (10 - lat) * 1200;
      if (col > 298 && col < 311 && rw > 598 && rw < 611) continue; // next to the void
      expect(Math.abs(r.elevationM[row * g.width + c] - hgtZ(lon, lat))).toBeLessThan(1e-3);
      exact++;
    }
    expect(exact).toBeGreaterThan(1000);
    expect(r.filledCells).toBeGreaterThan(20); // the void is ≈ 9 × 9 cells of 100 m
    expect(r.defaultedHoleCells).toBe(0);
  });
});
