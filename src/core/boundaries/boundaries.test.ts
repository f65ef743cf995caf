import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BoundaryFileError, parseBoundaryGeoJson } from './boundaries.ts';

const sq = (x: number, y: number) => [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]];
const fcText = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const poly = (coords: unknown, props: Record<string, unknown> = { name: 'A' }) => ({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: coords } });

describe('parseBoundaryGeoJson', () => {
  it('reads the 124 Vĩnh Long communes with names intact (shared data, via npm run data)', () => {
    const path = new URL('../../../public/data/vinh-long-communes-2025.geojson', import.meta.url);
    const r = parseBoundaryGeoJson(readFileSync(path, 'utf8'), 'vinh-long-communes-2025.geojson', 'name');
    expect(r.features).toHaveLength(124);
    expect(r.problems).toEqual([]);
    expect(r.features.filter((f) => f.properties.type === 'phuong')).toHaveLength(19); // SOURCES.md: 19 phường, 105 xã
    expect(r.features.map((f) => f.properties.name)).toContain('Hưng Khánh Trung');
    expect(r.commonProperties).toEqual(expect.arrayContaining(['code', 'name', 'population', 'merged_from']));
  });
  it.each([
    ['', /x\.geojson: the file is empty/],
    ['{"type":"FeatureCollection","features":[', /x\.geojson: not valid JSON/],
    ['{"type":"Feature"}', /x\.geojson: expected a GeoJSON FeatureCollection, found Feature/],
    ['{"type":"FeatureCollection","features":[]}', /x\.geojson: the FeatureCollection has no features/],
  ])('names the file and the problem: %j', (text, re) => {
    expect(() => parseBoundaryGeoJson(text, 'x.geojson')).toThrow(BoundaryFileError);
    expect(() => parseBoundaryGeoJson(text, 'x.geojson')).toThrow(re);
  });
  it('skips a bad feature with its index and keeps the others', () => {
    const text = fcText([poly(sq(106, 10)), { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [106, 10] } }, poly(sq(106.2, 10), { name: '' })]);
    const r = parseBoundaryGeoJson(text, 'x.geojson', 'name');
    expect(r.features).toHaveLength(1);
    expect(r.problems).toEqual(['x.geojson, feature 2: geometry must be Polygon or MultiPolygon, found Point', 'x.geojson, feature 3: property "name" is missing or empty']);
  });
  it('detects [lat, lon] pairs and projected coordinates', () => {
    const swapped = [[[10, 106], [10, 106.1], [10.1, 106.1], [10, 106]]];
    expect(() => parseBoundaryGeoJson(fcText([poly(swapped)]), 's.geojson')).toThrow(/feature 1: position \[10, 106\] looks like \[latitude, longitude\]/);
    const utm = [[[600000, 1100000], [601000, 1100000], [601000, 1101000], [600000, 1100000]]];
    expect(() => parseBoundaryGeoJson(fcText([poly(utm)]), 'u.geojson')).toThrow(/not longitude\/latitude/);
  });
  it('rejects NaN-like and short rings', () => {
    expect(() => parseBoundaryGeoJson(fcText([poly([[[106, 10], [106.1, 10], [106, 10]]])]), 'r.geojson')).toThrow(/fewer than 4 positions/);
    expect(() => parseBoundaryGeoJson(fcText([poly([[[106, 10], ['a', 10], [106.1, 10.1], [106, 10]]])]), 'r.geojson')).toThrow(/not a pair of finite numbers/);
  });
});

describe('untrusted properties (issue 16)', () => {
  // Expected: the feature index and property named in each message, the Unicode categories of
  // text.ts for what is removed, and the rule "a name property has a text or number value on
  // every feature".
  it('a name property that is an object names file, feature and property; no "Cannot convert object"', () => {
    const text = fcText([poly(sq(106, 10)), poly(sq(106.2, 10), { name: JSON.parse('{"toString": 1}') })]);
    const r = parseBoundaryGeoJson(text, 'x.geojson', 'name');
    expect(r.problems).toEqual(['x.geojson, feature 2: property "name" is missing or empty (an object, not a name)']);
  });
  it('a NUL character in a property skips the feature, naming file, feature and property', () => {
    const text = fcText([poly(sq(106, 10)), poly(sq(106.2, 10), { name: 'B\u0000' })]);
    const r = parseBoundaryGeoJson(text, 'x.geojson');
    expect(r.features).toHaveLength(1);
    expect(r.problems).toEqual(['x.geojson, feature 2, property "name": contains a NUL character (U+0000): binary data, not text']);
  });
  it('text values are sanitised; lists and objects are left out of the kept properties', () => {
    const r = parseBoundaryGeoJson(fcText([poly(sq(106, 10), { name: 'Ph\u202Eường 1', extra: { deep: [1] }, code: 7 })]), 'x.geojson');
    expect(r.features[0].properties).toEqual({ name: 'Phường 1', code: 7 });
  });
  it('nameProperties: only properties with text or a number on every feature; none → nameProblem', () => {
    const ok = parseBoundaryGeoJson(fcText([poly(sq(106, 10), { name: 'A', code: 1, note: '' }), poly(sq(106.2, 10), { name: 'B', code: 2, note: 'x' })]), 'x.geojson');
    expect(ok.nameProperties).toEqual(['name', 'code']);
    expect(ok.nameProblem).toBeNull();
    const none = parseBoundaryGeoJson(fcText([poly(sq(106, 10), { a: 'A' }), poly(sq(106.2, 10), { b: 'B' })]), 'y.geojson');
    expect(none.commonProperties).toEqual([]);
    expect(none.nameProperties).toEqual([]);
    expect(none.nameProblem).toBe('y.geojson: no property is present with a text or number value on all 2 features, so none can name the areas (properties of feature 1: "a")');
  });
  it('a deeply nested position is described, not serialised (no stack overflow)', () => {
    const deep = `${'['.repeat(100_000)}106,10${']'.repeat(100_000)}`;
    const text = fcText([poly([['DEEP', [106.1, 10], [106.1, 10.1], [106, 10]]])]).replace('"DEEP"', deep);
    expect(() => parseBoundaryGeoJson(text, 'd.geojson')).toThrow(/feature 1: a position is not a pair of finite numbers: a list/);
  });
});
