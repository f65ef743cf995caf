/**
 * People per cell and area reliability in the commune statistics (issue 11, acceptance 3):
 * - population covered = Σ people of the cells at or above each threshold, by hand on a 4 × 2 grid;
 * - area reliability = the mean location probability over an area's cells, checked against a
 *   Monte Carlo simulation of log-normal shadowing (independent per cell): the fraction of
 *   (cell, draw) pairs whose RSRP + σ·N(0,1) reaches the threshold converges to that mean.
 */
import { describe, expect, it } from 'vitest';
import { communeLayerStats } from './commune-stats.ts';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import type { Grid } from '../grid/grid.ts';
import { locationProbability } from '../linkbudget/probability.ts';

const grid: Grid = { width: 4, height: 2, originX: 600000, originY: 1100000, cellSizeM: 100, crs: 'EPSG:32648' };
const feature = (name: string): BoundaryFeature => ({ type: 'Feature', properties: { name, population: 1000 }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } });
const communes = [feature('A'), feature('B')];
// A = the left two columns, B = the right two; one cell outside every commune (label −1).
const labels = Int16Array.from([0, 0, 1, 1, 0, 0, 1, -1]);

describe('people per cell in the commune statistics', () => {
  it('population covered counts the people of the covered cells (hand sums)', () => {
    const rsrp = Float64Array.from([-95, -105, -115, NaN, -99, -125, -101, -90]);
    const people = Float32Array.from([100, 200, 300, 400, 50, 25, 10, 999]);
    const st = communeLayerStats(grid, labels, communes, rsrp, { thresholds: [-100, -110], peoplePerCell: people });
    const a = st.communes[0], b = st.communes[1];
    // A: cells 0 (−95, 100 p), 1 (−105, 200 p), 4 (−99, 50 p), 5 (−125, 25 p): ≥ −100 → 150; ≥ −110 → 350; population 375
    expect(a.population).toBe(375);
    expect(a.thresholds.map((x) => x.populationCovered)).toEqual([150, 350]);
    // B: cells 2 (−115, 300), 3 (NaN, 400), 6 (−101, 10): ≥ −100 → 0; ≥ −110 → 10; population 710 (cell 7 is in no commune)
    expect(b.population).toBe(710);
    expect(b.thresholds.map((x) => x.populationCovered)).toEqual([0, 10]);
    expect(st.province.population).toBe(1085);
    expect(st.province.thresholds.map((x) => x.populationCovered)).toEqual([150, 360]);
  });
});

describe('area reliability = mean location probability', () => {
  it('agrees with a Monte Carlo of log-normal shadowing within 3 standard errors', () => {
    // 8 cells, medians and σ chosen by hand; threshold −110 dBm.
    const median = [-120, -115, -110, -105, -100, -95, -130, -108];
    const sigma = [6, 8, 8, 6, 7, 9, 6, 8];
    const probPct = Float32Array.from(median, (m, i) => 100 * locationProbability(m, -110, sigma[i]));
    const allIn = Int16Array.from(median, () => 0);
    const st = communeLayerStats({ ...grid, width: 8, height: 1 }, allIn, [communes[0]], Float64Array.from(median), { meanLayers: { reliabilityPct: probPct } });
    const expected = st.communes[0].means.reliabilityPct!;
    // Monte Carlo: Box–Muller normals from a seeded LCG (deterministic).
    let seed = 12345;
    const uniform = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
    const draws = 200000;
    let hits = 0;
    for (let k = 0; k < draws; k++) {
      const i = k % median.length;
      const z = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
      if (median[i] + sigma[i] * z >= -110) hits++;
    }
    const mc = (100 * hits) / draws;
    const se = 100 * Math.sqrt((mc / 100) * (1 - mc / 100) / draws);
    expect(Math.abs(mc - expected)).toBeLessThan(3 * se);
    // and by hand: the mean of the eight Q values
    expect(expected).toBeCloseTo(probPct.reduce((a, b) => a + b, 0) / 8, 4);
  });
});
