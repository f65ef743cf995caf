/**
 * Checking one measurement row (its fields as text) and writing it into a batch of points, or
 * listing its problems. Shared by the CSV reader and the GeoJSON reader.
 *
 * Rules (docs/measurements.md, "Row checks"):
 * - latitude, longitude and RSRP are required: empty, not a number, `NaN`, out of range, a
 *   lat/lon pair that only makes sense swapped, (0, 0) (no GPS fix), outside the expected
 *   bounding box or outside the study area (`inside` callback) leave the row out;
 * - RSRP must lie in −160…−20 dBm (a positive value whose negation is in range is said to have
 *   lost its minus sign);
 * - optional values (PCI, cell id, EARFCN, NR-ARFCN, time, SINR, RSRQ) that are bad are ignored
 *   (reported, `dropped: false`) and the row is kept: a bad PCI cannot mislead the association
 *   when it is absent;
 * - a row whose `serving` flag is false is a neighbour-cell row (Network Survey logs one per
 *   cell heard) and is skipped, counted, not reported;
 * - with `decimalComma` (files separated by `;` or tab), `-97,5` reads as −97.5.
 */
import type { ColumnIndex, MeasurementField } from './columns.ts';
import { measurementProblem, type MeasurementMessageKey, type MeasurementProblem } from './messages.ts';
import { ABSENT, type WritablePoints } from './points.ts';
import type { MessageParams } from '../scenario/fields.ts';

/** Inclusive RSRP range accepted by the import, dBm. */
export const RSRP_RANGE_DBM: readonly [number, number] = [-160, -20];
/** Inclusive SINR range kept, dB (TS 36.133 / 38.133 report −23…40 dB; a margin either side). */
export const SINR_RANGE_DB: readonly [number, number] = [-30, 60];
/** Inclusive RSRQ range kept, dB (TS 38.133 reports −43…20 dB). */
export const RSRQ_RANGE_DB: readonly [number, number] = [-45, 20];
/** Largest PCI (NR: 0…1007; LTE: 0…503). */
export const MAX_PCI = 1007;
/** Largest EARFCN (TS 36.101: 0…262143). */
export const MAX_EARFCN = 262143;
/** Largest NR-ARFCN (TS 38.104 §5.4.2.1: 0…3279165). */
export const MAX_NR_ARFCN = 3279165;

/** Options of the row checks. */
export interface RowCheckOptions {
  /** [west, south, east, north], degrees: points outside are refused, and a swap that lands inside is said. */
  readonly expectedBBoxDeg?: readonly [number, number, number, number];
  /** Study area (grid, province): a point outside is refused, and a swap that lands inside is said. */
  readonly inside?: (lonDeg: number, latDeg: number) => boolean;
  /** Accepted RSRP range, dBm (default {@link RSRP_RANGE_DBM}). */
  readonly rsrpRangeDbm?: readonly [number, number];
}

const enum Num {
  Ok,
  Empty,
  NaNLiteral,
  Invalid,
}

/** Status of the last {@link readDecimalSpan} / {@link readDecimal} call. */
let numStatus: Num = Num.Ok;

/** 10^k, k = 0…22: exact doubles (the fast path below divides by them). */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Reads a decimal number from `text[start, end)`: optional sign, digits with one `.` (or `,` when
 * `decimalComma`), an optional exponent; surrounding spaces allowed. No string is made for the
 * usual case: with at most 15 significant digits and no exponent the value is mantissa / 10^k,
 * one correctly rounded division of two exact doubles (Clinger's fast path), i.e. the same
 * double as `Number(text)`; other forms go through `Number`. Sets {@link numStatus}.
 */
export function readDecimalSpan(text: string, start: number, end: number, decimalComma: boolean): number {
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  if (start === end) {
    numStatus = Num.Empty;
    return NaN;
  }
  let i = start;
  let c = text.charCodeAt(i);
  const neg = c === 45;
  if (c === 45 || c === 43) i++;
  let mant = 0, digits = 0, frac = 0, dot = false, slow = false;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (mant < 1e14) {
        mant = mant * 10 + (c - 48);
        if (dot) frac++;
      } else slow = true;
    } else if ((c === 46 || (c === 44 && decimalComma)) && !dot) dot = true;
    else if ((c === 101 || c === 69) && digits > 0) {
      slow = true;
      break;
    } else {
      const t = text.slice(start, end).toLowerCase();
      numStatus = t === 'nan' || t === '-nan' ? Num.NaNLiteral : Num.Invalid;
      return NaN;
    }
  }
  if (digits === 0) {
    numStatus = Num.Invalid;
    return NaN;
  }
  if (slow || frac > 22) {
    let t = text.slice(start, end);
    if (decimalComma) t = t.replace(',', '.');
    const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
    numStatus = Number.isFinite(v) ? Num.Ok : Num.Invalid;
    return v;
  }
  numStatus = Num.Ok;
  const v = frac > 0 ? mant / POW10[frac] : mant;
  return neg ? -v : v;
}

