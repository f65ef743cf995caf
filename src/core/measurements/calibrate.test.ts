/**
 * Calibration fit rules on constructed samples whose answer is known by construction or by hand:
 * - three points x = log10(d) = −1, 0, 1 with e = 1, 2, 6: least squares by hand gives
 *   K2 = Σ(x − x̄)(e − ē) / Σ(x − x̄)² = (2 + 0 + 3) / 2 = 2.5 dB/decade, K1 = ē − K2 x̄ = 3 dB;
 *   residuals 0.5, −1, 0.5, so the slope's standard error is sqrt(1.5 / (3 − 2) / 2) = 0.866;
 * - noiseless e = K1 + K2 log10(d): the fit returns K1, K2 exactly and the held-out error is 0;
 * - bounded noise (±3 dB) plus three +40 dB points: exactly those three are outliers.
 * The synthetic acceptance test (Gudmundson shadowing) is synthetic.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CLASSES, type ErrorSample } from './associate.ts';
import { calibrate, calibrationCorrectionDb, calibrationTable, correctedPredictions } from './calibrate.ts';

interface Pt { d: number; e: number; cls?: number; sector?: number }
function sample(pts: Pt[]): ErrorSample {
  const n = pts.length;
  return {
    count: n,
    row: Int32Array.from({ length: n }, (_, i) => i + 2),
    measuredDbm: Float64Array.from(pts, (p) => -100 + p.e),
    predictedDbm: new Float64Array(n).fill(-100),
    used: new Uint8Array(n).fill(1),
    sector: Int32Array.from(pts, (p) => p.sector ?? 0),
    clutterClass: Uint8Array.from(pts, (p) => p.cls ?? 1),
    distanceKm: Float64Array.from(pts, (p) => p.d),
  };
}
/** Distances log-spaced from 0.1 to 10 km. */
const logD = (i: number, n: number) => 10 ** (-1 + (2 * i) / (n - 1));

describe('calibrate: the fit', () => {
  it('three points by hand: K1 = 3 dB, K2 = 2.5 dB/decade', () => {
    const r = calibrate(sample([{ d: 0.1, e: 1 }, { d: 1, e: 2 }, { d: 10, e: 6 }]), { name: 'hand', minPoints: 3 });
    const c = r.model.perClass[0];
    expect(c.offsetDb).toBeCloseTo(3, 12);
    expect(c.slopeDbPerDecade).toBeCloseTo(2.5, 12);
    expect(c.fitted).toBe(true);
    expect(c.nOutliers).toBe(0);
    expect(c.slopeStdErrorDbPerDecade).toBeCloseTo(Math.sqrt(0.75), 12);
    // Final-model corrections: 3 + 2.5 x = 0.5, 3, 5.5.
    expect(Array.from(r.correctionDb)).toEqual([0.5, 3, 5.5].map((v) => expect.closeTo(v, 12)));
    // With a 0.8 dB/decade limit on the slope's standard error, only the offset (ē = 3) is fitted.
    const strict = calibrate(sample([{ d: 0.1, e: 1 }, { d: 1, e: 2 }, { d: 10, e: 6 }]), { name: 'hand', minPoints: 3, maxSlopeStdErrorDbPerDecade: 0.8 }).model.perClass[0];
    expect([strict.slopeFitted, strict.slopeDbPerDecade, strict.offsetDb]).toEqual([false, 0, 3]);
    expect(strict.reason).toBe('slope standard error 0.87 dB/decade > 0.8: slope not fitted (offset only)');
  });
  it('noiseless per-class lines come back exactly, and the held-out error is 0', () => {
    const pts: Pt[] = [];
    for (let i = 0; i < 200; i++) pts.push({ d: logD(i, 200), e: 4 - 3 * Math.log10(logD(i, 200)), cls: 1 });
    for (let i = 0; i < 150; i++) pts.push({ d: logD(i, 150), e: -6 - 8 * Math.log10(logD(i, 150)), cls: 3 });
    const r = calibrate(sample(pts), { name: 'exact' });
    expect(r.model.perClass.map((c) => [c.className, c.nPoints])).toEqual([['open-rural', 200], ['urban', 150]]);
    const [rural, urban] = r.model.perClass;
    expect(rural.offsetDb).toBeCloseTo(4, 9);
    expect(rural.slopeDbPerDecade).toBeCloseTo(-3, 9);
    expect(urban.offsetDb).toBeCloseTo(-6, 9);
    expect(urban.slopeDbPerDecade).toBeCloseTo(-8, 9);
    expect(rural.rmseAfterDb).toBeLessThan(1e-9);
    expect(r.summary.rmseAfterDb).toBeLessThan(1e-9);
    // Before: RMS of 4 − 3x over x uniform in [−1, 1] ≈ sqrt(16 + 9/3) = 4.36 (discrete: slightly more).
    expect(rural.rmseBeforeDb).toBeGreaterThan(4.3);
    expect(rural.rmseBeforeDb).toBeLessThan(4.45);
  });
  it('clamps the distance at 10 m in the log term', () => {
    const model = { minDistanceKm: 0.01, referenceDistanceKm: 1 };
    const entry = { offsetDb: 3, slopeDbPerDecade: 2.5, fitted: true };
    expect(calibrationCorrectionDb(entry, 10, model)).toBeCloseTo(5.5, 12);
    expect(calibrationCorrectionDb(entry, 0.001, model)).toBeCloseTo(3 - 5, 12);
    expect(calibrationCorrectionDb({ ...entry, fitted: false }, 10, model)).toBe(0);
  });
});

