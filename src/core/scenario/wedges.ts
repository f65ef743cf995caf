/**
 * Map symbols of the scenario's sites: one wedge polygon per sector (a pie slice from the site
 * toward the sector's azimuth, as wide as its horizontal beamwidth) and one label point per
 * site. Pure data in, GeoJSON out (WGS 84, RFC 7946: exterior rings counter-clockwise), for a
 * MapLibre fill / line layer; the wedge radius is a drawing size, not a coverage range.
 *
 * Points on the arc come from the spherical "destination point" formula (mean Earth radius
 * 6 371 008.8 m, as turf's `destination` and `distance`), so the great-circle distance from the
 * site to every arc vertex is exactly the radius and the bearing of the arc's middle vertex is
 * exactly the azimuth (clockwise from north). The arc has a vertex every `stepDeg` at most and
 * always one at the azimuth itself.
 */
import type { Feature, FeatureCollection, Point, Polygon, Position } from 'geojson';
import type { Site } from './scenario.ts';

/** Mean Earth radius, m (IUGG; the value turf uses). */
export const EARTH_RADIUS_M = 6371008.8;

const DEG2RAD = Math.PI / 180;
const RAD2DEG = 180 / Math.PI;

/** Options of {@link sectorWedges}. */
export interface WedgeOptions {
  /** Wedge radius, m (default 400). */
  readonly radiusM?: number;
  /** Radius of an omni sector's circle as a fraction of `radiusM` (default 0.3). */
  readonly omniRadiusFraction?: number;
  /** Largest angle between arc vertices, degrees (default 5). */
  readonly stepDeg?: number;
  /** Selected site: every sector of it gets `selected: true`. */
  readonly selectedSiteId?: string | null;
  /** Selected sector (of `selectedSiteId` when given): it gets `selected: true`. */
  readonly selectedSectorId?: string | null;
}

/** Properties of a wedge feature. */
export interface WedgeProperties {
  readonly siteId: string;
  readonly sectorId: string;
  /** Boresight, degrees clockwise from north. */
  readonly azimuthDeg: number;
  /** Opening of the wedge, degrees (360 for an omni circle). */
  readonly hBeamwidthDeg: number;
  readonly omni: boolean;
  readonly status: Site['status'];
  readonly kind: Site['kind'];
  readonly carrierId: string;
  readonly selected: boolean;
}

/** Properties of a site label point. */
export interface SiteLabelProperties {
  readonly siteId: string;
  /** The site name, or its id when the name is empty. */
  readonly label: string;
  readonly status: Site['status'];
  readonly kind: Site['kind'];
  readonly sectorCount: number;
  readonly selected: boolean;
}

/**
 * The point at a great-circle distance and initial bearing from a start point (sphere of
 * radius {@link EARTH_RADIUS_M}).
 * @param lonDeg - start longitude, degrees
 * @param latDeg - start latitude, degrees
 * @param bearingDeg - initial bearing, degrees clockwise from north
 * @param distanceM - distance along the great circle, m
 * @returns [longitude, latitude], degrees (longitude in −180…180)
 * @example destinationLonLat(106, 10, 90, 1000) // ≈ [106.00913, 9.99999]
 */
export function destinationLonLat(lonDeg: number, latDeg: number, bearingDeg: number, distanceM: number): [number, number] {
  const phi1 = latDeg * DEG2RAD;
  const lambda1 = lonDeg * DEG2RAD;
  const theta = bearingDeg * DEG2RAD;
  const delta = distanceM / EARTH_RADIUS_M;
  const sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta);
  const phi2 = Math.asin(sinPhi2);
  const lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1), Math.cos(delta) - Math.sin(phi1) * sinPhi2);
  let lon = lambda2 * RAD2DEG;
  if (lon > 180) lon -= 360;
  else if (lon < -180) lon += 360;
  return [lon, phi2 * RAD2DEG];
}

