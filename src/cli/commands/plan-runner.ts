/**
 * The planner's tile runner on the engine worker pool (src/compute/client.ts): the workers hold
 * the existing network's scene in an edit that excludes nothing, so a candidate's gain is one
 * `editMove` (its tiles split among the workers by tile number, each worker keeping the
 * network's part of its own tiles); tiles with nothing added are a plain job.
 */
import type { ComputeClient } from '../../compute/client.ts';
import type { Scene } from '../../core/coverage/scene.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import type { TileChunk, TileRunner } from '../../core/planning/engine-oracle.ts';
import type { Position } from 'geojson';

/** Tiles per job group when nothing is added. */
const GROUP_TILES = 40;

/**
 * Sends the scene to the pool's workers and starts the edit.
 * @param scene - the planning scene (its options are sent as they are, so the workers plan the same scene)
 */
export async function poolRunner(client: ComputeClient, scenario: Scenario, boundaryRings: Position[][], scene: Scene): Promise<TileRunner> {
  // The clutter map goes with the scene (the workers plan the same scene, clutter loss included).
  await client.setScene({ scenario, boundaryRings, options: scene.options, version: 1, ...(scene.clutter ? { clutter: scene.clutter } : {}) });
  await client.beginEdit([], []);
  return {
    async run(tiles, added, layers) {
      if (added.length === 0) {
        const chunks: TileChunk[] = [];
        const groups: number[][] = [];
        for (let i = 0; i < tiles.length; i += GROUP_TILES) groups.push(tiles.slice(i, i + GROUP_TILES));
        await client.start(groups, { onChunk: (c) => chunks.push(c) }).done;
        return chunks;
      }
      const r = await client.editMove(tiles, added, layers);
      if (!r) throw new Error('a planning evaluation was superseded (two evaluations at once on one pool)');
      return r;
    },
  };
}