describe('calibrate: what is reported and not fitted', () => {
  it('a class with fewer points than minPoints is not fitted, with its reason', () => {
    const pts: Pt[] = [];
    for (let i = 0; i < 100; i++) pts.push({ d: logD(i, 100), e: 2, cls: 1 });
    for (let i = 0; i < 10; i++) pts.push({ d: logD(i, 10), e: 7, cls: 4 });
    const r = calibrate(sample(pts), { name: 'few' });
    const trees = r.model.perClass.find((c) => c.className === 'trees-forest');
    expect(trees).toMatchObject({ fitted: false, nPoints: 10, offsetDb: 0, slopeDbPerDecade: 0, reason: 'too few points: 10 < 30' });
    // Its points keep their error: no correction, before = after = 7 dB.
    expect(trees?.rmseBeforeDb).toBeCloseTo(7, 12);
    expect(trees?.rmseAfterDb).toBeCloseTo(7, 12);
    expect(r.correctionDb[105]).toBe(0);
  });
  it('flags exactly the injected +40 dB points as outliers and fits without them', () => {
    const pts: Pt[] = [];
    for (let i = 0; i < 300; i++) pts.push({ d: logD(i, 300), e: 2 + 3 * Math.sin(i * 1.7) });
    for (const i of [50, 150, 250]) pts[i] = { ...pts[i], e: 40 };
    const r = calibrate(sample(pts), { name: 'outliers' });
    expect(Array.from(r.outlier).flatMap((o, i) => (o ? [i] : []))).toEqual([50, 150, 250]);
    const c = r.model.perClass[0];
    expect(c.nOutliers).toBe(3);
    expect(c.nPoints).toBe(297);
    // The mean of 3 sin(1.7 i) over the kept points is small: the offset stays near 2, not 2 + 3·38/300.
    expect(Math.abs(c.offsetDb - 2)).toBeLessThan(0.3);
    expect(r.summary).toMatchObject({ nPoints: 300, nUsed: 297, nOutliers: 3 });
    expect(r.fold[50]).toBe(255);
  });
  it('fits only the offset when distances barely vary (spread < 0.1 decade)', () => {
    const pts: Pt[] = [];
    for (let i = 0; i < 100; i++) pts.push({ d: 1 + 0.1 * (i / 99), e: -5 + (i % 2 ? 1 : -1) });
    const c = calibrate(sample(pts), { name: 'narrow' }).model.perClass[0];
    expect(c.fitted).toBe(true);
    expect(c.slopeFitted).toBe(false);
    expect(c.slopeDbPerDecade).toBe(0);
    expect(c.offsetDb).toBeCloseTo(-5, 12);
    expect(c.reason).toMatch(/^distance spread 0\.01\d decade < 0\.1: slope not fitted \(offset only\)$/);
  });
  it('fits only the offset when the slope is too uncertain (40 points, ±10 dB)', () => {
    const pts: Pt[] = [];
    for (let i = 0; i < 40; i++) pts.push({ d: logD(i, 40), e: 5 + 10 * Math.sin(i * 2.1) });
    const c = calibrate(sample(pts), { name: 'noisy' }).model.perClass[0];
    const mean = pts.reduce((s, p) => s + p.e, 0) / pts.length;
    expect(c.slopeFitted).toBe(false);
    expect(c.offsetDb).toBeCloseTo(mean, 12);
    expect(c.slopeStdErrorDbPerDecade).toBeGreaterThan(1);
    expect(c.reason).toMatch(/^slope standard error \d+\.\d+ dB\/decade > 1: slope not fitted \(offset only\)$/);
  });
});

