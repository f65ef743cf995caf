import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { antennaFrameAngles, bearingDeg, elevationDownDeg, gainTowardDbi, gainTowardPointDbi, wrapDeg180 } from './types.ts';
import { Sector3gppPattern } from './sector-3gpp.ts';
import { InputError } from '../validity.ts';

const DEG = Math.PI / 180;

describe('angle helpers', () => {
  it('wrapDeg180 maps to (−180, 180]', () => {
    expect(wrapDeg180(190)).toBe(-170);
    expect(wrapDeg180(-190)).toBe(170);
    expect(wrapDeg180(540)).toBe(180);
    expect(wrapDeg180(-180)).toBe(180);
    expect(wrapDeg180(0)).toBe(0);
  });
  it('bearingDeg is clockwise from north: E 90, S 180, W 270, N 0', () => {
    expect(bearingDeg(1, 0)).toBe(90);
    expect(bearingDeg(0, -1)).toBe(180);
    expect(bearingDeg(-1, 0)).toBe(270);
    expect(bearingDeg(0, 1)).toBe(0);
  });
  it('elevationDownDeg: 30 m mast, UE 1.5 m, 28.5 m away → atan(28.5/28.5) = 45°; straight below at 0 m → 90°', () => {
    expect(elevationDownDeg(30, 1.5, 28.5)).toBeCloseTo(45, 12);
    expect(elevationDownDeg(30, 1.5, 0)).toBe(90);
    expect(elevationDownDeg(1.5, 30, 28.5)).toBeCloseTo(-45, 12);
  });
});

describe('gain toward a point — spec §4 shift model (mechanical + electrical tilt)', () => {
  const p = new Sector3gppPattern({ maxGainDbi: 18 });
  it('sector at azimuth 90°, h 31.5 m, tilts 2° + 4°; UE 1.5 m at bearing 150°, 1000 m → 7.723079 dBi', () => {
    // dx = 1000 sin 150° = 500 m, dy = 1000 cos 150° = −866.0254 m; bearing 150°, φ = 150 − 90 = 60°.
    // Depression: atan(30/1000) = 1.718358°; minus tilt 6° → −4.281642°.
    // A_H = 12·(60/65)² = 10.224852; A_V = 12·(4.281642/65)² = 0.052069; G = 18 − 10.276921 = 7.723079 dBi.
    const mounting = { azimuthDeg: 90, mechanicalTiltDeg: 2, electricalTiltDeg: 4, heightM: 31.5 };
    expect(gainTowardPointDbi(p, mounting, 500, -866.0254037844387, 1.5)).toBeCloseTo(7.723079, 5);
  });
  it('beam peak: receiver on boresight at the tilt angle gets G_max', () => {
    const mounting = { azimuthDeg: 200, mechanicalTiltDeg: 3, electricalTiltDeg: 5, heightM: 30 };
    expect(gainTowardDbi(p, mounting, 200, 8)).toBeCloseTo(18, 12);
    expect(gainTowardDbi(p, mounting, 200 + 360, 8)).toBeCloseTo(18, 12);
  });
  it('rejects a negative receiver height and non-finite angles, naming the field', () => {
    const mounting = { azimuthDeg: 0, mechanicalTiltDeg: 0, electricalTiltDeg: 0, heightM: 30 };
    const field = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof InputError ? e.field : 'other';
      }
      return undefined;
    };
    expect(field(() => gainTowardPointDbi(p, mounting, 10, 10, -1))).toBe('hRxM');
    expect(field(() => gainTowardDbi(p, mounting, NaN, 0))).toBe('rxBearingDeg');
    expect(field(() => gainTowardDbi(p, { ...mounting, mechanicalTiltDeg: Infinity }, 0, 0))).toBe('mechanicalTiltDeg');
  });
});

