/**
 * Acceptance 1 of issue 13 (optimality), on SYNTHETIC instances (synthetic.ts) whose exact
 * optimum is known by exhaustive search (exact.ts). Expected values come from outside the code
 * under test:
 * - the exact optimum of each instance (every subset of ≤ k candidates evaluated);
 * - the (1 − 1/e) guarantee of greedy maximal coverage for a monotone submodular objective
 *   (Nemhauser, Wolsey & Fisher 1978), an invariant the plain greedy must satisfy;
 * - Minoux's lazy greedy makes the same choices as the plain greedy on submodular objectives;
 * - invariants: local search never lowers the objective, the curve's steps are the gains, the
 *   goal trimming keeps the goal, the cost budget holds, the same seed gives the same plan.
 * The distribution of the ratios is reported in docs/planning.md.
 */
import { describe, expect, it } from 'vitest';
import { syntheticInstance, SyntheticOracle } from './synthetic.ts';
import { searchSites } from './search.ts';
import { greedyAdd } from './greedy.ts';
import { exactOptimum } from './exact.ts';
import { mulberry32 } from '../prng.ts';

/** The seeded set of 50 instances: 12–20 candidates, budget 2–5 sites. */
function instanceSet(sinrDb: number | null) {
  return Array.from({ length: 50 }, (_, k) => {
    const rnd = mulberry32(1000 + k);
    const n = 12 + Math.floor(rnd() * 9), budget = 2 + Math.floor(rnd() * 4);
    return { seed: 1000 + k, n, budget, inst: syntheticInstance(1000 + k, { candidates: n, sinrDb }) };
  });
}

describe('exact optimum (exhaustive)', () => {
  it('enumerates Σ C(n, j), j ≤ k subsets and finds a planted best subset', async () => {
    // C(6,0)+C(6,1)+C(6,2)+C(6,3) = 1 + 6 + 15 + 20 = 42 subsets; value = Σ of w over the subset, w peaks on {1, 3, 5}.
    const w = [1, 10, 2, 10, 3, 10];
    const r = await exactOptimum(6, 3, (s) => s.reduce((a, i) => a + w[i], 0));
    expect(r.subsets).toBe(42);
    expect(r.subset).toEqual([1, 3, 5]);
    expect(r.value).toBe(30);
  });
});

describe('greedy + local search against the exact optimum: 50 seeded instances of ≤ 20 candidates', () => {
  it('coverage by RSRP (submodular): ≥ 97 % of the optimum in every instance; plain greedy ≥ (1 − 1/e) of it; lazy = plain greedy', async () => {
    const ratios: number[] = [];
    for (const { n, budget, inst, seed } of instanceSet(null)) {
      const ref = new SyntheticOracle(inst);
      const opt = await exactOptimum(n, budget, (s) => ref.measureOf(s).objective, { exactSize: true });
      const base = ref.measureOf([]).objective;
      const r = await searchSites(new SyntheticOracle(inst), { maxSites: budget, seed: 1, localSearch: { tweaks: false } });
      const got = r.curve.at(-1)!.objective;
      ratios.push(got / opt.value);
      expect(got / opt.value, `instance ${seed}`).toBeGreaterThanOrEqual(0.97);
      // The guarantee is on the gain over what the existing sites already cover (f(∅) = base).
      const plainOracle = new SyntheticOracle(inst);
      const plain = await greedyAdd(plainOracle, [], { maxSites: budget, seed: 1, lazy: false });
      expect(plainOracle.measure().objective - base, `instance ${seed}`).toBeGreaterThanOrEqual((1 - 1 / Math.E) * (opt.value - base) - 1e-9);
      const lazyOracle = new SyntheticOracle(inst);
      const lazy = await greedyAdd(lazyOracle, [], { maxSites: budget, seed: 1, lazy: true });
      expect(lazy.added, `instance ${seed}`).toEqual(plain.added);
      expect(lazyOracle.evaluations).toBeLessThanOrEqual(plainOracle.evaluations);
    }
    ratios.sort((a, b) => a - b);
    expect(ratios[0]).toBeGreaterThanOrEqual(0.97);
  }, 120000);

  it('with a SINR condition (not submodular): the objective breaks submodularity in some instance, and greedy + local search still reaches ≥ 97 % of the optimum in every instance', async () => {
    let violations = 0;
    for (const { n, budget, inst, seed } of instanceSet(0)) {
      const ref = new SyntheticOracle(inst);
      // Submodularity would need gain(a | {b}) ≤ gain(a | ∅) for every pair; interference breaks it.
      const f = (s: number[]) => ref.measureOf(s).objective;
      for (let a = 0; a < 4; a++) for (let b = 0; b < n; b++) if (a !== b && f([a, b]) - f([b]) > f([a]) - f([]) + 1e-9) violations++;
      const opt = await exactOptimum(n, budget, (s) => ref.measureOf(s).objective);
      const r = await searchSites(new SyntheticOracle(inst), { maxSites: budget, seed: 1, localSearch: { tweaks: false } });
      expect(r.curve.at(-1)!.objective / opt.value, `instance ${seed}`).toBeGreaterThanOrEqual(0.97);
    }
    expect(violations).toBeGreaterThan(0);
  }, 120000);
});

