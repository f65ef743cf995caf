/**
 * DEM sampling and terrain profiles. Sources: hand calculations — bilinear interpolation is
 * exact on a plane z = a·x + b·y + c, so every sample of a profile over a planar DEM equals the
 * plane's value written out below; clutter placement per the module's rule (intermediate
 * samples only).
 */
import { describe, expect, it } from 'vitest';
import type { Grid } from '../grid/grid.ts';
import { InputError } from '../validity.ts';
import { demHeightAtM, gridValueNearest, type Dem } from './dem.ts';
import { itmPflOf, terrainProfile } from './profile.ts';

// 40 × 30 cells of 10 m, north-west corner (1000, 2000).
const grid: Grid = { width: 40, height: 30, originX: 1000, originY: 2000, cellSizeM: 10, crs: 'EPSG:32648' };
// Plane: z = 0.05·(x − 1000) − 0.02·(y − 1700) + 3 at each cell centre.
const plane = (x: number, y: number) => 0.05 * (x - 1000) - 0.02 * (y - 1700) + 3;
const heightsM = new Float32Array(40 * 30);
for (let r = 0; r < 30; r++) for (let c = 0; c < 40; c++) heightsM[r * 40 + c] = plane(1000 + (c + 0.5) * 10, 2000 - (r + 0.5) * 10);
const dem: Dem = { grid, heightsM };

describe('demHeightAtM — bilinear between cell centres', () => {
  it('is exact on a plane inside the grid', () => {
    // (1123.4, 1876.5): 0.05·123.4 − 0.02·176.5 + 3 = 6.17 − 3.53 + 3 = 5.64.
    expect(demHeightAtM(dem, 1123.4, 1876.5)).toBeCloseTo(5.64, 4);
    expect(demHeightAtM(dem, 1005, 1995)).toBeCloseTo(plane(1005, 1995), 4);
  });
  it('repeats the border outside the grid', () => {
    // West of the grid at the centre row of row 10: clamps to column 0 (x = 1005).
    expect(demHeightAtM(dem, 500, 2000 - 10.5 * 10)).toBeCloseTo(plane(1005, 1895), 4);
  });
  it('gridValueNearest takes the containing cell', () => {
    expect(gridValueNearest(grid, heightsM, 1019.9, 1990.1)).toBe(heightsM[1]);
  });
});

describe('terrainProfile', () => {
  it('samples the plane at a spacing ≤ the one asked, the last sample on the far end', () => {
    // From (1050, 1950) to (1350, 1750): length √(300² + 200²) = 360.555 m; at 25 m → 15 intervals of 24.037 m.
    const p = terrainProfile(dem, { xM: 1050, yM: 1950 }, { xM: 1350, yM: 1750 }, 25);
    expect(p.heightsM).toHaveLength(16);
    expect(p.distanceM).toBeCloseTo(360.555128, 5);
    expect(p.spacingM).toBeCloseTo(360.555128 / 15, 6);
    for (let i = 0; i < 16; i++) {
      const t = i / 15;
      expect(p.heightsM[i]).toBeCloseTo(plane(1050 + 300 * t, 1950 - 200 * t), 4);
    }
  });
  it('adds clutter to intermediate samples only', () => {
    const clutter = new Float32Array(40 * 30).fill(12);
    const p = terrainProfile(dem, { xM: 1050, yM: 1950 }, { xM: 1350, yM: 1750 }, 25, clutter);
    expect(p.clutterM[0]).toBe(0);
    expect(p.clutterM[15]).toBe(0);
    expect(p.clutterM[7]).toBe(12);
    expect(p.heightsM[7]).toBeCloseTo(p.groundM[7] + 12, 9);
    expect(p.heightsM[0]).toBe(p.groundM[0]);
  });
  it('ITM array form: [n, spacing, h0 … hn]', () => {
    const p = terrainProfile(dem, { xM: 1050, yM: 1950 }, { xM: 1150, yM: 1950 }, 50);
    const pfl = itmPflOf(p);
    expect(pfl[0]).toBe(2);
    expect(pfl[1]).toBe(50);
    expect(Array.from(pfl.subarray(2))).toEqual(Array.from(p.heightsM));
  });
  it('rejects coincident ends, a bad spacing and a clutter grid of the wrong size', () => {
    expect(() => terrainProfile(dem, { xM: 1050, yM: 1950 }, { xM: 1050, yM: 1950 }, 25)).toThrow(InputError);
    expect(() => terrainProfile(dem, { xM: 1050, yM: 1950 }, { xM: 1150, yM: 1950 }, 0)).toThrow(/spacingM/);
    expect(() => terrainProfile(dem, { xM: 1050, yM: 1950 }, { xM: 1150, yM: 1950 }, 10, new Float32Array(3))).toThrow(/clutterHeightsM/);
  });
});
