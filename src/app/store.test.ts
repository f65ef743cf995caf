import { describe, expect, it } from 'vitest';
import { shallowEqual, Store } from './store.ts';

describe('Store', () => {
  it('notifies a subscriber only when its selection changes, with next and previous values', () => {
    const s = new Store({ a: 1, b: 'x' });
    const seen: [number, number][] = [];
    s.subscribe((st) => st.a, (n, p) => seen.push([n, p]));
    s.set({ b: 'y' });
    s.set({ a: 2 });
    s.set((st) => ({ a: st.a + 1 }));
    expect(seen).toEqual([[2, 1], [3, 2]]);
  });

  it('a listener that sets the store: no re-entry, every subscriber ends on the final state', () => {
    const s = new Store({ a: 0, b: 0 });
    const log: string[] = [];
    s.subscribe((st) => st.a, (a) => {
      log.push(`a${a}`);
      if (a === 1) s.set({ b: 10 });
    });
    s.subscribe((st) => st.b, (b) => log.push(`b${b}`));
    s.subscribe((st) => st.a, (a) => log.push(`A${a}`));
    s.set({ a: 1 });
    // The pass goes on with the newest state: `b` (subscribed after the setter) sees 10 in it.
    expect(log).toEqual(['a1', 'b10', 'A1']);
    expect(s.get()).toEqual({ a: 1, b: 10 });
  });

  it('unsubscribes, and `immediate` calls once at once', () => {
    const s = new Store({ a: 0 });
    const seen: number[] = [];
    const off = s.subscribe((st) => st.a, (a) => seen.push(a), { immediate: true });
    s.set({ a: 1 });
    off();
    s.set({ a: 2 });
    expect(seen).toEqual([0, 1]);
  });

  it('a custom equality suppresses equal selections built anew', () => {
    const s = new Store({ a: 1, b: 2, c: 0 });
    let calls = 0;
    s.subscribe((st) => [st.a, st.b], () => calls++, { equals: shallowEqual });
    s.set({ c: 5 });
    s.set({ a: 1 });
    s.set({ b: 3 });
    expect(calls).toBe(1);
  });

  it('shallowEqual compares one level', () => {
    expect(shallowEqual([1, 2], [1, 2])).toBe(true);
    expect(shallowEqual({ x: 1 }, { x: 1, y: 2 })).toBe(false);
    expect(shallowEqual({ x: [1] }, { x: [1] })).toBe(false);
    expect(shallowEqual(NaN, NaN)).toBe(true);
  });
});
