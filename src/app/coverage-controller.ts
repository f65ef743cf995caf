/**
 * Keeps the coverage on the map equal to the coverage of the scenario (STYLE.md §8): whenever
 * the scenario, the boundaries or the coverage options change it reconciles, by the cheapest
 * exact path — nothing (no site changed), an incremental merge (one site changed, sites added,
 * one removed: src/core/coverage/incremental.ts) or a full job. Every path ends in a new
 * coverage state with a new sequence number, set in the store only when its layers are
 * complete; a full job has one AbortController, aborted when a newer target supersedes it or
 * the user cancels. A site drag (also here) merges its moves into the shown layer as they come
 * and commits the moved site with its merged coverage as one store change.
 */
import type { Compute, WorkerChunk } from '../compute/facade.ts';
import { isAborted, layerFrame } from '../compute/facade.ts';
import { engineSectorsForSite, gridKey, planScene, sceneGrid, tilesTouchedByDisc, type EngineSector, type Scene } from '../core/coverage/scene.ts';
import { sceneValidity } from '../core/coverage/scene-validity.ts';
import { planIncremental, type IncrementalEdit } from '../core/coverage/incremental.ts';
import { tileBands } from '../core/coverage/layers.ts';
import { moveSite, movedSite } from '../core/scenario/edits.ts';
import type { Scenario, Site } from '../core/scenario/scenario.ts';
import { msg, sameOptions, wantedOptions, type AppState, type CoverageOptions, type CoverageState, type GroundState } from './state.ts';
import type { Store } from './store.ts';
import type { ScenarioController } from './scenario-controller.ts';
import { carrierWord, historyLabel, msgWith } from './scenario-controller.ts';
import { isLayerId, type LayerId } from '../core/coverage/layer-registry.ts';
import { terrainSpecsOf, type TerrainMapSummary } from '../core/coverage/terrain-loss.ts';
import { terrainReport } from '../core/coverage/terrain-loss-report.ts';

/** Receives the chunks of a drag's moves for the layer on screen (the coverage view patches itself). */
export type PatchSink = (scene: Scene, chunks: readonly WorkerChunk[], layer: LayerId) => void;

export interface CoverageMetrics {
  /** The last full job: its summary and main-thread figures (tests and benchmarks read them). */
  lastJob: { jobId: number; groups: number; evaluations: number; groupsByWorker: Record<string, number>; allInWorkers: boolean; retries: number; totalMs: number; version: number; cells: number; sectors: number; startedAt: number; finishedAt: number } | null;
  lastEdit: { site: string; tiles: number; ms: number; incremental: boolean; kind?: string } | null;
  lastDrag: { site: string; moves: number; latenciesMs: number[]; primeMs: number; t0: number } | null;
}

/** Tiles a set of sectors' footprints touch. */
export function footprintTiles(scene: Scene, secs: readonly Pick<EngineSector, 'xM' | 'yM' | 'rangeM'>[]): number[] {
  return [...new Set(secs.flatMap((s) => tilesTouchedByDisc(scene, s.xM, s.yM, s.rangeM)))];
}

/** Same carriers, UE height and sites (by value): the layers of one hold for the other. */
function sameRadio(a: Scenario, b: Scenario): boolean {
  return a.ueHeightM === b.ueHeightM && (a.carriers === b.carriers || JSON.stringify(a.carriers) === JSON.stringify(b.carriers))
    && (a.sites === b.sites || JSON.stringify(a.sites) === JSON.stringify(b.sites));
}

interface Drag {
  readonly site: Site;
  readonly indices: number[];
  readonly ready: Promise<void>;
  readonly base: CoverageState;
  shownTiles: number[];
  readonly origTiles: number[];
  pending: [number, number] | null;
  inflight: Promise<void> | null;
  last: [number, number];
  readonly latencies: number[];
  primeMs: number;
  moves: number;
  readonly t0: number;
}

export class CoverageController {
  private version = 0;
  private seq = 0;
  private busy = false;
  private again = false;
  private job: { abort: AbortController; scenario: Scenario; options: CoverageOptions } | null = null;
  /** Set when the user cancels: nothing recomputes until the next change or Compute. */
  private paused = false;
  private force = false;
  private drag: Drag | null = null;
  readonly metrics: CoverageMetrics = { lastJob: null, lastEdit: null, lastDrag: null };
  /** Summaries of the terrain maps the workers made (terrain-loss.ts), by key: the validity box's ITM warnings. */
  private readonly terrainSummaries = new Map<string, TerrainMapSummary>();
  /** Resolves when nothing is left to reconcile (tests and benchmarks wait on it). */
  idle: Promise<void> = Promise.resolve();
  private resolveIdle: (() => void) | null = null;

