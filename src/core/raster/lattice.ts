/**
 * Mapping points between the coverage grid and a raster's pixels without calling proj4 for
 * every sample: the exact transform is evaluated on a lattice of nodes and interpolated
 * bilinearly in between (the same idea as grid/resample.ts). The transforms involved (UTM ⇄
 * lon/lat, UTM zone ⇄ zone) are smooth; with nodes at most ~2 km apart the interpolation error
 * over Vĩnh Long is about a centimetre (measured in lattice.test.ts), far below any pixel.
 */
import type { Grid } from '../grid/grid.ts';
import { crsToGrid, gridToCrs } from './crs.ts';
import type { RasterInfo } from './raster.ts';

/** Longest lattice spacing, m: keeps the interpolation error near 1 cm (see lattice.test.ts). */
export const LATTICE_SPACING_M = 2000;

/**
 * A 2-D map (u, v) → (a, b) sampled on nodes u0 + i·step (last node at u1), v0 + j·step (last
 * at v1) and interpolated bilinearly; points outside [u0, u1] × [v0, v1] are extrapolated from
 * the edge cells.
 */
export class Lattice {
  private readonly u0: number;
  private readonly v0: number;
  private readonly u1: number;
  private readonly v1: number;
  private readonly step: number;
  private readonly nu: number;
  private readonly nv: number;
  private readonly a: Float64Array;
  private readonly b: Float64Array;

  /**
   * @param f - the exact map, writing [a, b] into `out`
   * @param u0 - first node u; u1 last node u (> u0)
   * @param step - node spacing in u and v units (> 0)
   */
  constructor(f: (u: number, v: number, out: Float64Array) => void, u0: number, u1: number, v0: number, v1: number, step: number) {
    this.u0 = u0; this.u1 = u1; this.v0 = v0; this.v1 = v1; this.step = step;
    this.nu = Math.max(2, Math.ceil((u1 - u0) / step) + 1);
    this.nv = Math.max(2, Math.ceil((v1 - v0) / step) + 1);
    this.a = new Float64Array(this.nu * this.nv);
    this.b = new Float64Array(this.nu * this.nv);
    const out = new Float64Array(2);
    for (let j = 0; j < this.nv; j++) {
      const v = this.nodeV(j);
      for (let i = 0; i < this.nu; i++) {
        f(this.nodeU(i), v, out);
        this.a[j * this.nu + i] = out[0];
        this.b[j * this.nu + i] = out[1];
      }
    }
  }

  private nodeU(i: number): number {
    return i === this.nu - 1 ? this.u1 : this.u0 + i * this.step;
  }

  private nodeV(j: number): number {
    return j === this.nv - 1 ? this.v1 : this.v0 + j * this.step;
  }

  /** u of every node column, ascending. */
  uNodes(): number[] {
    return Array.from({ length: this.nu }, (_, i) => this.nodeU(i));
  }

  /** v of every node row, ascending. */
  vNodes(): number[] {
    return Array.from({ length: this.nv }, (_, j) => this.nodeV(j));
  }

  /** Writes the interpolated [a, b] at (u, v) into `out`. */
  at(u: number, v: number, out: Float64Array): void {
    let i = Math.floor((u - this.u0) / this.step);
    if (i < 0) i = 0; else if (i > this.nu - 2) i = this.nu - 2;
    let j = Math.floor((v - this.v0) / this.step);
    if (j < 0) j = 0; else if (j > this.nv - 2) j = this.nv - 2;
    const ua = this.nodeU(i), ub = this.nodeU(i + 1);
    const va = this.nodeV(j), vb = this.nodeV(j + 1);
    const fu = (u - ua) / (ub - ua);
    const fv = (v - va) / (vb - va);
    const k = j * this.nu + i;
    const nu = this.nu;
    const a = this.a, b = this.b;
    const w00 = (1 - fu) * (1 - fv), w10 = fu * (1 - fv), w01 = (1 - fu) * fv, w11 = fu * fv;
    out[0] = w00 * a[k] + w10 * a[k + 1] + w01 * a[k + nu] + w11 * a[k + nu + 1];
    out[1] = w00 * b[k] + w10 * b[k + 1] + w01 * b[k + nu] + w11 * b[k + nu + 1];
  }
}

