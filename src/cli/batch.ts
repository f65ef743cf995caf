/**
 * The row-by-row batch shared by the CSV commands: find the model's columns in the header,
 * parse and check each cell, evaluate, and append the result columns after the input columns
 * (which are passed through unchanged, in their order). {@link batchSink} does it one row at a
 * time as the CSV is read (src/cli/csv.ts `streamCsvFile`), handing each output line on, so
 * memory stays flat in the number of rows; {@link runBatch} does it on a table in memory.
 *
 * Every cell written (pass-through and results, header too) is formula-escaped unless
 * `rawCsv` (csv.ts `formatSafeCsvField`).
 *
 * Every problem stops the run with ONE DataError line naming the file, the data row (1-based,
 * header not counted) and the column.
 */
import { InputError } from '../core/validity.ts';
import { formatCsvField, formatSafeCsvField, type CsvRowSink, type CsvTable } from './csv.ts';
import { DataError, dataError, quoteValue } from './errors.ts';

/** How a cell is read. */
export type ColumnKind =
  /** A finite number ≥ 0 (distances, heights, frequencies, percentages). */
  | 'non-negative'
  /** Any finite number (angles). */
  | 'number'
  /** One of `choices` (case and surrounding spaces ignored). */
  | 'choice'
  /** Any non-empty text, trimmed; the command's evaluator parses it (e.g. a `;`-separated list). */
  | 'text';

/** One input column of a command. */
export interface ColumnSpec {
  /** Column name in the CSV header, e.g. `d2d_m`. */
  readonly name: string;
  /** Field of the model's input object, e.g. `d2dM`; an InputError on it is reported on this column. */
  readonly field: string;
  readonly required: boolean;
  readonly kind: ColumnKind;
  /** Allowed values of a `choice` column. */
  readonly choices?: readonly string[];
  /** Unit and meaning, for --help and README.md. */
  readonly description: string;
}

/** Values of one row by model field; absent optional columns and empty optional cells are undefined. */
export type RowValues = Readonly<Record<string, number | string | undefined>>;

/** What one CSV command computes per row. */
export interface BatchSpec {
  readonly columns: readonly ColumnSpec[];
  /** Names of the appended columns, e.g. `['pl_db', 'warning']`. */
  readonly outputColumns: readonly string[];
  /**
   * Cells of the appended columns for one row, same order as `outputColumns`. May throw
   * InputError (reported on the column whose `field` it names) or {@link RowError}.
   */
  evaluate(values: RowValues): readonly string[];
}

/** A row-level problem found by a command's evaluator, reported on `column`. */
export class RowError extends Error {
  readonly column: string | undefined;
  constructor(column: string | undefined, message: string) {
    super(message);
    this.name = 'RowError';
    this.column = column;
  }
}

// Plain decimal numbers only: "12", "-3.5", ".5", "1e3", "+2". Not "0x10", "1,5", "12m", "".
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;

/** Options of a batch run. */
export interface BatchOptions {
  /** Write every cell as it is: no formula escaping (`--raw-csv`). Default false. */
  readonly rawCsv?: boolean;
}

/** Column index of each spec in the header (−1 for an absent optional column). */
export function resolveColumns(table: Pick<CsvTable, 'file' | 'header'>, spec: BatchSpec): Int32Array {
  const byName = new Map<string, number>();
  table.header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!byName.has(key)) byName.set(key, i);
  });
  const indices = new Int32Array(spec.columns.length);
  spec.columns.forEach((col, k) => {
    const key = col.name.toLowerCase();
    const i = byName.get(key);
    if (i === undefined) {
      if (col.required) {
        const found = table.header.map((h) => h.trim()).join(', ');
        throw dataError({ file: table.file, row: 'header', column: col.name }, `required column is missing (the header has: ${found || 'no names'}; needed: ${spec.columns.filter((c) => c.required).map((c) => c.name).join(', ')})`);
      }
      indices[k] = -1;
      return;
    }
    const second = table.header.findIndex((h, j) => j > i && h.trim().toLowerCase() === key);
    if (second >= 0) throw dataError({ file: table.file, row: 'header', column: col.name }, `the column appears twice (columns ${i + 1} and ${second + 1})`);
    indices[k] = i;
  });
  for (const out of spec.outputColumns) {
    const i = byName.get(out.toLowerCase());
    if (i !== undefined) {
      throw dataError({ file: table.file, row: 'header', column: out }, `the input already has this output column (column ${i + 1}); rename or remove it`);
    }
  }
  return indices;
}

/** Parses one cell per its column spec; throws DataError naming the row and column. */
export function readCell(table: CsvTable, rowIndex: number, col: ColumnSpec, cell: string | undefined): number | string | undefined {
  return readCellAt(table.file, table.rowNumbers[rowIndex], col, cell);
}

