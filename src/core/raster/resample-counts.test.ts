import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fromArrayBuffer } from 'geotiff';
import { gridForBBox, type Grid } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import { encodeGeoTiff } from './geotiff-writer.ts';
import { openGeoTiff } from './geotiff-reader.ts';
import { resampleCounts } from './resample-counts.ts';

// Expected values: (1) a hand calculation of area shares (written out below); (2) SOURCES.md
// §5: the WorldPop clip holds 7.73 M people in all; (3) the invariant Σ grid = Σ raster for a
// grid that contains the whole raster, Σ raster summed here from geotiff.js's own full read.

describe('resampleCounts: area-weighted, conserving', () => {
  it('hand calculation: 250 m pixels onto 100 m cells', async () => {
    // Pixels (EPSG:32648, origin 600 000 / 1 100 500): [100, 40; NoData, 8].
    const tif = encodeGeoTiff({
      width: 2, height: 2, type: 'float32', values: [100, 40, -1, 8], noData: -1,
      georeference: { epsg: 32648, originX: 600000, originY: 1100500, pixelSizeX: 250, pixelSizeY: 250 },
    });
    const grid: Grid = { width: 5, height: 5, originX: 600000, originY: 1100500, cellSizeM: 100, crs: 'EPSG:32648' };
    const r = await resampleCounts(await openGeoTiff(tif, 'p.tif'), grid);
    const at = (c: number, row: number) => r.counts[row * 5 + c];
    // Cell (0,0) lies inside pixel (0,0): 100 × (100·100)/(250·250) = 16.
    expect(at(0, 0)).toBeCloseTo(16, 9);
    // Cell (2,0): x 600 200–600 300 straddles the pixel edge at 600 250:
    // 100 × (50·100)/62 500 + 40 × (50·100)/62 500 = 8 + 3.2 = 11.2.
    expect(at(2, 0)).toBeCloseTo(11.2, 9);
    // Cell (2,2) touches all four pixels by 50 m × 50 m: (100 + 40 + 0 + 8) × 2 500/62 500 = 5.92.
    expect(at(2, 2)).toBeCloseTo(5.92, 9);
    // Cell (4,4) lies inside pixel (1,1): 8 × 10 000/62 500 = 1.28; cell (0,4) in the NoData pixel: 0.
    expect(at(4, 4)).toBeCloseTo(1.28, 9);
    expect(at(0, 4)).toBe(0);
    expect(r.total).toBeCloseTo(148, 9);
    expect(r.noDataPixels).toBe(1);
  });

  const wp = readFileSync('public/data/vinh-long-population-2020-1km.tif');
  async function sourceSum(): Promise<number> {
    const image = await (await fromArrayBuffer(new Uint8Array(wp).buffer)).getImage();
    const [band] = (await image.readRasters()) as unknown as Float32Array[];
    let s = 0;
    for (const v of band) if (v > 0) s += v;
    return s;
  }

  it('WorldPop onto a 100 m grid containing the whole raster: Σ grid = Σ raster (7.73 M, SOURCES.md §5)', async () => {
    const corners = [[105.5987, 10.4580], [106.8488, 10.4580], [105.5987, 9.4579], [106.8488, 9.4579]].map(([lo, la]) => lonLatToUtm(lo, la));
    const grid = gridForBBox([Math.min(...corners.map((c) => c[0])) - 500, Math.min(...corners.map((c) => c[1])) - 500,
      Math.max(...corners.map((c) => c[0])) + 500, Math.max(...corners.map((c) => c[1])) + 500], 100);
    const r = await resampleCounts(await openGeoTiff(wp, 'wp.tif'), grid);
    const expected = await sourceSum();
    expect(Math.round(expected / 1e4) / 100).toBe(7.73);
    let sum = 0;
    for (const v of r.counts) sum += v;
    expect(Math.abs(sum / expected - 1)).toBeLessThan(1e-9);
    expect(Math.abs(r.total / expected - 1)).toBeLessThan(1e-9);
  });

  it('partial overlap: Σ grid lies between Σ of the pixels wholly inside and Σ of those touching', async () => {
    const [x0, y0] = lonLatToUtm(105.9, 9.9);
    const grid: Grid = { width: 230, height: 180, originX: Math.round(x0), originY: Math.round(y0) + 18000, cellSizeM: 100, crs: 'EPSG:32648' };
    const r = await resampleCounts(await openGeoTiff(wp, 'wp.tif'), grid);
    const image = await (await fromArrayBuffer(new Uint8Array(wp).buffer)).getImage();
    const [band] = (await image.readRasters()) as unknown as Float32Array[];
    const s = 1 / 120, lon0 = 105.598749588950028, lat0 = 10.457916823727146;
    let inside = 0, touching = 0;
    const inGrid = (lon: number, lat: number) => {
      const [x, y] = lonLatToUtm(lon, lat);
      return x >= grid.originX && x <= grid.originX + 23000 && y <= grid.originY && y >= grid.originY - 18000;
    };
    for (let j = 0; j < 120; j++) for (let i = 0; i < 150; i++) {
      const v = band[j * 150 + i];
      if (!(v > 0)) continue;
      const c = [[i, j], [i + 1, j], [i, j + 1], [i + 1, j + 1]].map(([a, b]) => inGrid(lon0 + a * s, lat0 - b * s));
      if (c.every(Boolean)) inside += v;
      if (c.some(Boolean)) touching += v;
    }
    expect(r.total).toBeGreaterThan(inside);
    expect(r.total).toBeLessThan(touching);
  });

  it('the same result read in bands of a few rows as in one window', async () => {
    const [x0, y0] = lonLatToUtm(105.9, 10.2);
    const grid: Grid = { width: 300, height: 250, originX: Math.round(x0), originY: Math.round(y0), cellSizeM: 100, crs: 'EPSG:32648' };
    const one = await resampleCounts(await openGeoTiff(wp, 'wp.tif'), grid);
    const bands = await resampleCounts(await openGeoTiff(wp, 'wp.tif'), grid, { maxWindowPixels: 100 });
    expect(Array.from(bands.counts)).toEqual(Array.from(one.counts));
  });

  it('a grid away from the raster: no-overlap, naming the file and both extents', async () => {
    const grid: Grid = { width: 10, height: 10, originX: 300000, originY: 2300000, cellSizeM: 100, crs: 'EPSG:32648' };
    await expect(resampleCounts(await openGeoTiff(wp, 'wp.tif'), grid)).rejects.toThrow(/^wp\.tif: does not overlap the coverage grid \(raster 105\.599–106\.849 E, 9\.458–10\.458 N in WGS 84; grid 103\.\d{3}–103\.\d{3} E, 20\.\d{3}–20\.\d{3} N\); nothing was changed$/);
  });
});
