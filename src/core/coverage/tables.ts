/**
 * Verified piecewise-cubic tables: how the coverage kernel evaluates path loss, the vertical
 * antenna cut and building entry loss (functions of distance) and the horizontal antenna cut
 * (a function of cos φ) in a few multiply-adds instead of logarithms, exponentials and
 * arctangents per cell.
 *
 * A table is exact at every knot and is checked against the exact function at five interior
 * points of every interval when it is built. Where the check fails by more than
 * {@link TABLE_TOLERANCE_DB} (a kink such as a 38.901 breakpoint, a `min`/`max` saturation,
 * a discontinuity, or a singular derivative) the interval is marked by a NaN coefficient and
 * the kernel calls the exact function there instead. So every value the kernel produces is
 * within the tolerance of the direct evaluation, whatever the model: the golden tests
 * (kernel.test.ts) compare against direct per-cell evaluation to 1e-6 dB.
 *
 * Distance tables cover 1 m … 2^DIST_OCTAVES m in octaves [2^k, 2^(k+1)) of
 * {@link STEPS_PER_OCTAVE} equal intervals each (relative spacing ≤ 1/256): the interval of a
 * distance d is found with `Math.clz32`, no logarithm. Below 1 m and beyond the last octave the
 * kernel evaluates exactly, and so it does below {@link TABLE_NEAR_M} and beyond the scene's
 * farthest footprint, where a table is not built (a few cells next to each site; none farther).
 */

/** Largest difference accepted between a table and its function at the check points, dB (relative, for linear tables). */
export const TABLE_TOLERANCE_DB = 1e-8;
export const STEPS_PER_OCTAVE = 256;
/** Distance tables reach 2^DIST_OCTAVES m = 32.768 km (the footprint cap is 30 km). */
export const DIST_OCTAVES = 15;
export const DIST_MAX_M = 2 ** DIST_OCTAVES;
/** Intervals of the cos φ table over [−1, 1]. */
export const COS_STEPS = 4096;

/** Cubic on an interval in local t ∈ [0, 1]: c0 + c1·t + c2·t² + c3·t³, 4 coefficients per interval. */
export interface CubicTable {
  /** 4 coefficients per interval; c0 is NaN where the interval must be evaluated exactly. */
  readonly coef: Float64Array;
  /** Intervals marked exact (for tests and diagnostics). */
  readonly exactIntervals: number;
}

/** Lagrange cubic through f(0), f(1/3), f(2/3), f(1), as power-basis coefficients (written at out[o…o+3]). */
export function fitCubic(f0: number, f1: number, f2: number, f3: number, out: Float64Array, o: number): void {
  out[o] = f0;
  out[o + 1] = (-11 * f0 + 18 * f1 - 9 * f2 + 2 * f3) / 2;
  out[o + 2] = (18 * f0 - 45 * f1 + 36 * f2 - 9 * f3) / 2;
  out[o + 3] = (-9 * f0 + 27 * f1 - 27 * f2 + 9 * f3) / 2;
}

const CHECK_T = [0.1, 0.25, 0.5, 0.75, 0.9];

/**
 * How a table's values relate to its function: `db` tables hold fn(x) (dB) and are checked in
 * absolute dB; `linear` tables hold 10^(−fn(x)/10) (a loss as a power ratio) and are checked by
 * the dB difference 10·log10(approx / exact), i.e. relative accuracy.
 */
export type TableDomain = 'db' | 'linear';

