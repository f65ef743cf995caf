/**
 * The one error type of raster input: a file that cannot be used as it is. The message always
 * starts with the file name and says what is wrong and, where a rule applies instead (a fill
 * rule, a default), which rule; `kind` lets a UI pick a translation without parsing text.
 */

/** What is wrong with a raster file. */
export type RasterProblem =
  | 'not-a-geotiff' // not a TIFF, or a TIFF geotiff.js cannot parse
  | 'unsupported-layout' // a rotated or south-up raster, or one we cannot read by window
  | 'no-georeferencing' // no ModelTiepoint/ModelPixelScale/ModelTransformation, or no CRS keys
  | 'unsupported-crs' // a CRS other than EPSG:4326 or a WGS 84 UTM zone (the EPSG code is named)
  | 'no-overlap' // the raster does not cover any cell of the grid
  | 'unknown-classes' // class codes the mapping table does not know (listed with counts)
  | 'nodata-holes' // NoData inside the raster where a value is required (with the fill rule)
  | 'bad-hgt'; // an SRTM .hgt whose size or name is not an SRTM tile's

export class RasterFileError extends Error {
  readonly fileName: string;
  readonly kind: RasterProblem;
  constructor(fileName: string, kind: RasterProblem, message: string) {
    super(`${fileName}: ${message}`);
    this.name = 'RasterFileError';
    this.fileName = fileName;
    this.kind = kind;
  }
}
