/**
 * Autosave: the scenario being edited and the UI's choices (carrier, layer, cell size, opacity,
 * thresholds) are written to IndexedDB (idb-keyval) after every change, so a closed tab or a
 * crashed browser loses nothing. Writes are debounced (300 ms by default: one write for a burst
 * of edits, e.g. typing a number) and serialised (a slow write is never overtaken by an older
 * one); {@link Autosaver.flush} writes at once (page hide, before opening another file).
 *
 * The record carries a version ({@link AUTOSAVE_RECORD_VERSION}); on load the scenario goes
 * through the scenario gate (src/core/scenario/admit.ts `admitScenario`: schema migration,
 * structure, ids, limits, service areas, field rules — read as a value, never re-serialised,
 * so a cyclic or deeply nested record cannot overflow the stack), and a record that cannot be
 * read is reported as `corrupt` with a message, never thrown: the app then starts on its
 * default scenario.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { InsideTest, Scenario, ScenarioCheck } from '../core/scenario/scenario.ts';
import { admitScenario } from '../core/scenario/admit.ts';

export const AUTOSAVE_RECORD_VERSION = 1;
export const AUTOSAVE_DEFAULT_DELAY_MS = 300;
const DEFAULT_KEY = 'autosave';
/** Name shown in problems about sites of the autosaved scenario. */
const SOURCE_NAME = 'autosave';

/** What the UI restores besides the scenario. */
export interface UiState {
  /** Carrier whose coverage is shown, or null for the first. */
  readonly carrierId: string | null;
  /** Layer id (`rsrp`, `sinr`, …). */
  readonly layer: string;
  readonly cellSizeM: number;
  /** Coverage layer opacity, 0…1. */
  readonly opacity: number;
  /** Legend / statistics thresholds by layer id, e.g. `{ rsrp: [-100, -110, -120] }`. */
  readonly thresholds: Readonly<Record<string, readonly number[]>>;
}

export interface AutosaveRecord {
  readonly version: typeof AUTOSAVE_RECORD_VERSION;
  /** ISO 8601 time of the write. */
  readonly savedAt: string;
  readonly scenario: Scenario;
  readonly ui: UiState;
}

export type AutosaveLoad =
  | {
      readonly status: 'ok';
      /** The record, its scenario validated (invalid sites dropped); `ui` null if it was unreadable. */
      readonly record: Omit<AutosaveRecord, 'ui'> & { readonly ui: UiState | null };
      /** Sites dropped and UI fields ignored, one message each. */
      readonly problems: string[];
    }
  | { readonly status: 'corrupt'; readonly message: string };

export interface AutosaveStorage {
  /** idb-keyval store; default: database `phusong`, object store `state`. */
  readonly store?: UseStore;
  /** Key of the record in the store; default `autosave`. */
  readonly key?: string;
}

let defaultStore: UseStore | null = null;
/** Created on first use, so importing this module touches no IndexedDB. */
function storeOf(storage: AutosaveStorage): UseStore {
  if (storage.store) return storage.store;
  defaultStore ??= createStore('phusong', 'state');
  return defaultStore;
}

export interface AutosaverOptions extends AutosaveStorage {
  readonly delayMs?: number;
  /** Called after each successful write (for a "saved hh:mm" indicator). */
  readonly onSaved?: (record: AutosaveRecord) => void;
  /** Called when a debounced write fails (quota, private mode); default console.error. */
  readonly onError?: (error: unknown) => void;
}

/** Debounced writer of autosave records. */
export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: { scenario: Scenario; ui: UiState } | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly delayMs: number;

  constructor(private readonly options: AutosaverOptions = {}) {
    this.delayMs = options.delayMs ?? AUTOSAVE_DEFAULT_DELAY_MS;
  }

  /** Schedules a write of this state; a later call within the delay replaces it. */
  save(scenario: Scenario, ui: UiState): void {
    this.pending = { scenario, ui };
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((e: unknown) => (this.options.onError ?? console.error)(e));
    }, this.delayMs);
  }

  /** True while a state waits for its write. */
  get hasPending(): boolean {
    return this.pending !== null;
  }

  /**
   * Writes the waiting state now (if any) and resolves when every write so far is done.
   * @throws the storage error if this write fails
   */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const p = this.pending;
    this.pending = null;
    if (p === null) return this.writing;
    const record: AutosaveRecord = { version: AUTOSAVE_RECORD_VERSION, savedAt: new Date().toISOString(), scenario: p.scenario, ui: p.ui };
    // A failed earlier write must not stop this one.
    this.writing = this.writing
      .catch(() => undefined)
      .then(() => set(this.options.key ?? DEFAULT_KEY, record, storeOf(this.options)))
      .then(() => this.options.onSaved?.(record));
    return this.writing;
  }

  /** Drops a waiting state without writing it. */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}

