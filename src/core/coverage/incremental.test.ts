/**
 * Adding and removing sites by merging (incremental.ts + EngineCore edits) gives the layers of a
 * full recompute of the new scenario: every layer within 1e-6 dB, best server and overlap exact.
 */
import { describe, expect, it } from 'vitest';
import { EngineCore } from './engine.ts';
import { smallScenario, SMALL_BOUNDARY } from './fixtures.ts';
import { planIncremental, remapServerAfterRemoval } from './incremental.ts';
import { allTiles, newCoverageLayers, scatterChunk, type CoverageLayers } from './layers.ts';
import { planScene, tilesTouchedByDisc, type EngineSector, type Scene } from './scene.ts';
import { copyLayers, expectLayersClose } from './testing.ts';
import type { Scenario, Site } from '../scenario/scenario.ts';

const OPTS = { cellSizeM: 100, tileSize: 16, floorDbm: -125 };
const scen = smallScenario();
const scene = planScene(scen, SMALL_BOUNDARY, OPTS);

function full(s: Scene): CoverageLayers {
  const layers = newCoverageLayers(s);
  scatterChunk(s, layers, new EngineCore(s).computeTiles(allTiles(s)));
  return layers;
}
const base = full(scene);
const tilesOf = (secs: readonly EngineSector[]) => [...new Set(secs.flatMap((s) => tilesTouchedByDisc(scene, s.xM, s.yM, s.rangeM)))];

/** Merges the plan into a copy of the computed layers, as the app does. */
function merged(next: Scenario): { layers: CoverageLayers; nextScene: Scene; kind: string } {
  const nextScene = planScene(next, SMALL_BOUNDARY, OPTS);
  const plan = planIncremental(scene, scen, next, nextScene);
  if (!plan) throw new Error('no incremental plan');
  const layers = copyLayers(scene, base);
  const engine = new EngineCore(scene);
  engine.beginEdit(plan.excluded);
  const tiles = [...new Set([...tilesOf(plan.excluded.map((i) => scene.sectors[i])), ...tilesOf(plan.replacements)])];
  scatterChunk(scene, layers, engine.editTiles(tiles, plan.replacements));
  engine.endEdit();
  if (plan.removed) for (const c of layers.carriers) remapServerAfterRemoval(c.server, plan.removed.first, plan.removed.count);
  return { layers, nextScene, kind: plan.kind };
}

const E: Site = { ...scen.sites[0], id: 'E', name: 'SYNTHETIC E', lonDeg: 105.96, latDeg: 10.25, sectors: scen.sites[0].sectors.map((s) => ({ ...s, id: `E${s.id.slice(1)}`, azimuthDeg: (s.azimuthDeg + 45) % 360 })) };

describe('sites added or removed by merging = a full recompute', () => {
  it('a site added at the end: its sectors get the next indices; every layer matches', () => {
    const next: Scenario = { ...scen, sites: [...scen.sites, E] };
    const { layers, nextScene, kind } = merged(next);
    expect(kind).toBe('add');
    const want = full(nextScene);
    nextScene.carriers.forEach((c, ci) => expectLayersClose(layers.carriers[ci], want.carriers[ci], `add E, ${c.id}`));
    // E serves somewhere (its indices appear in the merged server layer)
    const eIdx = new Set(nextScene.sectors.filter((s) => s.siteId === 'E').map((s) => s.index));
    expect(layers.carriers.some((c) => c.server.some((v) => eIdx.has(v)))).toBe(true);
  });

  it('a site in the middle removed: its cells go to others, higher server indices move down; every layer matches', () => {
    const next: Scenario = { ...scen, sites: scen.sites.filter((s) => s.id !== 'B') };
    const { layers, nextScene, kind } = merged(next);
    expect(kind).toBe('remove');
    const want = full(nextScene);
    nextScene.carriers.forEach((c, ci) => expectLayersClose(layers.carriers[ci], want.carriers[ci], `remove B, ${c.id}`));
  });

  it('what cannot be merged asks for a full recompute', () => {
    const plan = (next: Scenario) => planIncremental(scene, scen, next, planScene(next, SMALL_BOUNDARY, OPTS));
    expect(plan({ ...scen, carriers: [...scen.carriers] })).toBeNull(); // carriers replaced
    expect(plan({ ...scen, sites: [E, ...scen.sites] })).toBeNull(); // inserted first: every index moves
    const [a, b] = scen.sites;
    expect(plan({ ...scen, sites: [{ ...a, heightM: 31 }, { ...b, heightM: 36 }, ...scen.sites.slice(2)] })).toBeNull(); // two sites
    expect(plan({ ...scen, sites: [{ ...a, sectors: a.sectors.slice(1) }, ...scen.sites.slice(1)] })).toBeNull(); // a sector fewer
    const moved = plan({ ...scen, sites: [{ ...a, lonDeg: a.lonDeg + 0.001 }, ...scen.sites.slice(1)] });
    expect(moved?.kind).toBe('change');
    expect(moved?.replacements.map((s) => s.index)).toEqual([0, 1, 2, 3]);
  });

  it('remapServerAfterRemoval: indices above the removed block move down, −1 stays', () => {
    const s = Int32Array.from([-1, 0, 2, 6, 7, 9]);
    remapServerAfterRemoval(s, 3, 3); // sectors 3, 4, 5 removed
    expect([...s]).toEqual([-1, 0, 2, 3, 4, 6]);
  });
});

describe('a scenario opened from a file (new, equal objects)', () => {
  it('one site fewer is still a removal (sites compared by value, not by object)', () => {
    const reread: Scenario = JSON.parse(JSON.stringify({ ...scen, sites: scen.sites.filter((s) => s.id !== 'C') }));
    const plan = planIncremental(scene, scen, reread, planScene(reread, SMALL_BOUNDARY, OPTS));
    expect(plan?.kind).toBe('remove');
    expect(plan?.removed).toEqual({ first: 8, count: 2 });
  });
});
