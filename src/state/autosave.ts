/**
 * Autosave that never loses work: every scenario the user works on is a *document* in
 * IndexedDB (database `phusong`, store `state`), written after every change, so a closed tab, a
 * crashed browser, a second tab or a file opened on top loses nothing.
 *
 * - `doc:<id>` holds the record (version, revision, writer tab, time, scenario, UI choices) and
 *   `meta:<id>` a small summary for the list of recent scenarios; both are written in one
 *   transaction.
 * - A write is conditional: it lands only if the stored revision is still the one this tab last
 *   read or wrote. Otherwise another tab saved in between, and the write is refused as a
 *   *conflict* (the caller keeps its state as a new document: both versions are kept).
 * - Records of a newer phusong (a higher {@link AUTOSAVE_RECORD_VERSION}) are listed but never
 *   opened nor written: they stay untouched for that version.
 * - Writes are debounced (300 ms: one write for a burst of edits) and serialised (a slow write
 *   is never overtaken by an older one); {@link DocSaver.flush} writes at once.
 * - On load the scenario goes through the scenario gate (src/core/scenario/admit.ts: migration,
 *   structure, ids, limits, field rules; read as a value, never re-serialised), and a record
 *   that cannot be read is reported as `corrupt` with a message, never thrown.
 * - The single record of phusong 1 (key `autosave`, version 1) is moved into a document once.
 */
import { createStore, get, keys, getMany, promisifyRequest, type UseStore } from 'idb-keyval';
import type { InsideTest, Scenario, ScenarioCheck } from '../core/scenario/scenario.ts';
import { admitScenario } from '../core/scenario/admit.ts';

export const AUTOSAVE_RECORD_VERSION = 2;
/** The record version of phusong 1 (one record under {@link LEGACY_KEY}), read and moved. */
const LEGACY_VERSION = 1;
const LEGACY_KEY = 'autosave';
export const AUTOSAVE_DEFAULT_DELAY_MS = 300;
/** Name shown in problems about sites of an autosaved scenario. */
const SOURCE_NAME = 'autosave';
const docKey = (id: string) => `doc:${id}`;
const metaKey = (id: string) => `meta:${id}`;

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
  readonly docId: string;
  /** 1 for the first write of a document, +1 for each later one (whichever tab wrote it). */
  readonly revision: number;
  /** The tab that wrote this revision. */
  readonly writer: string;
  /** ISO 8601 time of the write. */
  readonly savedAt: string;
  readonly scenario: Scenario;
  readonly ui: UiState;
}

/** A document as the list of recent scenarios shows it. */
export interface DocMeta {
  readonly docId: string;
  /** The scenario's name. */
  readonly title: string;
  readonly savedAt: string;
  readonly sites: number;
  readonly revision: number;
  /** The record version; above {@link AUTOSAVE_RECORD_VERSION}: written by a newer phusong (kept, not opened). */
  readonly version: number;
}

export type AutosaveLoad =
  | {
      readonly status: 'ok';
      /** The record, its scenario validated (invalid sites dropped); `ui` null if it was unreadable. */
      readonly record: Omit<AutosaveRecord, 'ui'> & { readonly ui: UiState | null };
      /** Sites dropped and UI fields ignored, one message each. */
      readonly problems: string[];
    }
  | { readonly status: 'corrupt'; readonly message: string }
  /** Written by a newer phusong: not opened, and never written over. */
  | { readonly status: 'newer'; readonly version: number; readonly message: string };

export interface AutosaveStorage {
  /** idb-keyval store; default: database `phusong`, object store `state`. */
  readonly store?: UseStore;
}

export interface LoadOptions {
  readonly inside?: InsideTest;
  readonly knownModelIds?: readonly string[];
}

/** A write refused because the stored revision is not the one this tab based its work on. */
export interface Conflict {
  readonly docId: string;
  /** The stored record's revision, writer and time (another tab's work). */
  readonly theirs: { readonly revision: number; readonly writer: string; readonly savedAt: string; readonly version: number };
  /** The state that was not written (the caller keeps it, as a new document). */
  readonly mine: { readonly scenario: Scenario; readonly ui: UiState };
}

