/**
 * Count rasters (people per pixel) onto the coverage grid by AREA: each raster pixel's count is
 * shared among the grid cells it overlaps in proportion to the overlapping area, so counts are
 * conserved: Σ grid = Σ raster over the part of the raster inside the grid (tested).
 *
 * Geometry: a pixel's four corners are projected to the grid (through a lattice, see
 * lattice.ts) and the pixel is taken as the axis-aligned rectangle whose edges are the means of
 * its corner pairs (left edge = mean x of its two left corners, and so on). Neighbouring pixels
 * share corners, so these rectangles tile the plane up to the grid convergence: over Vĩnh Long
 * a lon/lat pixel is turned by at most ≈ 0.3° against UTM 48N, which moves a corner by
 * < 0.3 % of the pixel side. Conservation does not depend on this: each pixel's shares add up
 * to exactly its count whatever its rectangle.
 *
 * NoData rule: NoData pixels (the file's NoData value), NaN and negative values count 0; their
 * number in the windows read is reported. Cells no pixel reaches get 0.
 */
import type { Grid } from '../grid/grid.ts';
import { gridToPixelLattice, pixelToGridLattice, windowForRows } from './lattice.ts';
import { noOverlapError } from './overlap.ts';
import type { GeoRaster } from './raster.ts';
import { DEFAULT_MAX_WINDOW_PIXELS } from './resample-classes.ts';

export interface CountResampleOptions {
  readonly maxWindowPixels?: number;
  readonly signal?: AbortSignal;
}

export interface CountResampleResult {
  /** Count per grid cell (e.g. people), row-major. */
  readonly counts: Float64Array;
  /** Σ counts: the raster's total over the part of it inside the grid. */
  readonly total: number;
  /** Pixels read that were NoData, NaN or negative (counted as 0). */
  readonly noDataPixels: number;
  /** Raster window read, [x0, y0, x1, y1). */
  readonly window: readonly [number, number, number, number];
}

/**
 * Resamples a count raster onto `grid`, conserving counts (rules in the module comment).
 * @param raster - an opened raster of counts per pixel
 * @param grid - the coverage grid (EPSG:32648)
 * @param options - window size limit, abort signal
 * @returns counts per cell, their total, the NoData pixels met
 * @throws RasterFileError `no-overlap`
 * @example const { counts } = await resampleCounts(await openGeoTiff(bytes, 'pop.tif'), grid)
 */
export async function resampleCounts(raster: GeoRaster, grid: Grid, options: CountResampleOptions = {}): Promise<CountResampleResult> {
  const { info } = raster;
  const win = windowForRows(gridToPixelLattice(grid, info), grid, info, 0, grid.height, 1);
  if (!win) throw noOverlapError(info, grid);
  const maxPixels = options.maxWindowPixels ?? DEFAULT_MAX_WINDOW_PIXELS;
  const ww = win.x1 - win.x0;
  const rowsPerRead = Math.max(1, Math.floor(maxPixels / ww));
  const toGrid = pixelToGridLattice(grid, info, win.x0, win.x1, win.y0, win.y1);
  const width = grid.width, height = grid.height;
  const counts = new Float64Array(width * height);
  const noData = info.noData;
  // Grid positions of the pixel corners along the current pixel row's top (t) and bottom (b) edge.
  const tx = new Float64Array(ww + 1), ty = new Float64Array(ww + 1);
  const bx = new Float64Array(ww + 1), by = new Float64Array(ww + 1);
  const p = new Float64Array(2);
  let noDataPixels = 0;
  let total = 0;
  for (let k = 0; k <= ww; k++) {
    toGrid.at(win.x0 + k, win.y0, p);
    bx[k] = p[0]; by[k] = p[1];
  }
  for (let y0 = win.y0; y0 < win.y1; y0 += rowsPerRead) {
    options.signal?.throwIfAborted();
    const y1 = Math.min(win.y1, y0 + rowsPerRead);
    const data = await raster.readWindow(win.x0, y0, win.x1, y1, options.signal);
    for (let j = y0; j < y1; j++) {
      tx.set(bx); ty.set(by);
      for (let k = 0; k <= ww; k++) {
        toGrid.at(win.x0 + k, j + 1, p);
        bx[k] = p[0]; by[k] = p[1];
      }
      const row = (j - y0) * ww;
      for (let k = 0; k < ww; k++) {
        const v = data[row + k];
        if (!(v > 0) || v === noData) {
          if (v !== 0) noDataPixels++;
          continue;
        }
        // Pixel rectangle in grid cell units; gy grows southwards.
        const left = 0.5 * (tx[k] + bx[k]);
        const right = 0.5 * (tx[k + 1] + bx[k + 1]);
        const top = 0.5 * (ty[k] + ty[k + 1]);
        const bottom = 0.5 * (by[k] + by[k + 1]);
        const w = right - left, h = bottom - top;
        if (!(w > 0 && h > 0)) continue;
        if (right <= 0 || bottom <= 0 || left >= width || top >= height) continue;
        const perArea = v / (w * h);
        const c0 = Math.max(0, Math.floor(left)), c1 = Math.min(width, Math.ceil(right));
        const r0 = Math.max(0, Math.floor(top)), r1 = Math.min(height, Math.ceil(bottom));
        for (let r = r0; r < r1; r++) {
          const oy = Math.min(bottom, r + 1) - Math.max(top, r);
          const base = r * width;
          const rowShare = perArea * oy;
          for (let c = c0; c < c1; c++) {
            const share = rowShare * (Math.min(right, c + 1) - Math.max(left, c));
            counts[base + c] += share;
            total += share;
          }
        }
      }
    }
  }
  return { counts, total, noDataPixels, window: [win.x0, win.y0, win.x1, win.y1] };
}
