/**
 * Greedy maximal coverage over a {@link CoverageOracle}: add, one at a time, the candidate whose
 * marginal gain (per unit cost when a cost budget is set) is largest, until the budget in sites
 * or cost is spent, the goal is reached, or no candidate adds anything.
 *
 * Lazy evaluation (Minoux 1978, "accelerated greedy"): every candidate keeps the gain computed
 * when it was last evaluated. For a monotone submodular objective a gain can only shrink as the
 * set grows, so an old gain is an upper bound: the candidate on top of the queue is re-evaluated,
 * and when its fresh gain still tops the queue it is the greedy choice — the same choice as
 * re-evaluating everyone (plain greedy), with far fewer evaluations. With a SINR condition the
 * objective is not submodular (oracle.ts) and the old gains are only estimates: the lazy rule
 * is then a heuristic, and the local search (local-search.ts) repairs what it misses.
 *
 * Ties between equal keys are broken by a seeded random order of the candidates, so that a
 * plan is the same for the same seed.
 */
import type { Change, CoverageOracle, Measure, SearchProgress } from './oracle.ts';
import { seededRank } from './random.ts';

export interface GreedyOptions {
  /** Sites the result may hold (the current set counts). */
  readonly maxSites: number;
  /** Cost per candidate; with {@link maxCost} the key is gain / cost. */
  readonly costs?: ArrayLike<number> | null;
  /** Budget in cost (the current set's cost counts); null: none. */
  readonly maxCost?: number | null;
  /** Stop as soon as the objective reaches this (the goal share × the target's total). */
  readonly targetObjective?: number | null;
  readonly seed: number;
  /** Lazy evaluation (default true); false re-evaluates every candidate after each pick. */
  readonly lazy?: boolean;
  /** Changes per oracle call (a parallel oracle evaluates a batch at once; default 1). */
  readonly batch?: number;
  /** Options to choose from (default: every candidate whose group is not chosen). */
  readonly pool?: readonly number[];
  /** Add every pool option whatever its gain (ranking a chosen set); default false. */
  readonly takeAll?: boolean;
  /** Known gains of pool options, from an earlier pass: used as (stale) starting bounds instead of evaluating everyone. */
  readonly bounds?: ReadonlyMap<number, number>;
  readonly onProgress?: (p: SearchProgress) => void;
  readonly signal?: AbortSignal;
}

export interface GreedyResult {
  /** Options added, in order. */
  readonly added: number[];
  /** Objective gain of each addition. */
  readonly gains: number[];
  /** Figures after each addition. */
  readonly measures: Measure[];
  /** The last gain computed for every pool option (the local search orders swaps by it). */
  readonly lastGain: Map<number, number>;
  /** Gains of the options evaluated on the starting set (the single-site gains when it was empty). */
  readonly singles: Map<number, number>;
}

interface Entry {
  readonly option: number;
  bound: number;
  /** Round the bound was computed in (−1: carried over from an earlier pass). */
  stamp: number;
}

