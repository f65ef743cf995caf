/**
 * Shared pieces of the fuzz suite (tests/fuzz/*.test.ts, issue 16): structured mutations of
 * valid inputs (a value replaced, a member deleted, an entry duplicated or nulled, deep
 * nesting, hostile text), text mutations (cuts, insertions, swapped characters), and the check
 * every parser must pass: it returns, or throws its own named error — never anything else —
 * and never modifies what it was given (inputs are deep-frozen, so a write throws a TypeError).
 */
import fc from 'fast-check';
import { expect } from 'vitest';

/** Generated inputs per parser (acceptance 1 of issue 16: at least 10,000). */
export const FUZZ_RUNS = 10_000;

/** Freezes a value and everything reachable from it (cycles allowed). */
export function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    Object.freeze(v);
    for (const x of Object.values(v as object)) stack.push(x);
  }
  return value;
}

/** `depth` nested lists around `inner`, built without recursion. */
export function nest(depth: number, inner: unknown = 1): unknown {
  let v = inner;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Text that has broken parsers and displays before: controls, bidi, formulas, long, odd numbers. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\u202Egnol', '\u200B', '\uFEFF', '=HYPERLINK("http://x")', '+cmd', '@SUM(A1)', '-1+1', 'NaN', 'Infinity', '-0', '1e308', '1e-320', '0x10', '12,5', '__proto__', 'constructor', 'toString', '"', '""', ',', '\r\n', '\n', '\t', 'Vĩnh Long', '{max}') },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  // Long text and deep JSON nesting, rarer: they cost milliseconds each.
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(3000), '['.repeat(50_000), '{"a":'.repeat(20_000)) },
);

/** Values that are valid JSON (so they survive JSON.stringify) and break naive readers. */
export const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -0, 1, -1, 123, 1e308, -1e308, 5e-324, 0.5, 360, 1000, -90, 181, [], {}, [null], [[]], { toString: 1 }, { valueOf: 1, toString: 1 }, { type: 'Polygon' }) },
  { weight: 2, arbitrary: nastyText },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 800 }).map((d) => nest(d)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Like {@link nastyJson} plus what only a structured clone can hold (NaN, ±Infinity, undefined). */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: nastyJson },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(Number.NaN, Infinity, -Infinity, undefined, new Date(0), new Map(), [undefined]) },
);

type Path = readonly (string | number)[];

/** Every path (list of keys) of a JSON value, breadth first, at most `max`. */
export function pathsOf(value: unknown, max = 2000): Path[] {
  const out: Path[] = [[]];
  const queue: [unknown, Path][] = [[value, []]];
  while (queue.length > 0 && out.length < max) {
    const [v, p] = queue.shift()!;
    if (v === null || typeof v !== 'object') continue;
    for (const [k, x] of Object.entries(v)) {
      const key = Array.isArray(v) ? Number(k) : k;
      out.push([...p, key]);
      queue.push([x, [...p, key]]);
    }
  }
  return out;
}

/** One structural mutation at a path. */
export type Mutation =
  | { readonly kind: 'set'; readonly path: number; readonly value: unknown }
  | { readonly kind: 'delete'; readonly path: number }
  | { readonly kind: 'duplicate'; readonly path: number }
  | { readonly kind: 'swap'; readonly path: number; readonly other: number }
  | { readonly kind: 'cycle'; readonly path: number };

/** Mutations of a document with `pathCount` paths; `value` draws replacement values. */
export function mutations(pathCount: number, value: fc.Arbitrary<unknown>, allowCycles = false): fc.Arbitrary<Mutation[]> {
  const path = fc.nat({ max: pathCount - 1 });
  const one: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), path, value }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), path }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), path, other: path }) },
    ...(allowCycles ? [{ weight: 1, arbitrary: fc.record({ kind: fc.constant('cycle' as const), path }) }] : []),
  );
  return fc.array(one, { minLength: 1, maxLength: 4 });
}

/**
 * A mutated deep copy of the JSON value `base` (paths from {@link pathsOf}(base); missing ones
 * skipped). The copy is made through JSON text, so that no two paths share an object (a shared
 * position would let a swap build a cycle the mutation did not ask for).
 */
export function applyMutations(base: unknown, paths: readonly Path[], muts: readonly Mutation[]): unknown {
  const root = { v: JSON.parse(JSON.stringify(base)) } as { v: unknown };
  const parentOf = (p: Path): [Record<string | number, unknown>, string | number] | null => {
    let cur: unknown = root;
    const full: Path = ['v', ...p];
    for (let i = 0; i < full.length - 1; i++) {
      if (cur === null || typeof cur !== 'object') return null;
      cur = (cur as Record<string | number, unknown>)[full[i]];
    }
    return cur !== null && typeof cur === 'object' ? [cur as Record<string | number, unknown>, full[full.length - 1]] : null;
  };
  for (const m of muts) {
    const at = parentOf(paths[m.path]);
    if (!at) continue;
    const [obj, key] = at;
    switch (m.kind) {
      case 'set':
        obj[key] = structuredClone(m.value); // a fresh copy: generated values are shared between runs and get frozen
        break;
      case 'delete':
        if (Array.isArray(obj) && typeof key === 'number') obj.splice(key, 1);
        else delete obj[key];
        break;
      case 'duplicate':
        if (Array.isArray(obj) && typeof key === 'number') obj.splice(key, 0, structuredClone(obj[key]));
        else obj[key] = structuredClone(obj[key]);
        break;
      case 'swap': {
        // An ancestor swapped with its descendant would make a cycle: 'cycle' does that on purpose.
        const [a, b] = [paths[m.path], paths[m.other]];
        const prefix = (x: Path, y: Path) => x.length <= y.length && x.every((k, i) => k === y[i]);
        if (prefix(a, b) || prefix(b, a)) break;
        const other = parentOf(paths[m.other]);
        if (!other) break;
        const t = obj[key];
        obj[key] = other[0][other[1]];
        other[0][other[1]] = t;
        break;
      }
      case 'cycle':
        obj[key] = root.v;
        break;
    }
  }
  return root.v;
}

/** A text cut, spliced or with characters replaced: `base` with one to three edits. */
export function textMutations(base: string): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat({ max: base.length }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat({ max: base.length }), text: nastyText }),
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat({ max: base.length }), len: fc.integer({ min: 1, max: 8 }), text: nastyText }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    let s = base;
    for (const e of edits) {
      const at = Math.min(e.at, s.length);
      if (e.kind === 'cut') s = s.slice(0, at);
      else if (e.kind === 'insert') s = s.slice(0, at) + e.text + s.slice(at);
      else s = s.slice(0, at) + e.text + s.slice(at + e.len);
    }
    return s;
  });
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs `fn`; a thrown error must be an instance of one of `allowed` with a non-empty message
 * (anything else fails the property with the error and the input). Returns the result, or
 * undefined after an allowed refusal.
 */
export function onlyNamedErrors<T>(fn: () => T, allowed: readonly ErrorClass[]): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!allowed.some((cls) => e instanceof cls)) throw new Error(`unexpected ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });
    expect((e as Error).message.length).toBeGreaterThan(0);
    return undefined;
  }
}

/** Async {@link onlyNamedErrors}. */
export async function onlyNamedErrorsAsync<T>(fn: () => Promise<T>, allowed: readonly ErrorClass[]): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    if (!allowed.some((cls) => e instanceof cls)) throw new Error(`unexpected ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });
    expect((e as Error).message.length).toBeGreaterThan(0);
    return undefined;
  }
}
