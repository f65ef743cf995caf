import { describe, expect, it } from 'vitest';
import {
  lteResourceBlocks,
  nrResourceBlocks,
  numerologyFromScs,
  resourceBlockCount,
  transmissionBandwidthHz,
} from './carriers.ts';
import { InputError } from '../validity.ts';

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('LTE N_RB — TS 36.101 Table 5.6-1', () => {
  it.each([
    [1.4, 6],
    [3, 15],
    [5, 25],
    [10, 50],
    [15, 75],
    [20, 100],
  ])('%s MHz → %i RB', (bw, nRb) => {
    expect(lteResourceBlocks(bw)).toBe(nRb);
    expect(resourceBlockCount('LTE', bw, 15)).toBe(nRb);
  });
  it('other bandwidths are rejected naming the bandwidth', () => {
    const e = inputError(() => lteResourceBlocks(25));
    expect(e.field).toBe('bandwidthMHz');
    expect(e.message).toContain('LTE channel bandwidth 25 MHz is not defined');
  });
  it('LTE with a subcarrier spacing other than 15 kHz is rejected', () => {
    expect(inputError(() => resourceBlockCount('LTE', 10, 30)).field).toBe('scsKHz');
  });
});

describe('NR FR1 N_RB — TS 38.101-1 Table 5.3.2-1', () => {
  // Values copied from the table (Rel-17), columns 5…100 MHz.
  const table: Array<[number, number, number]> = [
    [15, 5, 25], [15, 10, 52], [15, 15, 79], [15, 20, 106], [15, 25, 133], [15, 30, 160], [15, 35, 188], [15, 40, 216], [15, 45, 242], [15, 50, 270],
    [30, 5, 11], [30, 10, 24], [30, 15, 38], [30, 20, 51], [30, 25, 65], [30, 30, 78], [30, 35, 92], [30, 40, 106], [30, 45, 119], [30, 50, 133],
    [30, 60, 162], [30, 70, 189], [30, 80, 217], [30, 90, 245], [30, 100, 273],
    [60, 10, 11], [60, 15, 18], [60, 20, 24], [60, 25, 31], [60, 30, 38], [60, 35, 44], [60, 40, 51], [60, 45, 58], [60, 50, 65],
    [60, 60, 79], [60, 70, 93], [60, 80, 107], [60, 90, 121], [60, 100, 135],
  ];
  it.each(table)('%i kHz, %i MHz → %i RB', (scs, bw, nRb) => {
    expect(nrResourceBlocks(bw, scs)).toBe(nRb);
    expect(resourceBlockCount('NR', bw, scs)).toBe(nRb);
  });
  it.each([
    [60, 15],
    [70, 15],
    [80, 15],
    [90, 15],
    [100, 15],
    [5, 60],
  ])('N/A entry %i MHz at %i kHz is rejected with a message naming both', (bw, scs) => {
    const e = inputError(() => nrResourceBlocks(bw, scs));
    expect(e.field).toBe('bandwidthMHz');
    expect(e.message).toBe(`NR FR1 channel bandwidth ${bw} MHz is not defined for ${scs} kHz subcarrier spacing (N/A in TS 38.101-1 Table 5.3.2-1)`);
  });
  it('bandwidths outside the table and FR2 spacings are rejected', () => {
    expect(inputError(() => nrResourceBlocks(12, 30)).message).toContain('12 MHz is not in TS 38.101-1 Table 5.3.2-1');
    expect(inputError(() => nrResourceBlocks(100, 120)).field).toBe('scsKHz');
    expect(inputError(() => nrResourceBlocks(NaN, 30)).field).toBe('bandwidthMHz');
  });
});

describe('numerology and bandwidth', () => {
  it('μ from Δf = 15·2^μ kHz (TS 38.211 Table 4.2-1)', () => {
    expect([15, 30, 60, 120, 240].map(numerologyFromScs)).toEqual([0, 1, 2, 3, 4]);
    expect(inputError(() => numerologyFromScs(45)).field).toBe('scsKHz');
  });
  it('transmission bandwidth: 50 RB · 12 · 15 kHz = 9 MHz; 273 RB · 12 · 30 kHz = 98.28 MHz', () => {
    expect(transmissionBandwidthHz(50, 15)).toBe(9e6);
    expect(transmissionBandwidthHz(273, 30)).toBeCloseTo(98.28e6, 3);
  });
});
