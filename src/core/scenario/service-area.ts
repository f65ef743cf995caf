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
import { describeValue, sanitizeText } from './text.ts';

export class ServiceAreaError extends Error {
  /** What is wrong, without the file and the place (`needs at least 3 vertices`). */
  readonly reason: string;
  /** 0-based ring and vertex the problem is at, when it is at one. */
  readonly ring?: number;
  readonly vertex?: number;
  /**
   * @param message - `<where>: <reason>`, shown after the file name
   * @param at - the reason alone and the 0-based ring / vertex, for callers that print a path
   */
  constructor(readonly fileName: string, message: string, at: { reason?: string; ring?: number; vertex?: number } = {}) {
    super(`${fileName}: ${message}`);
    this.name = 'ServiceAreaError';
    this.reason = at.reason ?? message;
    if (at.ring !== undefined) this.ring = at.ring;
    if (at.vertex !== undefined) this.vertex = at.vertex;
  }
}

/** Largest service area accepted, km²: a campus or an industrial park, not a district. */
export const MAX_SERVICE_AREA_KM2 = 50;
/**
 * Most vertices accepted over all rings: a campus outline traced by hand or from OSM has tens
 * to hundreds; the self-intersection test is O(n²) per ring, so a hostile file with a million
 * vertices is refused before it starts.
 */
export const MAX_SERVICE_AREA_VERTICES = 5000;
/** Most rings (outer + holes). */
export const MAX_SERVICE_AREA_RINGS = 100;

/**
 * Checks a polygon: coordinates are finite lon/lat (not swapped), the polygon is valid, every
 * vertex inside the province (when `inside` is given), area in (0, {@link MAX_SERVICE_AREA_KM2}].
 * @returns the polygon with closed rings
 * @throws ServiceAreaError naming `where` (e.g. "feature 1") and the reason
 */
export function checkServiceArea(poly: Polygon, fileName: string, where: string, inside?: InsideTest): Polygon {
  const fail = (reason: string, ring?: number, vertex?: number): never => {
    const at = ring === undefined ? '' : `, ring ${ring + 1}${vertex === undefined ? '' : `, vertex ${vertex + 1}`}`;
    throw new ServiceAreaError(fileName, `${where}${at}: ${reason}`, { reason, ring, vertex });
  };
  const coordinates: unknown = (poly as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(coordinates)) return fail('the polygon has no ring');
  if (coordinates.length > MAX_SERVICE_AREA_RINGS) fail(`${coordinates.length} rings, more than the ${MAX_SERVICE_AREA_RINGS} a service area may have`);
  let vertices = 0;
  for (const ring of coordinates as unknown[]) if (Array.isArray(ring)) vertices += ring.length;
  if (vertices > MAX_SERVICE_AREA_VERTICES) fail(`${vertices} vertices, more than the ${MAX_SERVICE_AREA_VERTICES} a service area may have (simplify the outline)`);
  const rings: Position[][] = [];
  for (const [ri, ring] of (coordinates as unknown[]).entries()) {
    if (!Array.isArray(ring) || ring.length < 3) fail('needs at least 3 vertices', ri);
    const out: Position[] = [];
    for (const [vi, p] of (ring as unknown[]).entries()) {
      if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        fail(`not a [lon, lat] pair of numbers (${shownPosition(p)})`, ri, vi);
      }
      const [lon, lat] = p as number[];
      if (Math.abs(lat) > 90 && Math.abs(lon) <= 90 && (!inside || inside(lat, lon))) {
        fail(`(${lon}, ${lat}) is outside the province; swapped it would be inside (GeoJSON order is [lon, lat])`, ri, vi);
      }
      if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
        fail(`(${lon}, ${lat}) is not a longitude/latitude in degrees (projected coordinates? GeoJSON is WGS 84)`, ri, vi);
      }
      if (inside && !inside(lon, lat)) {
        const hint = inside(lat, lon) ? '; swapped it would be inside (GeoJSON order is [lon, lat])' : '';
        fail(`(${lon}, ${lat}) is outside the province${hint}`, ri, vi);
      }
      out.push([lon, lat]);
    }
    const [f, l] = [out[0], out[out.length - 1]];
    if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
    if (out.length < 4) fail('needs at least 3 distinct vertices', ri);
    rings.push(out);
  }
  if (!rings.length) fail('the polygon has no ring');
  const polygon: Polygon = { type: 'Polygon', coordinates: rings };
  if (rings.some(selfIntersects) || !booleanValid(polygon)) fail('the polygon is not valid (its edges cross or a hole lies outside)');
  const km2 = turfArea(polygon) / 1e6;
  if (!(km2 > 0)) fail('the polygon has no area');
  if (km2 > MAX_SERVICE_AREA_KM2) fail(`${km2.toFixed(1)} km² is larger than a private network's service area (≤ ${MAX_SERVICE_AREA_KM2} km²)`);
  return polygon;
}

/** A vertex as quoted in a message: JSON of a short value, the kind of a nested one. */
function shownPosition(p: unknown): string {
  if (Array.isArray(p) && p.every((x) => x === null || typeof x !== 'object')) {
    const text = JSON.stringify(p.slice(0, 4));
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  }
  if (p !== null && typeof p === 'object') return Array.isArray(p) ? 'a nested list' : 'an object';
  return JSON.stringify(p) ?? String(p);
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
  const typeOf = (g: unknown): string => (!obj(g) ? 'none' : typeof g.type === 'string' ? sanitizeText(g.type).slice(0, 40) : describeValue(g.type));
  const shown = candidates.slice(0, 10).map((c) => typeOf(c.geom));
  const types = shown.join(', ') + (candidates.length > 10 ? `, … (${candidates.length} features)` : '');
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
