/**
 * What a command of the dispatcher (`main.ts`) is, and the option parser they share.
 * Adding a command = writing one object of type {@link CliCommand} and adding it to
 * `COMMANDS` in main.ts.
 */
import { UsageError } from './errors.ts';

/** Where a command writes. Injected so that tests can run commands in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** One `--name <value>` option. */
export interface OptionSpec {
  /** Without the dashes, e.g. `model`. */
  readonly name: string;
  /** Placeholder in usage lines, e.g. `id`, `cases.csv`. */
  readonly valueName: string;
  readonly required: boolean;
  readonly description: string;
  /** Allowed values (checked by {@link parseOptions}); a function so registries are read lazily. */
  readonly choices?: () => readonly string[];
  /** Plural noun for the choices in messages, e.g. `models`, `scenarios`. */
  readonly choicesLabel?: string;
  /** A switch without a value (`--raw-csv`): present = `'true'` in the parsed options. */
  readonly flag?: boolean;
}

/** Parsed options by name (without dashes). */
export type ParsedOptions = ReadonlyMap<string, string>;

export interface CliCommand {
  /** The word after `phusong`, e.g. `pathloss`. */
  readonly name: string;
  /** One line for `phusong --help`. */
  readonly summary: string;
  readonly options: readonly OptionSpec[];
  /** Text after the usage and option list in `phusong <name> --help` (columns, models…). */
  details(): string;
  /** Runs with validated options; throws UsageError / DataError, returns when done. */
  run(options: ParsedOptions, io: CliIo): void | Promise<void>;
}

/**
 * Parses `--name value` / `--name=value` pairs against the command's option specs. Unknown,
 * repeated, value-less or missing required options and values outside `choices` throw a
 * one-line UsageError that lists the valid choices.
 */
export function parseOptions(command: CliCommand, argv: readonly string[]): ParsedOptions {
  const out = new Map<string, string>();
  const valid = () => [...command.options.map((o) => `--${o.name}`), '--help'].join(', ');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      throw new UsageError(`${command.name}: unexpected argument ${JSON.stringify(arg)}; valid options: ${valid()}`);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = command.options.find((o) => o.name === name);
    if (!spec) throw new UsageError(`${command.name}: unknown option --${name}; valid options: ${valid()}`);
    if (spec.flag) {
      if (eq >= 0) throw new UsageError(`${command.name}: --${name} takes no value`);
      if (out.has(name)) throw new UsageError(`${command.name}: --${name} is given twice`);
      out.set(name, 'true');
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') {
      throw new UsageError(`${command.name}: --${name} needs a value <${spec.valueName}>${choicesHint(spec)}`);
    }
    if (out.has(name)) throw new UsageError(`${command.name}: --${name} is given twice`);
    if (spec.choices && !spec.choices().includes(value)) {
      throw new UsageError(`${command.name}: unknown ${singular(spec)} ${JSON.stringify(value)} for --${name}${choicesHint(spec)}`);
    }
    out.set(name, value);
  }
  for (const spec of command.options) {
    if (spec.required && !out.has(spec.name)) {
      throw new UsageError(`${command.name}: missing --${spec.name} <${spec.valueName}>${choicesHint(spec)}`);
    }
  }
  return out;
}

function choicesHint(spec: OptionSpec): string {
  return spec.choices ? `; valid ${spec.choicesLabel ?? 'values'}: ${spec.choices().join(', ')}` : '';
}

function singular(spec: OptionSpec): string {
  const label = spec.choicesLabel ?? 'value';
  return label.endsWith('s') ? label.slice(0, -1) : label;
}

/** `phusong <name> --help` text: usage line, options, then the command's details. */
export function commandHelp(command: CliCommand): string {
  const form = (o: OptionSpec) => (o.flag ? `--${o.name}` : `--${o.name} <${o.valueName}>`);
  const usage = command.options.map((o) => (o.required ? form(o) : `[${form(o)}]`)).join(' ');
  const width = Math.max(...command.options.map((o) => form(o).length), 8);
  const lines = [`Usage: npx phusong ${command.name} ${usage}`, '', command.summary, '', 'Options:'];
  for (const o of command.options) lines.push(`  ${form(o).padEnd(width)}  ${o.description}`);
  lines.push(`  ${'--help'.padEnd(width)}  this text`);
  const details = command.details().trimEnd();
  if (details) lines.push('', details);
  return lines.join('\n') + '\n';
}
