/**
 * The user's saved work across tabs (src/state/autosave.ts documents): which document this tab
 * edits, the list of recent scenarios, and what other tabs do. Nothing the user made is lost:
 *
 * - every change of the scenario or the UI choices is written to this tab's document;
 * - a second tab on the same document is told at once and chooses: a copy of its own, or edit
 *   here too; a tab whose document another tab saved is told and chooses: load that version, or
 *   keep its own as a copy; a write that would overwrite another tab's work is refused by the
 *   store and kept as a copy instead (and the user is told);
 * - a scenario from a share link or a file opens as a new document *beside* the work in progress,
 *   which stays in the list of recent scenarios;
 * - a storage failure (quota, private mode) stays on screen until a write succeeds;
 * - records of a newer phusong are never opened or written.
 *
 * Tabs talk over a BroadcastChannel (`phusong-docs`). The tab's document id is kept in
 * sessionStorage, so a reload reopens the same document.
 */
import { DocSaver, DocStore, newDocId, type AutosaveLoad, type Conflict, type DocMeta, type LoadOptions, type UiState } from '../state/autosave.ts';
import type { Scenario } from '../core/scenario/scenario.ts';
import { formatDateTime, t } from '../i18n/i18n.ts';
import { historyLabel, uiStateOf } from './scenario-controller.ts';
import { msg, type AppState, type Msg } from './state.ts';
import type { Store } from './store.ts';

/** A question or news about this tab's document; the view offers the choices. */
export type WorkspaceNotice =
  | { readonly kind: 'open-elsewhere' }
  | { readonly kind: 'changed-elsewhere'; readonly savedAt: string }
  | { readonly kind: 'kept-as-copy'; readonly title: string; readonly savedAt: string };

export interface WorkspaceState {
  /** The document this tab writes to (null with autosave off). */
  readonly docId: string | null;
  /** Saved documents, newest first (this tab's included). */
  readonly recent: readonly DocMeta[];
  readonly notice: WorkspaceNotice | null;
  /** Why the last write failed; shown until one succeeds. */
  readonly storageError: Msg;
  /** Time of this tab's last successful write. */
  readonly savedAt: string | null;
}

export const INITIAL_WORKSPACE: WorkspaceState = { docId: null, recent: [], notice: null, storageError: null, savedAt: null };

type Message =
  | { readonly type: 'saved'; readonly docId: string; readonly revision: number; readonly tab: string; readonly savedAt: string }
  | { readonly type: 'hello'; readonly docId: string; readonly tab: string }
  | { readonly type: 'here'; readonly docId: string; readonly tab: string; readonly to: string };

const SESSION_KEY = 'phusong-doc';
/** Set by "start again from the sample network": the next start opens the sample as a new document. */
const FRESH_KEY = 'phusong-fresh';
const CHANNEL = 'phusong-docs';

/** A document opened: its scenario and UI choices, and what was dropped on the way in. */
export interface OpenedDoc {
  readonly scenario: Scenario;
  readonly ui: UiState | null;
  readonly problems: readonly string[];
  readonly savedAt: string;
}

export class WorkspaceController {
  readonly tabId = crypto.randomUUID();
  private readonly saver: DocSaver;
  private readonly channel: BroadcastChannel | null;
  /** The scenario and UI choices as opened from storage (not written back until they change). */
  private opened: { readonly scenario: Scenario; readonly uiJson: string } | null = null;
  /** Puts another version of the document in the editor, as an undo step when labelled (set by the app). */
  onReplace: ((doc: OpenedDoc, undoLabel: string | null) => void) | null = null;

