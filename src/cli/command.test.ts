import { describe, expect, it } from 'vitest';
import { commandHelp, parseOptions, type CliCommand } from './command.ts';
import { UsageError } from './errors.ts';

/** A command with one choice option, one required and one optional plain option. */
const DEMO: CliCommand = {
  name: 'demo',
  summary: 'demo command',
  options: [
    { name: 'model', valueName: 'id', required: true, description: 'model id', choices: () => ['a', 'b-2'], choicesLabel: 'models' },
    { name: 'input', valueName: 'cases.csv', required: true, description: 'input' },
    { name: 'output', valueName: 'out.csv', required: false, description: 'output' },
  ],
  details: () => 'Details here.',
  run: () => undefined,
};

function usageError(argv: string[]): string {
  try {
    parseOptions(DEMO, argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseOptions', () => {
  it('reads --name value and --name=value', () => {
    const o = parseOptions(DEMO, ['--model', 'b-2', '--input=x.csv']);
    expect(o.get('model')).toBe('b-2');
    expect(o.get('input')).toBe('x.csv');
    expect(o.has('output')).toBe(false);
  });

  it.each([
    [['--model', 'c', '--input', 'x'], 'demo: unknown model "c" for --model; valid models: a, b-2'],
    [['--modle', 'a'], 'demo: unknown option --modle; valid options: --model, --input, --output, --help'],
    [['--input', 'x'], 'demo: missing --model <id>; valid models: a, b-2'],
    [['--model', 'a'], 'demo: missing --input <cases.csv>'],
    [['--model', 'a', '--input'], 'demo: --input needs a value <cases.csv>'],
    [['--model', 'a', '--input', 'x', '--input', 'y'], 'demo: --input is given twice'],
    [['--model', 'a', 'x.csv'], 'demo: unexpected argument "x.csv"; valid options: --model, --input, --output, --help'],
  ])('%j → one-line error listing the valid choices', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});

describe('commandHelp', () => {
  it('shows usage with required and optional options, then the details', () => {
    const help = commandHelp(DEMO);
    expect(help.split('\n')[0]).toBe('Usage: npx phusong demo --model <id> --input <cases.csv> [--output <out.csv>]');
    expect(help).toContain('--help');
    expect(help.trimEnd().endsWith('Details here.')).toBe(true);
  });
});
