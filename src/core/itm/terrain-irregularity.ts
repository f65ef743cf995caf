/**
 * ITM's terrain irregularity parameter Δh of a profile (Hufford, Algorithm `dlthx`;
 * ERL 79-ITS 67 eq. 3; NTIA/itm v1.4 `ComputeDeltaH`): the interdecile range of the terrain
 * about a least-squares line, resampled at up to 245 points. It is the costliest step of a
 * point-to-point evaluation, hence the selection helpers written for it here.
 */
/** Largest number of resampled points in the Δh computation (10·25 − 5). */
const DELTA_H_MAX_POINTS = 245;
const residuals = new Float64Array(DELTA_H_MAX_POINTS);
const upperTail = new Float64Array(DELTA_H_MAX_POINTS);
const lowerTail = new Float64Array(DELTA_H_MAX_POINTS);

/**
 * The value of rank k (0-based, ascending) among a[lo … hi] (inclusive), partially reordering
 * them in place so that a[lo … k−1] ≤ a[k] ≤ a[k+1 … hi] (Hoare's selection, as in Wirth's
 * "Algorithms + Data Structures = Programs" §2.3.4). Expected O(n), no allocation.
 */
export function selectKth(a: Float64Array, lo: number, hi: number, k: number): number {
  let l = lo;
  let r = hi;
  while (l < r) {
    const pivot = a[k];
    let i = l;
    let j = r;
    do {
      while (a[i] < pivot) i++;
      while (pivot < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) l = i;
    if (k < i) r = j;
  }
  return a[k];
}

/**
 * Where the two deciles of the last Δh computation lay, so that the next one on a similar
 * profile (the next sample of a radial) only sorts the residuals beyond slightly widened
 * thresholds. Purely a speed hint: the result is exact with or without it.
 */
export class DecileHint {
  upperM = NaN;
  lowerM = NaN;
}

/**
 * Terrain irregularity Δh of the profile between `dStartM` and `dEndM`, m (Hufford `dlthx`;
 * ERL 79-ITS 67 eq. 3): the profile is resampled at n = 10·p10 − 5 equally spaced points
 * (p10 = clamp(⌊(x_end − x_start + 8)/10⌋, 4, 25), x in intervals), a least-squares line is
 * removed, and the interdecile range of the residuals Δh(d) (p10-th largest minus p10-th
 * smallest) is scaled back to the asymptotic Δh by 1 / (1 − 0.8·exp(−d/50 km)).
 * Fewer than 2 intervals between the limits → 0.
 *
 * @param hint Optional {@link DecileHint} reused along a radial (speed only).
 */
export function terrainIrregularityM(heights: ArrayLike<number>, np: number, spacingM: number, dStartM: number, dEndM: number, hint?: DecileHint): number {
  const xStart = dStartM / spacingM;
  const xEnd = dEndM / spacingM;
  if (xEnd - xStart < 2) return 0;
  const p10 = Math.min(Math.max(4, Math.trunc(0.1 * (xEnd - xStart + 8))), 25);
  const n = 10 * p10 - 5;
  const last = n - 1;
  const step = (xEnd - xStart) / last;
  // Sample j lies at fractional index x_start + j·step, between heights[i] and heights[i + 1]
  // (i ≤ np − 1; only the last sample can reach index np). The sums of the least-squares line
  // through the samples (abscissa j, ends weighted ½) are accumulated on the way.
  let sum = 0;
  let moment = 0;
  for (let j = 0; j < last; j++) {
    const pos = xStart + j * step;
    const i = Math.floor(pos);
    const h0 = heights[i];
    const s = h0 + (heights[i + 1] - h0) * (pos - i);
    residuals[j] = s;
    sum += s;
    moment += j * s;
  }
  {
    const pos = xStart + last * step;
    const i = Math.min(Math.floor(pos), np - 1);
    const h0 = heights[i];
    const s = h0 + (heights[i + 1] - h0) * (pos - i);
    residuals[last] = s;
    sum += s;
    moment += last * s;
  }
  const first = residuals[0];
  const end = residuals[last];
  sum -= 0.5 * (first + end);
  moment -= 0.5 * last * end;
  const centre = 0.5 * last;
  moment -= centre * sum;
  const mean = sum / last;
  const slope = (moment * 12) / ((last * last + 2) * last);
  const line0 = mean - slope * centre;
  // The p10-th largest and p10-th smallest residuals. With a hint, the residuals beyond cuts a
  // little inside the previous deciles are set aside while subtracting the line: when at least
  // p10 lie beyond a cut, the p10 extreme ones are all there (else tailValue widens the cut).
  let upper: number;
  let lower: number;
  if (hint !== undefined && hint.upperM === hint.upperM) {
    const margin = 0.05 * (hint.upperM - hint.lowerM) + 1e-9;
    const upperCut = hint.upperM - margin;
    const lowerCut = hint.lowerM + margin;
    let nUpper = 0;
    let nLower = 0;
    let line = line0;
    for (let j = 0; j < n; j++) {
      const r = residuals[j] - line;
      residuals[j] = r;
      line += slope;
      // Branch-free: write always, keep when beyond the cut (a residual may join both tails).
      upperTail[nUpper] = r;
      nUpper += +(r > upperCut);
      lowerTail[nLower] = r;
      nLower += +(r < lowerCut);
    }
    upper = nUpper >= p10 ? largestKth(upperTail, nUpper, p10) : tailValue(n, p10, hint.upperM, 4 * margin, 1);
    lower = nLower >= p10 ? smallestKth(lowerTail, nLower, p10) : tailValue(n, p10, hint.lowerM, 4 * margin, -1);
  } else {
    let line = line0;
    for (let j = 0; j < n; j++) {
      residuals[j] -= line;
      line += slope;
    }
    upper = selectKth(residuals, 0, last, n - p10);
    lower = selectKth(residuals, 0, last, p10 - 1);
  }
  if (hint !== undefined) {
    hint.upperM = upper;
    hint.lowerM = lower;
  }
  return (upper - lower) / (1 - 0.8 * Math.exp(-(dEndM - dStartM) / 50e3));
}

/** The k-th largest of a[0 … m−1] (k ≤ m): a small running buffer when k is close to m, else selection. */
function largestKth(a: Float64Array, m: number, k: number): number {
  // The k-th largest is the (m − k + 1)-th smallest.
  const q = m - k + 1;
  return q <= 8 ? smallestRun(a, m, q) : selectKth(a, 0, m - 1, m - k);
}

/** The k-th smallest of a[0 … m−1] (k ≤ m). */
function smallestKth(a: Float64Array, m: number, k: number): number {
  // The k-th smallest is the (m − k + 1)-th largest.
  const q = m - k + 1;
  return q <= 8 ? largestRun(a, m, q) : selectKth(a, 0, m - 1, k - 1);
}

const run = new Float64Array(8);

/** The q-th smallest of a[0 … m−1] (q ≤ 8), keeping the q smallest so far in order. */
function smallestRun(a: Float64Array, m: number, q: number): number {
  let size = 0;
  for (let j = 0; j < m; j++) {
    const v = a[j];
    if (size === q && v >= run[q - 1]) continue;
    let at = size < q ? size++ : q - 1;
    while (at > 0 && run[at - 1] > v) {
      run[at] = run[at - 1];
      at--;
    }
    run[at] = v;
  }
  return run[q - 1];
}

/** The q-th largest of a[0 … m−1] (q ≤ 8). */
function largestRun(a: Float64Array, m: number, q: number): number {
  let size = 0;
  for (let j = 0; j < m; j++) {
    const v = a[j];
    if (size === q && v <= run[q - 1]) continue;
    let at = size < q ? size++ : q - 1;
    while (at > 0 && run[at - 1] < v) {
      run[at] = run[at - 1];
      at--;
    }
    run[at] = v;
  }
  return run[q - 1];
}

/**
 * The p10-th largest (side 1) or smallest (side −1) of residuals[0 … n−1], selecting only
 * among the residuals beyond the cut `guessM − side·marginM`, widened until at least p10 lie
 * beyond it (then the p10 extreme ones are all there); a full selection after a few rounds.
 */
function tailValue(n: number, p10: number, guessM: number, marginM: number, side: 1 | -1): number {
  let margin = marginM;
  for (let round = 0; round < 12; round++) {
    const cut = guessM - side * margin;
    let m = 0;
    if (side > 0) {
      for (let j = 0; j < n; j++) if (residuals[j] > cut) upperTail[m++] = residuals[j];
      if (m >= p10) return largestKth(upperTail, m, p10);
    } else {
      for (let j = 0; j < n; j++) if (residuals[j] < cut) upperTail[m++] = residuals[j];
      if (m >= p10) return smallestKth(upperTail, m, p10);
    }
    margin *= 4;
  }
  return selectKth(residuals, 0, n - 1, side > 0 ? n - p10 : p10 - 1);
}
