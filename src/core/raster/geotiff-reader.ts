/**
 * Opening a GeoTIFF with geotiff.js for reading by window: checks that it is a north-up,
 * georeferenced raster in a supported CRS and gives a {@link GeoRaster}. Only the header and
 * tags are read here; `readWindow` fetches the tiles or strips of the window and no more.
 *
 * Speed: geotiff.js `readRasters({ window })` copies every pixel through a DataView call
 * (≈ 100 ns per pixel: 1.7 s for a 16 M-pixel window, measured), which dominates reading a
 * 10 m land-cover tile. For the common layout (one sample per pixel, little-endian or 8-bit,
 * no or lossless compression) we let geotiff.js fetch and decode each tile (`getTileOrStrip`,
 * which also undoes the predictor) and copy its rows into the window with typed-array `set`;
 * deflated tiles are inflated by fflate, about twice as fast as geotiff.js's pako here.
 * Other layouts go through `readRasters`.
 */
import { BaseDecoder, GeoTIFF, getDecoder } from 'geotiff';
import { unzlibSync } from 'fflate';
import type { GeoTIFFImage } from 'geotiff';
import { crsFromGeoKeys } from './crs.ts';
import { RasterFileError } from './errors.ts';
import type { GeoRaster, PixelArray, RasterInfo } from './raster.ts';
import { toByteSource, type ByteSource, type RasterInput } from './byte-source.ts';

/** geotiff.js's source interface (BaseSource), implemented over a {@link ByteSource}. */
function geotiffSource(src: ByteSource) {
  return {
    fetch: (slices: { offset: number; length: number }[]) => Promise.all(slices.map((s) => src.read(s.offset, s.length))),
    fetchSlice: async (s: { offset: number; length: number }) => ({ ...s, data: await src.read(s.offset, s.length) }),
    get fileSize() { return src.byteLength; },
    close: () => Promise.resolve(),
  };
}

const SAMPLE_TYPES: Record<string, string> = {
  '1/8': 'uint8', '2/8': 'int8', '1/16': 'uint16', '2/16': 'int16', '1/32': 'uint32', '2/32': 'int32', '3/32': 'float32', '3/64': 'float64',
};

function georeference(image: GeoTIFFImage, fileName: string): { originX: number; originY: number; pixelSizeX: number; pixelSizeY: number } {
  const fd = image.getFileDirectory();
  const transform = fd.getValue('ModelTransformation') as number[] | undefined;
  if (transform && (transform[1] !== 0 || transform[4] !== 0)) {
    throw new RasterFileError(fileName, 'unsupported-layout', 'the raster is rotated or sheared (ModelTransformation with rotation terms); warp it north-up first, e.g. `gdalwarp in.tif out.tif`');
  }
  let origin: number[], res: number[];
  try {
    origin = image.getOrigin();
    res = image.getResolution();
  } catch {
    throw new RasterFileError(fileName, 'no-georeferencing', 'no georeferencing (no ModelTiepoint + ModelPixelScale or ModelTransformation tag); the position of the pixels is unknown');
  }
  const pixelSizeX = res[0];
  const pixelSizeY = -res[1];
  if (!(pixelSizeX > 0 && pixelSizeY > 0) || !Number.isFinite(origin[0]) || !Number.isFinite(origin[1])) {
    throw new RasterFileError(fileName, pixelSizeY < 0 ? 'unsupported-layout' : 'no-georeferencing',
      pixelSizeY < 0 ? 'the raster is stored south-up (positive y pixel size); flip it north-up first' : `invalid pixel size ${res[0]} × ${res[1]}`);
  }
  let [originX, originY] = origin;
  // PixelIsPoint (GTRasterTypeGeoKey 2): the tiepoint is a pixel centre; GDAL shifts it by half a pixel.
  if (image.getGeoKeys()?.GTRasterTypeGeoKey === 2) {
    originX -= pixelSizeX / 2;
    originY += pixelSizeY / 2;
  }
  return { originX, originY, pixelSizeX, pixelSizeY };
}

/**
 * Opens a GeoTIFF for windowed reading (band 1).
 * @param input - the file's bytes or a ranged {@link ByteSource} (e.g. `blobSource(file)`)
 * @param fileName - shown in every message
 * @param signal - aborts the header reads
 * @returns the raster: its {@link RasterInfo} and `readWindow`
 * @throws RasterFileError `not-a-geotiff`, `no-georeferencing`, `unsupported-crs`, `unsupported-layout`
 * @example const raster = await openGeoTiff(blobSource(file), file.name)
 */
