import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bullingtonDiffractionDb, bullingtonLossDb } from './bullington.ts';
import { InputError } from '../validity.ts';

// Hand calculations follow P.526-15 §4.5.1 step by step (see bullington.ts), with
// k = 4/3 → ae = 4/3 · 6 371 000 = 8 494 666.667 m (2·ae = 16 989 333.33 m),
// λ = 299 792 458 / f, J(ν) = 6.9 + 20 log10(sqrt((ν − 0.1)² + 1) + ν − 0.1) for ν > −0.78,
// Lb = Luc + (1 − exp(−Luc/6)) · (10 + 0.02 · dKm). Tolerance 0.01 dB (closed form).

describe('bullingtonLossDb — one obstacle = the single knife edge (P.526 §4.5.1 case 2)', () => {
  // 10 km, 900 MHz, ground 0 m at both ends, Tx mast 20 m, Rx mast 10 m, one 40 m edge at 4 km.
  const r = bullingtonLossDb({ distancesM: [0, 4000, 10000], heightsM: [0, 40, 0], hTxM: 20, hRxM: 10, freqMHz: 900 });
  it('Bullington point = the edge; Luc = J(ν) of that edge; Lb adds the §4.5.1 correction', () => {
    // λ = 0.3331027 m. Bulge at 4 km: 4000 · 6000 / 16 989 333.33 = 1.4126511 m → edge 41.4126511 m.
    // hts = 20, hrs = 10. Stim = (41.4126511 − 20)/4000 = 0.0053531628; Str = (10 − 20)/10000 = −0.001
    // → Stim ≥ Str: trans-horizon. Srim = (41.4126511 − 10)/6000 = 0.0052354418.
    // dbp = (10 − 20 + 0.0052354418 · 10000)/(0.0053531628 + 0.0052354418) = 42.354418/0.0105886046 = 4000 m
    // (the two horizon rays meet at the edge, as they must for one obstacle).
    // Height above the Tx–Rx line: 20 + 0.0053531628 · 4000 − (20 · 6000 + 10 · 4000)/10000
    //   = 41.4126511 − 16 = 25.4126511 m.
    // 2d/(λ·d1·d2) = 20000/(0.3331027 · 4000 · 6000) = 0.00250173; sqrt = 0.05001730.
    // ν = 25.4126511 · 0.05001730 = 1.2710723 (= fresnelNu of that edge).
    // J: x = 1.1710723; sqrt(x² + 1) = 1.5399384; + x = 2.7110107; log10 = 0.4331312;
    //   × 20 = 8.662625; + 6.9 = 15.562625 dB = Luc.
    // Lb: exp(−15.562625/6) = 0.0747377; (1 − 0.0747377)(10 + 0.02·10) = 9.437676; Lb = 25.000300 dB.
    expect(r.transHorizon).toBe(true);
    expect(r.nu).toBeCloseTo(1.2710723, 5);
    expect(r.lucDb).toBeCloseTo(15.562625, 2);
    expect(r.lossDb).toBeCloseTo(25.0003, 2);
    expect(r.warnings).toEqual([]);
  });
  it('the allocation-free variant returns the same Lb (hand value above)', () => {
    const d = new Float64Array([0, 4000, 10000, 99, 99]);
    const h = new Float64Array([0, 40, 0, 99, 99]);
    expect(bullingtonDiffractionDb(d, h, 3, 20, 10, 900, 4 / 3)).toBeCloseTo(25.0003, 2);
  });
});

