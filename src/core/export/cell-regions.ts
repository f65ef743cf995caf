/**
 * Cell masks → polygons whose edges are the cells' own edges, shared by coverage bands
 * (export/bands.ts) and gap polygons (stats/gaps.ts).
 *
 * Why not d3-contour's output as is: d3-contour (v4) runs marching squares with each value at
 * a pixel centre, pixel (i, j) spanning [i, i+1] × [j, j+1] (x right, y down). On a 0/1 mask
 * with `smooth(false)` its segments join the midpoints of pixel edges, so every convex corner
 * of a region is cut by a diagonal (a lone cell becomes a diamond of half its area) and areas
 * no longer equal cell counts. We keep d3-contour for tracing and stitching rings, then
 * "square" each diagonal back to the pixel corner it cut (the centre of its marching square,
 * the one point with an integer x from one end and an integer y from the other), and drop the
 * collinear midpoints. The result is the exact union of the in-region cells: planar area =
 * cells × cell².
 *
 * Regions are 4-connected (d3-contour resolves both saddle cases by separating the two
 * diagonal "in" pixels), so two cells touching only at a corner are two polygons sharing one
 * vertex.
 *
 * The mask is padded with one "out" cell on every side, so regions touching the grid edge
 * close along the edge. Holes are assigned to their exterior here, not by d3-contour: d3 gives
 * a hole to the first polygon whose exterior contains it, which for nested regions (a gap
 * inside a covered island inside a bigger gap) can be an outer ancestor. We instead flood-fill
 * the 4-connected components once and give each ring to the component of the in-cell beside
 * its first edge.
 *
 * Cost: our part is linear in cells. d3-contour's own hole assignment (which we redo) tests
 * each hole against the polygons in turn, O(holes × polygon vertices): smooth coverage layers
 * are fast (4.4 million cells, ~300 polygons per band: about 0.4 s per band), but a speckled
 * mask (white noise, 60 % set, 400 × 400 cells) already takes 2 s and grows quadratically.
 * If layers ever become speckled (per-cell random shadowing), trace the boundaries directly
 * instead of through d3-contour.
 */
import { contours } from 'd3-contour';
import type { Grid } from '../grid/grid.ts';
import { utmToLonLat } from '../grid/projection.ts';

/** One 4-connected region of in-cells. */
export interface CellRegion {
  /**
   * Exterior ring first, then holes. Coordinates are cell-corner positions [col, row] of the
   * unpadded grid (col 0..width, row 0..height, row growing southward), each ring closed (last
   * point = first), vertices only where the boundary turns. In these y-down coordinates the
   * exterior has negative shoelace sum and holes positive, i.e. once y is flipped to northing
   * the exterior is counter-clockwise and holes clockwise (RFC 7946 right-hand rule).
   */
  readonly rings: number[][][];
  /** In-cells in the region (its planar area is cellCount × cell²). */
  readonly cellCount: number;
}

/**
 * The 4-connected regions of cells whose mask value is non-zero, as polygons on cell edges.
 * @param width - grid columns
 * @param height - grid rows
 * @param mask - row-major, length width·height, non-zero = in a region
 * @param regionOfCell - optional output, length width·height: filled with the index (in the
 *   returned array) of each in-cell's region, −1 for out-cells
 * @returns regions in the order d3-contour closes their exteriors (north to south, roughly)
 * @example cellRegions(2, 1, [1, 1]) → [{ rings: [[[2,0],[0,0],[0,1],[2,1],[2,0]]], cellCount: 2 }]
 */
export function cellRegions(width: number, height: number, mask: ArrayLike<number>, regionOfCell?: Int32Array): CellRegion[] {
  if (mask.length !== width * height) throw new RangeError(`mask length ${mask.length} ≠ ${width} × ${height}`);
  if (regionOfCell && regionOfCell.length !== width * height) throw new RangeError(`regionOfCell length ${regionOfCell.length} ≠ ${width} × ${height}`);
  regionOfCell?.fill(-1);
  const pw = width + 2;
  const ph = height + 2;
  const padded = new Uint8Array(pw * ph);
  let any = false;
  for (let row = 0; row < height; row++) {
    const src = row * width;
    const dst = (row + 1) * pw + 1;
    for (let col = 0; col < width; col++) {
      if (mask[src + col]) {
        padded[dst + col] = 1;
        any = true;
      }
    }
  }
  if (!any) return [];
  // d3-contour reads values with +v >= threshold; a Uint8Array is a valid array-like for it.
  const mp = contours().size([pw, ph]).smooth(false).contour(padded as unknown as number[], 0.5);

  const rings: number[][][] = [];
  for (const poly of mp.coordinates) for (const ring of poly) rings.push(squareRing(ring));

  // Component labels over the padded grid; 0 = not yet visited.
  const labels = new Int32Array(pw * ph);
  const cellCounts: number[] = [0];
  let stack = new Int32Array(1024);
  const componentOf = (seed: number): number => {
    if (labels[seed] !== 0) return labels[seed];
    const id = cellCounts.length;
    let count = 0;
    let top = 0;
    stack[top++] = seed;
    labels[seed] = id;
    while (top > 0) {
      const i = stack[--top];
      count++;
      // The padding is all zero, so the four neighbours of an in-cell always exist.
      const nb0 = i - 1, nb1 = i + 1, nb2 = i - pw, nb3 = i + pw;
      if (top + 4 > stack.length) {
        const bigger = new Int32Array(stack.length * 2);
        bigger.set(stack);
        stack = bigger;
      }
      if (padded[nb0] && labels[nb0] === 0) { labels[nb0] = id; stack[top++] = nb0; }
      if (padded[nb1] && labels[nb1] === 0) { labels[nb1] = id; stack[top++] = nb1; }
      if (padded[nb2] && labels[nb2] === 0) { labels[nb2] = id; stack[top++] = nb2; }
      if (padded[nb3] && labels[nb3] === 0) { labels[nb3] = id; stack[top++] = nb3; }
    }
    cellCounts.push(count);
    return id;
  };

  const exteriorOf = new Map<number, number[][]>();
  const holesOf = new Map<number, number[][][]>();
  const order: number[] = [];
  for (const ring of rings) {
    const comp = componentOf(inCellBesideFirstEdge(ring, padded, pw));
    if (signedArea2(ring) < 0) {
      exteriorOf.set(comp, ring);
      order.push(comp);
    } else {
      let h = holesOf.get(comp);
      if (!h) holesOf.set(comp, (h = []));
      h.push(ring);
    }
  }
  const out: CellRegion[] = [];
  const regionOfComponent = new Int32Array(cellCounts.length).fill(-1);
  for (const comp of order) {
    const ext = exteriorOf.get(comp) as number[][];
    const all = [ext, ...(holesOf.get(comp) ?? [])];
    // Padded → grid corner coordinates.
    for (const r of all) for (const p of r) { p[0] -= 1; p[1] -= 1; }
    regionOfComponent[comp] = out.length;
    out.push({ rings: all, cellCount: cellCounts[comp] });
  }
  if (regionOfCell) {
    for (let row = 0; row < height; row++) {
      const src = (row + 1) * pw + 1;
      const dst = row * width;
      for (let col = 0; col < width; col++) {
        const comp = labels[src + col];
        if (comp > 0) regionOfCell[dst + col] = regionOfComponent[comp];
      }
    }
  }
  return out;
}