/** A binary max-heap with a "comes first" comparator. */
class Heap<T> {
  private readonly a: T[] = [];
  constructor(private readonly first: (x: T, y: T) => boolean) {}
  get size(): number {
    return this.a.length;
  }
  peek(): T | undefined {
    return this.a[0];
  }
  push(v: T): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.first(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && this.first(a[l], a[m])) m = l;
        if (r < a.length && this.first(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
  drain(): T[] {
    return this.a.splice(0);
  }
}

/** The chosen options' groups, and the pool of options of the other groups (default: the candidates). */
export function openPool(oracle: CoverageOracle, current: readonly number[], pool?: readonly number[]): number[] {
  const taken = new Set(current.map((o) => oracle.groupOf(o)));
  const from = pool ?? Array.from({ length: oracle.candidateCount }, (_, i) => i);
  return from.filter((o) => !taken.has(oracle.groupOf(o)));
}

/** Evaluates "add option" for each option, in batches; checks the signal between batches. */
export async function addGains(oracle: CoverageOracle, options: readonly number[], batch: number, signal?: AbortSignal): Promise<Float64Array> {
  const out = new Float64Array(options.length);
  for (let i = 0; i < options.length; i += batch) {
    signal?.throwIfAborted();
    const part = options.slice(i, i + batch);
    out.set(await oracle.evaluate(part.map((o): Change => ({ add: [o], remove: [] }))), i);
  }
  return out;
}

/**
 * Adds options greedily to the oracle's current set `current` (which is updated in place).
 * @returns the options added with their gains and the figures after each
 */
export async function greedyAdd(oracle: CoverageOracle, current: number[], o: GreedyOptions): Promise<GreedyResult> {
  const batch = Math.max(1, o.batch ?? 1);
  const lazy = o.lazy ?? true;
  const costs = o.costs ?? null;
  const byRatio = costs !== null && o.maxCost != null;
  const costOf = (opt: number) => (costs ? costs[oracle.groupOf(opt)] : 1);
  const tie = seededRank(oracle.candidateCount, o.seed);
  const key = (e: Entry) => (byRatio ? e.bound / costOf(e.option) : e.bound);
  const heap = new Heap<Entry>((x, y) => {
    const kx = key(x), ky = key(y);
    return kx > ky || (kx === ky && tie[oracle.groupOf(x.option)] < tie[oracle.groupOf(y.option)]);
  });
  const pool = openPool(oracle, current, o.pool);
  const lastGain = new Map<number, number>();
  const known = o.bounds;
  const fresh = known ? pool.filter((p) => !known.has(p)) : pool;
  o.onProgress?.({ stage: o.takeAll ? 'rank' : 'greedy', step: 0, steps: o.takeAll ? pool.length : Math.max(0, o.maxSites - current.length), evaluations: oracle.evaluations, objective: oracle.measure().objective });
  const gains0 = await addGains(oracle, fresh, Math.max(batch, 32), o.signal);
  const singles = new Map<number, number>();
  fresh.forEach((opt, i) => {
    singles.set(opt, gains0[i]);
    lastGain.set(opt, gains0[i]);
    heap.push({ option: opt, bound: gains0[i], stamp: 0 });
  });
  if (known) for (const p of pool) if (known.has(p)) heap.push({ option: p, bound: known.get(p)!, stamp: -1 });

  let spent = current.reduce((a, opt) => a + costOf(opt), 0);
  let measure = oracle.measure();
  const added: number[] = [], gains: number[] = [], measures: Measure[] = [];
  const limit = o.takeAll ? current.length + pool.length : o.maxSites;
  let round = 0;
  const report = () => o.onProgress?.({ stage: o.takeAll ? 'rank' : 'greedy', step: added.length, steps: Math.max(0, limit - current.length + added.length), evaluations: oracle.evaluations, objective: measure.objective });
  report();
  while (current.length < limit && heap.size) {
    if (o.targetObjective != null && measure.objective >= o.targetObjective) break;
    // Find the top of the queue with a gain computed in this round.
    for (;;) {
      while (heap.size && o.maxCost != null && spent + costOf(heap.peek()!.option) > o.maxCost) heap.pop();
      const top = heap.peek();
      if (!top || top.stamp === round) break;
      const stale: Entry[] = [];
      while (heap.size && stale.length < batch && heap.peek()!.stamp !== round) stale.push(heap.pop()!);
      o.signal?.throwIfAborted();
      const g = await oracle.evaluate(stale.map((e): Change => ({ add: [e.option], remove: [] })));
      stale.forEach((e, i) => {
        e.bound = g[i];
        e.stamp = round;
        lastGain.set(e.option, g[i]);
        heap.push(e);
      });
    }
    const best = heap.peek();
    if (!best || (!o.takeAll && !(best.bound > 0))) break;
    heap.pop();
    measure = await oracle.apply({ add: [best.option], remove: [] });
    current.push(best.option);
    spent += costOf(best.option);
    added.push(best.option);
    gains.push(best.bound);
    measures.push(measure);
    round++;
    if (!lazy) {
      // Plain greedy: every remaining gain recomputed now.
      const rest = heap.drain();
      const g = await addGains(oracle, rest.map((e) => e.option), Math.max(batch, 32), o.signal);
      rest.forEach((e, i) => {
        e.bound = g[i];
        e.stamp = round;
        lastGain.set(e.option, g[i]);
        heap.push(e);
      });
    }
    report();
  }
  return { added, gains, measures, lastGain, singles };
}