describe('bullingtonLossDb — line of sight (case 1) and sub-path clearance', () => {
  // 5 km, 1800 MHz, both masts 30 m on 0 m ground, one intermediate point at 2 km.
  // λ = 0.1665514 m. Bulge at 2 km: 2000 · 3000 / 16 989 333.33 = 0.3531628 m.
  // 2d/(λ·d1·d2) = 10000/(0.1665514 · 2000 · 3000) = 0.01000692; sqrt = 0.10003461.
  it('a point 5.15 m under the ray (inside the first Fresnel zone) still costs loss: ν < 0, J > 0', () => {
    // Point 24.5 m → 24.8531628 m with bulge. Stim = (24.8531628 − 30)/2000 = −0.0025734 < Str = 0 → LoS.
    // Height above the line: 24.8531628 − 30 = −5.1468372 m; ν = −5.1468372 · 0.10003461 = −0.5148618.
    // J: x = −0.6148618; x² + 1 = 1.3780551; sqrt = 1.1739059; + x = 0.5590441; log10 = −0.2525540;
    //   × 20 = −5.051079; + 6.9 = 1.848921 dB = Luc.
    // Lb: exp(−1.848921/6) = 0.7348025; (1 − 0.7348025)(10 + 0.02·5) = 2.678494; Lb = 4.527415 dB.
    const r = bullingtonLossDb({ distancesM: [0, 2000, 5000], heightsM: [0, 24.5, 0], hTxM: 30, hRxM: 30, freqMHz: 1800 });
    expect(r.transHorizon).toBe(false);
    expect(r.nu).toBeCloseTo(-0.5148618, 5);
    expect(r.lucDb).toBeCloseTo(1.848921, 2);
    expect(r.lossDb).toBeCloseTo(4.527415, 2);
  });
  it('no point near the ray (ν ≤ −0.78): 0 dB', () => {
    // Point 0 m → 0.3531628 m; height above line −29.6468372 m; ν = −29.6468372 · 0.10003461
    // = −2.9657097 ≤ −0.78 → Luc = 0, Lb = 0 + (1 − e⁰)(…) = 0.
    const r = bullingtonLossDb({ distancesM: [0, 2000, 5000], heightsM: [0, 0, 0], hTxM: 30, hRxM: 30, freqMHz: 1800 });
    expect(r.nu).toBeCloseTo(-2.9657097, 5);
    expect(r.lossDb).toBe(0);
  });
  it('two points: the one with the highest ν sets the loss (here the 24.5 m point)', () => {
    // Added point at 4 km, 10 m: bulge 4000·1000/16 989 333.33 = 0.2354419 m; above line −19.7645581 m;
    // 2d/(λ·d1·d2) = 10000/(0.1665514 · 4000 · 1000) = 0.01501038, sqrt 0.1225169; ν = −2.421 < −0.5149.
    const r = bullingtonLossDb({ distancesM: [0, 2000, 4000, 5000], heightsM: [0, 24.5, 10, 0], hTxM: 30, hRxM: 30, freqMHz: 1800 });
    expect(r.nu).toBeCloseTo(-0.5148618, 5);
    expect(r.lossDb).toBeCloseTo(4.527415, 2);
  });
});

describe('bullingtonLossDb — earth bulge on a flat sea-level profile (k = 4/3)', () => {
  const profile = (lengthM: number): { distancesM: number[]; heightsM: number[] } => {
    const distancesM: number[] = [];
    for (let x = 0; x <= lengthM; x += 1000) distancesM.push(x);
    return { distancesM, heightsM: distancesM.map(() => 0) };
  };
  it('20 km, 10 m masts, 900 MHz: within line of sight but the bulge fills the Fresnel zone', () => {
    // Bulge at di: di·(20000 − di)/16 989 333.33; largest ν at mid-path (symmetric profile; ν at 9 km
    // and 11 km = −0.14533 < ν at 10 km). Bulge at 10 km = 1e8/16 989 333.33 = 5.8860461 m.
    // Stim = max (bulge − 10)/di < 0 = Str → LoS. Height above the line: 5.8860461 − 10 = −4.1139539 m.
    // λ = 0.3331027 m; 2d/(λ·d1·d2) = 40000/(0.3331027 · 1e8) = 0.00120083; sqrt = 0.03465300.
    // ν = −4.1139539 · 0.03465300 = −0.1425609.
    // J: x = −0.2425609; x² + 1 = 1.0588358; sqrt = 1.0289975; + x = 0.7864366; log10 = −0.1043363;
    //   × 20 = −2.086726; + 6.9 = 4.813274 dB.
    // Lb: exp(−4.813274/6) = 0.4483360; (1 − 0.4483360)(10 + 0.4) = 5.737306; Lb = 10.550580 dB.
    const r = bullingtonLossDb({ ...profile(20000), hTxM: 10, hRxM: 10, freqMHz: 900 });
    expect(r.transHorizon).toBe(false);
    expect(r.nu).toBeCloseTo(-0.1425609, 5);
    expect(r.lossDb).toBeCloseTo(10.55058, 2);
  });
  it('40 km, 10 m masts, 900 MHz: beyond the radio horizon (2 × 13.03 km), trans-horizon case', () => {
    // Stim_i = (bulge_i − 10)/di = (40000 − di)/16 989 333.33 − 10/di (concave in di, peak at
    // sqrt(2·ae·10) = 13 034 m): 12 km → 0.00081476, 13 km → 0.00082000, 14 km → 0.00081609.
    // Stim = 0.00082000 > Str = 0 → trans-horizon. By symmetry Srim = 0.00082000 (at 27 km).
    // dbp = (10 − 10 + 0.00082000 · 40000)/(2 · 0.00082000) = 20000 m.
    // Height above the line: 10 + 0.0008200017 · 20000 − 10 = 16.4000338 m.
    // 2d/(λ·dbp·(d − dbp)) = 80000/(0.3331027 · 4e8) = 0.00060042; sqrt = 0.02450337.
    // ν = 16.4000338 · 0.02450337 = 0.4018562.
    // J: x = 0.3018562; x² + 1 = 1.0911171; sqrt = 1.0445655; + x = 1.3464217; log10 = 0.1291811;
    //   × 20 = 2.583622; + 6.9 = 9.483622 dB.
    // Lb: exp(−9.483622/6) = 0.2058508; (1 − 0.2058508)(10 + 0.8) = 8.576811; Lb = 18.060434 dB.
    const r = bullingtonLossDb({ ...profile(40000), hTxM: 10, hRxM: 10, freqMHz: 900 });
    expect(r.transHorizon).toBe(true);
    expect(r.nu).toBeCloseTo(0.4018562, 5);
    expect(r.lucDb).toBeCloseTo(9.483622, 2);
    expect(r.lossDb).toBeCloseTo(18.060434, 2);
  });
  it('a flatter Earth (larger k) lowers the loss of the same path', () => {
    const base = { ...profile(40000), hTxM: 10, hRxM: 10, freqMHz: 900 };
    expect(bullingtonLossDb({ ...base, k: 4 }).lossDb).toBeLessThan(bullingtonLossDb(base).lossDb);
  });
});

