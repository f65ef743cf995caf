/**
 * Reading administrative-boundary GeoJSON (the Vĩnh Long communes, or any province's file a
 * user drops in). Fatal problems (empty, not JSON, not a FeatureCollection of polygons, more
 * than {@link BOUNDARY_LIMITS}) throw a {@link BoundaryFileError} that names the file;
 * per-feature problems are listed and the feature skipped, so one bad polygon does not blank
 * the map. Every message names the file, the feature (1-based) and, for a property, its name.
 *
 * Properties are untrusted text: string values are sanitised (src/core/scenario/text.ts: no
 * bidi overrides or zero-width characters), a value holding a NUL character skips the feature
 * (binary data), and values that are lists or objects are left out of the kept properties
 * (nothing downstream reads them, and a deep one would break a later JSON.stringify).
 * {@link BoundaryLoadResult.nameProperties} lists the properties that can name every feature;
 * when there is none, {@link BoundaryLoadResult.nameProblem} says so and the caller (the drop
 * zone) must not offer the file as named areas.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describeValue, hasNul, quoteShort, sanitizeText } from '../scenario/text.ts';

/** Size limits of a boundary file (Vietnam's 10,600 communes fit; a million vertices do). */
export const BOUNDARY_LIMITS = {
  maxFeatures: 20_000,
  /** Positions over all features. */
  maxPositions: 5_000_000,
} as const;

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
  /**
   * Properties that can name every kept feature: present on each with non-empty text or a
   * number (e.g. `name`, `code`). Empty when none can: see {@link nameProblem}.
   */
  readonly nameProperties: string[];
  /**
   * Why the file cannot name its areas (no property shared by all features with a text or
   * number value), naming the file; null when {@link nameProperties} is not empty. A drop zone
   * must refuse the file with this message rather than offer "Use".
   */
  readonly nameProblem: string | null;
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
    const t = !isObject(json) ? (Array.isArray(json) ? 'a list' : json === null ? 'null' : typeof json) : typeof json.type === 'string' ? quoteShort(json.type).slice(1, -1) : describeValue(json.type);
    throw new BoundaryFileError(fileName, `expected a GeoJSON FeatureCollection, found ${t}`);
  }
  const fc = json as unknown as FeatureCollection;
  if (fc.features.length === 0) throw new BoundaryFileError(fileName, 'the FeatureCollection has no features');
  if (fc.features.length > BOUNDARY_LIMITS.maxFeatures) {
    throw new BoundaryFileError(fileName, `${fc.features.length} features, more than the ${BOUNDARY_LIMITS.maxFeatures} a boundary file may have`);
  }
  const features: BoundaryFeature[] = [];
  const problems: string[] = [];
  let positions = 0;
  fc.features.forEach((f, i) => {
    const where = `${fileName}, feature ${i + 1}`;
    const g: unknown = isObject(f) ? (f as Feature).geometry : null;
    if (!isObject(g) || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      const found = !isObject(g) ? (g === null || g === undefined ? 'none' : describeValue(g)) : typeof g.type === 'string' ? quoteShort(g.type).slice(1, -1) : describeValue(g.type);
      problems.push(`${where}: geometry must be Polygon or MultiPolygon, found ${found}`);
      return;
    }
    const geometry = g as unknown as Polygon | MultiPolygon;
    const coordProblem = checkCoordinates(geometry);
    if (coordProblem) {
      problems.push(`${where}: ${coordProblem}`);
      return;
    }
    positions += countPositions(geometry);
    if (positions > BOUNDARY_LIMITS.maxPositions) {
      throw new BoundaryFileError(fileName, `more than ${BOUNDARY_LIMITS.maxPositions} positions (reached at feature ${i + 1}); simplify the boundaries`);
    }
    const props = readProperties(isObject(f) ? (f as Feature).properties : null, where);
    if (typeof props === 'string') {
      problems.push(props);
      return;
    }
    if (nameProperty !== undefined) {
      const v = props[nameProperty];
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
        const raw = isObject(f) && isObject((f as Feature).properties) ? ((f as Feature).properties as Record<string, unknown>)[nameProperty] : undefined;
        const what = raw !== null && typeof raw === 'object' ? ` (${describeValue(raw)}, not a name)` : '';
        problems.push(`${where}: property "${nameProperty}" is missing or empty${what}`);
        return;
      }
    }
    const id = isObject(f) ? (f as Feature).id : undefined;
    features.push({ type: 'Feature', id: typeof id === 'string' || typeof id === 'number' ? id : undefined, properties: props, geometry });
  });
  if (features.length === 0) {
    throw new BoundaryFileError(fileName, `no usable polygon features (${problems.length} skipped; first: ${problems[0] ?? 'none'})`);
  }
  const keys = Object.keys(features[0].properties);
  const commonProperties = keys.filter((k) => features.every((f) => k in f.properties));
  const nameProperties = commonProperties.filter((k) => features.every((f) => canName(f.properties[k])));
  const nameProblem = nameProperties.length > 0 ? null
    : `${fileName}: no property is present with a text or number value on all ${features.length} features, so none can name the areas (properties of feature 1: ${keys.length ? keys.slice(0, 12).map((k) => quoteShort(k)).join(', ') : 'none'})`;
  return { features, problems, commonProperties, nameProperties, nameProblem };
}

/** A value that can name an area: non-empty text, or a finite number (a commune code). */
function canName(v: unknown): boolean {
  return (typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * A feature's properties kept for use: scalar values, strings sanitised; lists and objects left
 * out. Returns the problem (naming file, feature and property) when a key or a text value holds
 * a NUL character.
 */
function readProperties(raw: unknown, where: string): Record<string, unknown> | string {
  const out: Record<string, unknown> = {};
  if (!isObject(raw)) return out;
  for (const [k, v] of Object.entries(raw)) {
    if (hasNul(k)) return `${where}, property ${quoteShort(k)}: the name contains a NUL character (U+0000): binary data, not text`;
    if (typeof v === 'string' && hasNul(v)) return `${where}, property ${quoteShort(k)}: contains a NUL character (U+0000): binary data, not text`;
    if (k === '__proto__') continue;
    if (typeof v === 'string') out[k] = sanitizeText(v);
    else if (v === null || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/** Text shortened to 60 characters for a message, sanitised. */
function short(text: string): string {
  const clean = sanitizeText(text.slice(0, 240));
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}

function countPositions(g: Polygon | MultiPolygon): number {
  let n = 0;
  const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) for (const ring of poly) n += ring.length;
  return n;
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
          return `a position is not a pair of finite numbers: ${Array.isArray(p) && p.every((x) => x === null || typeof x !== 'object') ? short(JSON.stringify(p.slice(0, 4))) : describeValue(p)}`;
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
