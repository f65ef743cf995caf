/**
 * Local search after the greedy (the second stage of automatic cell planning): starting from
 * the greedy set, repeat in rounds until nothing improves —
 *   1. drop the sites that add nothing (removing them loses no coverage), then refill the
 *      freed budget greedily;
 *   2. swap: replace a chosen site by an unchosen candidate (its neighbours, best known gains
 *      first) when that raises the objective;
 *   3. tweak: step a chosen site's azimuths or tilts (oracle.tweaks) when that raises it.
 * Every move is exact (the oracle's change of the objective) and taken only when it improves
 * by more than a relative 1e-9, so the search ends and never lowers the objective. At the end,
 * when a goal is set, sites are dropped while the goal still holds (the fewest sites).
 */
import type { Change, CoverageOracle, SearchProgress } from './oracle.ts';
import { greedyAdd, openPool } from './greedy.ts';

export interface LocalSearchOptions {
  /** Rounds of (drop, refill, swaps, tweaks) at most (default 3). */
  readonly maxRounds?: number;
  readonly swaps?: boolean;
  /** Unchosen candidates tried per chosen site and round (default: every one offered by `neighbours`). */
  readonly swapCandidates?: number;
  readonly tweaks?: boolean;
  /** Candidates worth swapping for a chosen one (e.g. those nearby); default every candidate. */
  readonly neighbours?: (group: number) => readonly number[];
}

export interface LocalSearchContext {
  readonly maxSites: number;
  readonly costs?: ArrayLike<number> | null;
  readonly maxCost?: number | null;
  readonly targetObjective?: number | null;
  readonly seed: number;
  readonly batch?: number;
  /** Last known "add" gains of options (from the greedy), to order the swaps. */
  readonly lastGain: Map<number, number>;
  readonly onProgress?: (p: SearchProgress) => void;
  readonly signal?: AbortSignal;
}

export interface LocalSearchMoves {
  drops: number;
  adds: number;
  swaps: number;
  tweaks: number;
  rounds: number;
}

const tolerance = (objective: number) => 1e-9 * Math.max(1, Math.abs(objective));

async function evaluateAll(oracle: CoverageOracle, changes: Change[], batch: number, signal?: AbortSignal): Promise<Float64Array> {
  const out = new Float64Array(changes.length);
  for (let i = 0; i < changes.length; i += batch) {
    signal?.throwIfAborted();
    out.set(await oracle.evaluate(changes.slice(i, i + batch)), i);
  }
  return out;
}

/** Index of the largest value (first on ties), or −1 for an empty array. */
function argmax(a: Float64Array): number {
  let k = -1;
  for (let i = 0; i < a.length; i++) if (k < 0 || a[i] > a[k]) k = i;
  return k;
}

/**
 * Drops chosen options while one can go with a change of the objective ≥ −tolerance (it adds
 * nothing), or, with `keepAtLeast`, while the objective after stays ≥ keepAtLeast.
 */
async function drop(oracle: CoverageOracle, current: number[], ctx: LocalSearchContext, keepAtLeast: number | null): Promise<number> {
  let n = 0;
  while (current.length) {
    const m = oracle.measure();
    const d = await evaluateAll(oracle, current.map((o) => ({ add: [], remove: [o] })), Math.max(1, ctx.batch ?? 1), ctx.signal);
    const k = argmax(d);
    const ok = keepAtLeast === null ? d[k] >= -tolerance(m.objective) : m.objective + d[k] >= keepAtLeast;
    if (!ok) break;
    await oracle.apply({ add: [], remove: [current[k]] });
    current.splice(k, 1);
    n++;
  }
  return n;
}

/**
 * Improves the oracle's current set `current` (updated in place) by drops, refills, swaps and
 * tweaks, as the module comment says.
 */
export async function localSearch(oracle: CoverageOracle, current: number[], ctx: LocalSearchContext, o: LocalSearchOptions = {}): Promise<LocalSearchMoves> {
  const moves: LocalSearchMoves = { drops: 0, adds: 0, swaps: 0, tweaks: 0, rounds: 0 };
  const maxRounds = o.maxRounds ?? 3;
  const batch = Math.max(1, ctx.batch ?? 1);
  const costs = ctx.costs ?? null;
  const costOf = (opt: number) => (costs ? costs[oracle.groupOf(opt)] : 1);
  const spent = () => current.reduce((a, opt) => a + costOf(opt), 0);
  const affordable = (out: number, inn: number) => ctx.maxCost == null || spent() - costOf(out) + costOf(inn) <= ctx.maxCost;
  const report = (round: number) => ctx.onProgress?.({ stage: 'local-search', step: round, steps: maxRounds, evaluations: oracle.evaluations, objective: oracle.measure().objective });
  for (let round = 1; round <= maxRounds; round++) {
    report(round - 1);
    moves.rounds = round;
    let improved = false;
    moves.drops += await drop(oracle, current, ctx, null);
    if (current.length < ctx.maxSites) {
      const before = oracle.measure().objective;
      const r = await greedyAdd(oracle, current, { ...ctx, lazy: true, bounds: ctx.lastGain });
      for (const [k, v] of r.lastGain) ctx.lastGain.set(k, v);
      moves.adds += r.added.length;
      if (oracle.measure().objective > before + tolerance(before)) improved = true;
    }
    if (o.swaps ?? true) {
      for (const out of [...current]) {
        if (!current.includes(out)) continue;
        const groups = o.neighbours ? o.neighbours(oracle.groupOf(out)) : Array.from({ length: oracle.candidateCount }, (_, i) => i);
        let pool = openPool(oracle, current, groups).filter((j) => affordable(out, j));
        pool.sort((a, b) => (ctx.lastGain.get(b) ?? Infinity) - (ctx.lastGain.get(a) ?? Infinity) || a - b);
        if (o.swapCandidates != null) pool = pool.slice(0, o.swapCandidates);
        if (!pool.length) continue;
        const d = await evaluateAll(oracle, pool.map((j) => ({ add: [j], remove: [out] })), batch, ctx.signal);
        const k = argmax(d);
        if (d[k] > tolerance(oracle.measure().objective)) {
          await oracle.apply({ add: [pool[k]], remove: [out] });
          current[current.indexOf(out)] = pool[k];
          moves.swaps++;
          improved = true;
        }
      }
    }
    if (o.tweaks ?? true) {
      for (const out of [...current]) {
        const options = oracle.tweaks(out);
        if (!options.length) continue;
        const d = await evaluateAll(oracle, options.map((t) => ({ add: [t], remove: [out] })), batch, ctx.signal);
        const k = argmax(d);
        if (d[k] > tolerance(oracle.measure().objective)) {
          await oracle.apply({ add: [options[k]], remove: [out] });
          current[current.indexOf(out)] = options[k];
          moves.tweaks++;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  moves.drops += await drop(oracle, current, ctx, null);
  if (ctx.targetObjective != null && oracle.measure().objective >= ctx.targetObjective) moves.drops += await drop(oracle, current, ctx, ctx.targetObjective);
  report(moves.rounds);
  return moves;
}

