/**
 * The site search end to end (docs/planning.md): lazy greedy maximal coverage (greedy.ts), then
 * local search (local-search.ts), then the chosen sites ranked by marginal gain — the order in
 * which a greedy would add them starting from the existing network alone — which gives each
 * site the people and km² it adds and the curve of coverage against the number of sites.
 * Deterministic for a seed (ties are broken by a seeded order; the oracle's answers are exact).
 */
import type { CoverageOracle, Measure, SearchProgress } from './oracle.ts';
import { greedyAdd } from './greedy.ts';
import { localSearch, type LocalSearchMoves, type LocalSearchOptions } from './local-search.ts';
import { seededRank } from './random.ts';

export interface SearchOptions {
  /** Budget in sites. */
  readonly maxSites: number;
  /** Cost per candidate (default 1 each). */
  readonly costs?: ArrayLike<number> | null;
  /** Budget in cost; null: none. */
  readonly maxCost?: number | null;
  /** Goal: stop when the objective reaches it (and trim to the fewest sites that keep it). */
  readonly targetObjective?: number | null;
  readonly seed: number;
  /** Lazy greedy (default true); false: plain greedy (every gain recomputed after each pick). */
  readonly lazy?: boolean;
  /** Changes per oracle call (default 1). */
  readonly batch?: number;
  /** Local search settings, or false for the greedy alone. */
  readonly localSearch?: LocalSearchOptions | false;
  /**
   * Greedy starts (default 3): start s forces the s-th best single candidate as the first site,
   * completes greedily and improves by local search; the best result is kept. One start is the
   * plain lazy greedy + local search.
   */
  readonly starts?: number;
  readonly onProgress?: (p: SearchProgress) => void;
  readonly signal?: AbortSignal;
}

export interface SearchResult {
  /** Chosen options, ranked (largest marginal gain first, each given the ones before). */
  readonly ranked: number[];
  /** Objective gain of each ranked option. */
  readonly gains: number[];
  /** Figures before any new site (index 0) and after each ranked site. */
  readonly curve: Measure[];
  /** The greedy stage alone: options in pick order and the objective reached. */
  readonly greedy: { readonly chosen: number[]; readonly objective: number };
  readonly moves: LocalSearchMoves;
  /** Oracle evaluations (changes evaluated or applied) of the whole search. */
  readonly evaluations: number;
}

/**
 * Ranks a set by marginal gain: removes it from the oracle's current set, then adds it back
 * greedily (plain greedy when the objective is not submodular). The oracle ends holding the set.
 */
export async function rankChosen(oracle: CoverageOracle, chosen: readonly number[], o: Pick<SearchOptions, 'seed' | 'batch' | 'onProgress' | 'signal'>): Promise<{ ranked: number[]; gains: number[]; curve: Measure[] }> {
  if (chosen.length) await oracle.apply({ add: [], remove: chosen });
  const start = oracle.measure();
  const current: number[] = [];
  const r = await greedyAdd(oracle, current, {
    maxSites: chosen.length, seed: o.seed, batch: o.batch, pool: chosen, takeAll: true,
    lazy: oracle.submodular || chosen.length > 40, onProgress: o.onProgress, signal: o.signal,
  });
  return { ranked: r.added, gains: r.gains, curve: [start, ...r.measures] };
}

/**
 * Chooses sites among the oracle's candidates (the oracle's current set must be empty: the
 * existing network is its base) and ranks them.
 */
export async function searchSites(oracle: CoverageOracle, o: SearchOptions): Promise<SearchResult> {
  let current: number[] = [];
  const g = await greedyAdd(oracle, current, o);
  const greedy = { chosen: [...current], objective: oracle.measure().objective };
  const moves: LocalSearchMoves = { drops: 0, adds: 0, swaps: 0, tweaks: 0, rounds: 0 };
  const improve = async (set: number[], lastGain: Map<number, number>) => {
    if (o.localSearch === false) return;
    const m = await localSearch(oracle, set, { ...o, lastGain }, o.localSearch ?? {});
    moves.drops += m.drops; moves.adds += m.adds; moves.swaps += m.swaps; moves.tweaks += m.tweaks; moves.rounds += m.rounds;
  };
  await improve(current, g.lastGain);
  // Other starts: the next best single candidates forced first.
  const tie = seededRank(oracle.candidateCount, o.seed);
  const singles = [...g.singles.entries()].sort((a, b) => b[1] - a[1] || tie[oracle.groupOf(a[0])] - tie[oracle.groupOf(b[0])]).map(([opt]) => opt);
  let best = { set: [...current], objective: oracle.measure().objective };
  for (let s = 1; s < Math.min(o.starts ?? 3, singles.length); s++) {
    if (!(g.singles.get(singles[s])! > 0)) break;
    o.signal?.throwIfAborted();
    await oracle.apply({ add: [singles[s]], remove: current });
    current = [singles[s]];
    const r = await greedyAdd(oracle, current, { ...o, bounds: g.singles });
    await improve(current, r.lastGain);
    const objective = oracle.measure().objective;
    if (objective > best.objective + 1e-9 * Math.abs(best.objective) || (objective >= best.objective && current.length < best.set.length)) best = { set: [...current], objective };
  }
  if (best.set.join() !== current.join()) {
    await oracle.apply({ add: best.set.filter((x) => !current.includes(x)), remove: current.filter((x) => !best.set.includes(x)) });
    current = best.set;
  }
  const r = await rankChosen(oracle, current, o);
  return { ...r, greedy, moves, evaluations: oracle.evaluations };
}
