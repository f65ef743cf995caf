/**
 * The layers a holder derives instead of storing (finish.ts `deriveLayers`, used by the app's
 * analysis worker): throughput from SINR and uplink margin from RSRP and the best server equal
 * the engine's own layers, from its Float64 values and from the Float32 ones the app holds.
 */
import { describe, expect, it } from 'vitest';
import { EngineCore } from './engine.ts';
import { smallScenario, SMALL_BOUNDARY } from './fixtures.ts';
import { allTiles, newCoverageLayers, scatterChunk } from './layers.ts';
import { planScene } from './scene.ts';
import { deriveLayers, layerDerivation } from './finish.ts';
import { newHeldCarrierLayers } from './layer-registry.ts';

const scene = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, tileSize: 16 });
const layers = newCoverageLayers(scene);
scatterChunk(scene, layers, new EngineCore(scene).computeTiles(allTiles(scene)));
const d = layerDerivation(scene);

describe('derived throughput and uplink margin = the engine\'s', () => {
  scene.carriers.forEach((c, ci) => {
    it(`${c.id}: from the engine's Float64 layers, and from Float32 held ones`, () => {
      const e = layers.carriers[ci];
      const n = e.rsrpDbm.length;
      const made = { throughputMbps: new Float32Array(n), ulMarginDb: new Float32Array(n) };
      deriveLayers(d, ci, e.sinrDb, e.rsrpDbm, e.server, made);
      const held = newHeldCarrierLayers(n, { sectors: scene.sectors.length });
      expect(held.throughputMbps.length).toBe(0);
      expect(held.server).toBeInstanceOf(Int16Array);
      held.rsrpDbm.set(e.rsrpDbm);
      held.sinrDb.set(e.sinrDb);
      held.server.set(e.server);
      const fromHeld = { throughputMbps: new Float32Array(n), ulMarginDb: new Float32Array(n) };
      deriveLayers(d, ci, held.sinrDb, held.rsrpDbm, held.server, fromHeld);
      let served = 0;
      for (let i = 0; i < n; i++) {
        const t = e.throughputMbps[i], u = e.ulMarginDb[i];
        if (Number.isNaN(u)) {
          expect(made.ulMarginDb[i]).toBeNaN();
          expect(made.throughputMbps[i]).toBeNaN();
          continue;
        }
        served++;
        // Float32 storage of the result: half a step relative.
        expect(Math.abs(made.throughputMbps[i] - t)).toBeLessThanOrEqual(1e-9 + Math.abs(t) * 2 ** -23);
        expect(Math.abs(made.ulMarginDb[i] - u)).toBeLessThanOrEqual(1e-9 + Math.abs(u) * 2 ** -23);
        // From Float32 inputs: the SINR and RSRP carry 2^−24 relative, which log2 and the sum pass on.
        expect(Math.abs(fromHeld.throughputMbps[i] - t)).toBeLessThanOrEqual(1e-4 * Math.max(1, t));
        expect(Math.abs(fromHeld.ulMarginDb[i] - u)).toBeLessThanOrEqual(1e-4);
      }
      expect(served).toBeGreaterThan(1000);
    });
  });
});
