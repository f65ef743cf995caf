import { describe, expect, it } from 'vitest';
import type { Grid } from '../grid/grid.ts';
import { utmToLonLat } from '../grid/projection.ts';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import { encodeGeoTiff } from '../raster/geotiff-writer.ts';
import { openGeoTiff } from '../raster/geotiff-reader.ts';
import { CLUTTER_INDEX } from './clutter-map.ts';
import { buildGround } from './ground.ts';

// Expected values: hand calculations on a 4 × 2 grid of 100 m cells with two square communes
// (a phường on the west half, a xã on the east half), a population raster aligned with the grid
// and a water mask marking one cell.

const grid: Grid = { width: 4, height: 2, originX: 600000, originY: 1100200, cellSizeM: 100, crs: 'EPSG:32648' };
const square = (x0: number, x1: number, props: Record<string, unknown>): BoundaryFeature => ({
  type: 'Feature', properties: props,
  geometry: { type: 'Polygon', coordinates: [[[x0, 1100000], [x1, 1100000], [x1, 1100200], [x0, 1100200], [x0, 1100000]].map(([x, y]) => utmToLonLat(x, y))] },
});
const communes = [
  square(600000, 600200, { name: 'P', type: 'phuong', population: 1000 }),
  square(600200, 600400, { name: 'X', type: 'xa', population: 300 }),
];
const geo = { epsg: 32648, originX: 600000, originY: 1100200, pixelSizeX: 100, pixelSizeY: 100 };
// WorldPop-like weights per cell: phường [4, 1 / 0, 5], xã [0, 0 / 0, 0] (all zero → uniform).
const pop = encodeGeoTiff({ width: 4, height: 2, type: 'float32', values: [4, 1, 0, 0, 0, 5, 0, 0], georeference: geo });
// Water on cell (0, 1) (row 1, col 0) and cell (3, 0).
const water = encodeGeoTiff({ width: 4, height: 2, type: 'uint8', values: [0, 0, 0, 1, 1, 0, 0, 0], georeference: geo });

describe('buildGround', () => {
  it('weights on land only; a xã without weight spread evenly over its cells; clutter from water and density', async () => {
    const g = await buildGround({ grid, communes, communesFileName: 'c.geojson', population: await openGeoTiff(pop, 'pop.tif'), water: await openGeoTiff(water, 'w.tif') });
    // Phường: weights 4, 1, (water), 5 → 1000 × (4, 1, 0, 5)/10. Xã: no weight → 300/3 on each of its 3 land cells, 0 on water.
    expect(Array.from(g.peoplePerCell)).toEqual([400, 100, 100, 0, 0, 500, 100, 100]);
    expect(g.population.uniformCommunes).toEqual([1]);
    expect(g.notes[0]).toBe('pop.tif: no weight in X; their population is spread evenly over their cells');
    // Density = people × 100 per km²: phường 40 000, 10 000, —, 50 000 → dense, dense, water, dense; xã 10 000 → suburban (≥ 2 000), water.
    expect(Array.from(g.clutter)).toEqual([5, 5, 2, 0, 0, 5, 2, 2].map((k) => k));
    expect(g.clutter[3]).toBe(CLUTTER_INDEX['water-sea']);
    expect(g.clutterSource).toBe('rules');
  });

  it('without a population raster: each commune uniform over its land cells', async () => {
    const g = await buildGround({ grid, communes, communesFileName: 'c.geojson', water: await openGeoTiff(water, 'w.tif') });
    // Phường: 3 land cells → 333.33 each, 0 on water; xã: 3 land cells → 100 each.
    expect(Array.from(g.peoplePerCell).map((v) => Math.round(v * 100) / 100)).toEqual([333.33, 333.33, 100, 0, 0, 333.33, 100, 100]);
    expect(g.notes[0]).toMatch(/^no population raster/);
  });

  it('a boundary file without any population: no people anywhere, a note naming the file, the rest of the ground as before', async () => {
    const bare = communes.map((f) => ({ ...f, properties: { name: f.properties!.name, type: f.properties!.type } }));
    const g = await buildGround({ grid, communes: bare, communesFileName: 'mine.geojson', population: await openGeoTiff(pop, 'pop.tif'), water: await openGeoTiff(water, 'w.tif') });
    expect(g.peopleKnown).toBe(false);
    expect(Array.from(g.peoplePerCell)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(g.notes.some((n) => n.startsWith('mine.geojson: no commune has a "population" property'))).toBe(true);
    expect(g.clutter[3]).toBe(CLUTTER_INDEX['water-sea']);
  });

  it('one commune without population when others have one is still an error naming file, feature and property', async () => {
    const mixed = [communes[0], { ...communes[1], properties: { name: 'X', type: 'xa' } }];
    await expect(buildGround({ grid, communes: mixed, communesFileName: 'mine.geojson' })).rejects.toThrow('mine.geojson, feature 2 (X): property "population" must be a number ≥ 0, got undefined');
  });
});
