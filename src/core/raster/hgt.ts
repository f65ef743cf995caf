/**
 * SRTM height tiles (`.hgt`): a square of big-endian signed 16-bit heights in metres, 3601 × 3601
 * samples at 1″ or 1201 × 1201 at 3″, row 0 = north, void = −32768. The file name gives the
 * south-west corner (`N09E105.hgt`: 9° N, 105° E); samples are POINTS on whole multiples of the
 * spacing, the first row on the tile's north edge, so the tile's outer pixel edges lie half a
 * spacing outside the 1° square (as GDAL's SRTMHGT driver reports them). Also read zipped
 * (`.hgt.zip`, the usual download) or gzipped (`.hgt.gz`), recognised by their magic bytes.
 */
import { gunzipSync, unzipSync } from 'fflate';
import { crsForEpsg } from './crs.ts';
import { RasterFileError } from './errors.ts';
import type { GeoRaster, RasterInfo } from './raster.ts';

/** SRTM void value. */
export const HGT_VOID = -32768;

const SIZES: Readonly<Record<number, number>> = { [3601 * 3601 * 2]: 3601, [1201 * 1201 * 2]: 1201 };

/** South-west corner [lonDeg, latDeg] from an SRTM tile name such as `N09E105.hgt`, or null. */
export function hgtTileCorner(name: string): [number, number] | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const m = /([NS])(\d{1,2})([EW])(\d{1,3})/i.exec(base);
  if (!m) return null;
  const lat = Number(m[2]) * (m[1].toUpperCase() === 'S' ? -1 : 1);
  const lon = Number(m[4]) * (m[3].toUpperCase() === 'W' ? -1 : 1);
  if (lat < -90 || lat >= 90 || lon < -180 || lon >= 180) return null;
  return [lon, lat];
}

/** The .hgt bytes inside a zip or gzip file (or the bytes themselves), with the entry's name. */
function unpack(bytes: Uint8Array, fileName: string): { data: Uint8Array; name: string } {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes, { filter: (f) => /\.hgt$/i.test(f.name) });
    } catch (e) {
      throw new RasterFileError(fileName, 'bad-hgt', `cannot unzip (${(e as Error).message})`);
    }
    const names = Object.keys(files);
    if (names.length !== 1) throw new RasterFileError(fileName, 'bad-hgt', `the zip must hold exactly one .hgt file, found ${names.length}${names.length ? ` (${names.join(', ')})` : ''}`);
    return { data: files[names[0]], name: names[0] };
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return { data: gunzipSync(bytes), name: fileName.replace(/\.gz$/i, '') };
    } catch (e) {
      throw new RasterFileError(fileName, 'bad-hgt', `cannot gunzip (${(e as Error).message})`);
    }
  }
  return { data: bytes, name: fileName };
}

/**
 * Reads an SRTM tile (plain, zipped or gzipped) as a {@link GeoRaster} in EPSG:4326, NoData −32768.
 * @param bytes - the file's contents
 * @param fileName - its name: gives the tile's corner (the zip entry's name is used when it has one)
 * @returns the tile, readable by window
 * @throws RasterFileError `bad-hgt` for a wrong size, an unparsable name or a broken archive
 * @example const dem = parseHgt(readFileSync('N09E105.hgt.zip'), 'N09E105.hgt.zip')
 */
export function parseHgt(bytes: ArrayBuffer | Uint8Array, fileName: string): GeoRaster {
  const { data, name } = unpack(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), fileName);
  const n = SIZES[data.byteLength];
  if (!n) {
    throw new RasterFileError(fileName, 'bad-hgt', `${data.byteLength} bytes is not an SRTM tile (1″: 3601² × 2 = ${3601 * 3601 * 2} bytes; 3″: 1201² × 2 = ${1201 * 1201 * 2} bytes)`);
  }
  const corner = hgtTileCorner(name) ?? hgtTileCorner(fileName);
  if (!corner) throw new RasterFileError(fileName, 'bad-hgt', 'the name does not give the tile corner (expected e.g. N09E105.hgt)');
  const heights = new Int16Array(n * n);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < heights.length; i++) heights[i] = dv.getInt16(2 * i, false);
  const spacing = 1 / (n - 1);
  const info: RasterInfo = {
    fileName, width: n, height: n, crs: crsForEpsg(4326)!,
    originX: corner[0] - spacing / 2, originY: corner[1] + 1 + spacing / 2,
    pixelSizeX: spacing, pixelSizeY: spacing, noData: HGT_VOID, sampleType: 'int16', bandCount: 1,
  };
  return {
    info,
    readWindow(x0, y0, x1, y1) {
      if (!(x0 >= 0 && y0 >= 0 && x1 <= n && y1 <= n && x1 > x0 && y1 > y0)) {
        return Promise.reject(new RangeError(`${fileName}: window [${x0}, ${y0}, ${x1}, ${y1}) outside the tile ${n} × ${n}`));
      }
      const w = x1 - x0;
      const out = new Int16Array(w * (y1 - y0));
      for (let j = y0; j < y1; j++) out.set(heights.subarray(j * n + x0, j * n + x1), (j - y0) * w);
      return Promise.resolve(out);
    },
  };
}
