/**
 * Common shape of every antenna pattern (spec §4) and the geometry that turns a sector's
 * mounting (boresight azimuth, downtilt, height) and a receiver position into the angles a
 * pattern is evaluated at.
 *
 * Angle conventions used throughout `src/core/antenna`:
 * - Azimuths and bearings are degrees clockwise from grid north; an antenna-frame azimuth
 *   offset is degrees clockwise (seen from above) from boresight, wrapped to (−180, 180].
 * - `elevDownDeg` is the angle BELOW the horizontal plane (positive downward), degrees:
 *   `elevDownDeg = θ − 90°` with θ the zenith angle of TR 38.901 §7.1 (θ = 90° is the horizon).
 * - Downtilts are positive downward.
 */
import { requireFinite, requireNonNegative } from '../validity.ts';

const DEG2RAD = Math.PI / 180;
const RAD2DEG = 180 / Math.PI;

/** A radiation pattern in the antenna's own frame. */
export interface AntennaPattern {
  /** `omni`, `3gpp-sector` or `msi` (measured pattern file). */
  readonly kind: 'omni' | '3gpp-sector' | 'msi';
  /** Gain in the direction of maximum radiation, dBi. */
  readonly maxGainDbi: number;
  /**
   * Electrical downtilt already contained in the pattern's vertical cut, degrees (0 for the
   * parametric patterns; the file's TILT value for a measured pattern). {@link gainTowardDbi}
   * shifts the vertical cut only by the sector's electrical tilt minus this value.
   */
  readonly builtInTiltDeg: number;
  /**
   * Gain toward a direction given in the (untilted) antenna frame, dBi; never above
   * {@link AntennaPattern.maxGainDbi}.
   * @param azimuthOffDeg - horizontal angle off boresight, degrees clockwise; any finite value (wrapped)
   * @param elevDownDeg - vertical angle below the antenna's horizontal plane, degrees (−90…90)
   */
  gainDbi(azimuthOffDeg: number, elevDownDeg: number): number;
}

/** How a sector antenna is mounted. */
export interface AntennaMounting {
  /** Boresight bearing, degrees clockwise from grid north. */
  readonly azimuthDeg: number;
  /** Mechanical downtilt, degrees (positive downward). */
  readonly mechanicalTiltDeg: number;
  /** Electrical downtilt set on the antenna, degrees (positive downward). */
  readonly electricalTiltDeg: number;
  /** Antenna height above local ground, m. */
  readonly heightM: number;
}

/**
 * How mechanical downtilt enters the pattern:
 * - `shift` (spec §4, the default): the vertical cut is shifted by mechanical + electrical tilt,
 *   `A_V(θ − 90° − tilt)`, at every azimuth. This is what the coverage kernel computes.
 * - `rotate` (TR 38.901 §7.1.3, eq. 7.1-7 and 7.1-8 with bearing α = 0 after taking the
 *   azimuth offset and slant γ = 0): the antenna frame is rotated by the mechanical downtilt β,
 *   so the tilt fades away toward ±90° off boresight and tilts the back lobe up. Electrical
 *   tilt is still a shift of the vertical cut.
 * Both agree exactly on the boresight azimuth.
 */
export type MechanicalTiltModel = 'shift' | 'rotate';

/** Direction in the antenna frame (the arguments of {@link AntennaPattern.gainDbi}). */
export interface AntennaFrameAngles {
  /** Degrees clockwise off boresight, (−180, 180]. */
  readonly azimuthOffDeg: number;
  /** Degrees below the antenna's horizontal plane, after the tilt has been applied. */
  readonly elevDownDeg: number;
}

/** Wraps an angle to (−180, 180] degrees. Allocation-free. */
export function wrapDeg180(angleDeg: number): number {
  let a = angleDeg % 360;
  if (a > 180) a -= 360;
  else if (a <= -180) a += 360;
  return a;
}

/** Bearing from a transmitter to a point, degrees clockwise from grid north, [0, 360). */
export function bearingDeg(dxEastM: number, dyNorthM: number): number {
  const b = Math.atan2(dxEastM, dyNorthM) * RAD2DEG;
  return b < 0 ? b + 360 : b;
}

/**
 * Angle below the horizontal from an antenna at `hTxM` to a receiver at `hRxM` over flat
 * ground at horizontal distance `d2dM`, degrees (negative when the receiver is higher).
 * At `d2dM = 0` the receiver is straight below (90°) or above (−90°).
 */
export function elevationDownDeg(hTxM: number, hRxM: number, d2dM: number): number {
  return Math.atan2(hTxM - hRxM, d2dM) * RAD2DEG;
}

