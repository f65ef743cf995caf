/** Scene building: footprints, the global model choice and the validity warnings carried to the UI. */
import { describe, expect, it } from 'vitest';
import { smallScenario, SMALL_BOUNDARY } from './fixtures.ts';
import { planScene, sceneWarnings, tilesTouchedByDisc } from './scene.ts';
import { getPathLossModel } from '../propagation/registry.ts';

describe('planScene', () => {
  it('a footprint is where max-gain RSRP falls to the floor (checked against the model directly)', () => {
    const scene = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, floorDbm: -140 });
    for (const s of scene.sectors) {
      const m = getPathLossModel(s.modelId)!;
      const rsrpAt = (d: number) => s.pReDbm + s.maxGainDbi - s.feederLossDb - m.pathLossDb(s.freqMHz, d, s.heightM, 1.5);
      if (s.rangeM < 30000) {
        expect(rsrpAt(s.rangeM + 2)).toBeLessThan(-140);
        expect(rsrpAt(s.rangeM - 2)).toBeGreaterThanOrEqual(-140);
      }
    }
  });

  it('one model for every sector when chosen globally', () => {
    const scene = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, modelOverride: 'cost231' });
    expect(scene.modelIds).toEqual(['cost231']);
    expect(() => planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, modelOverride: 'nope' })).toThrow(/unknown path-loss model "nope"/);
  });

  it('carries the models\' validity warnings: UMa footprints beyond 5 km are named, not clamped', () => {
    const scene = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, floorDbm: -140 });
    const w = sceneWarnings(scene);
    const uma = scene.sectors.filter((s) => s.modelId === '38901-uma-expected' && s.rangeM > 5000);
    expect(uma.length).toBeGreaterThan(0);
    expect(w.some((l) => l.includes('UMa') && l.includes('5000'))).toBe(true);
    // a tight floor keeps every footprint inside 5 km: no distance warning for UMa then
    const tight = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, floorDbm: -95 });
    expect(sceneWarnings(tight).some((l) => l.includes('UMa') && l.includes('d2dM'))).toBe(false);
  });

  it('tilesTouchedByDisc returns exactly the tiles whose rectangle meets the disc', () => {
    const scene = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, tileSize: 4 });
    const g = scene.grid;
    const span = 400;
    const x = g.originX + 1234, y = g.originY - 987, r = 900;
    const got = new Set(tilesTouchedByDisc(scene, x, y, r));
    for (let ty = 0; ty < scene.tilesY; ty++) for (let tx = 0; tx < scene.tilesX; tx++) {
      const left = g.originX + tx * span, top = g.originY - ty * span;
      const nx = Math.min(Math.max(x, left), left + span), ny = Math.min(Math.max(y, top - span), top);
      expect(got.has(ty * scene.tilesX + tx)).toBe(Math.hypot(nx - x, ny - y) <= r);
    }
  });
});
