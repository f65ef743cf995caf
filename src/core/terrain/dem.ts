/**
 * A digital elevation model on the project's metric grid (EPSG:32648; `Grid` of
 * src/core/grid/grid.ts): heights in metres, one per cell, row-major with row 0 at the north
 * edge, each value standing for the cell's centre.
 */
import type { Grid } from '../grid/grid.ts';
import { InputError } from '../validity.ts';

/** Terrain heights above the datum (m) on a grid. */
export interface Dem {
  readonly grid: Grid;
  /** width·height heights, m, row-major from the north-west cell. */
  readonly heightsM: Float32Array;
}

/** A point on the grid's plane, m (EPSG:32648 easting, northing). */
export interface PointM {
  readonly xM: number;
  readonly yM: number;
}

/**
 * Checks that `values` has one finite value per cell of `grid`.
 * @throws InputError naming `field` otherwise.
 */
export function checkGridValues(grid: Grid, values: Float32Array, field: string): void {
  const n = grid.width * grid.height;
  if (values.length !== n) throw new InputError(field, `${field} has ${values.length} values but the grid has ${grid.width} × ${grid.height} = ${n} cells`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) {
      throw new InputError(field, `${field}[${i}] (column ${i % grid.width}, row ${Math.floor(i / grid.width)}) is not a finite number (${values[i]})`);
    }
  }
}

/**
 * Terrain height at (xM, yM), m: bilinear between the four surrounding cell centres; points
 * less than half a cell inside the grid edge, or outside the grid, take the nearest edge values
 * (the grid is extended by repeating its border).
 */
export function demHeightAtM(dem: Dem, xM: number, yM: number): number {
  const { grid, heightsM } = dem;
  const w = grid.width;
  const h = grid.height;
  // Continuous cell coordinates: cell (c, r) has its centre at (c, r).
  let fc = (xM - grid.originX) / grid.cellSizeM - 0.5;
  let fr = (grid.originY - yM) / grid.cellSizeM - 0.5;
  if (fc < 0) fc = 0;
  else if (fc > w - 1) fc = w - 1;
  if (fr < 0) fr = 0;
  else if (fr > h - 1) fr = h - 1;
  const c0 = Math.min(Math.floor(fc), w - 2 < 0 ? 0 : w - 2);
  const r0 = Math.min(Math.floor(fr), h - 2 < 0 ? 0 : h - 2);
  const c1 = c0 + 1 < w ? c0 + 1 : c0;
  const r1 = r0 + 1 < h ? r0 + 1 : r0;
  const tx = fc - c0;
  const ty = fr - r0;
  const top = heightsM[r0 * w + c0] * (1 - tx) + heightsM[r0 * w + c1] * tx;
  const bottom = heightsM[r1 * w + c0] * (1 - tx) + heightsM[r1 * w + c1] * tx;
  return top * (1 - ty) + bottom * ty;
}

/** Value of the cell containing (xM, yM), the nearest edge cell outside the grid (for categorical layers such as clutter heights). */
export function gridValueNearest(grid: Grid, values: Float32Array, xM: number, yM: number): number {
  let c = Math.floor((xM - grid.originX) / grid.cellSizeM);
  let r = Math.floor((grid.originY - yM) / grid.cellSizeM);
  if (c < 0) c = 0;
  else if (c >= grid.width) c = grid.width - 1;
  if (r < 0) r = 0;
  else if (r >= grid.height) r = grid.height - 1;
  return values[r * grid.width + c];
}
