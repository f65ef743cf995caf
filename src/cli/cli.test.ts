/**
 * The command line as analysts run it: `node bin/phusong.mjs …` in a child process, on temp
 * files. Values are checked against published data (../shared/data/validation/, see its
 * SOURCES.md) or hand calculations; malformed inputs against the error contract (exit ≠ 0, one
 * stderr line naming row and column, no stack trace, no output file). Each test spawns tsx
 * (~0.5 s), so the tests run concurrently and are kept to the contract's cases.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'phusong.mjs');
const VALIDATION = resolve(ROOT, '..', 'shared', 'data', 'validation');

/** The 19 path-loss ids of the command-line contract (issue text), an outside list. */
const CONTRACT_MODEL_IDS = ['fspl', 'two-ray', 'hata-urban-small', 'hata-urban-large', 'hata-suburban', 'hata-open', 'cost231', 'cost231-metro', '38901-rma-los', '38901-rma-nlos', '38901-rma-expected', '38901-uma-los', '38901-uma-nlos', '38901-uma-expected', '38901-umi-los', '38901-umi-nlos', '38901-umi-expected', '38901-inh-los', '38901-inh-nlos'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, maxBuffer: 64 << 20, timeout: 60000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

const TEMP_DIRS: string[] = [];
afterAll(() => TEMP_DIRS.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'phusong-cli-'));
  TEMP_DIRS.push(dir);
  return dir;
}

/** Rows of a validation CSV as records (papaparse with header: an independent reading). */
function validationRows(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(join(VALIDATION, file), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

/** Output CSV parsed with papaparse in header mode. */
function parseOut(text: string): { fields: string[]; rows: Record<string, string>[]; raw: string[][] } {
  const records = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const raw = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true }).data;
  return { fields: records.meta.fields ?? [], rows: records.data, raw };
}