  constructor(
    private readonly store: Store<AppState>,
    private readonly compute: Compute,
    private readonly scenarios: ScenarioController,
    private readonly patch: PatchSink,
    /** Awaited before the first job (the map's first frames). */
    private readonly beforeFirstJob: () => Promise<void> = () => Promise.resolve(),
  ) {
    store.subscribe((s) => [s.scenario, s.boundaries, wantedOptions(s), s.ready, s.ground, s.groundFailedKey, s.ui.useGround] as const, () => {
      // A change of what is wanted resumes a cancelled reconciliation.
      this.paused = false;
      this.kick();
    }, {
      equals: (a, b) => a[0] === b[0] && a[1] === b[1] && sameOptions(a[2], b[2]) && a[3] === b[3] && a[4] === b[4] && a[5] === b[5],
    });
  }

  /** Recomputes everything (the Compute button), even when the map is current. */
  recompute(): void {
    this.paused = false;
    this.force = true;
    this.kick();
  }

  /** Cancels the running job; the map keeps the last complete coverage. */
  cancel(): void {
    this.paused = true;
    if (this.job) this.job.abort.abort();
    else {
      this.compute.cancel();
      this.store.set((s) => ({ status: { ...s.status, coverage: msg('cancelled') } }));
    }
  }

  get dragging(): boolean {
    return this.drag !== null;
  }

  /** Nothing being reconciled or dragged. */
  get isIdle(): boolean {
    return !this.busy && !this.drag;
  }

  /** A fresh version number for the analysis worker (also for side computations such as the export's). */
  nextVersion(): number {
    return ++this.version;
  }

  /**
   * Runs `fn` with the engine workers to itself (no reconciliation, no drag meanwhile), then puts
   * the scene of the coverage on the map back into them and reconciles whatever changed.
   */
  async withEngine<T>(fn: () => Promise<T>): Promise<T> {
    while (this.busy || this.drag) await this.idle.then(() => new Promise((r) => setTimeout(r, 50)));
    this.busy = true;
    this.idle = new Promise((r) => (this.resolveIdle = r));
    try {
      return await fn();
    } finally {
      const s = this.store.get();
      const cov = s.coverage;
      if (cov && s.boundaries) await this.compute.setScene({ scenario: cov.scenario, boundaryRings: s.boundaries.maskRings, options: cov.options, version: cov.version, clutter: cov.ground?.clutter, dem: cov.ground?.dem }).catch(() => undefined);
      this.busy = false;
      this.resolveIdle?.();
      if (this.again) this.kick();
    }
  }

  private kick(): void {
    const s = this.store.get();
    if (!s.ready) return;
    if (this.busy) {
      this.again = true;
      // A running job for another target is superseded at once.
      const want = wantedOptions(s);
      if (this.job && (this.job.scenario !== s.scenario || !sameOptions(this.job.options, want) || this.force)) this.job.abort.abort();
      return;
    }
    this.busy = true;
    this.idle = new Promise((r) => (this.resolveIdle = r));
    void this.loop().finally(() => {
      this.busy = false;
      this.resolveIdle?.();
    });
  }

  private async loop(): Promise<void> {
    for (;;) {
      this.again = false;
      try {
        await this.step();
      } catch (e) {
        if (!isAborted(e)) this.fail(e);
      }
      if (!this.again) return;
    }
  }

  private fail(e: unknown): void {
    const text = e instanceof Error ? e.message : String(e);
    this.store.set((s) => ({ job: { ...s.job, phase: 'failed' }, status: { ...s.status, coverage: { text } }, errors: [...s.errors, { title: msg('errors'), messages: [text] }] }));
  }

