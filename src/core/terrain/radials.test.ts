/**
 * Radial layout of point-to-area runs. Sources: the layout rules (SPLAT!/Signal-Server style)
 * checked as invariants — neighbouring radials at most one cell apart at the radius; every
 * cell whose centre is within the radius listed exactly once, none beyond; each cell assigned
 * to the radial nearest in angle and the sample nearest in distance (hand-checked cells).
 */
import { describe, expect, it } from 'vitest';
import type { Grid } from '../grid/grid.ts';
import { radialLayout } from './radials.ts';

const grid: Grid = { width: 200, height: 150, originX: 0, originY: 15_000, cellSizeM: 100, crs: 'EPSG:32648' };

describe('radialLayout', () => {
  // Site at (10 020, 7 480), radius 5 km, spacing 100 m.
  const layout = radialLayout(grid, 10_020, 7480, 5000, 100);
  it('N = ⌈2π·5000/100⌉ = 315 radials (arc between radials at 5 km: 99.7 m ≤ one cell), 50 samples', () => {
    expect(layout.radialCount).toBe(315);
    expect((2 * Math.PI * 5000) / layout.radialCount).toBeLessThanOrEqual(100);
    expect(layout.samplesPerRadial).toBe(50);
  });
  it('lists each cell within the radius once and no other', () => {
    const seen = new Uint8Array(grid.width * grid.height);
    for (const i of layout.cellIndex) seen[i]++;
    let wrong = 0;
    for (let r = 0; r < grid.height; r++) {
      for (let c = 0; c < grid.width; c++) {
        const inside = Math.hypot((c + 0.5) * 100 - 10_020, 15_000 - (r + 0.5) * 100 - 7480) <= 5000;
        if (seen[r * grid.width + c] !== (inside ? 1 : 0)) wrong++;
      }
    }
    expect(wrong).toBe(0);
  });
  it('assigns the radial nearest in angle and the nearest sample (hand-checked cells)', () => {
    const find = (c: number, r: number) => {
      const target = r * grid.width + c;
      for (let j = 0; j < layout.radialCount; j++) {
        for (let i = layout.cellStart[j]; i < layout.cellStart[j + 1]; i++) if (layout.cellIndex[i] === target) return [j, layout.cellSample[i]];
      }
      return [-1, -1];
    };
    // Cell (130, 75): centre (13 050, 7 450), offset (3030, −30): angle −0.009900 rad → 315·(−0.0099)/2π = −0.496 → radial 0;
    // distance 3030.149 m → sample 30.
    expect(find(130, 75)).toEqual([0, 30]);
    // Cell (100, 45): centre (10 050, 10 450), offset (30, 2970): angle 1.560696 rad → ·315/2π = 78.24 → radial 78; 2970.15 m → 30.
    expect(find(100, 45)).toEqual([78, 30]);
    // The site's own cell (100, 75): offset (30, −30), 42 m → sample 0 is raised to 1.
    expect(find(100, 75)[1]).toBe(1);
  });
  it('maxSample is the farthest sample a radial needs', () => {
    for (let j = 0; j < layout.radialCount; j++) {
      let max = 0;
      for (let i = layout.cellStart[j]; i < layout.cellStart[j + 1]; i++) max = Math.max(max, layout.cellSample[i]);
      expect(layout.maxSample[j]).toBe(max);
    }
  });
});
