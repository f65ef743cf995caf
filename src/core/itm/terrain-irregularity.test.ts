/**
 * ITM's terrain irregularity Δh on hand-made profiles. Sources: a hand calculation written out
 * below (ERL 79-ITS 67 eq. 3; Hufford, Algorithm `dlthx`), invariants of Δh (a linear trend is
 * removed by the fit; Δh scales with the heights) and a full sort for the selection helper.
 */
import { describe, expect, it } from 'vitest';
import { DecileHint, selectKth, terrainIrregularityM } from './terrain-irregularity.ts';

describe('terrainIrregularityM — hand calculation and invariants', () => {
  // 235 profile points 100 m apart (np = 234). From 0 to 23 400 m: x_end − x_start = 234 intervals,
  // p10 = ⌊(234 + 8)/10⌋ = 24, n = 10·24 − 5 = 235 samples, step 234/234 = 1: the samples are
  // the profile points. 30 points at +10 m placed symmetrically about the middle (index 117):
  // the least-squares line is flat at the mean m; residuals are 10 − m (30 of them) and −m.
  // The 24th largest is 10 − m, the 24th smallest −m: Δh(d) = 10 m.
  // Δh = 10/(1 − 0.8·exp(−23 400/50 000)) = 10/(1 − 0.8·0.626254) = 10/0.498997 = 20.040193 m.
  const h = new Float64Array(235);
  for (let i = 100; i < 115; i++) h[i] = 10;
  for (let i = 120; i < 135; i++) h[i] = 10;
  it('two symmetric blocks: Δh = 20.040193 m', () => {
    expect(terrainIrregularityM(h, 234, 100, 0, 23_400)).toBeCloseTo(20.040193, 6);
  });
  it('a linear trend added to the terrain changes nothing; scaling the heights scales Δh', () => {
    const tilted = h.map((v, i) => v + 0.37 * i - 12);
    const tripled = h.map((v) => 3 * v);
    expect(terrainIrregularityM(tilted, 234, 100, 0, 23_400)).toBeCloseTo(20.040193, 6);
    expect(terrainIrregularityM(tripled, 234, 100, 0, 23_400)).toBeCloseTo(3 * 20.040193, 5);
  });
  it('a straight slope has Δh = 0; fewer than 2 intervals give 0', () => {
    const ramp = Float64Array.from({ length: 101 }, (_, i) => 2 * i);
    expect(terrainIrregularityM(ramp, 100, 30, 0, 3000)).toBeCloseTo(0, 9);
    expect(terrainIrregularityM(ramp, 100, 30, 100, 150)).toBe(0);
  });
  it('the decile hint never changes the result (random terrains, hint from the previous one)', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const hint = new DecileHint();
    for (let t = 0; t < 60; t++) {
      // Smooth, rough, flat (equal deciles) and stepped terrains, one after the other.
      const kind = t % 4;
      const terrain = Float64Array.from({ length: 400 }, (_, i) =>
        kind === 2 ? 5 : kind === 3 ? (i % 50 < 25 ? 0 : 12) : 40 * Math.sin(i / (20 + t)) + (kind === 1 ? 15 : 1) * rand(),
      );
      const np = 150 + 6 * t;
      expect(terrainIrregularityM(terrain, np, 30, 300, np * 30 - 20, hint)).toBe(terrainIrregularityM(terrain, np, 30, 300, np * 30 - 20));
    }
  });
});

describe('selectKth — against a full sort', () => {
  it('returns the k-th smallest for every k', () => {
    const values = [5, -1, 3.5, 3.5, 9, 0, -7, 2, 2, 8];
    const sorted = [...values].sort((a, b) => a - b);
    for (let k = 0; k < values.length; k++) expect(selectKth(Float64Array.from(values), 0, values.length - 1, k)).toBe(sorted[k]);
  });
});
