import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OmniPattern } from './omni.ts';
import { gainTowardPointDbi } from './types.ts';
import { InputError } from '../validity.ts';

describe('omni antenna', () => {
  it('has its gain in every direction (2.15 dBi half-wave dipole figure used as the example)', () => {
    fc.assert(
      fc.property(fc.double({ min: -720, max: 720, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }), (az, el) => new OmniPattern(2.15).gainDbi(az, el) === 2.15),
    );
  });
  it('tilt and azimuth of the mounting change nothing', () => {
    const p = new OmniPattern(6);
    const mounting = { azimuthDeg: 45, mechanicalTiltDeg: 8, electricalTiltDeg: 4, heightM: 20 };
    expect(gainTowardPointDbi(p, mounting, -300, 120, 1.5)).toBe(6);
    expect(gainTowardPointDbi(p, mounting, 0, 0, 1.5)).toBe(6);
  });
  it('rejects a non-finite gain naming maxGainDbi', () => {
    expect(() => new OmniPattern(NaN)).toThrow(InputError);
    expect(() => new OmniPattern(Infinity)).toThrow('maxGainDbi');
  });
});
