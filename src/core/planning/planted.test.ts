/**
 * Acceptance 2 of issue 13 (a planted test), on the real province at 200 m cells: ten existing
 * sites of the sample network (data/scenarios/sample-network.json, SYNTHETIC sites) are removed;
 * their locations are offered among 100 decoys (seeded random points in the province); the
 * plan with at most 10 sites must cover at least the people that the ten locations alone cover
 * (the same template and model rule at each). Both figures come from a full recompute of the
 * engine (EngineCore.computeTiles over every tile of a scene with the sites added), not from the
 * planner's oracle, and the planner's own "after" figure must equal its full recompute.
 * Needs `npm run data` (public/data).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { ringsOf, type BoundaryFeature } from '../boundaries/boundaries.ts';
import { openGeoTiff } from '../raster/geotiff-reader.ts';
import { buildGround } from '../ground/ground.ts';
import { EngineCore } from '../coverage/engine.ts';
import { allTiles, newCoverageLayers, scatterChunk } from '../coverage/layers.ts';
import { planScene, sceneMask } from '../coverage/scene.ts';
import { cellAt } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { Candidate } from './candidates.ts';
import { engineRunner } from './engine-oracle.ts';
import { planningGrid, planningScene, runPlan } from './plan.ts';
import { mulberry32 } from '../prng.ts';
import { candidateSite, clutterAt } from './site-model.ts';

const D = 'public/data/';
const prov = JSON.parse(readFileSync(`${D}vinh-long-province-2025.geojson`, 'utf8')) as { features: Feature<Polygon | MultiPolygon>[] };
const rings = prov.features.flatMap((f) => ringsOf(f.geometry));
const inside = (lon: number, lat: number) => prov.features.some((f) => booleanPointInPolygon([lon, lat], f));
const communes = (JSON.parse(readFileSync(`${D}vinh-long-communes-2025.geojson`, 'utf8')) as { features: BoundaryFeature[] }).features;
const sample = JSON.parse(readFileSync('data/scenarios/sample-network.json', 'utf8')) as Scenario;
const CELL = 200, CARRIER = 'lte1800', THRESHOLD = -100, TEMPLATE = 'macro-lte1800-nr3500' as const;

describe('planted test: ten removed sites among 100 decoys (province, 200 m, LTE 1800 ≥ −100 dBm)', () => {
  it('the plan of ≤ 10 sites covers at least the people the removed sites\' own locations cover', async () => {
    const probe = { grid: planningGrid(rings, CELL) };
    const ground = await buildGround({
      grid: probe.grid, communes, communesFileName: 'vinh-long-communes-2025.geojson',
      population: await openGeoTiff(readFileSync(`${D}vinh-long-population-2020-1km.tif`), 'vinh-long-population-2020-1km.tif'),
      water: await openGeoTiff(readFileSync(`${D}vinh-long-water-gshhg-3s.tif`), 'vinh-long-water-gshhg-3s.tif'),
    });
    const onLand = (lon: number, lat: number) => {
      const [x, y] = lonLatToUtm(lon, lat);
      const c = cellAt(probe.grid, x, y);
      return !!c && !ground.water[c.row * probe.grid.width + c.col];
    };
    // Every 33rd existing site on land (spread over the province), ten of them.
    const removed = sample.sites.filter((s) => s.status === 'existing' && onLand(s.lonDeg, s.latDeg)).filter((_, i) => i % 33 === 5).slice(0, 10);
    expect(removed).toHaveLength(10);
    const scenario: Scenario = { ...sample, sites: sample.sites.filter((s) => !removed.includes(s)) };
    const planted: Candidate[] = removed.map((s) => ({ id: `P-${s.id}`, name: `planted ${s.id}`, lonDeg: s.lonDeg, latDeg: s.latDeg, heightM: s.heightM, template: null, cost: 1, source: 'file' }));
    const rnd = mulberry32(13);
    const lons = rings.flat().map((p) => p[0]), lats = rings.flat().map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const decoys: Candidate[] = [];
    while (decoys.length < 100) {
      const lon = x0 + rnd() * (x1 - x0), lat = y0 + rnd() * (y1 - y0);
      if (inside(lon, lat) && onLand(lon, lat)) decoys.push({ id: `D${decoys.length + 1}`, name: 'decoy', lonDeg: lon, latDeg: lat, heightM: null, template: null, cost: 1, source: 'file' });
    }

    /** People covered (RSRP ≥ threshold) by a full recompute of `s` on the carrier. */
    const fullPeople = (s: Scenario) => {
      const scene = planScene(s, rings, { cellSizeM: CELL, carrierIds: [CARRIER] }, ground.clutter);
      const layers = newCoverageLayers(scene);
      scatterChunk(scene, layers, new EngineCore(scene).computeTiles(allTiles(scene)));
      const mask = sceneMask(scene);
      let p = 0;
      layers.carriers[0].rsrpDbm.forEach((v, i) => { if (mask[i] && v >= THRESHOLD) p += ground.peoplePerCell[i]; });
      return p;
    };
    const plantedSites = planted.map((c) => candidateSite(c, TEMPLATE, scenario.carriers, clutterAt(probe.grid, ground.clutter, c.lonDeg, c.latDeg)).site);
    const baseline = fullPeople({ ...scenario, sites: [...scenario.sites, ...plantedSites] });
    const without = fullPeople(scenario);
    expect(baseline).toBeGreaterThan(without);

    const scene = planningScene(scenario, rings, CELL, { carrierId: CARRIER, thresholdDbm: THRESHOLD }, ground.clutter);
    expect(scene.clutter).toBe(ground.clutter);
    const mask = sceneMask(scene);
    const r = await runPlan({
      scenario, scene, mask, ground, communes, inside, seed: 1,
      target: { carrierId: CARRIER, thresholdDbm: THRESHOLD, area: { kind: 'province' }, goal: 'population', maxSites: 10 },
      candidates: { list: [...decoys.slice(0, 50), ...planted, ...decoys.slice(50)], defaultTemplate: TEMPLATE },
    }, engineRunner(new EngineCore(scene, mask)));
    expect(r.picks.length).toBeLessThanOrEqual(10);
    expect(r.excluded).toEqual([]);
    const planned = fullPeople(r.scenarioAfter);
    expect(Math.abs(r.after.population - planned)).toBeLessThanOrEqual(1e-9 * planned);
    expect(Math.abs(r.before.population - without)).toBeLessThanOrEqual(1e-9 * without);
    expect(planned).toBeGreaterThanOrEqual(baseline);
    console.log(`planted: without ${Math.round(without)}, ten removed locations ${Math.round(baseline)}, plan ${Math.round(planned)} (${r.picks.map((p) => p.candidate.id).join(' ')}), ${r.evaluations} evaluations, ${r.runtimeS.toFixed(1)} s`);
  }, 120000);
});
