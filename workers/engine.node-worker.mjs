// Node worker_threads entry: loads the TypeScript adapter through tsx (no build step), like bin/phusong.mjs.
import { tsImport } from 'tsx/esm/api';

await tsImport('./engine.node-worker.ts', import.meta.url);
