/**
 * Streaming reader of measurement CSV: text arrives in chunks ({@link MeasurementCsvParser.push},
 * or a `ReadableStream` through {@link readMeasurementStream}); the complete records of a chunk
 * are cut into fields, checked ({@link RowChecker}) and handed out in batches of typed arrays.
 * Only the unfinished last record of a chunk is kept between chunks, so a file of a million rows
 * is read in a worker without ever holding its text, and each chunk is a short task.
 *
 * Text without quotes (every log seen so far) is cut with indexOf into spans of the chunk, with
 * no array or string per row: a million rows of arrays of strings cost more in garbage collection
 * than the parsing itself (bench/measurements.ts: 77 s against 2.5–3.8 s on a loaded machine).
 * Text with quotes goes through papaparse.
 *
 * Dialect: RFC 4180 quotes; the delimiter is found on the header line (`,`, `;` or tab: the one
 * that occurs most there outside quotes); with `;` or tab a decimal comma is accepted; LF, CRLF
 * or CR line ends (found on the first line); a UTF-8 byte-order mark is dropped. Lines before the
 * header that are blank or start with `#` (Network Survey writes such comments) are skipped, as
 * are blank and `#` lines later. Row numbers are file line numbers: the header's line is its own
 * number (1 in a file without comments), and a quoted field spanning lines counts from its first.
 */
import Papa from 'papaparse';
import { resolveColumns, type ColumnMapping, type MeasurementField } from './columns.ts';
import { MeasurementFileError, type MeasurementProblem } from './messages.ts';
import { allocatePoints, trimPoints, type MeasurementPoints, type WritablePoints } from './points.ts';
import { newRowSpans, RowChecker, setRowFields, type RowCheckOptions, type RowSpans } from './rows.ts';

export interface MeasurementImportOptions extends RowCheckOptions {
  /** Explicit column per field (header names compared after normalisation); null = not read. */
  readonly columns?: ColumnMapping;
  /** Points per batch (default 65,536). */
  readonly batchSize?: number;
  /** Problems kept in the summary (default: all); `problemCount` counts them all. */
  readonly maxProblems?: number;
}

/** One batch of kept points, with what the batch adds to the file's cell-id dictionary. */
export interface MeasurementBatch {
  readonly points: MeasurementPoints;
  /** Dictionary index of `newCellIds[0]`. */
  readonly cellIdBase: number;
  readonly newCellIds: readonly string[];
  /** Problems of the rows read since the previous batch. */
  readonly problems: readonly MeasurementProblem[];
  /** Data rows read so far (whole file). */
  readonly rowsRead: number;
}

/** What a whole file gave, once read. */
export interface MeasurementImportSummary {
  readonly fileName: string;
  readonly format: 'csv' | 'geojson';
  /** CSV delimiter found on the header line. */
  readonly delimiter: ',' | ';' | '\t' | null;
  /** Field → header as written. */
  readonly columns: readonly { readonly field: MeasurementField; readonly column: string }[];
  /** Header names not used. */
  readonly ignoredColumns: readonly string[];
  /** Whole-file remarks (e.g. a time column switched off). */
  readonly notes: readonly string[];
  /** Data rows read (blank and `#` lines not counted). */
  readonly rowsRead: number;
  readonly pointsKept: number;
  /** Rows of neighbour cells (serving flag false), skipped. */
  readonly neighbourRowsSkipped: number;
  /** Every problem in row order (up to `maxProblems`). */
  readonly problems: readonly MeasurementProblem[];
  readonly problemCount: number;
}

/**
 * Incremental CSV reader. `push` text chunks in order, then `end()`; batches go to `onBatch` as
 * they fill (the last one, shorter, at `end()`). Whole-file problems throw
 * {@link MeasurementFileError} naming the file (and the line where there is one).
 */
export class MeasurementCsvParser {
  private buf = '';
  private scanPos = 0;
  private inQuotes = false;
  private started = false;
  private newline: '\n' | '\r\n' | '\r' | null = null;
  private delimiter: ',' | ';' | '\t' | null = null;
  /** Line number of the first line of `buf`. */
  private line = 1;
  private checker: RowChecker | null = null;
  private row: RowSpans = newRowSpans(0);
  private header: string[] = [];
  private columns: MeasurementImportSummary['columns'] = [];
  private ignored: readonly string[] = [];
  private batch: WritablePoints;
  private batchCount = 0;
  private readonly batchSize: number;
  private batchProblems: MeasurementProblem[] = [];
  private readonly allProblems: MeasurementProblem[] = [];
  private problemCount = 0;
  private rowsRead = 0;
  private kept = 0;
  private finished = false;

