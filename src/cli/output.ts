/**
 * Writing a command's result without ever damaging what is at the output path
 * (docs/cli-hardening.md):
 *
 * - `--output <file>` ({@link openOutput}): checked before anything is computed — the target
 *   must be a regular file or a new name in an existing folder; a symbolic link (never
 *   replaced, never followed), a directory, a device (`/dev/null`, `/dev/full`), a named pipe,
 *   a socket or a read-only file is refused with a message naming it. The result is streamed
 *   into a temporary file created (exclusively, `wx`) in the target's folder, given the
 *   existing file's mode (and owner, when run as root), synced and renamed over the target only
 *   when every row succeeded; on any failure the temporary file is removed and the target is
 *   untouched.
 * - stdout (no `--output`, or `-`): the result is spooled — in memory up to
 *   {@link SPOOL_MEMORY_CHARS}, then in a temporary file of the OS temp folder — and copied to
 *   stdout only when every row succeeded, so a failed run prints nothing on stdout. (Checking
 *   the whole input first and computing it again would need a re-readable input and twice the
 *   time; the spool costs disk space equal to the output instead.)
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readlinkSync, readSync, renameSync, statSync, unlinkSync, writeSync, type Stats,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { CliIo, OptionSpec, ParsedOptions } from './command.ts';
import { describeFsError, streamCsvFile } from './csv.ts';
import { batchSink, type BatchSpec } from './batch.ts';
import { DataError } from './errors.ts';

/** `--input <cases.csv>`, shared by the CSV commands. */
export const INPUT_OPTION: OptionSpec = { name: 'input', valueName: 'cases.csv', required: true, description: 'input CSV (comma-separated, header row, UTF-8)' };
/** `--output <out.csv>`, shared by the CSV commands. */
export const OUTPUT_OPTION: OptionSpec = {
  name: 'output', valueName: 'out.csv', required: false,
  description: 'output CSV (default: stdout), a regular file or a new name; written only when every row succeeds, its permissions kept',
};
/** `--raw-csv`, shared by the CSV commands: no formula escaping. */
export const RAW_CSV_OPTION: OptionSpec = {
  name: 'raw-csv', valueName: '', required: false, flag: true,
  description: "write every cell as it is; by default a cell starting with = + - @ tab or CR that is not a number (-7.5 is one) is written '= … so that a spreadsheet shows it instead of running it",
};
/** The options every CSV command ends with. */
export const CSV_OUTPUT_OPTIONS: readonly OptionSpec[] = [INPUT_OPTION, OUTPUT_OPTION, RAW_CSV_OPTION];

/** Output characters kept in memory before a stdout spool moves to a temporary file. */
export const SPOOL_MEMORY_CHARS = 1024 * 1024;
/** Characters gathered before one write to the file (few system calls, bounded memory). */
const WRITE_BUFFER_CHARS = 256 * 1024;

/** Where a command's text goes; nothing is visible at the destination before {@link commit}. */
export interface OutputTarget {
  /** Appends text. @throws DataError when it cannot be stored */
  write(text: string): void;
  /** Every row succeeded: the file is renamed into place / the spool copied to stdout. */
  commit(): void;
  /** The run failed: temporary files removed, the destination untouched. Never throws. */
  abort(): void;
}

const isStdout = (outputPath: string | undefined): outputPath is undefined | '-' => outputPath === undefined || outputPath === '-';

/**
 * Fails early (before any computation) when `--output` cannot be written safely: its folder
 * does not exist, or it is a symbolic link, a directory, a device, a named pipe, a socket, a
 * read-only file or a file this user may not write.
 * @returns the existing file's status, or null for a new name (or stdout)
 * @throws DataError `<path>: cannot write the output: <why>`
 */