function buildTable(intervals: number, x0Of: (i: number) => number, hOf: (i: number) => number, fnDb: (x: number) => number, domain: TableDomain, from = 0, to = intervals): CubicTable {
  const fn = domain === 'db' ? fnDb : (x: number) => 10 ** (-fnDb(x) / 10);
  const error = domain === 'db' ? (a: number, b: number) => Math.abs(a - b) : (a: number, b: number) => Math.abs(10 * Math.log10(a / b));
  const coef = new Float64Array(intervals * 4);
  // Intervals outside [from, to) are left to exact evaluation, unbuilt.
  for (let i = 0; i < from; i++) coef[4 * i] = NaN;
  for (let i = to; i < intervals; i++) coef[4 * i] = NaN;
  let exact = 0;
  // The previous interval's end knot: the next one's start when they touch (they do, in order).
  let lastX = NaN, lastF = NaN;
  for (let i = from; i < to; i++) {
    const x0 = x0Of(i);
    const h = hOf(i);
    const o = 4 * i;
    const f0 = x0 === lastX ? lastF : fn(x0), f1 = fn(x0 + h / 3), f2 = fn(x0 + (2 * h) / 3), f3 = fn(x0 + h);
    lastX = x0 + h;
    lastF = f3;
    let ok = Number.isFinite(f0) && Number.isFinite(f1) && Number.isFinite(f2) && Number.isFinite(f3);
    if (ok) {
      fitCubic(f0, f1, f2, f3, coef, o);
      for (const t of CHECK_T) {
        const approx = ((coef[o + 3] * t + coef[o + 2]) * t + coef[o + 1]) * t + coef[o];
        const want = fn(x0 + t * h);
        if (!(error(approx, want) <= TABLE_TOLERANCE_DB)) {
          ok = false;
          break;
        }
      }
    }
    if (!ok) {
      coef[o] = NaN;
      exact++;
    }
  }
  return { coef, exactIntervals: exact };
}

/** Octave k's interval width, m, for distance tables. */
export function distStepM(k: number): number {
  return 2 ** k / STEPS_PER_OCTAVE;
}

/** Distance tables start at this distance, m: nearer (a few cells next to each site) the kernel evaluates exactly. */
export const TABLE_NEAR_M = 8;

/** The distance-table interval holding d (d in [1, DIST_MAX_M)). */
export function distanceInterval(dM: number): number {
  const k = 31 - Math.clz32(dM | 0);
  return k * STEPS_PER_OCTAVE + Math.min(STEPS_PER_OCTAVE - 1, Math.floor((dM - 2 ** k) * INV_STEP[k]));
}

/**
 * A table of fn(d) (or of 10^(−fn(d)/10), `linear`) for d in [{@link TABLE_NEAR_M}, reachM]
 * (at most DIST_MAX_M) m; elsewhere its intervals are marked for exact evaluation without
 * being built (no cell of a scene lies beyond its farthest footprint).
 */
export function buildDistanceTable(fn: (dM: number) => number, domain: TableDomain = 'db', reachM = DIST_MAX_M): CubicTable {
  const n = DIST_OCTAVES * STEPS_PER_OCTAVE;
  return buildTable(
    n,
    (i) => 2 ** Math.floor(i / STEPS_PER_OCTAVE) + (i % STEPS_PER_OCTAVE) * distStepM(Math.floor(i / STEPS_PER_OCTAVE)),
    (i) => distStepM(Math.floor(i / STEPS_PER_OCTAVE)),
    fn,
    domain,
    distanceInterval(TABLE_NEAR_M),
    reachM >= DIST_MAX_M ? n : distanceInterval(Math.max(TABLE_NEAR_M, reachM)) + 1,
  );
}

/** A table of fn(c) (or of 10^(−fn(c)/10), `linear`) for c = cos φ in [−1, 1]. */
export function buildCosTable(fn: (cosPhi: number) => number, domain: TableDomain = 'db'): CubicTable {
  const h = 2 / COS_STEPS;
  return buildTable(COS_STEPS, (i) => -1 + i * h, () => h, fn, domain);
}

/** 256 / 2^k for each octave k: multiplies (d − 2^k) into interval units. */
export const INV_STEP = Float64Array.from({ length: DIST_OCTAVES }, (_, k) => STEPS_PER_OCTAVE / 2 ** k);
export const OCTAVE_START = Float64Array.from({ length: DIST_OCTAVES }, (_, k) => 2 ** k);
