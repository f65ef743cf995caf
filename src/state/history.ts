/**
 * Undo / redo over immutable states (scenarios): every edit pushes the new state, undo and redo
 * move through them. States are kept by reference, never copied or diffed: edits produce new
 * objects (the scenario types are readonly), so a past state cannot change under the history.
 *
 * A drag is one undo step: between {@link History.beginGesture} and {@link History.endGesture}
 * every push replaces the gesture's own entry instead of adding one, so moving a site across
 * the map (hundreds of intermediate positions) undoes in one Ctrl+Z. The depth is bounded (200
 * steps by default); the oldest steps are forgotten first. The keyboard (Ctrl+Z / Ctrl+Y) is
 * the UI's business; this module has no DOM.
 */

export interface HistoryOptions {
  /** Undo steps kept (states kept = maxDepth + 1). Default 200. */
  readonly maxDepth?: number;
}

interface Entry<T> {
  readonly state: T;
  /** What the step did, for "Undo: move site S012" labels. The initial entry's label is ''. */
  readonly label: string;
}

export const DEFAULT_HISTORY_DEPTH = 200;

export class History<T> {
  private entries: Entry<T>[];
  private index = 0;
  private readonly maxDepth: number;
  /** Nesting depth of open gestures (0 = none). */
  private gestureDepth = 0;
  /** Whether the open gesture has already pushed its entry. */
  private gestureEntry = false;

  constructor(initial: T, options: HistoryOptions = {}) {
    const maxDepth = options.maxDepth ?? DEFAULT_HISTORY_DEPTH;
    if (!Number.isInteger(maxDepth) || maxDepth < 1) throw new RangeError(`maxDepth must be an integer ≥ 1, got ${maxDepth}`);
    this.maxDepth = maxDepth;
    this.entries = [{ state: initial, label: '' }];
  }

  /** The state shown now. */
  get current(): T {
    return this.entries[this.index].state;
  }

  get canUndo(): boolean {
    return this.index > 0;
  }

  get canRedo(): boolean {
    return this.index < this.entries.length - 1;
  }

  /** Label of the step {@link undo} would revert, or null. */
  get undoLabel(): string | null {
    return this.canUndo ? this.entries[this.index].label : null;
  }

  /** Label of the step {@link redo} would reapply, or null. */
  get redoLabel(): string | null {
    return this.canRedo ? this.entries[this.index + 1].label : null;
  }

  /** Undo steps available now. */
  get undoDepth(): number {
    return this.index;
  }

  get inGesture(): boolean {
    return this.gestureDepth > 0;
  }

  /**
   * Records a new state after an edit; the redo branch is dropped. Inside a gesture, only the
   * gesture's first push adds a step; later pushes replace it (keeping the first label).
   */
  push(state: T, label: string): void {
    if (this.gestureDepth > 0 && this.gestureEntry) {
      this.entries[this.index] = { state, label: this.entries[this.index].label };
      return;
    }
    this.entries.length = this.index + 1;
    this.entries.push({ state, label });
    this.index++;
    if (this.entries.length > this.maxDepth + 1) {
      const drop = this.entries.length - (this.maxDepth + 1);
      this.entries.splice(0, drop);
      this.index -= drop;
    }
    if (this.gestureDepth > 0) this.gestureEntry = true;
  }

  /** Steps back one state and returns it; undefined (and no change) when there is none. */
  undo(): T | undefined {
    this.closeGestures();
    if (!this.canUndo) return undefined;
    this.index--;
    return this.current;
  }

  /** Steps forward one state and returns it; undefined when there is none. */
  redo(): T | undefined {
    this.closeGestures();
    if (!this.canRedo) return undefined;
    this.index++;
    return this.current;
  }

  /** Starts a gesture (a drag): its pushes become one step. Gestures may nest; the outermost counts. */
  beginGesture(): void {
    if (this.gestureDepth === 0) this.gestureEntry = false;
    this.gestureDepth++;
  }

  /** Ends a gesture. A gesture that pushed nothing leaves no step. Extra calls are ignored. */
  endGesture(): void {
    if (this.gestureDepth === 0) return;
    this.gestureDepth--;
    if (this.gestureDepth === 0) this.gestureEntry = false;
  }

  /** Forgets every step: `state` becomes the only one (opening another scenario). */
  reset(state: T): void {
    this.entries = [{ state, label: '' }];
    this.index = 0;
    this.gestureDepth = 0;
    this.gestureEntry = false;
  }

  /** Undo or redo in the middle of a drag ends the drag first, so the step is whole. */
  private closeGestures(): void {
    this.gestureDepth = 0;
    this.gestureEntry = false;
  }
}
