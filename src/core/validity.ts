/**
 * Input checks and validity-range warnings shared by every radio model.
 *
 * Policy (spec §2): a finite input outside a model's validity range is still evaluated and the
 * result carries a warning naming the violated range; nothing is clamped silently. A non-finite
 * input, or a negative distance / height / frequency, is rejected with an {@link InputError}
 * that names the field.
 */

/** A model's validity range for one input, in the unit given. */
export interface ValidityRange {
  /** Input field name as it appears in the model's input object, e.g. `freqMHz`. */
  readonly field: string;
  readonly min: number;
  readonly max: number;
  /** Unit for messages, e.g. `MHz`, `m`, `km`. */
  readonly unit: string;
}

/** Thrown for inputs that cannot be evaluated at all (NaN, ±Infinity, negative lengths). */
export class InputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'InputError';
    this.field = field;
  }
}

/** Rejects NaN and ±Infinity. */
export function requireFinite(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(field, `${field} must be a finite number, got ${String(value)}`);
  }
}

/** Rejects non-finite and negative values (distances, heights). Zero is allowed. */
export function requireNonNegative(field: string, value: number): void {
  requireFinite(field, value);
  if (value < 0) throw new InputError(field, `${field} must be ≥ 0, got ${value}`);
}

/** Rejects non-finite, zero and negative values (frequencies, bandwidths). */
export function requirePositive(field: string, value: number): void {
  requireFinite(field, value);
  if (value <= 0) throw new InputError(field, `${field} must be > 0, got ${value}`);
}

/**
 * One validity problem of a model evaluation, as data: the quantity (an input field name), its
 * value and the bound it broke, so that a user interface can word it in its own language. The
 * command line and the tests read {@link describeIssues}' English lines instead.
 * - `range`: `value` outside `[min, max]` (`unit` as the range's), still evaluated.
 * - `floor`: a length below `floorM`, evaluated at `floorM`.
 * - `note`: a caveat of one model (`code`), with the inputs it depends on in `values`.
 */
export type ValidityIssue =
  | { readonly kind: 'range'; readonly field: string; readonly value: number; readonly min: number; readonly max: number; readonly unit: string }
  | { readonly kind: 'floor'; readonly field: string; readonly value: number; readonly floorM: number }
  | { readonly kind: 'note'; readonly code: ValidityNoteCode; readonly values: Readonly<Record<string, number>> };

/**
 * Caveats beyond the ranges (spec §2):
 * - `hata-large-city-gap`: Hata's large-city a(hUt) has no form between 200 and 400 MHz (`freqMHz`, `splitMHz`);
 * - `cost231-beyond`: COST-231 Hata used above 2 GHz, common practice but not validated (`freqMHz`);
 * - `no-breakpoint`: an effective antenna height h − 1 m is ≤ 0, so 38.901 has no breakpoint (`hBsM`, `hUtM`);
 * - `uma-random-he`: 38.901 draws the UMa breakpoint height at random for hUt ≥ 13 m (`hUtM`);
 * - `uma-plos-clipped`: the UMa LOS-probability formula exceeds 1 and is clipped (`pLos`, `d2dM`, `hUtM`).
 */
export type ValidityNoteCode = 'hata-large-city-gap' | 'cost231-beyond' | 'no-breakpoint' | 'uma-random-he' | 'uma-plos-clipped';

/** The range issue of `value` against `range`, or null inside it. */
export function rangeIssue(range: ValidityRange, value: number): ValidityIssue | null {
  if (value < range.min || value > range.max) return { kind: 'range', field: range.field, value, min: range.min, max: range.max, unit: range.unit };
  return null;
}

/** The range issues of several ranges against an input record (fields absent from it are skipped). */
export function rangeIssues(ranges: readonly ValidityRange[], input: Readonly<Record<string, number | undefined>>): ValidityIssue[] {
  const out: ValidityIssue[] = [];
  for (const r of ranges) {
    const v = input[r.field];
    if (v === undefined) continue;
    const w = rangeIssue(r, v);
    if (w) out.push(w);
  }
  return out;
}

/**
 * The English line of one issue, as the command line prints it, e.g.
 * `freqMHz=2600 outside validity range 150–1500 MHz`, `d3dM=0 below 1 m: evaluated at 1 m`.
 */
export function describeIssue(issue: ValidityIssue): string {
  switch (issue.kind) {
    case 'range':
      return `${issue.field}=${formatNumber(issue.value)} outside validity range ${formatNumber(issue.min)}–${formatNumber(issue.max)} ${issue.unit}`;
    case 'floor':
      return `${issue.field}=${formatNumber(issue.value)} below ${issue.floorM} m: evaluated at ${issue.floorM} m`;
    case 'note':
      return describeNote(issue.code, issue.values);
  }
}

const COST231_BEYOND = 'COST-231 Hata used beyond its range (common practice above 2 GHz; accuracy not established there)';

function describeNote(code: ValidityNoteCode, v: Readonly<Record<string, number>>): string {
  switch (code) {
    case 'hata-large-city-gap':
      return `freqMHz=${formatNumber(v.freqMHz)} between 200 and 400 MHz, where Hata gives no large-city a(hUt): the ${v.freqMHz <= v.splitMHz ? 'f ≤ 200 MHz' : 'f ≥ 400 MHz'} form is used (split at ${v.splitMHz} MHz)`;
    case 'cost231-beyond':
      return COST231_BEYOND;
    case 'no-breakpoint':
      return `hBsM=${formatNumber(v.hBsM)}, hUtM=${formatNumber(v.hUtM)}: an effective antenna height h − hE (hE = 1 m) is ≤ 0, so there is no breakpoint (d'BP = 0, PL2 at every distance)`;
    case 'uma-random-he':
      return `hUtM=${formatNumber(v.hUtM)} ≥ 13 m: 38.901 draws the UMa breakpoint height hE at random here; the deterministic hE = 1 m is used`;
    case 'uma-plos-clipped':
      return `UMa LOS probability formula gives ${formatNumber(v.pLos)} > 1 at d2dM=${formatNumber(v.d2dM)}, hUtM=${formatNumber(v.hUtM)}: clipped to 1`;
  }
}

/**
 * The English lines of a list of issues: one per issue, except that a `cost231-beyond` note is
 * appended to the frequency's range line when there is one (`freqMHz=2600 outside … MHz: COST-231
 * Hata used beyond its range …`).
 */
export function describeIssues(issues: readonly ValidityIssue[]): string[] {
  const lines: string[] = [];
  let freqLine = -1;
  for (const i of issues) {
    if (i.kind === 'note' && i.code === 'cost231-beyond' && freqLine >= 0) {
      lines[freqLine] += `: ${COST231_BEYOND}`;
      continue;
    }
    if (i.kind === 'range' && i.field === 'freqMHz') freqLine = lines.length;
    lines.push(describeIssue(i));
  }
  return lines;
}

/**
 * Returns a warning if `value` lies outside `[range.min, range.max]`, otherwise null.
 * Message form: `freqMHz=2600 outside validity range 150–1500 MHz`.
 */
export function rangeWarning(range: ValidityRange, value: number): string | null {
  const issue = rangeIssue(range, value);
  return issue ? describeIssue(issue) : null;
}

/** Collects the warnings of several ranges against an input record. */
export function rangeWarnings(ranges: readonly ValidityRange[], input: Readonly<Record<string, number | undefined>>): string[] {
  const out: string[] = [];
  for (const r of ranges) {
    const v = input[r.field];
    if (v === undefined) continue;
    const w = rangeWarning(r, v);
    if (w) out.push(w);
  }
  return out;
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