export interface LoadAutosaveOptions extends AutosaveStorage {
  readonly inside?: InsideTest;
  readonly knownModelIds?: readonly string[];
}

/**
 * The last autosaved state: null if there is none, `corrupt` with a message if it cannot be
 * read (wrong shape, unknown version, unreadable scenario, storage error). Never throws.
 */
export async function loadAutosave(options: LoadAutosaveOptions = {}): Promise<AutosaveLoad | null> {
  let raw: unknown;
  try {
    raw = await get(options.key ?? DEFAULT_KEY, storeOf(options));
  } catch (e) {
    return { status: 'corrupt', message: `the autosave could not be read from IndexedDB (${(e as Error).message})` };
  }
  if (raw === undefined) return null;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { status: 'corrupt', message: `the autosave record is not an object (${typeof raw})` };
  const r = raw as Record<string, unknown>;
  if (r.version !== AUTOSAVE_RECORD_VERSION) {
    return { status: 'corrupt', message: `the autosave record has version ${JSON.stringify(r.version)}; this phusong reads version ${AUTOSAVE_RECORD_VERSION}` };
  }
  if (typeof r.savedAt !== 'string' || r.savedAt.length > 64) return { status: 'corrupt', message: 'the autosave record has no savedAt time' };
  let check: ScenarioCheck;
  try {
    check = admitScenario(r.scenario, SOURCE_NAME, { inside: options.inside, knownModelIds: options.knownModelIds });
  } catch (e) {
    return { status: 'corrupt', message: `the autosaved scenario cannot be read: ${(e as Error).message}` };
  }
  const problems = [...check.problems];
  const ui = readUiState(r.ui);
  if (typeof ui === 'string') problems.push(`${SOURCE_NAME}: UI state ignored: ${ui}`);
  return { status: 'ok', record: { version: AUTOSAVE_RECORD_VERSION, savedAt: r.savedAt, scenario: check.scenario, ui: typeof ui === 'string' ? null : ui }, problems };
}

/** Removes the autosave (after the user chose to start afresh). */
export async function clearAutosave(storage: AutosaveStorage = {}): Promise<void> {
  await del(storage.key ?? DEFAULT_KEY, storeOf(storage));
}

/** Longest text of a UI field kept (layer and carrier ids are short words). */
const MAX_UI_TEXT = 64;
/** Most threshold lists and thresholds per list kept (a legend has a handful). */
const MAX_THRESHOLD_LAYERS = 32;
const MAX_THRESHOLDS = 32;

/** The UI state (a copy holding only the known fields), or a message saying what is wrong with it. */
function readUiState(v: unknown): UiState | string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not an object';
  const u = v as Record<string, unknown>;
  if (u.carrierId !== null && typeof u.carrierId !== 'string') return 'carrierId is not text';
  if (typeof u.carrierId === 'string' && u.carrierId.length > MAX_UI_TEXT) return `carrierId is longer than ${MAX_UI_TEXT} characters`;
  if (typeof u.layer !== 'string') return 'layer is not text';
  if (u.layer.length > MAX_UI_TEXT) return `layer is longer than ${MAX_UI_TEXT} characters`;
  if (typeof u.cellSizeM !== 'number' || !(u.cellSizeM > 0) || !Number.isFinite(u.cellSizeM)) return 'cellSizeM is not a positive number';
  if (typeof u.opacity !== 'number' || !(u.opacity >= 0 && u.opacity <= 1)) return 'opacity is not a number in 0…1';
  if (typeof u.thresholds !== 'object' || u.thresholds === null || Array.isArray(u.thresholds)) return 'thresholds is not an object';
  const entries = Object.entries(u.thresholds);
  if (entries.length > MAX_THRESHOLD_LAYERS) return `thresholds has more than ${MAX_THRESHOLD_LAYERS} layers`;
  const thresholds: Record<string, number[]> = {};
  for (const [k, t] of entries) {
    if (k.length > MAX_UI_TEXT || k === '__proto__') return 'a thresholds key is not a layer id';
    if (!Array.isArray(t) || t.length > MAX_THRESHOLDS || !t.every((x) => typeof x === 'number' && Number.isFinite(x))) return `thresholds.${k} is not a list of at most ${MAX_THRESHOLDS} numbers`;
    thresholds[k] = [...(t as number[])];
  }
  return { carrierId: u.carrierId as string | null, layer: u.layer, cellSizeM: u.cellSizeM, opacity: u.opacity, thresholds };
}
