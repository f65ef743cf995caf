import { describe, expect, it } from 'vitest';
import turfArea from '@turf/area';
import type { Grid } from '../grid/grid.ts';
import { cellCenterX, cellCenterY } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import { planarAreaM2 } from './cell-regions.ts';
import { coverageBands, DEFAULT_BAND_EDGES_DBM } from './bands.ts';

// 160 × 120 cells of 50 m; RSRP falls 1 dB per 100 m from (609000, 1109000): −70 dBm at the
// centre, so band edges −80, −90, … are circles of radius 1000, 2000, … m. A 20 × 20-cell block
// in the south-west corner has no service (NaN).
const grid: Grid = { width: 160, height: 120, originX: 605000, originY: 1112000, cellSizeM: 50, crs: 'EPSG:32648' };
const values = new Float64Array(grid.width * grid.height);
for (let row = 0; row < grid.height; row++) {
  for (let col = 0; col < grid.width; col++) {
    const d = Math.hypot(cellCenterX(grid, col) - 609000, cellCenterY(grid, row) - 1109000);
    values[row * grid.width + col] = col < 20 && row >= 100 ? NaN : -70 - d / 100;
  }
}
const cellKm2 = 0.0025;
const fc = coverageBands(grid, values, { layer: 'rsrp' });

/** Cells per band counted straight from the values (not through any polygon). */
function countCells(min: number, max: number | null): number {
  let c = 0;
  for (const v of values) if (v >= min && (max === null || v < max)) c++;
  return c;
}

describe('coverageBands', () => {
  it('one feature per band, highest first, with layer / min_dbm / max_dbm', () => {
    expect(fc.features.map((f) => [f.properties.layer, f.properties.min_dbm, f.properties.max_dbm])).toEqual([
      ['rsrp', -80, null], ['rsrp', -90, -80], ['rsrp', -100, -90], ['rsrp', -110, -100], ['rsrp', -120, -110],
    ]);
    expect(DEFAULT_BAND_EDGES_DBM).toEqual([-80, -90, -100, -110, -120]);
  });

  it('band cells and planar UTM area equal the grid’s cell counts', () => {
    for (const f of fc.features) {
      const cells = countCells(f.properties.min_dbm, f.properties.max_dbm);
      expect(f.properties.cells).toBe(cells);
      expect(f.properties.area_km2).toBeCloseTo(cells * cellKm2, 6);
    }
  });

  it('the output polygons, projected back to UTM, have that area within 1 %; geodesic (@turf/area) within 1 %', () => {
    for (const f of fc.features) {
      const expectedKm2 = countCells(f.properties.min_dbm, f.properties.max_dbm) * cellKm2;
      let planar = 0;
      for (const poly of f.geometry.coordinates) planar += planarAreaM2(poly.map((r) => r.map((p) => lonLatToUtm(p[0], p[1]))));
      expect(Math.abs(planar / 1e6 / expectedKm2 - 1)).toBeLessThan(0.01);
      expect(Math.abs(turfArea(f) / 1e6 / expectedKm2 - 1)).toBeLessThan(0.01);
    }
  });

  it('the top band is the 1 km disc: π km² within 2 % (raster of 50 m cells)', () => {
    expect(Math.abs(fc.features[0].properties.area_km2 / Math.PI - 1)).toBeLessThan(0.02);
  });

  it('is RFC 7946: exterior rings counter-clockwise, holes clockwise, closed, ≤ 6 decimals', () => {
    const lonLatShoelace = (r: number[][]) => r.slice(1).reduce((s, p, i) => s + r[i][0] * p[1] - p[0] * r[i][1], 0);
    let holes = 0;
    for (const f of fc.features) {
      for (const poly of f.geometry.coordinates) {
        expect(lonLatShoelace(poly[0])).toBeGreaterThan(0);
        for (const h of poly.slice(1)) {
          expect(lonLatShoelace(h)).toBeLessThan(0);
          holes++;
        }
        for (const r of poly) {
          expect(r[0]).toEqual(r[r.length - 1]);
          for (const p of r) for (const v of p) expect(Math.abs(v * 1e6 - Math.round(v * 1e6))).toBeLessThan(1e-6);
        }
      }
    }
    // The annuli −90…−80 and −100…−90 each have the disc inside them as a hole.
    expect(holes).toBeGreaterThanOrEqual(2);
  });

  it('takes its own edges in any order and rejects duplicates', () => {
    const two = coverageBands(grid, values, { layer: 'indoor', edges: [-100, -85] });
    expect(two.features.map((f) => [f.properties.min_dbm, f.properties.max_dbm])).toEqual([[-85, null], [-100, -85]]);
    expect(two.features[1].properties.cells).toBe(countCells(-100, -85));
    expect(() => coverageBands(grid, values, { layer: 'rsrp', edges: [-90, -90] })).toThrow(/distinct/);
  });
});