export function checkOutputTarget(outputPath: string | undefined): Stats | null {
  if (isStdout(outputPath)) return null;
  const refuse = (why: string): never => {
    throw new DataError(`${outputPath}: cannot write the output: ${why}`);
  };
  const target = resolve(outputPath);
  const dir = dirname(target);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) refuse(`folder ${dir} does not exist`);
  let st: Stats;
  try {
    st = lstatSync(target);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return null;
    return refuse(describeFsError(err));
  }
  if (st.isSymbolicLink()) {
    let to = '';
    try {
      to = ` to ${readlinkSync(target)}`;
    } catch {
      // unreadable link: named without its target
    }
    refuse(`it is a symbolic link${to}; phusong never replaces a link: give the path of the file itself`);
  }
  if (st.isDirectory()) refuse(`it is a directory; give a file name, e.g. ${join(outputPath, 'out.csv')}`);
  if (st.isCharacterDevice() || st.isBlockDevice()) refuse(`it is a ${st.isCharacterDevice() ? 'character' : 'block'} device, not a regular file; phusong writes only regular files (leave out --output to write to stdout)`);
  if (st.isFIFO()) refuse('it is a named pipe (FIFO), not a regular file; leave out --output and redirect stdout into the pipe');
  if (st.isSocket()) refuse('it is a socket, not a regular file');
  if (!st.isFile()) refuse('it is not a regular file');
  // Checked on the mode bits too: root passes access(W_OK) on a 0444 file.
  if ((st.mode & 0o222) === 0) refuse(`the file is read-only (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); make it writable or choose another name`);
  try {
    accessSync(target, constants.W_OK);
  } catch (err) {
    refuse(describeFsError(err));
  }
  return st;
}

/**
 * The destination of a command's text: a safe file target or a stdout spool (see the file
 * header). Creates the temporary file at once, so an unwritable folder fails before any
 * computation.
 * @throws DataError naming the output path
 */
export function openOutput(outputPath: string | undefined, io: CliIo): OutputTarget {
  const existing = checkOutputTarget(outputPath);
  return isStdout(outputPath) ? stdoutSpool(io) : fileTarget(outputPath, existing);
}