/** Asserts the error contract for one failed run; `outPath` must not exist afterwards. */
function expectOneLineError(run: Run, outPath: string, pattern: RegExp): void {
  expect(run.code).not.toBe(0);
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
  expect(run.stdout).toBe('');
  expect(existsSync(outPath)).toBe(false);
  expect(readdirSync(dirname(outPath)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

describe.concurrent('phusong command line (child process)', () => {
  it('--help lists the four commands; pathloss --help lists every contract model id', async () => {
    const dir = tempDir();
    const [top, pathloss] = await Promise.all([runCli(['--help'], dir), runCli(['pathloss', '--help'], dir)]);
    expect(top.code).toBe(0);
    for (const c of ['pathloss', 'losprob', 'clutter', 'bel']) expect(top.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(pathloss.code).toBe(0);
    for (const id of CONTRACT_MODEL_IDS) expect(pathloss.stdout).toMatch(new RegExp(`^  ${id} `, 'm'));
  });

  it('an unknown model is one line listing the valid models, exit 2', async () => {
    const dir = tempDir();
    const run = await runCli(['pathloss', '--model', 'okumura', '--input', 'x.csv'], dir);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"okumura"');
    for (const id of CONTRACT_MODEL_IDS) expect(lines[0]).toContain(id);
  });

  it('pathloss: ns-3 UMa NLOS check values within 0.01 dB; BOM + CRLF input; columns passed through byte-identical', async () => {
    // tr38901_ns3_testsuite_shipped.csv rows 13–16 (UMa NLOS, fc 5 GHz, hBS 25 m, hUT 1.5 m),
    // column PL_dB_ns3_current_code; closed form, tolerance 0.01 dB.
    const ref = validationRows('tr38901_ns3_testsuite_shipped.csv').filter((r) => r.scenario === 'UMa' && r.condition === 'NLOS');
    expect(ref).toHaveLength(4);
    const dir = tempDir();
    const header = ['note', 'd2d_m', 'freq_mhz', 'h_ut_m', 'extra', 'h_bs_m'];
    const cells = ref.map((r, i) => [i === 0 ? '"Vĩnh Long, ""A"""' : `row ${i}`, r.d2D_m, String(Number(r.fc_GHz) * 1000), r.h_UT_m, i === 1 ? '' : ' 035.50 ', r.h_BS_m]);
    const lines = [header.join(','), ...cells.map((c) => c.join(','))];
    writeFileSync(join(dir, 'cases.csv'), '\ufeff' + lines.join('\r\n') + '\r\n');
    const run = await runCli(['pathloss', '--model', '38901-uma-nlos', '--input', 'cases.csv', '--output', 'out.csv'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const text = readFileSync(join(dir, 'out.csv'), 'utf8');
    expect(text.includes('\r')).toBe(false);
    const outLines = text.split('\n');
    expect(outLines[0]).toBe([...header, 'pl_db', 'warning'].join(','));
    // Byte-identical pass-through: each output line starts with its input line (no re-quoting needed: same text).
    for (let i = 1; i < lines.length; i++) expect(outLines[i].startsWith(lines[i] + ',')).toBe(true);
    const out = parseOut(text);
    expect(out.rows).toHaveLength(4);
    out.rows.forEach((row, i) => {
      expect(Math.abs(Number(row.pl_db) - Number(ref[i].PL_dB_ns3_current_code))).toBeLessThanOrEqual(0.01);
      expect(row.pl_db).toMatch(/^\d+\.\d{6}$/);
      expect(row.warning).toBe('');
    });
    expect(out.rows[0].note).toBe('Vĩnh Long, "A"');
  });

  it('losprob to stdout: RMa hand values', async () => {
    // 38.901 Table 7.4.2-1 RMa: p = 1 for d2d ≤ 10 m, else exp(−(d2d − 10)/1000):
    //   d2d 10 m → 1;  510 m → exp(−0.5) = 0.606530660;  1010 m → exp(−1) = 0.367879441.
    const dir = tempDir();
    writeFileSync(join(dir, 'cases.csv'), 'id,d2d_m,h_ut_m\na,10,1.5\nb,510,1.5\nc,1010,1.5\n');
    const run = await runCli(['losprob', '--scenario', 'rma', '--input', 'cases.csv'], dir);
    expect(run.code).toBe(0);
    const out = parseOut(run.stdout);
    expect(out.fields).toEqual(['id', 'd2d_m', 'h_ut_m', 'p_los', 'warning']);
    expect(out.rows.map((r) => Number(r.p_los))).toEqual([1, 0.60653066, 0.367879441]);
  });

  it('clutter p2108-3.1: NTIA check values within 0.05 dB (0.1 dB rounding), defaults from Table 3', async () => {
    // p2108_height_gain_terminal_correction_shipped.csv, rows with ntia_return_code 0. NTIA
    // clutter classes 1–6 = water/sea, open/rural, suburban, urban, trees/forest, dense urban.
    const classes = ['water-sea', 'open-rural', 'suburban', 'urban', 'trees-forest', 'dense-urban'];
    const ref = validationRows('p2108_height_gain_terminal_correction_shipped.csv').filter((r) => r.ntia_return_code === '0');
    expect(ref.length).toBeGreaterThanOrEqual(17);
    const dir = tempDir();
    const body = ref.map((r) => `${r.f_GHz},${r.h_m},${classes[Number(r.clutter_type_NTIA) - 1]},${r.R_m},${r.w_s_m}`);
    // Row 1 again with R and ws left empty: water/sea default R = 10 m and ws = 27 m (Table 3).
    expect([ref[0].R_m, ref[0].w_s_m, ref[0].clutter_type_NTIA]).toEqual(['10', '27', '1']);
    body.push(`${ref[0].f_GHz},${ref[0].h_m},water-sea,,`);
    writeFileSync(join(dir, 'cases.csv'), `freq_ghz,h_m,clutter_type,clutter_height_m,street_width_m\n${body.join('\n')}\n`);
    const run = await runCli(['clutter', '--model', 'p2108-3.1', '--input', 'cases.csv', '--output', 'out.csv'], dir);
    expect(run.stderr).toBe('');
    const rows = parseOut(readFileSync(join(dir, 'out.csv'), 'utf8')).rows;
    const expected = [...ref.map((r) => Number(r.A_h_dB_expected)), Number(ref[0].A_h_dB_expected)];
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => expect(Math.abs(Number(row.loss_db) - expected[i])).toBeLessThanOrEqual(0.05));
  });

  it('clutter p2108-3.2: NTIA check values within 0.05 dB (0.1 dB rounding)', async () => {
    const ref = validationRows('p2108_terrestrial_statistical_shipped.csv').filter((r) => r.ntia_return_code === '0');
    expect(ref.length).toBeGreaterThanOrEqual(5);
    const dir = tempDir();
    writeFileSync(join(dir, 'cases.csv'), `p_pct,d_km,freq_ghz\n${ref.map((r) => `${r.p_pct},${r.d_km},${r.f_GHz}`).join('\n')}\n`);
    const run = await runCli(['clutter', '--model', 'p2108-3.2', '--input', 'cases.csv'], dir);
    expect(run.stderr).toBe('');
    const rows = parseOut(run.stdout).rows;
    expect(rows).toHaveLength(ref.length);
    rows.forEach((row, i) => expect(Math.abs(Number(row.loss_db) - Number(ref[i].L_ctt_dB_expected))).toBeLessThanOrEqual(0.05));
  });

  it('bel: crc-covlib P.2109 check values within 0.01 dB (given to 1e-6 dB), negative elevations accepted', async () => {
    const ref = validationRows('p2109_building_entry_loss_shipped.csv');
    const classCol = Object.keys(ref[0]).find((k) => k.startsWith('building_class')) ?? '';
    const dir = tempDir();
    const body = ref.map((r) => `${r.f_GHz},${r.p_pct},${r[classCol] === '1' ? 'traditional' : 'thermally-efficient'},${r.theta_deg}`);
    writeFileSync(join(dir, 'cases.csv'), `freq_ghz,p_pct,building,elevation_deg\n${body.join('\n')}\n`);
    const run = await runCli(['bel', '--input', 'cases.csv'], dir);
    expect(run.stderr).toBe('');
    const rows = parseOut(run.stdout).rows;
    expect(rows).toHaveLength(ref.length);
    rows.forEach((row, i) => expect(Math.abs(Number(row.loss_db) - Number(ref[i].L_BEL_dB))).toBeLessThanOrEqual(0.01));
  });

  const PL_HEADER = 'freq_mhz,d2d_m,h_bs_m,h_ut_m';
  it.each([
    ['missing column', 'pathloss', `freq_mhz,d2d_m,h_bs_m\n1800,100,25\n`, /^cases\.csv header row, column h_ut_m: required column is missing/],
    ['non-number', 'pathloss', `${PL_HEADER}\n1800,100,25,1.5\n1800,200,25,1.5\n1800,abc,25,1.5\n`, /^cases\.csv row 3 \(header not counted\), column d2d_m: "abc" is not a number$/],
    ['empty file', 'pathloss', '', /^cases\.csv: the file is empty/],
    [';-separated file', 'pathloss', `freq_mhz;d2d_m;h_bs_m;h_ut_m\n1800;100;25;1.5\n`, /^cases\.csv header row: .*looks ;-separated/],
    ['non-finite value', 'pathloss', `${PL_HEADER}\n1800,100,25,1.5\nInfinity,100,25,1.5\n`, /^cases\.csv row 2 \(header not counted\), column freq_mhz: "Infinity" is not a finite number$/],
    ['negative value', 'pathloss', `${PL_HEADER}\n1800,100,25,-1.5\n`, /^cases\.csv row 1 \(header not counted\), column h_ut_m: -1\.5 is negative/],
    ['row with too few fields', 'pathloss', `${PL_HEADER}\n1800,100,25,1.5\n1800,100\n`, /^cases\.csv row 2 \(header not counted\), column h_bs_m: missing/],
    ['unknown clutter_type', 'clutter', `freq_ghz,h_m,clutter_type\n1.5,2,urban\n1.5,2,city\n`, /^cases\.csv row 2 \(header not counted\), column clutter_type: "city" is not one of water-sea, /],
  ])('malformed input (%s): exit ≠ 0, one stderr line naming row and column, no output file', async (_name, command, text, pattern) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cases.csv'), text);
    const model = command === 'pathloss' ? ['--model', 'fspl'] : ['--model', 'p2108-3.1'];
    const run = await runCli([command, ...model, '--input', 'cases.csv', '--output', 'out.csv'], dir);
    expectOneLineError(run, join(dir, 'out.csv'), pattern);
  });

  it('a failed run keeps an existing output file unchanged', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cases.csv'), `freq_ghz,p_pct,building,elevation_deg\n1,50,traditional,0\n1,100,traditional,0\n`);
    writeFileSync(join(dir, 'out.csv'), 'previous result\n');
    const run = await runCli(['bel', '--input', 'cases.csv', '--output', 'out.csv'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^cases\.csv row 2 \(header not counted\), column p_pct: /);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('previous result\n');
    expect(readdirSync(dir).sort()).toEqual(['cases.csv', 'out.csv']);
  });
});
