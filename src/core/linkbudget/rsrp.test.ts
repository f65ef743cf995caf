import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { downlinkBudget, powerPerReDbm, rsrpDbm } from './rsrp.ts';
import { InputError } from '../validity.ts';

describe('power per resource element', () => {
  it('46 dBm over 100 RB (20 MHz LTE): 46 − 10·log10(1200) = 46 − 30.791812 = 15.208188 dBm', () => {
    expect(powerPerReDbm(46, 100)).toBeCloseTo(15.208188, 5);
  });
  it('43 dBm over 50 RB: 43 − 10·log10(600) = 43 − 27.781513 = 15.218487 dBm', () => {
    expect(powerPerReDbm(43, 50)).toBeCloseTo(15.218487, 5);
  });
  it('rejects a fractional or zero N_RB', () => {
    expect(() => powerPerReDbm(46, 0)).toThrow(InputError);
    expect(() => powerPerReDbm(46, 10.5)).toThrow('nPrb');
  });
});

describe('downlink budget as named terms — hand calculation', () => {
  // 46 dBm, 100 RB, feeder 2 dB, G_max 18 dBi, gain toward the point 7.723079 dBi (the 3GPP
  // sector example of antenna/types.test.ts), PL 130 dB, clutter 8 dB, body 3 dB, UE 0 dBi:
  //   pRE = 15.208188; RSRP = 15.208188 − 2 + 18 − 10.276921 − 130 − 8 − 0 − 3 + 0 = −120.068733 dBm.
  const b = downlinkBudget({
    txPowerDbm: 46,
    nPrb: 100,
    feederLossDb: 2,
    antennaMaxGainDbi: 18,
    antennaGainTowardDbi: 7.723079408657073,
    pathLossDb: 130,
    clutterLossDb: 8,
    bodyLossDb: 3,
  });
  it('RSRP −120.068733 dBm', () => {
    expect(b.rsrpDbm).toBeCloseTo(-120.068733, 5);
  });
  it('terms are named, in order, and add up to the RSRP', () => {
    expect(b.terms.map((t) => t.id)).toEqual([
      'powerPerRe', 'feederLoss', 'antennaMaxGain', 'antennaPattern', 'pathLoss', 'clutterLoss', 'buildingEntryLoss', 'bodyLoss', 'ueAntennaGain',
    ]);
    const values = Object.fromEntries(b.terms.map((t) => [t.id, t.valueDb]));
    expect(values.powerPerRe).toBeCloseTo(15.208188, 5);
    expect(values.feederLoss).toBe(-2);
    expect(values.antennaMaxGain).toBe(18);
    expect(values.antennaPattern).toBeCloseTo(-10.276921, 5);
    expect(values.pathLoss).toBe(-130);
    expect(values.clutterLoss).toBe(-8);
    expect(values.buildingEntryLoss === 0).toBe(true); // −0 dB: no building entry loss outdoors
    expect(values.bodyLoss).toBe(-3);
    expect(values.ueAntennaGain).toBe(0);
    expect(b.terms.reduce((s, t) => s + t.valueDb, 0)).toBeCloseTo(b.rsrpDbm, 10);
  });
  it('EIRP: 46 − 2 + 18 = 62 dBm; per RE 15.208188 − 2 + 18 = 31.208188 dBm; toward the point 31.208188 − 10.276921 = 20.931267 dBm', () => {
    expect(b.eirpDbm).toBe(62);
    expect(b.eirpPerReDbm).toBeCloseTo(31.208188, 5);
    expect(b.eirpPerReTowardDbm).toBeCloseTo(20.931267, 5);
  });
  it('the hot-loop form gives the same sum of the same numbers', () => {
    expect(rsrpDbm(15.208187539523752, 2, 7.723079408657073, 130, 8, 0, 3, 0)).toBeCloseTo(-120.068733, 5);
  });
});

describe('downlink budget — SSB power, defaults, checks', () => {
  it('NR SS-RSRP uses the SSB power per RE when given: 18 − 3 + 17 − 120 = −88 dBm', () => {
    const b = downlinkBudget({ txPowerDbm: 49, nPrb: 273, ssbPowerPerReDbm: 18, feederLossDb: 3, antennaMaxGainDbi: 17, pathLossDb: 120 });
    expect(b.pReDbm).toBe(18);
    expect(b.rsrpDbm).toBeCloseTo(-88, 10);
    expect(b.terms[0].label).toBe('SSB power per RE');
  });
  it('without a gain toward the point the boresight gain is used (pattern term 0)', () => {
    const b = downlinkBudget({ txPowerDbm: 43, nPrb: 50, feederLossDb: 0, antennaMaxGainDbi: 15, pathLossDb: 100 });
    expect(b.terms[3].valueDb).toBe(0);
    expect(b.rsrpDbm).toBeCloseTo(15.218487 + 15 - 100, 5);
  });
  it('property: the terms always add up to the RSRP', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.integer({ min: 6, max: 273 }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: -40, max: 25, noNaN: true }),
        fc.double({ min: 40, max: 200, noNaN: true }),
        fc.double({ min: -5, max: 30, noNaN: true }),
        (p, n, feeder, g, pl, clutter) => {
          const b = downlinkBudget({ txPowerDbm: p, nPrb: n, feederLossDb: feeder, antennaMaxGainDbi: 18, antennaGainTowardDbi: g, pathLossDb: pl, clutterLossDb: clutter, buildingEntryLossDb: 12, bodyLossDb: 3, ueAntennaGainDbi: -1 });
          return Math.abs(b.terms.reduce((s, t) => s + t.valueDb, 0) - b.rsrpDbm) < 1e-9;
        },
      ),
    );
  });
  it('rejects a negative feeder / body / building-entry loss and a non-finite path loss, naming the field', () => {
    const base = { txPowerDbm: 43, nPrb: 50, feederLossDb: 1, antennaMaxGainDbi: 15, pathLossDb: 100 };
    const field = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof InputError ? e.field : 'other';
      }
      return undefined;
    };
    expect(field(() => downlinkBudget({ ...base, feederLossDb: -1 }))).toBe('feederLossDb');
    expect(field(() => downlinkBudget({ ...base, bodyLossDb: -3 }))).toBe('bodyLossDb');
    expect(field(() => downlinkBudget({ ...base, buildingEntryLossDb: -3 }))).toBe('buildingEntryLossDb');
    expect(field(() => downlinkBudget({ ...base, pathLossDb: NaN }))).toBe('pathLossDb');
  });
});
