import { describe, expect, it } from 'vitest';
import type { Grid } from '../grid/grid.ts';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import { communePopulations, dasymetricPopulation, peoplePerKm2 } from './population.ts';

// Expected values: hand calculations of the dasymetric formula people_i = P_k · w_i / Σ w
// (written out per case). The acceptance test on the real communes (Σ per commune = its
// population within 0.5 %, province 4 257 581) is tests/unit/ground-population.test.ts.

describe('dasymetricPopulation', () => {
  // 2 communes on 6 cells: labels [0, 0, 0, 1, 1, −1].
  const labels = Int16Array.from([0, 0, 0, 1, 1, -1]);

  it('weights share each commune’s population: 1000 × (1, 3, 0)/4 and 500 × (2, 2)/4', () => {
    const r = dasymetricPopulation(labels, [1000, 500], [1, 3, 0, 2, 2, 99]);
    expect(Array.from(r.peoplePerCell)).toEqual([250, 750, 0, 250, 250, 0]); // the cell outside gets 0 whatever its weight
    expect(r.total).toBe(1500);
    expect(r.communes.map((c) => c.method)).toEqual(['weighted', 'weighted']);
    expect(r.communes[0]).toMatchObject({ cells: 3, weightTotal: 4, placed: 1000 });
  });

  it('a commune whose weights are all 0 is spread uniformly: 500 / 2 cells', () => {
    const r = dasymetricPopulation(labels, [1000, 500], [1, 1, 2, 0, 0, 0]);
    expect(Array.from(r.peoplePerCell)).toEqual([250, 250, 500, 250, 250, 0]);
    expect(r.uniformCommunes).toEqual([1]);
  });

  it('excluded (water) cells take no people; uniform fallback over the open cells, or all if none is open', () => {
    // Commune 0: weights (1, 3, 0) but cell 1 is water → all the weight is on cell 0 → 1000 there.
    // Commune 1: both cells water → uniform over all its cells, 500/2 = 250 each.
    const r = dasymetricPopulation(labels, [1000, 500], [1, 3, 0, 2, 2, 0], Uint8Array.from([0, 1, 0, 1, 1, 0]));
    expect(Array.from(r.peoplePerCell)).toEqual([1000, 0, 0, 250, 250, 0]);
    expect(r.uniformCommunes).toEqual([1]);
    // Commune 0 with zero weights on its open cells: 1000 / 2 open cells.
    const u = dasymetricPopulation(labels, [1000, 500], [0, 3, 0, 2, 2, 0], Uint8Array.from([0, 1, 0, 0, 0, 0]));
    expect(Array.from(u.peoplePerCell)).toEqual([500, 0, 500, 250, 250, 0]);
  });

  it('NaN and negative weights count 0', () => {
    const r = dasymetricPopulation(labels, [900, 500], [NaN, -5, 3, 1, 1, 0]);
    expect(Array.from(r.peoplePerCell)).toEqual([0, 0, 900, 250, 250, 0]);
  });

  it('a commune without cells is reported and not placed', () => {
    const r = dasymetricPopulation(labels, [1000, 500, 77], [1, 1, 1, 1, 1, 1]);
    expect(r.unplacedCommunes).toEqual([2]);
    expect(r.communes[2].method).toBe('no-cells');
    expect(r.total).toBeCloseTo(1500, 3); // 1000/3 per cell, stored as Float32
  });

  it('rejects mismatched sizes and labels beyond the populations', () => {
    expect(() => dasymetricPopulation(labels, [1, 2], [1, 2])).toThrow(/weights has 2 cells, labels 6/);
    expect(() => dasymetricPopulation(labels, [1], [1, 1, 1, 1, 1, 1])).toThrow(/label 1 at cell 3 but only 1 populations/);
  });
});

describe('communePopulations / peoplePerKm2', () => {
  const f = (props: Record<string, unknown>): BoundaryFeature => ({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [] } });

  it('reads numbers and numeric strings; names file, feature and property on a bad value', () => {
    expect(communePopulations([f({ population: 51382 }), f({ population: '1200' })], 'c.geojson')).toEqual([51382, 1200]);
    expect(() => communePopulations([f({ population: 1 }), f({ name: 'An Bình', population: null })], 'c.geojson'))
      .toThrow('c.geojson, feature 2 (An Bình): property "population" must be a number ≥ 0, got null');
    expect(() => communePopulations([f({ dan_so: -3 })], 'c.geojson', 'dan_so')).toThrow(/feature 1: property "dan_so" must be a number ≥ 0, got -3/);
  });

  it('people per km²: 100 m cells hold 0.01 km², so 37 people → 3 700 /km²; 50 m → 14 800 /km²', () => {
    const g = (cellSizeM: number): Grid => ({ width: 1, height: 1, originX: 0, originY: 0, cellSizeM, crs: 'EPSG:32648' });
    expect(peoplePerKm2(g(100), [37])[0]).toBeCloseTo(3700, 3);
    expect(peoplePerKm2(g(50), [37])[0]).toBeCloseTo(14800, 2);
  });
});
