/**
 * The one writer of the scenario: every change (an edit, a drag's end, undo and redo, a file
 * opened, an import, sites added or deleted, a service area, a plan accepted) goes through
 * {@link ScenarioController.commit}: recorded for undo, autosaved, put in the store. The
 * coverage follows by itself (the coverage controller reconciles the map to the scenario).
 */
import { History } from '../state/history.ts';
import type { UiState } from '../state/autosave.ts';
import type { Scenario } from '../core/scenario/scenario.ts';
import type { ShownLayerId } from '../core/coverage/layer-registry.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import type { Store } from './store.ts';
import type { AppState, CoverageState, Msg, UiSettings } from './state.ts';
import type { Carrier } from '../core/scenario/scenario.ts';

/** A history step's label: a dictionary key and its parameters, shown in the current language. */
export function historyLabel(key: MessageKey, params: Record<string, string | number>): string {
  return JSON.stringify([key, params]);
}

/**
 * A status message whose `words` are dictionary texts of their own (a model's name, a carrier's
 * label with its numbers, a word such as "rural"): kept as keys and parameters, worded in the
 * language of the moment each time the message is shown (a language switch re-renders them).
 */
export function msgWith(key: MessageKey, params: Record<string, string | number>, words: Record<string, [MessageKey, Record<string, string | number>?]>): Msg {
  return { key, params, labels: Object.fromEntries(Object.entries(words).map(([k, [wk, wp]]) => [k, historyLabel(wk, wp ?? {})])) };
}

/** A carrier's label as a message word (`carrierLabel`: numbers formatted when shown). */
export function carrierWord(c: Pick<Carrier, 'tech' | 'band' | 'freqMHz' | 'bandwidthMHz'>): [MessageKey, Record<string, string | number>] {
  return ['carrierLabel', { tech: c.tech, band: c.band, freq: c.freqMHz, bw: c.bandwidthMHz }];
}

/** The text of a history label in the current language. */
export function labelText(label: string | null): string {
  if (!label) return '';
  try {
    const [key, params] = JSON.parse(label) as [MessageKey, Record<string, string | number>];
    return t(key, params);
  } catch {
    return label;
  }
}

/** The UI settings as the autosave record keeps them. */
export function uiStateOf(ui: UiSettings): UiState {
  const o = ui.statsOptions;
  return {
    carrierId: ui.carrierId, layer: ui.layer, cellSizeM: ui.cellSizeM, opacity: ui.opacity,
    thresholds: {
      rsrp: [...(o.rsrpThresholdsDbm ?? [])], sinr: [o.sinrThresholdDb ?? 0],
      ...Object.fromEntries(Object.entries(ui.legendEdges).map(([k, v]) => [`legend-${k}`, [...(v ?? [])]])),
    },
  };
}

export interface CommitOptions {
  /** Recorded for undo (default true; undo and redo themselves are not). */
  readonly record?: boolean;
  /** The coverage of `next`, when the change already computed it (a drag merges as it goes). */
  readonly coverage?: CoverageState;
}

export class ScenarioController {
  private history: History<Scenario | null> = new History<Scenario | null>(null);

  constructor(private readonly store: Store<AppState>) {}

  /** Starts the history at `initial` (nothing to undo). */
  reset(initial: Scenario): void {
    this.history = new History<Scenario | null>(initial);
    this.store.set({ scenario: initial, ...this.historyState() });
  }

  /** Makes `next` the scenario: recorded for undo (unless `record` is false), autosaved, drawn; the coverage follows. */
  commit(next: Scenario, label: string, o: CommitOptions = {}): void {
    if (o.record !== false) this.history.push(next, label);
    this.store.set((s) => ({
      scenario: next, ...this.historyState(),
      selection: s.selection.filter((id) => next.sites.some((x) => x.id === id)),
      ...(o.coverage ? { coverage: o.coverage } : {}),
    }));
  }

  undo(): boolean {
    return this.step('undo');
  }

  redo(): boolean {
    return this.step('redo');
  }

  /** Undoes or redoes one step; says so in the scenario status line. Returns false when there was none. */
  private step(dir: 'undo' | 'redo'): boolean {
    if (this.store.get().mode.kind === 'dragging') return false;
    const label = dir === 'undo' ? this.history.undoLabel : this.history.redoLabel;
    const next = dir === 'undo' ? this.history.undo() : this.history.redo();
    if (!next) return false;
    this.commit(next, '', { record: false });
    this.store.set((s) => ({ status: { ...s.status, scenario: { key: dir === 'undo' ? 'undone' : 'redone', labels: { what: label ?? '' } } } }));
    return true;
  }

  private historyState(): Pick<AppState, 'history'> {
    const h = this.history;
    return { history: { canUndo: h.canUndo, canRedo: h.canRedo, undoLabel: h.undoLabel, redoLabel: h.redoLabel, depth: h.undoDepth } };
  }
}

/** The legend classes the autosave record holds, back as UI settings. */
export function legendEdgesOf(thresholds: Readonly<Record<string, readonly number[]>>): Partial<Record<ShownLayerId, readonly number[]>> {
  return Object.fromEntries(Object.entries(thresholds).filter(([k]) => k.startsWith('legend-')).map(([k, v]) => [k.slice(7), [...v]]));
}
