import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Grid } from '../grid/grid.ts';
import { flattenRings, rasterizeRings } from '../grid/rasterize.ts';
import { cellRegions, cellRingsToUtm, planarAreaM2 } from './cell-regions.ts';

const shoelace = (r: number[][]) => r.slice(1).reduce((s, p, i) => s + r[i][0] * p[1] - p[0] * r[i][1], 0) / 2;

describe('cellRegions', () => {
  it('a lone cell is its square (area 1), not d3-contour’s diamond (area ½)', () => {
    const regions = cellRegions(3, 3, [0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(regions).toHaveLength(1);
    expect(regions[0].cellCount).toBe(1);
    const ring = regions[0].rings[0];
    expect(ring).toHaveLength(5);
    expect(new Set(ring.map((p) => p.join(',')))).toEqual(new Set(['1,1', '2,1', '2,2', '1,2']));
    // y-down coordinates: exterior negative (counter-clockwise once y points north).
    expect(shoelace(ring)).toBe(-1);
  });

  it('two cells touching at a corner are two regions (4-connectivity)', () => {
    expect(cellRegions(2, 2, [1, 0, 0, 1]).map((r) => r.cellCount)).toEqual([1, 1]);
  });

  it('nested: ring → covered hole → inner region; each hole goes to its own ring', () => {
    // 7 × 7: outer ring of width 1 (24 cells), an empty ring inside, a 3 × 3 block at the
    // centre with its middle cell empty (8 cells), and that middle cell empty: two regions,
    // each with exactly one hole.
    const rows = [
      '1111111',
      '1000001',
      '1011101',
      '1010101',
      '1011101',
      '1000001',
      '1111111',
    ];
    const mask = rows.join('').split('').map(Number);
    const out = new Int32Array(49);
    const regions = cellRegions(7, 7, mask, out);
    expect(regions.map((r) => [r.cellCount, r.rings.length]).sort()).toEqual([[24, 2], [8, 2]].sort());
    for (const r of regions) {
      // Net area = cells (exterior minus its hole).
      expect(-r.rings.reduce((s, ring) => s + shoelace(ring), 0)).toBe(r.cellCount);
    }
    // regionOfCell: each region's cells counted.
    for (const [k, r] of regions.entries()) expect(out.filter((v) => v === k).length).toBe(r.cellCount);
    expect(out.filter((v) => v === -1).length).toBe(49 - 32);
  });

  it('property: the polygons rasterize back to exactly the mask, area = cells, regionOfCell consistent', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 12 }), fc.array(fc.boolean(), { minLength: 168, maxLength: 168 }),
      (w, h, bits) => {
        const mask = Uint8Array.from(bits.slice(0, w * h), (b) => (b ? 1 : 0));
        const regionOfCell = new Int32Array(w * h);
        const regions = cellRegions(w, h, mask, regionOfCell);
        const grid: Grid = { width: w, height: h, originX: 600000, originY: 1110000, cellSizeM: 100, crs: 'EPSG:32648' };
        const back = new Uint8Array(w * h);
        const one = new Uint8Array(w * h);
        let total = 0;
        for (const [k, r] of regions.entries()) {
          const utm = cellRingsToUtm(grid, r.rings);
          expect(planarAreaM2(utm)).toBeCloseTo(r.cellCount * 1e4, 3);
          rasterizeRings(grid, flattenRings(utm), 0, h, one);
          for (let i = 0; i < w * h; i++) {
            if (one[i]) {
              expect(regionOfCell[i]).toBe(k);
              back[i] = 1;
            }
          }
          total += r.cellCount;
        }
        expect(Array.from(back)).toEqual(Array.from(mask));
        expect(total).toBe(mask.reduce((a, b) => a + b, 0));
      },
    ), { numRuns: 300 });
  });
});
