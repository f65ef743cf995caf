/**
 * The link profile of the point-to-point check (issue 12): the terrain between a site and a
 * point from the scene's DEM (with the clutter heights of the classes on the intermediate
 * points), its link geometry (link-geometry.ts: earth bulge for an editable k, line of sight,
 * first Fresnel zone, the 60 % line, the worst obstruction) and ITM point-to-point over the same
 * profile (loss and propagation mode). Without a DEM the ground is flat at 2 m (the engine's
 * flat earth), said by `flat`. Pure: the chart (src/ui/views/link-profile-view.ts) draws it.
 */
import type { Grid } from '../grid/grid.ts';
import { itmErrorMessage, itmSucceeded } from '../itm/codes.ts';
import { itmP2p, type ItmResult } from '../itm/p2p.ts';
import type { ItmParams } from '../itm/params.ts';
import { InputError } from '../validity.ts';
import type { Dem, PointM } from './dem.ts';
import { linkGeometry, type LinkGeometry } from './link-geometry.ts';
import { itmPflOf, terrainProfile, type TerrainProfile } from './profile.ts';

/** Ground height of the flat earth without a DEM, m (docs/ground.md). */
export const FLAT_EARTH_M = 2;

export interface LinkProfileInput {
  /** The DEM (the scene's grid and heights), or null: flat earth at 2 m. */
  readonly dem: Dem | null;
  /** Clutter height per cell of the DEM's grid, m (intermediate points only), or null. */
  readonly clutterHeightsM?: Float32Array | null;
  readonly from: PointM;
  readonly to: PointM;
  /** Antenna heights above ground at the site and the point, m. */
  readonly hTxM: number;
  readonly hRxM: number;
  readonly freqMHz: number;
  /** Effective-earth factor (default 4/3). */
  readonly kFactor?: number;
  /** Sample spacing, m (default: the DEM's cell, 30 m without a DEM). */
  readonly spacingM?: number;
  /** ITM settings besides the frequency. */
  readonly itm: Omit<ItmParams, 'freqMHz'>;
}

export interface LinkProfileModel {
  readonly profile: TerrainProfile;
  readonly geometry: LinkGeometry;
  /** ITM point-to-point over the profile (the far end on bare ground). */
  readonly itm: ItmResult;
  /** ITM's error in words when it rejects the path, else null. */
  readonly itmError: string | null;
  /** True without a DEM. */
  readonly flat: boolean;
}

/** A one-cell flat DEM around two points (the profile of the flat earth). */
function flatDem(from: PointM, to: PointM): Dem {
  const grid: Grid = { width: 1, height: 1, originX: Math.min(from.xM, to.xM) - 1, originY: Math.max(from.yM, to.yM) + 1, cellSizeM: 1 + Math.max(Math.abs(to.xM - from.xM), Math.abs(to.yM - from.yM)) + 1, crs: 'EPSG:32648' };
  return { grid, heightsM: new Float32Array(1).fill(FLAT_EARTH_M) };
}

/**
 * The link profile between two points.
 * @throws InputError for coincident points or invalid heights, frequency or k.
 */
export function linkProfileModel(input: LinkProfileInput): LinkProfileModel {
  const flat = input.dem === null;
  const dem = input.dem ?? flatDem(input.from, input.to);
  const spacingM = input.spacingM ?? (flat ? 30 : dem.grid.cellSizeM);
  const profile = terrainProfile(dem, input.from, input.to, spacingM, flat ? null : input.clutterHeightsM ?? null);
  const geometry = linkGeometry({ profile, hTxM: input.hTxM, hRxM: input.hRxM, freqMHz: input.freqMHz, kFactor: input.kFactor });
  // ITM sees the clutter on the intermediate points; both ends stand on the ground.
  const pfl = itmPflOf(profile);
  const itm = itmP2p(input.hTxM, input.hRxM, pfl, { ...input.itm, freqMHz: input.freqMHz });
  return { profile, geometry, itm, itmError: itmSucceeded(itm.code) ? null : `ITM error ${itm.code}: ${itmErrorMessage(itm.code)}`, flat };
}

const fmt = (v: number) => (Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '');

/**
 * The profile as CSV (one row per sample, metres): distance, ground, clutter, earth bulge,
 * terrain + bulge, line of sight, F1 radius, the Fresnel zone's lower and upper edges, the
 * clearance line, and the clearance (line of sight − terrain).
 */
export function linkProfileCsv(m: LinkProfileModel): string {
  const g = m.geometry;
  const p = m.profile;
  const rows = ['distance_m,ground_m,clutter_m,bulge_m,terrain_m,line_of_sight_m,fresnel_radius_m,fresnel_lower_m,fresnel_upper_m,clearance_line_m,clearance_m'];
  for (let i = 0; i < g.distanceM.length; i++) {
    rows.push([
      g.distanceM[i], p.groundM[i], p.clutterM[i], g.bulgeM[i], g.terrainM[i], g.lineOfSightM[i], g.fresnelRadiusM[i],
      g.lineOfSightM[i] - g.fresnelRadiusM[i], g.lineOfSightM[i] + g.fresnelRadiusM[i], g.clearanceLineM[i], g.lineOfSightM[i] - g.terrainM[i],
    ].map(fmt).join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** Checks a k-factor typed by the user (0.1–100). @throws InputError otherwise. */
export function checkKFactor(k: number): number {
  if (!(k >= 0.1 && k <= 100)) throw new InputError('kFactor', `k must be a number from 0.1 to 100, got ${k}`);
  return k;
}
