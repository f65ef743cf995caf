/**
 * The "does this raster cover the grid at all?" check shared by the resamplers, with a message
 * that gives both extents in lon/lat so the user sees how far off the file is.
 */
import type { Grid } from '../grid/grid.ts';
import { gridBBox } from '../grid/grid.ts';
import { utmToLonLat } from '../grid/projection.ts';
import { RasterFileError } from './errors.ts';
import type { RasterInfo } from './raster.ts';
import { crsToGrid } from './crs.ts';

const f3 = (v: number) => v.toFixed(3);

/** The raster's extent as text, lon/lat degrees W, S, E, N (corners transformed). */
export function rasterExtentText(info: RasterInfo): string {
  const toGrid = crsToGrid(info.crs);
  const out = new Float64Array(2);
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [i, j] of [[0, 0], [info.width, 0], [0, info.height], [info.width, info.height]]) {
    const x = info.originX + i * info.pixelSizeX;
    const y = info.originY - j * info.pixelSizeY;
    let lon = x, lat = y;
    if (info.crs.units !== 'degree') {
      toGrid(x, y, out);
      [lon, lat] = utmToLonLat(out[0], out[1]);
    }
    w = Math.min(w, lon); e = Math.max(e, lon); s = Math.min(s, lat); n = Math.max(n, lat);
  }
  return `${f3(w)}–${f3(e)} E, ${f3(s)}–${f3(n)} N`;
}

/** The grid's extent as text, lon/lat degrees. */
export function gridExtentText(grid: Grid): string {
  const [minX, minY, maxX, maxY] = gridBBox(grid);
  const pts = [[minX, minY], [maxX, minY], [minX, maxY], [maxX, maxY]].map(([x, y]) => utmToLonLat(x, y));
  const lons = pts.map((p) => p[0]), lats = pts.map((p) => p[1]);
  return `${f3(Math.min(...lons))}–${f3(Math.max(...lons))} E, ${f3(Math.min(...lats))}–${f3(Math.max(...lats))} N`;
}

/** The `no-overlap` error of a raster and a grid. */
export function noOverlapError(info: RasterInfo, grid: Grid): RasterFileError {
  return new RasterFileError(info.fileName, 'no-overlap',
    `does not overlap the coverage grid (raster ${rasterExtentText(info)} in ${info.crs.name}; grid ${gridExtentText(grid)}); nothing was changed`);
}
