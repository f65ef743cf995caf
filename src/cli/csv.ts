/**
 * CSV reading and writing for the command line (RFC 4180, comma-separated, UTF-8).
 *
 * Reading (papaparse): a UTF-8 byte-order mark is dropped, LF / CRLF / CR line ends are all
 * accepted, quoted fields may hold commas, quotes ("") and line breaks. Cell values are kept as
 * the exact strings read (no trimming, no number reformatting) so that pass-through columns come
 * out unchanged. Blank lines are skipped but still counted, so data row N is line N + 1 of the
 * file (unless a quoted field spans lines).
 *
 * Writing: fields are quoted only when they hold a comma, a quote, CR or LF (quotes doubled);
 * lines end with `\n`; no byte-order mark.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
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

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads and parses a CSV file; throws DataError (one line, naming the file) when it cannot. */
export function readCsvFile(path: string): CsvTable {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw dataError({ file: path }, `cannot read the file (${describeFsError(err)})`);
  }
  let text: string;
  try {
    text = UTF8.decode(bytes); // drops a leading BOM
  } catch {
    throw dataError({ file: path }, 'the file is not UTF-8 text; save it as "CSV UTF-8 (comma delimited)"');
  }
  return parseCsvText(text, path);
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
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw dataError({ file }, 'the file is empty (a header row and data rows are expected)');

  const parsed = Papa.parse<string[]>(text, { delimiter: ',', quoteChar: '"', escapeChar: '"', header: false, skipEmptyLines: false, dynamicTyping: false });
  const data = parsed.data;
  // The header is the first non-blank line.
  let headerIndex = 0;
  while (headerIndex < data.length && isBlank(data[headerIndex])) headerIndex++;
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    const row = typeof e.row !== 'number' || e.row <= headerIndex ? 'header' : e.row - headerIndex;
    const what = e.code === 'MissingQuotes' ? 'a quoted field is never closed (missing ")' : e.code === 'InvalidQuotes' ? 'a quoted field has text after its closing quote; double the quotes inside a quoted field ("")' : e.message;
    throw dataError({ file, row }, what);
  }
  const header = data[headerIndex];
  if (header.length === 1) {
    const only = header[0];
    const other = only.includes(';') ? ';' : only.includes('\t') ? 'tab' : only.includes('|') ? '|' : null;
    if (other !== null) {
      throw dataError({ file, row: 'header' }, `only one column found and it contains "${other === 'tab' ? '\\t' : other}": the file looks ${other}-separated; phusong reads comma-separated CSV (RFC 4180) with "." as decimal point`);
    }
  }

  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = headerIndex + 1; i < data.length; i++) {
    const fields = data[i];
    if (isBlank(fields)) continue;
    const rowNumber = i - headerIndex;
    if (fields.length !== header.length) throw fieldCountError(file, rowNumber, header, fields);
    rows.push(fields);
    rowNumbers.push(rowNumber);
  }
  return { file, header, rows, rowNumbers };
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

/** One line of output, terminated by `\n`. */
export function formatCsvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += formatCsvField(fields[i]);
  }
  return line + '\n';
}