function tempName(dir: string, base: string): string {
  return join(dir, `.${base}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

function fileTarget(outputPath: string, existing: Stats | null): OutputTarget {
  const target = resolve(outputPath);
  const fail = (err: unknown): DataError => new DataError(`${outputPath}: cannot write the output (${describeFsError(err)})`);
  const tmp = tempName(dirname(target), basename(target));
  let fd: number | null;
  try {
    // Exclusive creation: never opens a file (or a link) someone else put there.
    fd = openSync(tmp, 'wx', existing ? existing.mode & 0o7777 : 0o666);
    if (existing) {
      fchmodSync(fd, existing.mode & 0o7777); // the umask must not narrow the kept mode
      if (typeof process.getuid === 'function' && process.getuid() === 0 && (existing.uid !== 0 || existing.gid !== 0)) {
        try {
          fchownSync(fd, existing.uid, existing.gid);
        } catch {
          // keep root's ownership when the file system refuses
        }
      }
    }
  } catch (err) {
    throw fail(err);
  }
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = () => {
    if (pendingChars === 0 || fd === null) return;
    const text = pending.join('');
    pending = [];
    pendingChars = 0;
    writeSync(fd, text);
  };
  const cleanUp = () => {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      fd = null;
    }
    try {
      unlinkSync(tmp);
    } catch {
      // never created or already renamed
    }
  };
  return {
    write(text) {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= WRITE_BUFFER_CHARS) {
        try {
          flush();
        } catch (err) {
          cleanUp();
          throw fail(err);
        }
      }
    },
    commit() {
      try {
        flush();
        fsyncSync(fd!);
        closeSync(fd!);
        fd = null;
        // The target may have been replaced while we computed (a link planted): check again.
        checkOutputTarget(outputPath);
        renameSync(tmp, target);
      } catch (err) {
        cleanUp();
        throw err instanceof DataError ? err : fail(err);
      }
    },
    abort: cleanUp,
  };
}

function stdoutSpool(io: CliIo): OutputTarget {
  let parts: string[] = [];
  let chars = 0;
  let fd: number | null = null;
  let path: string | null = null;
  const fail = (err: unknown): DataError => new DataError(`stdout: cannot hold the output until the run ends: temporary file in ${tmpdir()} (${describeFsError(err)})`);
  const spill = () => {
    if (fd === null) {
      path = tempName(tmpdir(), 'phusong-stdout');
      fd = openSync(path, 'wx+', 0o600);
    }
    writeSync(fd, parts.join(''));
    parts = [];
    chars = 0;
  };
  const cleanUp = () => {
    parts = [];
    chars = 0;
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      fd = null;
    }
    if (path !== null) {
      try {
        unlinkSync(path);
      } catch {
        // already removed
      }
      path = null;
    }
  };
  return {
    write(text) {
      parts.push(text);
      chars += text.length;
      // In memory up to SPOOL_MEMORY_CHARS; once spilled, written every WRITE_BUFFER_CHARS.
      if (chars >= (fd === null ? SPOOL_MEMORY_CHARS : WRITE_BUFFER_CHARS)) {
        try {
          spill();
        } catch (err) {
          cleanUp();
          throw fail(err);
        }
      }
    },
    commit() {
      try {
        if (fd === null) {
          const text = parts.join('');
          parts = [];
          if (text !== '') io.stdout(text);
          return;
        }
        spill();
        const decoder = new TextDecoder('utf-8');
        const bytes = Buffer.allocUnsafe(WRITE_BUFFER_CHARS);
        for (let at = 0; ; ) {
          const n = readSync(fd, bytes, 0, bytes.length, at);
          if (n === 0) break;
          at += n;
          const text = decoder.decode(bytes.subarray(0, n), { stream: true });
          if (text !== '') io.stdout(text);
        }
        const tail = decoder.decode();
        if (tail !== '') io.stdout(tail);
      } catch (err) {
        throw err instanceof DataError ? err : fail(err);
      } finally {
        cleanUp();
      }
    },
    abort: cleanUp,
  };
}

/** Writes `text` to stdout (no path or `-`) or atomically to `outputPath` (same checks as {@link openOutput}). */
export function writeOutput(outputPath: string | undefined, text: string, io: CliIo): void {
  const target = openOutput(outputPath, io);
  try {
    target.write(text);
    target.commit();
  } catch (err) {
    target.abort();
    throw err;
  }
}

/**
 * The whole CSV command: check `--output` and open its temporary file, stream `--input` row by
 * row through `spec` into it, and commit only when every row succeeded (`--raw-csv`: no formula
 * escaping). Memory stays flat in the number of rows.
 */
export function runCsvCommand(options: ParsedOptions, io: CliIo, spec: BatchSpec): void {
  const input = options.get('input') ?? '';
  const target = openOutput(options.get('output'), io);
  try {
    streamCsvFile(input, batchSink(input, spec, (text) => target.write(text), { rawCsv: options.has('raw-csv') }));
    target.commit();
  } catch (err) {
    target.abort();
    throw err;
  }
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

/** How errors and the output file are handled, for the --help of the CSV commands. */
export const ERRORS_HELP =
  'A malformed cell stops the run with one line on stderr naming the file, the row and the column\n' +
  '(rows count data lines from 1; the header is not counted) and exit code 1; no output file is written.\n' +
  'The input is read row by row (memory does not grow with the number of rows). The output is\n' +
  'written to a temporary file beside --output and renamed over it only when every row succeeded\n' +
  '(stdout: printed only then); a symbolic link, a directory, a device such as /dev/null, a named\n' +
  'pipe or a read-only file as --output is refused before anything is computed, and an existing\n' +
  "file keeps its permissions. Cells a spreadsheet would run as formulas are written '=… unless --raw-csv.";