/** A new document id (time-ordered, unique across tabs). */
export function newDocId(): string {
  return `${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
}

/** The documents' store; created on first use, so importing this module touches no IndexedDB. */
export class DocStore {
  private created: UseStore | null = null;

  constructor(private readonly storage: AutosaveStorage = {}) {}

  get idb(): UseStore {
    if (this.storage.store) return this.storage.store;
    this.created ??= createStore('phusong', 'state');
    return this.created;
  }

  /** Every document, newest first (newer-version ones included, flagged by `version`). */
  async list(): Promise<DocMeta[]> {
    const ks = (await keys(this.idb)).filter((k): k is string => typeof k === 'string' && k.startsWith('meta:'));
    const metas = await getMany(ks, this.idb);
    return metas.filter(isMeta).sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
  }

  /** A document's record, checked by the scenario gate; null if there is none. Never throws. */
  async load(docId: string, o: LoadOptions = {}): Promise<AutosaveLoad | null> {
    let raw: unknown;
    try {
      raw = await get(docKey(docId), this.idb);
    } catch (e) {
      return { status: 'corrupt', message: `the autosave could not be read from IndexedDB (${(e as Error).message})` };
    }
    if (raw === undefined) return null;
    return readRecord(raw, o);
  }

  /** Deletes a document (the user asked to). */
  async remove(docId: string): Promise<void> {
    await this.idb('readwrite', (os) => {
      os.delete(docKey(docId));
      os.delete(metaKey(docId));
      return promisifyRequest(os.transaction);
    });
  }

  /**
   * Moves phusong 1's single record into a document (once; the old key is deleted only after the
   * document is written). A record of another version is left alone. Returns the new id or null.
   */
  async migrateLegacy(writer: string): Promise<string | null> {
    let raw: unknown;
    try {
      raw = await get(LEGACY_KEY, this.idb);
    } catch {
      return null;
    }
    if (typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== LEGACY_VERSION) return null;
    const r = raw as { savedAt?: unknown; scenario?: unknown; ui?: unknown };
    const docId = newDocId();
    const savedAt = typeof r.savedAt === 'string' ? r.savedAt.slice(0, 64) : new Date().toISOString();
    const scenario = r.scenario as { name?: unknown; sites?: unknown };
    const meta: DocMeta = { docId, title: typeof scenario?.name === 'string' ? scenario.name.slice(0, 200) : 'autosave', savedAt, sites: Array.isArray(scenario?.sites) ? scenario.sites.length : 0, revision: 1, version: AUTOSAVE_RECORD_VERSION };
    await this.idb('readwrite', (os) => {
      os.put({ version: AUTOSAVE_RECORD_VERSION, docId, revision: 1, writer, savedAt, scenario: r.scenario, ui: r.ui }, docKey(docId));
      os.put(meta, metaKey(docId));
      os.delete(LEGACY_KEY);
      return promisifyRequest(os.transaction);
    });
    return docId;
  }

  /**
   * Writes `record` (its revision = the stored one + 1) if the stored revision is `baseRevision`
   * (0: no record yet); otherwise writes nothing and returns the stored record's identity.
   * @throws the storage error (quota, private mode) — nothing is written then
   */
  write(record: Omit<AutosaveRecord, 'revision'>, baseRevision: number): Promise<{ readonly revision: number } | { readonly theirs: Conflict['theirs'] }> {
    return this.idb('readwrite', (os) => new Promise((resolve, reject) => {
      const tx = os.transaction;
      let result: { revision: number } | { theirs: Conflict['theirs'] } | null = null;
      tx.oncomplete = () => resolve(result!);
      tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('the autosave transaction was aborted'));
      const req = os.get(docKey(record.docId));
      req.onsuccess = () => {
        const old = req.result as Partial<AutosaveRecord> | undefined;
        const stored = old === undefined ? 0 : typeof old.revision === 'number' ? old.revision : -1;
        if (stored !== baseRevision || (old !== undefined && old.version !== AUTOSAVE_RECORD_VERSION)) {
          result = { theirs: { revision: stored, writer: String(old?.writer ?? ''), savedAt: String(old?.savedAt ?? ''), version: typeof old?.version === 'number' ? old.version : 0 } };
          return;
        }
        const revision = stored + 1;
        const meta: DocMeta = { docId: record.docId, title: record.scenario.name, savedAt: record.savedAt, sites: record.scenario.sites.length, revision, version: AUTOSAVE_RECORD_VERSION };
        try {
          os.put({ ...record, revision }, docKey(record.docId));
          os.put(meta, metaKey(record.docId));
          result = { revision };
        } catch (e) {
          // A put that throws (quota, a value that cannot be cloned) writes nothing: abort.
          tx.abort();
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      };
    }));
  }
}

export interface DocSaverOptions {
  readonly delayMs?: number;
  /** The tab's id, written with each revision. */
  readonly writer: string;
  /** Called after each successful write. */
  readonly onSaved?: (record: AutosaveRecord) => void;
  /** Called when a write fails (quota, private mode); the state stays waiting for the next try. */
  readonly onError?: (error: unknown) => void;
  /** Called when another tab wrote the document first: nothing was written. */
  readonly onConflict?: (c: Conflict) => void;
}

/** Debounced, conditional writer of one document at a time. */
export class DocSaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: { scenario: Scenario; ui: UiState } | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly delayMs: number;

  /**
   * @param docId - the document written to
   * @param revision - the stored revision this tab's state is based on (0 for a new document)
   */
  constructor(private readonly store: DocStore, private docId: string, private revision: number, private readonly options: DocSaverOptions) {
    this.delayMs = options.delayMs ?? AUTOSAVE_DEFAULT_DELAY_MS;
  }

  get current(): { readonly docId: string; readonly revision: number } {
    return { docId: this.docId, revision: this.revision };
  }

  /** Writes to another document from now on (a waiting state goes there too). */
  switchTo(docId: string, revision: number): void {
    this.docId = docId;
    this.revision = revision;
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
   * @throws the storage error if this write fails (the state is kept for the next try)
   */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const p = this.pending;
    this.pending = null;
    if (p === null) return this.writing;
    // A failed earlier write must not stop this one.
    this.writing = this.writing.catch(() => undefined).then(async () => {
      const record = { version: AUTOSAVE_RECORD_VERSION, docId: this.docId, writer: this.options.writer, savedAt: new Date().toISOString(), scenario: p.scenario, ui: p.ui } as const;
      let r: Awaited<ReturnType<DocStore['write']>>;
      try {
        r = await this.store.write(record, this.revision);
      } catch (e) {
        // Not written: keep it unless a newer state is already waiting.
        this.pending ??= p;
        throw e;
      }
      if ('theirs' in r) {
        this.options.onConflict?.({ docId: record.docId, theirs: r.theirs, mine: p });
        return;
      }
      this.revision = r.revision;
      this.options.onSaved?.({ ...record, revision: r.revision });
    });
    return this.writing;
  }

  /** Drops a waiting state without writing it. */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}

function isMeta(v: unknown): v is DocMeta {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return typeof m.docId === 'string' && typeof m.title === 'string' && typeof m.savedAt === 'string' && typeof m.sites === 'number' && typeof m.version === 'number';
}

/** A stored record, checked; the gate rebuilds the scenario. */
function readRecord(raw: unknown, o: LoadOptions): AutosaveLoad {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { status: 'corrupt', message: `the autosave record is not an object (${typeof raw})` };
  const r = raw as Record<string, unknown>;
  if (typeof r.version === 'number' && r.version > AUTOSAVE_RECORD_VERSION) {
    return { status: 'newer', version: r.version, message: `the autosave record has version ${r.version}, written by a newer phusong (this one reads version ${AUTOSAVE_RECORD_VERSION}); it is kept untouched` };
  }
  if (r.version !== AUTOSAVE_RECORD_VERSION) {
    return { status: 'corrupt', message: `the autosave record has version ${JSON.stringify(r.version)}; this phusong reads version ${AUTOSAVE_RECORD_VERSION}` };
  }
  if (typeof r.savedAt !== 'string' || r.savedAt.length > 64) return { status: 'corrupt', message: 'the autosave record has no savedAt time' };
  if (typeof r.docId !== 'string' || typeof r.revision !== 'number' || !Number.isInteger(r.revision) || r.revision < 1) return { status: 'corrupt', message: 'the autosave record has no document id or revision' };
  let check: ScenarioCheck;
  try {
    check = admitScenario(r.scenario, SOURCE_NAME, { inside: o.inside, knownModelIds: o.knownModelIds });
  } catch (e) {
    return { status: 'corrupt', message: `the autosaved scenario cannot be read: ${(e as Error).message}` };
  }
  const problems = [...check.problems];
  const ui = readUiState(r.ui);
  if (typeof ui === 'string') problems.push(`${SOURCE_NAME}: UI state ignored: ${ui}`);
  return {
    status: 'ok',
    record: { version: AUTOSAVE_RECORD_VERSION, docId: r.docId, revision: r.revision, writer: String(r.writer ?? ''), savedAt: r.savedAt, scenario: check.scenario, ui: typeof ui === 'string' ? null : ui },
    problems,
  };
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
