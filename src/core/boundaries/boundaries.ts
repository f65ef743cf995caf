/**
 * Reading administrative-boundary GeoJSON (the Vĩnh Long communes, or any province's file a
 * user drops in). Fatal problems (empty, not JSON, not a FeatureCollection of polygons) throw a
 * {@link BoundaryFileError} that names the file; per-feature problems are listed and the
 * feature skipped, so one bad polygon does not blank the map.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

export class BoundaryFileError extends Error {
  readonly fileName: string;
  constructor(fileName: string, message: string) {
    super(`${fileName}: ${message}`);
    this.name = 'BoundaryFileError';
    this.fileName = fileName;
  }
}

export type BoundaryFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

export interface BoundaryLoadResult {
  readonly features: BoundaryFeature[];
  /** One message per skipped feature, naming file, feature index (1-based) and what is wrong. */
  readonly problems: string[];
  /** Property keys present on every kept feature (for choosing a name property). */
  readonly commonProperties: string[];
}

/**
 * Parses and checks a boundary GeoJSON text.
 * @param text - file contents (UTF-8 decoded)
 * @param fileName - shown in every message
 * @param nameProperty - when given, features whose property is missing or empty are reported
 */
export function parseBoundaryGeoJson(text: string, fileName: string, nameProperty?: string): BoundaryLoadResult {
  if (text.trim().length === 0) throw new BoundaryFileError(fileName, 'the file is empty');
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new BoundaryFileError(fileName, `not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    const t = isObject(json) ? String(json.type) : typeof json;
    throw new BoundaryFileError(fileName, `expected a GeoJSON FeatureCollection, found ${t}`);
  }
  const fc = json as unknown as FeatureCollection;
  if (fc.features.length === 0) throw new BoundaryFileError(fileName, 'the FeatureCollection has no features');
  const features: BoundaryFeature[] = [];
  const problems: string[] = [];
  fc.features.forEach((f, i) => {
    const where = `${fileName}, feature ${i + 1}`;
    const g = isObject(f) ? (f as Feature).geometry : null;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      problems.push(`${where}: geometry must be Polygon or MultiPolygon, found ${g ? g.type : 'none'}`);
      return;
    }
    const coordProblem = checkCoordinates(g);
    if (coordProblem) {
      problems.push(`${where}: ${coordProblem}`);
      return;
    }
    const props = (isObject(f.properties) ? f.properties : {}) as Record<string, unknown>;
    if (nameProperty !== undefined) {
      const v = props[nameProperty];
      if (v === undefined || v === null || String(v).trim() === '') {
        problems.push(`${where}: property "${nameProperty}" is missing or empty`);
        return;
      }
    }
    features.push({ type: 'Feature', id: f.id, properties: props, geometry: g });
  });
  if (features.length === 0) {
    throw new BoundaryFileError(fileName, `no usable polygon features (${problems.length} skipped; first: ${problems[0] ?? 'none'})`);
  }
  const keys = Object.keys(features[0].properties);
  const commonProperties = keys.filter((k) => features.every((f) => k in f.properties));
  return { features, problems, commonProperties };
}

function checkCoordinates(g: Polygon | MultiPolygon): string | null {
  const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!Array.isArray(polys) || polys.length === 0) return 'geometry has no coordinates';
  for (const poly of polys) {
    if (!Array.isArray(poly) || poly.length === 0) return 'a polygon has no rings';
    for (const ring of poly) {
      if (!Array.isArray(ring) || ring.length < 4) return 'a ring has fewer than 4 positions';
      for (const p of ring) {
        if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
          return `a position is not a pair of finite numbers: ${JSON.stringify(p)}`;
        }
        if (Math.abs(p[1]) > 90 && Math.abs(p[1]) <= 180 && Math.abs(p[0]) <= 90) {
          return `position [${p[0]}, ${p[1]}] looks like [latitude, longitude]; GeoJSON requires [longitude, latitude]`;
        }
        if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
          return `position [${p[0]}, ${p[1]}] is not longitude/latitude in degrees (projected coordinates? GeoJSON must be WGS 84, RFC 7946)`;
        }
      }
    }
  }
  return null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Outer and inner rings of a (Multi)Polygon, for rasterizing and point-in-polygon tests. */
export function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}
