/** Browser adapter of the engine worker API (comlink over the Worker's postMessage). */
import { expose, transfer } from 'comlink';
import { makeEngineApi } from './engine-api.ts';
import { ALIVE_MESSAGE } from './alive.ts';

const scope = globalThis as unknown as { name?: string; WorkerGlobalScope?: unknown };
expose(makeEngineApi(() => scope.name ?? '', typeof scope.WorkerGlobalScope !== 'undefined', transfer, () => postMessage(ALIVE_MESSAGE)));