  constructor(private readonly store: Store<AppState>, private readonly docs: DocStore, private readonly load: LoadOptions) {
    this.saver = new DocSaver(docs, newDocId(), 0, {
      writer: this.tabId,
      onSaved: (r) => {
        this.set({ storageError: null, savedAt: r.savedAt });
        this.post({ type: 'saved', docId: r.docId, revision: r.revision, tab: this.tabId, savedAt: r.savedAt });
        void this.refresh();
      },
      onError: (e) => this.set({ storageError: storageMessage(e) }),
      onConflict: (c) => this.keepAsCopy(c),
    });
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    this.channel?.addEventListener('message', (e: MessageEvent<Message>) => this.receive(e.data));
    // Every change of the scenario or the UI choices is written, whoever made it.
    store.subscribe((s) => [s.scenario, s.ui, s.ready] as const, ([scenario, ui, ready]) => {
      if (!scenario || !ready) return;
      const state = uiStateOf(ui);
      // The document as it was opened is not written again (another tab may be editing it).
      if (this.opened && scenario === this.opened.scenario && JSON.stringify(state) === this.opened.uiJson) return;
      this.opened = null;
      this.saver.save(scenario, state);
    }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] });
    // A tab closing writes what is waiting.
    addEventListener('pagehide', () => void this.flush().catch(() => undefined));
  }

  /**
   * The document to start with: this tab's (a reload), else the newest one this phusong can open
   * (phusong 1's record moved first); null when there is none (the sample network then).
   * Unreadable and newer-version documents are reported in `problems` of the caller's choice
   * via the returned list of skipped ones, and never written.
   */
  async open(): Promise<{ doc: OpenedDoc | null; skipped: string[] }> {
    const skipped: string[] = [];
    if (sessionStorage.getItem(FRESH_KEY)) {
      sessionStorage.removeItem(FRESH_KEY);
      this.use(newDocId(), 0);
      await this.refresh();
      return { doc: null, skipped };
    }
    await this.docs.migrateLegacy(this.tabId).catch(() => null);
    const recent = await this.docs.list().catch(() => [] as DocMeta[]);
    const mine = sessionStorage.getItem(SESSION_KEY);
    const order = [...(mine ? [mine] : []), ...recent.map((m) => m.docId).filter((id) => id !== mine)];
    for (const id of order) {
      const l: AutosaveLoad | null = await this.docs.load(id, this.load);
      if (!l) continue;
      if (l.status !== 'ok') {
        skipped.push(l.message);
        continue;
      }
      this.use(id, l.record.revision);
      this.set({ recent });
      this.opened = { scenario: l.record.scenario, uiJson: JSON.stringify(l.record.ui) };
      return { doc: { scenario: l.record.scenario, ui: l.record.ui, problems: l.problems, savedAt: l.record.savedAt }, skipped };
    }
    this.use(newDocId(), 0);
    this.set({ recent });
    return { doc: null, skipped };
  }

  /** Starts a new document for a scenario opened from a link or a file; the work so far stays listed. Returns the title of that work. */
  async beside(): Promise<string | null> {
    await this.flush().catch(() => undefined);
    const before = this.store.get().workspace.docId;
    const title = this.store.get().workspace.recent.find((m) => m.docId === before)?.title ?? null;
    this.use(newDocId(), 0);
    return title;
  }

  /** Makes the next start (a reload) open the sample network as a new document; nothing is deleted. */
  async startFresh(): Promise<void> {
    await this.flush().catch(() => undefined);
    sessionStorage.setItem(FRESH_KEY, '1');
    sessionStorage.removeItem(SESSION_KEY);
  }

  /** Opens a saved document in this tab (the current one is written first). */
  async openDoc(docId: string): Promise<OpenedDoc | string> {
    await this.flush().catch(() => undefined);
    const l = await this.docs.load(docId, this.load);
    if (!l) return t('wsMissing');
    if (l.status !== 'ok') return l.message;
    this.saver.cancel();
    this.use(docId, l.record.revision);
    // Opened as stored: not written back until something changes (the UI choices stay this tab's).
    this.opened = { scenario: l.record.scenario, uiJson: JSON.stringify(uiStateOf(this.store.get().ui)) };
    return { scenario: l.record.scenario, ui: l.record.ui, problems: l.problems, savedAt: l.record.savedAt };
  }

  /** Deletes a saved document other than this tab's. */
  async remove(docId: string): Promise<void> {
    if (docId === this.saver.current.docId) return;
    await this.docs.remove(docId);
    await this.refresh();
  }

  /** The user's answer to a notice. */
  async choose(choice: 'copy' | 'here' | 'load-theirs' | 'dismiss'): Promise<void> {
    const notice = this.store.get().workspace.notice;
    this.set({ notice: null });
    if (choice === 'copy') {
      // This tab's state becomes a document of its own; the other tab's stays as it is.
      this.use(newDocId(), 0);
      const s = this.store.get();
      if (s.scenario) this.saver.save(s.scenario, uiStateOf(s.ui));
      await this.flush().catch(() => undefined);
    } else if (choice === 'load-theirs' && notice?.kind === 'changed-elsewhere') {
      const got = await this.openDoc(this.saver.current.docId);
      if (typeof got === 'string') this.set({ storageError: { text: got } });
      else this.onReplace?.(got, historyLabel('hOtherTab', {}));
    }
  }

  /** Writes what is waiting now. */
  flush(): Promise<void> {
    return this.saver.flush();
  }

  /** Re-reads the list of saved documents. */
  async refresh(): Promise<void> {
    const recent = await this.docs.list().catch(() => null);
    if (recent) this.set({ recent });
  }

  private use(docId: string, revision: number): void {
    this.saver.switchTo(docId, revision);
    sessionStorage.setItem(SESSION_KEY, docId);
    this.set({ docId });
    // Anyone else on this document answers, and this tab asks the user what to do.
    this.post({ type: 'hello', docId, tab: this.tabId });
  }

  /** Another tab wrote first: this state goes to a new document (both kept), and the user is told. */
  private keepAsCopy(c: Conflict): void {
    const at = new Date().toISOString();
    const copy: Scenario = { ...c.mine.scenario, name: t('wsCopyName', { name: c.mine.scenario.name, at: formatTime(at) }) };
    this.use(newDocId(), 0);
    this.saver.save(copy, c.mine.ui);
    void this.flush().catch(() => undefined);
    this.onReplace?.({ scenario: copy, ui: null, problems: [], savedAt: at }, null);
    this.set({ notice: { kind: 'kept-as-copy', title: copy.name, savedAt: c.theirs.savedAt } });
  }

  private receive(m: Message): void {
    if (typeof m !== 'object' || m === null || m.tab === this.tabId) return;
    const mine = this.saver.current;
    if (m.type === 'hello' && m.docId === mine.docId) this.post({ type: 'here', docId: mine.docId, tab: this.tabId, to: m.tab });
    else if (m.type === 'here' && m.to === this.tabId && m.docId === mine.docId) this.set({ notice: { kind: 'open-elsewhere' } });
    else if (m.type === 'saved') {
      if (m.docId === mine.docId && m.revision > mine.revision) this.set({ notice: { kind: 'changed-elsewhere', savedAt: m.savedAt } });
      void this.refresh();
    }
  }

  private post(m: Message): void {
    this.channel?.postMessage(m);
  }

  private set(part: Partial<WorkspaceState>): void {
    this.store.set((s) => ({ workspace: { ...s.workspace, ...part } }));
  }
}

/** A storage error in words. */
function storageMessage(e: unknown): Msg {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  return name === 'QuotaExceededError' ? msg('wsQuota') : msg('wsStorageFailed', { reason: e instanceof Error ? e.message : String(e) });
}

/** Date and time of an ISO time in the current language (`07/11/2025, 14:05`). */
export function formatTime(iso: string): string {
  return formatDateTime(iso, 'short');
}
