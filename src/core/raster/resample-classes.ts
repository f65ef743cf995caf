/**
 * Class rasters (water mask, land cover) onto the coverage grid by MAJORITY: each grid cell is
 * sampled at s × s points spread evenly over it (s ≈ grid cell / raster pixel, at most
 * `maxSamplesPerAxis`), each point takes the class of the raster pixel under it, and the cell
 * takes the class with the most votes — the area-majority class when s reaches the raster's
 * resolution, a sub-sampled estimate of it above the cap.
 *
 * NoData rule: a point on a NoData pixel (the file's NoData value, or a code the table maps
 * to {@link NO_VOTE}), or outside the raster, takes no vote. A cell without any vote gets
 * `fillClass`; their number is reported (`noVoteCells`). Ties go to the lower class index.
 * Unknown codes (absent from the table): by default an Error listing each code with the number
 * of grid cells it appears in, and nothing is returned; with `unknownCodes: 'no-vote'` they
 * take no vote and are reported in the result instead.
 *
 * Reading: the raster is read by window, band of grid rows by band of grid rows, each window at
 * most `maxWindowPixels` pixels, so a 200 MB land-cover tile is read only where the grid is.
 */
import type { Grid } from '../grid/grid.ts';
import { RasterFileError } from './errors.ts';
import { gridToPixelLattice, pixelSizeM, rowBands, windowForRows } from './lattice.ts';
import { noOverlapError } from './overlap.ts';
import type { GeoRaster, PixelArray } from './raster.ts';

/** Table value: a code that takes no vote (like NoData). */
export const NO_VOTE = -2;
const UNKNOWN = -1;

/** Default cap on sample points per cell side (100 samples per cell). */
export const DEFAULT_MAX_SAMPLES_PER_AXIS = 10;
/** Default largest raster window held in memory at once, pixels (16 Mi). */
export const DEFAULT_MAX_WINDOW_PIXELS = 1 << 24;

export interface ClassResampleOptions {
  /** Raster code → class index (0 … classCount − 1) or {@link NO_VOTE}. Codes absent are unknown. */
  readonly classOfCode: ReadonlyMap<number, number>;
  readonly classCount: number;
  /** Class of cells that get no vote at all. */
  readonly fillClass: number;
  /** What to do with codes absent from `classOfCode`; default 'error'. */
  readonly unknownCodes?: 'error' | 'no-vote';
  readonly maxSamplesPerAxis?: number;
  readonly maxWindowPixels?: number;
  readonly signal?: AbortSignal;
}

export interface ClassResampleResult {
  /** Class index per grid cell, row-major. */
  readonly classes: Uint8Array;
  /** Cells that got no vote and took `fillClass`. */
  readonly noVoteCells: number;
  /** Sample points per cell side used. */
  readonly samplesPerAxis: number;
  /** Codes absent from the table, with the number of grid cells each appeared in (only with `unknownCodes: 'no-vote'`). */
  readonly unknownCodes: readonly { readonly code: number; readonly cells: number }[];
  /** Raster windows read, [x0, y0, x1, y1) each (for checks and diagnostics). */
  readonly windows: readonly (readonly [number, number, number, number])[];
}

/** A code → class lookup over the sample type's whole range (8/16-bit), or null for wider types. */
function lookupTable(sampleType: string, table: ReadonlyMap<number, number>, noData: number | null): { lut: Int16Array; offset: number } | null {
  const range: Record<string, [number, number]> = { uint8: [0, 256], int8: [-128, 256], uint16: [0, 65536], int16: [-32768, 65536] };
  const r = range[sampleType];
  if (!r) return null;
  const lut = new Int16Array(r[1]).fill(UNKNOWN);
  for (const [code, cls] of table) {
    const k = code - r[0];
    if (Number.isInteger(code) && k >= 0 && k < r[1]) lut[k] = cls;
  }
  if (noData !== null && Number.isInteger(noData) && noData - r[0] >= 0 && noData - r[0] < r[1]) lut[noData - r[0]] = NO_VOTE;
  return { lut, offset: -r[0] };
}

/**
 * Resamples a class raster onto `grid` by majority (rules in the module comment).
 * @param raster - an opened raster (GeoTIFF or other {@link GeoRaster})
 * @param grid - the coverage grid (EPSG:32648)
 * @param options - code → class table, class count, fill class, unknown-code policy
 * @returns class per cell and what was filled
 * @throws RasterFileError `no-overlap`, `unknown-classes`
 * @example const water = await resampleClasses(raster, grid, { classOfCode: new Map([[0, 0], [1, 1]]), classCount: 2, fillClass: 0 })
 */
