/**
 * Drive-test measurements in the app (issue 14): a file is read in the measurement worker
 * (streamed from the File, src/compute/facade.ts), previewed with its row problems, accepted;
 * then compared with the coverage on the map each time the coverage changes (the worker builds
 * the same scene from the coverage's inputs), and calibrated on request. The calibrated model
 * goes into the scenario through the scenario controller (one undoable step), so the coverage is
 * recomputed with it like after any other edit.
 *
 * State (`store.measurements`): the phase, the preview, a header without the required columns
 * (the view offers a column mapping), the accepted file, the comparison tagged with the coverage
 * sequence it was made for, and the last fit.
 */
import type { Compute, MeasurementCalibrationView, MeasurementComparisonView, MeasurementImportView } from '../compute/facade.ts';
import { isAborted } from '../compute/facade.ts';
import type { ColumnMapping } from '../core/measurements/columns.ts';
import type { PointStyle } from '../core/measurements/raster.ts';
import type { Scenario } from '../core/scenario/scenario.ts';
import { historyLabel, type ScenarioController } from './scenario-controller.ts';
import { msg, raw, shownCarrier, type AppState, type Msg } from './state.ts';
import type { Store } from './store.ts';

/** A header that lacks a required column: what the mapping form needs. */
export interface ColumnProblem {
  readonly fileName: string;
  readonly message: string;
  readonly header: readonly string[];
  readonly missing: readonly string[];
}

export interface MeasurementsState {
  readonly phase: 'idle' | 'reading' | 'preview' | 'mapping' | 'comparing' | 'ready' | 'calibrating';
  /** Rows read so far by the running import. */
  readonly rowsRead: number;
  readonly preview: MeasurementImportView | null;
  readonly columnProblem: ColumnProblem | null;
  /** The accepted file. */
  readonly dataset: { readonly fileName: string; readonly points: number } | null;
  /** The comparison, made for coverage `seq`. */
  readonly comparison: (MeasurementComparisonView & { readonly seq: number }) | null;
  /** The last fit, on the comparison of coverage `seq`. */
  readonly calibration: (MeasurementCalibrationView & { readonly seq: number }) | null;
  readonly message: Msg;
  /** Main-thread tasks longer than 50 ms during the last import, ms (Chromium's long-task timing; empty elsewhere). */
  readonly importLongTasksMs: readonly number[];
}

export const INITIAL_MEASUREMENTS: MeasurementsState = {
  phase: 'idle', rowsRead: 0, preview: null, columnProblem: null, dataset: null, comparison: null, calibration: null, message: null, importLongTasksMs: [],
};

/** The point colours of the two layers (set by the view: they follow the legends). */
export interface MeasurementStyles {
  readonly measured: PointStyle;
  readonly error: PointStyle;
}

