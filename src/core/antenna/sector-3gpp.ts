/**
 * 3GPP parametric sector antenna, TR 38.901 Table 7.3-1 (spec §4):
 *
 *   A_H(φ) = −min(12 (φ/φ3dB)², Am)                       horizontal cut, φ in (−180°, 180°]
 *   A_V(θ) = −min(12 ((θ − 90° − tilt)/θ3dB)², SLA_V)     vertical cut, θ zenith angle
 *   A(θ, φ) = −min(−(A_H(φ) + A_V(θ)), Am)
 *   G(θ, φ) = G_max + A(θ, φ)   (dBi)
 *
 * Defaults (spec §4 = 38.901 Table 7.3-1): φ3dB = θ3dB = 65°, Am = 30 dB, SLA_V = 30 dB.
 * With `elevDownDeg = θ − 90°` the vertical argument is `elevDownDeg − tilt`. 38.901 writes the
 * pattern in the antenna's local frame without a tilt term; the spec's `tilt` shift is how the
 * sector's downtilt is applied (see `MechanicalTiltModel` in types.ts for the 38.901 §7.1.3
 * rotation alternative).
 */
import { requireFinite, requireNonNegative, requirePositive } from '../validity.ts';
import { wrapDeg180, type AntennaPattern } from './types.ts';

/** Parameters of the parametric sector; angles in degrees, levels in dB. */
export interface Sector3gppParams {
  /** Boresight gain G_max, dBi. */
  readonly maxGainDbi: number;
  /** Horizontal half-power beamwidth φ3dB, degrees (default 65). */
  readonly hBeamwidthDeg?: number;
  /** Vertical half-power beamwidth θ3dB, degrees (default 65). */
  readonly vBeamwidthDeg?: number;
  /** Maximum attenuation (front-to-back) Am, dB (default 30). */
  readonly amDb?: number;
  /** Vertical side-lobe attenuation limit SLA_V, dB (default 30). */
  readonly slaVDb?: number;
}

export const SECTOR_3GPP_DEFAULTS = { hBeamwidthDeg: 65, vBeamwidthDeg: 65, amDb: 30, slaVDb: 30 } as const;

/**
 * Attenuation of the 3GPP sector toward a direction, dB (≥ 0, ≤ Am): `−A(θ, φ)` of
 * 38.901 Table 7.3-1. Allocation-free, no validation: for hot loops with per-sector constants
 * checked once.
 * @param azimuthOffDeg - horizontal angle off boresight φ, degrees (any value; wrapped)
 * @param elevDownDeg - angle below horizontal toward the point, θ − 90°, degrees
 * @param tiltDeg - total downtilt (mechanical + electrical), degrees
 * @param hBeamwidthDeg - φ3dB, degrees
 * @param vBeamwidthDeg - θ3dB, degrees
 * @param amDb - Am, dB
 * @param slaVDb - SLA_V, dB
 */
export function sector3gppAttenuationDb(
  azimuthOffDeg: number,
  elevDownDeg: number,
  tiltDeg: number,
  hBeamwidthDeg: number,
  vBeamwidthDeg: number,
  amDb: number,
  slaVDb: number,
): number {
  let phiDeg = azimuthOffDeg;
  if (phiDeg > 180 || phiDeg <= -180) phiDeg = wrapDeg180(phiDeg);
  const attDb = horizontalCutAttDb(phiDeg, hBeamwidthDeg, amDb) + verticalCutAttDb(elevDownDeg, tiltDeg, vBeamwidthDeg, slaVDb);
  return attDb > amDb ? amDb : attDb;
}

/**
 * −A_H(φ) of 38.901 Table 7.3-1: min(12 (φ/φ3dB)², Am), dB (≥ 0).
 * @param phiDeg - angle off boresight, degrees (sign irrelevant; |φ| ≤ 180)
 */
export function horizontalCutAttDb(phiDeg: number, hBeamwidthDeg: number, amDb: number): number {
  const h = phiDeg / hBeamwidthDeg;
  const a = 12 * h * h;
  return a > amDb ? amDb : a;
}

/**
 * −A_V(θ) of 38.901 Table 7.3-1 with the downtilt applied: min(12 ((θ − 90° − tilt)/θ3dB)², SLA_V), dB (≥ 0).
 * @param elevDownDeg - angle below the horizontal toward the point, θ − 90°, degrees
 */
export function verticalCutAttDb(elevDownDeg: number, tiltDeg: number, vBeamwidthDeg: number, slaVDb: number): number {
  const v = (elevDownDeg - tiltDeg) / vBeamwidthDeg;
  const a = 12 * v * v;
  return a > slaVDb ? slaVDb : a;
}

/** The parametric sector as an {@link AntennaPattern} (untilted; tilt is applied by the mounting). */
export class Sector3gppPattern implements AntennaPattern {
  readonly kind = '3gpp-sector' as const;
  readonly builtInTiltDeg = 0;
  readonly maxGainDbi: number;
  readonly hBeamwidthDeg: number;
  readonly vBeamwidthDeg: number;
  readonly amDb: number;
  readonly slaVDb: number;

  /** Throws InputError naming the field for non-finite gain, non-positive beamwidths or negative Am / SLA_V. */
  constructor(params: Sector3gppParams) {
    requireFinite('maxGainDbi', params.maxGainDbi);
    this.maxGainDbi = params.maxGainDbi;
    this.hBeamwidthDeg = params.hBeamwidthDeg ?? SECTOR_3GPP_DEFAULTS.hBeamwidthDeg;
    this.vBeamwidthDeg = params.vBeamwidthDeg ?? SECTOR_3GPP_DEFAULTS.vBeamwidthDeg;
    this.amDb = params.amDb ?? SECTOR_3GPP_DEFAULTS.amDb;
    this.slaVDb = params.slaVDb ?? SECTOR_3GPP_DEFAULTS.slaVDb;
    requirePositive('hBeamwidthDeg', this.hBeamwidthDeg);
    requirePositive('vBeamwidthDeg', this.vBeamwidthDeg);
    requireNonNegative('amDb', this.amDb);
    requireNonNegative('slaVDb', this.slaVDb);
  }

  /** G_max − attenuation toward (φ, θ − 90°) with no tilt, dBi. */
  gainDbi(azimuthOffDeg: number, elevDownDeg: number): number {
    requireFinite('azimuthOffDeg', azimuthOffDeg);
    requireFinite('elevDownDeg', elevDownDeg);
    return this.maxGainDbi - sector3gppAttenuationDb(azimuthOffDeg, elevDownDeg, 0, this.hBeamwidthDeg, this.vBeamwidthDeg, this.amDb, this.slaVDb);
  }
}
