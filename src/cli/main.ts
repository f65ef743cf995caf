/**
 * `npx phusong <command> …`: the analysts' batch command line (README.md).
 *
 * The dispatcher is the table {@link COMMANDS}: adding a command means writing one
 * {@link CliCommand} (usually in `commands/`) and adding it to that list — help, option
 * parsing and error reporting come with it.
 */
import { coverageCommand } from './commands/coverage.ts';
import { belCommand } from './commands/bel.ts';
import { clutterCommand } from './commands/clutter.ts';
import { losprobCommand } from './commands/losprob.ts';
import { pathlossCommand } from './commands/pathloss.ts';
import { itmCommand } from './commands/itm.ts';
import { planCommand } from './commands/plan.ts';
import { calibrateCommand } from './commands/calibrate.ts';
import { commandHelp, parseOptions, type CliCommand, type CliIo } from './command.ts';
import { DataError, EXIT_DATA_ERROR, EXIT_USAGE_ERROR, UsageError, oneLine } from './errors.ts';

/** Every command, in the order `phusong --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [pathlossCommand, losprobCommand, clutterCommand, belCommand, coverageCommand, itmCommand, planCommand, calibrateCommand];

/** Writes to the process's stdout / stderr. */
export const PROCESS_IO: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** `phusong --help`. */
export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: npx phusong <command> [options]      (or: node bin/phusong.mjs <command> [options])',
    '',
    'Runs phusong’s radio models over a CSV file, one result per row.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'npx phusong <command> --help shows a command’s options, models and columns.',
    'Exit codes: 0 success, 1 bad input data or unwritable output, 2 wrong command line.',
    '',
  ].join('\n');
}

function commandNames(): string {
  return COMMANDS.map((c) => c.name).join(', ');
}

/**
 * Runs one command line (`argv` without `node` and the script) and returns the exit code.
 * Never throws: every failure is printed as one line on `io.stderr`.
 */
export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) throw new UsageError(`no command given; valid commands: ${commandNames()} (npx phusong --help)`);
    if (first === '--help' || first === '-h' || first === 'help') {
      const target = first === 'help' && rest[0] !== undefined ? findCommand(rest[0]) : undefined;
      io.stdout(target ? commandHelp(target) : mainHelp());
      return 0;
    }
    const command = findCommand(first);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(commandHelp(command));
      return 0;
    }
    await command.run(parseOptions(command, rest), io);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`phusong: ${oneLine(err.message)}\n`);
      return EXIT_USAGE_ERROR;
    }
    if (err instanceof DataError) {
      io.stderr(`${oneLine(err.message)}\n`);
      return EXIT_DATA_ERROR;
    }
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    io.stderr(`phusong: internal error: ${oneLine(message)}\n`);
    return EXIT_DATA_ERROR;
  }
}

function findCommand(name: string): CliCommand {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const what = name.startsWith('-') ? `unknown option ${name} before the command` : `unknown command ${JSON.stringify(name)}`;
    throw new UsageError(`${what}; valid commands: ${commandNames()} (npx phusong --help)`);
  }
  return command;
}