export class MeasurementsController {
  private file: File | null = null;
  private importAbort: AbortController | null = null;
  private compareAbort: AbortController | null = null;
  /** Set by the view. */
  styles: MeasurementStyles | null = null;
  /** The running comparison or calibration (tests wait on it). */
  pending: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store<AppState>, private readonly compute: Compute, private readonly scenarios: ScenarioController) {
    store.subscribe((s) => s.coverage?.seq, () => {
      if (this.state().dataset) this.pending = this.compare();
    });
  }

  state(): MeasurementsState {
    return this.store.get().measurements ?? INITIAL_MEASUREMENTS;
  }

  private set(part: Partial<MeasurementsState>): void {
    this.store.set((s) => ({ measurements: { ...(s.measurements ?? INITIAL_MEASUREMENTS), ...part } }));
  }

  /**
   * Reads a file in the worker and shows its preview (or the column-mapping form when the header
   * lacks a required column). Long main-thread tasks during the read are recorded.
   */
  async importFile(file: File, columns: ColumnMapping | null = null): Promise<void> {
    this.importAbort?.abort();
    const abort = new AbortController();
    this.importAbort = abort;
    this.file = file;
    const long: number[] = [];
    let observer: PerformanceObserver | null;
    try {
      observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) long.push(e.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
    } catch {
      observer = null;
    }
    this.set({ phase: 'reading', rowsRead: 0, preview: null, columnProblem: null, message: msg('measReading', { file: file.name, rows: 0 }) });
    let last = 0;
    try {
      const r = await this.compute.importMeasurements(file, columns, {
        signal: abort.signal,
        onProgress: (rows) => {
          const now = performance.now();
          if (now - last < 200) return;
          last = now;
          this.set({ rowsRead: rows, message: msg('measReading', { file: file.name, rows }) });
        },
      });
      if (abort.signal.aborted) return;
      if ('problem' in r) {
        const p = r.problem;
        this.set(p.header
          ? { phase: 'mapping', columnProblem: { fileName: file.name, message: p.fileError, header: p.header, missing: p.missing }, message: raw(p.fileError) }
          : { phase: this.state().dataset ? 'ready' : 'idle', message: raw(p.fileError) });
        return;
      }
      this.set({ phase: 'preview', preview: r.ok, rowsRead: r.ok.rowsRead, message: null });
    } catch (e) {
      if (isAborted(e) || abort.signal.aborted || (e instanceof Error && e.name === 'AbortError')) {
        this.set({ phase: this.state().dataset ? 'ready' : 'idle', message: msg('measCancelled') });
        return;
      }
      this.set({ phase: this.state().dataset ? 'ready' : 'idle', message: raw(`${file.name}: ${e instanceof Error ? e.message : String(e)}`) });
    } finally {
      // Tasks already queued are reported on the next turn.
      await new Promise((res) => setTimeout(res, 0));
      observer?.disconnect();
      if (this.importAbort === abort) this.importAbort = null;
      this.set({ importLongTasksMs: long });
    }
  }

  /** Reads the same file again with the columns the user chose. */
  retryWithColumns(columns: ColumnMapping): Promise<void> {
    return this.file ? this.importFile(this.file, columns) : Promise.resolve();
  }

  cancelImport(): void {
    this.importAbort?.abort();
  }

  /** The previewed file becomes the measurements; the comparison follows. */
  async accept(): Promise<void> {
    const d = await this.compute.acceptMeasurements();
    if (!d) return;
    this.set({ preview: null, columnProblem: null, dataset: d, comparison: null, calibration: null, phase: 'comparing', message: null });
    this.pending = this.compare();
    await this.pending;
  }

  /** Closes the preview without importing. */
  async discardPreview(): Promise<void> {
    await this.compute.discardMeasurements(false);
    this.set({ preview: null, columnProblem: null, phase: this.state().dataset ? 'ready' : 'idle' });
  }

  /** Forgets the measurements. */
  async clear(): Promise<void> {
    this.compareAbort?.abort();
    await this.compute.discardMeasurements(true);
    this.store.set({ measurements: { ...INITIAL_MEASUREMENTS } });
  }

  /** Compares the measurements with the coverage on the map (nothing until there is one). */
  async compare(): Promise<void> {
    const s = this.store.get();
    const d = this.state().dataset;
    const cov = s.coverage;
    if (!d) return;
    if (!cov || !s.boundaries || !this.styles) {
      this.set({ phase: 'comparing', message: msg('measNeedCoverage', { file: d.fileName, points: d.points }) });
      return;
    }
    this.compareAbort?.abort();
    const abort = new AbortController();
    this.compareAbort = abort;
    this.set({ phase: 'comparing', message: msg('measComparing', { points: d.points }) });
    try {
      const shown = cov.scene.carriers[shownCarrier(s)]?.id ?? null;
      const view = await this.compute.compareMeasurements({
        scenario: cov.scenario, boundaryRings: s.boundaries.maskRings, options: cov.options, clutter: cov.ground?.clutter ?? null, dem: cov.ground?.dem ?? null,
        shownCarrierId: shown, styles: this.styles,
      }, abort.signal);
      if (!view || abort.signal.aborted) return;
      this.set({ phase: 'ready', comparison: { ...view, seq: cov.seq }, message: null });
    } catch (e) {
      if (isAborted(e) || abort.signal.aborted) return;
      this.set({ phase: 'ready', message: raw(e instanceof Error ? e.message : String(e)) });
    }
  }

  /** Fits the correction per (model, class) with k-fold hold-out on the current comparison. */
  async calibrate(name: string, folds: number): Promise<void> {
    const c = this.state().comparison;
    if (!c) return;
    this.set({ phase: 'calibrating', message: msg('measCalRunning') });
    const run = async () => {
      try {
        const fit = await this.compute.calibrateMeasurements({ name, folds });
        this.set({ phase: 'ready', calibration: fit ? { ...fit, seq: c.seq } : null, message: null });
      } catch (e) {
        this.set({ phase: 'ready', message: raw(e instanceof Error ? e.message : String(e)) });
      }
    };
    this.pending = run();
    await this.pending;
  }

  /** Puts the last fit into the scenario as its calibrated model (one undoable step); the coverage follows. */
  apply(): boolean {
    const fit = this.state().calibration;
    const sc = this.store.get().scenario;
    if (!fit || !sc) return false;
    const next: Scenario = { ...sc, calibration: fit.model };
    this.scenarios.commit(next, historyLabel('hCalibrate', { name: fit.model.name }));
    this.set({ message: msg('measCalApplied', { name: fit.model.name }) });
    return true;
  }

  /** Takes the calibrated model out of the scenario (one undoable step). */
  removeCalibration(): boolean {
    const sc = this.store.get().scenario;
    if (!sc?.calibration) return false;
    const { calibration, ...rest } = sc;
    this.scenarios.commit(rest, historyLabel('hCalibrationRemove', { name: calibration.name }));
    return true;
  }
}
