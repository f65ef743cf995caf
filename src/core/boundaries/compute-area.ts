/**
 * Is a boundary usable as the area to compute (the province outline of `phusong coverage
 * --boundary`, or a boundary dropped in the app)? The engine grids the area on EPSG:32648
 * (UTM zone 48N) and keeps only cells whose centre is inside; a whole-world outline projects
 * to no finite grid (0 cells, exit 0, nothing said), and a tiny outline far away leaves every
 * site outside, so the app would drop them all and autosave the empty network. This check
 * refuses both, before anything is computed or dropped.
 *
 * Refused, in this order (each message names the file):
 * 1. no polygon ring;
 * 2. wider or taller than {@link COMPUTE_AREA_LIMITS}.maxSpanDeg (a country or world outline);
 * 3. centre outside the longitudes the UTM 48N grid serves without large distortion
 *    (105° E ± {@link COMPUTE_AREA_LIMITS}.maxOffMeridianDeg; the UTM scale error there is
 *    under 1.3 %), or a latitude UTM does not cover;
 * 4. no cell of `cellSizeM` with its centre inside (the same scanline rule as the engine's
 *    mask, src/core/grid/rasterize.ts);
 * 5. sites given and none of them inside.
 */
import type { Position } from 'geojson';
import { gridForBBox } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import { flattenRings, rasterizeRings } from '../grid/rasterize.ts';
import { BoundaryFileError } from './boundaries.ts';

export const COMPUTE_AREA_LIMITS = {
  /** Largest extent in longitude or latitude, degrees (Vĩnh Long spans about 1.2°). */
  maxSpanDeg: 5,
  /** Central meridian of UTM zone 48, degrees east. */
  centralMeridianDeg: 105,
  /** Largest distance of the centre from the central meridian, degrees (one zone either side). */
  maxOffMeridianDeg: 6,
  /** Latitudes UTM covers, degrees. */
  minLatDeg: -80,
  maxLatDeg: 84,
} as const;

export interface ComputeAreaCheck {
  /** Sites whose position is inside the boundary (even–odd over all rings). */
  readonly sitesInside: number;
  /** Ids of the sites outside (the app and the command line leave them out). */
  readonly sitesOutside: string[];
}

/**
 * Checks a boundary before a computation (see the file header for what is refused).
 * @param rings - outer rings and holes, WGS 84 [lon, lat] (boundaries.ts `ringsOf`)
 * @param sites - the scenario's sites (their `id`, `lonDeg`, `latDeg`)
 * @param cellSizeM - grid cell size, m (10–500 in the engine)
 * @param fileName - named in every message
 * @throws BoundaryFileError naming the file and the reason
 * @example checkComputeArea(ringsOf(province.geometry), scenario.sites, 50, 'province.geojson').sitesOutside // → []
 */
export function checkComputeArea(rings: readonly (readonly Position[])[], sites: readonly { readonly id: string; readonly lonDeg: number; readonly latDeg: number }[], cellSizeM: number, fileName: string): ComputeAreaCheck {
  const L = COMPUTE_AREA_LIMITS;
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (const ring of rings) for (const p of ring) {
    if (p[0] < minLon) minLon = p[0];
    if (p[0] > maxLon) maxLon = p[0];
    if (p[1] < minLat) minLat = p[1];
    if (p[1] > maxLat) maxLat = p[1];
  }
  if (!(maxLon > minLon && maxLat > minLat)) throw new BoundaryFileError(fileName, 'the boundary has no polygon with an area to compute');
  const spanLon = maxLon - minLon;
  const spanLat = maxLat - minLat;
  if (spanLon > L.maxSpanDeg || spanLat > L.maxSpanDeg) {
    throw new BoundaryFileError(fileName, `the boundary spans ${round(spanLon)}° of longitude × ${round(spanLat)}° of latitude, more than the ${L.maxSpanDeg}° a province spans (a country or world outline?)`);
  }
  const lon0 = (minLon + maxLon) / 2;
  const lat0 = (minLat + maxLat) / 2;
  if (Math.abs(lon0 - L.centralMeridianDeg) > L.maxOffMeridianDeg || lat0 < L.minLatDeg || lat0 > L.maxLatDeg) {
    throw new BoundaryFileError(fileName, `the boundary is centred at ${round(lon0)}° E, ${round(lat0)}° N, outside the area of the EPSG:32648 (UTM zone 48N) grid phusong computes on: longitudes ${L.centralMeridianDeg - L.maxOffMeridianDeg}–${L.centralMeridianDeg + L.maxOffMeridianDeg}° E`);
  }
  if (!hasCellInside(rings, cellSizeM)) {
    throw new BoundaryFileError(fileName, `no ${cellSizeM} m grid cell has its centre inside the boundary (${round(spanLon)}° × ${round(spanLat)}°): nothing to compute`);
  }
  const sitesOutside: string[] = [];
  let sitesInside = 0;
  for (const s of sites) {
    const inBox = s.lonDeg >= minLon && s.lonDeg <= maxLon && s.latDeg >= minLat && s.latDeg <= maxLat;
    if (inBox && insideRings(rings, s.lonDeg, s.latDeg)) sitesInside++;
    else sitesOutside.push(s.id);
  }
  if (sites.length > 0 && sitesInside === 0) {
    throw new BoundaryFileError(fileName, `none of the scenario's ${sites.length} sites lies inside the boundary (${round(minLon)}–${round(maxLon)}° E, ${round(minLat)}–${round(maxLat)}° N): it would leave an empty network`);
  }
  return { sitesInside, sitesOutside };
}

/** True as soon as one cell centre of the engine's grid lies inside (row bands, early exit). */
function hasCellInside(rings: readonly (readonly Position[])[], cellSizeM: number): boolean {
  const ringsM = rings.map((ring) => ring.map((p) => lonLatToUtm(p[0], p[1])));
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of ringsM) for (const [x, y] of ring) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (!(maxX > minX && maxY > minY)) return false;
  const grid = gridForBBox([minX, minY, maxX, maxY], cellSizeM);
  const flat = flattenRings(ringsM);
  const band = Math.max(1, Math.min(grid.height, Math.floor(4_000_000 / grid.width)));
  const mask = new Uint8Array(band * grid.width);
  for (let row = 0; row < grid.height; row += band) {
    const end = Math.min(grid.height, row + band);
    rasterizeRings(grid, flat, row, end, mask);
    const n = (end - row) * grid.width;
    for (let i = 0; i < n; i++) if (mask[i]) return true;
  }
  return false;
}

/** Even–odd point-in-polygon over all rings (holes and several parts need no special case). */
function insideRings(rings: readonly (readonly Position[])[], lon: number, lat: number): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const round = (v: number): number => Math.round(v * 100) / 100;
