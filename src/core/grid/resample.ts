/**
 * Display resampling: a UTM grid cannot be laid on a Web Mercator map by its corners without
 * up to ~90 m of distortion over Vĩnh Long (measured in tests/unit/coverage-overlay.test.ts).
 * Instead we build, once per grid, an index from each pixel of a north-up Web Mercator raster
 * to the UTM cell under its centre (nearest neighbour). Such a raster is an axis-aligned
 * rectangle in Mercator, which MapLibre places exactly.
 *
 * The exact inverse projection is evaluated on a lattice every `step` pixels and interpolated
 * bilinearly in between; over 16 px (≈ 1.6 km at 100 m) the interpolation error of this smooth
 * mapping is under a millimetre (checked in the test against the exact projection).
 */
import type { Grid } from './grid.ts';
import { lonLatToUtm, utmToLonLat } from './projection.ts';

const R = 6378137;

export interface MercatorRaster {
  /** Geographic bounds of the raster, degrees. */
  readonly westDeg: number;
  readonly southDeg: number;
  readonly eastDeg: number;
  readonly northDeg: number;
  readonly width: number;
  readonly height: number;
  /** Row-major (north row first): index of the source grid cell, −1 outside the grid. */
  readonly sourceIndex: Int32Array;
}

const mercX = (lonDeg: number) => (R * lonDeg * Math.PI) / 180;
const mercY = (latDeg: number) => R * Math.log(Math.tan(Math.PI / 4 + (latDeg * Math.PI) / 360));
const lonOf = (x: number) => ((x / R) * 180) / Math.PI;
const latOf = (y: number) => ((2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * 180) / Math.PI;

/** Builds the pixel → cell index of a Mercator raster covering `grid`, `width` pixels wide. */
export function mercatorIndex(grid: Grid, width = grid.width, step = 16): MercatorRaster {
  const W = grid.width * grid.cellSizeM;
  const H = grid.height * grid.cellSizeM;
  let west = Infinity, east = -Infinity, south = Infinity, north = -Infinity;
  // The grid's outline in lon/lat: sample its edges (they are curves in lon/lat).
  for (let i = 0; i <= 64; i++) {
    const f = i / 64;
    for (const [x, y] of [[grid.originX + f * W, grid.originY], [grid.originX + f * W, grid.originY - H], [grid.originX, grid.originY - f * H], [grid.originX + W, grid.originY - f * H]]) {
      const [lon, lat] = utmToLonLat(x, y);
      if (lon < west) west = lon;
      if (lon > east) east = lon;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
    }
  }
  const mx0 = mercX(west), mx1 = mercX(east), my0 = mercY(south), my1 = mercY(north);
  const height = Math.max(1, Math.round((width * (my1 - my0)) / (mx1 - mx0)));
  const px = (mx1 - mx0) / width;
  const py = (my1 - my0) / height;
  // Lattice of exact UTM coordinates of pixel centres.
  const lw = Math.ceil(width / step) + 1;
  const lh = Math.ceil(height / step) + 1;
  const lx = new Float64Array(lw * lh);
  const ly = new Float64Array(lw * lh);
  for (let j = 0; j < lh; j++) {
    const lat = latOf(my1 - (Math.min(j * step, height - 1) + 0.5) * py);
    for (let i = 0; i < lw; i++) {
      const [x, y] = lonLatToUtm(lonOf(mx0 + (Math.min(i * step, width - 1) + 0.5) * px), lat);
      lx[j * lw + i] = x;
      ly[j * lw + i] = y;
    }
  }
  const sourceIndex = new Int32Array(width * height);
  const inv = 1 / grid.cellSizeM;
  for (let r = 0; r < height; r++) {
    const j = Math.min(Math.floor(r / step), lh - 2);
    const r0 = j * step;
    const r1 = Math.min((j + 1) * step, height - 1);
    const fv = r1 > r0 ? (r - r0) / (r1 - r0) : 0;
    for (let c = 0; c < width; c++) {
      const i = Math.min(Math.floor(c / step), lw - 2);
      const c0 = i * step;
      const c1 = Math.min((i + 1) * step, width - 1);
      const fu = c1 > c0 ? (c - c0) / (c1 - c0) : 0;
      const a = j * lw + i;
      const x = (1 - fv) * ((1 - fu) * lx[a] + fu * lx[a + 1]) + fv * ((1 - fu) * lx[a + lw] + fu * lx[a + lw + 1]);
      const y = (1 - fv) * ((1 - fu) * ly[a] + fu * ly[a + 1]) + fv * ((1 - fu) * ly[a + lw] + fu * ly[a + lw + 1]);
      const col = Math.floor((x - grid.originX) * inv);
      const row = Math.floor((grid.originY - y) * inv);
      sourceIndex[r * width + c] = col >= 0 && row >= 0 && col < grid.width && row < grid.height ? row * grid.width + col : -1;
    }
  }
  return { westDeg: west, southDeg: south, eastDeg: east, northDeg: north, width, height, sourceIndex };
}

/** Centre of pixel (col, row) of a Mercator raster, [lon, lat] degrees. */
export function mercatorPixelCenter(m: MercatorRaster, col: number, row: number): [number, number] {
  const mx0 = mercX(m.westDeg), mx1 = mercX(m.eastDeg), my0 = mercY(m.southDeg), my1 = mercY(m.northDeg);
  return [lonOf(mx0 + ((col + 0.5) * (mx1 - mx0)) / m.width), latOf(my1 - ((row + 0.5) * (my1 - my0)) / m.height)];
}

/**
 * Pixels of a Mercator raster that can show cells of the region [col0, row0, col1, row1) of
 * `grid`: [x0, y0, x1, y1) (padded by one pixel, clipped). For repainting only what changed.
 */
export function mercatorPixelRect(m: MercatorRaster, grid: Grid, region: readonly [number, number, number, number]): [number, number, number, number] {
  const [c0, r0, c1, r1] = region;
  const x0m = grid.originX + c0 * grid.cellSizeM, x1m = grid.originX + c1 * grid.cellSizeM;
  const y0m = grid.originY - r1 * grid.cellSizeM, y1m = grid.originY - r0 * grid.cellSizeM;
  const mx0 = mercX(m.westDeg), mx1 = mercX(m.eastDeg), my0 = mercY(m.southDeg), my1 = mercY(m.northDeg);
  let px0 = Infinity, px1 = -Infinity, py0 = Infinity, py1 = -Infinity;
  for (let i = 0; i <= 8; i++) {
    const f = i / 8;
    for (const [x, y] of [[x0m + f * (x1m - x0m), y0m], [x0m + f * (x1m - x0m), y1m], [x0m, y0m + f * (y1m - y0m)], [x1m, y0m + f * (y1m - y0m)]]) {
      const [lon, lat] = utmToLonLat(x, y);
      const px = ((mercX(lon) - mx0) / (mx1 - mx0)) * m.width;
      const py = ((my1 - mercY(lat)) / (my1 - my0)) * m.height;
      if (px < px0) px0 = px;
      if (px > px1) px1 = px;
      if (py < py0) py0 = py;
      if (py > py1) py1 = py;
    }
  }
  return [Math.max(0, Math.floor(px0) - 1), Math.max(0, Math.floor(py0) - 1), Math.min(m.width, Math.ceil(px1) + 1), Math.min(m.height, Math.ceil(py1) + 1)];
}
