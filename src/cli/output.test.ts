/**
 * Command-line output files (output.ts) run in-process through main(): the contract of issue 16
 * (acceptance 5) — `--output` on /dev/null, /dev/full, a symbolic link, a FIFO, a directory and
 * a read-only file is refused with a message naming it and the target untouched; an existing
 * file keeps its mode; a failed run leaves the old file and no temporary file; stdout gets
 * nothing unless every row succeeded. Expected values: file-system facts (lstat before/after),
 * hand-written CSV, and papaparse reading the output back (an independent CSV reader).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { SPOOL_MEMORY_CHARS } from './output.ts';

const DIRS: string[] = [];
afterAll(() => DIRS.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'phusong-out-'));
  DIRS.push(d);
  return d;
}

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

// Every row has the same radio inputs, so the same pl_db: the tests compare rows with each other
// (the model's values are checked in cli.test.ts against published data).
const GOOD = 'freq_mhz,d2d_m,h_bs_m,h_ut_m,note\n1800,100,25,1.5,=HYPERLINK("http://x")\n1800,100,25,1.5,-7.5\n1800,100,25,1.5,@SUM(A1)\n1800,100,25,1.5,+cmd\n';
const BAD_ROW_2 = 'freq_mhz,d2d_m,h_bs_m,h_ut_m\n1800,100,25,1.5\n1800,abc,25,1.5\n';
const pathloss = (input: string, ...more: string[]) => ['pathloss', '--model', 'fspl', '--input', input, ...more];
const noTemp = (d: string) => readdirSync(d).filter((f) => f.endsWith('.tmp'));

describe('--output targets that are refused, untouched', () => {
  it.each([
    ['/dev/null', 'it is a character device, not a regular file'],
    ['/dev/full', 'it is a character device, not a regular file'],
  ])('%s', async (device, why) => {
    if (!existsSync(device)) return;
    const d = dir();
    writeFileSync(join(d, 'in.csv'), GOOD);
    const before = lstatSync(device);
    const r = await run(pathloss(join(d, 'in.csv'), '--output', device));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${device}: cannot write the output: ${why}; phusong writes only regular files (leave out --output to write to stdout)\n`);
    const after = lstatSync(device);
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
  });
  it('a symbolic link (never replaced, its target unchanged)', async () => {
    const d = dir();
    writeFileSync(join(d, 'in.csv'), GOOD);
    writeFileSync(join(d, 'real.csv'), 'previous\n');
    symlinkSync('real.csv', join(d, 'link.csv'));
    const r = await run(pathloss(join(d, 'in.csv'), '--output', join(d, 'link.csv')));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${join(d, 'link.csv')}: cannot write the output: it is a symbolic link to real.csv; phusong never replaces a link: give the path of the file itself\n`);
    expect(lstatSync(join(d, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(d, 'link.csv'))).toBe('real.csv');
    expect(readFileSync(join(d, 'real.csv'), 'utf8')).toBe('previous\n');
    expect(noTemp(d)).toEqual([]);
  });
  it('a named pipe (FIFO): refused without opening it (no reader needed)', async () => {
    const d = dir();
    writeFileSync(join(d, 'in.csv'), GOOD);
    execFileSync('mkfifo', [join(d, 'fifo')]);
    const r = await run(pathloss(join(d, 'in.csv'), '--output', join(d, 'fifo')));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/fifo: cannot write the output: it is a named pipe \(FIFO\), not a regular file; leave out --output and redirect stdout into the pipe\n$/);
    expect(lstatSync(join(d, 'fifo')).isFIFO()).toBe(true);
  });
  it('a directory', async () => {
    const d = dir();
    writeFileSync(join(d, 'in.csv'), GOOD);
    mkdirSync(join(d, 'out'));
    const r = await run(pathloss(join(d, 'in.csv'), '--output', join(d, 'out')));
    expect(r.stderr).toBe(`${join(d, 'out')}: cannot write the output: it is a directory; give a file name, e.g. ${join(d, 'out', 'out.csv')}\n`);
    expect(readdirSync(join(d, 'out'))).toEqual([]);
  });
  it('a read-only file, refused before computing (the bad row 2 is never reached), even for root', async () => {
    const d = dir();
    writeFileSync(join(d, 'in.csv'), BAD_ROW_2);
    writeFileSync(join(d, 'ro.csv'), 'previous\n');
    chmodSync(join(d, 'ro.csv'), 0o444);
    const r = await run(pathloss(join(d, 'in.csv'), '--output', join(d, 'ro.csv')));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${join(d, 'ro.csv')}: cannot write the output: the file is read-only (mode 0444); make it writable or choose another name\n`);
    expect(readFileSync(join(d, 'ro.csv'), 'utf8')).toBe('previous\n');
    expect(noTemp(d)).toEqual([]);
  });
});

describe('--output that is written', () => {
  it('replaces a regular file keeping its mode (0600 and 0640), no temporary file left', async () => {
    for (const mode of [0o600, 0o640]) {
      const d = dir();
      writeFileSync(join(d, 'in.csv'), GOOD);
      writeFileSync(join(d, 'out.csv'), 'previous\n');
      chmodSync(join(d, 'out.csv'), mode);
      const r = await run(pathloss(join(d, 'in.csv'), '--output', join(d, 'out.csv')));
      expect(r.stderr).toBe('');
      expect(statSync(join(d, 'out.csv')).mode & 0o777).toBe(mode);
      expect(readFileSync(join(d, 'out.csv'), 'utf8')).toMatch(/^freq_mhz,/);
      expect(readdirSync(d).sort()).toEqual(['in.csv', 'out.csv']);
    }
  });
  it('a failed run keeps the previous file byte for byte and leaves no temporary file', async () => {
    const d = dir();
    writeFileSync(join(d, 'in.csv'), BAD_ROW_2);
    writeFileSync(join(d, 'out.csv'), 'previous\n');
    const r = await run(pathloss(join(d, 'in.csv'), '--output', join(d, 'out.csv')));
    expect(r.stderr).toBe(`${join(d, 'in.csv')} row 2 (header not counted), column d2d_m: "abc" is not a number\n`);
    expect(readFileSync(join(d, 'out.csv'), 'utf8')).toBe('previous\n');
    expect(readdirSync(d).sort()).toEqual(['in.csv', 'out.csv']);
  });
});

describe('formula cells', () => {
  it("escaped by default with papaparse's escapeFormulae ('= … quoted); numbers such as -7.5 untouched", async () => {
    const d = dir();
    writeFileSync(join(d, 'in.csv'), GOOD);
    const r = await run(pathloss(join(d, 'in.csv')));
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const pl = lines[2].match(/^1800,100,25,1\.5,-7\.5,(\d+\.\d{6}),$/)?.[1];
    expect(pl).toBeDefined();
    expect(lines[1]).toBe(`1800,100,25,1.5,"'=HYPERLINK(""http://x"")",${pl},`);
    const rows = Papa.parse<Record<string, string>>(r.stdout, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((x) => x.note)).toEqual(['\'=HYPERLINK("http://x")', '-7.5', "'@SUM(A1)", "'+cmd"]);
  });
  it('--raw-csv writes the cells as they are; the header is escaped too by default', async () => {
    const d = dir();
    writeFileSync(join(d, 'in.csv'), GOOD);
    const raw = await run(pathloss(join(d, 'in.csv'), '--raw-csv'));
    expect(Papa.parse<Record<string, string>>(raw.stdout, { header: true, skipEmptyLines: true }).data.map((x) => x.note)).toEqual(['=HYPERLINK("http://x")', '-7.5', '@SUM(A1)', '+cmd']);
    writeFileSync(join(d, 'h.csv'), '=cmd,freq_mhz,d2d_m,h_bs_m,h_ut_m\nx,1800,100,25,1.5\n');
    expect((await run(pathloss(join(d, 'h.csv')))).stdout.split('\n')[0]).toBe('"\'=cmd",freq_mhz,d2d_m,h_bs_m,h_ut_m,pl_db,warning');
  });
  it('--raw-csv takes no value, and the help shows it', async () => {
    const r = await run(pathloss('x.csv', '--raw-csv=yes'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('phusong: pathloss: --raw-csv takes no value\n');
    const help = await run(['bel', '--help']);
    expect(help.stdout).toMatch(/^Usage: npx phusong bel --input <cases\.csv> \[--output <out\.csv>\] \[--raw-csv\]$/m);
    expect(help.stdout).toMatch(/^ {2}--raw-csv +write every cell as it is;/m);
  });
});

describe('stdout', () => {
  /** `n` good rows, then row n + 1 bad when `bad`. */
  const rows = (n: number, bad: boolean) => `freq_mhz,d2d_m,h_bs_m,h_ut_m\n${'1800,100,25,1.5\n'.repeat(n)}${bad ? '1800,-1,25,1.5\n' : ''}`;
  it('a run that fails after more than the in-memory spool prints nothing on stdout', async () => {
    // 40,000 rows × 34 output characters = 1.36 M characters > SPOOL_MEMORY_CHARS: the spool
    // has moved to a temporary file before the bad row.
    expect(40_000 * 34).toBeGreaterThan(SPOOL_MEMORY_CHARS);
    const d = dir();
    writeFileSync(join(d, 'in.csv'), rows(40_000, true));
    const r = await run(pathloss(join(d, 'in.csv')));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${join(d, 'in.csv')} row 40001 (header not counted), column d2d_m: -1 is negative (must be ≥ 0)\n`);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`.phusong-stdout.${process.pid}-`))).toEqual([]);
  });
  it('a large successful run prints exactly what --output writes', async () => {
    const d = dir();
    writeFileSync(join(d, 'in.csv'), rows(40_000, false));
    const r = await run(pathloss(join(d, 'in.csv')));
    await run(pathloss(join(d, 'in.csv'), '--output', join(d, 'out.csv')));
    expect(r.stdout.length).toBeGreaterThan(SPOOL_MEMORY_CHARS);
    expect(r.stdout).toBe(readFileSync(join(d, 'out.csv'), 'utf8'));
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`.phusong-stdout.${process.pid}-`))).toEqual([]);
  });
});
