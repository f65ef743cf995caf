import { describe, expect, it } from 'vitest';
import { fromArrayBuffer } from 'geotiff';
import { inflateSync, unzlibSync } from 'fflate';
import type { Grid } from '../grid/grid.ts';
import {
  categoryAuxXml, categoryGeoTiff, float32GeoTiff, FLOAT32_NODATA, int32GeoTiff, INT32_NODATA, populationGeoTiff,
} from './geotiff.ts';

// Expected values come from an independent reader, geotiff.js (its own TIFF parser, pako
// inflate, predictor 2/3 decoders), reading back what we wrote (round trip); GDAL's reading
// (description, unit, categories, corners) is in tests/unit/gdal-ground-exports.test.ts and
// tests/unit/gdal-exports.test.ts. Tag numbers: TIFF 6.0 §8 and the GeoTIFF 1.0 spec.

// 300 × 270 cells: 2 × 2 tiles of 256, the right and bottom tiles partly padding.
const grid: Grid = { width: 300, height: 270, originX: 605000, originY: 1112000, cellSizeM: 50, crs: 'EPSG:32648' };
const n = grid.width * grid.height;
const rsrp = Float64Array.from({ length: n }, (_, i) => (i % 7 === 3 ? NaN : -130 + 0.0123 * i));
const server = Int32Array.from({ length: n }, (_, i) => (i % 4 === 0 ? -1 : i * 70001 - 5));

async function readBack(bytes: ArrayBuffer) {
  const image = await (await fromArrayBuffer(bytes)).getImage();
  const [band] = (await image.readRasters()) as unknown as ArrayLike<number>[];
  return { image, band: Array.from(band), fd: image.getFileDirectory() };
}

describe('float32GeoTiff / int32GeoTiff (grid layers)', () => {
  it('Float32: values (NaN → −9999), size, origin, resolution, NoData, EPSG:32648, PixelIsArea', async () => {
    const { image, band } = await readBack(float32GeoTiff(grid, rsrp));
    expect([image.getWidth(), image.getHeight()]).toEqual([300, 270]);
    expect(image.getOrigin()).toEqual([605000, 1112000, 0]);
    expect(image.getResolution()).toEqual([50, -50, 0]);
    expect(image.getGDALNoData()).toBe(FLOAT32_NODATA);
    expect(image.getGeoKeys()).toMatchObject({ GTModelTypeGeoKey: 1, GTRasterTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32648 });
    expect(band).toEqual(Array.from(rsrp, (v) => (Number.isNaN(v) ? -9999 : Math.fround(v))));
  });

  it('Int32: values (signed, −1 kept), NoData −1', async () => {
    const { image, band } = await readBack(int32GeoTiff(grid, server));
    expect(image.getGDALNoData()).toBe(INT32_NODATA);
    expect(band).toEqual(Array.from(server));
  });

  it('is tiled 256 × 256, Adobe-deflate compressed (8), with the predictor (3 for floats, 2 for integers)', async () => {
    const f = (await readBack(float32GeoTiff(grid, rsrp))).fd;
    expect([f.getValue('TileWidth'), f.getValue('TileLength'), f.getValue('Compression'), await f.loadValue('Predictor')]).toEqual([256, 256, 8, 3]);
    const offsets = await f.loadValue('TileOffsets');
    expect(offsets).toHaveLength(4); // ceil(300/256) × ceil(270/256)
    const i = (await readBack(int32GeoTiff(grid, server))).fd;
    expect(await i.loadValue('Predictor')).toBe(2);
  });

  it('each tile is a zlib stream (RFC 1950 header 0x78, Adobe deflate), not raw deflate', async () => {
    const bytes = new Uint8Array(float32GeoTiff(grid, rsrp));
    const fd = (await readBack(bytes.buffer)).fd;
    const offsets = Array.from(await fd.loadValue('TileOffsets') as ArrayLike<number>);
    const counts = Array.from(await fd.loadValue('TileByteCounts') as ArrayLike<number>);
    for (let t = 0; t < offsets.length; t++) {
      const tile = bytes.subarray(offsets[t], offsets[t] + counts[t]);
      expect(tile[0]).toBe(0x78);
      expect(unzlibSync(tile)).toHaveLength(256 * 256 * 4);
      expect(() => inflateSync(tile)).toThrow(); // raw inflate chokes on the zlib header
    }
  });

  it('band description and unit go to GDAL_METADATA (tag 42112), escaped twice as GDAL writes them', async () => {
    const { fd } = await readBack(float32GeoTiff(grid, rsrp, { description: 'RSRP <n78> & co', unit: 'dBm', metadata: { SOURCE: 'test' } }));
    const xml = String(await fd.loadValue('GDAL_METADATA'));
    expect(xml).toContain('<Item name="SOURCE">test</Item>');
    expect(xml).toContain('<Item name="DESCRIPTION" sample="0" role="description">RSRP &amp;lt;n78&amp;gt; &amp;amp; co</Item>');
    expect(xml).toContain('<Item name="UNITTYPE" sample="0" role="unittype">dBm</Item>');
  });

  it('a layer of one value everywhere (uniform tiles reused) reads back whole', async () => {
    const { band } = await readBack(float32GeoTiff(grid, new Float32Array(n).fill(-97.5)));
    expect(band.every((v) => v === -97.5)).toBe(true);
  });

  it('rejects a layer of the wrong size, naming the sizes', () => {
    expect(() => float32GeoTiff(grid, new Float64Array(n - 1))).toThrow(/80999 cells, expected 300 × 270 = 81000/);
    expect(() => int32GeoTiff({ ...grid, width: 0 }, [])).toThrow(/empty grid/);
  });
});

