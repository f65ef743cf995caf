/**
 * A georeferenced single-band raster that can be read by window: the common shape of a
 * GeoTIFF ({@link openGeoTiff}) and an SRTM tile (`hgt.ts`), so that every resampler works on
 * either. Pixel (i, j) covers x ∈ [originX + i·pixelSizeX, originX + (i+1)·pixelSizeX) and
 * y ∈ (originY − (j+1)·pixelSizeY, originY − j·pixelSizeY] in the raster's CRS (north-up,
 * cell-registered; point-registered files are shifted half a pixel on opening, as GDAL does).
 */
import type { RasterCrs } from './crs.ts';

export type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

export interface RasterInfo {
  /** Shown in every message about this raster. */
  readonly fileName: string;
  readonly width: number;
  readonly height: number;
  readonly crs: RasterCrs;
  /** West edge of column 0, CRS units. */
  readonly originX: number;
  /** North edge of row 0, CRS units. */
  readonly originY: number;
  /** > 0, CRS units. */
  readonly pixelSizeX: number;
  /** > 0, CRS units (rows go south). */
  readonly pixelSizeY: number;
  /** The file's NoData value, or null. */
  readonly noData: number | null;
  /** TIFF sample type of band 1, e.g. `uint8`, `int16`, `float32`. */
  readonly sampleType: string;
  readonly bandCount: number;
}

export interface GeoRaster {
  readonly info: RasterInfo;
  /**
   * Band 1 over the pixel window [x0, x1) × [y0, y1) (inside the raster), row-major.
   * Only the blocks that intersect the window are fetched from the source.
   */
  readWindow(x0: number, y0: number, x1: number, y1: number, signal?: AbortSignal): Promise<PixelArray>;
}
