/**
 * Thin comlink adapter: runs src/core coverage kernels off the main thread and transfers the
 * result buffers back (STYLE.md §2). No radio math here.
 */
import { expose, transfer } from 'comlink';
import { computeBestServerTile, type BestServerTileRequest, type BestServerTile } from '../src/core/coverage/best-server.ts';
import type { Grid } from '../src/core/grid/grid.ts';
import { mercatorIndex, type MercatorRaster } from '../src/core/grid/resample.ts';

export interface WorkerTileResult extends BestServerTile {
  /** Proof for tests and the status line that the work ran in a worker, and which one. */
  readonly workerName: string;
  readonly inWorker: boolean;
  readonly elapsedMs: number;
}

const api = {
  computeBestServerTile(req: BestServerTileRequest): WorkerTileResult {
    const t0 = performance.now();
    const tile = computeBestServerTile(req);
    const scope = globalThis as unknown as { name?: string; WorkerGlobalScope?: unknown };
    const result: WorkerTileResult = { ...tile, workerName: scope.name ?? '', inWorker: typeof scope.WorkerGlobalScope !== 'undefined', elapsedMs: performance.now() - t0 };
    return transfer(result, [tile.rsrpDbm.buffer, tile.server.buffer]);
  },
  /** Display index of a grid (src/core/grid/resample.ts), built off the main thread. */
  mercatorIndex(grid: Grid, width: number): MercatorRaster {
    const m = mercatorIndex(grid, width);
    return transfer(m, [m.sourceIndex.buffer]);
  },
  /** Test hook: crashes this worker (used by the worker-death tests). */
  crash(): void {
    setTimeout(() => {
      throw new Error('crash requested');
    });
  },
};

export type CoverageWorkerApi = typeof api;
expose(api);
