import { describe, expect, it } from 'vitest';
import { fromArrayBuffer, writeArrayBuffer } from 'geotiff';
import type { Grid } from '../grid/grid.ts';
import { float32GeoTiff, FLOAT32_NODATA, int32GeoTiff } from './geotiff.ts';

// GDAL's reading of these files (CRS, corners, NoData, sampled values) is in
// tests/unit/gdal-exports.test.ts; here: equality with geotiff.js's own full encoder, and a
// round trip through geotiff.js's reader.
const grid: Grid = { width: 9, height: 4, originX: 605000, originY: 1112000, cellSizeM: 50, crs: 'EPSG:32648' };
const n = grid.width * grid.height;
const rsrp = Float64Array.from({ length: n }, (_, i) => (i % 7 === 3 ? NaN : -130 + 2.13 * i));
const server = Int32Array.from({ length: n }, (_, i) => (i % 4 === 0 ? -1 : i * 70001 - 5));

const meta = (noData: string, sampleFormat: number) => ({
  width: grid.width, height: grid.height,
  ModelPixelScale: [50, 50, 0], ModelTiepoint: [0, 0, 0, 605000, 1112000, 0],
  GTModelTypeGeoKey: 1, GTRasterTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32648, GTCitationGeoKey: 'WGS 84 / UTM zone 48N',
  GDAL_NODATA: noData, SampleFormat: [sampleFormat], BitsPerSample: [32],
});

describe('float32GeoTiff / int32GeoTiff', () => {
  it('Float32: byte for byte what geotiff.js writeArrayBuffer gives for the whole array', () => {
    const f32 = Float32Array.from(rsrp, (v) => (Number.isNaN(v) ? FLOAT32_NODATA : v));
    const reference = new Uint8Array(writeArrayBuffer(f32, meta('-9999', 3)));
    expect(new Uint8Array(float32GeoTiff(grid, rsrp))).toEqual(reference);
  });

  it('Int32: byte for byte geotiff.js’s encoding of the same bits (as Uint32, SampleFormat 2)', () => {
    const reference = new Uint8Array(writeArrayBuffer(new Uint32Array(server.buffer), meta('-1', 2)));
    expect(new Uint8Array(int32GeoTiff(grid, server))).toEqual(reference);
  });

  it('reads back through geotiff.js: size, origin, resolution, NoData, values', async () => {
    const tiff = await fromArrayBuffer(float32GeoTiff(grid, rsrp));
    const image = await tiff.getImage();
    expect([image.getWidth(), image.getHeight()]).toEqual([9, 4]);
    expect(image.getOrigin()).toEqual([605000, 1112000, 0]);
    expect(image.getResolution()).toEqual([50, -50, 0]);
    expect(image.getGDALNoData()).toBe(-9999);
    const [band] = (await image.readRasters()) as unknown as Float32Array[];
    expect(Array.from(band)).toEqual(Array.from(rsrp, (v) => (Number.isNaN(v) ? -9999 : Math.fround(v))));

    const ints = await (await (await fromArrayBuffer(int32GeoTiff(grid, server))).getImage()).readRasters();
    expect(Array.from((ints as unknown as Int32Array[])[0])).toEqual(Array.from(server));
  });

  it('rejects a layer of the wrong size', () => {
    expect(() => float32GeoTiff(grid, new Float64Array(n - 1))).toThrow(/cells/);
  });
});
