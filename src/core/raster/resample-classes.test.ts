import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cellCenterX, cellCenterY, gridForBBox, type Grid } from '../grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../grid/projection.ts';
import { encodeGeoTiff } from './geotiff-writer.ts';
import { RasterFileError } from './errors.ts';
import { openGeoTiff } from './geotiff-reader.ts';
import { NO_VOTE, resampleClasses } from './resample-classes.ts';

// Expected values: hand-designed pixel blocks (each 100 m cell = a 10 × 10 block of 10 m pixels
// in EPSG:32648, laid out below, so the majority of each cell is counted by hand), and
// SOURCES.md §6: 22.6 % of the GSHHG water mask's box is water.

/** A UTM-aligned Byte raster: `cells[r][c]` lists [code, pixels] filling cell (c, r)'s block in raster order. */
function blocks(cells: [number, number][][][], noData: number | null = null): Uint8Array {
  const h = cells.length * 10, w = cells[0].length * 10;
  const px = new Uint8Array(w * h);
  cells.forEach((row, r) => row.forEach((mix, c) => {
    const codes = mix.flatMap(([code, count]) => Array.from({ length: count }, () => code));
    codes.forEach((code, k) => { px[(r * 10 + Math.floor(k / 10)) * w + c * 10 + (k % 10)] = code; });
  }));
  return encodeGeoTiff({ width: w, height: h, type: 'uint8', values: px, noData, georeference: { epsg: 32648, originX: 600000, originY: 1100200, pixelSizeX: 10, pixelSizeY: 10 } });
}
const grid: Grid = { width: 4, height: 2, originX: 600000, originY: 1100200, cellSizeM: 100, crs: 'EPSG:32648' };
const table = new Map([[1, 0], [2, 1], [3, 2], [255, NO_VOTE]]);

describe('resampleClasses: majority', () => {
  const tif = blocks([
    [[[1, 100]], [[1, 60], [2, 40]], [[2, 51], [3, 49]], [[1, 50], [2, 50]]],
    [[[255, 100]], [[255, 80], [3, 20]], [[3, 34], [1, 33], [2, 33]], [[2, 1], [255, 99]]],
  ]);

  it('each cell takes its block’s majority class; a tie goes to the lower class; NoData takes no vote', async () => {
    const r = await resampleClasses(await openGeoTiff(tif, 'lc.tif'), grid, { classOfCode: table, classCount: 3, fillClass: 2 });
    expect(r.samplesPerAxis).toBe(10);
    // Row 0: 1 → 0; 60 × code 1 → 0; 51 × code 2 → 1; tie 50/50 → lower class 0.
    // Row 1: all NoData → fill 2; 20 × code 3 among NoData → 2; 34/33/33 → code 3 → 2; one vote of code 2 → 1.
    expect(Array.from(r.classes)).toEqual([0, 0, 1, 0, 2, 2, 2, 1]);
    expect(r.noVoteCells).toBe(1);
  });

  it('the file’s own NoData value takes no vote without a table entry', async () => {
    const t = blocks([[[[9, 70], [1, 30]], [[2, 100]], [[9, 100]], [[3, 100]]], [[[1, 100]], [[1, 100]], [[1, 100]], [[1, 100]]]], 9);
    const r = await resampleClasses(await openGeoTiff(t, 'lc.tif'), grid, { classOfCode: new Map([[1, 0], [2, 1], [3, 2]]), classCount: 3, fillClass: 1 });
    expect(Array.from(r.classes)).toEqual([0, 1, 1, 2, 0, 0, 0, 0]);
    expect(r.noVoteCells).toBe(1);
  });

  it('unknown codes: an error listing each code with the number of cells it is in, nothing returned', async () => {
    const t = blocks([
      [[[42, 100]], [[1, 60], [42, 40]], [[2, 100]], [[3, 100]]],
      [[[1, 100]], [[2, 100]], [[42, 1], [3, 99]], [[7, 10], [1, 90]]],
    ]);
    const err = await resampleClasses(await openGeoTiff(t, 'worldcover.tif'), grid, { classOfCode: table, classCount: 3, fillClass: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RasterFileError);
    expect((err as RasterFileError).kind).toBe('unknown-classes');
    expect((err as Error).message).toBe('worldcover.tif: class codes not in the mapping table: 42 (in 3 cells), 7 (in 1 cell); add them to the table (or map them to "no vote"); nothing was changed');
    // With 'no-vote' they are reported instead and take no vote: cell (0,0) is filled.
    const r = await resampleClasses(await openGeoTiff(t, 'worldcover.tif'), grid, { classOfCode: table, classCount: 3, fillClass: 2, unknownCodes: 'no-vote' });
    expect(r.unknownCodes).toEqual([{ code: 42, cells: 3 }, { code: 7, cells: 1 }]);
    expect(Array.from(r.classes)).toEqual([2, 0, 1, 2, 0, 1, 2, 0]);
  });

  it('rejects a table pointing outside the classes', async () => {
    await expect(resampleClasses(await openGeoTiff(tif, 'lc.tif'), grid, { classOfCode: new Map([[1, 5]]), classCount: 3, fillClass: 0 })).rejects.toThrow(/class of code 1 must be 0–2 or NO_VOTE, got 5/);
  });
});

describe('resampleClasses on the GSHHG water mask', () => {
  const water = readFileSync('public/data/vinh-long-water-gshhg-3s.tif');
  const codes = new Map([[0, 0], [1, 1]]);

  it('the water share of the mask’s box at 100 m is SOURCES.md’s 22.6 % (± 0.3 points)', async () => {
    const corners = [[105.6, 9.45], [106.85, 9.45], [105.6, 10.45], [106.85, 10.45]].map(([lo, la]) => lonLatToUtm(lo, la));
    const grid = gridForBBox([Math.min(...corners.map((c) => c[0])), Math.min(...corners.map((c) => c[1])),
      Math.max(...corners.map((c) => c[0])), Math.max(...corners.map((c) => c[1]))], 100);
    const r = await resampleClasses(await openGeoTiff(water, 'water.tif'), grid, { classOfCode: codes, classCount: 2, fillClass: 0 });
    let inBox = 0, wet = 0;
    for (let row = 0; row < grid.height; row++) for (let col = 0; col < grid.width; col++) {
      const [lon, lat] = utmToLonLat(cellCenterX(grid, col), cellCenterY(grid, row));
      if (lon < 105.6 || lon > 106.85 || lat < 9.45 || lat > 10.45) continue;
      inBox++;
      wet += r.classes[row * grid.width + col];
    }
    expect(Math.abs((100 * wet) / inBox - 22.6)).toBeLessThan(0.3);
    expect(r.samplesPerAxis).toBe(2); // 100 m cell / ≈ 91 m pixel → 2 × 2 samples
  });

  it('the same classes read in bands of a few pixel rows as in one window', async () => {
    const [x0, y0] = lonLatToUtm(106.45, 9.85); // over the Cổ Chiên estuary
    const grid: Grid = { width: 200, height: 150, originX: Math.round(x0), originY: Math.round(y0), cellSizeM: 100, crs: 'EPSG:32648' };
    const raster = await openGeoTiff(water, 'water.tif');
    const one = await resampleClasses(raster, grid, { classOfCode: codes, classCount: 2, fillClass: 0 });
    const many = await resampleClasses(raster, grid, { classOfCode: codes, classCount: 2, fillClass: 0, maxWindowPixels: 3000 });
    expect(many.windows.length).toBeGreaterThan(5);
    expect(many.classes).toEqual(one.classes);
    expect(new Set(one.classes).size).toBe(2);
  });
});
