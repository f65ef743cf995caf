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
 * Returns a warning if `value` lies outside `[range.min, range.max]`, otherwise null.
 * Message form: `freqMHz=2600 outside validity range 150–1500 MHz`.
 */
export function rangeWarning(range: ValidityRange, value: number): string | null {
  if (value < range.min || value > range.max) {
    return `${range.field}=${formatNumber(value)} outside validity range ${formatNumber(range.min)}–${formatNumber(range.max)} ${range.unit}`;
  }
  return null;
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
