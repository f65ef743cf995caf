/**
 * The one place the app (and the command line) reaches the engine workers (STYLE.md §2): the
 * pool, the scene every worker holds, job ids, cancellation, transfers, and edits.
 *
 * - `setScene` sends the scenario to every worker (each builds the same scene; a replaced
 *   worker gets it again before it works).
 * - `start` runs a job: groups of tiles handed to idle workers as they free up. Starting a job,
 *   changing the scene or cancelling supersedes the running job: its queued groups are
 *   dropped, and results still in flight are discarded on arrival, never delivered.
 * - An edit (a dragged site, a turned sector) pins tiles to workers (tile mod pool size), so
 *   that each worker keeps the bases of the tiles it owns across moves; a move that a newer move
 *   supersedes resolves to null.
 * - A worker that dies is replaced, given the scene (and the edit), and its work retried once;
 *   a second failure fails the job with the error. A worker that stops answering (no error event:
 *   an out-of-memory kill, a hang) is noticed by a watchdog on every task and treated as dead:
 *   a working worker posts an "alive" message at least every quarter second (workers/alive.ts),
 *   so a tile task silent for `silenceMs` (6 s) is a stopped worker, however long the task;
 *   other calls (a scene, an edit's set-up) have `taskTimeoutMs` (60 s).
 * - A worker that dies before ever answering, twice in a row, cannot start (its script does not
 *   load): the pool stops respawning, fails what is pending with that reason and tells the host.
 *
 * Environment-neutral: the caller supplies how to spawn a worker (browser Worker or Node
 * worker_threads), see {@link browserSpawn} and src/cli/node-pool.ts.
 */
import { transfer, wrap, type Remote } from 'comlink';
import type { TerrainMap, TerrainMapSummary, TerrainSpec } from '../core/coverage/terrain-loss.ts';
import type { EngineSector } from '../core/coverage/scene.ts';
import type { LayerId } from '../core/coverage/layers.ts';
import type { EngineWorkerApi, SceneInput, WorkerChunk } from '../../workers/engine-api.ts';
import { isAliveMessage } from '../../workers/alive.ts';

export interface PoolWorker {
  readonly name: string;
  readonly api: Remote<EngineWorkerApi>;
  terminate(): void;
}

/** Spawns a worker; `onDeath` must be called if it dies (uncaught error, exit), `onAlive` for each "alive" message. */
export type Spawn = (name: string, onDeath: (error: Error) => void, onAlive?: () => void) => PoolWorker;

export const browserSpawn: Spawn = (name, onDeath, onAlive) => {
  const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name });
  worker.addEventListener('message', (ev) => {
    if (isAliveMessage(ev.data)) onAlive?.();
  });
  worker.addEventListener('error', (ev) => {
    ev.preventDefault();
    onDeath(new Error(`${name} died: ${ev.message || 'unknown error'}`));
  });
  return { name, api: wrap<EngineWorkerApi>(worker), terminate: () => worker.terminate() };
};

export interface JobHandlers {
  /** Called once per finished group of the current job, in completion order. */
  onChunk(chunk: WorkerChunk, group: number): void;
  onProgress?(done: number, total: number): void;
}

export interface JobSummary {
  readonly jobId: number;
  readonly groups: number;
  readonly elapsedMs: number;
  /** Groups computed by each worker, by worker name. */
  readonly groupsByWorker: Readonly<Record<string, number>>;
  readonly allInWorkers: boolean;
  readonly retries: number;
  readonly evaluations: number;
}

export class JobCancelledError extends Error {
  constructor(jobId: number) {
    super(`job ${jobId} cancelled`);
    this.name = 'JobCancelledError';
  }
}

interface Slot {
  w: PoolWorker;
  /** Tile tasks sent and not yet answered (at most {@link PIPELINE_DEPTH}). */
  inFlight: number;
  /** Answered at least one call (its script loaded and runs). */
  answered: boolean;
  /** Resolves when the worker holds the current scene (and edit). */
  ready: Promise<void>;
  /** Rejects the in-flight calls when the worker dies (comlink would wait forever). */
  deaths: Set<(e: Error) => void>;
  /** performance.now() of its last "alive" message. */
  lastBeat: number;
}

interface ActiveJob {
  id: number;
  queue: { group: number; tiles: number[]; attempts: number }[];
  remaining: number;
  total: number;
  handlers: JobHandlers;
  resolve(s: JobSummary): void;
  reject(e: Error): void;
  started: number;
  groupsByWorker: Record<string, number>;
  allInWorkers: boolean;
  retries: number;
  evaluations: number;
}

