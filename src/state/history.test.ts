import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { History } from './history.ts';

/** States are fresh objects, so identity (toBe) tells which push a state came from. */
const st = (n: number) => ({ n });

describe('History', () => {
  it('any pushes then k undos return exactly the state k steps back (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.nat(), (pushes, kRaw) => {
        const states = Array.from({ length: pushes + 1 }, (_, i) => st(i));
        const h = new History(states[0]);
        for (let i = 1; i <= pushes; i++) h.push(states[i], `edit ${i}`);
        const k = kRaw % (pushes + 1);
        for (let i = 0; i < k; i++) expect(h.undo()).toBe(states[pushes - i - 1]);
        expect(h.current).toBe(states[pushes - k]);
        expect(h.canUndo).toBe(pushes - k > 0);
        expect(h.canRedo).toBe(k > 0);
      }),
    );
  });
  it('undo then redo is the identity, from any point of any mixed sequence (property)', () => {
    const op = fc.oneof(fc.constant('undo' as const), fc.constant('redo' as const), fc.constant('push' as const));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        let next = 1;
        const h = new History(st(0), { maxDepth: 10 });
        for (const o of ops) {
          if (o === 'push') h.push(st(next++), 'e');
          else if (o === 'undo') h.undo();
          else h.redo();
          const here = h.current;
          if (h.canUndo) {
            h.undo();
            expect(h.redo()).toBe(here);
          }
          if (h.canRedo) {
            h.redo();
            expect(h.undo()).toBe(here);
          }
          expect(h.current).toBe(here);
        }
      }),
    );
  });
  it('a push after undos drops the redo branch', () => {
    const [a, b, c, d] = [st(0), st(1), st(2), st(3)];
    const h = new History(a);
    h.push(b, 'b');
    h.push(c, 'c');
    expect(h.undo()).toBe(b);
    h.push(d, 'd');
    expect(h.canRedo).toBe(false);
    expect(h.redo()).toBeUndefined();
    expect(h.undo()).toBe(b);
    expect(h.undo()).toBe(a);
    expect(h.undo()).toBeUndefined();
    expect(h.current).toBe(a);
  });
  it('keeps at most maxDepth undo steps, forgetting the oldest', () => {
    const h = new History(st(0), { maxDepth: 200 });
    const states = [st(0)];
    for (let i = 1; i <= 250; i++) h.push((states[i] = st(i)), `e${i}`);
    expect(h.undoDepth).toBe(200);
    let last;
    while (h.canUndo) last = h.undo();
    expect(last).toBe(states[50]);
    expect(() => new History(0, { maxDepth: 0 })).toThrow(RangeError);
  });
  it('a drag is one undo step with the label of its first push', () => {
    const start = st(0);
    const h = new History(start);
    h.beginGesture();
    const positions = Array.from({ length: 50 }, (_, i) => st(i + 1));
    for (const p of positions) h.push(p, `move site S1 (${p.n})`);
    h.endGesture();
    expect(h.current).toBe(positions[49]);
    expect(h.undoLabel).toBe('move site S1 (1)');
    expect(h.undo()).toBe(start);
    expect(h.redo()).toBe(positions[49]);
    // After the gesture, pushes are steps again.
    const after = st(99);
    h.push(after, 'rename');
    expect(h.undo()).toBe(positions[49]);
  });
  it('a gesture with no push leaves no step; nested gestures count once; undo during a drag ends it', () => {
    const h = new History(st(0));
    h.beginGesture();
    h.endGesture();
    expect(h.canUndo).toBe(false);
    h.beginGesture();
    h.beginGesture();
    h.push(st(1), 'a');
    h.endGesture();
    h.push(st(2), 'b'); // still inside the outer gesture: replaces
    h.endGesture();
    expect(h.undoDepth).toBe(1);
    h.beginGesture();
    h.push(st(3), 'c');
    h.undo();
    expect(h.inGesture).toBe(false);
    h.push(st(4), 'd');
    h.push(st(5), 'e');
    expect(h.undoDepth).toBe(3);
    h.endGesture(); // extra end: ignored
    expect(h.redoLabel).toBeNull();
  });
  it('reset forgets everything', () => {
    const h = new History(st(0));
    h.push(st(1), 'x');
    const fresh = st(7);
    h.reset(fresh);
    expect([h.current, h.canUndo, h.canRedo]).toEqual([fresh, false, false]);
  });
});
