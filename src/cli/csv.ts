/**
 * CSV reading and writing for the command line (RFC 4180, comma-separated, UTF-8).
 *
 * Reading (papaparse's core parser, fed chunk by chunk): a UTF-8 byte-order mark is dropped,
 * LF / CRLF / CR line ends are all accepted (the one ending the header row, {@link lineEndOf}),
 * quoted fields may hold commas, quotes ("") and line breaks. Cell values are kept as
 * the exact strings read (no trimming, no number reformatting) so that pass-through columns
 * come out unchanged. Blank lines are skipped but still counted, so data row N is line N + 1 of
 * the file (unless a quoted field spans lines). A file is read in 1 MiB chunks and its rows
 * handed on one at a time ({@link streamCsvFile}): memory does not grow with the number of
 * rows. A record longer than {@link MAX_RECORD_CHARS} (a quote never closed in a big file) is
 * refused instead of being re-parsed to the end of the file.
 *
 * Writing: fields are quoted only when they hold a comma, a quote, CR or LF (quotes doubled);
 * lines end with `\n`; no byte-order mark. The "safe" writers escape a cell a spreadsheet would
 * run as a formula (src/core/export/vector.ts `FORMULA_CELL`: starts with = + - @ TAB CR and is
 * not a plain number) with papaparse's `escapeFormulae` — what the app's CSV exports use — as
 * `"'=…"`.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import Papa from 'papaparse';
import { FORMULA_CELL } from '../core/export/vector.ts';
import { dataError, quoteValue } from './errors.ts';

/** A parsed CSV file: header and data rows, every row with exactly `header.length` fields. */
export interface CsvTable {
  /** File name as given on the command line, used in messages. */
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** 1-based data-row number of each entry of `rows` (header not counted, blank lines counted). */
  readonly rowNumbers: readonly number[];
}

/** Receives the records of a CSV stream, in file order, synchronously. */
export interface CsvRowSink {
  /** The header (the first non-blank record), once, before any row. */
  header(header: readonly string[]): void;
  /** One data row with exactly `header.length` fields; `rowNumber` as in {@link CsvTable.rowNumbers}. */
  row(fields: readonly string[], rowNumber: number): void;
}

/** Longest record accepted, characters (a real row is a few hundred). */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;
/** Bytes read at a time. */
const CHUNK_BYTES = 256 * 1024;

/**
 * The line end of a CSV text: the one that ends its first record (LF, CR LF or CR; a quoted
 * field may hold any of them). Null while it cannot be known yet (no line end seen, or a CR
 * that is the last character so far), unless `final`: a one-line file then reads as LF.
 * Deciding on the first record, not on the whole text, makes the rows independent of how the
 * text arrives in pieces; for a file with one kind of line end it is what papaparse guesses.
 */
export function lineEndOf(text: string, final: boolean): '\n' | '\r\n' | '\r' | null {
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      // RFC 4180: inside quotes, "" is a quote; a lone " ends the quoted part.
      if (c === 0x22) {
        if (text.charCodeAt(i + 1) === 0x22) i++;
        else quoted = false;
      }
      continue;
    }
    if (c === 0x22 && fieldStart) quoted = true;
    else if (c === 0x0a) return '\n';
    else if (c === 0x0d) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === 0x0a ? '\r\n' : '\r';
      return final ? '\r' : null;
    }
    fieldStart = c === 0x2c;
  }
  return final ? '\n' : null;
}

const UTF8_MESSAGE = 'the file is not UTF-8 text; save it as "CSV UTF-8 (comma delimited)"';

/**
 * Incremental CSV reader: {@link push} text as it arrives, then {@link end}. Rows go to the sink
 * during `push` / `end`; every problem (broken quotes, a header that looks ;-separated, a row
 * with the wrong number of fields, an empty file) throws ONE DataError naming the file, the
 * row and the column, at the first problem in file order.
 */
