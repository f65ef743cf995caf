/**
 * Error statistics on a four-point sample worked out by hand (below), and invariants on random
 * samples (RMSE² = ē² + (n − 1) s² / n; a constant shift of the prediction shifts the mean error
 * and leaves s and r unchanged).
 *
 * Hand sample: measured m = −80, −90, −100, −110; predicted p = −82, −88, −105, −106 dBm;
 * e = m − p = 2, −2, 5, −4 dB.
 * ē = 1/4 = 0.25; Σ(e − ē)² = 1.75² + 2.25² + 4.75² + 4.25² = 48.75, s = sqrt(48.75 / 3) = 4.0311;
 * RMSE = sqrt((4 + 4 + 25 + 16) / 4) = 3.5.
 * m̄ = −95, p̄ = −95.25; Σ(m − m̄)(p − p̄) = 15·13.25 + 5·7.25 + 5·9.75 + 15·10.75 = 445;
 * Σ(m − m̄)² = 500; Σ(p − p̄)² = 438.75; r = 445 / sqrt(500 · 438.75) = 0.95009.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALL_CLASSES, type ErrorSample } from './associate.ts';
import { errorStatistics, scatterDensity } from './stats.ts';

function sample(m: number[], p: number[], extra: Partial<Record<'sector' | 'clutterClass' | 'distanceKm' | 'used', number[]>> = {}): ErrorSample {
  const n = m.length;
  return {
    count: n,
    row: Int32Array.from({ length: n }, (_, i) => i + 2),
    measuredDbm: Float64Array.from(m),
    predictedDbm: Float64Array.from(p),
    used: Uint8Array.from(extra.used ?? m.map(() => 1)),
    sector: Int32Array.from(extra.sector ?? m.map(() => 0)),
    clutterClass: Uint8Array.from(extra.clutterClass ?? m.map(() => ALL_CLASSES)),
    distanceKm: Float64Array.from(extra.distanceKm ?? m.map(() => 1)),
  };
}

// The hand sample plus a fifth point that is not used (its 50 dB error must not count).
const hand = sample([-80, -90, -100, -110, -60], [-82, -88, -105, -106, -110], {
  sector: [2, 2, 5, 5, 5],
  clutterClass: [1, 3, 1, 3, 1],
  distanceKm: [0.15, 0.9, 1.2, 5, 1],
  used: [1, 1, 1, 1, 0],
});

describe('errorStatistics', () => {
  const s = errorStatistics(hand, { classNames: ['water-sea', 'open-rural', 'suburban', 'urban'], sectorLabel: (k) => `S${k}` });
  it('overall: mean, standard deviation, RMSE, correlation as worked out by hand', () => {
    expect(s.overall.n).toBe(4);
    expect(s.overall.meanErrorDb).toBeCloseTo(0.25, 12);
    expect(s.overall.stdErrorDb).toBeCloseTo(Math.sqrt(48.75 / 3), 12);
    expect(s.overall.rmseDb).toBeCloseTo(3.5, 12);
    expect(s.overall.correlation).toBeCloseTo(445 / Math.sqrt(500 * 438.75), 12);
    expect(s.overall.meanMeasuredDbm).toBeCloseTo(-95, 12);
    expect(s.overall.meanPredictedDbm).toBeCloseTo(-95.25, 12);
  });
  it('per sector and per class', () => {
    // Sector 2: e = 2, −2 → ē 0, s = sqrt(8) = 2.828, RMSE 2. Sector 5: e = 5, −4 → ē 0.5, s = sqrt(40.5), RMSE sqrt(20.5).
    expect(s.perSector.map((g) => [g.key, g.label, g.n])).toEqual([[2, 'S2', 2], [5, 'S5', 2]]);
    expect(s.perSector[0].meanErrorDb).toBeCloseTo(0, 12);
    expect(s.perSector[0].stdErrorDb).toBeCloseTo(Math.sqrt(8), 12);
    expect(s.perSector[0].rmseDb).toBeCloseTo(2, 12);
    expect(s.perSector[1].meanErrorDb).toBeCloseTo(0.5, 12);
    expect(s.perSector[1].stdErrorDb).toBeCloseTo(Math.sqrt(40.5), 12);
    expect(s.perSector[1].rmseDb).toBeCloseTo(Math.sqrt(20.5), 12);
    // Class 1 (open-rural): e = 2, 5; class 3 (urban): e = −2, −4.
    expect(s.perClass.map((g) => [g.key, g.label, g.n, g.meanErrorDb])).toEqual([[1, 'open-rural', 2, 3.5], [3, 'urban', 2, -3]]);
  });
  it('per log-spaced distance bin (4 per decade)', () => {
    // log10 d · 4 = −3.30, −0.18, 0.32, 2.80 → bins −4, −1, 0, 2: [0.1, 0.178), [0.562, 1), [1, 1.778), [3.162, 5.623) km.
    expect(s.perDistanceBin.map((b) => [b.n, b.meanErrorDb])).toEqual([[1, 2], [1, -2], [1, 5], [1, -4]]);
    const edges = s.perDistanceBin.map((b) => [b.minKm, b.maxKm]);
    const expected = [[0.1, 0.17783], [0.56234, 1], [1, 1.77828], [3.16228, 5.62341]];
    edges.forEach((e, i) => {
      expect(e[0]).toBeCloseTo(expected[i][0], 4);
      expect(e[1]).toBeCloseTo(expected[i][1], 4);
    });
  });
  it('histogram of the error', () => {
    expect(s.histogram.counts.length).toBe(80);
    // e = 2 → bin 42 ([2, 3)), −2 → 38, 5 → 45, −4 → 36.
    expect(s.histogram.counts.flatMap((c, k) => (c ? [k] : []))).toEqual([36, 38, 42, 45]);
    const h = errorStatistics(hand, { histogram: { minDb: -5, maxDb: 5, binWidthDb: 2.5 } }).histogram;
    expect([h.counts, h.below, h.above]).toEqual([[1, 1, 1, 0], 0, 1]);
  });
  it('uses corrected predictions when given', () => {
    const shifted = Float64Array.from(hand.predictedDbm, (v) => v + 0.25);
    const t = errorStatistics(hand, { predictedDbm: shifted });
    expect(t.overall.meanErrorDb).toBeCloseTo(0, 12);
    expect(t.overall.rmseDb).toBeCloseTo(Math.sqrt(48.75 / 4), 12);
  });
});

describe('invariants on random samples', () => {
  it('RMSE² = ē² + (n − 1) s² / n; a shift c of the prediction moves ē by −c only', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -140, max: -40, noNaN: true }), fc.double({ min: -140, max: -40, noNaN: true })), { minLength: 3, maxLength: 60 }), fc.double({ min: -20, max: 20, noNaN: true }), (pairs, c) => {
        const smp = sample(pairs.map((x) => x[0]), pairs.map((x) => x[1]));
        const a = errorStatistics(smp).overall;
        const n = a.n;
        expect(a.rmseDb ** 2).toBeCloseTo(a.meanErrorDb ** 2 + ((n - 1) * a.stdErrorDb ** 2) / n, 6);
        const b = errorStatistics(smp, { predictedDbm: Float64Array.from(smp.predictedDbm, (v) => v + c) }).overall;
        expect(b.meanErrorDb).toBeCloseTo(a.meanErrorDb - c, 6);
        expect(b.stdErrorDb).toBeCloseTo(a.stdErrorDb, 6);
        if (Number.isFinite(a.correlation)) expect(b.correlation).toBeCloseTo(a.correlation, 6);
      }),
      { numRuns: 200 },
    );
  });
});

describe('scatterDensity', () => {
  it('counts used points in 1 dB cells of predicted (x) × measured (y)', () => {
    const d = scatterDensity(hand);
    expect(d.size).toBe(100);
    // (p, m) = (−82, −80) → ix = 58, iy = 60.
    expect(d.counts[60 * 100 + 58]).toBe(1);
    expect(d.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(d.outside).toBe(0);
  });
});
