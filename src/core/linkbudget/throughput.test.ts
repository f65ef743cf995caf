import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  lteThroughputBps,
  NR_OVERHEAD,
  NR_R_MAX,
  NR_SHANNON_DOWNLINK,
  nrAggregatePeakDataRateBps,
  nrPeakDataRateBps,
  nrThroughputBps,
  sinrMaxDb,
  spectralEfficiencyBpsHz,
  TR36942_LTE_DOWNLINK,
  TR36942_LTE_UPLINK,
} from './throughput.ts';
import { InputError } from '../validity.ts';

describe('attenuated Shannon, TR 36.942 Annex A.2', () => {
  it('Table A.2 parameters: DL α 0.6, SINR_MIN −10 dB, Thr_MAX 4.4 bit/s/Hz; UL α 0.4, −10 dB, 2.0 bit/s/Hz', () => {
    expect(TR36942_LTE_DOWNLINK).toEqual({ alpha: 0.6, sinrMinDb: -10, maxSpectralEfficiencyBpsHz: 4.4 });
    expect(TR36942_LTE_UPLINK).toEqual({ alpha: 0.4, sinrMinDb: -10, maxSpectralEfficiencyBpsHz: 2.0 });
  });
  it('SINR_MAX where α·log2(1 + SINR) reaches the cap: DL 2^(4.4/0.6) − 1 = 160.269894 → 22.048520 dB; UL 2^5 − 1 = 31 → 14.913617 dB', () => {
    expect(sinrMaxDb(TR36942_LTE_DOWNLINK)).toBeCloseTo(22.04852, 5);
    expect(sinrMaxDb(TR36942_LTE_UPLINK)).toBeCloseTo(14.913617, 5);
  });
  it('10 dB: 0.6·log2(11) = 0.6·3.459432 = 2.075659 bit/s/Hz; 10 MHz LTE (9 MHz) → 18.680931 Mbit/s', () => {
    expect(spectralEfficiencyBpsHz(10)).toBeCloseTo(2.075659, 6);
    expect(lteThroughputBps(10, 50)).toBeCloseTo(18680930.74, 1);
  });
  it('at SINR_MIN = −10 dB exactly: 0.6·log2(1.1) = 0.082502 bit/s/Hz; just below: 0', () => {
    expect(spectralEfficiencyBpsHz(-10)).toBeCloseTo(0.082502, 6);
    expect(spectralEfficiencyBpsHz(-10.001)).toBe(0);
  });
  it('capped at 4.4 bit/s/Hz above 22.05 dB: 20 MHz LTE (100 RB = 18 MHz) at 25 dB → 4.4 · 18e6 = 79.2 Mbit/s', () => {
    expect(spectralEfficiencyBpsHz(25)).toBe(4.4);
    expect(lteThroughputBps(25, 100)).toBeCloseTo(79.2e6, 3);
  });
  it('uplink: 10 dB → 0.4·log2(11) = 1.383773 bit/s/Hz; 20 dB → capped at 2.0', () => {
    expect(spectralEfficiencyBpsHz(10, TR36942_LTE_UPLINK)).toBeCloseTo(1.383773, 6);
    expect(spectralEfficiencyBpsHz(20, TR36942_LTE_UPLINK)).toBe(2);
  });
  it('property: throughput is non-decreasing in SINR', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 40, noNaN: true }), fc.double({ min: -30, max: 40, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return (
          spectralEfficiencyBpsHz(lo) <= spectralEfficiencyBpsHz(hi) &&
          spectralEfficiencyBpsHz(lo, TR36942_LTE_UPLINK) <= spectralEfficiencyBpsHz(hi, TR36942_LTE_UPLINK) &&
          nrThroughputBps(lo, 273, 30, 2.337e9) <= nrThroughputBps(hi, 273, 30, 2.337e9)
        );
      }),
    );
  });
  it('property: 0 ≤ SE ≤ cap', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 60, noNaN: true }), (s) => {
        const se = spectralEfficiencyBpsHz(s);
        return se >= 0 && se <= 4.4;
      }),
    );
  });
});

