/**
 * The exact optimum of a small instance, for the optimality tests: every subset of the
 * candidates up to the budget is evaluated (Σ C(n, j) for j ≤ k: 21 699 subsets for n = 20,
 * k = 5), the best kept. Exhaustive rather than branch-and-bound so that it needs no bound,
 * hence holds for objectives that are not submodular either (with a SINR condition).
 */

/**
 * The best subset of {0…n−1} with at most `k` members (exactly `k` with `exactSize`).
 * @param valueOf - the objective of a subset (members ascending)
 * @returns the best value and a subset reaching it (the first in lexicographic order)
 */
export async function exactOptimum(n: number, k: number, valueOf: (subset: readonly number[]) => number | Promise<number>, o: { exactSize?: boolean } = {}): Promise<{ value: number; subset: number[]; subsets: number }> {
  let best = { value: -Infinity, subset: [] as number[] };
  let subsets = 0;
  const sizes = o.exactSize ? [Math.min(k, n)] : Array.from({ length: Math.min(k, n) + 1 }, (_, j) => j);
  for (const size of sizes) {
    const idx = Array.from({ length: size }, (_, i) => i);
    for (;;) {
      const v = await valueOf(idx);
      subsets++;
      if (v > best.value) best = { value: v, subset: [...idx] };
      // Next combination in lexicographic order.
      let i = size - 1;
      while (i >= 0 && idx[i] === n - size + i) i--;
      if (i < 0) break;
      idx[i]++;
      for (let j = i + 1; j < size; j++) idx[j] = idx[j - 1] + 1;
    }
  }
  return { ...best, subsets };
}
