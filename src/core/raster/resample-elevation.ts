/**
 * Elevation rasters (DEM, SRTM) onto the coverage grid by BILINEAR interpolation between the
 * four raster pixel centres around each grid cell centre.
 *
 * NoData rule, in three steps, each counted in the result:
 * 1. a NoData (or NaN) neighbour is left out and the other neighbours' weights renormalised;
 * 2. a cell whose four neighbours are all NoData is a HOLE: it is filled by inverse-distance
 *    weighting (power 2) from the cells with a value within `fillRadiusCells` grid cells
 *    (a square window), or, with none there, set to `defaultElevationM` — unless
 *    `holes: 'error'`, which refuses the file naming the number of holes and this rule;
 * 3. a cell whose centre is outside the raster gets `defaultElevationM` (a DEM that covers
 *    part of the grid is accepted with a warning; flat earth elsewhere).
 * Elevations are taken in the file's unit, assumed metres (SRTM, Copernicus GLO-30 are).
 */
import type { Grid } from '../grid/grid.ts';
import { RasterFileError } from './errors.ts';
import { gridToPixelLattice, rowBands, windowForRows } from './lattice.ts';
import { noOverlapError } from './overlap.ts';
import type { GeoRaster } from './raster.ts';
import { DEFAULT_MAX_WINDOW_PIXELS } from './resample-classes.ts';

/** Elevation of cells without data, m: the flat earth the engine assumes without a DEM (the delta lies at 0–5 m). */
export const DEFAULT_ELEVATION_M = 2;
/** Default search radius of the hole fill, grid cells. */
export const DEFAULT_FILL_RADIUS_CELLS = 5;

export interface ElevationResampleOptions {
  readonly defaultElevationM?: number;
  readonly fillRadiusCells?: number;
  /** 'fill' (default): fill holes by the rule; 'error': refuse a file with holes under the grid. */
  readonly holes?: 'fill' | 'error';
  readonly maxWindowPixels?: number;
  readonly signal?: AbortSignal;
}

export interface ElevationResampleResult {
  /** Elevation per grid cell, m, row-major; every cell has a value. */
  readonly elevationM: Float32Array;
  /** Holes filled by inverse-distance weighting. */
  readonly filledCells: number;
  /** Holes with no value within the radius, set to the default. */
  readonly defaultedHoleCells: number;
  /** Cells outside the raster, set to the default. */
  readonly outsideCells: number;
  /** Plain-language notes on the above, each naming the file. */
  readonly warnings: readonly string[];
}

/**
 * Resamples an elevation raster onto `grid` (rules in the module comment).
 * @param raster - an opened DEM (GeoTIFF or SRTM .hgt)
 * @param grid - the coverage grid (EPSG:32648)
 * @param options - default elevation, fill radius, hole policy
 * @returns elevation per cell and the counts of filled / defaulted cells
 * @throws RasterFileError `no-overlap`; `nodata-holes` with `holes: 'error'`
 * @example const { elevationM } = await resampleElevation(parseHgt(bytes, 'N09E105.hgt'), grid)
 */
