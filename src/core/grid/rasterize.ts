/**
 * Polygon → cell mask by scanline (even–odd rule over all rings, so holes and multipolygons
 * need no special case). A cell is inside when its centre is. This is a hot loop over up to
 * millions of cells: edge lists are flat typed arrays, nothing is allocated per row but the
 * crossing buffer, reused.
 */
import type { Grid } from './grid.ts';

/**
 * Rings in grid metres, flattened: `coords` holds x0,y0,x1,y1,… for every ring one after the
 * other and `ringStarts[i]` is the index (in points) where ring i starts; ringStarts has one
 * extra final entry = total points. Rings need not be closed.
 */
export interface FlatRings {
  readonly coords: Float64Array;
  readonly ringStarts: Int32Array;
}

/** Flattens GeoJSON-style rings (already projected to metres) into {@link FlatRings}. */
export function flattenRings(rings: readonly (readonly (readonly number[])[])[]): FlatRings {
  let n = 0;
  for (const r of rings) n += r.length;
  const coords = new Float64Array(n * 2);
  const ringStarts = new Int32Array(rings.length + 1);
  let k = 0;
  rings.forEach((r, i) => {
    ringStarts[i] = k;
    for (const p of r) {
      coords[2 * k] = p[0];
      coords[2 * k + 1] = p[1];
      k++;
    }
  });
  ringStarts[rings.length] = k;
  return { coords, ringStarts };
}

/**
 * Sets mask[(row − rowStart)·width + col] = 1 for cells of rows [rowStart, rowEnd) whose
 * centre lies inside the rings (even–odd), 0 otherwise.
 */
export function rasterizeRings(grid: Grid, rings: FlatRings, rowStart: number, rowEnd: number, mask: Uint8Array): void {
  const { coords, ringStarts } = rings;
  const width = grid.width;
  const cell = grid.cellSizeM;
  mask.fill(0, 0, (rowEnd - rowStart) * width);
  let crossings = new Float64Array(64);
  const nRings = ringStarts.length - 1;
  for (let row = rowStart; row < rowEnd; row++) {
    const y = grid.originY - (row + 0.5) * cell;
    let nc = 0;
    for (let r = 0; r < nRings; r++) {
      const s = ringStarts[r];
      const e = ringStarts[r + 1];
      if (e - s < 3) continue;
      let px = coords[2 * (e - 1)];
      let py = coords[2 * (e - 1) + 1];
      for (let i = s; i < e; i++) {
        const qx = coords[2 * i];
        const qy = coords[2 * i + 1];
        // Half-open rule: an edge counts when y is in [min, max), so vertices are not doubled.
        if ((py <= y && qy > y) || (qy <= y && py > y)) {
          if (nc === crossings.length) {
            const bigger = new Float64Array(nc * 2);
            bigger.set(crossings);
            crossings = bigger;
          }
          crossings[nc++] = px + ((y - py) / (qy - py)) * (qx - px);
        }
        px = qx;
        py = qy;
      }
    }
    if (nc < 2) continue;
    const xs = crossings.subarray(0, nc).sort();
    const base = (row - rowStart) * width;
    for (let j = 0; j + 1 < nc; j += 2) {
      // Cells whose centre x = originX + (col + 0.5)·cell lies in [xs[j], xs[j+1]).
      let c0 = Math.ceil((xs[j] - grid.originX) / cell - 0.5);
      let c1 = Math.ceil((xs[j + 1] - grid.originX) / cell - 0.5);
      if (c0 < 0) c0 = 0;
      if (c1 > width) c1 = width;
      for (let c = c0; c < c1; c++) mask[base + c] = 1;
    }
  }
}
