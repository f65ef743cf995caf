/**
 * The radial layout of a point-to-area run (as SPLAT! and Signal-Server lay it out): from the
 * site, N radials at equal angles, N chosen so that neighbouring radials are at most one cell
 * apart at the radius (N = ⌈2π·R / cell⌉), sampled every `spacingM` from the site.
 *
 * Every grid cell whose centre lies within the radius takes its value from its nearest radial
 * sample in polar terms — the radial nearest in angle, the sample nearest in distance (at
 * least the first one) — so no cell is left out. Cells are grouped by radial (counting sort)
 * so that each radial is profiled once and evaluated only where a cell needs it.
 */
import type { Grid } from '../grid/grid.ts';

export interface RadialLayout {
  /** Number of radials; radial j points at angle j·2π/N counter-clockwise from east. */
  readonly radialCount: number;
  /** Samples per radial after the site (sample k at k·spacingM, k = 1 … samplesPerRadial). */
  readonly samplesPerRadial: number;
  readonly spacingM: number;
  /** Cells of radial j: cellIndex[cellStart[j] … cellStart[j+1]) (row-major grid indices). */
  readonly cellStart: Int32Array;
  readonly cellIndex: Int32Array;
  /** Sample (1 … samplesPerRadial) each listed cell takes its value from. */
  readonly cellSample: Int32Array;
  /** Largest sample needed on each radial (0 when no cell uses the radial). */
  readonly maxSample: Int32Array;
  /** Bounding box of the listed cells' candidates, inclusive grid columns and rows (empty when c1 < c0 or r1 < r0). */
  readonly c0: number;
  readonly r0: number;
  readonly c1: number;
  readonly r1: number;
}

/** Number of radials of a layout of this radius on cells of this size (⌈2π·R / cell⌉, at least 8). */
export function radialCountFor(radiusM: number, cellSizeM: number): number {
  return Math.max(8, Math.ceil((2 * Math.PI * radiusM) / cellSizeM));
}

/** Samples per radial after the site for this radius and spacing (⌈R / spacing⌉, at least 1). */
export function samplesPerRadialFor(radiusM: number, spacingM: number): number {
  return Math.max(1, Math.ceil(radiusM / spacingM - 1e-9));
}

/**
 * The radial (nearest in angle) and sample (nearest in distance, 1 … samplesPerRadial) a point
 * at offset (dxM east, dyM north) from the site takes its value from — the rule of
 * {@link radialLayout}, written once. Returns radial·65536 + sample.
 */
export function radialSampleOf(dxM: number, dyM: number, radialCount: number, samplesPerRadial: number, spacingM: number): number {
  let j = Math.round(Math.atan2(dyM, dxM) * (radialCount / (2 * Math.PI)));
  if (j < 0) j += radialCount;
  if (j >= radialCount) j -= radialCount;
  let k = Math.round(Math.sqrt(dxM * dxM + dyM * dyM) / spacingM);
  if (k < 1) k = 1;
  else if (k > samplesPerRadial) k = samplesPerRadial;
  return j * 65536 + k;
}

/**
 * Builds the layout for a site at (xM, yM) and a radius (m) on `grid`.
 * Only cells inside the grid are listed.
 */
export function radialLayout(grid: Grid, xM: number, yM: number, radiusM: number, spacingM: number): RadialLayout {
  const cell = grid.cellSizeM;
  const radialCount = radialCountFor(radiusM, cell);
  const samplesPerRadial = samplesPerRadialFor(radiusM, spacingM);
  if (samplesPerRadial > 0xffff || radialCount > 0x7fff) throw new RangeError(`radius ${radiusM} m is too large for ${cell} m cells / ${spacingM} m spacing`);
  const r2 = radiusM * radiusM;
  // Rows and columns whose centres can be within the radius.
  const c0 = Math.max(0, Math.floor((xM - radiusM - grid.originX) / cell));
  const c1 = Math.min(grid.width - 1, Math.ceil((xM + radiusM - grid.originX) / cell));
  const r0 = Math.max(0, Math.floor((grid.originY - (yM + radiusM)) / cell));
  const r1 = Math.min(grid.height - 1, Math.ceil((grid.originY - (yM - radiusM)) / cell));
  const counts = new Int32Array(radialCount + 1);
  const maxSample = new Int32Array(radialCount);
  // Pass 1: radial and sample of every cell of the bounding box (one atan2 per cell), packed
  // as radial·65536 + sample, −1 outside the circle.
  const boxW = Math.max(0, c1 - c0 + 1);
  const boxH = Math.max(0, r1 - r0 + 1);
  const packed = new Int32Array(boxW * boxH);
  let inside = 0;
  for (let r = r0; r <= r1; r++) {
    const dy = grid.originY - (r + 0.5) * cell - yM;
    const row = (r - r0) * boxW;
    for (let c = c0; c <= c1; c++) {
      const dx = grid.originX + (c + 0.5) * cell - xM;
      const d2 = dx * dx + dy * dy;
      if (d2 > r2) {
        packed[row + c - c0] = -1;
        continue;
      }
      const v = radialSampleOf(dx, dy, radialCount, samplesPerRadial, spacingM);
      const j = v >>> 16;
      const k = v & 0xffff;
      packed[row + c - c0] = v;
      counts[j + 1]++;
      if (k > maxSample[j]) maxSample[j] = k;
      inside++;
    }
  }
  // Pass 2: group by radial (counting sort).
  for (let j = 0; j < radialCount; j++) counts[j + 1] += counts[j];
  const fill = counts.slice(0, radialCount);
  const cellIndex = new Int32Array(inside);
  const cellSample = new Int32Array(inside);
  for (let r = r0; r <= r1; r++) {
    const row = (r - r0) * boxW;
    for (let c = c0; c <= c1; c++) {
      const v = packed[row + c - c0];
      if (v < 0) continue;
      const at = fill[v >>> 16]++;
      cellIndex[at] = r * grid.width + c;
      cellSample[at] = v & 0xffff;
    }
  }
  return { radialCount, samplesPerRadial, spacingM, cellStart: counts, cellIndex, cellSample, maxSample, c0, r0, c1, r1 };
}
