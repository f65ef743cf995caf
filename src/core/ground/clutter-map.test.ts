import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cellCenterX, cellCenterY, type Grid } from '../grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../grid/projection.ts';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import type { ClutterType } from '../clutter/p2108.ts';
import { openGeoTiff } from '../raster/geotiff-reader.ts';
import {
  checkClutterRules, CLUTTER_INDEX, clutterShares, DEFAULT_CLUTTER_RULES, DEFAULT_WORLDCOVER_MAPPING, isWard, landCoverClutterMap, ruleClutterMap,
} from './clutter-map.ts';

// Expected values: the rules and the WorldCover table as documented (module comment of
// clutter-map.ts, docs/ground.md), applied by hand to hand-made inputs; the synthetic
// WorldCover fixtures' designed pixel mixes (data/make-synthetic-ground.ts), counted by hand
// cell by cell below.

const C = (names: ClutterType[]) => names.map((t) => CLUTTER_INDEX[t]);

describe('ruleClutterMap (water, phường / xã, density)', () => {
  // Commune 0 is a phường, commune 1 a xã; −1 = outside every commune.
  const cells: [water: number, label: number, density: number, expected: ClutterType][] = [
    [1, 0, 50000, 'water-sea'], // water first, whatever the density
    [0, 0, 10000, 'dense-urban'], // ≥ 10 000 in a phường
    [0, 0, 9999.9, 'urban'],
    [0, 0, 3000, 'urban'], // ≥ 3 000
    [0, 0, 2999, 'suburban'],
    [0, 0, 1000, 'suburban'], // ≥ 1 000
    [0, 0, 999, 'trees-forest'], // a phường's sparse fringe follows the xã rules: ≥ 600
    [0, 0, 599, 'open-rural'],
    [0, 1, 20000, 'suburban'], // a xã never becomes urban: ≥ 2 000 → suburban
    [0, 1, 2000, 'suburban'],
    [0, 1, 1999, 'trees-forest'],
    [0, 1, 600, 'trees-forest'],
    [0, 1, 599.9, 'open-rural'],
    [0, -1, 5000, 'suburban'], // outside the communes: xã rules
    [1, -1, 0, 'water-sea'],
  ];
  const inputs = {
    water: Uint8Array.from(cells, (c) => c[0]),
    labels: Int16Array.from(cells, (c) => c[1]),
    wardCommunes: [true, false],
    densityPerKm2: Float32Array.from(cells, (c) => c[2]),
  };

  it('default thresholds, cell by cell (≥ at each threshold)', () => {
    expect(Array.from(ruleClutterMap(inputs))).toEqual(C(cells.map((c) => c[3])));
  });

  it('edited thresholds move the cells accordingly', () => {
    const rules = { ward: { denseUrbanMinPerKm2: 2500, urbanMinPerKm2: 1000, suburbanMinPerKm2: 800 }, commune: { suburbanMinPerKm2: 700, treesMinPerKm2: 100 } };
    const out = Array.from(ruleClutterMap(inputs, rules));
    expect(out.slice(1, 8)).toEqual(C(['dense-urban', 'dense-urban', 'dense-urban', 'dense-urban', 'urban', 'suburban', 'trees-forest']));
    expect(out.slice(8, 13)).toEqual(C(['suburban', 'suburban', 'suburban', 'trees-forest', 'trees-forest']));
  });

  it('rejects thresholds that are negative, not numbers or out of order, naming the field', () => {
    expect(() => checkClutterRules({ ...DEFAULT_CLUTTER_RULES, commune: { suburbanMinPerKm2: 2000, treesMinPerKm2: -1 } })).toThrow('clutter rules: commune.treesMinPerKm2 must be a number ≥ 0, got -1');
    expect(() => checkClutterRules({ ...DEFAULT_CLUTTER_RULES, ward: { denseUrbanMinPerKm2: 100, urbanMinPerKm2: 3000, suburbanMinPerKm2: 1000 } })).toThrow(/denseUrbanMinPerKm2 ≥ urbanMinPerKm2/);
    expect(() => checkClutterRules({ ...DEFAULT_CLUTTER_RULES, ward: { ...DEFAULT_CLUTTER_RULES.ward, urbanMinPerKm2: NaN } })).toThrow(/ward\.urbanMinPerKm2 must be a number ≥ 0, got NaN/);
  });

  it('isWard reads type (phuong) or type_vi (Phường); clutterShares counts cells inside communes', () => {
    const f = (p: Record<string, unknown>) => ({ type: 'Feature', properties: p, geometry: { type: 'Polygon', coordinates: [] } }) as BoundaryFeature;
    expect([isWard(f({ type: 'phuong' })), isWard(f({ type_vi: 'Phường' })), isWard(f({ type: 'xa', type_vi: 'Xã' })), isWard(f({}))]).toEqual([true, true, false, false]);
    const shares = clutterShares(Uint8Array.from([0, 1, 1, 3]), Int16Array.from([0, 0, 1, -1]));
    expect(shares['water-sea']).toBeCloseTo(1 / 3, 12);
    expect(shares['open-rural']).toBeCloseTo(2 / 3, 12);
    expect(shares.urban).toBe(0);
  });
});

