/**
 * The compute client with real workers (Node worker_threads running the same worker API as the
 * browser): superseded and cancelled jobs never deliver, a killed worker is replaced and its
 * tiles recomputed, edits are pinned and superseded moves dropped (issue 4, acceptance 3).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { nodeClient } from './node-pool.ts';
import { nodeSpawn } from './node-pool.ts';
import { ComputeClient, JobCancelledError } from './client.ts';
import { smallScenario, SMALL_BOUNDARY } from '../core/coverage/fixtures.ts';
import { planScene, engineSectorsForSite, sceneMask, tilesTouchedByDisc } from '../core/coverage/scene.ts';
import { referenceLayers } from '../core/coverage/reference.ts';
import { expectLayersClose } from '../core/coverage/testing.ts';
import { EngineCore } from '../core/coverage/engine.ts';
import { allTiles, newCoverageLayers, scatterChunk, tileBands } from '../core/coverage/layers.ts';

const input = { scenario: smallScenario(), boundaryRings: SMALL_BOUNDARY, options: { cellSizeM: 100, tileSize: 8 }, version: 1 };
const scene = planScene(input.scenario, input.boundaryRings, input.options);
const groups = tileBands(scene);
const client = nodeClient(2);
afterAll(() => client.dispose());

function sameAsInProcess(chunks: { tiles: Int32Array; carriers: unknown[] }[]): void {
  const got = newCoverageLayers(scene);
  for (const c of chunks) scatterChunk(scene, got, c as never);
  const want = newCoverageLayers(scene);
  scatterChunk(scene, want, new EngineCore(scene).computeTiles(allTiles(scene)));
  want.carriers.forEach((w, ci) => {
    expect(Buffer.from(got.carriers[ci].rsrpDbm.buffer).equals(Buffer.from(w.rsrpDbm.buffer))).toBe(true);
    expect(Buffer.from(got.carriers[ci].sinrDb.buffer).equals(Buffer.from(w.sinrDb.buffer))).toBe(true);
  });
}

describe('golden: every layer equals the direct per-cell evaluation with 1, 2 and 4 worker threads', () => {
  const mask = sceneMask(scene);
  const refs = scene.carriers.map((_, ci) => referenceLayers(scene, ci, mask));
  for (const n of [1, 2, 4]) {
    it(`${n} worker${n > 1 ? 's' : ''}`, async () => {
      const pool = nodeClient(n);
      try {
        await pool.setScene(input);
        const layers = newCoverageLayers(scene);
        const s = await pool.start(groups, { onChunk: (c) => scatterChunk(scene, layers, c) }).done;
        expect(Object.keys(s.groupsByWorker).length).toBeLessThanOrEqual(n);
        expect(s.allInWorkers).toBe(true);
        scene.carriers.forEach((c, ci) => expectLayersClose(layers.carriers[ci], refs[ci], `${n} workers ${c.id}`));
      } finally {
        pool.dispose();
      }
    }, 120000);
  }
});

describe('compute client on worker threads', () => {
  it('computes every group in workers, identical to the in-process engine', async () => {
    await client.setScene(input);
    const chunks: never[] = [];
    const { done } = client.start(groups, { onChunk: (c) => chunks.push(c as never) });
    const s = await done;
    expect(s.allInWorkers).toBe(true);
    expect(Object.keys(s.groupsByWorker).length).toBeGreaterThanOrEqual(1);
    expect(chunks).toHaveLength(groups.length);
    sameAsInProcess(chunks);
  }, 60000);

  it('a superseded job delivers nothing and rejects as cancelled', async () => {
    let lateChunks = 0;
    const first = client.start(groups, { onChunk: () => lateChunks++ });
    const dropped0 = client.droppedResults;
    const second = client.start(groups, { onChunk: () => undefined });
    await expect(first.done).rejects.toBeInstanceOf(JobCancelledError);
    await second.done;
    expect(lateChunks).toBe(0);
    // the groups already in flight for the first job came back and were dropped
    expect(client.droppedResults).toBeGreaterThan(dropped0);
  }, 60000);

  it('workers killed with a group in flight are replaced and their groups recomputed', async () => {
    const chunks: never[] = [];
    const replaced0 = client.replacedWorkers;
    await client.crashOnNextTask();
    const { done } = client.start(groups, { onChunk: (c) => chunks.push(c as never) });
    const s = await done;
    expect(client.replacedWorkers).toBe(replaced0 + 2);
    expect(s.retries).toBe(2);
    expect(chunks).toHaveLength(groups.length);
    sameAsInProcess(chunks);
  }, 60000);

  it('workers that silently stop mid-job (a blocked loop: no error, no reply) are noticed by their silence, replaced, and the job completes identical', async () => {
    // A short silence limit; a working worker says it is alive every 250 ms.
    const pool = new ComputeClient(2, nodeSpawn, undefined, 60000, 1500);
    try {
      await pool.setScene(input);
      await pool.hangOnNextTask();
      const chunks: never[] = [];
      const t0 = performance.now();
      const s = await pool.start(groups, { onChunk: (c) => chunks.push(c as never) }).done;
      const elapsedMs = performance.now() - t0;
      expect(pool.replacedWorkers).toBe(2);
      expect(s.retries).toBe(2);
      // noticed after the silence limit, not the 60 s watchdog
      expect(elapsedMs).toBeGreaterThan(1500);
      expect(elapsedMs).toBeLessThan(30000);
      expect(chunks).toHaveLength(groups.length);
      sameAsInProcess(chunks);
    } finally {
      pool.dispose();
    }
  }, 60000);

  it('edit moves: pinned tiles, superseded moves resolve to null, the last one matches the engine', async () => {
    const site = input.scenario.sites[1];
    const old = scene.sectors.filter((s) => s.siteId === site.id);
    await client.beginEdit(old.map((s) => s.index));
    const ids = input.scenario.carriers.map((c) => c.id);
    const move = (dLon: number) => engineSectorsForSite({ ...site, lonDeg: site.lonDeg + dLon }, scene.carriers, ids, input.scenario.ueHeightM, scene.options, old[0].index);
    const tilesOf = (secs: typeof old) => [...new Set(secs.flatMap((s) => tilesTouchedByDisc(scene, s.xM, s.yM, s.rangeM)))];
    const a = client.editMove(tilesOf(old), move(0.003));
    const b = client.editMove([...new Set([...tilesOf(old), ...tilesOf(move(0.006))])], move(0.006));
    expect(await a).toBeNull();
    const chunks = (await b)!;
    expect(chunks.length).toBeGreaterThan(0);
    const local = new EngineCore(scene);
    local.beginEdit(old.map((s) => s.index));
    const tiles = chunks.flatMap((c) => [...c.tiles]);
    const want = local.editTiles(tiles, move(0.006));
    const got = newCoverageLayers(scene);
    const ref = newCoverageLayers(scene);
    for (const c of chunks) scatterChunk(scene, got, c);
    scatterChunk(scene, ref, want);
    expect(Buffer.from(got.carriers[0].rsrpDbm.buffer).equals(Buffer.from(ref.carriers[0].rsrpDbm.buffer))).toBe(true);
    // each worker got only its own tiles (tile mod 2)
    for (const c of chunks) expect(new Set([...c.tiles].map((t) => t % 2)).size).toBe(1);
    await client.endEdit();
  }, 60000);
});
