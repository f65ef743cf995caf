/**
 * Footprint spans (spans.ts): every cell centre the kernel would keep (d ≤ R(bin(cos φ)), with
 * the kernel's own arithmetic) lies inside its row's span, for random grids, sites, azimuths and
 * footprints; and the spans of a real sector's footprint skip most of its disc.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Grid } from '../grid/grid.ts';
import { RANGE_BINS } from './kernel.ts';
import { footprintSpans } from './spans.ts';

const DEG = 180 / Math.PI;

/** The kernel's test of a cell (kernel.ts accumulateSector), and the spans' verdict on it. */
function check(g: Grid, s: { xM: number; yM: number; azimuthDeg: number }, ranges: Float64Array): { inside: number; spanned: number; disc: number; missed: string[] } {
  const sp = footprintSpans(s, ranges, g);
  const az = s.azimuthDeg / DEG, sinAz = Math.sin(az), cosAz = Math.cos(az);
  const cell = g.cellSizeM;
  const ox = g.originX + 0.5 * cell - s.xM, oy = g.originY - 0.5 * cell - s.yM;
  const rMax = Math.max(...ranges);
  const rowC = Math.round((g.originY - s.yM) / cell), colC = Math.round((s.xM - g.originX) / cell), n = Math.ceil(rMax / cell) + 2;
  let inside = 0, spanned = 0, disc = 0;
  const missed: string[] = [];
  for (let row = rowC - n; row <= rowC + n; row++) {
    const i = row - sp.row0;
    const lo = i >= 0 && i < sp.lo.length ? sp.lo[i] : 0, hi = i >= 0 && i < sp.lo.length ? sp.hi[i] : 0;
    for (let col = colC - n; col <= colC + n; col++) {
      const dx = ox + col * cell, dy = oy - row * cell;
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d <= rMax) disc++;
      const c = d > 0 ? (dx * sinAz + dy * cosAz) / d : 1;
      let bin = ((c + 1) * (RANGE_BINS / 2)) | 0;
      if (bin > RANGE_BINS - 1) bin = RANGE_BINS - 1;
      else if (bin < 0) bin = 0;
      const keep = d <= ranges[bin];
      const inSpan = col >= lo && col < hi;
      if (inSpan) spanned++;
      if (keep) {
        inside++;
        if (!inSpan) missed.push(`row ${row} col ${col} (d ${d.toFixed(3)} m, bin ${bin})`);
      }
    }
  }
  return { inside, spanned, disc, missed };
}

describe('footprint spans', () => {
  it('hold every cell the kernel keeps (random grids, sites, azimuths and footprints)', () => {
    fc.assert(fc.property(
      fc.double({ min: 10, max: 100, noNaN: true }),
      fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.double({ min: -1e5, max: 1e5, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
      fc.oneof(fc.double({ min: 0, max: 360, noNaN: true }), fc.constantFrom(0, 45, 90, 180, 270, 359.999)),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: RANGE_BINS, maxLength: RANGE_BINS }),
      fc.double({ min: 50, max: 3000, noNaN: true }),
      (cell, x0, y0, fx, fy, az, shape, rMax) => {
        const g: Grid = { width: 100000, height: 100000, originX: x0, originY: y0, cellSizeM: cell, crs: 'EPSG:32648' };
        // The site anywhere within a cell (on a centre, an edge…), well inside the grid.
        const s = { xM: x0 + (1000 + fx) * cell, yM: y0 - (1000 + fy) * cell, azimuthDeg: az };
        const ranges = Float64Array.from(shape, (v) => v * rMax);
        const r = check(g, s, ranges);
        expect(r.missed).toEqual([]);
      },
    ), { numRuns: 300 });
  });

  it('hold every cell with the sites on cell centres and edges (exact ties in angle and distance)', () => {
    const g: Grid = { width: 10000, height: 10000, originX: 0, originY: 0, cellSizeM: 50, crs: 'EPSG:32648' };
    for (const [fx, fy] of [[0.5, 0.5], [0, 0], [0.5, 0], [0, 0.5]]) for (const az of [0, 30, 45, 90, 120, 135, 180, 225, 270, 315]) {
      const ranges = Float64Array.from({ length: RANGE_BINS }, (_, k) => 500 + 40 * k);
      expect(check(g, { xM: (100 + fx) * 50, yM: -(100 + fy) * 50, azimuthDeg: az }, ranges).missed).toEqual([]);
    }
  });

  it('skip most of the disc of a 3GPP sector (65°, Am 30 dB): front 9 km, back 1.3 km', () => {
    // A_H = min(12 (φ/65)², 30) dB at each bin's smallest |φ|, range ∝ 10^(−A_H/35) (path loss n = 3.5).
    const ranges = Float64Array.from({ length: RANGE_BINS }, (_, k) => {
      const phi = Math.acos(Math.min(1, -1 + ((k + 1) * 2) / RANGE_BINS)) * DEG;
      return 9000 * 10 ** (-Math.min(12 * (phi / 65) ** 2, 30) / 35);
    });
    const g: Grid = { width: 10000, height: 10000, originX: 0, originY: 0, cellSizeM: 50, crs: 'EPSG:32648' };
    const r = check(g, { xM: 300 * 50 + 13, yM: -300 * 50 - 7, azimuthDeg: 37 }, ranges);
    expect(r.missed).toEqual([]);
    // Visited: the footprint and a thin rim, well under half the disc.
    expect(r.spanned).toBeLessThan(1.1 * r.inside);
    expect(r.spanned).toBeLessThan(0.5 * r.disc);
  });
});