describe('calibrate: folds, models, tables', () => {
  const pts: Pt[] = [];
  for (let i = 0; i < 400; i++) pts.push({ d: logD(i, 400), e: 1 + 2 * Math.log10(logD(i, 400)) + 4 * Math.sin(i * 2.3), sector: i % 4, cls: i % 2 ? 1 : 2 });
  const smp = sample(pts);
  it('folds are deterministic for a seed, balanced, and do not change the final model', () => {
    const a = calibrate(smp, { name: 'a', seed: 7 });
    const b = calibrate(smp, { name: 'a', seed: 7 });
    const c = calibrate(smp, { name: 'a', seed: 8 });
    expect(Array.from(a.fold)).toEqual(Array.from(b.fold));
    expect(Array.from(a.fold)).not.toEqual(Array.from(c.fold));
    expect(a.model.perClass.map((e) => e.offsetDb)).toEqual(c.model.perClass.map((e) => e.offsetDb));
    const sizes = [0, 1, 2, 3, 4].map((f) => Array.from(a.fold).filter((x) => x === f).length);
    expect(sizes).toEqual([80, 80, 80, 80, 80]);
  });
  it('groups by model when sectors use several', () => {
    const r = calibrate(smp, { name: 'm', modelIdOfSector: (s) => (s < 2 ? 'rma' : 'uma') });
    expect(r.model.perClass.map((e) => `${e.modelId}/${e.className}/${e.nPoints}`)).toEqual(['rma/open-rural/100', 'rma/suburban/100', 'uma/open-rural/100', 'uma/suburban/100']);
    // Each point's group index points at its entry.
    expect(r.model.perClass[r.group[0]]).toMatchObject({ modelId: 'rma', className: 'suburban' });
  });
  it('the table and correctedPredictions give the final model\'s correction', () => {
    const r = calibrate(smp, { name: 't' });
    const corrected = correctedPredictions(smp, r.model);
    for (let i = 0; i < smp.count; i++) expect(corrected[i] - smp.predictedDbm[i]).toBeCloseTo(r.correctionDb[i], 9);
    const t = calibrationTable(r.model);
    expect(t.modelIds).toEqual(['all']);
    expect(t.offsetDb[2]).toBeCloseTo(r.model.perClass[1].offsetDb, 12);
    expect(t.offsetDb[3]).toBe(0); // no entry for class 3: no correction
  });
  it('an ALL_CLASSES entry covers every class of its model in the table', () => {
    const one = sample(pts.map((p) => ({ ...p, cls: ALL_CLASSES })));
    const r = calibrate(one, { name: 'all' });
    expect(r.model.perClass.map((e) => e.className)).toEqual(['all']);
    const t = calibrationTable(r.model);
    for (const c of [0, 3, 5, 200]) expect(t.offsetDb[c]).toBe(r.model.perClass[0].offsetDb);
  });
});