describe('landCoverClutterMap on the synthetic ESA WorldCover fixtures', () => {
  const utm = readFileSync('tests/fixtures/ground/synthetic-worldcover-utm48n.tif');
  // The fixture's 6 × 4 grid of 100 m cells (x 600 000–600 600, y 1 100 000–1 100 400).
  const grid: Grid = { width: 6, height: 4, originX: 600000, originY: 1100400, cellSizeM: 100, crs: 'EPSG:32648' };
  // Row 3 (all built-up) gets densities across the split; rows 0–2 sit between the split's thresholds.
  const density = Float32Array.from({ length: 24 }, (_, i) => (i < 18 ? 5000 : [20000, 10000, 9999, 1000, 999, 0][i - 18]));

  it('maps cell by cell to the expected classes (default table, built-up split by density)', async () => {
    const r = await landCoverClutterMap(await openGeoTiff(utm, 'wc.tif'), grid, { densityPerKm2: density });
    expect(Array.from(r.clutter)).toEqual(C([
      // 10 tree, 20 shrub, 30 grass, 40 crop, 50 built-up, 60 bare
      'trees-forest', 'open-rural', 'open-rural', 'open-rural', 'urban', 'open-rural',
      // 70 snow, 80 water, 90 wetland, 95 mangroves, 100 moss, 50 built-up
      'open-rural', 'water-sea', 'open-rural', 'trees-forest', 'open-rural', 'urban',
      // water 55 / trees 45; urban 40 / trees 35 + 25; 70 no-data + 30 crop; all no-data → fill; tie 50/50 → lower class (water); urban 51 / water 49
      'water-sea', 'trees-forest', 'open-rural', 'open-rural', 'water-sea', 'urban',
      // built-up at 20 000, 10 000, 9 999, 1 000, 999, 0 people/km²
      'dense-urban', 'dense-urban', 'urban', 'urban', 'suburban', 'suburban',
    ]));
    expect(r.noVoteCells).toBe(1);
    expect([r.splitToDenseUrban, r.splitToSuburban]).toEqual([2, 2]);
    expect(r.samplesPerAxis).toBe(10);
  });

  it('no density or split null: built-up stays urban', async () => {
    const r = await landCoverClutterMap(await openGeoTiff(utm, 'wc.tif'), grid, { densityPerKm2: density, builtUpSplit: null });
    expect(Array.from(r.clutter.subarray(18))).toEqual(C(Array(6).fill('urban')));
  });

  it('an edited table: cropland as trees changes exactly the cropland cells', async () => {
    const r = await landCoverClutterMap(await openGeoTiff(utm, 'wc.tif'), grid, { mapping: { ...DEFAULT_WORLDCOVER_MAPPING, 40: 'trees-forest' } });
    const base = await landCoverClutterMap(await openGeoTiff(utm, 'wc.tif'), grid);
    const changed = Array.from(r.clutter).map((v, i) => (v !== base.clutter[i] ? i : -1)).filter((i) => i >= 0);
    expect(changed).toEqual([3, 14]); // cell (3,0) all cropland; cell (2,2) 30 cropland among no-data
  });

  it('a code missing from the table: the error lists it with its cells', async () => {
    const { 95: _mangroves, ...without95 } = DEFAULT_WORLDCOVER_MAPPING;
    await expect(landCoverClutterMap(await openGeoTiff(utm, 'ESA_WorldCover.tif'), grid, { mapping: without95 }))
      .rejects.toThrow('ESA_WorldCover.tif: class codes not in the mapping table: 95 (in 2 cells); add them to the table (or map them to "no vote"); nothing was changed');
    await expect(landCoverClutterMap(await openGeoTiff(utm, 'wc.tif'), grid, { mapping: { ...DEFAULT_WORLDCOVER_MAPPING, 40: 'forest' as ClutterType } }))
      .rejects.toThrow(/code 40 maps to unknown class "forest"/);
  });

  it('EPSG:4326 fixture: every cell wholly inside a quadrant takes its class; straddling cells one of their quadrants', async () => {
    const wc = readFileSync('tests/fixtures/ground/synthetic-worldcover-4326.tif');
    const [x0, y0] = lonLatToUtm(106.0005, 10.0195);
    const g: Grid = { width: 21, height: 21, originX: Math.ceil(x0), originY: Math.floor(y0), cellSizeM: 100, crs: 'EPSG:32648' };
    const r = await landCoverClutterMap(await openGeoTiff(wc, 'wc4326.tif'), g);
    const quadrant = (lon: number, lat: number): ClutterType => (lat >= 10.01 ? (lon < 106.01 ? 'trees-forest' : 'open-rural') : (lon < 106.01 ? 'urban' : 'water-sea'));
    let whole = 0;
    for (let row = 0; row < g.height; row++) for (let c = 0; c < g.width; c++) {
      const corners = [[0, 0], [1, 0], [0, 1], [1, 1]].map(([a, b]) => utmToLonLat(g.originX + (c + a) * 100, g.originY - (row + b) * 100));
      const qs = new Set(corners.map(([lon, lat]) => quadrant(lon, lat)));
      const got = r.clutter[row * g.width + c];
      if (qs.size === 1) {
        whole++;
        expect(got).toBe(CLUTTER_INDEX[[...qs][0]]);
      } else {
        expect(C([...qs])).toContain(got);
      }
    }
    expect(whole).toBeGreaterThan(350);
    const [lon, lat] = utmToLonLat(cellCenterX(g, 0), cellCenterY(g, 0));
    expect(quadrant(lon, lat)).toBe('trees-forest');
  });

  it('with a fallback map, cells the tile does not cover keep the fallback class; covered cells take the tile\'s', async () => {
    const wc = readFileSync('tests/fixtures/ground/synthetic-worldcover-4326.tif');
    // A grid 2 km wider than the tile on every side; the fallback says "suburban" everywhere.
    const [x0, y0] = lonLatToUtm(105.98, 10.04);
    const g: Grid = { width: 60, height: 60, originX: Math.round(x0 / 100) * 100, originY: Math.round(y0 / 100) * 100, cellSizeM: 100, crs: 'EPSG:32648' };
    const fallback = new Uint8Array(g.width * g.height).fill(CLUTTER_INDEX.suburban);
    const r = await landCoverClutterMap(await openGeoTiff(wc, 'wc4326.tif'), g, { fallback, builtUpSplit: null });
    let outside = 0, inside = 0;
    for (let row = 0; row < g.height; row++) for (let c = 0; c < g.width; c++) {
      const [lon, lat] = utmToLonLat(cellCenterX(g, c), cellCenterY(g, row));
      const got = r.clutter[row * g.width + c];
      const margin = 0.002;
      if (lon < 106 - margin || lon > 106.02 + margin || lat < 10 - margin || lat > 10.02 + margin) {
        outside++;
        expect(got).toBe(CLUTTER_INDEX.suburban);
      } else if (lon > 106 + margin && lon < 106.02 - margin && lat > 10 + margin && lat < 10.02 - margin && Math.abs(lon - 106.01) > margin && Math.abs(lat - 10.01) > margin) {
        inside++;
        const want: ClutterType = lat >= 10.01 ? (lon < 106.01 ? 'trees-forest' : 'open-rural') : lon < 106.01 ? 'urban' : 'water-sea';
        expect(got).toBe(CLUTTER_INDEX[want]);
      }
    }
    expect(outside).toBeGreaterThan(2000);
    expect(inside).toBeGreaterThan(150);
  });
});