export class CsvStreamParser {
  private buffer = '';
  private started = false;
  private newline: '\n' | '\r\n' | '\r' | null = null;
  /** Records (blank ones included) delivered so far: the index of the next one. */
  private records = 0;
  private headerIndex = -1;
  private headerWidth = 0;
  private header: readonly string[] = [];

  constructor(private readonly file: string, private readonly sink: CsvRowSink) {}

  /** Adds text (the next piece of the file, any length, split anywhere). */
  push(text: string): void {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buffer += text;
    if (this.newline === null) {
      this.newline = lineEndOf(this.buffer, false);
      // No line end yet: wait for more text (a first record longer than the limit is refused by parse).
      if (this.newline === null && this.buffer.length <= MAX_RECORD_CHARS) return;
    }
    this.parse(false);
  }

  /** The end of the file: parses what is left and checks the file had a header. */
  end(): void {
    this.parse(true);
    if (this.headerIndex < 0) throw dataError({ file: this.file }, 'the file is empty (a header row and data rows are expected)');
  }

  private parse(final: boolean): void {
    this.newline ??= lineEndOf(this.buffer, true) ?? '\n';
    const parser = new Papa.Parser({ delimiter: ',', quoteChar: '"', escapeChar: '"', newline: this.newline });
    const result = parser.parse(this.buffer, 0, !final) as { data: string[][]; errors: Papa.ParseError[]; meta: { cursor: number } };
    const data = result.data;
    // Without `final`, an error on the unfinished last record (row = data.length) is an
    // artefact of the cut: that record is parsed again with the next chunk.
    let firstError: Papa.ParseError | undefined;
    let firstRow = Infinity;
    for (const e of result.errors) {
      const row = e.row ?? 0;
      if ((final || row < data.length) && row < firstRow) {
        firstError = e;
        firstRow = row;
      }
    }
    for (let i = 0; i < data.length; i++) {
      if (firstError !== undefined && firstRow === i) this.quoteError(firstError, this.records + i);
      this.record(data[i], this.records + i);
    }
    if (firstError !== undefined) this.quoteError(firstError, this.records + firstRow);
    this.records += data.length;
    this.buffer = final ? '' : this.buffer.slice(result.meta.cursor);
    if (this.buffer.length > MAX_RECORD_CHARS) {
      const row = this.headerIndex < 0 ? 'header' : this.records - this.headerIndex;
      throw dataError({ file: this.file, row }, `a record runs over more than ${MAX_RECORD_CHARS} characters: a quoted field is never closed (missing ")`);
    }
  }

  private quoteError(e: Papa.ParseError, index: number): never {
    const row = this.headerIndex < 0 || index <= this.headerIndex ? 'header' : index - this.headerIndex;
    const what = e.code === 'MissingQuotes' ? 'a quoted field is never closed (missing ")' : e.code === 'InvalidQuotes' ? 'a quoted field has text after its closing quote; double the quotes inside a quoted field ("")' : e.message;
    throw dataError({ file: this.file, row }, what);
  }

  private record(fields: string[], index: number): void {
    if (isBlank(fields)) return;
    if (this.headerIndex < 0) {
      this.headerIndex = index;
      this.header = fields;
      this.headerWidth = fields.length;
      if (fields.length === 1) {
        const only = fields[0];
        const other = only.includes(';') ? ';' : only.includes('\t') ? 'tab' : only.includes('|') ? '|' : null;
        if (other !== null) {
          throw dataError({ file: this.file, row: 'header' }, `only one column found and it contains "${other === 'tab' ? '\\t' : other}": the file looks ${other}-separated; phusong reads comma-separated CSV (RFC 4180) with "." as decimal point`);
        }
      }
      this.sink.header(fields);
      return;
    }
    const rowNumber = index - this.headerIndex;
    if (fields.length !== this.headerWidth) throw fieldCountError(this.file, rowNumber, this.header, fields);
    this.sink.row(fields, rowNumber);
  }
}

