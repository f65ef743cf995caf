import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_NEIGHBOUR_LOAD, dbmToMw, mwToDbm, sinr, sinrDbFromArrays, sinrDbFromTotal } from './sinr.ts';
import { InputError } from '../validity.ts';

describe('SINR — hand calculation', () => {
  // S = −90 dBm = 1e−9 mW; interferers −95 dBm = 3.162278e−10 mW and −100 dBm = 1e−10 mW;
  // N = −125 dBm = 3.162278e−13 mW; load 0.5:
  //   Σ load·I = 0.5·(3.162278e−10 + 1e−10) = 2.081139e−10 mW (−96.816989 dBm)
  //   SINR = 1e−9 / (2.081139e−10 + 3.162278e−13) = 1e−9 / 2.084301e−10 = 4.797772 → 6.810395 dB
  //   SNR = −90 − (−125) = 35 dB
  const r = sinr({ signalDbm: -90, interferersDbm: [-95, -100], noiseDbm: -125 });
  it('default load is 0.5 (spec §5: 50 %)', () => {
    expect(DEFAULT_NEIGHBOUR_LOAD).toBe(0.5);
  });
  it('SINR 6.810395 dB, SNR 35 dB, interference −96.816989 dBm', () => {
    expect(r.sinrDb).toBeCloseTo(6.810395, 5);
    expect(r.snrDb).toBe(35);
    expect(r.interferenceDbm).toBeCloseTo(-96.816989, 5);
  });
  it('full load (1.0): 1e−9 / (4.162278e−10 + 3.162278e−13) → 3.803391 dB; no load → SNR', () => {
    expect(sinr({ signalDbm: -90, interferersDbm: [-95, -100], noiseDbm: -125, load: 1 }).sinrDb).toBeCloseTo(3.803391, 5);
    expect(sinr({ signalDbm: -90, interferersDbm: [-95, -100], noiseDbm: -125, load: 0 }).sinrDb).toBeCloseTo(35, 9);
  });
  it('per-interferer loads: [1, 0] counts only the −95 dBm cell: 1e−9/(3.162278e−10 + 3.162278e−13) → 4.995659 dB', () => {
    // 1e−9 / 3.165440e−10 = 3.159119 → 10·log10 = 4.995659 dB.
    expect(sinr({ signalDbm: -90, interferersDbm: [-95, -100], noiseDbm: -125, load: [1, 0] }).sinrDb).toBeCloseTo(4.995659, 5);
  });
  it('no interferers: SINR = SNR and the interference is −Infinity dBm', () => {
    const s = sinr({ signalDbm: -100, interferersDbm: [], noiseDbm: -120 });
    expect(s.sinrDb).toBeCloseTo(20, 9);
    expect(s.interferenceDbm).toBe(-Infinity);
  });
  it('typed-array and running-sum forms agree with the hand value', () => {
    expect(sinrDbFromArrays(-90, new Float64Array([-95, -100, 0]), 2, -125, 0.5)).toBeCloseTo(6.810395, 5);
    const total = dbmToMw(-90) + dbmToMw(-95) + dbmToMw(-100);
    expect(sinrDbFromTotal(dbmToMw(-90), total, dbmToMw(-125), 0.5)).toBeCloseTo(6.810395, 5);
    expect(sinrDbFromTotal(1e-9, 1e-9 * (1 - 1e-16), 1e-12, 0.5)).toBeCloseTo(30, 9);
  });
  it('dBm ↔ mW: 0 dBm = 1 mW, −30 dBm = 1e−3 mW, 20 dBm = 100 mW', () => {
    expect(dbmToMw(0)).toBe(1);
    expect(dbmToMw(-30)).toBeCloseTo(1e-3, 15);
    expect(dbmToMw(20)).toBeCloseTo(100, 10);
    expect(mwToDbm(100)).toBeCloseTo(20, 12);
  });
});

describe('SINR — properties', () => {
  const dbm = fc.double({ min: -140, max: -40, noNaN: true });
  const interferers = fc.array(dbm, { maxLength: 8 });
  const load = fc.double({ min: 0, max: 1, noNaN: true });
  it('SINR ≤ SNR', () => {
    fc.assert(
      fc.property(dbm, interferers, dbm, load, (s, i, n, l) => {
        const r = sinr({ signalDbm: s, interferersDbm: i, noiseDbm: n, load: l });
        return r.sinrDb <= r.snrDb + 1e-9;
      }),
    );
  });
  it('SINR does not increase as the interferer load rises (strictly decreases with at least one interferer)', () => {
    fc.assert(
      fc.property(dbm, fc.array(dbm, { minLength: 1, maxLength: 8 }), dbm, load, load, (s, i, n, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const sLo = sinr({ signalDbm: s, interferersDbm: i, noiseDbm: n, load: lo }).sinrDb;
        const sHi = sinr({ signalDbm: s, interferersDbm: i, noiseDbm: n, load: hi }).sinrDb;
        return sHi <= sLo + 1e-9;
      }),
    );
    const at = (l: number) => sinr({ signalDbm: -90, interferersDbm: [-95], noiseDbm: -125, load: l }).sinrDb;
    expect(at(0.2)).toBeGreaterThan(at(0.5));
    expect(at(0.5)).toBeGreaterThan(at(0.9));
  });
  it('the typed-array form equals the checked form', () => {
    fc.assert(
      fc.property(dbm, interferers, dbm, load, (s, i, n, l) => {
        const a = sinrDbFromArrays(s, Float64Array.from(i), i.length, n, l);
        return Math.abs(a - sinr({ signalDbm: s, interferersDbm: i, noiseDbm: n, load: l }).sinrDb) < 1e-9;
      }),
    );
  });
});

describe('SINR — input checks', () => {
  it('rejects loads outside 0…1, mismatched load arrays and non-finite powers, naming the field', () => {
    const field = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof InputError ? e.field : 'other';
      }
      return undefined;
    };
    expect(field(() => sinr({ signalDbm: -90, interferersDbm: [-95], noiseDbm: -125, load: 1.5 }))).toBe('load');
    expect(field(() => sinr({ signalDbm: -90, interferersDbm: [-95], noiseDbm: -125, load: [0.5, 0.5] }))).toBe('load');
    expect(field(() => sinr({ signalDbm: -90, interferersDbm: [-95], noiseDbm: -125, load: [-0.1] }))).toBe('load[0]');
    expect(field(() => sinr({ signalDbm: -90, interferersDbm: [NaN], noiseDbm: -125 }))).toBe('interferersDbm[0]');
    expect(field(() => sinr({ signalDbm: Infinity, interferersDbm: [], noiseDbm: -125 }))).toBe('signalDbm');
  });
});
