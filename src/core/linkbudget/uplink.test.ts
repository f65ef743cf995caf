import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_UE_POWER_DBM, limitingLink, uplinkBudget } from './uplink.ts';
import { InputError } from '../validity.ts';

describe('uplink budget per PRB — hand calculation', () => {
  // UE 23 dBm over 4 PRB: 23 − 10·log10(4) = 23 − 6.020600 = 16.979400 dBm per PRB.
  // Rx per PRB = 16.979400 + 0 (UE gain) − 3 (body) − 130 (PL) − 8 (clutter) − 0 (BEL) + 17 (BS gain) − 2 (feeder)
  //            = −109.020600 dBm.
  // Noise per PRB, 15 kHz, NF 3 dB: −174 + 10·log10(180 000) + 3 = −174 + 52.552725 + 3 = −118.447275 dBm.
  // SINR = −109.020600 + 118.447275 − 2 (interference margin) = 7.426675 dB; required −3 dB → margin 10.426675 dB.
  // Sensitivity = −118.447275 + 2 − 3 = −119.447275 dBm; max path loss 130 + 10.426675 = 140.426675 dB.
  const b = uplinkBudget({
    nPrbAllocated: 4,
    scsKHz: 15,
    bodyLossDb: 3,
    pathLossDb: 130,
    clutterLossDb: 8,
    bsAntennaGainTowardDbi: 17,
    bsFeederLossDb: 2,
    bsNoiseFigureDb: 3,
    interferenceMarginDb: 2,
    requiredSinrDb: -3,
  });
  it('UE power defaults to 23 dBm (power class 3)', () => {
    expect(DEFAULT_UE_POWER_DBM).toBe(23);
    expect(b.ueEirpDbm).toBe(20);
  });
  it('received power per PRB −109.020600 dBm, per RE 10·log10(12) = 10.791812 lower: −119.812412 dBm', () => {
    expect(b.rxPowerPerPrbDbm).toBeCloseTo(-109.0206, 5);
    expect(b.rxPowerPerReDbm).toBeCloseTo(-119.812412, 5);
  });
  it('noise, SINR, margin, sensitivity and maximum path loss', () => {
    expect(b.noisePerPrbDbm).toBeCloseTo(-118.447275, 5);
    expect(b.sinrDb).toBeCloseTo(7.426675, 5);
    expect(b.marginDb).toBeCloseTo(10.426675, 5);
    expect(b.sensitivityPerPrbDbm).toBeCloseTo(-119.447275, 5);
    expect(b.maxPathLossDb).toBeCloseTo(140.426675, 5);
    expect(b.closes).toBe(true);
  });
  it('terms are named and add up to the received power per PRB', () => {
    expect(b.terms.map((t) => t.id)).toEqual(['uePowerPerPrb', 'ueAntennaGain', 'bodyLoss', 'pathLoss', 'clutterLoss', 'buildingEntryLoss', 'bsAntennaGain', 'bsFeederLoss']);
    expect(b.terms[0].valueDb).toBeCloseTo(16.9794, 5);
    expect(b.terms.reduce((s, t) => s + t.valueDb, 0)).toBeCloseTo(b.rxPowerPerPrbDbm, 10);
  });
  it('at the maximum path loss the margin is 0', () => {
    const edge = uplinkBudget({ nPrbAllocated: 4, scsKHz: 15, bodyLossDb: 3, pathLossDb: 140.4266750356873, clutterLossDb: 8, bsAntennaGainTowardDbi: 17, bsFeederLossDb: 2, bsNoiseFigureDb: 3, interferenceMarginDb: 2, requiredSinrDb: -3 });
    expect(edge.marginDb).toBeCloseTo(0, 9);
  });
  it('property: a wider allocation lowers the SINR by 10·log10 of the ratio (power spread over more PRBs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (n1, n2) => {
        const mk = (n: number) => uplinkBudget({ nPrbAllocated: n, scsKHz: 30, pathLossDb: 120, bsAntennaGainTowardDbi: 15, bsFeederLossDb: 1, bsNoiseFigureDb: 5, requiredSinrDb: 0 }).sinrDb;
        return Math.abs(mk(n1) - mk(n2) - 10 * Math.log10(n2 / n1)) < 1e-9;
      }),
    );
  });
  it('rejects a fractional allocation and a negative feeder loss, naming the field', () => {
    const base = { nPrbAllocated: 1, scsKHz: 15, pathLossDb: 120, bsAntennaGainTowardDbi: 15, bsFeederLossDb: 1, bsNoiseFigureDb: 5, requiredSinrDb: 0 };
    const field = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof InputError ? e.field : 'other';
      }
      return undefined;
    };
    expect(field(() => uplinkBudget({ ...base, nPrbAllocated: 2.5 }))).toBe('nPrbAllocated');
    expect(field(() => uplinkBudget({ ...base, bsFeederLossDb: -1 }))).toBe('bsFeederLossDb');
    expect(field(() => uplinkBudget({ ...base, interferenceMarginDb: -1 }))).toBe('interferenceMarginDb');
  });
});

describe('which link limits', () => {
  it('DL margin 5 dB, UL 10.43 dB → downlink limits; DL 12 dB → uplink limits', () => {
    expect(limitingLink(5, 10.43).limiting).toBe('downlink');
    const r = limitingLink(12, 10.43);
    expect(r.limiting).toBe('uplink');
    expect(r.imbalanceDb).toBeCloseTo(1.57, 12);
    expect(r.covered).toBe(true);
  });
  it('not covered when either margin is negative; a tie is reported as downlink', () => {
    expect(limitingLink(3, -1).covered).toBe(false);
    expect(limitingLink(-3, 1).covered).toBe(false);
    expect(limitingLink(2, 2).limiting).toBe('downlink');
  });
  it('an uplink budget with a downlink SINR margin: macro DL SINR 4 dB vs required −6 dB (margin 10) against UL margin 10.426675 → downlink', () => {
    const ul = uplinkBudget({ nPrbAllocated: 4, scsKHz: 15, bodyLossDb: 3, pathLossDb: 130, clutterLossDb: 8, bsAntennaGainTowardDbi: 17, bsFeederLossDb: 2, bsNoiseFigureDb: 3, interferenceMarginDb: 2, requiredSinrDb: -3 });
    expect(limitingLink(4 - -6, ul.marginDb).limiting).toBe('downlink');
    // 4 dB more path loss takes 4 dB off both margins: the ordering does not change.
    expect(limitingLink(4 - -6 - 4, ul.marginDb - 4).limiting).toBe('downlink');
  });
});