  constructor(
    readonly fileName: string,
    private readonly options: MeasurementImportOptions,
    private readonly onBatch: (batch: MeasurementBatch) => void,
  ) {
    this.batchSize = Math.max(1, options.batchSize ?? 65536);
    this.batch = allocatePoints(this.batchSize);
  }

  /** Feeds the next piece of text (any size; records may span pieces). */
  push(text: string): void {
    if (this.finished) throw new Error(`${this.fileName}: push after end`);
    if (!this.started) {
      if (text.length === 0) return;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.started = true;
    }
    if (text.includes('\u0000')) throw new MeasurementFileError(this.fileName, 'not a text file (CSV expected)');
    this.buf += text;
    if (this.newline === null && !this.detectNewline(false)) return;
    const cut = this.lastRecordEnd();
    if (cut <= 0) return;
    const complete = this.buf.slice(0, cut);
    this.buf = this.buf.slice(cut);
    this.scanPos -= cut;
    this.consume(complete, true);
  }

  /** Reads what is left, hands out the last batch and returns the summary. */
  end(): MeasurementImportSummary {
    if (this.finished) throw new Error(`${this.fileName}: end called twice`);
    this.finished = true;
    if (this.newline === null) this.detectNewline(true);
    this.lastRecordEnd(); // brings the quote state to the end of the text
    if (this.inQuotes) throw new MeasurementFileError(this.fileName, `line ${this.line}: a quoted field is never closed (missing ")`);
    if (this.buf.length > 0) this.consume(this.buf, false);
    this.buf = '';
    if (this.checker === null) throw new MeasurementFileError(this.fileName, 'the file is empty (a header row and one row per measurement are expected)');
    if (this.rowsRead === 0) throw new MeasurementFileError(this.fileName, 'no data rows after the header');
    this.flush(true);
    return {
      fileName: this.fileName, format: 'csv', delimiter: this.delimiter, columns: this.columns, ignoredColumns: this.ignored,
      notes: this.checker.timeNote === null ? [] : [this.checker.timeNote],
      rowsRead: this.rowsRead, pointsKept: this.kept, neighbourRowsSkipped: this.checker.neighbourRows,
      problems: this.allProblems, problemCount: this.problemCount,
    };
  }

  private detectNewline(atEnd: boolean): boolean {
    const b = this.buf;
    const r = b.indexOf('\r');
    const n = b.indexOf('\n');
    if (n >= 0 && (r < 0 || n < r)) this.newline = '\n';
    else if (r >= 0 && r + 1 < b.length) this.newline = b[r + 1] === '\n' ? '\r\n' : '\r';
    else if (r >= 0 && atEnd) this.newline = '\r';
    else if (atEnd) this.newline = '\n';
    return this.newline !== null;
  }

  /**
   * End (exclusive) of the last complete record in `buf`, 0 if none; scanning resumes where the
   * last call stopped, and `inQuotes` is left as the state at the end of `buf`.
   */
  private lastRecordEnd(): number {
    const b = this.buf;
    const endChar = this.newline === '\r' ? '\r' : '\n';
    let last = 0;
    if (!this.inQuotes && b.indexOf('"', this.scanPos) < 0) {
      // Before scanPos there is no record end outside quotes (the text up to the last one was
      // consumed), so only a line end in the new text counts.
      const at = b.lastIndexOf(endChar);
      last = at >= this.scanPos ? at + 1 : 0;
    } else {
      const q = 34;
      const e = endChar.charCodeAt(0);
      let inQ = this.inQuotes;
      for (let i = this.scanPos; i < b.length; i++) {
        const c = b.charCodeAt(i);
        if (c === q) inQ = !inQ;
        else if (c === e && !inQ) last = i + 1;
      }
      this.inQuotes = inQ;
    }
    this.scanPos = b.length;
    return last;
  }

