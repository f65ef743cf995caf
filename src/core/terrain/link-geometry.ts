/**
 * Geometry of a point-to-point link over a terrain profile, for the link-profile chart (spec §1,
 * §6): earth bulge on an effective earth of radius k·6371 km, the straight line of sight
 * between the two antennas, the first Fresnel zone around it, the 60 % clearance line, and the
 * worst obstruction with its clearance.
 *
 * Everything is drawn in the "flat chart" frame usual for path profiles: the terrain is raised
 * by the bulge b(d) = d1·d2 / (2·k·R) and the line of sight is straight.
 */
import { InputError, requirePositive } from '../validity.ts';
import type { TerrainProfile } from './profile.ts';

/** Mean earth radius of the spec (§1), m. */
export const EARTH_RADIUS_M = 6_371_000;
/** Default effective-earth factor (standard atmosphere). */
export const DEFAULT_K_FACTOR = 4 / 3;
const C_M_PER_S = 299_792_458;

export interface LinkGeometryInput {
  readonly profile: TerrainProfile;
  /** Antenna heights above the ground at each end, m. */
  readonly hTxM: number;
  readonly hRxM: number;
  readonly freqMHz: number;
  /** Effective-earth factor k (default 4/3). */
  readonly kFactor?: number;
  /** Clearance fraction of the first Fresnel zone to draw (default 0.6). */
  readonly clearanceFraction?: number;
}

export interface LinkGeometry {
  /** Distance of each sample from the transmitter, m. */
  readonly distanceM: Float64Array;
  /** Earth bulge at each sample, m. */
  readonly bulgeM: Float64Array;
  /** Terrain (with clutter) raised by the bulge, m. */
  readonly terrainM: Float64Array;
  /** Height of the straight line between the antennas, m. */
  readonly lineOfSightM: Float64Array;
  /** First Fresnel zone radius √(λ·d1·d2/d), m (0 at the ends). */
  readonly fresnelRadiusM: Float64Array;
  /** lineOfSightM − clearanceFraction·fresnelRadiusM: the terrain should stay below it, m. */
  readonly clearanceLineM: Float64Array;
  /** Index of the intermediate sample with the smallest clearance as a fraction of F1 (−1 with no intermediate sample). */
  readonly worstIndex: number;
  /** Line of sight minus terrain at the worst sample, m (negative: the terrain blocks the line). */
  readonly worstClearanceM: number;
  /** worstClearanceM / F1 there (≥ 0.6 is the usual design rule; < 0 obstructed). */
  readonly worstClearanceFraction: number;
  /** True when every intermediate sample lies below the line of sight. */
  readonly lineOfSight: boolean;
  /** True when every intermediate sample lies below the clearance line. */
  readonly clearanceMet: boolean;
  readonly kFactor: number;
  readonly wavelengthM: number;
}

/**
 * Link geometry over `profile`.
 * @throws InputError for negative antenna heights, a non-positive frequency or k.
 * @example linkGeometry({ profile, hTxM: 30, hRxM: 10, freqMHz: 3500 }).worstClearanceFraction
 */
export function linkGeometry(input: LinkGeometryInput): LinkGeometry {
  const { profile, hTxM, hRxM, freqMHz } = input;
  const k = input.kFactor ?? DEFAULT_K_FACTOR;
  const fraction = input.clearanceFraction ?? 0.6;
  if (!(hTxM >= 0) || !(hRxM >= 0)) throw new InputError(hTxM >= 0 ? 'hRxM' : 'hTxM', 'antenna heights must be ≥ 0 m');
  requirePositive('freqMHz', freqMHz);
  requirePositive('kFactor', k);
  const h = profile.heightsM;
  const n = h.length;
  const d = profile.distanceM;
  const ae = k * EARTH_RADIUS_M;
  const lambda = C_M_PER_S / (freqMHz * 1e6);
  const zTx = h[0] + hTxM;
  const zRx = h[n - 1] + hRxM;
  const distanceM = new Float64Array(n);
  const bulgeM = new Float64Array(n);
  const terrainM = new Float64Array(n);
  const lineOfSightM = new Float64Array(n);
  const fresnelRadiusM = new Float64Array(n);
  const clearanceLineM = new Float64Array(n);
  let worstIndex = -1;
  let worstFraction = Infinity;
  let worstClearance = NaN;
  let los = true;
  let met = true;
  for (let i = 0; i < n; i++) {
    const d1 = i === n - 1 ? d : i * profile.spacingM;
    const d2 = d - d1;
    const bulge = (d1 * d2) / (2 * ae);
    const line = zTx + ((zRx - zTx) * d1) / d;
    const f1 = Math.sqrt(Math.max(0, (lambda * d1 * d2) / d));
    distanceM[i] = d1;
    bulgeM[i] = bulge;
    terrainM[i] = h[i] + bulge;
    lineOfSightM[i] = line;
    fresnelRadiusM[i] = f1;
    clearanceLineM[i] = line - fraction * f1;
    if (i === 0 || i === n - 1) continue;
    const clearance = line - terrainM[i];
    const f = clearance / f1;
    if (clearance <= 0) los = false;
    if (terrainM[i] > clearanceLineM[i]) met = false;
    if (f < worstFraction) {
      worstFraction = f;
      worstIndex = i;
      worstClearance = clearance;
    }
  }
  return {
    distanceM, bulgeM, terrainM, lineOfSightM, fresnelRadiusM, clearanceLineM, worstIndex,
    worstClearanceM: worstClearance, worstClearanceFraction: worstIndex < 0 ? NaN : worstFraction,
    lineOfSight: los, clearanceMet: met, kFactor: k, wavelengthM: lambda,
  };
}