  /** One reconciliation step toward the wanted coverage. */
  private async step(): Promise<void> {
    const s = this.store.get();
    if (!s.scenario || !s.boundaries || this.drag || this.paused) return;
    const want = wantedOptions(s);
    if (!want) return;
    // The ground of the wanted grid: wait for it (or go on without one when it could not be made).
    const key = gridKey(sceneGrid(s.boundaries.maskRings, want.cellSizeM));
    const ground = s.ui.useGround === false ? null : s.ground?.key === key ? s.ground : s.groundFailedKey === key ? null : undefined;
    if (ground === undefined) return;
    const cov = s.coverage;
    const force = this.force;
    this.force = false;
    if (cov && !force && sameOptions(cov.options, want) && cov.ground === ground) {
      if (cov.scenario === s.scenario) return;
      if (sameRadio(cov.scenario, s.scenario)) {
        // Nothing the engine sees changed (a service area, a name): the layers hold.
        this.store.set({ coverage: { ...cov, scenario: s.scenario } });
        return;
      }
      const nextScene = planScene(s.scenario, s.boundaries.maskRings, cov.options, ground?.clutter ?? null, ground?.dem ?? null);
      const plan = planIncremental(cov.scene, cov.scenario, s.scenario, nextScene);
      if (plan) {
        await this.merge(cov, s.scenario, nextScene, plan);
        return;
      }
    }
    await this.full(s.scenario, want, ground);
  }

  private async full(scenario: Scenario, options: CoverageOptions, ground: GroundState | null): Promise<void> {
    const b = this.store.get().boundaries!;
    const scene = planScene(scenario, b.maskRings, options, ground?.clutter ?? null, ground?.dem ?? null);
    const version = ++this.version;
    const groups = tileBands(scene);
    this.store.set((s) => ({ job: { phase: 'computing', done: 0, total: groups.length }, warnings: sceneValidity(scene), status: { ...s.status, coverage: msg('computing', { done: 0, total: groups.length }) } }));
    if (this.version === 1) await this.beforeFirstJob();
    const abort = new AbortController();
    this.job = { abort, scenario, options };
    const t0 = performance.now();
    try {
      await this.compute.setScene({ scenario, boundaryRings: b.maskRings, options, version, clutter: ground?.clutter, dem: ground?.dem });
      if (abort.signal.aborted) throw abort.signal.reason;
      await this.prepareTerrain(scene, undefined, abort.signal);
      const summary = await this.compute.run(version, layerFrame(scene), groups, {
        signal: abort.signal,
        onProgress: (done, total) => this.store.set((s) => ({ job: { phase: 'computing', done, total }, status: { ...s.status, coverage: msg('computing', { done, total }) } })),
      });
      const ms = performance.now() - t0;
      const cells = scene.grid.width * scene.grid.height;
      this.metrics.lastJob = { ...summary, groupsByWorker: { ...summary.groupsByWorker }, totalMs: ms, version, cells, sectors: scene.sectors.length, startedAt: t0, finishedAt: t0 + ms };
      this.metrics.lastEdit = { site: '', tiles: 0, ms: 0, incremental: false };
      const previous = this.store.get().coverage?.version;
      this.store.set((s) => ({
        coverage: { version, seq: ++this.seq, scene, scenario, options, ground, how: { kind: 'full', sites: '', ms, tiles: groups.length } },
        job: { phase: 'idle', done: groups.length, total: groups.length },
        status: { ...s.status, coverage: computedMessage(scenario, scene, cells, ms, Object.keys(summary.groupsByWorker).length) },
      }));
      this.store.set({ terrain: terrainReport(scene, this.terrainSummaries) });
      if (previous !== undefined) void this.compute.drop([previous]);
    } catch (e) {
      if (isAborted(e) || abort.signal.aborted) {
        const cancelled = this.paused;
        this.store.set((s) => ({ job: { ...s.job, phase: cancelled ? 'cancelled' : 'idle' }, status: cancelled ? { ...s.status, coverage: msg('cancelled') } : s.status }));
        return;
      }
      throw e;
    } finally {
      if (this.job?.abort === abort) this.job = null;
    }
  }

  /**
   * With terrain: the terrain maps of these sectors (all of the scene's by default) made once in
   * the engine pool before tiles need them (each in one worker, copied to the others).
   */
  private async prepareTerrain(scene: Scene, sectors?: readonly EngineSector[], signal?: AbortSignal): Promise<void> {
    const specs = terrainSpecsOf(scene, sectors);
    if (specs.length === 0) return;
    const sums = await this.compute.prepareTerrain(specs, {
      signal, onProgress: (done, total) => this.store.set((s) => ({ status: { ...s.status, coverage: msg('terrainComputing', { done, total }) } })),
    });
    for (const m of sums) this.terrainSummaries.set(m.key, m);
  }