  /** Parses complete records (`text` ends with a line end when `terminated`). */
  private consume(text: string, terminated: boolean): void {
    const nl = this.newline ?? '\n';
    if (this.checker === null) {
      text = this.readHeader(text, nl);
      if (this.checker === null || text.length === 0) return;
    }
    if (text.indexOf('"') < 0) this.consumePlain(text, nl);
    else this.consumeQuoted(text, terminated, nl);
  }

  /**
   * Text without quotes (the usual case): lines and fields are found with indexOf and handed to
   * the checker as spans of `text`, with no array or string per row.
   */
  private consumePlain(text: string, nl: string): void {
    const row = this.row;
    row.text = text;
    const cap = row.starts.length;
    const delim = this.delimiter ?? ',';
    const endChar = nl === '\r' ? '\r' : '\n';
    const crlf = nl === '\r\n';
    let pos = 0;
    while (pos < text.length) {
      let lineEnd = text.indexOf(endChar, pos);
      const next = lineEnd < 0 ? text.length : lineEnd + 1;
      if (lineEnd < 0) lineEnd = text.length;
      if (crlf && lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      const line = this.line++;
      let k = 0;
      let a = pos;
      for (;;) {
        let b = text.indexOf(delim, a);
        if (b < 0 || b > lineEnd) b = lineEnd;
        if (k < cap) {
          row.starts[k] = a;
          row.ends[k] = b;
        }
        k++;
        if (b === lineEnd) break;
        a = b + 1;
      }
      row.count = k;
      pos = next;
      if (this.skippable(row)) continue;
      this.checkRow(row, line);
    }
  }

  /** Text with quotes: papaparse splits the records, each handed over as joined fields. */
  private consumeQuoted(text: string, terminated: boolean, nl: '\n' | '\r\n' | '\r'): void {
    const parsed = Papa.parse<string[]>(text, { delimiter: this.delimiter ?? ',', newline: nl, quoteChar: '"', escapeChar: '"', header: false, skipEmptyLines: false, dynamicTyping: false });
    if (parsed.errors.length > 0) {
      const e = parsed.errors[0];
      const at = typeof e.row === 'number' ? this.lineOfRecord(parsed.data, e.row, nl) : this.line;
      const what = e.code === 'MissingQuotes' ? 'a quoted field is never closed (missing ")' : e.code === 'InvalidQuotes' ? 'a quoted field has text after its closing quote; double the quotes inside a quoted field ("")' : e.message;
      throw new MeasurementFileError(this.fileName, `line ${at}: ${what}`);
    }
    const rows = parsed.data;
    const count = terminated ? rows.length - 1 : rows.length; // the line end of the last record leaves an empty last row
    const endChar = nl === '\r' ? '\r' : '\n';
    const row = this.row;
    for (let r = 0; r < count; r++) {
      const fields = rows[r];
      const line = this.line;
      this.line += 1 + countChar(fields, endChar);
      setRowFields(row, fields);
      if (this.skippable(row)) continue;
      this.checkRow(row, line);
    }
  }

  /** A blank line, or a `#` comment. */
  private skippable(row: RowSpans): boolean {
    const t = row.text;
    let i = row.starts[0];
    if (row.count === 1) {
      while (i < row.ends[0] && t.charCodeAt(i) <= 32) i++;
      if (i === row.ends[0]) return true;
    }
    return row.ends[0] > row.starts[0] && t.charCodeAt(row.starts[0]) === 35; /* # */
  }

  private checkRow(row: RowSpans, line: number): void {
    this.rowsRead++;
    const before = this.batchProblems.length;
    const k = (this.checker as RowChecker).check(row, line, this.batch, this.batchCount, this.batchProblems);
    this.problemCount += this.batchProblems.length - before;
    this.batchCount += k;
    this.kept += k;
    if (this.batchCount === this.batchSize) this.flush(false);
  }

  private lineOfRecord(rows: string[][], index: number, nl: string): number {
    let line = this.line;
    const endChar = nl === '\r' ? '\r' : '\n';
    for (let r = 0; r < index && r < rows.length; r++) line += 1 + countChar(rows[r], endChar);
    return line;
  }

  /** Skips blank and `#` lines, reads the header line, resolves the columns; returns the text after the header. */
  private readHeader(text: string, nl: string): string {
    let pos = 0;
    while (pos < text.length) {
      const endAt = text.indexOf(nl, pos);
      const lineEnd = endAt < 0 ? text.length : endAt;
      const lineText = text.slice(pos, lineEnd);
      const next = endAt < 0 ? text.length : endAt + nl.length;
      if (lineText.trim() === '' || lineText.trimStart().startsWith('#')) {
        this.line++;
        pos = next;
        continue;
      }
      this.delimiter = detectDelimiter(lineText);
      const parsed = Papa.parse<string[]>(lineText, { delimiter: this.delimiter, quoteChar: '"', escapeChar: '"', header: false });
      if (parsed.errors.length > 0) throw new MeasurementFileError(this.fileName, `line ${this.line} (header): ${parsed.errors[0].message.toLowerCase()} (check the quotes)`);
      this.header = parsed.data[0].map((h) => h.trim());
      const resolved = resolveColumns(this.header, this.fileName, this.options.columns);
      this.columns = resolved.used;
      this.ignored = resolved.ignored;
      this.checker = new RowChecker(resolved.index, this.header, this.options, this.delimiter !== ',');
      this.row = this.checker.newRow();
      this.line++;
      return text.slice(next);
    }
    return '';
  }

  private flush(last: boolean): void {
    const checker = this.checker;
    if (checker === null) return;
    if (this.batchCount === 0 && this.batchProblems.length === 0 && !last) return;
    const max = this.options.maxProblems ?? Infinity;
    for (const p of this.batchProblems) if (this.allProblems.length < max) this.allProblems.push(p);
    const full = this.batchCount === this.batchSize;
    const points = full ? { ...this.batch, count: this.batchCount } : trimPoints({ ...this.batch, count: this.batchCount });
    const newCellIds = checker.takeNewCellIds();
    const cellIdBase = checker.cellIdTotal - newCellIds.length;
    this.onBatch({ points, cellIdBase, newCellIds, problems: this.batchProblems, rowsRead: this.rowsRead });
    this.batchProblems = [];
    this.batchCount = 0;
    if (full && !last) this.batch = allocatePoints(this.batchSize);
  }
}

function countChar(fields: readonly string[], ch: string): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf(ch); i >= 0; i = f.indexOf(ch, i + 1)) n++;
  return n;
}

