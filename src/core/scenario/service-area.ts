/**
 * A private network's service area (a public-security campus, a port…) from a GeoJSON file or
 * drawn vertices: one Polygon in WGS 84 lon/lat, valid (closed rings, no self-intersection) and
 * inside the province. Every refusal names the file, the feature and what is wrong; a refused
 * file changes nothing.
 */
import type { Polygon, Position } from 'geojson';
import booleanValid from '@turf/boolean-valid';
import turfArea from '@turf/area';
import type { InsideTest } from './scenario.ts';

export class ServiceAreaError extends Error {
  constructor(readonly fileName: string, message: string) {
    super(`${fileName}: ${message}`);
    this.name = 'ServiceAreaError';
  }
}

/** Largest service area accepted, km²: a campus or an industrial park, not a district. */
export const MAX_SERVICE_AREA_KM2 = 50;

/**
 * Checks a polygon: coordinates are finite lon/lat (not swapped), the polygon is valid, every
 * vertex inside the province (when `inside` is given), area in (0, {@link MAX_SERVICE_AREA_KM2}].
 * @returns the polygon with closed rings
 * @throws ServiceAreaError naming `where` (e.g. "feature 1") and the reason
 */
export function checkServiceArea(poly: Polygon, fileName: string, where: string, inside?: InsideTest): Polygon {
  const rings: Position[][] = [];
  for (const [ri, ring] of poly.coordinates.entries()) {
    if (!Array.isArray(ring) || ring.length < 3) throw new ServiceAreaError(fileName, `${where}, ring ${ri + 1}: needs at least 3 vertices`);
    const out: Position[] = [];
    for (const [vi, p] of ring.entries()) {
      if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        throw new ServiceAreaError(fileName, `${where}, ring ${ri + 1}, vertex ${vi + 1}: not a [lon, lat] pair of numbers (${JSON.stringify(p)})`);
      }
      const [lon, lat] = p;
      if (Math.abs(lat) > 90 && Math.abs(lon) <= 90 && (!inside || inside(lat, lon))) {
        throw new ServiceAreaError(fileName, `${where}, ring ${ri + 1}, vertex ${vi + 1}: (${lon}, ${lat}) is outside the province; swapped it would be inside (GeoJSON order is [lon, lat])`);
      }
      if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
        throw new ServiceAreaError(fileName, `${where}, ring ${ri + 1}, vertex ${vi + 1}: (${lon}, ${lat}) is not a longitude/latitude in degrees (projected coordinates? GeoJSON is WGS 84)`);
      }
      if (inside && !inside(lon, lat)) {
        const hint = inside(lat, lon) ? '; swapped it would be inside (GeoJSON order is [lon, lat])' : '';
        throw new ServiceAreaError(fileName, `${where}, ring ${ri + 1}, vertex ${vi + 1}: (${lon}, ${lat}) is outside the province${hint}`);
      }
      out.push([lon, lat]);
    }
    const [f, l] = [out[0], out[out.length - 1]];
    if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
    if (out.length < 4) throw new ServiceAreaError(fileName, `${where}, ring ${ri + 1}: needs at least 3 distinct vertices`);
    rings.push(out);
  }
  if (!rings.length) throw new ServiceAreaError(fileName, `${where}: the polygon has no ring`);
  const polygon: Polygon = { type: 'Polygon', coordinates: rings };
  if (!booleanValid(polygon) || rings.some(selfIntersects)) throw new ServiceAreaError(fileName, `${where}: the polygon is not valid (its edges cross or a hole lies outside)`);
  const km2 = turfArea(polygon) / 1e6;
  if (!(km2 > 0)) throw new ServiceAreaError(fileName, `${where}: the polygon has no area`);
  if (km2 > MAX_SERVICE_AREA_KM2) throw new ServiceAreaError(fileName, `${where}: ${km2.toFixed(1)} km² is larger than a private network's service area (≤ ${MAX_SERVICE_AREA_KM2} km²)`);
  return polygon;
}

/**
 * The service area of a GeoJSON text: a Polygon geometry, a Feature of one, or a
 * FeatureCollection whose first polygon feature is taken (a MultiPolygon of one part is
 * accepted as its polygon).
 * @example parseServiceArea(text, 'campus.geojson', inside).coordinates[0].length // → 5
 */
export function parseServiceArea(text: string, fileName: string, inside?: InsideTest): Polygon {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ServiceAreaError(fileName, `not valid JSON (${(err as Error).message})`);
  }
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!obj(json)) throw new ServiceAreaError(fileName, 'not a GeoJSON object');
  const candidates: { geom: unknown; where: string }[] = [];
  if (json.type === 'FeatureCollection') {
    if (!Array.isArray(json.features) || json.features.length === 0) throw new ServiceAreaError(fileName, 'the FeatureCollection has no feature');
    json.features.forEach((f, i) => candidates.push({ geom: obj(f) ? f.geometry : null, where: `feature ${i + 1}` }));
  } else if (json.type === 'Feature') candidates.push({ geom: json.geometry, where: 'feature 1' });
  else candidates.push({ geom: json, where: 'geometry' });
  for (const c of candidates) {
    const g = c.geom;
    if (!obj(g)) continue;
    if (g.type === 'Polygon' && Array.isArray(g.coordinates)) return checkServiceArea(g as unknown as Polygon, fileName, c.where, inside);
    if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
      if (g.coordinates.length !== 1) throw new ServiceAreaError(fileName, `${c.where}: a MultiPolygon of ${g.coordinates.length} parts; a service area is one polygon`);
      return checkServiceArea({ type: 'Polygon', coordinates: g.coordinates[0] as Position[][] }, fileName, c.where, inside);
    }
  }
  const types = candidates.map((c) => (obj(c.geom) ? String(c.geom.type) : 'none')).join(', ');
  throw new ServiceAreaError(fileName, `no Polygon geometry found (geometry types: ${types})`);
}

/** True when two non-adjacent edges of a closed ring cross or touch (O(n²): service areas have few vertices). */
function selfIntersects(ring: Position[]): boolean {
  const n = ring.length - 1; // edges; ring[n] = ring[0]
  const orient = (a: Position, b: Position, c: Position) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const onSeg = (a: Position, b: Position, c: Position) => Math.min(a[0], b[0]) <= c[0] && c[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= c[1] && c[1] <= Math.max(a[1], b[1]);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue; // neighbours share a vertex
      const [a, b, c, d] = [ring[i], ring[i + 1], ring[j], ring[j + 1]];
      const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
      if (o1 !== o2 && o3 !== o4) return true;
      if ((o1 === 0 && onSeg(a, b, c)) || (o2 === 0 && onSeg(a, b, d)) || (o3 === 0 && onSeg(c, d, a)) || (o4 === 0 && onSeg(c, d, b))) return true;
    }
  }
  return false;
}