  /** An incremental edit merged over its footprints; the result equals a full recompute. */
  private async merge(cov: CoverageState, next: Scenario, nextScene: Scene, plan: IncrementalEdit): Promise<void> {
    const b = this.store.get().boundaries!;
    const t0 = performance.now();
    const own = plan.excluded.map((i) => cov.scene.sectors[i]);
    const tiles = footprintTiles(cov.scene, [...own, ...plan.replacements]);
    await this.prepareTerrain(cov.scene, plan.replacements);
    await this.compute.beginEdit(plan.excluded, tiles);
    const chunks = await this.compute.editMove(tiles, plan.replacements, null);
    await this.compute.endEdit();
    if (!chunks) return;
    const version = ++this.version;
    await this.compute.advance(cov.version, version, chunks, nextScene, plan.removed);
    await this.compute.setScene({ scenario: next, boundaryRings: b.maskRings, options: cov.options, version, clutter: cov.ground?.clutter, dem: cov.ground?.dem });
    const ms = performance.now() - t0;
    const sites = plan.siteIds.join(', ');
    this.metrics.lastEdit = { site: sites, tiles: tiles.length, ms, incremental: true, kind: plan.kind };
    const key = plan.kind === 'add' ? 'editedAdd' : plan.kind === 'remove' ? 'editedRemove' : 'edited';
    this.store.set((s) => ({
      coverage: { version, seq: ++this.seq, scene: nextScene, scenario: next, options: cov.options, ground: cov.ground, how: { kind: plan.kind, sites, ms, tiles: tiles.length } },
      warnings: sceneValidity(nextScene),
      terrain: terrainReport(nextScene, this.terrainSummaries),
      status: { ...s.status, coverage: msg(key, { site: sites, ms: Math.round(ms) }) },
    }));
  }

  // ─── Dragging a site ───

  /**
   * Starts dragging a site: its sectors leave the workers' bases of the footprint (and a margin).
   * Refused (false) while the map is not the coverage of the scenario (a job running, cancelled).
   */
  beginDrag(siteId: string): boolean {
    const s = this.store.get();
    const cov = s.coverage;
    const site = s.scenario?.sites.find((x) => x.id === siteId);
    if (!cov || !site || this.busy || this.drag || cov.scenario !== s.scenario) return false;
    const own = cov.scene.sectors.filter((x) => x.siteId === siteId);
    if (own.length === 0) return false;
    const margin = 3000;
    const indices = own.map((x) => x.index);
    const d: Drag = {
      site, indices, base: cov, shownTiles: footprintTiles(cov.scene, own), origTiles: footprintTiles(cov.scene, own),
      pending: null, inflight: null, last: [site.lonDeg, site.latDeg], latencies: [], primeMs: 0, moves: 0, t0: performance.now(),
      ready: this.compute.beginEdit(indices, footprintTiles(cov.scene, own.map((x) => ({ ...x, rangeM: x.rangeM + margin })))).then((ms) => {
        d.primeMs = ms;
      }),
    };
    this.drag = d;
    this.store.set({ mode: { kind: 'dragging', siteId } });
    return true;
  }

  /** The pointer moved: the site is drawn there at once, its coverage follows as fast as the workers go. */
  dragTo(lonDeg: number, latDeg: number): void {
    const d = this.drag;
    if (!d) return;
    d.pending = [lonDeg, latDeg];
    this.store.set({ dragAt: [lonDeg, latDeg] });
    if (!d.inflight) {
      d.inflight = this.pump(d).finally(() => {
        d.inflight = null;
        if (d.pending && this.drag === d) this.dragTo(...d.pending);
      });
    }
  }

  private replacementsAt(d: Drag, lon: number, lat: number): EngineSector[] {
    const scene = d.base.scene;
    return engineSectorsForSite(movedSite(d.site, lon, lat), scene.carriers, scene.carriers.map((c) => c.id), scene.ueHeightM, scene.options, d.indices[0], scene.clutterClasses);
  }

