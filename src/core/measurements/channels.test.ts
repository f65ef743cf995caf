/**
 * Channel numbers → frequencies. Check values: EARFCN 1280 → 1813 MHz (band 3, the worked
 * example of the EARFCN calculators built on TS 36.101 Table 5.7.3-1); NR-ARFCN 620000 →
 * 3300 MHz and 632628 → 3489.42 MHz (TS 38.104 §5.4.2.1: 3000 + 0.015 × 32628). Invariant: each
 * listed LTE band's channels span exactly its downlink range in the band table of
 * src/core/scenario/fields.ts (from TS 36.101 Table 5.5-1, a separate table).
 */
import { describe, expect, it } from 'vitest';
import { BANDS } from '../scenario/fields.ts';
import { earfcnToDlFreqMHz, EUTRA_DL_CHANNELS, nrArfcnToFreqMHz } from './channels.ts';

describe('earfcnToDlFreqMHz', () => {
  it('matches published values', () => {
    expect(earfcnToDlFreqMHz(1280)).toBe(1813);
    expect(earfcnToDlFreqMHz(1300)).toBe(1815);
    expect(earfcnToDlFreqMHz(6300)).toBe(806); // band 20: 791 + 0.1 × 150
    expect(earfcnToDlFreqMHz(4500)).toBeNaN(); // band 10, not listed
  });
  it('spans the downlink range of every LTE band of the band table', () => {
    for (const b of BANDS.filter((x) => x.tech === 'LTE')) {
      const row = EUTRA_DL_CHANNELS.find((r) => `B${r.band}` === b.band);
      expect(row, b.band).toBeDefined();
      if (!row) continue;
      expect(earfcnToDlFreqMHz(row.nOffsDl)).toBe(b.dlLowMHz);
      // The last channel is 0.1 MHz below the band's upper edge.
      expect(earfcnToDlFreqMHz(row.nDlMax) + 0.1).toBeCloseTo(b.dlHighMHz, 9);
    }
  });
});

describe('nrArfcnToFreqMHz', () => {
  it('matches TS 38.104 raster values on each side of the 3 GHz step', () => {
    expect(nrArfcnToFreqMHz(620000)).toBe(3300);
    expect(nrArfcnToFreqMHz(632628)).toBeCloseTo(3489.42, 9);
    expect(nrArfcnToFreqMHz(600000)).toBe(3000);
    expect(nrArfcnToFreqMHz(599999)).toBeCloseTo(2999.995, 9);
    expect(nrArfcnToFreqMHz(2016667)).toBeCloseTo(24250.08, 9);
    expect(nrArfcnToFreqMHz(-1)).toBeNaN();
    expect(nrArfcnToFreqMHz(3279166)).toBeNaN();
  });
});