/** {@link readDecimalSpan} of a whole string. */
export function readDecimal(text: string, decimalComma: boolean): number {
  return readDecimalSpan(text, 0, text.length, decimalComma);
}

const TIME_RE = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T_](\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A time of day as milliseconds since 1970-01-01T00:00Z, or NaN. Accepts ISO 8601-like text
 * (`2024-05-01T10:23:45.5+07:00`, `2024-05-01 10:23:45`, G-NetTrack's `2024.05.01_10.23.45`)
 * and plain numbers (seconds since 1970 if below 1e11, else milliseconds). Text without a zone
 * is read as UTC, so that the result does not depend on the machine.
 */
export function parseTimeMs(text: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    const v = Number(t);
    if (v >= 1e8 && v < 1e11) return v * 1000;
    if (v >= 1e11 && v < 1e14) return v;
    return NaN;
  }
  // Fast path: full ISO 8601 in UTC (`2024-05-01T10:23:45.123Z`), which Date.parse reads exactly.
  if (t.length >= 20 && t.charCodeAt(t.length - 1) === 90 /* Z */ && t[4] === '-' && t[7] === '-' && t[10] === 'T' && t[13] === ':' && t[16] === ':') {
    const v = Date.parse(t);
    if (v === v) return v;
  }
  const m = TIME_RE.exec(t);
  if (!m) return NaN;
  const [y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m.slice(1);
  const month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
  let ms = Date.UTC(Number(y), month - 1, day, hour, minute, second) + Number(`0.${frac}`) * 1000;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  return ms;
}

const TRUE_WORDS = new Set(['', 'true', '1', 'yes', 'y', 't']);

/**
 * One row as spans of a text: field k is `text.slice(starts[k], ends[k])`. The CSV reader points
 * the spans into the chunk it reads (no string per field); other sources use {@link setRowFields}.
 */
export interface RowSpans {
  text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Fields in the row (may exceed the arrays' length: only the first `starts.length` are kept). */
  count: number;
}

/** Spans for up to `capacity` fields. */
export function newRowSpans(capacity: number): RowSpans {
  return { text: '', starts: new Int32Array(capacity), ends: new Int32Array(capacity), count: 0 };
}

/** Points `row` at the given field strings (joined into one text). */
export function setRowFields(row: RowSpans, fields: readonly string[]): void {
  let at = 0;
  const n = Math.min(fields.length, row.starts.length);
  for (let k = 0; k < n; k++) {
    row.starts[k] = at;
    at += fields[k].length;
    row.ends[k] = at;
    at += 1;
  }
  row.text = fields.join('\u001f');
  row.count = fields.length;
}

/**
 * Checks rows of one file against its resolved columns and writes valid ones into a batch.
 * Keeps the cell-id dictionary of the file.
 */
export class RowChecker {
  private readonly idx: ColumnIndex;
  private readonly names: Record<MeasurementField, string>;
  private readonly rsrpMin: number;
  private readonly rsrpMax: number;
  private readonly headerLength: number;
  private readonly cellIdIndex = new Map<string, number>();
  private pendingCellIds: string[] = [];
  private cellIdCount = 0;
  private timeOff = false;
  private timeSeen = false;
  /** Set when the time column was switched off (its first value could not be read). */
  timeNote: string | null = null;
  /** Neighbour rows skipped (serving flag false). */
  neighbourRows = 0;
  /** Row being checked and the list its problems go to (set by {@link check}: no closure per row). */
  private cur: RowSpans = newRowSpans(0);
  private curRow = 0;
  private curProblems: MeasurementProblem[] = [];
  private curDropped = false;

  /**
   * @param header - header names as written (problems name the column by them)
   * @param coordColumn - column named in coordinate problems instead of the header's (GeoJSON: `geometry`)
   */
  constructor(
    idx: ColumnIndex,
    header: readonly string[],
    private readonly options: RowCheckOptions,
    private readonly decimalComma: boolean,
    coordColumn?: string,
  ) {
    this.idx = idx;
    this.headerLength = header.length;
    const name = (f: MeasurementField) => (idx[f] >= 0 ? header[idx[f]] : f);
    this.names = {
      lat: coordColumn ?? name('lat'), lon: coordColumn ?? name('lon'), rsrp: name('rsrp'), pci: name('pci'), cellId: name('cellId'), earfcn: name('earfcn'),
      nrArfcn: name('nrArfcn'), time: name('time'), sinr: name('sinr'), rsrq: name('rsrq'), serving: name('serving'),
    };
    [this.rsrpMin, this.rsrpMax] = options.rsrpRangeDbm ?? RSRP_RANGE_DBM;
  }

  /** Spans long enough for this file's rows (the header's fields plus some extra). */
  newRow(): RowSpans {
    return newRowSpans(this.headerLength + 8);
  }

  /** Cell ids first met since the last call (their dictionary indices follow the earlier ones). */
  takeNewCellIds(): string[] {
    const out = this.pendingCellIds;
    this.pendingCellIds = [];
    return out;
  }

  /** Size of the cell-id dictionary so far. */
  get cellIdTotal(): number {
    return this.cellIdCount;
  }

  private report(field: MeasurementField, key: MeasurementMessageKey, params: MessageParams, dropped: boolean): void {
    this.curProblems.push(measurementProblem(this.curRow, this.names[field], field, key, params, dropped));
    if (dropped) this.curDropped = true;
  }

  /** Field k of the current row, trimmed (a string is made: only for ids, times and messages). */
  private fieldText(k: number): string {
    return this.cur.text.slice(this.cur.starts[k], this.cur.ends[k]).trim();
  }

  /**
   * Checks one row; a kept row is written at `out[at]`.
   * @param line - its row number for problems
   * @returns 1 if kept, 0 if left out or skipped
   */
  check(row: RowSpans, line: number, out: WritablePoints, at: number, problems: MeasurementProblem[]): number {
    const n = row.count;
    if (n !== this.headerLength) {
      let extraEmpty = n > this.headerLength && n <= row.starts.length;
      for (let k = this.headerLength; k < n && extraEmpty; k++) {
        for (let i = row.starts[k]; i < row.ends[k]; i++) {
          if (row.text.charCodeAt(i) > 32) {
            extraEmpty = false;
            break;
          }
        }
      }
      if (!extraEmpty) {
        problems.push(measurementProblem(line, null, null, 'measFieldCount', { found: n, expected: this.headerLength }, true));
        return 0;
      }
    }
    this.cur = row;
    const idx = this.idx;
    if (idx.serving >= 0 && !TRUE_WORDS.has(this.fieldText(idx.serving).toLowerCase())) {
      this.neighbourRows++;
      return 0;
    }
    this.curRow = line;
    this.curProblems = problems;
    this.curDropped = false;
    const lat = this.required(idx.lat, 'lat');
    const lon = this.required(idx.lon, 'lon');
    const rsrp = this.required(idx.rsrp, 'rsrp');
    if (lat === lat && lon === lon) this.checkPosition(lon, lat);
    if (rsrp === rsrp && (rsrp < this.rsrpMin || rsrp > this.rsrpMax)) {
      const negated = -rsrp;
      if (negated >= this.rsrpMin && negated <= this.rsrpMax) this.report('rsrp', 'measRsrpSign', { value: rsrp, min: this.rsrpMin, max: this.rsrpMax, negated }, true);
      else this.report('rsrp', 'measRsrpRange', { value: rsrp, min: this.rsrpMin, max: this.rsrpMax }, true);
    }
    if (this.curDropped) return 0;

    out.row[at] = line;
    out.latDeg[at] = lat;
    out.lonDeg[at] = lon;
    out.rsrpDbm[at] = rsrp;
    out.pci[at] = idx.pci >= 0 ? this.integer(idx.pci, 'pci', MAX_PCI) : ABSENT;
    out.earfcn[at] = idx.earfcn >= 0 ? this.integer(idx.earfcn, 'earfcn', MAX_EARFCN) : ABSENT;
    out.nrArfcn[at] = idx.nrArfcn >= 0 ? this.integer(idx.nrArfcn, 'nrArfcn', MAX_NR_ARFCN) : ABSENT;
    out.cellId[at] = idx.cellId >= 0 ? this.cellId(idx.cellId) : ABSENT;
    out.sinrDb[at] = idx.sinr >= 0 ? this.quality(idx.sinr, 'sinr', SINR_RANGE_DB) : NaN;
    out.rsrqDb[at] = idx.rsrq >= 0 ? this.quality(idx.rsrq, 'rsrq', RSRQ_RANGE_DB) : NaN;
    out.timeMs[at] = idx.time >= 0 && !this.timeOff ? this.time(idx.time) : NaN;
    return 1;
  }

  private number(k: number, decimalComma: boolean): number {
    return readDecimalSpan(this.cur.text, this.cur.starts[k], this.cur.ends[k], decimalComma);
  }

  private required(k: number, field: 'lat' | 'lon' | 'rsrp'): number {
    const v = this.number(k, this.decimalComma);
    if (numStatus === Num.Ok) return v;
    if (numStatus === Num.Empty) this.report(field, 'measRequired', {}, true);
    else this.report(field, numStatus === Num.NaNLiteral ? 'measNaN' : 'measNotNumber', { value: this.fieldText(k) }, true);
    return NaN;
  }

  private checkPosition(lon: number, lat: number): void {
    if (lat === 0 && lon === 0) return this.report('lat', 'measNoFix', {}, true);
    if (Math.abs(lat) > 90) {
      if (Math.abs(lon) <= 90) this.report('lat', 'measLatLonSwapped', { lat, lon }, true);
      else this.report('lat', 'measLatRange', { value: lat }, true);
      return;
    }
    if (Math.abs(lon) > 180) return this.report('lon', 'measLonRange', { value: lon }, true);
    const box = this.options.expectedBBoxDeg;
    if (box && !(lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3])) {
      if (lat >= box[0] && lat <= box[2] && lon >= box[1] && lon <= box[3]) this.report('lat', 'measSwappedInside', { lat, lon }, true);
      else this.report('lat', 'measOutsideBBox', { lat, lon, west: box[0], south: box[1], east: box[2], north: box[3] }, true);
      return;
    }
    const inside = this.options.inside;
    if (inside && !inside(lon, lat)) {
      if (Math.abs(lon) <= 90 && inside(lat, lon)) this.report('lat', 'measSwappedInside', { lat, lon }, true);
      else this.report('lat', 'measOutsideArea', { lat, lon }, true);
    }
  }

  private integer(k: number, field: 'pci' | 'earfcn' | 'nrArfcn', max: number): number {
    const v = this.number(k, false);
    if (numStatus === Num.Empty) return ABSENT;
    if (numStatus !== Num.Ok) {
      this.report(field, 'measNotNumber', { value: this.fieldText(k) }, false);
      return ABSENT;
    }
    if (!Number.isInteger(v)) {
      this.report(field, 'measNotInteger', { value: v }, false);
      return ABSENT;
    }
    if (v < 0 || v > max) {
      if (field === 'pci') this.report(field, 'measPciRange', { value: v }, false);
      else this.report(field, 'measChannelRange', { value: v, kind: field === 'earfcn' ? 'EARFCN' : 'NR-ARFCN', max }, false);
      return ABSENT;
    }
    return v;
  }

  private quality(k: number, field: 'sinr' | 'rsrq', range: readonly [number, number]): number {
    const v = this.number(k, this.decimalComma);
    if (numStatus === Num.Empty) return NaN;
    if (numStatus !== Num.Ok) {
      this.report(field, numStatus === Num.NaNLiteral ? 'measNaN' : 'measNotNumber', { value: this.fieldText(k) }, false);
      return NaN;
    }
    if (v < range[0] || v > range[1]) {
      this.report(field, 'measQualityRange', { value: v, min: range[0], max: range[1] }, false);
      return NaN;
    }
    return v;
  }

  private time(k: number): number {
    const t = this.fieldText(k);
    if (t === '') return NaN;
    const ms = parseTimeMs(t);
    const first = !this.timeSeen;
    this.timeSeen = true;
    if (ms === ms) return ms;
    if (first) {
      // The first time value of the file cannot be read: the format is unknown, so the column
      // is switched off once rather than reported on every row.
      this.timeOff = true;
      this.timeNote = `column ${this.names.time}: "${t}" is not a date and time this import reads (ISO 8601, or seconds / milliseconds since 1970); the column is ignored`;
      return NaN;
    }
    this.report('time', 'measTime', { value: t }, false);
    return NaN;
  }

  private cellId(k: number): number {
    const t = this.fieldText(k);
    if (t === '') return ABSENT;
    let i = this.cellIdIndex.get(t);
    if (i === undefined) {
      i = this.cellIdCount++;
      this.cellIdIndex.set(t, i);
      this.pendingCellIds.push(t);
    }
    return i;
  }
}