  private async pump(d: Drag): Promise<void> {
    await d.ready;
    const shown = this.store.get().ui.layer;
    // While dragging the layer on screen is computed (RSRP when the map shows a ground layer).
    const layer: LayerId = isLayerId(shown) ? shown : 'rsrp';
    while (d.pending && this.drag === d) {
      const [lon, lat] = d.pending;
      d.pending = null;
      const tMove = performance.now();
      const scene = d.base.scene;
      const repl = this.replacementsAt(d, lon, lat);
      const tiles = [...new Set([...d.shownTiles, ...footprintTiles(scene, repl)])];
      // While dragging only the layer on screen is computed; every layer follows on release.
      const chunks = await this.compute.editMove(tiles, repl, [layer]);
      if (!chunks || this.drag !== d) continue;
      this.patch(scene, chunks, layer);
      d.shownTiles = footprintTiles(scene, repl);
      d.last = [lon, lat];
      d.moves++;
      const ms = performance.now() - tMove;
      d.latencies.push(ms);
      this.store.set((s) => ({ status: { ...s.status, coverage: msg('dragging', { site: d.site.id, ms: Math.round(ms) }) } }));
    }
  }

  /**
   * Ends the drag: every layer of the old and new footprints merged into a new version, and the
   * moved site committed together with it (one undo step, one store change).
   */
  async endDrag(): Promise<void> {
    const d = this.drag;
    if (!d) return;
    // A quick click: the edit's set-up may still be running; it must finish before the edit ends.
    await d.ready.catch(() => undefined);
    while (d.inflight) await d.inflight;
    this.drag = null;
    const [lon, lat] = d.last;
    try {
      if (d.moves === 0) return;
      const b = this.store.get().boundaries!;
      const scene = d.base.scene;
      const repl = this.replacementsAt(d, lon, lat);
      const chunks = await this.compute.editMove([...new Set([...d.origTiles, ...footprintTiles(scene, repl)])], repl, null);
      if (!chunks) return;
      const shown = this.store.get().ui.layer;
      this.patch(scene, chunks, isLayerId(shown) ? shown : 'rsrp');
      const next = moveSite(d.base.scenario, d.site.id, lon, lat);
      const g = d.base.ground;
      const nextScene = planScene(next, b.maskRings, d.base.options, g?.clutter ?? null, g?.dem ?? null);
      const version = ++this.version;
      await this.compute.endEdit();
      await this.compute.advance(d.base.version, version, chunks, nextScene);
      await this.compute.setScene({ scenario: next, boundaryRings: b.maskRings, options: d.base.options, version, clutter: g?.clutter, dem: g?.dem });
      const ms = performance.now() - d.t0;
      this.metrics.lastDrag = { site: d.site.id, moves: d.moves, latenciesMs: d.latencies, primeMs: d.primeMs, t0: d.t0 };
      this.scenarios.commit(next, historyLabel('hMove', { site: d.site.id }), {
        coverage: { version, seq: ++this.seq, scene: nextScene, scenario: next, options: d.base.options, ground: g, how: { kind: 'drag', sites: d.site.id, ms, tiles: chunks.reduce((a, c) => a + c.tiles.length, 0) } },
      });
      // The workers made the moved site's terrain maps during the moves: their summaries.
      await this.prepareTerrain(nextScene, nextScene.sectors.filter((x) => x.siteId === d.site.id)).catch(() => undefined);
      this.store.set((s) => ({ warnings: sceneValidity(nextScene), terrain: terrainReport(nextScene, this.terrainSummaries), status: { ...s.status, coverage: msg('moved', { site: d.site.id }) } }));
    } finally {
      await this.compute.endEdit();
      this.store.set({ mode: { kind: 'idle' }, dragAt: null });
      // Anything that changed meanwhile (or a drag without moves) is reconciled now.
      this.kick();
    }
  }
}

/**
 * The status line of a finished computation: grid cells, and the sectors of the carrier(s)
 * computed (the carrier shown; the network summary counts every carrier's), named by their label.
 */
function computedMessage(scenario: Scenario, scene: Scene, cells: number, ms: number, workers: number): AppState['status']['coverage'] {
  const carriers = scenario.carriers.filter((c) => scene.carriers.some((x) => x.id === c.id));
  const params = { cells, sectors: scene.sectors.length, seconds: Number((ms / 1000).toFixed(1)), workers };
  return carriers.length === 1 ? msgWith('computed', params, { carrier: carrierWord(carriers[0]) }) : msg('computed', { ...params, carrier: carriers.map((c) => c.id).join(', ') });
}
