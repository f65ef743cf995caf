/**
 * The dispatcher in-process (`main(argv, io)` on real temp files, as bin/phusong.mjs calls it):
 * breadth that would be slow as child processes — every 38.901 model against ns-3's check
 * values, every example file, the docs listing every model and column.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { PATH_LOSS_MODEL_IDS } from '../core/propagation/registry.ts';
import { BEL_SPEC } from './commands/bel.ts';
import { CLUTTER_MODELS } from './commands/clutter.ts';
import { losprobSpec } from './commands/losprob.ts';
import { PATHLOSS_COLUMNS } from './commands/pathloss.ts';
import { COMMANDS, main } from './main.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VALIDATION = resolve(ROOT, '..', 'shared', 'data', 'validation');

const TEMP_DIRS: string[] = [];
afterAll(() => TEMP_DIRS.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function runMain(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('main: path loss against ns-3 (tr38901_ns3_testsuite_shipped.csv)', () => {
  // Every row of the file; scenario/condition → model id; fc GHz → MHz; RMa's h and W left
  // empty so the model defaults (5 m, 20 m, the values ns-3 uses) apply. Closed forms:
  // tolerance 0.01 dB against PL_dB_ns3_current_code.
  const ref = Papa.parse<Record<string, string>>(readFileSync(join(VALIDATION, 'tr38901_ns3_testsuite_shipped.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const SCENARIO: Record<string, string> = { RMa: 'rma', UMa: 'uma', 'UMi-StreetCanyon': 'umi', 'InH-Office': 'inh' };
  const ids = [...new Set(ref.map((r) => `38901-${SCENARIO[r.scenario]}-${r.condition.toLowerCase()}`))];

  it('covers the eight LOS / NLOS models', () => {
    expect(ids).toHaveLength(8);
  });

  it.each(ids)('%s', async (id) => {
    const rows = ref.filter((r) => `38901-${SCENARIO[r.scenario]}-${r.condition.toLowerCase()}` === id);
    const dir = mkdtempSync(join(tmpdir(), 'phusong-main-'));
    TEMP_DIRS.push(dir);
    const input = join(dir, 'cases.csv');
    writeFileSync(input, `freq_mhz,d2d_m,h_bs_m,h_ut_m,h_building_m,street_width_m\n${rows.map((r) => `${Number(r.fc_GHz) * 1000},${r.d2D_m},${r.h_BS_m},${r.h_UT_m},,`).join('\n')}\n`);
    const run = await runMain(['pathloss', '--model', id, '--input', input]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = Papa.parse<Record<string, string>>(run.stdout, { header: true, skipEmptyLines: true }).data;
    expect(out).toHaveLength(rows.length);
    out.forEach((o, i) => expect(Math.abs(Number(o.pl_db) - Number(rows[i].PL_dB_ns3_current_code))).toBeLessThanOrEqual(0.01));
  });
});

describe('main: command line errors', () => {
  it.each([
    [[], /^phusong: no command given; valid commands: pathloss, losprob, clutter, bel/],
    [['coverge'], /^phusong: unknown command "coverge"; valid commands: pathloss, losprob, clutter, bel/],
    [['losprob', '--scenario', 'urban', '--input', 'x.csv'], /^phusong: losprob: unknown scenario "urban" for --scenario; valid scenarios: rma, uma, umi$/],
    [['clutter', '--model', 'p2108', '--input', 'x.csv'], /^phusong: clutter: unknown model "p2108" for --model; valid models: p2108-3.1, p2108-3.2$/],
    [['bel', '--input', 'x.csv', '--out', 'y.csv'], /^phusong: bel: unknown option --out; valid options: --input, --output, --raw-csv, --help$/],
  ])('%j → exit 2 with one line', async (argv, pattern) => {
    const run = await runMain(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr.trimEnd()).toMatch(pattern);
  });

  it('a missing input file is one data-error line naming it, exit 1', async () => {
    const run = await runMain(['bel', '--input', '/nonexistent/cases.csv']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('/nonexistent/cases.csv: cannot read the file (no such file or directory)\n');
  });

  it('a missing output folder fails before reading the input', async () => {
    const run = await runMain(['bel', '--input', '/nonexistent/cases.csv', '--output', '/nonexistent-dir/out.csv']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^\/nonexistent-dir\/out\.csv: cannot write the output: folder \/nonexistent-dir does not exist\n$/);
  });
});

describe('data/examples and the README', () => {
  const examples: [string, string[]][] = [
    ['pathloss.csv', ['pathloss', '--model', '38901-uma-expected']],
    ['pathloss.csv', ['pathloss', '--model', '38901-rma-expected']],
    ['losprob.csv', ['losprob', '--scenario', 'uma']],
    ['clutter-p2108-3.1.csv', ['clutter', '--model', 'p2108-3.1']],
    ['clutter-p2108-3.2.csv', ['clutter', '--model', 'p2108-3.2']],
    ['bel.csv', ['bel']],
  ];
  it.each(examples)('data/examples/%s runs with %j', async (file, argv) => {
    const input = join(ROOT, 'data', 'examples', file);
    const run = await runMain([...argv, '--input', input]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rowsIn = Papa.parse<string[]>(readFileSync(input, 'utf8'), { skipEmptyLines: true }).data.length;
    expect(Papa.parse<string[]>(run.stdout, { skipEmptyLines: true }).data.length).toBe(rowsIn);
  });

  it('the README names every command, model id and column', () => {
    const doc = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const names = [
      ...COMMANDS.map((c) => c.name),
      ...PATH_LOSS_MODEL_IDS,
      ...Object.keys(CLUTTER_MODELS),
      ...PATHLOSS_COLUMNS.map((c) => c.name),
      ...losprobSpec('uma').columns.map((c) => c.name),
      ...Object.values(CLUTTER_MODELS).flatMap((m) => m.spec.columns.map((c) => c.name)),
      ...BEL_SPEC.columns.map((c) => c.name),
      'pl_db',
      'p_los',
      'loss_db',
      'warning',
    ];
    for (const name of names) expect(doc, name).toContain(`\`${name}\``);
  });
});
