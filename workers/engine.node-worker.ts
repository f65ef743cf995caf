/** Node worker_threads adapter of the engine worker API (the command line and benchmarks). */
import { parentPort, isMainThread, workerData } from 'node:worker_threads';
import { expose, transfer } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { makeEngineApi } from './engine-api.ts';
import { ALIVE_MESSAGE } from './alive.ts';

if (!parentPort) throw new Error('engine.node-worker.ts must run in a worker thread');
const name = (workerData as { name?: string } | undefined)?.name ?? 'node-worker';
const port = parentPort;
expose(makeEngineApi(() => name, !isMainThread, transfer, () => port.postMessage(ALIVE_MESSAGE)), nodeEndpoint(port));