export async function openGeoTiff(input: RasterInput, fileName: string, signal?: AbortSignal): Promise<GeoRaster> {
  const src = toByteSource(input);
  let image: GeoTIFFImage;
  try {
    const tiff = await GeoTIFF.fromSource(geotiffSource(src) as unknown as Parameters<typeof GeoTIFF.fromSource>[0], undefined, signal);
    image = await tiff.getImage(0);
  } catch (e) {
    throw new RasterFileError(fileName, 'not-a-geotiff', `not a readable TIFF (${(e as Error).message})`);
  }
  const geo = georeference(image, fileName);
  const crs = crsFromGeoKeys(image.getGeoKeys() as Record<string, unknown> | null, fileName);
  const sampleType = SAMPLE_TYPES[`${image.getSampleFormat(0)}/${image.getBitsPerSample(0)}`];
  if (!sampleType) {
    throw new RasterFileError(fileName, 'unsupported-layout', `sample format ${image.getSampleFormat(0)} with ${image.getBitsPerSample(0)} bits is not supported (use 8–32-bit integers or 32/64-bit floats)`);
  }
  const info: RasterInfo = {
    fileName, width: image.getWidth(), height: image.getHeight(), crs, ...geo,
    noData: image.getGDALNoData(), sampleType, bandCount: image.getSamplesPerPixel(),
  };
  const fast = await blockCopier(image, sampleType);
  return {
    info,
    async readWindow(x0, y0, x1, y1, sig) {
      if (!(x0 >= 0 && y0 >= 0 && x1 <= info.width && y1 <= info.height && x1 > x0 && y1 > y0)) {
        throw new RangeError(`${fileName}: window [${x0}, ${y0}, ${x1}, ${y1}) outside the raster ${info.width} × ${info.height}`);
      }
      if (fast) return fast(x0, y0, x1, y1, sig);
      const data = await image.readRasters({ window: [x0, y0, x1, y1], samples: [0], interleave: true, signal: sig });
      return data as unknown as PixelArray;
    },
  };
}

/** geotiff.js's deflate decoder with fflate's inflate (the predictor is still undone by BaseDecoder). */
class FflateInflate extends BaseDecoder {
  override decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    return unzlibSync(new Uint8Array(buffer)).buffer;
  }
}

type ArrayCtor = new (lengthOrBuffer: number | ArrayBufferLike) => PixelArray;
const ARRAYS: Record<string, ArrayCtor> = {
  uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array, uint32: Uint32Array, int32: Int32Array, float32: Float32Array, float64: Float64Array,
};
/** Compressions whose geotiff.js decoder needs only the default parameters (none, LZW, deflate, PackBits). */
const PLAIN_COMPRESSIONS = new Set([1, 5, 8, 32946, 32773]);

/** The fast window reader (tile by tile, rows copied with `set`), or null when the layout needs geotiff.js's own path. */
async function blockCopier(image: GeoTIFFImage, sampleType: string): Promise<((x0: number, y0: number, x1: number, y1: number, signal?: AbortSignal) => Promise<PixelArray>) | null> {
  const fd = image.getFileDirectory();
  const compression = Number(fd.getValue('Compression') ?? 1);
  const bytes = image.getBitsPerSample(0) / 8;
  if (image.getSamplesPerPixel() !== 1 || !PLAIN_COMPRESSIONS.has(compression) || !(image.littleEndian || bytes === 1)) return null;
  const Ctor = ARRAYS[sampleType];
  const tileWidth = image.getTileWidth(), tileHeight = image.getTileHeight();
  const params = {
    tileWidth, tileHeight, planarConfiguration: 1, bitsPerSample: await fd.loadValue('BitsPerSample'),
    predictor: (await fd.loadValue('Predictor')) || 1,
  } as unknown as Parameters<typeof getDecoder>[1];
  const decoder = compression === 8 || compression === 32946 ? new FflateInflate(params) : await getDecoder(compression, params);
  // Resamplers read bands of rows southwards whose windows share a row of tiles: decoded tiles
  // of the last window's bottom tile row are kept (only those) for the next window.
  let kept = new Map<number, Promise<ArrayBufferLike>>();
  const tilesPerRow = Math.ceil(image.getWidth() / tileWidth);
  return async (x0, y0, x1, y1, signal) => {
    const w = x1 - x0;
    const out = new Ctor(w * (y1 - y0));
    const jobs: Promise<void>[] = [];
    const lastRow = Math.ceil(y1 / tileHeight) - 1;
    const keep = new Map<number, Promise<ArrayBufferLike>>();
    for (let ty = Math.floor(y0 / tileHeight); ty * tileHeight < y1; ty++) {
      for (let tx = Math.floor(x0 / tileWidth); tx * tileWidth < x1; tx++) {
        const index = ty * tilesPerRow + tx;
        const data = kept.get(index) ?? image.getTileOrStrip(tx, ty, 0, decoder, signal).then((t) => t.data);
        if (ty === lastRow) keep.set(index, data);
        jobs.push(data.then((tileData) => {
          const block = new Ctor(tileData);
          const bx = tx * tileWidth, by = ty * tileHeight;
          const c0 = Math.max(x0, bx), c1 = Math.min(x1, bx + tileWidth);
          const r1 = Math.min(y1, by + image.getBlockHeight(ty));
          for (let r = Math.max(y0, by); r < r1; r++) {
            const src = (r - by) * tileWidth + (c0 - bx);
            out.set(block.subarray(src, src + (c1 - c0)), (r - y0) * w + (c0 - x0));
          }
        }));
      }
    }
    kept = keep;
    await Promise.all(jobs);
    return out;
  };
}
