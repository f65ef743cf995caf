import { describe, expect, it } from 'vitest';
import { parseServiceArea, ServiceAreaError } from './service-area.ts';

// Synthetic "province": a lon/lat box around Vĩnh Long (test only).
const inside = (lon: number, lat: number) => lon > 105.6 && lon < 106.9 && lat > 9.5 && lat < 10.5;
// A 0.01° × 0.01° square at 10.25° N: 0.01° of latitude = 1105.9 m (WGS 84 meridian arc near
// 10°), 0.01° of longitude = 1105.9 m × cos(10.25°) ≈ 1095.7 m (sphere approx) → ≈ 1.21 km².
const square = [[106.0, 10.25], [106.01, 10.25], [106.01, 10.26], [106.0, 10.26], [106.0, 10.25]];

describe('parseServiceArea', () => {
  it('reads a Polygon feature and keeps its ring', () => {
    const p = parseServiceArea(JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square] } }), 'campus.geojson', inside);
    expect(p.coordinates[0]).toEqual(square);
  });
  it('closes an open ring and takes the first polygon of a collection', () => {
    const fc = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [106, 10.2] } },
      { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[square.slice(0, 4)]] } },
    ] };
    const p = parseServiceArea(JSON.stringify(fc), 'a.geojson', inside);
    expect(p.coordinates[0]).toHaveLength(5);
    expect(p.coordinates[0][4]).toEqual(p.coordinates[0][0]);
  });
  const refuse = (json: unknown, re: RegExp) => {
    const text = typeof json === 'string' ? json : JSON.stringify(json);
    expect(() => parseServiceArea(text, 'x.geojson', inside)).toThrow(ServiceAreaError);
    expect(() => parseServiceArea(text, 'x.geojson', inside)).toThrow(re);
  };
  it('names the file and the reason for each refusal', () => {
    refuse('{"type": "Polygon", "coordinates": [[[106,', /^x\.geojson: not valid JSON/);
    refuse({ type: 'FeatureCollection', features: [] }, /no feature/);
    refuse({ type: 'Point', coordinates: [106, 10] }, /no Polygon geometry found \(geometry types: Point\)/);
    // Bow tie: edges cross.
    refuse({ type: 'Polygon', coordinates: [[[106, 10.25], [106.01, 10.26], [106.01, 10.25], [106, 10.26], [106, 10.25]]] }, /not valid/);
    // Swapped lat/lon.
    refuse({ type: 'Polygon', coordinates: [square.map(([a, b]) => [b, a])] }, /geometry, ring 1, vertex 1: \(10\.25, 106\).*outside the province; swapped it would be inside/);
    // Projected metres.
    refuse({ type: 'Polygon', coordinates: [[[600000, 1130000], [601000, 1130000], [601000, 1131000], [600000, 1130000]]] }, /not a longitude\/latitude/);
    // Too large for a campus: 0.2° × 0.2° ≈ 486 km².
    refuse({ type: 'Polygon', coordinates: [[[106, 10], [106.2, 10], [106.2, 10.2], [106, 10.2], [106, 10]]] }, /larger than a private network/);
    refuse({ type: 'Polygon', coordinates: [[[106, 10.25], [106.01, 10.25], [106, 10.25]]] }, /at least 3 distinct vertices/);
    refuse({ type: 'Polygon', coordinates: [[[106, 10.25], [106.01, 'x'], [106, 10.26]]] }, /vertex 2: not a \[lon, lat\] pair/);
    refuse({ type: 'MultiPolygon', coordinates: [[square], [square]] }, /MultiPolygon of 2 parts/);
  });
});