/** Raster pixel size in metres, roughly (degrees × 111 km for geographic rasters, at the equator bound). */
export function pixelSizeM(info: RasterInfo): number {
  const s = Math.min(info.pixelSizeX, info.pixelSizeY);
  return info.crs.units === 'degree' ? s * 111_000 : s;
}

/**
 * Grid point (gx, gy) in cell units (x = originX + gx·cell, y = originY − gy·cell) → raster
 * pixel coordinates (px, py) (pixel (i, j) spans [i, i+1) × [j, j+1)).
 */
export function gridToPixelLattice(grid: Grid, info: RasterInfo): Lattice {
  const toCrs = gridToCrs(info.crs);
  const p = new Float64Array(2);
  const step = Math.max(1, Math.min(16, Math.floor(LATTICE_SPACING_M / grid.cellSizeM)));
  return new Lattice((gx, gy, out) => {
    toCrs(grid.originX + gx * grid.cellSizeM, grid.originY - gy * grid.cellSizeM, p);
    out[0] = (p[0] - info.originX) / info.pixelSizeX;
    out[1] = (info.originY - p[1]) / info.pixelSizeY;
  }, 0, grid.width, 0, grid.height, step);
}

/** Raster pixel coordinates (px, py) → grid point (gx, gy) in cell units, over a pixel window. */
export function pixelToGridLattice(grid: Grid, info: RasterInfo, x0: number, x1: number, y0: number, y1: number): Lattice {
  const toGrid = crsToGrid(info.crs);
  const p = new Float64Array(2);
  const step = Math.max(1, Math.min(16, Math.floor(LATTICE_SPACING_M / pixelSizeM(info))));
  return new Lattice((px, py, out) => {
    toGrid(info.originX + px * info.pixelSizeX, info.originY - py * info.pixelSizeY, p);
    out[0] = (p[0] - grid.originX) / grid.cellSizeM;
    out[1] = (grid.originY - p[1]) / grid.cellSizeM;
  }, x0, x1, y0, y1, step);
}

/** A pixel window [x0, x1) × [y0, y1) of a raster. */
export interface PixelWindow { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number }

/**
 * The raster pixels under grid rows [rowStart, rowEnd) plus `marginPx` pixels around, clipped
 * to the raster; null when none. The interpolated map is bilinear between lattice nodes, so its
 * extremes over the band lie on node columns/rows or the band's edges: those points are visited.
 */
export function windowForRows(lattice: Lattice, grid: Grid, info: RasterInfo, rowStart: number, rowEnd: number, marginPx: number): PixelWindow | null {
  const out = new Float64Array(2);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const rows = [rowStart, ...lattice.vNodes().filter((v) => v > rowStart && v < rowEnd), rowEnd];
  const cols = lattice.uNodes();
  for (const r of rows) {
    for (const c of cols) {
      lattice.at(c, r, out);
      if (out[0] < minX) minX = out[0];
      if (out[0] > maxX) maxX = out[0];
      if (out[1] < minY) minY = out[1];
      if (out[1] > maxY) maxY = out[1];
    }
  }
  const x0 = Math.max(0, Math.floor(minX) - marginPx);
  const y0 = Math.max(0, Math.floor(minY) - marginPx);
  const x1 = Math.min(info.width, Math.ceil(maxX) + marginPx);
  const y1 = Math.min(info.height, Math.ceil(maxY) + marginPx);
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : null;
}

/** Splits grid rows into bands whose raster windows hold at most `maxWindowPixels` pixels each. */
export function rowBands(lattice: Lattice, grid: Grid, info: RasterInfo, marginPx: number, maxWindowPixels: number): [number, number][] {
  const whole = windowForRows(lattice, grid, info, 0, grid.height, marginPx);
  if (!whole) return [];
  const pixels = (whole.x1 - whole.x0) * (whole.y1 - whole.y0);
  const n = Math.max(1, Math.min(grid.height, Math.ceil(pixels / maxWindowPixels)));
  const rows = Math.ceil(grid.height / n);
  const out: [number, number][] = [];
  for (let r = 0; r < grid.height; r += rows) out.push([r, Math.min(grid.height, r + rows)]);
  return out;
}
