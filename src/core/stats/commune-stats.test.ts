import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import turfArea from '@turf/area';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Grid } from '../grid/grid.ts';
import { gridForBBox } from '../grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../grid/projection.ts';
import { flattenRings, rasterizeRings } from '../grid/rasterize.ts';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import { ringsOf } from '../boundaries/boundaries.ts';
import { communeLabelGrid, communeLayerStats, quantileWithNoService, POPULATION_COVERED_NOTE } from './commune-stats.ts';

/** A WGS 84 rectangle feature from UTM edges (so its cells are known by construction). */
function utmRect(x0: number, y0: number, x1: number, y1: number, properties: Record<string, unknown>): BoundaryFeature {
  const ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(([x, y]) => utmToLonLat(x, y));
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } };
}

// 4 × 3 cells of 100 m. Commune A = columns 0–1, rows 0–2 (6 cells); commune B = columns 2–3,
// rows 0–1 (4 cells); the two cells at columns 2–3, row 2 are in no commune.
const grid: Grid = { width: 4, height: 3, originX: 600000, originY: 1120000, cellSizeM: 100, crs: 'EPSG:32648' };
const communes = [
  utmRect(600000, 1119700, 600200, 1120000, { name: 'Xã An Bình', code: '29584', population: 1000 }),
  utmRect(600200, 1119800, 600400, 1120000, { name: 'Phường Phú Khương', code: '28756' }),
];
const N = NaN;
const rsrp = Float64Array.from([
  -95, -105, -90, N,
  -115, N, -101, -99,
  -125, -100, -80, -80,
]);
const uplink = Uint8Array.from([1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0]);

describe('communeLabelGrid', () => {
  it('labels each cell by the commune containing its centre, −1 outside', () => {
    expect(Array.from(communeLabelGrid(grid, communes))).toEqual([
      0, 0, 1, 1,
      0, 0, 1, 1,
      0, 0, -1, -1,
    ]);
  });
});

describe('communeLayerStats (hand calculation)', () => {
  const labels = communeLabelGrid(grid, communes);
  const r = communeLayerStats(grid, labels, communes, rsrp, { booleanLayers: { uplink } });
  const [a, b] = r.communes;

  it('counts cells and area (cells × 0.01 km²)', () => {
    expect([a.cells, b.cells, r.province.cells]).toEqual([6, 4, 10]);
    expect(a.areaKm2).toBeCloseTo(0.06, 12);
    expect(r.province.areaKm2).toBeCloseTo(0.1, 12);
    expect(a.name).toBe('Xã An Bình');
    expect(b.code).toBe('28756');
  });

  it('shares ≥ −100 / −110 / −120 dBm; NaN counts as not covered', () => {
    // A: −95 −105 −115 NaN −125 −100 → ≥−100: 2, ≥−110: 3, ≥−120: 4 of 6.
    expect(a.thresholds.map((t) => t.share)).toEqual([2 / 6, 3 / 6, 4 / 6]);
    // B: −90 NaN −101 −99 → 2, 3, 3 of 4.
    expect(b.thresholds.map((t) => t.share)).toEqual([2 / 4, 3 / 4, 3 / 4]);
    expect(r.province.thresholds.map((t) => t.share)).toEqual([4 / 10, 6 / 10, 7 / 10]);
    expect([a.servedShare, b.servedShare, r.province.servedShare]).toEqual([5 / 6, 3 / 4, 8 / 10]);
  });

  it('median and 5th percentile, R-7 with no service as −∞', () => {
    // A sorted: [−∞, −125, −115, −105, −100, −95]; median h = 5·0.5 = 2.5 → −115 + 0.5·(−105 + 115) = −110.
    expect(a.median).toBe(-110);
    // p5: h = 5·0.05 = 0.25 → between −∞ and −125 → null (falls in no service).
    expect(a.p5).toBeNull();
    // B sorted: [−∞, −101, −99, −90]; h = 1.5 → −100.
    expect(b.median).toBe(-100);
    // Province: [−∞, −∞, −125, −115, −105, −101, −100, −99, −95, −90]; h = 4.5 → −105 + 0.5·4 = −103.
    expect(r.province.median).toBe(-103);
  });

  it('share of a boolean layer', () => {
    // uplink set at cells 0, 1 (A), 2 (B) and 8 (A).
    expect(a.booleanShares.uplink).toBe(3 / 6);
    expect(b.booleanShares.uplink).toBe(1 / 4);
    expect(r.province.booleanShares.uplink).toBe(4 / 10);
  });

  it('share of a layer above a level (uplink margin ≥ 0 dB); NaN and 0 are “no” in a mask', () => {
    // Margins: A cells (0, 1, 4, 5, 8, 9) = 3, −1, 0, NaN, −2, 5 → ≥ 0: 3, 0, 5 = 3 of 6.
    // B cells (2, 3, 6, 7) = 1, NaN, −4, 0 → 1, 0 = 2 of 4.
    const margin = Float64Array.from([3, -1, 1, NaN, 0, NaN, -4, 0, -2, 5, 9, 9]);
    const m = communeLayerStats(grid, labels, communes, rsrp, { booleanLayers: { uplink: { values: margin, atLeast: 0 }, mask: margin } });
    expect(m.communes.map((c) => c.booleanShares.uplink)).toEqual([3 / 6, 2 / 4]);
    // As a mask, non-zero and not NaN: A 3, −1, −2, 5 = 4 of 6; B 1, −4 = 2 of 4.
    expect(m.communes.map((c) => c.booleanShares.mask)).toEqual([4 / 6, 2 / 4]);
  });

  it('population covered = population × share, absent (not 0) without population', () => {
    expect(a.population).toBe(1000);
    expect(a.thresholds.map((t) => t.populationCovered)).toEqual([1000 * 2 / 6, 500, 1000 * 4 / 6]);
    expect(b.population).toBeUndefined();
    for (const t of b.thresholds) expect('populationCovered' in t).toBe(false);
    // One commune has no population: the province total is unknown, so absent too.
    expect('population' in r.province).toBe(false);
    for (const t of r.province.thresholds) expect('populationCovered' in t).toBe(false);
    expect(r.populationNote).toBe(POPULATION_COVERED_NOTE);
    expect(POPULATION_COVERED_NOTE).toMatch(/uniform density/);
  });

  it('province population covered is the sum of the communes’ (uniform density per commune)', () => {
    const withPop = [communes[0], { ...communes[1], properties: { ...communes[1].properties, population: 400 } }];
    const p = communeLayerStats(grid, labels, withPop, rsrp).province;
    expect(p.population).toBe(1400);
    // ≥ −110: A 1000·3/6 + B 400·3/4 = 500 + 300.
    expect(p.thresholds[1].populationCovered).toBeCloseTo(800, 9);
  });

  it('takes an edited threshold list', () => {
    const e = communeLayerStats(grid, labels, communes, rsrp, { thresholds: [-90, -130] });
    // A: ≥ −90 none; ≥ −130 all five served.
    expect(e.communes[0].thresholds.map((t) => [t.threshold, t.share])).toEqual([[-90, 0], [-130, 5 / 6]]);
  });
});

