/**
 * Engine workers on Node worker_threads for the command line and the benchmarks: the same
 * worker API (workers/engine-api.ts) and the same client (src/compute/client.ts) as the app.
 * Workers load the TypeScript through tsx, like bin/phusong.mjs.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ComputeClient, type Spawn } from '../compute/client.ts';
import type { EngineWorkerApi } from '../../workers/engine-api.ts';

export const nodeSpawn: Spawn = (name, onDeath) => {
  const worker = new Worker(new URL('../../workers/engine.node-worker.mjs', import.meta.url), { name, workerData: { name } });
  let terminated = false;
  worker.on('error', (e) => onDeath(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', (code) => {
    if (!terminated) onDeath(new Error(`${name} exited with code ${code}`));
  });
  return {
    name,
    api: wrap<EngineWorkerApi>(nodeEndpoint(worker)),
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
  };
};

/** A pool of `size` Node workers (default: one per core). Call dispose() when done. */
export function nodeClient(size = availableParallelism()): ComputeClient {
  return new ComputeClient(Math.max(1, size), nodeSpawn);
}
