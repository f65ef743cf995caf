/**
 * Engine workers on Node worker_threads for the command line and the benchmarks: the same
 * worker API (workers/engine-api.ts) and the same client (src/compute/client.ts) as the app.
 * Workers load the TypeScript through tsx, like bin/phusong.mjs.
 */
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ComputeClient, type Spawn } from './client.ts';
import { isAliveMessage } from '../../workers/alive.ts';
import type { EngineWorkerApi } from '../../workers/engine-api.ts';

let bundled: URL | null = null;

/**
 * The worker as one plain JavaScript file: bundled with esbuild (about 0.2 s) into the temporary
 * folder under a name that is the hash of its content, so that each worker loads it in a few
 * milliseconds instead of compiling the TypeScript sources through tsx (about 1 s per worker).
 * Falls back to the tsx entry when bundling is impossible.
 */
function workerUrl(): URL {
  if (bundled) return bundled;
  try {
    const out = buildSync({
      entryPoints: [fileURLToPath(new URL('../../workers/engine.node-worker.ts', import.meta.url))],
      bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent', target: 'node20',
    }).outputFiles[0].contents;
    const dir = join(tmpdir(), 'phusong');
    const file = join(dir, `engine-worker-${createHash('sha256').update(out).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, out);
    }
    bundled = pathToFileURL(file);
  } catch {
    bundled = new URL('../../workers/engine.node-worker.mjs', import.meta.url);
  }
  return bundled;
}

export const nodeSpawn: Spawn = (name, onDeath, onAlive) => {
  const worker = new Worker(workerUrl(), { name, workerData: { name } });
  worker.on('message', (data: unknown) => {
    if (isAliveMessage(data)) onAlive?.();
  });
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
