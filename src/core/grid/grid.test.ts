import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellAt, cellCenterX, cellCenterY, gridBBox, gridForBBox } from './grid.ts';
import { flattenRings, rasterizeRings } from './rasterize.ts';
import { lonLatToUtm, utmToLonLat } from './projection.ts';

describe('gridForBBox', () => {
  it('snaps the origin to the cell size and covers the box', () => {
    // Hand check: bbox x 1030..2090, y 5010..5960 at 100 m → origin (1000, 6000), 11 × 10 cells.
    const g = gridForBBox([1030, 5010, 2090, 5960], 100);
    expect(g).toMatchObject({ originX: 1000, originY: 6000, width: 11, height: 10, cellSizeM: 100 });
    expect(gridBBox(g)).toEqual([1000, 5000, 2100, 6000]);
    expect(cellCenterX(g, 0)).toBe(1050);
    expect(cellCenterY(g, 0)).toBe(5950);
    expect(cellAt(g, 1050, 5950)).toEqual({ col: 0, row: 0 });
    expect(cellAt(g, 999, 5950)).toBeNull();
  });
  it('cellAt inverts the cell centres (round trip)', () => {
    const g = gridForBBox([0, 0, 5000, 4000], 50);
    fc.assert(fc.property(fc.integer({ min: 0, max: g.width - 1 }), fc.integer({ min: 0, max: g.height - 1 }), (col, row) => {
      expect(cellAt(g, cellCenterX(g, col), cellCenterY(g, row))).toEqual({ col, row });
    }));
  });
  it('rejects a zero cell size', () => {
    expect(() => gridForBBox([0, 0, 1, 1], 0)).toThrow(/cellSizeM/);
  });
});

describe('rasterizeRings', () => {
  const g = gridForBBox([0, 0, 1000, 1000], 10);
  const count = (m: Uint8Array) => m.reduce((a, v) => a + v, 0);
  it('a 400 m × 300 m rectangle covers exactly 40 × 30 cells (area / cell²)', () => {
    const mask = new Uint8Array(g.width * g.height);
    rasterizeRings(g, flattenRings([[[100, 100], [500, 100], [500, 400], [100, 400]]]), 0, g.height, mask);
    expect(count(mask)).toBe(1200);
  });
  it('a hole is excluded and two disjoint parts are both included (even–odd)', () => {
    const outer = [[0, 0], [1000, 0], [1000, 1000], [0, 1000]];
    const hole = [[200, 200], [400, 200], [400, 400], [200, 400]];
    const island = [[600, 600], [700, 600], [700, 700], [600, 700]];
    const mask = new Uint8Array(g.width * g.height);
    rasterizeRings(g, flattenRings([outer, hole, island]), 0, g.height, mask);
    // 10 000 cells − hole 400 − island 100 (an island inside the outer ring is a second hole by even–odd)
    expect(count(mask)).toBe(10000 - 400 - 100);
  });
  it('a right triangle of legs 600 m covers its area within one cell row (≈ 1800 cells)', () => {
    const mask = new Uint8Array(g.width * g.height);
    rasterizeRings(g, flattenRings([[[0, 0], [600, 0], [0, 600]]]), 0, g.height, mask);
    // area 180 000 m² = 1800 cells of 100 m²; the staircase error is at most half a cell per row (60 rows → ±30).
    expect(Math.abs(count(mask) - 1800)).toBeLessThanOrEqual(30);
  });
  it('tiles give the same mask as the whole grid', () => {
    const rings = flattenRings([[[13, 17], [873, 55], [640, 977], [90, 512]]]);
    const whole = new Uint8Array(g.width * g.height);
    rasterizeRings(g, rings, 0, g.height, whole);
    const parts = new Uint8Array(g.width * g.height);
    for (let r = 0; r < g.height; r += 7) {
      const end = Math.min(g.height, r + 7);
      const band = new Uint8Array((end - r) * g.width);
      rasterizeRings(g, rings, r, end, band);
      parts.set(band, r * g.width);
    }
    expect(parts).toEqual(whole);
  });
});

describe('UTM 48N projection', () => {
  it('puts the central meridian 105°E at the false easting 500 000 m', () => {
    const [x, y] = lonLatToUtm(105, 0);
    expect(x).toBeCloseTo(500000, 3);
    expect(y).toBeCloseTo(0, 3);
  });
  it('northing at 10°N on the central meridian = k0 × meridian arc (WGS 84)', () => {
    // Meridian arc from the equator to 10° on WGS 84 = 1 105 854.83 m (standard tables);
    // × k0 0.9996 = 1 105 412.49 m.
    const [, y] = lonLatToUtm(105, 10);
    expect(y).toBeCloseTo(1105412.49, 0);
  });
  it('round-trips over Vĩnh Long to under 1 mm', () => {
    fc.assert(fc.property(fc.double({ min: 105.6, max: 106.9, noNaN: true }), fc.double({ min: 9.5, max: 10.4, noNaN: true }), (lon, lat) => {
      const [x, y] = lonLatToUtm(lon, lat);
      const [lon2, lat2] = utmToLonLat(x, y);
      expect(Math.abs(lon2 - lon) * 111000).toBeLessThan(1e-3);
      expect(Math.abs(lat2 - lat) * 111000).toBeLessThan(1e-3);
    }));
  });
});
