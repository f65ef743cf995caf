import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fromArrayBuffer, writeArrayBuffer } from 'geotiff';
import type { Grid } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import { encodeGeoTiff } from './geotiff-writer.ts';
import { arrayBufferSource, blobSource, type ByteSource } from './byte-source.ts';
import { RasterFileError } from './errors.ts';
import { openGeoTiff } from './geotiff-reader.ts';
import { openRaster } from './open.ts';
import { resampleClasses } from './resample-classes.ts';
import type { GeoRaster } from './raster.ts';

// Expected values: the fixtures' stated georeferencing (data/make-synthetic-ground.ts,
// tests/fixtures/ground/README.md), GDAL's reading of the same files (gdalinfo, see
// tests/unit/gdal-ground-exports.test.ts), GDAL's half-pixel shift of PixelIsPoint files
// (checked with gdalinfo: tiepoint (100, 10), 0.5° pixels → origin (99.75, 10.25)) and, for the
// windowed read, byte counts of the file's own tiles.

const fx = (name: string) => readFileSync(`tests/fixtures/ground/${name}`);

/** A ByteSource that counts the bytes handed out. */
function counting(bytes: Uint8Array): ByteSource & { bytesRead: number } {
  const inner = arrayBufferSource(bytes);
  const src = {
    byteLength: inner.byteLength,
    bytesRead: 0,
    async read(offset: number, length: number) {
      const b = await inner.read(offset, length);
      src.bytesRead += b.byteLength;
      return b;
    },
  };
  return src;
}

describe('openGeoTiff', () => {
  it('reads the fixtures’ size, CRS, origin, pixel size, NoData and type', async () => {
    const a = (await openGeoTiff(fx('synthetic-worldcover-utm48n.tif'), 'wc.tif')).info;
    expect(a).toMatchObject({ width: 60, height: 40, originX: 600000, originY: 1100400, pixelSizeX: 10, pixelSizeY: 10, noData: 0, sampleType: 'uint8' });
    expect(a.crs.epsg).toBe(32648);
    const b = (await openGeoTiff(fx('synthetic-dem-4326.tif'), 'dem.tif')).info;
    expect(b).toMatchObject({ width: 200, height: 200, originX: 105.9, originY: 10.1, noData: -9999, sampleType: 'float32' });
    expect(b.pixelSizeX).toBeCloseTo(1 / 1200, 15);
    const c = (await openGeoTiff(fx('synthetic-dem-utm48s.tif'), 'dem48s.tif')).info;
    expect(c.crs.name).toBe('WGS 84 / UTM zone 48S');
  });

  it('readWindow gives the pixels geotiff.js readRasters gives (strips, tiles, predictors 2 and 3, Byte, Float32)', async () => {
    const files: [string, Uint8Array][] = [
      ['vinh-long-population-2020-1km.tif', readFileSync('public/data/vinh-long-population-2020-1km.tif')],
      ['vinh-long-water-gshhg-3s.tif', readFileSync('public/data/vinh-long-water-gshhg-3s.tif')],
      ['synthetic-dem-4326.tif', fx('synthetic-dem-4326.tif')],
      ['synthetic-worldcover-utm48n.tif', fx('synthetic-worldcover-utm48n.tif')],
    ];
    for (const [name, bytes] of files) {
      const r = await openGeoTiff(bytes, name);
      const image = await (await fromArrayBuffer(new Uint8Array(bytes).buffer)).getImage();
      const { width, height } = r.info;
      for (const [x0, y0, x1, y1] of [[0, 0, width, height], [3, 7, Math.min(width, 41), Math.min(height, 29)], [width - 5, height - 3, width, height]]) {
        const ours = await r.readWindow(x0, y0, x1, y1);
        const ref = await image.readRasters({ window: [x0, y0, x1, y1], samples: [0], interleave: true });
        expect(Array.from(ours), `${name} [${x0}, ${y0}, ${x1}, ${y1})`).toEqual(Array.from(ref as unknown as ArrayLike<number>));
      }
    }
  });

  it('works from a Blob (browser File, or fs.openAsBlob in Node) as from bytes', async () => {
    const bytes = fx('synthetic-worldcover-4326.tif');
    const r = await openGeoTiff(blobSource(new Blob([bytes])), 'wc.tif');
    const w = await r.readWindow(118, 118, 122, 122);
    // Quadrant corners meet at pixel 120: NW 10, NE 40, SW 50, SE 80.
    expect(Array.from(w)).toEqual([10, 10, 40, 40, 10, 10, 40, 40, 50, 50, 80, 80, 50, 50, 80, 80]);
  });

  it('shifts a PixelIsPoint file half a pixel, as GDAL does', async () => {
    const buf = writeArrayBuffer(new Uint8Array(16), {
      width: 4, height: 4, GTModelTypeGeoKey: 2, GTRasterTypeGeoKey: 2, GeographicTypeGeoKey: 4326,
      ModelPixelScale: [0.5, 0.5, 0], ModelTiepoint: [0, 0, 0, 100, 10, 0],
    });
    const { info } = await openGeoTiff(buf, 'pt.tif');
    expect([info.originX, info.originY]).toEqual([99.75, 10.25]);
  });

  it('refuses a south-up raster (positive y pixel size) as an unsupported layout', async () => {
    const buf = writeArrayBuffer(new Uint8Array(16), {
      width: 4, height: 4, GTModelTypeGeoKey: 2, GTRasterTypeGeoKey: 1, GeographicTypeGeoKey: 4326,
      ModelPixelScale: [0.5, -0.5, 0], ModelTiepoint: [0, 0, 0, 100, 10, 0],
    });
    const err = await openGeoTiff(buf, 'flipped.tif').catch((e: unknown) => e);
    expect((err as RasterFileError).kind).toBe('unsupported-layout');
    expect((err as Error).message).toBe('flipped.tif: the raster is stored south-up (positive y pixel size); flip it north-up first');
  });

  it('refuses a file that is not a TIFF, naming it', async () => {
    await expect(openGeoTiff(new TextEncoder().encode('ncols 10\nnrows 10\n'), 'dem.asc')).rejects.toThrow(/^dem\.asc: not a readable TIFF/);
  });

  it('refuses a TIFF without georeferencing', async () => {
    const plain = encodeGeoTiff({ width: 2, height: 2, type: 'uint8', values: [1, 2, 3, 4], georeference: null });
    const err = await openGeoTiff(plain, 'scan.tif').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RasterFileError);
    expect((err as RasterFileError).kind).toBe('no-georeferencing');
    expect((err as Error).message).toMatch(/^scan\.tif: no georeferencing/);
  });

  it('refuses an unsupported CRS naming its EPSG code', async () => {
    const merc = encodeGeoTiff({ width: 2, height: 2, type: 'uint8', values: [1, 2, 3, 4], georeference: { epsg: 3857, originX: 1.18e7, originY: 1.1e6, pixelSizeX: 10, pixelSizeY: 10 } });
    await expect(openGeoTiff(merc, 'tiles.tif')).rejects.toThrow(/^tiles\.tif: projected CRS EPSG:3857 \(WGS 84 \/ Pseudo-Mercator/);
  });

  it('openRaster: GeoTIFF and SRTM by name, other formats refused with a conversion hint', async () => {
    expect((await openRaster(fx('synthetic-dem-4326.tif'), 'a.tif')).info.width).toBe(200);
    expect((await openRaster(fx('synthetic-N09E105.hgt.gz'), 'synthetic-N09E105.hgt.gz')).info.width).toBe(1201);
    await expect(openRaster(new Uint8Array(4), 'dem.img')).rejects.toThrow(/^dem\.img: format \.img is not read here.*gdal_translate/);
  });
});

