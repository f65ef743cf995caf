/**
 * A sector's directional footprint as column spans per grid row.
 *
 * The kernel rules a cell out when its distance exceeds the footprint toward its direction
 * (`rangeByCos`, one radius per bin of cos φ, φ the angle from boresight). Behind a sector that
 * radius is a fraction of the disc's, so most cells of the disc are ruled out one by one. The
 * spans bound the region for each row instead: the kernel visits only the columns between them.
 *
 * The region {(d, φ): d ≤ R(bin(cos φ))} is star-shaped around the site: on each side of the
 * boresight, arcs of radius R_k between the bin's bounding angles, joined by radial segments
 * where the radius changes. Its outline is drawn with each arc replaced by tangent segments
 * (vertices at R/cos(Δ/2), Δ ≤ {@link ARC_STEP_RAD}), which enclose the arc, so the outline
 * encloses the region. A row's span runs from the outline's leftmost to its rightmost crossing
 * of that row, widened by {@link SPAN_MARGIN_CELLS}: a superset of the region's cell centres
 * on the row. The kernel still tests every visited cell, so results are those of the disc scan.
 */
import type { Grid } from '../grid/grid.ts';

/** Angular step of the tangent segments replacing each arc (2°: they stray ≤ 0.015 % outside it). */
export const ARC_STEP_RAD = (2 * Math.PI) / 180;

/** Widening of each span, in cells (covers rounding in the kernel's angle and distance). */
export const SPAN_MARGIN_CELLS = 1e-3;

/** Columns [lo[i], hi[i]) of grid row row0 + i that may hold cells of the footprint (lo ≥ hi: none). */
export interface FootprintSpans {
  readonly row0: number;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
}

export interface SpanSector {
  readonly xM: number;
  readonly yM: number;
  readonly azimuthDeg: number;
}

/**
 * The outline of one side of a footprint in the sector's own frame: (along boresight, across it)
 * per vertex, from the site out along the boresight, around the side, and back to the site.
 * The other side is its mirror image. Kept per footprint array (sectors with equal parameters
 * share one, kernel.ts TableCache).
 */
const outlines = new WeakMap<Float64Array, Float64Array>();

function outlineOf(rangeByCos: Float64Array): Float64Array {
  let out = outlines.get(rangeByCos);
  if (out) return out;
  const n = rangeByCos.length;
  const v: number[] = [0, 0];
  const at = (r: number, phi: number) => v.push(r * Math.cos(phi), r * Math.sin(phi));
  for (let k = n - 1; k >= 0; k--) {
    const r = rangeByCos[k];
    const a = Math.acos(Math.min(1, -1 + ((k + 1) * 2) / n));
    const b = Math.acos(Math.max(-1, -1 + (k * 2) / n));
    at(r, a);
    const pieces = Math.max(1, Math.ceil((b - a) / ARC_STEP_RAD));
    const step = (b - a) / pieces;
    const rOut = r / Math.cos(step / 2);
    for (let i = 0; i < pieces; i++) at(rOut, a + (i + 0.5) * step);
    at(r, b);
  }
  v.push(0, 0);
  out = Float64Array.from(v);
  outlines.set(rangeByCos, out);
  return out;
}

/**
 * Spans of the footprint `rangeByCos` (bin k: cos φ ∈ [k·2/n − 1, (k+1)·2/n − 1), the kernel's
 * binning) of a sector at (xM, yM) with its boresight at `azimuthDeg` (clockwise from north).
 */
export function footprintSpans(s: SpanSector, rangeByCos: Float64Array, g: Grid): FootprintSpans {
  const outline = outlineOf(rangeByCos);
  const nv = outline.length;
  const az = (s.azimuthDeg * Math.PI) / 180;
  // Boresight b and its perpendicular q (east, north components).
  const bx = Math.sin(az), by = Math.cos(az), qx = by, qy = -bx;
  const cell = g.cellSizeM;
  // Fractional grid coordinates of both sides' vertices (cell centres at integers): side +1
  // at [0, nv), side −1 at [nv, 2nv), column then row.
  const xy = new Float64Array(2 * nv);
  const colAt = (s.xM - g.originX) / cell - 0.5, rowAt = (g.originY - s.yM) / cell - 0.5;
  let minRow = Infinity, maxRow = -Infinity;
  for (let side = 0; side < 2; side++) {
    const sg = side === 0 ? 1 : -1;
    for (let i = 0; i < nv; i += 2) {
      const u = outline[i], w = sg * outline[i + 1];
      const col = colAt + (u * bx + w * qx) / cell, row = rowAt - (u * by + w * qy) / cell;
      xy[side * nv + i] = col;
      xy[side * nv + i + 1] = row;
      if (row < minRow) minRow = row;
      if (row > maxRow) maxRow = row;
    }
  }
  const row0 = Math.ceil(minRow - SPAN_MARGIN_CELLS);
  const rows = Math.max(0, Math.floor(maxRow + SPAN_MARGIN_CELLS) - row0 + 1);
  const loF = new Float64Array(rows).fill(Infinity), hiF = new Float64Array(rows).fill(-Infinity);
  for (let side = 0; side < 2; side++) {
    for (let v = side * nv; v + 3 < (side + 1) * nv; v += 2) {
      const ca = xy[v], ra = xy[v + 1], cb = xy[v + 2], rb = xy[v + 3];
      // Every row the edge crosses or touches (within the margin), at the crossing; a row the
      // edge only grazes within the margin gets the nearer end.
      const lo = ra < rb ? ra : rb, hi = ra < rb ? rb : ra;
      const flat = hi - lo < 1e-9;
      const rLast = Math.floor(hi + SPAN_MARGIN_CELLS);
      for (let r = Math.ceil(lo - SPAN_MARGIN_CELLS); r <= rLast; r++) {
        const i = r - row0;
        if (i < 0 || i >= rows) continue;
        let c1: number, c2: number;
        if (flat) {
          c1 = ca < cb ? ca : cb;
          c2 = ca < cb ? cb : ca;
        } else {
          let t = (r - ra) / (rb - ra);
          if (t < 0) t = 0;
          else if (t > 1) t = 1;
          c1 = c2 = ca + t * (cb - ca);
        }
        if (c1 < loF[i]) loF[i] = c1;
        if (c2 > hiF[i]) hiF[i] = c2;
      }
    }
  }
  const lo = new Int32Array(rows), hi = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    if (loF[i] > hiF[i]) continue;
    lo[i] = Math.ceil(loF[i] - SPAN_MARGIN_CELLS);
    hi[i] = Math.floor(hiF[i] + SPAN_MARGIN_CELLS) + 1;
  }
  return { row0, lo, hi };
}
