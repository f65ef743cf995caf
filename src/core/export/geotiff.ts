/**
 * GeoTIFF export of grid layers (RSRP, SINR… as Float32; best-server ids as Int32; population as
 * Float32; the clutter map as Byte with class names), written by our own little-endian TIFF
 * encoder so that every file is tiled and compressed and carries its band description and unit.
 *
 * Layout of every file (TIFF 6.0 + GeoTIFF 1.0 + two GDAL private tags):
 * - header, then the one IFD and its out-of-line values, then the tiles (so a reader finds all
 *   the tags in the first bytes, as in a cloud-optimised GeoTIFF);
 * - tiles of 256 × 256 pixels (edge tiles padded with NoData or 0), PlanarConfiguration 1,
 *   one sample per pixel;
 * - Compression 8 (Adobe Deflate: a zlib stream per tile, fflate `zlibSync`; libtiff and
 *   geotiff.js inflate zlib streams, not raw deflate), optional Predictor (2 = horizontal
 *   differencing for integers, 3 = floating-point predictor for Float32);
 * - georeferencing: ModelPixelScale + ModelTiepoint with GTRasterTypeGeoKey = 1 (PixelIsArea),
 *   raster point (0, 0) = the north-west corner of the north-west cell, so GDAL's corners
 *   equal `gridBBox(grid)`; GTModelTypeGeoKey 1 + ProjectedCSTypeGeoKey (EPSG:32648 for every
 *   grid layer, any UTM zone for fixtures) or GTModelTypeGeoKey 2 + GeographicTypeGeoKey 4326;
 * - GDAL_NODATA (tag 42113, ASCII) and GDAL_METADATA (tag 42112, XML): band description
 *   (`role="description"`) and unit (`role="unittype"`), which `gdalinfo` shows as
 *   "Description = …" and "Unit Type: …", plus dataset items (source, licence);
 * - Byte class maps may carry a palette (Photometric 3 + ColorMap), shown by GDAL as a colour
 *   table. GDAL keeps category names only in a PAM side-car (`<file>.aux.xml`, element
 *   `CategoryNames`): GTiff has no TIFF tag for them (checked with GDAL 3.6: a VRT's
 *   CategoryNames translated to GTiff land in the .aux.xml). {@link categoryAuxXml} returns that
 *   side-car's text, to be written next to the .tif.
 *
 * NoData: −9999 for Float32 layers (every NaN cell is written as −9999). We do not use NaN as
 * NoData because several desktop tools still compare NoData by value and NaN ≠ NaN; −9999 is
 * far outside any dB or Mbit/s value the engine produces. Best-server ids use −1 (the engine's
 * "no server") as NoData.
 *
 * Speed: pixels are copied into one reused tile buffer through a typed-array view (no per-pixel
 * DataView call or allocation); each tile is deflated once, and a tile holding one value only
 * (NoData around the province) is deflated once per value and its bytes reused. fflate's
 * deflate is the cost (≈ 30–40 MB/s); Node callers can pass node:zlib (`compress`). Figures in
 * docs/ground.md (bench/ground.ts).
 */
import type { Grid } from '../grid/grid.ts';
import { categoryAuxXml, encodeGeoTiff, type GeoTiffGeoreference } from '../raster/geotiff-writer.ts';

export {
  categoryAuxXml, DEFAULT_TILE_SIZE, encodeGeoTiff, gdalMetadataXml,
  type GeoTiffGeoreference, type GeoTiffSpec, type TiffSampleType, type ZlibCompressor,
} from '../raster/geotiff-writer.ts';

/** NoData of Float32 layers (NaN cells are written as this). */
export const FLOAT32_NODATA = -9999;
/** NoData of Int32 layers (best server: −1 = none). */
export const INT32_NODATA = -1;

