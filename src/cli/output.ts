/**
 * Writing a command's result: to stdout, or to a file via a temporary file in the same folder
 * renamed into place only on success, so that a failed run never leaves a partial output file
 * (and an existing file is kept until the new one is complete).
 */
import { randomBytes } from 'node:crypto';
import { renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CliIo, OptionSpec, ParsedOptions } from './command.ts';
import { readCsvFile, describeFsError } from './csv.ts';
import { runBatch, type BatchSpec } from './batch.ts';
import { DataError } from './errors.ts';

/** `--input <cases.csv>`, shared by the CSV commands. */
export const INPUT_OPTION: OptionSpec = { name: 'input', valueName: 'cases.csv', required: true, description: 'input CSV (comma-separated, header row, UTF-8)' };
/** `--output <out.csv>`, shared by the CSV commands. */
export const OUTPUT_OPTION: OptionSpec = { name: 'output', valueName: 'out.csv', required: false, description: 'output CSV (default: stdout); written only when every row succeeds' };

/** Fails early (before any computation) when the output folder does not exist. */
export function checkOutputTarget(outputPath: string | undefined): void {
  if (outputPath === undefined || outputPath === '-') return;
  const dir = dirname(resolve(outputPath));
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new DataError(`${outputPath}: cannot write the output: folder ${dir} does not exist`);
}

/** Writes `text` to stdout (no path or `-`) or atomically to `outputPath`. */
export function writeOutput(outputPath: string | undefined, text: string, io: CliIo): void {
  if (outputPath === undefined || outputPath === '-') {
    io.stdout(text);
    return;
  }
  const target = resolve(outputPath);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    throw new DataError(`${outputPath}: cannot write the output (${describeFsError(err)})`);
  }
}

/** The whole CSV command: read `--input`, evaluate every row with `spec`, write `--output`. */
export function runCsvCommand(options: ParsedOptions, io: CliIo, spec: BatchSpec): void {
  const input = options.get('input') ?? '';
  const output = options.get('output');
  checkOutputTarget(output);
  const table = readCsvFile(input);
  const text = runBatch(table, spec);
  writeOutput(output, text, io);
}

/** The `Input columns` / `Output columns` block of a CSV command's --help. */
export function columnsHelp(spec: BatchSpec, outputs: readonly string[]): string {
  const width = Math.max(...spec.columns.map((c) => c.name.length), ...spec.outputColumns.map((c) => c.length));
  const lines = ['Input columns (any order; other columns are passed through unchanged; names are case-insensitive):'];
  for (const c of spec.columns) {
    const req = c.required ? 'required' : 'optional, empty = default';
    const choices = c.kind === 'choice' && c.choices ? ` — one of ${c.choices.join(', ')}` : '';
    lines.push(`  ${c.name.padEnd(width)}  ${req}; ${c.description}${choices}`);
  }
  lines.push('Output columns (after all input columns):');
  spec.outputColumns.forEach((c, i) => lines.push(`  ${c.padEnd(width)}  ${outputs[i] ?? ''}`));
  return lines.join('\n');
}

/** How errors are reported, for the --help of the CSV commands. */
export const ERRORS_HELP =
  'A malformed cell stops the run with one line on stderr naming the file, the row and the column\n' +
  '(rows count data lines from 1; the header is not counted) and exit code 1; no output file is written.';
