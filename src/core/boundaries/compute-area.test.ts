/**
 * checkComputeArea. Expected values: geometry by hand (box sizes in degrees, 1° of latitude ≈
 * 110.6 km near 10° N, so a 0.0001° box is about 11 m across and holds no 50 m cell centre),
 * the shared Vĩnh Long province outline (SOURCES.md: it holds every sample site), and the issue's
 * cases (a whole-world outline; a tiny outline far away).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { checkComputeArea } from './compute-area.ts';
import { BoundaryFileError, ringsOf } from './boundaries.ts';
import { parseScenario } from '../scenario/scenario.ts';

const box = (lon: number, lat: number, d: number): Position[][] => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];
const sites = [{ id: 'A', lonDeg: 106.0, latDeg: 10.2 }, { id: 'B', lonDeg: 106.3, latDeg: 9.9 }];

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BoundaryFileError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('checkComputeArea', () => {
  it('the Vĩnh Long outline holds every sample site', () => {
    const province = JSON.parse(readFileSync(new URL('../../../public/data/vinh-long-province-2025.geojson', import.meta.url), 'utf8')).features[0] as Feature<Polygon | MultiPolygon>;
    const sample = parseScenario(readFileSync(new URL('../../../data/scenarios/sample-network.json', import.meta.url), 'utf8'), 'sample.json').scenario;
    const r = checkComputeArea(ringsOf(province.geometry), sample.sites, 50, 'province.geojson');
    expect(r.sitesOutside).toEqual([]);
    expect(r.sitesInside).toBe(sample.sites.length);
  });
  it('a whole-world outline is refused by its span', () => {
    expect(refusal(() => checkComputeArea([[[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]], sites, 50, 'world.geojson')))
      .toBe('world.geojson: the boundary spans 360° of longitude × 180° of latitude, more than the 5° a province spans (a country or world outline?)');
  });
  it('an outline far from UTM zone 48 is refused by its centre', () => {
    expect(refusal(() => checkComputeArea(box(2.3, 48.8, 0.1), sites, 50, 'paris.geojson'))).toMatch(/^paris\.geojson: the boundary is centred at 2\.35° E, 48\.85° N, outside the area of the EPSG:32648 \(UTM zone 48N\) grid .*: longitudes 99–111° E$/);
  });
  it('an outline smaller than a cell leaves no cell: refused', () => {
    expect(refusal(() => checkComputeArea(box(106.00001, 10.00001, 0.0001), [], 50, 'tiny.geojson'))).toBe('tiny.geojson: no 50 m grid cell has its centre inside the boundary (0° × 0°): nothing to compute');
  });
  it('an outline in the zone but away from every site: refused; some sites outside: listed', () => {
    expect(refusal(() => checkComputeArea(box(104, 11, 0.2), sites, 50, 'away.geojson'))).toBe("away.geojson: none of the scenario's 2 sites lies inside the boundary (104–104.2° E, 11–11.2° N): it would leave an empty network");
    const r = checkComputeArea(box(105.9, 10.1, 0.2), sites, 50, 'part.geojson');
    expect(r).toEqual({ sitesInside: 1, sitesOutside: ['B'] });
  });
  it('a hole is outside (even–odd), and an empty scenario only needs cells', () => {
    const withHole = [...box(105.9, 10.1, 0.2), ...box(105.95, 10.15, 0.1)];
    expect(checkComputeArea(withHole, [{ id: 'H', lonDeg: 106.0, latDeg: 10.2 }, { id: 'R', lonDeg: 105.92, latDeg: 10.12 }], 50, 'h.geojson')).toEqual({ sitesInside: 1, sitesOutside: ['H'] });
    expect(checkComputeArea(box(105.9, 10.1, 0.2), [], 500, 'e.geojson')).toEqual({ sitesInside: 0, sitesOutside: [] });
  });
});