describe('search invariants', () => {
  const inst = syntheticInstance(7, { candidates: 16 });

  it('the ranked curve starts at the existing coverage, steps by the gains, and local search never lowers the greedy objective', async () => {
    const oracle = new SyntheticOracle(inst);
    const base = oracle.measure().objective;
    const r = await searchSites(oracle, { maxSites: 5, seed: 3 });
    expect(r.curve[0].objective).toBe(base);
    r.gains.forEach((g, k) => expect(r.curve[k + 1].objective - r.curve[k].objective).toBeCloseTo(g, 6));
    // Ranked by marginal gain on a submodular objective: gains never increase.
    for (let k = 1; k < r.gains.length; k++) expect(r.gains[k]).toBeLessThanOrEqual(r.gains[k - 1] + 1e-9);
    expect(r.curve.at(-1)!.objective).toBeGreaterThanOrEqual(r.greedy.objective);
    expect(oracle.measure().objective).toBe(r.curve.at(-1)!.objective);
    expect(oracle.measureOf(r.ranked).objective).toBe(r.curve.at(-1)!.objective);
  });

  it('the same seed gives the same plan', async () => {
    const a = await searchSites(new SyntheticOracle(inst), { maxSites: 4, seed: 11 });
    const b = await searchSites(new SyntheticOracle(inst), { maxSites: 4, seed: 11 });
    expect(b.ranked).toEqual(a.ranked);
    expect(b.curve).toEqual(a.curve);
  });

  it('a goal is reached with no site that could go: removing any chosen site falls below it', async () => {
    const ref = new SyntheticOracle(inst);
    const base = ref.measure().objective;
    const all = new SyntheticOracle(inst).measureOf(Array.from({ length: 16 }, (_, i) => i)).objective;
    const goal = base + 0.6 * (all - base);
    const oracle = new SyntheticOracle(inst);
    const r = await searchSites(oracle, { maxSites: 16, seed: 1, targetObjective: goal });
    const got = r.curve.at(-1)!.objective;
    expect(got).toBeGreaterThanOrEqual(goal);
    for (const o of r.ranked) expect(oracle.measureOf(r.ranked.filter((x) => x !== o)).objective).toBeLessThan(goal);
  });

  it('a cost budget holds: Σ cost of the chosen sites ≤ the budget', async () => {
    const costs = Float64Array.from({ length: 16 }, (_, i) => 1 + (i % 4));
    const oracle = new SyntheticOracle(inst);
    const r = await searchSites(oracle, { maxSites: 16, seed: 1, costs, maxCost: 6 });
    const spent = r.ranked.reduce((a, o) => a + costs[oracle.groupOf(o)], 0);
    expect(spent).toBeLessThanOrEqual(6);
    expect(r.ranked.length).toBeGreaterThan(0);
  });

  it('tweaks (azimuth steps) are taken only when they raise the objective, and keep one option per candidate', async () => {
    const oracle = new SyntheticOracle(inst);
    const r = await searchSites(oracle, { maxSites: 3, seed: 2, localSearch: { swaps: false, tweaks: true } });
    const groups = r.ranked.map((o) => oracle.groupOf(o));
    expect(new Set(groups).size).toBe(groups.length);
    expect(r.curve.at(-1)!.objective).toBeGreaterThanOrEqual(r.greedy.objective);
  });

  it('an aborted search stops with the signal\'s reason', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(searchSites(new SyntheticOracle(inst), { maxSites: 3, seed: 1, signal: ac.signal })).rejects.toThrow('stop');
  });
});
