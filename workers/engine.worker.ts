/** Browser adapter of the engine worker API (comlink over the Worker's postMessage). */
import { expose, transfer } from 'comlink';
import { makeEngineApi } from './engine-api.ts';

const scope = globalThis as unknown as { name?: string; WorkerGlobalScope?: unknown };
expose(makeEngineApi(() => scope.name ?? '', typeof scope.WorkerGlobalScope !== 'undefined', transfer));