describe('gain toward a point — TR 38.901 §7.1.3 rotation of the mechanical tilt', () => {
  const p = new Sector3gppPattern({ maxGainDbi: 18 });
  const mounting = { azimuthDeg: 0, mechanicalTiltDeg: 10, electricalTiltDeg: 0, heightM: 30 };
  it('boresight azimuth, 10° below: θ = 100°, β = 10°: cos θ′ = cos10·cos100 + sin10·sin100 = cos 90° = 0 → θ′ = 90°, same as the shift', () => {
    const a = antennaFrameAngles(mounting, 0, 0, 10, 'rotate');
    expect(a.elevDownDeg).toBeCloseTo(0, 12);
    expect(a.azimuthOffDeg).toBeCloseTo(0, 12);
    expect(gainTowardDbi(p, mounting, 0, 10, 'rotate')).toBeCloseTo(gainTowardDbi(p, mounting, 0, 10, 'shift'), 12);
  });
  it('90° to the side on the horizon: cos θ′ = sin10·cos90·sin90 = 0 → no vertical loss; shift would give 12·(10/65)² = 0.284024 dB', () => {
    // φ′ = atan2(sin90·sin90, cos10·sin90·cos90 − sin10·cos90) = atan2(1, 0) = 90°.
    const a = antennaFrameAngles(mounting, 0, 90, 0, 'rotate');
    expect(a.azimuthOffDeg).toBeCloseTo(90, 12);
    expect(a.elevDownDeg).toBeCloseTo(0, 12);
    // A_H(90) = 12·(90/65)² = 23.005917 → 18 − 23.005917 = −5.005917; shift adds 0.284024 → −5.289941.
    expect(gainTowardDbi(p, mounting, 90, 0, 'rotate')).toBeCloseTo(-5.005917, 5);
    expect(gainTowardDbi(p, mounting, 90, 0, 'shift')).toBeCloseTo(-5.289941, 5);
  });
  it('behind on the horizon the back lobe tilts up: cos θ′ = sin10·cos180 = −0.173648 → θ′ = 100°, i.e. 10° below the back axis', () => {
    const a = antennaFrameAngles(mounting, 0, 180, 0, 'rotate');
    expect(Math.abs(a.azimuthOffDeg)).toBeCloseTo(180, 12);
    expect(a.elevDownDeg).toBeCloseTo(10, 12);
  });
  it('property: the angle to boresight is preserved by the rotation (spherical law of cosines)', () => {
    // Boresight in the global frame is (θ = 90° + β, φ = 0); in the antenna frame (θ′ = 90°, φ′ = 0).
    const cosToBoresight = (thetaDeg: number, phiDeg: number, bThetaDeg: number) =>
      Math.cos(thetaDeg * DEG) * Math.cos(bThetaDeg * DEG) + Math.sin(thetaDeg * DEG) * Math.sin(bThetaDeg * DEG) * Math.cos(phiDeg * DEG);
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: -20, max: 20, noNaN: true }),
        (off, el, beta) => {
          const m = { azimuthDeg: 0, mechanicalTiltDeg: beta, electricalTiltDeg: 0, heightM: 30 };
          const a = antennaFrameAngles(m, 0, off, el, 'rotate');
          const before = cosToBoresight(90 + el, off, 90 + beta);
          const after = cosToBoresight(90 + a.elevDownDeg, a.azimuthOffDeg, 90);
          return Math.abs(before - after) < 1e-9;
        },
      ),
    );
  });
  it('electrical tilt stays a shift of the vertical cut in the rotate model', () => {
    const m = { azimuthDeg: 0, mechanicalTiltDeg: 0, electricalTiltDeg: 6, heightM: 30 };
    expect(antennaFrameAngles(m, 0, 0, 6, 'rotate').elevDownDeg).toBeCloseTo(0, 12);
    // A pattern with 6° built in is not shifted again.
    expect(antennaFrameAngles(m, 6, 0, 6, 'rotate').elevDownDeg).toBeCloseTo(6, 12);
  });
});
