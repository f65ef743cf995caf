/**
 * Test and benchmark hooks (`window.__phusong`), loaded only with `?debug` or `?bench` in the
 * address (src/main.ts imports this module dynamically): it never ships in the default code
 * path. Everything here reads the store and the controllers; the hooks that act go through the
 * same controllers as a user.
 */
import type { CoverageView } from '../ui/views/coverage-view.ts';
import type { PolygonDraw } from '../ui/service-areas.ts';
import type { PointReadout } from '../core/coverage/readout.ts';
import { lonLatToUtm } from '../core/grid/projection.ts';
import { cellAt } from '../core/grid/grid.ts';
import { isLayerId, type LayerId } from '../core/coverage/layer-registry.ts';
import { dictionary } from '../i18n/i18n.ts';
import { p2pResult } from '../ui/views/planner-view.ts';
import { footprintTiles } from './coverage-controller.ts';
import { isCurrent, shownCarrier } from './state.ts';
import type { AppContext } from './context.ts';

interface Parts {
  readonly ctx: AppContext;
  readonly view: CoverageView;
  readonly drawer: PolygonDraw;
  readonly readout: { last: () => PointReadout | null };
  readonly prepareReport: () => Promise<boolean>;
}

export function installDebug({ ctx, view, drawer, readout, prepareReport }: Parts) {
  const { store, map, compute, coverage, analysis, exporter } = ctx;
  const longTasks: { start: number; duration: number }[] = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  } catch {
    // longtask timing is a Chromium feature; other browsers report none.
  }
  const cov = () => store.get().coverage;
  const carrier = () => shownCarrier(store.get());
  const cellOf = (lon: number, lat: number) => {
    const c = cov();
    if (!c) return null;
    const [x, y] = lonLatToUtm(lon, lat);
    const p = cellAt(c.scene.grid, x, y);
    return p ? p.row * c.scene.grid.width + p.col : null;
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** Resolves when the app is idle: no reconciliation, no analysis in flight, the map drawn for the coverage. */
  const idle = async () => {
    for (;;) {
      await coverage.idle;
      await analysis.settled();
      const c = cov();
      await sleep(50);
      if (coverage.isIdle && analysis.isIdle && cov() === c && (!c || view.drawnVersion === c.version)) return;
    }
  };
  const copyOf = async (layer: LayerId) => {
    const c = cov()!;
    return compute.layer(c.version, carrier(), layer);
  };
  const api = {
    store, map, compute, drawer, idle,
    get ready() { return store.get().ready; },
    get communeNames() { return store.get().boundaries?.communes.map((f) => String(f.properties?.name ?? '')) ?? []; },
    get errors() { return store.get().errors.flatMap((e) => e.messages); },
    get coverageSeq() { return cov()?.seq ?? 0; },
    get lastJob() {
      const j = coverage.metrics.lastJob;
      if (!j) return null;
      const t0 = j.startedAt;
      const mine = longTasks.filter((l) => l.start >= t0 && l.start <= j.finishedAt);
      return { ...j, paintedCells: view.paintedCells, mainThreadLongTasksMs: mine.map((l) => l.duration), longTaskStartsMs: mine.map((l) => l.start - t0) };
    },
    get lastEdit() { return coverage.metrics.lastEdit; },
    get lastDrag() {
      const d = coverage.metrics.lastDrag;
      return d && { ...d, mainThreadLongTasksMs: longTasks.filter((l) => l.start >= d.t0).map((l) => l.duration) };
    },
    get communeStats() { const s = store.get(); return isCurrent(s.derived.stats, s) ? s.derived.stats.value : undefined; },
    get gaps() { const s = store.get(); return isCurrent(s.derived.gaps, s) ? s.derived.gaps.value.features.length : undefined; },
    get gapCollection() { const s = store.get(); return isCurrent(s.derived.gaps, s) ? s.derived.gaps.value : undefined; },
    get communeGaps() { const s = store.get(); const g = isCurrent(s.derived.gaps, s) ? s.derived.gaps.value : null; return g && s.focus ? g.features.filter((f) => f.properties.communes.split('; ').includes(s.focus!.name)).length : undefined; },
    get history() { const h = store.get().history; return { undo: h.depth, canRedo: h.canRedo, undoLabel: h.undoLabel, redoLabel: h.redoLabel }; },
    get readout() { return readout.last() ?? undefined; },
    get p2p() { return p2pResult(store.get())?.result; },
    get distribution() {
      const s = store.get();
      if (!isCurrent(s.derived.distribution, s)) return undefined;
      const { layer, area, d } = s.derived.distribution.value;
      return { layer, area, cells: d.cells, noService: d.noService, counts: Array.from(d.counts), cdf: Array.from(d.cdf) };
    },
    get privateNetworkStats() { const s = store.get(); return isCurrent(s.derived.privateNetworks, s) ? s.derived.privateNetworks.value.map((f) => f.stats).find((x) => x) ?? undefined : undefined; },
    get privateNetworkFigures() { const s = store.get(); return isCurrent(s.derived.privateNetworks, s) ? s.derived.privateNetworks.value : undefined; },
    get histogramCells() { const s = store.get(); return isCurrent(s.derived.communeValues, s) ? s.derived.communeValues.value.values.length : undefined; },
    get zoomedCommune() { return store.get().focus?.name; },
    get selected() { return [...store.get().selection]; },
    get importPreview() { return store.get().importPreview ?? undefined; },
    get serviceAreas() { return store.get().scenario?.privateNetworks.map((n) => ({ id: n.id, name: n.name, vertices: n.serviceArea.coordinates[0].length })); },
    get exportZip() { return exporter.last ?? undefined; },
    dictionaries: { vi: dictionary('vi'), en: dictionary('en') },
    scenario: () => store.get().scenario,
    /** An edit as the user makes one (the scenario renamed, one undo step). */
    renameScenario: (name: string) => {
      const sc = store.get().scenario;
      if (sc) ctx.scenarios.commit({ ...sc, name }, 'rename');
    },
    /** The saved work: this tab's document, the recent list, the notice and storage error shown. */
    get workspace() { const w = store.get().workspace; return { docId: w.docId, titles: w.recent.map((m) => m.title), notice: w.notice?.kind ?? null, storageError: w.storageError !== null }; },
    flushAutosave: () => ctx.workspace?.flush(),
    /** Re-reads the list of saved documents (then `workspace.titles`). */
    refreshWorkspace: () => ctx.workspace?.refresh(),
    selectSites: (ids: string[]) => store.set((s) => ({ selection: ids.filter((id) => s.scenario?.sites.some((x) => x.id === id)) })),
    prepareReport,
    /** Value of a layer of the shown carrier at a point (NaN outside or no service), from the analysis worker. */
    layerAt: async (layer: LayerId, lon: number, lat: number) => {
      const c = cov();
      const cell = cellOf(lon, lat);
      return c && cell !== null ? compute.valueAt(c.version, carrier(), layer, cell) : NaN;
    },
    layerCopy: async (layer: LayerId) => Array.from(await copyOf(layer)),
    /** Value of the layer drawn on the map at a point (during a drag: the moves merged so far). */
    drawnAt: (lon: number, lat: number) => {
      const cell = cellOf(lon, lat);
      return cell === null ? NaN : view.valueAt(cell);
    },
    /** Runs a full recompute and compares every cell with the layers as they are now. */
    compareWithFullRecompute: async () => {
      await idle();
      const [rsrp, sinr, server] = await Promise.all([copyOf('rsrp'), copyOf('sinr'), copyOf('server')]);
      const seq = cov()!.seq;
      coverage.recompute();
      while ((cov()?.seq ?? 0) === seq) await new Promise((r) => setTimeout(r, 100));
      await idle();
      const [r2, s2, v2] = await Promise.all([copyOf('rsrp'), copyOf('sinr'), copyOf('server')]);
      let compared = 0, mismatches = 0, maxAbsDiffDb = 0;
      for (let i = 0; i < rsrp.length; i++) {
        const nanA = Number.isNaN(rsrp[i]), nanB = Number.isNaN(r2[i]);
        if (nanA !== nanB || server[i] !== v2[i]) {
          mismatches++;
          continue;
        }
        if (nanA) continue;
        compared++;
        maxAbsDiffDb = Math.max(maxAbsDiffDb, Math.abs(rsrp[i] - r2[i]), Math.abs(sinr[i] - s2[i]));
      }
      return { cells: rsrp.length, compared, maxAbsDiffDb, mismatches };
    },
    /** Screen position of a site (drag tests). */
    sitePixel: (siteId: string) => {
      const site = store.get().scenario?.sites.find((s) => s.id === siteId);
      if (!site) return null;
      const p = map.project([site.lonDeg, site.latDeg]);
      return [p.x, p.y];
    },
    /**
     * Benchmark hook (bench/browser.ts): moves ONE sector in `moves` steps of `stepM` metres east
     * through the drag's path (edit in the workers, patch, repaint); each step's time from move to
     * repainted layer, the priming time, and what one map frame costs.
     */
    benchSectorDrag: async (moves: number, stepM: number) => {
      await idle();
      const c = cov()!;
      const scene = c.scene;
      const g = scene.grid;
      const cx = g.originX + (g.width * g.cellSizeM) / 2, cy = g.originY - (g.height * g.cellSizeM) / 2;
      let sec = scene.sectors[0];
      for (const s of scene.sectors) if (Math.hypot(s.xM - cx, s.yM - cy) < Math.hypot(sec.xM - cx, sec.yM - cy)) sec = s;
      const primeMs = await compute.beginEdit([sec.index], footprintTiles(scene, [{ ...sec, rangeM: sec.rangeM + 3000 }]));
      let shown = footprintTiles(scene, [sec]);
      const latenciesMs: number[] = [], workersMs: number[] = [], frameMs: number[] = [];
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        await new Promise<void>((res) => {
          map.once('render', () => res());
          map.triggerRepaint();
        });
        frameMs.push(performance.now() - t0);
      }
      const shownLayer = store.get().ui.layer;
      const layer: LayerId = isLayerId(shownLayer) ? shownLayer : 'rsrp';
      for (let k = 1; k <= moves; k++) {
        const t0 = performance.now();
        const moved = { ...sec, xM: sec.xM + k * stepM };
        const tiles = [...new Set([...shown, ...footprintTiles(scene, [moved])])];
        const chunks = await compute.editMove(tiles, [moved], [layer]);
        workersMs.push(Math.max(0, ...(chunks ?? []).map((x) => x.elapsedMs)));
        if (chunks) view.patch(scene, chunks, layer);
        shown = footprintTiles(scene, [moved]);
        latenciesMs.push(performance.now() - t0);
      }
      await compute.endEdit();
      return { sector: sec.id, primeMs, latenciesMs, workersMs, frameMs };
    },
  };
  (window as unknown as { __phusong: typeof api }).__phusong = api;
  return api;
}

/** The hooks' type (tests/e2e declare `window.__phusong` with it). */
export type DebugApi = ReturnType<typeof installDebug>;