describe('categoryGeoTiff / populationGeoTiff', () => {
  const classes = Uint8Array.from({ length: n }, (_, i) => (i * 7) % 6);
  const names = ['water-sea', 'open-rural', 'suburban', 'urban', 'trees-forest', 'dense-urban'];
  const colors: [number, number, number][] = [[0, 0, 255], [230, 230, 150], [255, 170, 0], [230, 0, 0], [0, 120, 0], [120, 0, 0]];

  it('Byte classes with a palette: values, Photometric 3 and the 16-bit ColorMap (value × 257)', async () => {
    const { tif } = categoryGeoTiff(grid, classes, names, { colors, description: 'clutter class' });
    const { band, fd, image } = await readBack(tif);
    expect(band).toEqual(Array.from(classes));
    expect(image.getGDALNoData()).toBeNull();
    expect(fd.getValue('PhotometricInterpretation')).toBe(3);
    const cmap = Array.from(await fd.loadValue('ColorMap') as ArrayLike<number>);
    expect(cmap).toHaveLength(768);
    expect([cmap[4], cmap[256 + 4], cmap[512 + 4]]).toEqual([0, 120 * 257, 0]);
  });

  it('the side-car lists the categories in value order', () => {
    const { auxXml } = categoryGeoTiff(grid, classes, names);
    expect(auxXml).toBe(categoryAuxXml(names));
    const cats = [...auxXml.matchAll(/<Category>([^<]*)<\/Category>/g)].map((m) => m[1]);
    expect(cats).toEqual(names);
    expect(categoryAuxXml(['a & b'])).toContain('<Category>a &amp; b</Category>');
  });

  it('population: Float32 people per cell, no NoData, description and unit', async () => {
    const people = Float32Array.from({ length: n }, (_, i) => (i % 11) * 1.25);
    const { band, image, fd } = await readBack(populationGeoTiff(grid, people, { SOURCE: 'synthetic' }));
    expect(band).toEqual(Array.from(people));
    expect(image.getGDALNoData()).toBeNull();
    expect(String(await fd.loadValue('GDAL_METADATA'))).toMatch(/role="unittype">people</);
  });
});