/**
 * Streams a CSV file to `sink`, reading 1 MiB at a time (memory flat in the number of rows).
 * @throws DataError naming the file (unreadable, not UTF-8) or the row and column
 */
export function streamCsvFile(path: string, sink: CsvRowSink): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw dataError({ file: path }, `cannot read the file (${describeFsError(err)})`);
  }
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true }); // drops a leading BOM
    const parser = new CsvStreamParser(path, sink);
    const bytes = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, bytes, 0, CHUNK_BYTES, null);
      } catch (err) {
        throw dataError({ file: path }, `cannot read the file (${describeFsError(err)})`);
      }
      if (n === 0) break;
      let text: string;
      try {
        text = decoder.decode(bytes.subarray(0, n), { stream: true });
      } catch {
        throw dataError({ file: path }, UTF8_MESSAGE);
      }
      parser.push(text);
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw dataError({ file: path }, UTF8_MESSAGE);
    }
    if (tail) parser.push(tail);
    parser.end();
  } finally {
    closeSync(fd);
  }
}

/** Collects a stream's rows into a {@link CsvTable} (tests and small files). */
function tableSink(file: string): CsvRowSink & { table(): CsvTable } {
  let header: readonly string[] = [];
  const rows: (readonly string[])[] = [];
  const rowNumbers: number[] = [];
  return {
    header: (h) => void (header = h),
    row(fields, n) {
      rows.push(fields);
      rowNumbers.push(n);
    },
    table: () => ({ file, header, rows, rowNumbers }),
  };
}

/**
 * Reads and parses a whole CSV file into memory; throws DataError (one line, naming the file)
 * when it cannot. The commands stream instead ({@link streamCsvFile}).
 */
export function readCsvFile(path: string): CsvTable {
  const sink = tableSink(path);
  streamCsvFile(path, sink);
  return sink.table();
}

/** Short reason for a file-system error, e.g. `no such file` for ENOENT. */
export function describeFsError(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** Parses CSV text (see the file header for the accepted dialect). */
export function parseCsvText(text: string, file: string): CsvTable {
  const sink = tableSink(file);
  const parser = new CsvStreamParser(file, sink);
  parser.push(text);
  parser.end();
  return sink.table();
}

/** A line that holds nothing but white space. */
function isBlank(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0].trim() === '';
}

function fieldCountError(file: string, row: number, header: readonly string[], fields: readonly string[]) {
  const joined = fields.join(',');
  if (fields.length < header.length) {
    const hint = fields.length === 1 && /[;\t|]/.test(fields[0]) ? '; the row looks separated by another character than ","' : '';
    return dataError({ file, row, column: header[fields.length] }, `missing: the row has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${header.length}${hint}`);
  }
  const hint = /\d,\d/.test(joined) ? ' (a decimal comma? use "." as decimal point, or quote the field)' : '';
  return dataError({ file, row, column: `#${header.length + 1} (beyond the header)` }, `the row has ${fields.length} fields, the header has ${header.length}${hint}: ${quoteValue(fields[header.length])}`);
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted per RFC 4180 only when it holds a comma, a quote, CR or LF. */
export function formatCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * {@link formatCsvField}, except that a formula cell ({@link FORMULA_CELL}) is written by
 * papaparse's `escapeFormulae`: `'` prefixed, quoted (`=HYPERLINK("x")` → `"'=HYPERLINK(""x"")"`).
 */
export function formatSafeCsvField(value: string): string {
  return FORMULA_CELL.test(value) ? Papa.unparse([[value]], { escapeFormulae: FORMULA_CELL, newline: '\n' }) : formatCsvField(value);
}

/** One line of output, terminated by `\n`; values written as they are. */
export function formatCsvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += formatCsvField(fields[i]);
  }
  return line + '\n';
}

/** One line of output, terminated by `\n`, formula cells escaped ({@link formatSafeCsvField}). */
export function formatSafeCsvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += formatSafeCsvField(fields[i]);
  }
  return line + '\n';
}