describe('NR peak data rate, TS 38.306 §4.1.2', () => {
  it('constants: R_max = 948/1024 = 0.92578125; OH 0.14 / 0.18 DL, 0.08 / 0.10 UL (FR1 / FR2)', () => {
    expect(NR_R_MAX).toBe(0.92578125);
    expect(NR_OVERHEAD).toEqual({ FR1: { DL: 0.14, UL: 0.08 }, FR2: { DL: 0.18, UL: 0.1 } });
  });
  it('100 MHz, 30 kHz (μ = 1), 273 PRB, 4 layers, 256QAM, f = 1, FR1 DL → 2337.000120 Mbit/s', () => {
    // T_s = 1e−3 / (14 · 2¹) = 35.714286 µs → 28 000 symbols/s.
    // N_PRB · 12 = 3276 subcarriers; 3276 · 28 000 = 91 728 000 RE/s.
    // · (1 − 0.14) = 78 886 080; · 948/1024 = 73 031 253.75; · v·Qm·f = 4·8·1 = 32 → 2 337 000 120 bit/s.
    expect(nrPeakDataRateBps({ layers: 4, modulationOrder: 8, nPrb: 273, scsKHz: 30 })).toBeCloseTo(2337000120, 0);
  });
  it('same carrier, UL FR1 (OH 0.08), 1 layer 256QAM: 91 728 000 · 0.92 · 0.92578125 · 8 = 625.011660 Mbit/s', () => {
    expect(nrPeakDataRateBps({ layers: 1, modulationOrder: 8, nPrb: 273, scsKHz: 30, direction: 'UL' })).toBeCloseTo(625011660, 0);
  });
  it('20 MHz, 15 kHz (μ = 0), 106 PRB, 2 layers, 64QAM: 1272 · 14 000 = 17 808 000; · 0.86 = 15 314 880; · R_max = 14 178 228.75; · 12 = 170.138745 Mbit/s', () => {
    expect(nrPeakDataRateBps({ layers: 2, modulationOrder: 6, nPrb: 106, scsKHz: 15 })).toBeCloseTo(170138745, 0);
  });
  it('scaling factor 0.75 scales linearly, carriers add up', () => {
    const one = { layers: 2, modulationOrder: 6, nPrb: 106, scsKHz: 15 };
    expect(nrPeakDataRateBps({ ...one, scalingFactor: 0.75 })).toBeCloseTo(0.75 * 170138745, 0);
    expect(nrAggregatePeakDataRateBps([one, { layers: 4, modulationOrder: 8, nPrb: 273, scsKHz: 30 }])).toBeCloseTo(170138745 + 2337000120, 0);
  });
  it('rejects undefined layers, modulation order, scaling factor and overhead, naming the field', () => {
    const field = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof InputError ? e.field : 'other';
      }
      return undefined;
    };
    const c = { layers: 4, modulationOrder: 8, nPrb: 273, scsKHz: 30 };
    expect(field(() => nrPeakDataRateBps({ ...c, layers: 9 }))).toBe('layers');
    expect(field(() => nrPeakDataRateBps({ ...c, layers: 1.5 }))).toBe('layers');
    expect(field(() => nrPeakDataRateBps({ ...c, modulationOrder: 5 }))).toBe('modulationOrder');
    expect(field(() => nrPeakDataRateBps({ ...c, scalingFactor: 0.5 }))).toBe('scalingFactor');
    expect(field(() => nrPeakDataRateBps({ ...c, overhead: 1 }))).toBe('overhead');
    expect(field(() => nrPeakDataRateBps({ ...c, scsKHz: 45 }))).toBe('scsKHz');
  });
});

describe('NR throughput: Shannon capped by the 38.306 peak rate', () => {
  it('30 dB on 273 PRB at 30 kHz (98.28 MHz): 0.6·log2(1001) = 5.980336 bit/s/Hz → 587.747398 Mbit/s, below the 4-layer peak', () => {
    expect(NR_SHANNON_DOWNLINK.maxSpectralEfficiencyBpsHz).toBe(Infinity);
    expect(nrThroughputBps(30, 273, 30, 2337000120)).toBeCloseTo(587747398.03, 0);
  });
  it('the same SINR with a 1-layer QPSK peak (2 · R_max · 91 728 000 · 0.86 = 146.062508 Mbit/s) is capped there', () => {
    const peak = nrPeakDataRateBps({ layers: 1, modulationOrder: 2, nPrb: 273, scsKHz: 30 });
    expect(peak).toBeCloseTo(146062507.5, 0);
    expect(nrThroughputBps(30, 273, 30, peak)).toBe(peak);
  });
  it('zero below −10 dB', () => {
    expect(nrThroughputBps(-10.5, 273, 30, 2337000120)).toBe(0);
  });
});