describe('bullingtonLossDb — inputs', () => {
  it('a two-point profile has no obstacle: 0 dB and a warning', () => {
    const r = bullingtonLossDb({ distancesM: [0, 1000], heightsM: [5, 5], hTxM: 10, hRxM: 1.5, freqMHz: 900 });
    expect(r.lossDb).toBe(0);
    expect(r.warnings.join()).toMatch(/no intermediate points/);
  });
  it('rejects malformed profiles and heights, naming the field', () => {
    const ok = { distancesM: [0, 500, 1000], heightsM: [0, 0, 0], hTxM: 10, hRxM: 1.5, freqMHz: 900 };
    const fieldOf = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof InputError ? e.field : 'not an InputError';
      }
      return undefined;
    };
    expect(fieldOf(() => bullingtonLossDb({ ...ok, heightsM: [0, 0] }))).toBe('heightsM');
    expect(fieldOf(() => bullingtonLossDb({ ...ok, distancesM: [0], heightsM: [0] }))).toBe('distancesM');
    expect(fieldOf(() => bullingtonLossDb({ ...ok, distancesM: [0, 500, 500] }))).toBe('distancesM');
    expect(fieldOf(() => bullingtonLossDb({ ...ok, distancesM: [0, Infinity, 1000] }))).toBe('distancesM');
    expect(fieldOf(() => bullingtonLossDb({ ...ok, heightsM: [0, NaN, 0] }))).toBe('heightsM');
    expect(fieldOf(() => bullingtonLossDb({ ...ok, hTxM: -1 }))).toBe('hTxM');
    expect(fieldOf(() => bullingtonLossDb({ ...ok, hRxM: NaN }))).toBe('hRxM');
    expect(fieldOf(() => bullingtonLossDb({ ...ok, freqMHz: 0 }))).toBe('freqMHz');
    expect(fieldOf(() => bullingtonLossDb({ ...ok, k: 0 }))).toBe('k');
  });
  it('accepts terrain below sea level (negative heights)', () => {
    const r = bullingtonLossDb({ distancesM: [0, 500, 1000], heightsM: [-2, -2, -2], hTxM: 30, hRxM: 1.5, freqMHz: 900 });
    expect(Number.isFinite(r.lossDb)).toBe(true);
  });
});

describe('bullingtonLossDb — properties', () => {
  it('raising one terrain point never lowers the loss', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 80, noNaN: true }), { minLength: 3, maxLength: 12 }),
        fc.nat(),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 1, max: 60, noNaN: true }),
        fc.double({ min: 1, max: 60, noNaN: true }),
        (heights, pick, raiseM, hTxM, hRxM) => {
          const distancesM = heights.map((_, i) => i * 700);
          const i = 1 + (pick % (heights.length - 2));
          const raised = heights.slice();
          raised[i] += raiseM;
          const before = bullingtonLossDb({ distancesM, heightsM: heights, hTxM, hRxM, freqMHz: 1800 }).lossDb;
          const after = bullingtonLossDb({ distancesM, heightsM: raised, hTxM, hRxM, freqMHz: 1800 }).lossDb;
          expect(after).toBeGreaterThanOrEqual(before - 1e-9);
        },
      ),
    );
  });
});
