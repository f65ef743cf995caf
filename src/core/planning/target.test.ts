/**
 * Target areas and weights on a 4 × 3 grid of 100 m cells; expected masks and sums by hand.
 */
import { describe, expect, it } from 'vitest';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import type { Grid } from '../grid/grid.ts';
import { utmToLonLat } from '../grid/projection.ts';
import { targetMask, targetWeights } from './target.ts';

const grid: Grid = { width: 4, height: 3, originX: 600000, originY: 1100000, cellSizeM: 100, crs: 'EPSG:32648' };
const computed = Uint8Array.from([1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1]);
// Communes: 0 = xã (left half), 1 = phường (right half); the last cell of row 0 outside both.
const labels = Int16Array.from([0, 0, 1, -1, 0, 0, 1, 1, 0, 0, 1, 1]);
const feature = (type: string): BoundaryFeature => ({ type: 'Feature', properties: { type }, geometry: { type: 'Polygon', coordinates: [] } });
const communes = [feature('xa'), feature('phuong')];

describe('target areas', () => {
  it('province = the computed cells; wards = phường cells; communes by index; a polygon by cell centres', () => {
    expect([...targetMask(grid, computed, { kind: 'province' }, labels, communes)]).toEqual([...computed]);
    expect([...targetMask(grid, computed, { kind: 'wards' }, labels, communes)]).toEqual([0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1]);
    expect([...targetMask(grid, computed, { kind: 'communes', indices: [0] }, labels, communes)]).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0]);
    // A square over x 600 080–600 220, y 1 099 780–1 099 920: centres (600 150, 1 099 850) and (600 150, 1 099 750)? Only row 1 (y 1 099 850)… and col 1 (x 600 150).
    const ring = [[600080, 1099780], [600220, 1099780], [600220, 1099920], [600080, 1099920], [600080, 1099780]].map(([x, y]) => utmToLonLat(x, y));
    expect([...targetMask(grid, computed, { kind: 'polygon', name: 'p', rings: [ring] }, labels, communes)]).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('weights: people inside, land km² inside (water cells 0), totals; the goal picks the objective', () => {
    const mask = Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const people = Float32Array.from([5, 7, 100, 100, 100, 100, 100, 100, 100, 100, 100, 3]);
    const water = Uint8Array.from([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const w = targetWeights(grid, mask, people, water, 'area');
    expect(w.totalPopulation).toBe(15);
    expect(w.totalAreaKm2).toBeCloseTo(0.02, 12); // two land cells of 0.01 km²
    expect(w.objective).toBe(w.areaKm2);
    expect(targetWeights(grid, mask, people, water, 'population').objective[1]).toBe(7);
  });
});

describe('inside test by rings', () => {
  it('even–odd: inside the outer ring, not in its hole, not outside', async () => {
    const { insideRings } = await import('./target.ts');
    const inside = insideRings([[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]]);
    expect(inside(3, 3)).toBe(true);
    expect(inside(1.5, 1.5)).toBe(false);
    expect(inside(5, 1)).toBe(false);
  });
});