/**
 * The direction toward a receiver expressed in the antenna frame.
 * @param mounting - the sector's boresight, tilts (and height, unused here)
 * @param builtInTiltDeg - electrical tilt already in the pattern (see {@link AntennaPattern.builtInTiltDeg})
 * @param rxBearingDeg - bearing from the antenna to the receiver, degrees clockwise from north
 * @param rxElevDownDeg - angle below horizontal from the antenna to the receiver, degrees
 */
export function antennaFrameAngles(
  mounting: AntennaMounting,
  builtInTiltDeg: number,
  rxBearingDeg: number,
  rxElevDownDeg: number,
  model: MechanicalTiltModel = 'shift',
): AntennaFrameAngles {
  requireFinite('azimuthDeg', mounting.azimuthDeg);
  requireFinite('mechanicalTiltDeg', mounting.mechanicalTiltDeg);
  requireFinite('electricalTiltDeg', mounting.electricalTiltDeg);
  requireFinite('rxBearingDeg', rxBearingDeg);
  requireFinite('rxElevDownDeg', rxElevDownDeg);
  const offDeg = wrapDeg180(rxBearingDeg - mounting.azimuthDeg);
  const electricalShiftDeg = mounting.electricalTiltDeg - builtInTiltDeg;
  if (model === 'shift') {
    return { azimuthOffDeg: offDeg, elevDownDeg: rxElevDownDeg - mounting.mechanicalTiltDeg - electricalShiftDeg };
  }
  // 38.901 eq. 7.1-7 / 7.1-8 (α = 0, γ = 0), θ zenith angle, β downtilt:
  //   cos θ' = cos β cos θ + sin β cos φ sin θ
  //   φ'     = arg(cos β sin θ cos φ − sin β cos θ + j sin θ sin φ)
  const thetaRad = (90 + rxElevDownDeg) * DEG2RAD;
  const phiRad = offDeg * DEG2RAD;
  const betaRad = mounting.mechanicalTiltDeg * DEG2RAD;
  const cosB = Math.cos(betaRad), sinB = Math.sin(betaRad);
  const cosT = Math.cos(thetaRad), sinT = Math.sin(thetaRad);
  let cosThetaP = cosB * cosT + sinB * Math.cos(phiRad) * sinT;
  if (cosThetaP > 1) cosThetaP = 1;
  else if (cosThetaP < -1) cosThetaP = -1;
  const thetaPDeg = Math.acos(cosThetaP) * RAD2DEG;
  const phiPDeg = Math.atan2(sinT * Math.sin(phiRad), cosB * sinT * Math.cos(phiRad) - sinB * cosT) * RAD2DEG;
  return { azimuthOffDeg: wrapDeg180(phiPDeg), elevDownDeg: thetaPDeg - 90 - electricalShiftDeg };
}

/**
 * Antenna gain toward a receiver seen from the antenna at a bearing and a depression angle, dBi.
 * Tilt: mechanical + (electrical − the pattern's built-in tilt), applied as `model` says.
 */
export function gainTowardDbi(
  pattern: AntennaPattern,
  mounting: AntennaMounting,
  rxBearingDeg: number,
  rxElevDownDeg: number,
  model: MechanicalTiltModel = 'shift',
): number {
  const a = antennaFrameAngles(mounting, pattern.builtInTiltDeg, rxBearingDeg, rxElevDownDeg, model);
  return pattern.gainDbi(a.azimuthOffDeg, a.elevDownDeg);
}

/**
 * Antenna gain toward a receiver at a horizontal offset from the antenna (flat ground), dBi.
 * @param dxEastM - receiver east of the antenna, m
 * @param dyNorthM - receiver north of the antenna, m
 * @param hRxM - receiver height above local ground, m
 */
export function gainTowardPointDbi(
  pattern: AntennaPattern,
  mounting: AntennaMounting,
  dxEastM: number,
  dyNorthM: number,
  hRxM: number,
  model: MechanicalTiltModel = 'shift',
): number {
  requireFinite('dxEastM', dxEastM);
  requireFinite('dyNorthM', dyNorthM);
  requireNonNegative('heightM', mounting.heightM);
  requireNonNegative('hRxM', hRxM);
  const d2dM = Math.sqrt(dxEastM * dxEastM + dyNorthM * dyNorthM);
  return gainTowardDbi(pattern, mounting, bearingDeg(dxEastM, dyNorthM), elevationDownDeg(mounting.heightM, hRxM, d2dM), model);
}
