/**
 * The one place the UI reaches workers (STYLE.md §2): a pool of coverage workers, job ids,
 * cancellation and buffer transfer. A job is a list of tiles; tiles are handed to idle workers
 * as they free up. Starting a job supersedes the previous one: its queued tiles are dropped and
 * results still in flight are discarded on arrival, never delivered. A worker that dies is
 * replaced and its tile retried once; a second failure fails the job with the error.
 */
import { wrap, type Remote } from 'comlink';
import type { BestServerTileRequest } from '../core/coverage/best-server.ts';
import type { CoverageWorkerApi, WorkerTileResult } from '../../workers/coverage.worker.ts';

export interface JobHandlers {
  /** Called once per finished tile of the current job, in completion order. */
  onTile(tile: WorkerTileResult, index: number): void;
  onProgress?(done: number, total: number): void;
}

export interface JobSummary {
  readonly jobId: number;
  readonly tiles: number;
  readonly elapsedMs: number;
  /** Tiles computed by each worker, by worker name. */
  readonly tilesByWorker: Readonly<Record<string, number>>;
  readonly allInWorkers: boolean;
  readonly retries: number;
}

export class JobCancelledError extends Error {
  constructor(jobId: number) {
    super(`job ${jobId} cancelled`);
    this.name = 'JobCancelledError';
  }
}

interface Slot {
  worker: Worker;
  api: Remote<CoverageWorkerApi>;
  busy: boolean;
  name: string;
  /** Rejects the in-flight call when the worker dies (comlink would wait forever). */
  failCurrent: ((e: Error) => void) | null;
}

interface Task {
  index: number;
  req: BestServerTileRequest;
  attempts: number;
}

interface ActiveJob {
  id: number;
  queue: Task[];
  remaining: number;
  total: number;
  handlers: JobHandlers;
  resolve(s: JobSummary): void;
  reject(e: Error): void;
  started: number;
  tilesByWorker: Record<string, number>;
  allInWorkers: boolean;
  retries: number;
}

export type WorkerFactory = (name: string) => Worker;

const defaultFactory: WorkerFactory = (name) => new Worker(new URL('../../workers/coverage.worker.ts', import.meta.url), { type: 'module', name });

export class ComputeClient {
  private readonly slots: Slot[] = [];
  private nextJobId = 1;
  private job: ActiveJob | null = null;
  private spawned = 0;
  /** Results that arrived for superseded jobs and were dropped (exposed for tests). */
  droppedResults = 0;

  constructor(size = Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2)), private readonly factory: WorkerFactory = defaultFactory) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Starts a job, superseding (cancelling) any job still running. */
  start(requests: readonly BestServerTileRequest[], handlers: JobHandlers): { jobId: number; done: Promise<JobSummary> } {
    this.cancel();
    const id = this.nextJobId++;
    let resolve!: (s: JobSummary) => void;
    let reject!: (e: Error) => void;
    const done = new Promise<JobSummary>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.job = {
      id, handlers, resolve, reject, started: performance.now(), total: requests.length, remaining: requests.length,
      queue: requests.map((req, index) => ({ index, req, attempts: 0 })), tilesByWorker: {}, allInWorkers: true, retries: 0,
    };
    if (requests.length === 0) this.finish();
    else this.pump();
    return { jobId: id, done };
  }

  /** Cancels the running job, if any: its promise rejects with JobCancelledError. */
  cancel(): void {
    const job = this.job;
    if (!job) return;
    this.job = null;
    job.queue.length = 0;
    job.reject(new JobCancelledError(job.id));
  }

  /**
   * Runs one call on a worker outside the job queue (e.g. the display index of a grid), on an
   * idle worker if there is one.
   */
  async call<T>(fn: (api: Remote<CoverageWorkerApi>) => Promise<T>): Promise<T> {
    const slot = this.slots.find((s) => !s.busy) ?? this.slots[0];
    return fn(slot.api);
  }

  /** Test hook: makes the worker that runs the next task crash mid-tile. */
  async crashOneWorker(): Promise<void> {
    const busy = this.slots.find((s) => s.busy) ?? this.slots[0];
    await busy.api.crash();
  }

  dispose(): void {
    this.cancel();
    for (const s of this.slots) s.worker.terminate();
    this.slots.length = 0;
  }

  private spawn(): Slot {
    const name = `coverage-worker-${++this.spawned}`;
    const worker = this.factory(name);
    const slot: Slot = { worker, api: wrap<CoverageWorkerApi>(worker), busy: false, name, failCurrent: null };
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      slot.failCurrent?.(new Error(`${name} died: ${ev.message || 'unknown error'}`));
      this.replace(slot);
    });
    return slot;
  }

  private replace(dead: Slot): void {
    const i = this.slots.indexOf(dead);
    dead.worker.terminate();
    if (i >= 0) this.slots[i] = this.spawn();
    this.pump();
  }

  private pump(): void {
    const job = this.job;
    if (!job) return;
    for (const slot of this.slots) {
      if (slot.busy || job.queue.length === 0) continue;
      const task = job.queue.shift()!;
      void this.runTask(slot, job, task);
    }
  }

  private async runTask(slot: Slot, job: ActiveJob, task: Task): Promise<void> {
    slot.busy = true;
    task.attempts++;
    try {
      const died = new Promise<never>((_, rej) => {
        slot.failCurrent = rej;
      });
      const result = await Promise.race([slot.api.computeBestServerTile(task.req), died]);
      slot.failCurrent = null;
      slot.busy = false;
      if (this.job !== job) {
        this.droppedResults++;
      } else {
        job.tilesByWorker[result.workerName] = (job.tilesByWorker[result.workerName] ?? 0) + 1;
        job.allInWorkers &&= result.inWorker;
        job.remaining--;
        job.handlers.onTile(result, task.index);
        job.handlers.onProgress?.(job.total - job.remaining, job.total);
        if (job.remaining === 0) this.finish();
      }
    } catch (e) {
      slot.failCurrent = null;
      slot.busy = false;
      if (this.job === job) {
        if (task.attempts < 2) {
          job.retries++;
          job.queue.unshift(task);
        } else {
          this.job = null;
          job.reject(new Error(`tile ${task.index} failed twice: ${(e as Error).message}`));
        }
      }
    }
    this.pump();
  }

  private finish(): void {
    const job = this.job;
    if (!job) return;
    this.job = null;
    job.resolve({ jobId: job.id, tiles: job.total, elapsedMs: performance.now() - job.started, tilesByWorker: job.tilesByWorker, allInWorkers: job.allInWorkers, retries: job.retries });
  }
}