/** {@link readCell} for data row `rowNumber` (1-based, header not counted) of `file`. */
export function readCellAt(file: string, rowNumber: number, col: ColumnSpec, cell: string | undefined): number | string | undefined {
  const text = cell === undefined ? '' : cell.trim();
  if (text === '') {
    if (col.required) throw cellError(file, rowNumber, col, 'the cell is empty (a value is required)');
    return undefined;
  }
  if (col.kind === 'text') return text;
  if (col.kind === 'choice') {
    const choices = col.choices ?? [];
    const key = text.toLowerCase();
    const hit = choices.find((c) => c === key);
    if (hit === undefined) throw cellError(file, rowNumber, col, `${quoteValue(cell ?? '')} is not one of ${choices.join(', ')}`);
    return hit;
  }
  if (!DECIMAL.test(text)) {
    if (NON_FINITE.test(text)) throw cellError(file, rowNumber, col, `${quoteValue(cell ?? '')} is not a finite number`);
    throw cellError(file, rowNumber, col, `${quoteValue(cell ?? '')} is not a number${text.includes(',') ? ' (use "." as decimal point)' : ''}`);
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw cellError(file, rowNumber, col, `${quoteValue(cell ?? '')} is not a finite number`);
  if (col.kind === 'non-negative' && value < 0) throw cellError(file, rowNumber, col, `${text} is negative (must be ≥ 0)`);
  return value;
}

// A function, not a closure per call: the batch reads millions of cells.
function cellError(file: string, rowNumber: number, col: ColumnSpec, message: string): DataError {
  return dataError({ file, row: rowNumber, column: col.name }, message);
}

/**
 * A {@link CsvRowSink} that evaluates each row of `file` with `spec` and hands the output text
 * to `write`: the header line (input header + output columns) when the header arrives, then one
 * line per row, `\n`-terminated. Throws DataError at the first bad row (what was handed to
 * `write` before stays the caller's to discard).
 */
export function batchSink(file: string, spec: BatchSpec, write: (text: string) => void, options: BatchOptions = {}): CsvRowSink {
  const field = options.rawCsv ? formatCsvField : formatSafeCsvField;
  const cols = spec.columns;
  let indices: Int32Array = new Int32Array(0);
  // One values object, refilled per row (the evaluators copy what they need): no per-row garbage.
  const values: Record<string, number | string | undefined> = {};
  for (const col of cols) values[col.field] = undefined;
  return {
    header(header) {
      indices = resolveColumns({ file, header }, spec);
      let line = '';
      for (let i = 0; i < header.length; i++) line += (i > 0 ? ',' : '') + field(header[i]);
      for (const out of spec.outputColumns) line += ',' + field(out);
      write(line + '\n');
    },
    row(row, rowNumber) {
      for (let k = 0; k < cols.length; k++) {
        const i = indices[k];
        values[cols[k].field] = readCellAt(file, rowNumber, cols[k], i < 0 ? undefined : row[i]);
      }
      let out: readonly string[];
      try {
        out = spec.evaluate(values);
      } catch (err) {
        throw rowFailure(file, rowNumber, spec, err);
      }
      let line = '';
      for (let i = 0; i < row.length; i++) line += (i > 0 ? ',' : '') + field(row[i]);
      for (let i = 0; i < out.length; i++) line += ',' + field(out[i]);
      write(line + '\n');
    },
  };
}

/**
 * Evaluates every row of a table in memory and returns the whole output CSV text (header +
 * rows, `\n` line ends). Throws DataError at the first bad row; nothing is written by this
 * function. The commands stream instead (output.ts `runCsvCommand`).
 */
export function runBatch(table: CsvTable, spec: BatchSpec, options: BatchOptions = {}): string {
  const parts: string[] = [];
  const sink = batchSink(table.file, spec, (text) => void parts.push(text), options);
  sink.header(table.header);
  for (let r = 0; r < table.rows.length; r++) sink.row(table.rows[r], table.rowNumbers[r]);
  return parts.join('');
}

function rowFailure(file: string, row: number, spec: BatchSpec, err: unknown): DataError {
  if (err instanceof DataError) return err;
  if (err instanceof InputError) {
    const col = spec.columns.find((c) => c.field === err.field);
    return dataError({ file, row, column: col?.name }, err.message);
  }
  if (err instanceof RowError) return dataError({ file, row, column: err.column }, err.message);
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return dataError({ file, row }, `internal error while evaluating the row (${message}); please report it with this row`);
}

/**
 * A result value with `decimals` digits after the point; a non-finite value is a RowError on
 * `column` (never written as NaN / Infinity).
 */
export function formatResult(value: number, decimals: number, column: string): string {
  if (!Number.isFinite(value)) throw new RowError(column, `the model gives no finite value for these inputs (${String(value)})`);
  const text = value.toFixed(decimals);
  // toFixed keeps the sign of tiny negatives: "-0.000000" → "0.000000".
  return value < 0 && Number(text) === 0 ? (0).toFixed(decimals) : text;
}

/** The `warning` cell: empty when in range, several warnings joined with "; ". */
export function formatWarnings(warnings: readonly string[]): string {
  return warnings.join('; ');
}
