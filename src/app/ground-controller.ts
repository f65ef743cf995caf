/**
 * The ground under the coverage (issue 11): for the grid the coverage wants (boundaries and
 * cell size), the analysis worker makes people per cell, clutter classes (from the water mask,
 * the commune type and the density, or from a land-cover map the user imports) and terrain
 * heights (a DEM the user imports); the store gets the classes and heights, which the coverage
 * controller puts into the scene. A file that cannot be read, or that does not cover the grid,
 * is named with its problem and changes nothing.
 */
import type { Compute, GroundSources } from '../compute/facade.ts';
import { isAborted } from '../compute/facade.ts';
import { gridKey, sceneGrid } from '../core/coverage/scene.ts';
import type { Grid } from '../core/grid/grid.ts';
import { DATA_URL } from './startup.ts';
import { msg, raw, type AppState, type GroundFiles, type GroundState } from './state.ts';
import type { Store } from './store.ts';

const POPULATION_FILE = 'vinh-long-population-2020-1km.tif';
const WATER_FILE = 'vinh-long-water-gshhg-3s.tif';

export class GroundController {
  private abort: AbortController | null = null;
  /** The building ground (tests wait on it). */
  pending: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store<AppState>, private readonly compute: Compute) {
    // Only once the app is ready: the saved settings or the address may change the cell size
    // while the scenario loads, and a ground made for the default grid would be thrown away.
    store.subscribe((s) => [s.boundaries, s.ui.cellSizeM, s.ready] as const, ([, , ready]) => {
      if (ready) this.pending = this.build();
    }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] });
  }

  /**
   * Uses a land-cover map (ESA WorldCover codes) or a DEM the user chose (null removes it): the
   * ground of the current grid is made with it first; only when that succeeds does it replace
   * the ground in use.
   */
  async useFile(kind: keyof GroundFiles, file: File | null): Promise<boolean> {
    const s = this.store.get();
    if (!s.boundaries) return false;
    const prev = s.groundFiles;
    const next: GroundFiles = { ...prev, [kind]: file ? { name: file.name, bytes: await file.arrayBuffer() } : null };
    this.abort?.abort();
    const grid = sceneGrid(s.boundaries.maskRings, s.ui.cellSizeM);
    this.status(msg('groundComputing', { cell: grid.cellSizeM }));
    try {
      const ground = await this.make(next, grid);
      this.store.set({ groundFiles: next, ground });
      this.ready(ground);
      return true;
    } catch (e) {
      this.status(raw(e instanceof Error ? e.message : String(e)));
      // The worker goes back to the ground in use.
      await this.make(prev, grid).catch(() => undefined);
      return false;
    }
  }

  private status(m: AppState['status']['ground']): void {
    this.store.set((st) => ({ status: { ...st.status, ground: m } }));
  }

  private ready(g: GroundState): void {
    this.status(msg(g.clutterSource === 'land-cover' ? 'groundReadyLandCover' : 'groundReady', { people: Math.round(g.people), cell: g.grid.cellSizeM, landcover: g.landCoverName ?? '' }));
  }

  private sources(f: GroundFiles): GroundSources {
    const prepared = this.store.get().boundaries?.prepared ?? false;
    return {
      populationUrl: prepared ? new URL(DATA_URL + POPULATION_FILE, location.href).href : null,
      waterUrl: prepared ? new URL(DATA_URL + WATER_FILE, location.href).href : null,
      landCover: f.landCover, dem: f.dem,
    };
  }

  /** The ground of a grid from these files (the worker keeps it for the statistics). */
  private async make(files: GroundFiles, grid: Grid, signal?: AbortSignal): Promise<GroundState> {
    const b = this.store.get().boundaries!;
    await this.compute.setGroundSources(this.sources(files));
    const g = await this.compute.ground(grid, b.communeSource, signal);
    return {
      key: gridKey(grid), grid, clutter: g.clutter, dem: g.dem, clutterSource: g.clutterSource, shares: g.shares, people: g.people, notes: g.notes,
      landCoverName: files.landCover?.name ?? null, demName: files.dem?.name ?? null,
    };
  }

  private async build(): Promise<void> {
    const s = this.store.get();
    const b = s.boundaries;
    if (!b) return;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const grid = sceneGrid(b.maskRings, s.ui.cellSizeM);
    this.status(msg('groundComputing', { cell: grid.cellSizeM }));
    try {
      const ground = await this.make(s.groundFiles, grid, abort.signal);
      if (abort.signal.aborted) return;
      this.store.set({ ground, groundFailedKey: null });
      this.ready(ground);
    } catch (e) {
      if (isAborted(e) || abort.signal.aborted) return;
      const text = e instanceof Error ? e.message : String(e);
      // The coverage goes on without a ground (flat earth, no clutter), the problem stays shown.
      this.store.set((st) => ({ ground: null, groundFailedKey: gridKey(grid), status: { ...st.status, ground: raw(text) }, errors: [...st.errors, { title: msg('errors'), messages: [text] }] }));
    }
  }
}
