/**
 * One entry point for raster files a user brings: SRTM tiles by name (`.hgt`, `.hgt.zip`,
 * `.hgt.gz`), GeoTIFF otherwise. Other formats (IMG, ASC, NetCDF, JPEG2000…) are refused with
 * a hint to convert them with GDAL (docs/ground.md says why GDAL is not bundled).
 */
import { openGeoTiff } from './geotiff-reader.ts';
import { parseHgt } from './hgt.ts';
import { RasterFileError } from './errors.ts';
import { toByteSource, type RasterInput } from './byte-source.ts';
import type { GeoRaster } from './raster.ts';

/**
 * Opens a GeoTIFF or an SRTM tile for windowed reading.
 * @param input - the file's bytes or a ranged source (a whole SRTM tile is read into memory: ≤ 26 MB)
 * @param fileName - decides the format (by extension) and is named in every message
 * @returns the raster
 * @throws RasterFileError for unknown formats and every problem of the readers
 * @example const dem = await openRaster(blobSource(file), file.name)
 */
export async function openRaster(input: RasterInput, fileName: string, signal?: AbortSignal): Promise<GeoRaster> {
  const lower = fileName.toLowerCase();
  if (/\.hgt(\.zip|\.gz)?$/.test(lower)) {
    const src = toByteSource(input);
    return parseHgt(await src.read(0, src.byteLength), fileName);
  }
  if (/\.(tif|tiff|gtiff)$/.test(lower)) return openGeoTiff(input, fileName, signal);
  const ext = /\.[^.]+$/.exec(lower)?.[0] ?? '(none)';
  throw new RasterFileError(fileName, 'not-a-geotiff', `format ${ext} is not read here: bring a GeoTIFF (.tif) or an SRTM tile (.hgt, .hgt.zip, .hgt.gz); convert other rasters with \`gdal_translate -of GTiff in out.tif\``);
}
