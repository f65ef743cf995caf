import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distribution } from './distribution.ts';

describe('distribution', () => {
  it('counts a hand-made area: bins, clamping, no service, CDF', () => {
    // labels: cells 0–5 in commune 0, 6–7 in commune 1, 8 outside
    const labels = Int16Array.from([0, 0, 0, 0, 0, 0, 1, 1, -1]);
    const values = [-150, -105, -101, -100, NaN, -30, -99, NaN, -100];
    const bins = { min: -110, max: -90, step: 10 }; // [−110, −100), [−100, −90)
    const c0 = distribution(values, labels, 0, bins);
    // −150 clamps into bin 0, −105 and −101 in bin 0; −100 in bin 1; −30 clamps into bin 1
    expect(Array.from(c0.counts)).toEqual([3, 2]);
    expect([c0.noService, c0.cells]).toEqual([1, 6]);
    expect(Array.from(c0.cdf)).toEqual([4 / 6, 1]);
    const prov = distribution(values, labels, -1, bins);
    expect(Array.from(prov.counts)).toEqual([3, 3]);
    expect([prov.noService, prov.cells]).toEqual([2, 8]);
  });
  it('invariants: counts + no service = cells; the CDF rises to 1', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.double({ min: -200, max: 0, noNaN: true }), fc.constant(NaN)), { minLength: 1, maxLength: 200 }), (vals) => {
      const labels = new Int16Array(vals.length).fill(0);
      const d = distribution(vals, labels, -1, { min: -140, max: -40, step: 2 });
      const sum = d.counts.reduce((a, b) => a + b, 0);
      expect(sum + d.noService).toBe(vals.length);
      for (let k = 1; k < d.cdf.length; k++) expect(d.cdf[k]).toBeGreaterThanOrEqual(d.cdf[k - 1]);
      expect(d.cdf[d.cdf.length - 1]).toBeCloseTo(1, 12);
    }));
  });
});
