/**
 * Terrain maps in the worker pool (issue 12): `prepareTerrain` makes each map once in the pool
 * and copies it to the other workers, so the job that follows computes no map again, and the
 * layers equal the in-process engine bit for bit (itself checked against reference.ts in
 * src/core/coverage/terrain-loss.test.ts). Sources: invariants (each map computed once over the
 * pool; the same layers whatever computed them).
 */
import { describe, expect, it } from 'vitest';
import { ComputeClient, type PoolWorker } from './client.ts';
import { nodeSpawn } from './node-pool.ts';
import { EngineCore } from '../core/coverage/engine.ts';
import { smallScenario, SMALL_BOUNDARY } from '../core/coverage/fixtures.ts';
import { allTiles, newCoverageLayers, scatterChunk, tileBands } from '../core/coverage/layers.ts';
import { planScene } from '../core/coverage/scene.ts';
import { terrainSpecsOf } from '../core/coverage/terrain-loss.ts';

describe('terrain maps prepared once in a pool of 2 workers', () => {
  const probe = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100 });
  const { width: W, height: H } = probe.grid;
  // A SYNTHETIC DEM: a 70 m hill in the middle of the grid on 2 m ground.
  const dem = Float32Array.from({ length: W * H }, (_, i) => 2 + 70 * Math.exp(-(((i % W) - W / 2) ** 2 + (Math.floor(i / W) - H / 2) ** 2) / 60));
  const options = { cellSizeM: 100, tileSize: 8, terrain: 'itm' as const, terrainRangeM: 5000 };
  const input = { scenario: smallScenario(), boundaryRings: SMALL_BOUNDARY, options, version: 1, dem };
  const scene = planScene(input.scenario, input.boundaryRings, options, null, dem);
  const specs = terrainSpecsOf(scene);

  it('each map is computed by one worker and held by both; the job computes none again; layers = in-process engine', async () => {
    const workers: PoolWorker[] = [];
    const pool = new ComputeClient(2, (name, onDeath, onAlive) => {
      const w = nodeSpawn(name, onDeath, onAlive);
      workers.push(w);
      return w;
    });
    try {
      await pool.setScene(input);
      const done: number[] = [];
      const sums = await pool.prepareTerrain(specs, { onProgress: (d) => done.push(d) });
      expect(specs).toHaveLength(7);
      expect(sums.map((m) => m.key)).toEqual(specs.map((s) => s.key));
      expect(done).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const stats = await Promise.all(workers.map((w) => w.api.terrainStats()));
      expect(stats.reduce((a, s) => a + s.computed, 0)).toBe(7);
      expect(stats.every((s) => s.held === 7)).toBe(true);
      // A second preparation finds every map held: nothing computed, nothing to do.
      const again: number[] = [];
      await pool.prepareTerrain(specs, { onProgress: (d) => again.push(d) });
      expect(again).toEqual([]);
      const layers = newCoverageLayers(scene);
      await pool.start(tileBands(scene), { onChunk: (c) => scatterChunk(scene, layers, c) }).done;
      const after = await Promise.all(workers.map((w) => w.api.terrainStats()));
      expect(after.reduce((a, s) => a + s.computed, 0)).toBe(7);
      const want = newCoverageLayers(scene);
      scatterChunk(scene, want, new EngineCore(scene).computeTiles(allTiles(scene)));
      want.carriers.forEach((w, ci) => {
        expect(Buffer.from(layers.carriers[ci].rsrpDbm.buffer).equals(Buffer.from(w.rsrpDbm.buffer))).toBe(true);
        expect(Buffer.from(layers.carriers[ci].sinrDb.buffer).equals(Buffer.from(w.sinrDb.buffer))).toBe(true);
      });
    } finally {
      pool.dispose();
    }
  }, 120000);

  it('a cancelled preparation rejects and leaves the rest to be computed where needed', async () => {
    const pool = new ComputeClient(2, nodeSpawn);
    try {
      await pool.setScene(input);
      let n = 0;
      await expect(pool.prepareTerrain(specs, { isCancelled: () => ++n > 2 })).rejects.toThrow(/cancelled/);
      const layers = newCoverageLayers(scene);
      await pool.start(tileBands(scene), { onChunk: (c) => scatterChunk(scene, layers, c) }).done;
      const want = newCoverageLayers(scene);
      scatterChunk(scene, want, new EngineCore(scene).computeTiles(allTiles(scene)));
      expect(Buffer.from(layers.carriers[0].rsrpDbm.buffer).equals(Buffer.from(want.carriers[0].rsrpDbm.buffer))).toBe(true);
    } finally {
      pool.dispose();
    }
  }, 120000);
});