export async function resampleElevation(raster: GeoRaster, grid: Grid, options: ElevationResampleOptions = {}): Promise<ElevationResampleResult> {
  const { info } = raster;
  const defaultM = options.defaultElevationM ?? DEFAULT_ELEVATION_M;
  const radius = options.fillRadiusCells ?? DEFAULT_FILL_RADIUS_CELLS;
  if (!Number.isFinite(defaultM)) throw new RangeError(`defaultElevationM must be finite, got ${defaultM}`);
  if (!(Number.isInteger(radius) && radius >= 0)) throw new RangeError(`fillRadiusCells must be an integer ≥ 0, got ${radius}`);
  const lattice = gridToPixelLattice(grid, info);
  const bands = rowBands(lattice, grid, info, 2, options.maxWindowPixels ?? DEFAULT_MAX_WINDOW_PIXELS);
  if (bands.length === 0) throw noOverlapError(info, grid);
  const width = grid.width;
  const n = width * grid.height;
  const elevationM = new Float32Array(n);
  // 0 = value, 1 = hole, 2 = outside the raster.
  const state = new Uint8Array(n).fill(2);
  const noData = info.noData;
  const p = new Float64Array(2);
  let holes = 0;
  let inside = 0;
  for (const [r0, r1] of bands) {
    options.signal?.throwIfAborted();
    const win = windowForRows(lattice, grid, info, r0, r1, 2);
    if (!win) continue;
    const data = await raster.readWindow(win.x0, win.y0, win.x1, win.y1, options.signal);
    const ww = win.x1 - win.x0;
    for (let r = r0; r < r1; r++) {
      for (let c = 0; c < width; c++) {
        lattice.at(c + 0.5, r + 0.5, p);
        const i = r * width + c;
        if (!(p[0] >= 0 && p[1] >= 0 && p[0] < info.width && p[1] < info.height)) continue;
        inside++;
        // Neighbouring pixel centres: pixel k's centre is at k + 0.5.
        const x = p[0] - 0.5, y = p[1] - 0.5;
        const i0 = Math.floor(x), j0 = Math.floor(y);
        const fx = x - i0, fy = y - j0;
        let sum = 0, wsum = 0;
        for (let dj = 0; dj <= 1; dj++) {
          const j = j0 + dj;
          if (j < win.y0 || j >= win.y1) continue;
          const wy = dj ? fy : 1 - fy;
          for (let di = 0; di <= 1; di++) {
            const ii = i0 + di;
            if (ii < win.x0 || ii >= win.x1) continue;
            const v = data[(j - win.y0) * ww + (ii - win.x0)];
            if (v !== v || v === noData) continue;
            const w = wy * (di ? fx : 1 - fx);
            sum += w * v;
            wsum += w;
          }
        }
        if (wsum > 0) {
          elevationM[i] = sum / wsum;
          state[i] = 0;
        } else {
          state[i] = 1;
          holes++;
        }
      }
    }
  }
  if (inside === 0) throw noOverlapError(info, grid);
  const rule = `holes are filled by inverse-distance weighting from cells with data within ${radius} cells, else set to ${defaultM} m`;
  if (holes > 0 && options.holes === 'error') {
    throw new RasterFileError(info.fileName, 'nodata-holes', `${holes} grid cells fall on NoData (${info.noData ?? 'NaN'}) pixels; with the fill rule, ${rule}; nothing was changed`);
  }
  let filledCells = 0, defaultedHoleCells = 0;
  const fillValue = new Float32Array(holes);
  const fillIndex = new Int32Array(holes);
  let h = 0;
  for (let i = 0; i < n; i++) {
    if (state[i] !== 1) continue;
    const r = Math.floor(i / width), c = i - r * width;
    let sum = 0, wsum = 0;
    for (let rr = Math.max(0, r - radius); rr <= Math.min(grid.height - 1, r + radius); rr++) {
      for (let cc = Math.max(0, c - radius); cc <= Math.min(width - 1, c + radius); cc++) {
        const k = rr * width + cc;
        if (state[k] !== 0) continue;
        const w = 1 / ((rr - r) * (rr - r) + (cc - c) * (cc - c));
        sum += w * elevationM[k];
        wsum += w;
      }
    }
    fillIndex[h] = i;
    if (wsum > 0) { fillValue[h] = sum / wsum; filledCells++; } else { fillValue[h] = defaultM; defaultedHoleCells++; }
    h++;
  }
  // Written after the search, so a filled hole never feeds another hole's fill.
  for (let k = 0; k < holes; k++) elevationM[fillIndex[k]] = fillValue[k];
  const outsideCells = n - inside;
  for (let i = 0; i < n; i++) if (state[i] === 2) elevationM[i] = defaultM;
  const warnings: string[] = [];
  if (holes) warnings.push(`${info.fileName}: ${holes} grid cells fall on NoData pixels; ${filledCells} filled by inverse-distance weighting from cells within ${radius} cells, ${defaultedHoleCells} set to ${defaultM} m`);
  if (outsideCells) warnings.push(`${info.fileName}: ${outsideCells} of ${n} grid cells (${((100 * outsideCells) / n).toFixed(1)} %) are outside the elevation raster and set to ${defaultM} m (flat earth)`);
  return { elevationM, filledCells, defaultedHoleCells, outsideCells, warnings };
}