/** The delimiter of a header line: `,`, `;` or tab, whichever occurs most outside quotes (`,` on a tie). */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  let comma = 0, semi = 0, tab = 0, inQ = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine[i];
    if (c === '"') inQ = !inQ;
    else if (!inQ) {
      if (c === ',') comma++;
      else if (c === ';') semi++;
      else if (c === '\t') tab++;
    }
  }
  if (tab > comma && tab >= semi) return '\t';
  if (semi > comma && semi > tab) return ';';
  return ',';
}

/**
 * Reads a stream of bytes (UTF-8) or text into the parser, chunk by chunk, awaiting each read so
 * that a worker stays responsive to cancel messages between chunks.
 * @param signal - aborts the read: the stream is cancelled and the promise rejects with an `AbortError`
 * @throws MeasurementFileError for bytes that are not UTF-8, or a file that cannot be read as measurements
 */
export async function readMeasurementStream(
  stream: ReadableStream<Uint8Array | string>,
  fileName: string,
  options: MeasurementImportOptions,
  onBatch: (batch: MeasurementBatch) => void,
  signal?: AbortSignal,
): Promise<MeasurementImportSummary> {
  const parser = new MeasurementCsvParser(fileName, options, onBatch);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = stream.getReader();
  const abort = (): never => {
    throw new DOMException(`${fileName}: import cancelled`, 'AbortError');
  };
  try {
    for (;;) {
      if (signal?.aborted) {
        await reader.cancel();
        abort();
      }
      const { value, done } = await reader.read();
      if (done) break;
      if (typeof value === 'string') parser.push(value);
      else {
        let text: string;
        try {
          text = decoder.decode(value, { stream: true });
        } catch {
          throw new MeasurementFileError(fileName, 'not UTF-8 text (save the log as "CSV UTF-8")');
        }
        parser.push(text);
      }
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw new MeasurementFileError(fileName, 'not UTF-8 text (the file ends inside a character)');
    }
    if (tail) parser.push(tail);
    if (signal?.aborted) abort();
    return parser.end();
  } finally {
    reader.releaseLock();
  }
}
