/**
 * A small store (STYLE.md §8): the app's whole state in one immutable value, one way to change
 * it (`set`), and subscriptions to a selected part. A listener runs when its selection changes
 * (by `Object.is`, or the `equals` given), after the change, with the new and previous selection.
 * A listener that sets the store again is not re-entered: the pass goes on with the newest state
 * (later listeners see the change at once) and repeats until no selection changes, so every
 * listener ends up having seen the final state.
 */
export type Listener<T> = (next: T, prev: T) => void;

interface Subscription<S, T> {
  readonly select: (s: S) => T;
  readonly listener: Listener<T>;
  readonly equals: (a: T, b: T) => boolean;
  last: T;
}

export class Store<S extends object> {
  private state: S;
  private readonly subs = new Set<Subscription<S, unknown>>();
  private notifying = false;
  private pending = false;

  constructor(initial: S) {
    this.state = initial;
  }

  get(): S {
    return this.state;
  }

  /** Replaces part of the state (a partial object, or a function of the current state returning one). */
  set(change: Partial<S> | ((s: S) => Partial<S>)): void {
    const part = typeof change === 'function' ? change(this.state) : change;
    this.state = { ...this.state, ...part };
    this.notify();
  }

  /**
   * Calls `listener` whenever `select(state)` changes. `immediate` also calls it once now (with
   * the current selection as both values). Returns the unsubscribe function.
   */
  subscribe<T>(select: (s: S) => T, listener: Listener<T>, o: { equals?: (a: T, b: T) => boolean; immediate?: boolean } = {}): () => void {
    const sub: Subscription<S, T> = { select, listener, equals: o.equals ?? Object.is, last: select(this.state) };
    this.subs.add(sub as Subscription<S, unknown>);
    if (o.immediate) listener(sub.last, sub.last);
    return () => this.subs.delete(sub as Subscription<S, unknown>);
  }

  private notify(): void {
    if (this.notifying) {
      this.pending = true;
      return;
    }
    this.notifying = true;
    try {
      do {
        this.pending = false;
        for (const sub of [...this.subs]) {
          if (!this.subs.has(sub)) continue;
          const next = sub.select(this.state);
          if (sub.equals(next, sub.last)) continue;
          const prev = sub.last;
          sub.last = next;
          sub.listener(next, prev);
        }
      } while (this.pending);
    } finally {
      this.notifying = false;
    }
  }
}

/** Shallow equality of two arrays or plain objects (for selections that build a new tuple each time). */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
