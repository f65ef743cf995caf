/**
 * What views and the input dispatcher are given: the store, the panel's elements, the map, and
 * the controllers (the only things that change state or reach the workers).
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { Compute } from '../compute/facade.ts';
import type { PanelElements } from '../ui/panel.ts';
import type { AnalysisController } from './analysis-controller.ts';
import type { CoverageController } from './coverage-controller.ts';
import type { ScenarioController } from './scenario-controller.ts';
import type { ExportController } from './export-controller.ts';
import type { WorkspaceController } from './workspace-controller.ts';
import type { AppState } from './state.ts';
import type { Store } from './store.ts';

export interface AppContext {
  readonly store: Store<AppState>;
  readonly els: PanelElements;
  readonly map: MlMap;
  readonly compute: Compute;
  readonly scenarios: ScenarioController;
  /** The saved work and other tabs; null with ?autosave=off. */
  readonly workspace: WorkspaceController | null;
  readonly coverage: CoverageController;
  readonly analysis: AnalysisController;
  readonly exporter: ExportController;
}

/** Sets part of the UI settings. */
export function setUi(store: Store<AppState>, part: Partial<AppState['ui']>): void {
  store.set((s) => ({ ui: { ...s.ui, ...part } }));
}

/** Sets one status line. */
export function setStatus(store: Store<AppState>, which: keyof AppState['status'], m: AppState['status'][keyof AppState['status']]): void {
  store.set((s) => ({ status: { ...s.status, [which]: m } }));
}

/** Adds a box of data problems to the error list. */
export function reportErrors(store: Store<AppState>, title: AppState['errors'][number]['title'], messages: readonly string[]): void {
  if (messages.length) store.set((s) => ({ errors: [...s.errors, { title, messages }] }));
}
