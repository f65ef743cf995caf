/**
 * `npx tsx data/make-synthetic-ground.ts`: writes the SYNTHETIC raster fixtures of the ground
 * tests into tests/fixtures/ground/. Every file is made up here, named `synthetic-…`, and
 * described in tests/fixtures/ground/README.md; none is real land cover or elevation. The
 * layouts are simple enough that the tests state the expected value of each cell by hand.
 *
 * - synthetic-worldcover-utm48n.tif: ESA-WorldCover-coded Byte raster, EPSG:32648, 10 m
 *   pixels, 60 × 40 (a 6 × 4 grid of 100 m cells at x 600 000–600 600, y 1 100 000–1 100 400),
 *   each 100 m cell made of a designed mix of codes (see CELLS below);
 * - synthetic-worldcover-4326.tif: the same codes in EPSG:4326 at 1/12 000° (WorldCover's own
 *   pixel), 240 × 240 over 106.00–106.02 E, 10.00–10.02 N, four quadrants split at 106.01 E,
 *   10.01 N: NW 10 (trees), NE 40 (cropland), SW 50 (built-up), SE 80 (water);
 * - synthetic-dem-4326.tif: Float32 DEM, EPSG:4326, 3″ pixels, 200 × 200 from 105.90 E,
 *   10.10 N; z = 3 + 400·(lon − 105.9) − 250·(lat − 10.0) m at pixel centres; NoData −9999 in
 *   the block of columns 80–99 × rows 60–79 (a hole 20 pixels ≈ 1.8 km wide);
 * - synthetic-dem-utm48s.tif: Float32 DEM, EPSG:32748 (UTM zone 48 SOUTH: the same
 *   transverse Mercator as 48N with a false northing of 10 000 000 m, so a point's 48S
 *   northing is its 48N northing + 10 000 000 m), 50 m pixels, 120 × 100 from E 605 000,
 *   N 11 112 000; z = 10 + 0.002·(E − 605 000) + 0.001·(N − 11 107 000) m at pixel centres;
 * - synthetic-N09E105.hgt.gz and synthetic-N09E105.hgt.zip: a 3″ SRTM tile (1201 × 1201,
 *   big-endian int16) with z = 100 + col − row, voids (−32768) at rows 600–609 × cols 300–309.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, zipSync } from 'fflate';
import { encodeGeoTiff } from '../src/core/raster/geotiff-writer.ts';

const out = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'tests', 'fixtures', 'ground');
mkdirSync(out, { recursive: true });
// Fixed timestamps and no compression-level variance, so reruns give identical bytes.
const write = (name: string, bytes: Uint8Array) => {
  writeFileSync(join(out, name), bytes);
  console.log(`${name}: ${bytes.length} bytes`);
};

// --- WorldCover, UTM 48N, 10 m: each 100 m cell is a list of [code, pixel count] summing to 100,
// filled in raster order within the cell's 10 × 10 block.
const CELLS: [number, number][][][] = [
  // row 0: one code per cell
  [[[10, 100]], [[20, 100]], [[30, 100]], [[40, 100]], [[50, 100]], [[60, 100]]],
  // row 1
  [[[70, 100]], [[80, 100]], [[90, 100]], [[95, 100]], [[100, 100]], [[50, 100]]],
  // row 2: mixtures (majority by class, NoData 0 takes no vote, a tie)
  [
    [[80, 55], [10, 45]], // water 55 vs trees 45
    [[50, 40], [10, 35], [95, 25]], // urban 40 vs trees 35 + 25 = 60
    [[0, 70], [40, 30]], // 70 no-data, open 30
    [[0, 100]], // all no-data
    [[10, 50], [80, 50]], // tie trees 50 / water 50
    [[50, 51], [80, 49]], // urban 51 vs water 49
  ],
  // row 3: all built-up (density split in the test)
  [[[50, 100]], [[50, 100]], [[50, 100]], [[50, 100]], [[50, 100]], [[50, 100]]],
];
{
  const w = 60, h = 40;
  const px = new Uint8Array(w * h);
  CELLS.forEach((row, r) => row.forEach((mix, c) => {
    const codes = mix.flatMap(([code, count]) => Array.from({ length: count }, () => code));
    if (codes.length !== 100) throw new Error(`cell ${c},${r} has ${codes.length} pixels`);
    codes.forEach((code, k) => { px[(r * 10 + Math.floor(k / 10)) * w + c * 10 + (k % 10)] = code; });
  }));
  write('synthetic-worldcover-utm48n.tif', encodeGeoTiff({
    width: w, height: h, type: 'uint8', values: px, noData: 0, tileSize: 16, level: 9,
    georeference: { epsg: 32648, originX: 600_000, originY: 1_100_400, pixelSizeX: 10, pixelSizeY: 10 },
    description: 'SYNTHETIC ESA WorldCover codes (test fixture)',
  }));
}

// --- WorldCover, EPSG:4326, 1/12000°: four quadrants.
{
  const n = 240;
  const px = new Uint8Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) px[r * n + c] = r < 120 ? (c < 120 ? 10 : 40) : (c < 120 ? 50 : 80);
  write('synthetic-worldcover-4326.tif', encodeGeoTiff({
    width: n, height: n, type: 'uint8', values: px, noData: 0, level: 9,
    georeference: { epsg: 4326, originX: 106.0, originY: 10.02, pixelSizeX: 1 / 12000, pixelSizeY: 1 / 12000 },
    description: 'SYNTHETIC ESA WorldCover codes (test fixture)',
  }));
}

// --- DEM, EPSG:4326, 3″, plane with a NoData hole.
{
  const n = 200, s = 1 / 1200;
  const z = new Float32Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
    const lon = 105.9 + (c + 0.5) * s, lat = 10.1 - (r + 0.5) * s;
    z[r * n + c] = c >= 80 && c < 100 && r >= 60 && r < 80 ? -9999 : 3 + 400 * (lon - 105.9) - 250 * (lat - 10.0);
  }
  write('synthetic-dem-4326.tif', encodeGeoTiff({
    width: n, height: n, type: 'float32', values: z, noData: -9999, level: 9, predictor: true,
    georeference: { epsg: 4326, originX: 105.9, originY: 10.1, pixelSizeX: s, pixelSizeY: s },
    description: 'SYNTHETIC elevation (test fixture)', unit: 'metre',
  }));
}

// --- DEM, EPSG:32748 (48 South), 50 m, plane.
{
  const w = 120, h = 100;
  const z = new Float32Array(w * h);
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
    const e = 605_000 + (c + 0.5) * 50, nn = 11_112_000 - (r + 0.5) * 50;
    z[r * w + c] = 10 + 0.002 * (e - 605_000) + 0.001 * (nn - 11_107_000);
  }
  write('synthetic-dem-utm48s.tif', encodeGeoTiff({
    width: w, height: h, type: 'float32', values: z, noData: -9999, level: 9, predictor: true,
    georeference: { epsg: 32748, originX: 605_000, originY: 11_112_000, pixelSizeX: 50, pixelSizeY: 50 },
    description: 'SYNTHETIC elevation (test fixture)', unit: 'metre',
  }));
}

// --- SRTM 3″ tile N09E105: z = 100 + col − row, a void block.
{
  const n = 1201;
  const bytes = new Uint8Array(n * n * 2);
  const dv = new DataView(bytes.buffer);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
    const v = r >= 600 && r < 610 && c >= 300 && c < 310 ? -32768 : 100 + c - r;
    dv.setInt16(2 * (r * n + c), v, false);
  }
  write('synthetic-N09E105.hgt.gz', gzipSync(bytes, { level: 9, mtime: 0 }));
  write('synthetic-N09E105.hgt.zip', zipSync({ 'synthetic-N09E105.hgt': [bytes, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }] }));
}