describe('quantileWithNoService', () => {
  it('equals R-7 on fully served data (1…20: p5 = 1 + 0.95, median = 10.5)', () => {
    const v = Float64Array.from({ length: 20 }, (_, i) => i + 1);
    expect(quantileWithNoService(v, 0, 0.05)).toBeCloseTo(1.95, 12);
    expect(quantileWithNoService(v, 0, 0.5)).toBe(10.5);
  });
  it('is null when the percentile lands on no service, and on an empty area', () => {
    // [−∞ × 3, 1, 2]: h = 4·0.5 = 2 → exactly the third −∞ → null; h for p = 0.75 is 3 → 1.
    expect(quantileWithNoService([1, 2], 3, 0.5)).toBeNull();
    expect(quantileWithNoService([1, 2], 3, 0.75)).toBe(1);
    expect(quantileWithNoService([], 0, 0.5)).toBeNull();
  });
});

const communesPath = 'public/data/vinh-long-communes-2025.geojson';
const provincePath = 'public/data/vinh-long-province-2025.geojson';

describe('Vĩnh Long communes (real boundaries, 250 m grid)', () => {
  it('province total area = sum of communes and within 0.5 % of the province polygon’s ellipsoidal area', () => {
    if (!existsSync(communesPath) || !existsSync(provincePath)) throw new Error(`${communesPath} missing: run npm run data`);
    const fcC = JSON.parse(readFileSync(communesPath, 'utf8')) as { features: BoundaryFeature[] };
    const fcP = JSON.parse(readFileSync(provincePath, 'utf8')) as { features: Feature<Polygon | MultiPolygon>[] };
    const rings = ringsOf(fcP.features[0].geometry).map((r) => r.map((p) => lonLatToUtm(p[0], p[1])));
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const r of rings) for (const [x, y] of r) {
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
    const g = gridForBBox([minX, minY, maxX, maxY], 250);
    const labels = communeLabelGrid(g, fcC.features);
    const values = new Float64Array(g.width * g.height).fill(-90);
    const r = communeLayerStats(g, labels, fcC.features, values);
    expect(r.communes).toHaveLength(124);
    const sum = r.communes.reduce((s, c) => s + c.areaKm2, 0);
    expect(r.province.areaKm2).toBeCloseTo(sum, 6);
    // area_km2_geom: pyproj Geod area on the WGS 84 ellipsoid (SOURCES.md), 6089.57 km².
    const ellipsoidalKm2 = fcP.features[0].properties?.area_km2_geom as number;
    expect(ellipsoidalKm2).toBeCloseTo(6089.57, 2);
    expect(Math.abs(r.province.areaKm2 / ellipsoidalKm2 - 1)).toBeLessThan(0.005);
    // @turf/area uses a sphere (R = 6 371 008.8 m), about 0.4 % more here: within 1 %.
    expect(Math.abs(r.province.areaKm2 / (turfArea(fcP.features[0]) / 1e6) - 1)).toBeLessThan(0.01);
    // Every cell whose centre is in the province outline has a commune (up to cells on slivers
    // between neighbouring commune polygons): compare with the province rasterized directly.
    const mask = new Uint8Array(g.width * g.height);
    rasterizeRings(g, flattenRings(rings), 0, g.height, mask);
    let inProvince = 0;
    for (const m of mask) inProvince += m;
    expect(Math.abs(r.province.cells / inProvince - 1)).toBeLessThan(0.002);
    // Population: all 124 known, the province total is their sum.
    expect(r.province.population).toBe(fcC.features.reduce((s, f) => s + (f.properties.population as number), 0));
    expect(r.province.thresholds[0].populationCovered).toBeCloseTo(r.province.population as number, 3);
  });
});
