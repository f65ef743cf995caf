/**
 * Engine workers on Node worker_threads for the command line and the benchmarks: the same
 * worker API (workers/engine-api.ts) and the same client (src/compute/client.ts) as the app.
 * Workers load the TypeScript through tsx, like bin/phusong.mjs.
 */
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ComputeClient, type Spawn } from './client.ts';
import { isAliveMessage } from '../../workers/alive.ts';
import type { EngineWorkerApi } from '../../workers/engine-api.ts';

let bundled: URL | null = null;

/**
 * The worker as one plain JavaScript file: bundled with esbuild into the temporary folder under
 * a name that is the hash of its content, so that each worker loads it in a few milliseconds
 * instead of compiling the TypeScript sources through tsx (about 1 s per worker). Beside it, a
 * manifest lists the sources it was built from with their sizes and modification times: while
 * none changed, the next run takes the bundle as it is (bundling costs about 0.2 s of the
 * command's start). Falls back to the tsx entry when bundling is impossible.
 */
function workerUrl(): URL {
  if (bundled) return bundled;
  const entry = fileURLToPath(new URL('../../workers/engine.node-worker.ts', import.meta.url));
  const dir = join(tmpdir(), 'phusong');
  const manifestFile = join(dir, `engine-worker-${createHash('sha256').update(entry).digest('hex').slice(0, 12)}.json`);
  const stamp = (f: string) => {
    const st = statSync(f);
    return `${st.size}:${st.mtimeMs}`;
  };
  try {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as { bundle: string; inputs: Record<string, string> };
    if (existsSync(m.bundle) && Object.entries(m.inputs).every(([f, st]) => existsSync(f) && stamp(f) === st)) return (bundled = pathToFileURL(m.bundle));
  } catch {
    // No manifest yet, or an unreadable one: bundle.
  }
  try {
    const built = buildSync({
      entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent', target: 'node20', metafile: true,
      absWorkingDir: process.cwd(),
    });
    const out = built.outputFiles[0].contents;
    const file = join(dir, `engine-worker-${createHash('sha256').update(out).digest('hex').slice(0, 16)}.mjs`);
    mkdirSync(dir, { recursive: true });
    // Written whole under a temporary name and renamed: another process never loads half a file.
    const put = (to: string, data: string | Uint8Array) => {
      const tmp = `${to}.${process.pid}.tmp`;
      writeFileSync(tmp, data);
      renameSync(tmp, to);
    };
    if (!existsSync(file)) put(file, out);
    const inputs = Object.fromEntries(Object.keys(built.metafile.inputs).map((f) => resolve(process.cwd(), f)).map((f) => [f, stamp(f)]));
    put(manifestFile, JSON.stringify({ bundle: file, inputs }));
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