/** Cell-corner rings ([col, row]) → UTM metres [easting, northing] on `grid`. */
export function cellRingsToUtm(grid: Grid, rings: readonly (readonly number[])[][]): number[][][] {
  const { originX, originY, cellSizeM } = grid;
  return rings.map((r) => r.map((p) => [originX + p[0] * cellSizeM, originY - p[1] * cellSizeM]));
}

/**
 * Net planar area of a polygon (exterior then holes) in UTM metres, m²: the shoelace sum of
 * all rings, exterior counter-clockwise (positive) and holes clockwise (negative).
 */
export function planarAreaM2(ringsUtm: readonly (readonly (readonly number[])[])[]): number {
  let s = 0;
  for (const r of ringsUtm) {
    for (let i = 0; i + 1 < r.length; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  }
  return s / 2;
}

/** Rounds to `decimals` places (RFC 7946 §11.2 suggests 6 for lon/lat, about 0.1 m). */
export function roundTo(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

/** UTM rings → WGS 84 [lon, lat] rings, rounded to `decimals` (default 6). */
export function utmRingsToLonLat(ringsUtm: readonly (readonly (readonly number[])[])[], decimals = 6): number[][][] {
  return ringsUtm.map((r) => r.map((p) => {
    const [lon, lat] = utmToLonLat(p[0], p[1]);
    return [roundTo(lon, decimals), roundTo(lat, decimals)];
  }));
}

/**
 * Replaces each diagonal segment of a d3-contour ring (smooth off) by the two axis-parallel
 * half-segments through the pixel corner it cuts, and keeps only turning vertices. Input
 * vertices each have one integer and one half-integer coordinate (midpoints of pixel edges);
 * output vertices are all pixel corners (integers). Returns a closed ring.
 */
function squareRing(ring: number[][]): number[][] {
  let n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) n--;
  const pts: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    pts.push(a);
    if (a[0] !== b[0] && a[1] !== b[1]) {
      pts.push([Number.isInteger(a[0]) ? a[0] : b[0], Number.isInteger(a[1]) ? a[1] : b[1]]);
    }
  }
  // Keep turning vertices only (every segment is now horizontal or vertical).
  const m = pts.length;
  const turns: number[][] = [];
  for (let i = 0; i < m; i++) {
    const p = pts[(i + m - 1) % m];
    const c = pts[i];
    const q = pts[(i + 1) % m];
    const straight = (p[0] === c[0] && c[0] === q[0]) || (p[1] === c[1] && c[1] === q[1]);
    if (!straight) turns.push([c[0], c[1]]);
  }
  turns.push([turns[0][0], turns[0][1]]);
  return turns;
}

/** Twice the signed shoelace area (x right, y down: exterior rings come out negative). */
function signedArea2(ring: number[][]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

/** Padded index of the in-cell on one side of the ring's first unit edge. */
function inCellBesideFirstEdge(ring: number[][], padded: Uint8Array, pw: number): number {
  const [ax, ay] = ring[0];
  const [bx, by] = ring[1];
  let i0: number;
  let i1: number;
  if (ay === by) {
    const x = Math.min(ax, bx);
    i0 = (ay - 1) * pw + x; // cell above the edge
    i1 = ay * pw + x; // cell below
  } else {
    const y = Math.min(ay, by);
    i0 = y * pw + ax - 1; // cell left of the edge
    i1 = y * pw + ax; // cell right
  }
  if (padded[i0] && !padded[i1]) return i0;
  if (padded[i1] && !padded[i0]) return i1;
  throw new Error(`cellRegions: ring edge at (${ax}, ${ay}) does not separate an in-cell from an out-cell`);
}
