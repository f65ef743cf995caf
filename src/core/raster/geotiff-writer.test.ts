import { describe, expect, it } from 'vitest';
import { fromArrayBuffer } from 'geotiff';
import { encodeGeoTiff, gdalMetadataXml, type TiffSampleType } from './geotiff-writer.ts';

// Expected values: round trips through geotiff.js, an independent TIFF reader (its own IFD
// parser, pako inflate, predictor 2 and 3 decoders): what we encode must read back identical,
// with the georeferencing and GeoKeys we stated (GeoTIFF 1.0 key meanings). The grid-layer
// writers built on this encoder are tested in src/core/export/geotiff.test.ts and, by GDAL, in
// tests/unit/gdal-ground-exports.test.ts.

async function readBack(bytes: ArrayBuffer) {
  const image = await (await fromArrayBuffer(bytes)).getImage();
  const [band] = (await image.readRasters()) as unknown as ArrayLike<number>[];
  return { image, band: Array.from(band) };
}

describe('encodeGeoTiff (any raster)', () => {
  const geo4326 = { epsg: 4326, originX: 105.5, originY: 10.5, pixelSizeX: 0.01, pixelSizeY: 0.005 };
  const cases: [TiffSampleType, ArrayLike<number>][] = [
    ['uint8', Uint8Array.from({ length: 1200 }, (_, i) => (i * 37) % 256)],
    ['int16', Int16Array.from({ length: 1200 }, (_, i) => i * 53 - 32000)],
    ['uint16', Uint16Array.from({ length: 1200 }, (_, i) => i * 54)],
    ['int32', Int32Array.from({ length: 1200 }, (_, i) => i * 1_000_003 - 600_000_000)],
    ['float32', Float32Array.from({ length: 1200 }, (_, i) => Math.sin(i) * 1e4)],
  ];
  for (const [type, values] of cases) {
    for (const predictor of [false, true]) {
      it(`${type}, predictor ${predictor}, tiles of 16: round trip through geotiff.js`, async () => {
        const bytes = encodeGeoTiff({ width: 40, height: 30, type, values, georeference: geo4326, tileSize: 16, predictor });
        const { band, image } = await readBack(bytes.buffer);
        expect(band).toEqual(Array.from(values));
        expect(image.getOrigin()).toEqual([105.5, 10.5, 0]);
        expect(image.getResolution()).toEqual([0.01, -0.005, 0]);
        expect(image.getGeoKeys()).toMatchObject({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326 });
      });
    }
  }

  it('UTM south zone: ProjectedCSTypeGeoKey 32748 and its citation', async () => {
    const bytes = encodeGeoTiff({ width: 2, height: 2, type: 'uint8', values: [1, 2, 3, 4], georeference: { epsg: 32748, originX: 6e5, originY: 1.1e7, pixelSizeX: 30, pixelSizeY: 30 } });
    const { image } = await readBack(bytes.buffer);
    expect(image.getGeoKeys()).toMatchObject({ ProjectedCSTypeGeoKey: 32748, GTCitationGeoKey: 'WGS 84 / UTM zone 48S' });
  });

  it('georeference null: a plain TIFF without GeoTIFF tags', async () => {
    const bytes = encodeGeoTiff({ width: 2, height: 1, type: 'uint8', values: [5, 6], georeference: null });
    const { image, band } = await readBack(bytes.buffer);
    expect(band).toEqual([5, 6]);
    expect(image.getGeoKeys()).toBeNull();
    expect(() => image.getOrigin()).toThrow();
  });

  it('rejects bad tile sizes, palettes on non-Byte rasters, bad pixel sizes', () => {
    const base = { width: 2, height: 1, type: 'uint8' as const, values: [1, 2], georeference: geo4326 };
    expect(() => encodeGeoTiff({ ...base, tileSize: 20 })).toThrow(/multiple of 16/);
    expect(() => encodeGeoTiff({ ...base, type: 'int16', palette: [[0, 0, 0]] })).toThrow(/palette needs uint8/);
    expect(() => encodeGeoTiff({ ...base, georeference: { ...geo4326, pixelSizeY: -1 } })).toThrow(/pixel size must be > 0/);
  });

  it('gdalMetadataXml: null when empty; metadata names restricted', () => {
    expect(gdalMetadataXml()).toBeNull();
    expect(() => gdalMetadataXml(undefined, undefined, { 'bad name': 'x' })).toThrow(/letters, digits/);
  });
});
