/**
 * Acceptance of issue 11 (population): the dasymetric population of the real province at 100 m
 * cells puts each of the 124 communes' published `population` in its cells within 0.5 % and
 * the province total (4 257 581, SOURCES.md "Population") within 0.5 %. Reads the shared data
 * copied by `npm run data` (public/data/). Runtime (buildGround at 100 m, 1.1 M cells) is
 * measured by bench/ground.ts, not here.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { gridForBBox } from '../../src/core/grid/grid.ts';
import { lonLatToUtm } from '../../src/core/grid/projection.ts';
import { ringsOf, type BoundaryFeature } from '../../src/core/boundaries/boundaries.ts';
import { openGeoTiff } from '../../src/core/raster/geotiff-reader.ts';
import { buildGround } from '../../src/core/ground/ground.ts';
import { CLUTTER_INDEX } from '../../src/core/ground/clutter-map.ts';

const data = 'public/data';
const communes = (JSON.parse(readFileSync(`${data}/vinh-long-communes-2025.geojson`, 'utf8')) as { features: BoundaryFeature[] }).features;
const prov = JSON.parse(readFileSync(`${data}/vinh-long-province-2025.geojson`, 'utf8')) as { features: Feature<Polygon | MultiPolygon>[] };
const pts = ringsOf(prov.features[0].geometry).flat().map((p) => lonLatToUtm(p[0], p[1]));
const grid = gridForBBox([Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))], 100);

describe('dasymetric population of Vĩnh Long at 100 m', async () => {
  const ground = await buildGround({
    grid, communes, communesFileName: 'vinh-long-communes-2025.geojson',
    population: await openGeoTiff(readFileSync(`${data}/vinh-long-population-2020-1km.tif`), 'vinh-long-population-2020-1km.tif'),
    water: await openGeoTiff(readFileSync(`${data}/vinh-long-water-gshhg-3s.tif`), 'vinh-long-water-gshhg-3s.tif'),
  });
  const perCommune = new Float64Array(communes.length);
  let total = 0;
  ground.peoplePerCell.forEach((v, i) => {
    total += v;
    if (ground.labels[i] >= 0) perCommune[ground.labels[i]] += v;
  });

  it('124 communes, each Σ cells = its population within 0.5 %', () => {
    expect(communes).toHaveLength(124);
    communes.forEach((f, k) => {
      const p = Number(f.properties.population);
      expect(Math.abs(perCommune[k] / p - 1), String(f.properties.name)).toBeLessThan(0.005);
    });
  });

  it('province total = 4 257 581 within 0.5 %; nobody outside the communes or on water cells', () => {
    expect(Math.abs(total / 4_257_581 - 1)).toBeLessThan(0.005);
    let outside = 0, onWater = 0;
    ground.peoplePerCell.forEach((v, i) => {
      if (ground.labels[i] < 0) outside += v;
      if (ground.water[i]) onWater += v;
    });
    expect(outside).toBe(0);
    expect(onWater).toBe(0);
  });

  it('every commune is placed by WorldPop weights (none uniform, none without cells)', () => {
    expect(ground.population.uniformCommunes).toEqual([]);
    expect(ground.population.unplacedCommunes).toEqual([]);
  });

  it('WorldPop shapes the distribution: the densest cells are in phường, water cells are water-sea clutter', () => {
    let maxWard = 0, maxXa = 0;
    ground.densityPerKm2.forEach((d, i) => {
      const l = ground.labels[i];
      if (l < 0) return;
      if (communes[l].properties.type === 'phuong') maxWard = Math.max(maxWard, d); else maxXa = Math.max(maxXa, d);
    });
    expect(maxWard).toBeGreaterThan(maxXa);
    ground.water.forEach((w, i) => { if (w) expect(ground.clutter[i]).toBe(CLUTTER_INDEX['water-sea']); });
  });
});
