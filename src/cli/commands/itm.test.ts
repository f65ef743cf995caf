/**
 * `phusong itm` (the command-line contract of issue 12).
 *
 * Sources: NTIA's shipped check values — ../shared/data/validation/itm_p2p_shipped.csv (with
 * itm_pfls_shipped.csv) and itm_area_shipped.csv, NTIA/itm @ 183ad95b (SOURCES.md there) —
 * read independently with papaparse; data/examples/itm-*.csv carry the same rows in the
 * command's columns. The error contract (one stderr line naming file, row and column; exit 1;
 * no output) as the other commands have it, with NTIA's error in words.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BIN = join(ROOT, 'bin', 'phusong.mjs');
const VALIDATION = resolve(ROOT, '..', 'shared', 'data', 'validation');
const TEMP: string[] = [];
afterAll(() => TEMP.forEach((d) => rmSync(d, { recursive: true, force: true })));

function rows(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

function runBin(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 << 20, timeout: 60000 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

async function runMain(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const P2P_HEADER = 'f_mhz,h_tx_m,h_rx_m,spacing_m,elevations_m,climate,n0,pol,epsilon,sigma_s_per_m,mdvar,time_pct,location_pct,situation_pct';
const P2P_OK = '900,30,2,100,0;5;12;4;0,5,301,1,15,0.005,12,50,50,50';
const AREA_HEADER = 'f_mhz,h_tx_m,h_rx_m,d_km,delta_h_m,tx_siting,rx_siting,climate,n0,pol,epsilon,sigma_s_per_m,mdvar,time_pct,location_pct,situation_pct';
const AREA_OK = '900,30,2,10,90,0,0,5,301,1,15,0.005,12,50,50,50';

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'phusong-itm-'));
  TEMP.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe.concurrent('npx phusong itm reproduces NTIA’s shipped values (child process)', () => {
  it('--mode p2p on data/examples/itm-p2p.csv: every itm_p2p_shipped.csv row to 0.01 dB (in fact 1e-6)', async () => {
    const ref = rows(join(VALIDATION, 'itm_p2p_shipped.csv'));
    const run = await runBin(['itm', '--mode', 'p2p', '--input', 'data/examples/itm-p2p.csv']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = Papa.parse<Record<string, string>>(run.stdout, { header: true, skipEmptyLines: true }).data;
    expect(out).toHaveLength(ref.length);
    out.forEach((row, i) => {
      expect(Math.abs(Number(row.a_db) - Number(ref[i].A_dB))).toBeLessThanOrEqual(0.01);
      expect(Math.abs(Number(row.a_db) - Number(ref[i].A_dB))).toBeLessThanOrEqual(1e-6);
      expect(row.a_db).toMatch(/^\d+\.\d{6}$/);
      expect(['1', '2', '3']).toContain(row.propagation_mode);
      // Warnings: empty exactly when NTIA's mask is 0x0000.
      expect(row.warning === '').toBe(ref[i].warnings_hex === '0x0000');
    });
    // Rows 2 and 5 (0x0400, 0x0600): the horizon-distance warnings in words.
    expect(out[1].warning).toBe('receiver horizon closer than 1/10 of the smooth-earth horizon distance');
    expect(out[4].warning).toMatch(/^transmitter horizon closer .*; receiver horizon closer/);
  });
  it('--mode area on data/examples/itm-area.csv: every itm_area_shipped.csv row to 0.01 dB (in fact 1e-6)', async () => {
    const ref = rows(join(VALIDATION, 'itm_area_shipped.csv'));
    const run = await runBin(['itm', '--mode', 'area', '--input', 'data/examples/itm-area.csv']);
    expect(run.code).toBe(0);
    const out = Papa.parse<Record<string, string>>(run.stdout, { header: true, skipEmptyLines: true }).data;
    expect(out).toHaveLength(ref.length);
    out.forEach((row, i) => {
      expect(Math.abs(Number(row.a_db) - Number(ref[i].A_dB))).toBeLessThanOrEqual(1e-6);
      expect(row.warning).toBe('');
    });
    // The shipped rows carry no mode; ITM's own: rows 1, 2, 5 line of sight, 3, 4 troposcatter.
    expect(out.map((r) => r.propagation_mode)).toEqual(['1', '1', '3', '3', '1']);
  });
});

describe('phusong itm — errors (in-process)', () => {
  it.each([
    ['h_tx_m 0.2 (NTIA 1000)', P2P_HEADER, '900,0.2,2,100,0;5;0,5,301,1,15,0.005,12,50,50,50', /row 2 \(header not counted\), column h_tx_m: ITM error 1000: transmitter height above ground must be 0\.5–3000 m \(got 0\.2\)$/],
    ['f_mhz 25000 (1009)', P2P_HEADER, '25000,30,2,100,0;5;0,5,301,1,15,0.005,12,50,50,50', /column f_mhz: ITM error 1009: frequency must be 20–20000 MHz/],
    ['climate 9 (1002)', P2P_HEADER, '900,30,2,100,0;5;0,9,301,1,15,0.005,12,50,50,50', /column climate: ITM error 1002/],
    ['n0 240 (1008)', P2P_HEADER, '900,30,2,100,0;5;0,5,240,1,15,0.005,12,50,50,50', /column n0: ITM error 1008/],
    ['pol 3 (1010)', P2P_HEADER, '900,30,2,100,0;5;0,5,301,3,15,0.005,12,50,50,50', /column pol: ITM error 1010/],
    ['epsilon 0.5 (1011)', P2P_HEADER, '900,30,2,100,0;5;0,5,301,1,0.5,0.005,12,50,50,50', /column epsilon: ITM error 1011/],
    ['sigma 0 (1012)', P2P_HEADER, '900,30,2,100,0;5;0,5,301,1,15,0,12,50,50,50', /column sigma_s_per_m: ITM error 1012/],
    ['mdvar 5 (1014)', P2P_HEADER, '900,30,2,100,0;5;0,5,301,1,15,0.005,5,50,50,50', /column mdvar: ITM error 1014/],
    ['time 100 (1003)', P2P_HEADER, '900,30,2,100,0;5;0,5,301,1,15,0.005,12,100,50,50', /column time_pct: ITM error 1003/],
    ['one elevation', P2P_HEADER, '900,30,2,100,7,5,301,1,15,0.005,12,50,50,50', /column elevations_m: at least two heights/],
    ['bad elevation', P2P_HEADER, '900,30,2,100,0;1x;2,5,301,1,15,0.005,12,50,50,50', /column elevations_m: height 2 of 3 \("1x"\) is not a number$/],
    ['spacing 0', P2P_HEADER, '900,30,2,0,0;1;2,5,301,1,15,0.005,12,50,50,50', /column spacing_m: spacing must be > 0 m/],
    ['area d_km 0 (1017)', AREA_HEADER, '900,30,2,0,90,0,0,5,301,1,15,0.005,12,50,50,50', /column d_km: ITM error 1017: path distance must be > 0/],
    ['area delta_h −1 (1018)', AREA_HEADER, '900,30,2,10,-1,0,0,5,301,1,15,0.005,12,50,50,50', /column delta_h_m: ITM error 1018/],
    ['area tx_siting 3 (1019)', AREA_HEADER, '900,30,2,10,90,3,0,5,301,1,15,0.005,12,50,50,50', /column tx_siting: ITM error 1019/],
    ['area rx_siting 4 (1020)', AREA_HEADER, '900,30,2,10,90,0,4,5,301,1,15,0.005,12,50,50,50', /column rx_siting: ITM error 1020/],
  ])('%s → one line naming file, row and column; exit 1; no output', async (_name, header, bad, pattern) => {
    const mode = header === AREA_HEADER ? 'area' : 'p2p';
    const file = tempFile('cases.csv', `${header}\n${mode === 'area' ? AREA_OK : P2P_OK}\n${bad}\n`);
    const run = await runMain(['itm', '--mode', mode, '--input', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(file)).toBe(true);
    expect(lines[0]).toMatch(pattern);
  });
  it('a missing column and an unknown mode', async () => {
    const file = tempFile('cases.csv', `f_mhz,h_tx_m\n900,30\n`);
    const missing = await runMain(['itm', '--mode', 'p2p', '--input', file]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/header row, column h_rx_m: required column is missing/);
    const unknown = await runMain(['itm', '--mode', 'grid', '--input', file]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/valid modes: p2p, area/);
  });
  it('--help lists both modes’ columns and the outputs', async () => {
    const help = await runMain(['itm', '--help']);
    expect(help.code).toBe(0);
    for (const name of ['elevations_m', 'spacing_m', 'd_km', 'delta_h_m', 'tx_siting', 'rx_siting', 'situation_pct', 'a_db', 'propagation_mode', 'warning']) {
      expect(help.stdout).toContain(name);
    }
  });
});
