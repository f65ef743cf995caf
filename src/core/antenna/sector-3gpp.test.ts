import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Sector3gppPattern, SECTOR_3GPP_DEFAULTS, sector3gppAttenuationDb } from './sector-3gpp.ts';
import { InputError } from '../validity.ts';

const D = SECTOR_3GPP_DEFAULTS;

describe('3GPP sector, TR 38.901 Table 7.3-1 — hand calculations', () => {
  it('defaults are the spec §4 / Table 7.3-1 values: φ3dB = θ3dB = 65°, Am = SLA_V = 30 dB', () => {
    expect(D).toEqual({ hBeamwidthDeg: 65, vBeamwidthDeg: 65, amDb: 30, slaVDb: 30 });
    const p = new Sector3gppPattern({ maxGainDbi: 18 });
    expect([p.hBeamwidthDeg, p.vBeamwidthDeg, p.amDb, p.slaVDb]).toEqual([65, 65, 30, 30]);
  });
  it('boresight: 0 dB attenuation, gain = G_max', () => {
    expect(sector3gppAttenuationDb(0, 7, 7, 65, 65, 30, 30)).toBe(0);
    expect(new Sector3gppPattern({ maxGainDbi: 18 }).gainDbi(0, 0)).toBe(18);
  });
  it('half the beamwidth off boresight (32.5°) is the 3 dB point: 12·(32.5/65)² = 12·0.25 = 3 dB', () => {
    expect(sector3gppAttenuationDb(32.5, 0, 0, 65, 65, 30, 30)).toBeCloseTo(3, 12);
    expect(sector3gppAttenuationDb(0, 32.5 + 6, 6, 65, 65, 30, 30)).toBeCloseTo(3, 12);
  });
  it('φ = 60°, 10° below horizon, tilt 4°: A_H = 12·(60/65)² = 10.224852, A_V = 12·(6/65)² = 0.102249, sum 10.327101 dB', () => {
    expect(sector3gppAttenuationDb(60, 10, 4, 65, 65, 30, 30)).toBeCloseTo(10.327101, 5);
    // G = 18 dBi → 18 − 10.327101 = 7.672899 dBi (tilt 4° applied by hand: the pattern itself is untilted, so ask at 10 − 4 = 6°).
    expect(new Sector3gppPattern({ maxGainDbi: 18 }).gainDbi(60, 6)).toBeCloseTo(7.672899, 5);
  });
  it('φ = 120°: 12·(120/65)² = 40.90 dB is limited to Am = 30 dB', () => {
    expect(sector3gppAttenuationDb(120, 0, 0, 65, 65, 30, 30)).toBe(30);
  });
  it('the sum is limited to Am: φ = 90° (23.005917) + 60° below (10.224852) = 33.23 → 30 dB', () => {
    expect(sector3gppAttenuationDb(90, 60, 0, 65, 65, 30, 30)).toBe(30);
  });
  it('SLA_V limits the vertical term alone: θ3dB = 10°, SLA_V = 20 dB, 30° below (12·3² = 108 → 20) plus φ = 32.5° (3 dB) = 23 dB', () => {
    expect(sector3gppAttenuationDb(32.5, 30, 0, 65, 10, 30, 20)).toBeCloseTo(23, 12);
  });
  it('azimuth is wrapped: 300° is −60°, 420° is 60°', () => {
    expect(sector3gppAttenuationDb(300, 0, 0, 65, 65, 30, 30)).toBeCloseTo(10.224852, 5);
    expect(sector3gppAttenuationDb(420, 0, 0, 65, 65, 30, 30)).toBeCloseTo(10.224852, 5);
  });
});

describe('3GPP sector — properties', () => {
  const angle = fc.double({ min: -180, max: 180, noNaN: true });
  const elev = fc.double({ min: -90, max: 90, noNaN: true });
  const tilt = fc.double({ min: -10, max: 20, noNaN: true });
  const bw = fc.double({ min: 5, max: 120, noNaN: true });
  const lim = fc.double({ min: 0, max: 50, noNaN: true });
  it('gain ≤ maximum gain everywhere', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 25, noNaN: true }), angle, elev, bw, bw, lim, lim, (g, az, el, hb, vb, am, sla) => {
        const p = new Sector3gppPattern({ maxGainDbi: g, hBeamwidthDeg: hb, vBeamwidthDeg: vb, amDb: am, slaVDb: sla });
        return p.gainDbi(az, el) <= g;
      }),
    );
  });
  it('attenuation never beyond Am (front-to-back floor) and never negative', () => {
    fc.assert(
      fc.property(angle, elev, tilt, bw, bw, lim, lim, (az, el, t, hb, vb, am, sla) => {
        const a = sector3gppAttenuationDb(az, el, t, hb, vb, am, sla);
        return a >= 0 && a <= am;
      }),
    );
  });
  it('symmetric about boresight: gain(φ) = gain(−φ)', () => {
    fc.assert(
      fc.property(angle, elev, tilt, (az, el, t) => {
        return sector3gppAttenuationDb(az, el, t, 65, 65, 30, 30) === sector3gppAttenuationDb(-az, el, t, 65, 65, 30, 30);
      }),
    );
  });
  it('attenuation does not decrease moving away from boresight in azimuth', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 180, noNaN: true }), fc.double({ min: 0, max: 180, noNaN: true }), elev, (a, b, el) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return sector3gppAttenuationDb(lo, el, 0, 65, 65, 30, 30) <= sector3gppAttenuationDb(hi, el, 0, 65, 65, 30, 30);
      }),
    );
  });
});

describe('3GPP sector — input checks', () => {
  it('rejects non-finite gain, non-positive beamwidth, negative Am, naming the field', () => {
    const field = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof InputError ? e.field : 'other';
      }
      return undefined;
    };
    expect(field(() => new Sector3gppPattern({ maxGainDbi: NaN }))).toBe('maxGainDbi');
    expect(field(() => new Sector3gppPattern({ maxGainDbi: 18, hBeamwidthDeg: 0 }))).toBe('hBeamwidthDeg');
    expect(field(() => new Sector3gppPattern({ maxGainDbi: 18, vBeamwidthDeg: -5 }))).toBe('vBeamwidthDeg');
    expect(field(() => new Sector3gppPattern({ maxGainDbi: 18, amDb: -1 }))).toBe('amDb');
    expect(field(() => new Sector3gppPattern({ maxGainDbi: 18 }).gainDbi(Infinity, 0))).toBe('azimuthOffDeg');
  });
});
