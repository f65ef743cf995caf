/**
 * Terrain profile between two points of a DEM (spec §6: sampled along the path at the DEM's
 * resolution or a chosen spacing), optionally with clutter heights on the intermediate
 * points, and its ITM form `[n, spacing, h0 … hn]`.
 *
 * Over the 30–50 km of a cell's reach the straight line on the UTM plane and the great circle
 * differ by centimetres, so the path is the straight segment between the two points.
 */
import { InputError, requireFinite, requirePositive } from '../validity.ts';
import { checkGridValues, demHeightAtM, gridValueNearest, type Dem, type PointM } from './dem.ts';

/** Heights along a path at a constant spacing, index 0 at the transmitter. */
export interface TerrainProfile {
  /** Spacing of the samples, m: the path length divided by a whole number of intervals. */
  readonly spacingM: number;
  /** Path length, m. */
  readonly distanceM: number;
  /** Bare-ground heights (bilinear in the DEM), m. */
  readonly groundM: Float64Array;
  /** Clutter height added at each sample, m (0 at both ends and without clutter). */
  readonly clutterM: Float64Array;
  /** groundM + clutterM: what the propagation models see, m. */
  readonly heightsM: Float64Array;
}

/**
 * Samples the DEM from `from` to `to` at `spacingM` or slightly less (so that the last sample
 * falls on `to`). Clutter heights (a grid of the DEM's shape, nearest cell) are added to the
 * intermediate samples only: the antennas stand on the ground at both ends, as SPLAT! and
 * Signal-Server do it.
 *
 * @throws InputError for coincident points, a non-positive spacing or a clutter grid of the wrong size.
 */
export function terrainProfile(dem: Dem, from: PointM, to: PointM, spacingM: number, clutterHeightsM?: Float32Array | null): TerrainProfile {
  requireFinite('from', from.xM);
  requireFinite('from', from.yM);
  requireFinite('to', to.xM);
  requireFinite('to', to.yM);
  requirePositive('spacingM', spacingM);
  if (clutterHeightsM) checkGridValues(dem.grid, clutterHeightsM, 'clutterHeightsM');
  const dx = to.xM - from.xM;
  const dy = to.yM - from.yM;
  const distanceM = Math.hypot(dx, dy);
  if (!(distanceM > 0)) throw new InputError('to', 'the two ends of the profile coincide');
  const intervals = Math.max(1, Math.ceil(distanceM / spacingM - 1e-9));
  const n = intervals + 1;
  const groundM = new Float64Array(n);
  const clutterM = new Float64Array(n);
  const heightsM = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / intervals;
    const x = from.xM + dx * t;
    const y = from.yM + dy * t;
    const g = demHeightAtM(dem, x, y);
    const c = clutterHeightsM && i > 0 && i < intervals ? gridValueNearest(dem.grid, clutterHeightsM, x, y) : 0;
    groundM[i] = g;
    clutterM[i] = c;
    heightsM[i] = g + c;
  }
  return { spacingM: distanceM / intervals, distanceM, groundM, clutterM, heightsM };
}

/** The profile in ITM's array form `[n intervals, spacing m, h0 … hn]` (ground + clutter). */
export function itmPflOf(profile: TerrainProfile): Float64Array {
  const n = profile.heightsM.length;
  const pfl = new Float64Array(n + 2);
  pfl[0] = n - 1;
  pfl[1] = profile.spacingM;
  pfl.set(profile.heightsM, 2);
  return pfl;
}