/** Band description and unit of a grid layer's GeoTIFF. */
export interface BandInfo {
  readonly description?: string;
  readonly unit?: string;
  /** Dataset metadata items (source, licence). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * Encoding of grid layers: predictor on (Float32 predictor 3, integer predictor 2) and zlib
 * level 1. Measured on a 4.4 M-cell province layer (bench/ground.ts, docs/ground.md): against
 * level 6 without predictor, smaller files and 2–3× faster for Float32 layers.
 */
export const GRID_LAYER_ENCODING = { predictor: true, level: 1 } as const;

function gridGeoreference(grid: Grid): GeoTiffGeoreference {
  if (!(grid.width > 0 && grid.height > 0)) throw new RangeError(`empty grid ${grid.width} × ${grid.height}`);
  if (grid.crs !== 'EPSG:32648') throw new RangeError(`only EPSG:32648 grids are supported, got ${String(grid.crs)}`);
  return { epsg: 32648, originX: grid.originX, originY: grid.originY, pixelSizeX: grid.cellSizeM, pixelSizeY: grid.cellSizeM, citation: 'WGS 84 / UTM zone 48N' };
}

function checkLength(grid: Grid, values: ArrayLike<number>): void {
  const n = grid.width * grid.height;
  if (values.length !== n) throw new RangeError(`values has ${values.length} cells, expected ${grid.width} × ${grid.height} = ${n}`);
}

/**
 * A Float32 single-band GeoTIFF of a grid layer, tiled and deflated, NoData −9999.
 * @param grid - the layer's grid (EPSG:32648)
 * @param values - row-major, row 0 = north; NaN = no value (written as {@link FLOAT32_NODATA})
 * @param band - band description and unit (e.g. `{ description: 'RSRP (dBm)', unit: 'dBm' }`)
 * @returns the .tif file contents
 * @example writeFileSync('rsrp.tif', new Uint8Array(float32GeoTiff(grid, rsrpDbm, { description: 'RSRP', unit: 'dBm' })))
 */
export function float32GeoTiff(grid: Grid, values: ArrayLike<number>, band: BandInfo = {}): ArrayBuffer {
  checkLength(grid, values);
  return encodeGeoTiff({
    width: grid.width, height: grid.height, type: 'float32', values, georeference: gridGeoreference(grid),
    noData: FLOAT32_NODATA, description: band.description, unit: band.unit, metadata: band.metadata, ...GRID_LAYER_ENCODING,
  }).buffer;
}

/**
 * An Int32 single-band GeoTIFF (best-server sector index per cell), NoData −1.
 * @param grid - the layer's grid (EPSG:32648)
 * @param values - row-major integers; −1 = no server
 * @param band - band description and unit
 * @returns the .tif file contents
 * @example writeFileSync('server.tif', new Uint8Array(int32GeoTiff(grid, server)))
 */
export function int32GeoTiff(grid: Grid, values: ArrayLike<number>, band: BandInfo = {}): ArrayBuffer {
  checkLength(grid, values);
  return encodeGeoTiff({
    width: grid.width, height: grid.height, type: 'int32', values, georeference: gridGeoreference(grid),
    noData: INT32_NODATA, description: band.description, unit: band.unit, metadata: band.metadata, ...GRID_LAYER_ENCODING,
  }).buffer;
}

/** A class map as a GeoTIFF plus the PAM side-car that names its classes. */
export interface CategoryGeoTiff {
  /** The .tif bytes (Byte, palette, description). */
  readonly tif: ArrayBuffer;
  /** Text of `<name>.tif.aux.xml`: the category names (GDAL reads them only from there). */
  readonly auxXml: string;
}

/**
 * A Byte GeoTIFF of a class map (e.g. the clutter class per cell) with a palette and the
 * class names: values are indices into `categoryNames`.
 * @param grid - the layer's grid (EPSG:32648)
 * @param classes - row-major class index per cell (0 … categoryNames.length − 1, or `noData`)
 * @param categoryNames - name of class 0, 1, …
 * @param options - colours ([r, g, b] 0–255 per class), band description, NoData value (default none)
 * @returns the .tif bytes and the `.aux.xml` side-car text (write both, same base name)
 * @example const { tif, auxXml } = categoryGeoTiff(grid, clutter, CLUTTER_TYPES, { description: 'clutter class' })
 */
export function categoryGeoTiff(grid: Grid, classes: ArrayLike<number>, categoryNames: readonly string[], options: BandInfo & { colors?: readonly (readonly [number, number, number])[]; noData?: number } = {}): CategoryGeoTiff {
  checkLength(grid, classes);
  if (categoryNames.length === 0 || categoryNames.length > 255) throw new RangeError(`1–255 category names expected, got ${categoryNames.length}`);
  const tif = encodeGeoTiff({
    width: grid.width, height: grid.height, type: 'uint8', values: classes, georeference: gridGeoreference(grid),
    noData: options.noData ?? null, description: options.description, unit: options.unit, metadata: options.metadata,
    palette: options.colors, ...GRID_LAYER_ENCODING,
  }).buffer;
  return { tif, auxXml: categoryAuxXml(categoryNames) };
}

/**
 * Population per cell as a Float32 GeoTIFF (no NoData: every cell holds a count, 0 outside the
 * communes), description "population (people per cell)", unit "people".
 * @param grid - the grid (EPSG:32648)
 * @param peoplePerCell - row-major people per cell
 * @param metadata - dataset items, e.g. `{ SOURCE: 'WorldPop 2020 (CC BY 4.0) × commune population' }`
 * @returns the .tif file contents
 * @example writeFileSync('population.tif', new Uint8Array(populationGeoTiff(grid, people)))
 */
export function populationGeoTiff(grid: Grid, peoplePerCell: ArrayLike<number>, metadata: Readonly<Record<string, string>> = {}): ArrayBuffer {
  checkLength(grid, peoplePerCell);
  return encodeGeoTiff({
    width: grid.width, height: grid.height, type: 'float32', values: peoplePerCell, georeference: gridGeoreference(grid),
    noData: null, description: 'population (people per cell)', unit: 'people', metadata, ...GRID_LAYER_ENCODING,
  }).buffer;
}
