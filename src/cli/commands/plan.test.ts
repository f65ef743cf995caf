/**
 * `phusong plan` end to end, in-process (engine worker threads for real) on a SYNTHETIC network
 * (src/core/coverage/fixtures.ts) inside a 7 × 5.5 km box of the province, with the real
 * population and water rasters (npm run data). Checked against the contract (files, columns,
 * keys, ids unchanged) and against invariants: the curve starts at "before" and ends at
 * "after", steps by the proposal's gains; the scenario-after file opens through the scenario
 * gate with the proposed sites; the same seed writes the same proposal; bad input is refused in
 * one line naming the file, row and column, or the option.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { smallScenario, SMALL_BOUNDARY } from '../../core/coverage/fixtures.ts';
import { parseScenario } from '../../core/scenario/scenario.ts';
import { enforceFieldRules } from '../../core/scenario/fields.ts';
import { PATH_LOSS_MODEL_IDS } from '../../core/propagation/registry.ts';
import { PROPOSAL_COLUMNS, SUMMARY_KEYS } from '../../core/planning/output.ts';

const dir = mkdtempSync(join(tmpdir(), 'phusong-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const boundary = join(dir, 'area.geojson');
writeFileSync(boundary, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'SYNTHETIC area' }, geometry: { type: 'Polygon', coordinates: SMALL_BOUNDARY } }] }));
const scenarioFile = join(dir, 'scenario.json');
writeFileSync(scenarioFile, JSON.stringify(smallScenario()));
const candidates = join(dir, 'c.csv');
writeFileSync(candidates, [
  'id,lon,lat,height_m,template,cost,name',
  'Cand.01_a,105.955,10.240,30,,1,Một',
  'Cand-02,105.985,10.228,,,1,Hai',
  'C3,105.940,10.226,35,,1,Ba',
  'C4,105.970,10.262,,small-cell-lte1800,1,Bốn',
  'C5,105.990,10.250,,,1,Năm',
  'FAR,106.5,9.7,,,1,outside',
].join('\n'));

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, { stdout: () => undefined, stderr: (t) => (stderr += t) });
  return { code, stderr };
}
const base = ['plan', '--scenario', scenarioFile, '--candidates', candidates, '--carrier', 'l18', '--threshold-dbm', '-95', '--max-sites', '3', '--cell', '100', '--boundary', boundary, '--workers', '2'];
const csvRows = (text: string) => text.trim().split('\n').map((l) => l.split(','));

describe('phusong plan', () => {
  it('writes the contract\'s files; ids unchanged; curve from before to after; scenario-after opens with the proposed sites', async () => {
    const out = join(dir, 'out');
    const r = await run([...base, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['proposal.csv', 'proposal.geojson', 'curve.csv', 'excluded.csv', 'scenario-after.json', 'summary.json']) expect(existsSync(join(out, f)), f).toBe(true);
    const proposal = csvRows(readFileSync(join(out, 'proposal.csv'), 'utf8'));
    expect(proposal[0]).toEqual([...PROPOSAL_COLUMNS]);
    const rows = proposal.slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(3);
    expect(rows.map((x) => x[0])).toEqual(rows.map((_, k) => String(k + 1)));
    for (const row of rows) expect(['Cand.01_a', 'Cand-02', 'C3', 'C4', 'C5']).toContain(row[1]);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    for (const k of SUMMARY_KEYS) expect(summary, k).toHaveProperty(k);
    expect(summary.sites_added).toBe(rows.length);
    expect(summary.population_covered_after).toBeGreaterThan(summary.population_covered_before);
    expect(summary.population_total).toBeGreaterThanOrEqual(summary.population_covered_after);
    // The last row's share = after / total; the gains add up to after − before.
    expect(Number(rows.at(-1)![7])).toBeCloseTo(summary.population_covered_after / summary.population_total, 5);
    const gained = rows.reduce((a, x) => a + Number(x[5]), 0);
    expect(Math.abs(gained - (summary.population_covered_after - summary.population_covered_before))).toBeLessThan(0.05 * rows.length + 0.2);
    const curve = csvRows(readFileSync(join(out, 'curve.csv'), 'utf8'));
    expect(curve[0]).toEqual(['sites', 'population_covered', 'population_covered_share', 'area_covered_km2', 'area_covered_share']);
    expect(Number(curve[1][1])).toBeCloseTo(summary.population_covered_before, 1);
    expect(Number(curve.at(-1)![1])).toBeCloseTo(summary.population_covered_after, 1);
    expect(Number(curve.at(-1)![3])).toBeCloseTo(summary.area_covered_after_km2, 3);
    // FAR is outside the computed area: listed with its reason.
    expect(readFileSync(join(out, 'excluded.csv'), 'utf8')).toContain('FAR,outside the computed area (the province)');
    const gj = JSON.parse(readFileSync(join(out, 'proposal.geojson'), 'utf8'));
    expect(gj.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(rows.map((x) => x[1]));
    expect(gj.features[0].properties.model_reason).toMatch(/clutter at the site/);
    // scenario-after: through the app's gate (structure + field rules), with the proposed sites and their ids.
    const text = readFileSync(join(out, 'scenario-after.json'), 'utf8');
    const checked = enforceFieldRules(parseScenario(text, 'scenario-after.json', undefined, PATH_LOSS_MODEL_IDS), 'scenario-after.json', { knownModelIds: PATH_LOSS_MODEL_IDS });
    expect(checked.problems).toEqual([]);
    const ids = checked.scenario.sites.map((s) => s.id);
    for (const row of rows) expect(ids).toContain(row[1]);
    expect(checked.scenario.sites).toHaveLength(smallScenario().sites.length + rows.length);
    for (const row of rows) expect(checked.scenario.sites.find((s) => s.id === row[1])!.status).toBe('candidate');
    // The same seed again: the same proposal.
    const again = join(dir, 'again');
    expect((await run([...base, '--out', again])).code).toBe(0);
    expect(readFileSync(join(again, 'proposal.csv'), 'utf8')).toBe(readFileSync(join(out, 'proposal.csv'), 'utf8'));
  }, 120000);

  it('a goal share: reached with the fewest sites the search keeps (summary.goal_reached)', async () => {
    const out = join(dir, 'goal');
    const first = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    // Halfway between before and after of the 3-site plan, as a share of the total.
    const goal = (first.population_covered_before + 0.5 * (first.population_covered_after - first.population_covered_before)) / first.population_total;
    const r = await run([...base.filter((a, i) => a !== '--max-sites' && base[i - 1] !== '--max-sites'), '--target-population-share', goal.toFixed(6), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.goal_reached).toBe(true);
    expect(s.population_covered_after / s.population_total).toBeGreaterThanOrEqual(Number(goal.toFixed(6)) - 1e-9);
    expect(s.sites_added).toBeLessThanOrEqual(first.sites_added);
  }, 120000);

  it('refuses bad input in one line: options, unknown carrier, a candidate file without a column, bad rows named', async () => {
    const noCarrier = await run(base.filter((a, i) => a !== '--carrier' && base[i - 1] !== '--carrier').concat(['--out', join(dir, 'x')]));
    expect(noCarrier.code).toBe(2);
    expect(noCarrier.stderr).toMatch(/plan: missing --carrier/);
    const unknown = await run([...base.map((a) => (a === 'l18' ? 'lte9' : a)), '--out', join(dir, 'x')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown carrier "lte9"; valid: l18, n35/);
    const badFile = join(dir, 'bad.csv');
    writeFileSync(badFile, 'id,lon\nA,106\n');
    const bad = await run([...base.map((a) => (a === candidates ? badFile : a)), '--out', join(dir, 'x')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${badFile}: header row: column "lat" is missing`);
    const share = await run([...base, '--target-population-share', '1.5', '--out', join(dir, 'x')]);
    expect(share.code).toBe(2);
    expect(share.stderr).toMatch(/--target-population-share must be a share in \(0, 1\]/);
    const rowsFile = join(dir, 'rows.csv');
    writeFileSync(rowsFile, 'id,lon,lat\nok,105.955,10.24\nbad,106.0,abc\n');
    const rowsRun = await run([...base.map((a) => (a === candidates ? rowsFile : a)), '--out', join(dir, 'rows')]);
    expect(rowsRun.code, rowsRun.stderr).toBe(0);
    expect(rowsRun.stderr).toContain(`${rowsFile}: row 3, column lat: latitude must be a number`);
  }, 120000);
});