/**
 * Tile tasks a worker may hold at once: the next one waits in its queue while it computes, so
 * it never sits idle while the host takes in a result and sends more (about 7 % of a full run).
 * Near the end of a job a worker gets one at a time, so that none is left holding two.
 */
const PIPELINE_DEPTH = 2;

const defaultSize = (): number => {
  const n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return Math.max(1, Math.min(8, n || 2));
};

export class ComputeClient {
  private readonly slots: Slot[] = [];
  private nextJobId = 1;
  private job: ActiveJob | null = null;
  private spawned = 0;
  private scene: SceneInput | null = null;
  private editIndices: number[] | null = null;
  private moveSeq = 0;
  /** Results that arrived for superseded jobs or moves and were dropped (exposed for tests). */
  droppedResults = 0;
  /** Workers replaced after dying (exposed for tests). */
  replacedWorkers = 0;

  /** Why the workers cannot start (set after two workers in a row died before answering). */
  private startFailure: Error | null = null;
  private deadBeforeAnswer = 0;

  /**
   * @param onStartFailure - told once when workers cannot start (the host shows it to the user)
   * @param taskTimeoutMs - a call (a scene, an edit's set-up) unanswered this long means a dead worker
   * @param silenceMs - a tile task with no "alive" message for this long means a stopped worker
   */
  constructor(size = defaultSize(), private readonly spawnWorker: Spawn = browserSpawn, private readonly onStartFailure?: (e: Error) => void, private readonly taskTimeoutMs = 60000, private readonly silenceMs = 6000) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  get workerNames(): string[] {
    return this.slots.map((s) => s.w.name);
  }

  /** Sends a scene to every worker; supersedes the running job. Resolves with each worker's build time, ms. */
  async setScene(input: SceneInput): Promise<number[]> {
    this.cancel();
    this.scene = input;
    this.editIndices = null;
    const times = this.slots.map((s) => {
      const p = this.guard(s, () => s.w.api.init(input));
      s.ready = p.then(() => undefined);
      return p;
    });
    return Promise.all(times);
  }