describe('reading by window: a large file is not read whole', () => {
  // 4096 × 4096 Byte pixels at 1/1200° (3″) in EPSG:4326 over 104.5–107.9 E, 8.5–11.9 N, tiles of
  // 256 (16 × 16 tiles), pseudo-random classes 0–5 so that deflate cannot shrink the tiles much.
  const size = 4096;
  const px = new Uint8Array(size * size);
  let s = 12345;
  for (let i = 0; i < px.length; i++) { s = (s * 1103515245 + 12345) >>> 0; px[i] = (s >>> 16) % 6; }
  const bytes = encodeGeoTiff({ width: size, height: size, type: 'uint8', values: px, georeference: { epsg: 4326, originX: 104.5, originY: 11.9, pixelSizeX: 1 / 1200, pixelSizeY: 1 / 1200 }, level: 1 });
  // A 10 km × 8 km grid near Vĩnh Long city: about 110 × 90 pixels, i.e. 1–4 tiles of the 256.
  const [x0, y0] = lonLatToUtm(105.95, 10.2);
  const grid: Grid = { width: 100, height: 80, originX: Math.round(x0), originY: Math.round(y0), cellSizeM: 100, crs: 'EPSG:32648' };
  const classOfCode = new Map([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);

  it(`reads under 2 % of the ${Math.round(bytes.length / 1e6)} MB file, and the same classes as from memory`, async () => {
    const src = counting(bytes);
    const fromSource = await resampleClasses(await openGeoTiff(src, 'big.tif'), grid, { classOfCode, classCount: 6, fillClass: 0 });
    const tilesBytes = bytes.length / 256; // mean compressed tile
    expect(src.bytesRead).toBeLessThan(0.02 * bytes.length);
    expect(src.bytesRead).toBeGreaterThan(tilesBytes); // at least one tile was read
    // Reference: the same raster held whole in memory (the pixel array we encoded), so a window
    // read at the wrong place or with the wrong tiles would give other classes.
    const info = (await openGeoTiff(bytes, 'big.tif')).info;
    const inMemory: GeoRaster = {
      info,
      readWindow: (a, b, c, d) => {
        const out = new Uint8Array((c - a) * (d - b));
        for (let j = b; j < d; j++) out.set(px.subarray(j * size + a, j * size + c), (j - b) * (c - a));
        return Promise.resolve(out);
      },
    };
    const whole = await resampleClasses(inMemory, grid, { classOfCode, classCount: 6, fillClass: 0 });
    expect(fromSource.classes).toEqual(whole.classes);
    expect(new Set(fromSource.classes).size).toBe(6);
  });
});
