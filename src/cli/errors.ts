/**
 * The two kinds of failure the command line reports, each as ONE line on stderr (never a stack
 * trace): a usage error (unknown command, option or model; exit code 2) and a data error
 * (unreadable or malformed input file, or a row the models reject; exit code 1).
 */

/** Exit code for a malformed or unreadable input file, or an unwritable output. */
export const EXIT_DATA_ERROR = 1;
/** Exit code for a wrong command line (unknown command / option / model, missing option). */
export const EXIT_USAGE_ERROR = 2;

/** Wrong command line; the message is the whole line printed after `phusong: `. */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE_ERROR;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Bad input data; the message is the whole line printed, starting with the file name. */
export class DataError extends Error {
  readonly exitCode = EXIT_DATA_ERROR;
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

/**
 * Where in an input file a problem is. `row` is the 1-based data row (the header is not
 * counted: row 1 is the first line after the header), `'header'` for the header row, or
 * undefined for the whole file.
 */
export interface CsvLocation {
  readonly file: string;
  readonly row?: number | 'header';
  readonly column?: string;
}

/**
 * One-line message naming file, row and column, e.g.
 * `cases.csv row 3 (header not counted), column d2d_m: "abc" is not a number`.
 */
export function locatedMessage(loc: CsvLocation, message: string): string {
  let where = loc.file;
  if (loc.row === 'header') where += ' header row';
  else if (loc.row !== undefined) where += ` row ${loc.row} (header not counted)`;
  if (loc.column !== undefined) where += `${loc.row === undefined ? '' : ','} column ${loc.column}`;
  return `${where}: ${oneLine(message)}`;
}

/** Builds a {@link DataError} located in a file. */
export function dataError(loc: CsvLocation, message: string): DataError {
  return new DataError(locatedMessage(loc, message));
}

/** Collapses line breaks so that a message always stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Quotes a cell value for a message, shortened when long: `"abc"`. */
export function quoteValue(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  return JSON.stringify(shown);
}