/** The polygon ring of one wedge (or of a circle when `openingDeg` ≥ 360), counter-clockwise. */
function wedgeRing(lonDeg: number, latDeg: number, azimuthDeg: number, openingDeg: number, radiusM: number, stepDeg: number): Position[] {
  if (openingDeg >= 360) {
    const n = Math.max(8, Math.ceil(360 / stepDeg));
    const ring: Position[] = [];
    // Decreasing bearing = counter-clockwise seen from above.
    for (let k = 0; k < n; k++) ring.push(destinationLonLat(lonDeg, latDeg, azimuthDeg - (360 * k) / n, radiusM));
    ring.push(ring[0]);
    return ring;
  }
  // An even number of steps puts a vertex exactly on the azimuth.
  let n = Math.max(2, Math.ceil(openingDeg / stepDeg));
  if (n % 2 === 1) n++;
  const ring: Position[] = [[lonDeg, latDeg]];
  // From the right-hand edge (azimuth + half) back to the left-hand edge: counter-clockwise.
  for (let k = 0; k <= n; k++) ring.push(destinationLonLat(lonDeg, latDeg, azimuthDeg + openingDeg / 2 - (openingDeg * k) / n, radiusM));
  ring.push([lonDeg, latDeg]);
  return ring;
}

/**
 * One Polygon per sector of every site: a wedge from the site toward the azimuth, opening the
 * horizontal beamwidth (a `3gpp-sector` without one: 65°); an omni sector, or a beamwidth of
 * 360°, is a small circle. Feature ids are the feature's index (for MapLibre feature state).
 * @param sites - the scenario's sites
 * @param options - radius (m), arc step, selection
 * @example sectorWedges(scenario.sites, { radiusM: 400, selectedSiteId: 'M001' })
 */
export function sectorWedges(sites: readonly Site[], options: WedgeOptions = {}): FeatureCollection<Polygon, WedgeProperties> {
  const radiusM = options.radiusM ?? 400;
  const omniRadiusM = radiusM * (options.omniRadiusFraction ?? 0.3);
  const stepDeg = options.stepDeg ?? 5;
  if (!(radiusM > 0) || !(omniRadiusM > 0) || !(stepDeg > 0)) throw new RangeError(`sectorWedges: radiusM, omniRadiusFraction and stepDeg must be > 0, got ${radiusM}, ${options.omniRadiusFraction}, ${stepDeg}`);
  const features: Feature<Polygon, WedgeProperties>[] = [];
  for (const site of sites) {
    const siteSelected = options.selectedSiteId != null && options.selectedSiteId === site.id;
    for (const sector of site.sectors) {
      const hBeamwidthDeg = sector.antenna.type === 'omni' ? 360 : Math.min(360, sector.antenna.hBeamwidthDeg ?? 65);
      const omni = hBeamwidthDeg >= 360;
      const sectorSelected = options.selectedSectorId != null && options.selectedSectorId === sector.id && (options.selectedSiteId == null || siteSelected);
      features.push({
        type: 'Feature',
        id: features.length,
        geometry: { type: 'Polygon', coordinates: [wedgeRing(site.lonDeg, site.latDeg, sector.azimuthDeg, hBeamwidthDeg, omni ? omniRadiusM : radiusM, stepDeg)] },
        properties: {
          siteId: site.id,
          sectorId: sector.id,
          azimuthDeg: sector.azimuthDeg,
          hBeamwidthDeg,
          omni,
          status: site.status,
          kind: site.kind,
          carrierId: sector.carrierId,
          selected: siteSelected || sectorSelected,
        },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

/**
 * One Point per site at its position, labelled with its name (or id), for a symbol layer.
 * @param selectedSiteId - the site to mark `selected: true`
 */
export function siteLabelPoints(sites: readonly Site[], selectedSiteId: string | null = null): FeatureCollection<Point, SiteLabelProperties> {
  return {
    type: 'FeatureCollection',
    features: sites.map((site, i) => ({
      type: 'Feature',
      id: i,
      geometry: { type: 'Point', coordinates: [site.lonDeg, site.latDeg] },
      properties: {
        siteId: site.id,
        label: site.name.trim() === '' ? site.id : site.name,
        status: site.status,
        kind: site.kind,
        sectorCount: site.sectors.length,
        selected: selectedSiteId !== null && selectedSiteId === site.id,
      },
    })),
  };
}