  /** Starts a job over groups of tiles, superseding any job still running. */
  start(groups: readonly number[][], handlers: JobHandlers): { jobId: number; done: Promise<JobSummary> } {
    this.cancel();
    const id = this.nextJobId++;
    let resolve!: (s: JobSummary) => void;
    let reject!: (e: Error) => void;
    const done = new Promise<JobSummary>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.job = {
      id, handlers, resolve, reject, started: performance.now(), total: groups.length, remaining: groups.length,
      queue: groups.map((tiles, group) => ({ group, tiles: [...tiles], attempts: 0 })), groupsByWorker: {}, allInWorkers: true, retries: 0, evaluations: 0,
    };
    if (groups.length === 0) this.finish();
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
   * Starts an edit of these sectors (scene indices) on every worker; cancels the running job.
   * `primeTiles`: tiles whose bases each worker computes right away (those it owns), so that the
   * moves only evaluate the edited sectors. Resolves when primed, with the slowest worker's time, ms.
   */
  async beginEdit(sectorIndices: readonly number[], primeTiles: readonly number[] = []): Promise<number> {
    this.cancel();
    this.editIndices = [...sectorIndices];
    this.moveSeq++;
    const n = this.slots.length;
    const times = await Promise.all(this.slots.map((s, i) => this.guard(s, async () => {
      await s.ready;
      await s.w.api.beginEdit([...sectorIndices]);
      const mine = primeTiles.filter((t) => t % n === i);
      return mine.length ? s.w.api.primeEdit(mine) : 0;
    })));
    return Math.max(0, ...times);
  }

  /**
   * One move of an edit: the layers (all, or those named: during a drag only the layer on
   * screen) of `tiles` with the edited sectors replaced. Resolves to null when a later move (or
   * the end of the edit) superseded it.
   */
  async editMove(tiles: readonly number[], replacements: readonly EngineSector[], layers?: readonly LayerId[] | null): Promise<WorkerChunk[] | null> {
    if (!this.editIndices) throw new Error('editMove outside an edit (call beginEdit first)');
    const seq = ++this.moveSeq;
    const n = this.slots.length;
    const parts = this.slots.map((_, i) => tiles.filter((t) => t % n === i));
    const results = await Promise.all(parts.map(async (part, i) => {
      if (part.length === 0) return null;
      for (let attempt = 1; ; attempt++) {
        const slot = this.slots[i];
        try {
          await this.guard(slot, () => slot.ready);
          return await this.guard(slot, () => slot.w.api.editTiles(part, [...replacements], layers ? [...layers] : null), this.silenceMs);
        } catch (e) {
          if (attempt >= 2) throw new Error(`edit tiles failed twice: ${(e as Error).message}`, { cause: e });
          await this.slots[i].ready.catch(() => undefined);
        }
      }
    }));
    if (seq !== this.moveSeq) {
      this.droppedResults += results.filter(Boolean).length;
      return null;
    }
    return results.filter((r): r is WorkerChunk => r !== null);
  }

  async endEdit(): Promise<void> {
    this.editIndices = null;
    this.moveSeq++;
    await Promise.all(this.slots.map((s) => s.w.api.endEdit().catch(() => undefined)));
  }

  /**
   * Computes terrain maps once in the pool (terrain-loss.ts): each worker says which maps it
   * holds; each map no worker holds is computed by the next idle worker, which keeps it, and a
   * copy goes to every worker without it, so that no map is computed twice. Call after setScene
   * (the maps are made on the workers' scene) and before `start` or an edit's moves. A worker
   * that fails leaves its maps to be computed where they are needed. Resolves with the summary
   * of every map (warnings, cells, time); rejects with JobCancelledError when `isCancelled`
   * turns true (between maps).
   */
  async prepareTerrain(specs: readonly TerrainSpec[], o: { isCancelled?: () => boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<TerrainMapSummary[]> {
    const keys = specs.map((s) => s.key);
    const slots = [...this.slots];
    const held = await Promise.all(slots.map((slot) => this.guard(slot, async () => {
      await slot.ready;
      return slot.w.api.terrainHeld(keys);
    }).catch(() => keys.map(() => null))));
    const summaries = new Map<string, TerrainMapSummary>();
    const queue: number[] = [];
    specs.forEach((spec, i) => {
      const known = held.map((h) => h[i]).find((x) => x);
      if (known) summaries.set(spec.key, known);
      if (held.some((h) => !h[i])) queue.push(i);
    });
    const total = queue.length;
    let done = 0;
    const copies: Promise<unknown>[] = [];
    const cancelled = () => o.isCancelled?.() ?? false;
    await Promise.all(slots.map(async (slot) => {
      while (queue.length > 0 && !cancelled() && this.slots.includes(slot)) {
        const i = queue.shift()!;
        let map: TerrainMap;
        try {
          map = (await this.guard(slot, () => slot.w.api.terrainMaps([specs[i]])))[0];
        } catch {
          return;
        }
        const { lin, ...rest } = map;
        summaries.set(map.key, { ...rest, bytes: lin.byteLength });
        const missing = slots.filter((other, k) => other !== slot && !held[k][i] && this.slots.includes(other));
        missing.forEach((other, n) => {
          // The last recipient gets the buffer itself; the others a copy.
          const payload = n === missing.length - 1 ? transfer([map], [lin.buffer as ArrayBuffer]) : [map];
          copies.push(this.guard(other, () => other.w.api.putTerrainMaps(payload)).catch(() => undefined));
        });
        o.onProgress?.(++done, total);
      }
    }));
    await Promise.all(copies);
    if (cancelled()) throw new JobCancelledError(0);
    return specs.flatMap((s) => summaries.get(s.key) ?? []);
  }

  /** Runs one call on a worker outside the job queue, on an idle worker if there is one. */
  async call<T>(fn: (api: Remote<EngineWorkerApi>) => Promise<T>): Promise<T> {
    const slot = this.slots.find((s) => s.inFlight === 0) ?? this.slots[0];
    return this.guard(slot, () => fn(slot.w.api));
  }

  /** Test hook: every current worker silently stops during its next tile task (replacements do not). */
  async hangOnNextTask(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.w.api.hangOnNextTask()));
  }

  /** Test hook: every current worker dies during its next task (replacements do not). */
  async crashOnNextTask(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.w.api.crashOnNextTask()));
  }

  dispose(): void {
    this.cancel();
    for (const s of this.slots) s.w.terminate();
    this.slots.length = 0;
  }

  private spawn(): Slot {
    const name = `engine-worker-${++this.spawned}`;
    const slot: Slot = { w: null as unknown as PoolWorker, inFlight: 0, answered: false, ready: Promise.resolve(), deaths: new Set(), lastBeat: 0 };
    slot.w = this.spawnWorker(name, (e) => this.declareDead(slot, e), () => (slot.lastBeat = performance.now()));
    if (this.scene) {
      const scene = this.scene;
      const edit = this.editIndices;
      slot.ready = (async () => {
        await slot.w.api.init(scene);
        if (edit) await slot.w.api.beginEdit([...edit]);
      })();
    }
    return slot;
  }

  /**
   * Runs a call on a slot, rejecting if the worker dies meanwhile, and treating it as dead when
   * the call stays unanswered past `limitMs` since it started or since the worker's last "alive"
   * message (the default: the watchdog's time, for calls that send none).
   */
  private guard<T>(slot: Slot, fn: () => Promise<T>, limitMs = this.taskTimeoutMs): Promise<T> {
    if (this.startFailure) return Promise.reject(this.startFailure);
    let fail!: (e: Error) => void;
    const died = new Promise<never>((_, rej) => {
      fail = rej;
    });
    slot.deaths.add(fail);
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const quiet = performance.now() - Math.max(started, slot.lastBeat);
      if (quiet >= limitMs) this.declareDead(slot, new Error(`${slot.w.name} stopped answering (no reply in ${Math.round(limitMs / 1000)} s)`));
      else timer = setTimeout(check, limitMs - quiet + 5);
    };
    timer = setTimeout(check, limitMs);
    return Promise.race([fn().then((v) => {
      slot.answered = true;
      return v;
    }), died]).finally(() => {
      clearTimeout(timer);
      slot.deaths.delete(fail);
    });
  }

  /** A worker that died (or stopped answering): its calls fail, and it is replaced. */
  private declareDead(slot: Slot, e: Error): void {
    if (!this.slots.includes(slot)) return;
    for (const f of [...slot.deaths]) f(e);
    this.replace(slot, e);
  }

  private replace(dead: Slot, e: Error): void {
    const i = this.slots.indexOf(dead);
    if (i < 0) return;
    dead.w.terminate();
    this.deadBeforeAnswer = dead.answered ? 0 : this.deadBeforeAnswer + 1;
    if (this.deadBeforeAnswer >= 2) {
      // Its script does not load (or it dies at once): respawning would loop for ever.
      this.startFailure ??= new Error(`workers cannot start: ${e.message}`);
      this.slots.splice(i, 1);
      const job = this.job;
      this.job = null;
      job?.reject(this.startFailure);
      if (this.slots.length === 0 || this.deadBeforeAnswer === 2) this.onStartFailure?.(this.startFailure);
      return;
    }
    this.replacedWorkers++;
    this.slots[i] = this.spawn();
    this.pump();
  }

  private pump(): void {
    const job = this.job;
    if (!job) return;
    // First one task for every idle worker, then a second one each while plenty remain.
    for (let depth = 1; depth <= PIPELINE_DEPTH; depth++) {
      for (const slot of this.slots) {
        if (slot.inFlight >= depth || job.queue.length === 0) continue;
        if (depth > 1 && job.queue.length <= this.slots.length) return;
        const task = job.queue.shift()!;
        void this.runTask(slot, job, task);
      }
    }
  }

  private async runTask(slot: Slot, job: ActiveJob, task: ActiveJob['queue'][number]): Promise<void> {
    slot.inFlight++;
    task.attempts++;
    try {
      await this.guard(slot, () => slot.ready);
      const chunk = await this.guard(slot, () => slot.w.api.computeTiles(task.tiles), this.silenceMs);
      slot.inFlight--;
      if (this.job !== job || (this.scene && chunk.version !== this.scene.version)) {
        this.droppedResults++;
      } else {
        job.groupsByWorker[chunk.workerName] = (job.groupsByWorker[chunk.workerName] ?? 0) + 1;
        job.allInWorkers &&= chunk.inWorker;
        job.evaluations += chunk.evaluations;
        job.remaining--;
        job.handlers.onChunk(chunk, task.group);
        job.handlers.onProgress?.(job.total - job.remaining, job.total);
        if (job.remaining === 0) this.finish();
      }
    } catch (e) {
      slot.inFlight--;
      if (this.job === job) {
        if (task.attempts < 2) {
          job.retries++;
          job.queue.unshift(task);
        } else {
          this.job = null;
          job.reject(new Error(`tile group ${task.group} failed twice: ${(e as Error).message}`));
        }
      }
    }
    this.pump();
  }

  private finish(): void {
    const job = this.job;
    if (!job) return;
    this.job = null;
    job.resolve({
      jobId: job.id, groups: job.total, elapsedMs: performance.now() - job.started, groupsByWorker: job.groupsByWorker,
      allInWorkers: job.allInWorkers, retries: job.retries, evaluations: job.evaluations,
    });
  }
}
