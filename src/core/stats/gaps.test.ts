import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Grid } from '../grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../grid/projection.ts';
import { planarAreaM2 } from '../export/cell-regions.ts';
import { geoJsonText } from '../export/vector.ts';
import { distanceToPolygonM, gapPolygons } from './gaps.ts';

/**
 * Fixtures (turf style): tests/fixtures/in/gaps-*.json → tests/fixtures/out/gaps-*.geojson.
 * `REGEN=1 npx vitest run src/core/stats/gaps.test.ts` rewrites the outputs on purpose; every
 * run also checks the hand-counted `expected` list of the input, so a rewrite cannot bless a
 * wrong answer silently.
 */
const IN = 'tests/fixtures/in';
const OUT = 'tests/fixtures/out';

interface GapFixture {
  gapMap: string[];
  grid: Grid;
  threshold: number;
  minAreaKm2: number;
  communeNames: string[];
  communeKeys: string;
  communes: string[];
  values: (number | null)[][];
  sites: { id: string; xM: number; yM: number }[];
  expected: { cells: number; area_km2: number; holes: number; communes: string; nearest_site_id?: string; nearest_site_km?: number }[];
}

function load(file: string) {
  const fx = JSON.parse(readFileSync(join(IN, file), 'utf8')) as GapFixture;
  const values = Float64Array.from(fx.values.flat(), (v) => (v === null ? NaN : v));
  const labels = Int16Array.from(fx.communes.join(''), (ch) => fx.communeKeys.indexOf(ch));
  const sites = fx.sites.map((s) => {
    const [lonDeg, latDeg] = utmToLonLat(s.xM, s.yM);
    return { id: s.id, lonDeg, latDeg };
  });
  return { fx, values, labels, sites };
}

const files = readdirSync(IN).filter((f) => /^gaps-.*\.json$/.test(f)).sort();

describe('gap polygon fixtures', () => {
  it('there are fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });
  for (const file of files) {
    describe(file, () => {
      const { fx, values, labels, sites } = load(file);
      const out = gapPolygons(fx.grid, values, labels, {
        threshold: fx.threshold, minAreaKm2: fx.minAreaKm2, communeNames: fx.communeNames, sites,
      });
      const outFile = join(OUT, file.replace(/\.json$/, '.geojson'));

      it('the fixture is self-consistent (its G/c/. map matches values, communes and threshold)', () => {
        const map = fx.values.map((row, r) => row.map((v, c) => {
          if (fx.communes[r][c] === '.') return '.';
          return v !== null && v >= fx.threshold ? 'c' : 'G';
        }).join(''));
        expect(map).toEqual(fx.gapMap);
      });

      it('matches the hand-counted gaps', () => {
        expect(out.features.map((f) => {
          const p = f.properties;
          return {
            cells: p.cells, area_km2: p.area_km2, holes: f.geometry.coordinates.length - 1, communes: p.communes,
            ...(p.nearest_site_id !== undefined ? { nearest_site_id: p.nearest_site_id, nearest_site_km: p.nearest_site_km } : {}),
          };
        })).toEqual(fx.expected.map((e) => {
          const { cells, area_km2, holes, communes, nearest_site_id, nearest_site_km } = e;
          return { cells, area_km2, holes, communes, ...(nearest_site_id !== undefined ? { nearest_site_id, nearest_site_km } : {}) };
        }));
        out.features.forEach((f, k) => expect(f.properties.id).toBe(k + 1));
      });

      it('polygon area (back in UTM) = cells × cell², exterior counter-clockwise', () => {
        const cellKm2 = (fx.grid.cellSizeM * fx.grid.cellSizeM) / 1e6;
        for (const f of out.features) {
          const utm = f.geometry.coordinates.map((r) => r.map((p) => lonLatToUtm(p[0], p[1])));
          // 6-decimal lon/lat is ±0.06 m: a 100 m cell's area to about 0.1 %.
          expect(planarAreaM2(utm) / 1e6).toBeCloseTo(f.properties.cells * cellKm2, 4);
          expect(planarAreaM2([utm[0]])).toBeGreaterThan(0);
          for (const hole of utm.slice(1)) expect(planarAreaM2([hole])).toBeLessThan(0);
          // Every vertex is a cell corner of the grid (to the 6-decimal rounding).
          for (const [x, y] of utm.flat()) {
            const cx = (x - fx.grid.originX) / fx.grid.cellSizeM;
            const cy = (fx.grid.originY - y) / fx.grid.cellSizeM;
            expect(Math.abs(cx - Math.round(cx))).toBeLessThan(0.002);
            expect(Math.abs(cy - Math.round(cy))).toBeLessThan(0.002);
          }
        }
      });

      it(process.env.REGEN ? 'rewrites the expected GeoJSON (REGEN=1)' : 'equals the stored GeoJSON', () => {
        const text = geoJsonText(out);
        if (process.env.REGEN) writeFileSync(outFile, text);
        expect(text).toBe(readFileSync(outFile, 'utf8'));
      });
    });
  }
});

describe('distanceToPolygonM', () => {
  const square = [[[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]]];
  it('is 0 inside, the perpendicular or corner distance outside (3-4-5 triangle)', () => {
    expect(distanceToPolygonM(50, 50, square)).toBe(0);
    expect(distanceToPolygonM(50, 130, square)).toBe(30);
    expect(distanceToPolygonM(130, 140, square)).toBe(50);
  });
});

describe('people in each gap', () => {
  it('is the sum of the people of the gap cells (a hand count), absent without population', () => {
    // 4 × 3 grid; G = gap (below −110 or no service), . = served; all inside one commune.
    //   G G . .      people:  10  20   1   1
    //   . . . G                1   1   1  30
    //   . . . G                1   1   1  40
    // Two 4-connected gaps: the top-left pair (10 + 20 = 30 people, 2 cells) and the right
    // column pair (30 + 40 = 70 people, 2 cells); equal areas rank by the north edge, so the
    // top-left gap is first.
    const grid: Grid = { originX: 500000, originY: 1100000, cellSizeM: 100, width: 4, height: 3, crs: 'EPSG:32648' };
    const values = Float64Array.from([-120, NaN, -90, -90, -90, -90, -90, -115, -90, -90, -90, -111]);
    const labels = new Int16Array(12);
    const people = Float64Array.from([10, 20, 1, 1, 1, 1, 1, 30, 1, 1, 1, 40]);
    const fc = gapPolygons(grid, values, labels, { threshold: -110, communeNames: ['A'], peoplePerCell: people });
    expect(fc.features.map((f) => [f.properties.cells, f.properties.people])).toEqual([[2, 30], [2, 70]]);
    expect(gapPolygons(grid, values, labels, { threshold: -110 }).features.every((f) => !('people' in f.properties))).toBe(true);
  });
});