export async function resampleClasses(raster: GeoRaster, grid: Grid, options: ClassResampleOptions): Promise<ClassResampleResult> {
  const { info } = raster;
  const { classOfCode, classCount, fillClass } = options;
  if (!(classCount >= 1 && classCount <= 255)) throw new RangeError(`classCount must be 1–255, got ${classCount}`);
  if (!(fillClass >= 0 && fillClass < classCount)) throw new RangeError(`fillClass must be 0–${classCount - 1}, got ${fillClass}`);
  for (const [code, cls] of classOfCode) {
    if (cls !== NO_VOTE && !(Number.isInteger(cls) && cls >= 0 && cls < classCount)) throw new RangeError(`class of code ${code} must be 0–${classCount - 1} or NO_VOTE, got ${cls}`);
  }
  const lattice = gridToPixelLattice(grid, info);
  const bands = rowBands(lattice, grid, info, 1, options.maxWindowPixels ?? DEFAULT_MAX_WINDOW_PIXELS);
  if (bands.length === 0) throw noOverlapError(info, grid);
  const s = Math.max(1, Math.min(options.maxSamplesPerAxis ?? DEFAULT_MAX_SAMPLES_PER_AXIS, Math.ceil(grid.cellSizeM / pixelSizeM(info) - 1e-9)));
  const table = lookupTable(info.sampleType, classOfCode, info.noData);
  const lut = table ? table.lut : null;
  const lutOffset = table ? table.offset : 0;
  const noData = info.noData;
  const invS = 1 / s;

  const width = grid.width;
  const classes = new Uint8Array(width * grid.height);
  const votes = new Int32Array(classCount);
  const unknownCells = new Map<number, number>();
  const seenUnknown: number[] = [];
  // Pixel coordinates of the cell corners along the band's current row top (a) and bottom (b).
  const ax = new Float64Array(width + 1), ay = new Float64Array(width + 1);
  const bx = new Float64Array(width + 1), by = new Float64Array(width + 1);
  const p = new Float64Array(2);
  const windows: [number, number, number, number][] = [];
  let noVoteCells = 0;
  let voted = 0;

  for (const [r0, r1] of bands) {
    options.signal?.throwIfAborted();
    const win = windowForRows(lattice, grid, info, r0, r1, 1);
    if (!win) {
      classes.fill(fillClass, r0 * width, r1 * width);
      noVoteCells += (r1 - r0) * width;
      continue;
    }
    windows.push([win.x0, win.y0, win.x1, win.y1]);
    const data: PixelArray = await raster.readWindow(win.x0, win.y0, win.x1, win.y1, options.signal);
    const ww = win.x1 - win.x0, wh = win.y1 - win.y0;
    for (let c = 0; c <= width; c++) {
      lattice.at(c, r0, p);
      bx[c] = p[0] - win.x0;
      by[c] = p[1] - win.y0;
    }
    for (let r = r0; r < r1; r++) {
      ax.set(bx); ay.set(by);
      for (let c = 0; c <= width; c++) {
        lattice.at(c, r + 1, p);
        bx[c] = p[0] - win.x0;
        by[c] = p[1] - win.y0;
      }
      for (let c = 0; c < width; c++) {
        for (let k = 0; k < classCount; k++) votes[k] = 0;
        let any = false;
        const x00 = ax[c], y00 = ay[c], x10 = ax[c + 1], y10 = ay[c + 1];
        const x01 = bx[c], y01 = by[c], x11 = bx[c + 1], y11 = by[c + 1];
        for (let b = 0; b < s; b++) {
          const v = (b + 0.5) * invS;
          // Along a line of samples the bilinear position is linear in u: start + (a + ½)·step.
          const sx = (1 - v) * x00 + v * x01, ex = (1 - v) * x10 + v * x11;
          const sy = (1 - v) * y00 + v * y01, ey = (1 - v) * y10 + v * y11;
          const dx = (ex - sx) * invS, dy = (ey - sy) * invS;
          let px = sx + 0.5 * dx, py = sy + 0.5 * dy;
          for (let a = 0; a < s; a++, px += dx, py += dy) {
            if (!(px >= 0 && py >= 0 && px < ww && py < wh)) continue;
            const code = data[(py | 0) * ww + (px | 0)];
            const cls = lut ? lut[code + lutOffset] : code === noData || code !== code ? NO_VOTE : (classOfCode.get(code) ?? UNKNOWN);
            if (cls >= 0) {
              votes[cls]++;
              any = true;
            } else if (cls === UNKNOWN && !seenUnknown.includes(code)) {
              seenUnknown.push(code);
            }
          }
        }
        let best = fillClass;
        if (any) {
          let bestVotes = 0;
          for (let k = 0; k < classCount; k++) if (votes[k] > bestVotes) { bestVotes = votes[k]; best = k; }
          voted++;
        } else {
          noVoteCells++;
        }
        classes[r * width + c] = best;
        if (seenUnknown.length) {
          for (const code of seenUnknown) unknownCells.set(code, (unknownCells.get(code) ?? 0) + 1);
          seenUnknown.length = 0;
        }
      }
    }
  }
  if (voted === 0 && unknownCells.size === 0) throw noOverlapError(info, grid);
  const unknownCodes = [...unknownCells].sort((a, b) => b[1] - a[1]).map(([code, cells]) => ({ code, cells }));
  if (unknownCodes.length && (options.unknownCodes ?? 'error') === 'error') {
    const list = unknownCodes.map((u) => `${u.code} (in ${u.cells} cell${u.cells === 1 ? '' : 's'})`).join(', ');
    throw new RasterFileError(info.fileName, 'unknown-classes',
      `class codes not in the mapping table: ${list}; add them to the table (or map them to "no vote"); nothing was changed`);
  }
  return { classes, noVoteCells, samplesPerAxis: s, unknownCodes, windows };
}
