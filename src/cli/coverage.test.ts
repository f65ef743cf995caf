/**
 * `phusong coverage` end to end, in-process (worker threads for real): files written, summary
 * figures consistent with the layers, invalid sites named, bad options refused in one line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { smallScenario, SMALL_BOUNDARY } from '../core/coverage/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'phusong-coverage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const boundary = join(dir, 'area.geojson');
writeFileSync(boundary, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'SYNTHETIC area' }, geometry: { type: 'Polygon', coordinates: SMALL_BOUNDARY } }] }));
const scenarioFile = join(dir, 'scenario.json');
const scen = smallScenario();
// one site outside the area and one with swapped coordinates: both named, the rest computed
const bad = [{ ...scen.sites[0], id: 'FAR', lonDeg: 106.5, latDeg: 9.7 }, { ...scen.sites[1], id: 'SWAP', lonDeg: scen.sites[1].latDeg, latDeg: scen.sites[1].lonDeg }];
// site C serves a private network whose service area is a 1 km square around it
const c = scen.sites.find((x) => x.id === 'C')!;
const square = { type: 'Polygon' as const, coordinates: [[[c.lonDeg - 0.0046, c.latDeg - 0.0045], [c.lonDeg + 0.0046, c.latDeg - 0.0045], [c.lonDeg + 0.0046, c.latDeg + 0.0045], [c.lonDeg - 0.0046, c.latDeg + 0.0045], [c.lonDeg - 0.0046, c.latDeg - 0.0045]]] };
writeFileSync(scenarioFile, JSON.stringify({ ...scen, sites: [...scen.sites.map((x) => (x.id === 'C' ? { ...x, privateNetworkId: 'PN' } : x)), ...bad], privateNetworks: [{ id: 'PN', name: 'SYNTHETIC campus', serviceArea: square }] }));

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, { stdout: () => undefined, stderr: (t) => (stderr += t) });
  return { code, stderr };
}

describe('phusong coverage', () => {
  it('writes summary.json and the scenario, names the invalid sites, shows progress', async () => {
    const out = join(dir, 'out');
    const r = await run(['coverage', '--scenario', scenarioFile, '--cell', '100', '--out', out, '--boundary', boundary, '--communes', boundary, '--workers', '2', '--carrier', 'l18', '--gap-threshold', '-95', '--gap-min-area', '0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('site FAR');
    expect(r.stderr).toContain('site SWAP');
    expect(r.stderr).toMatch(/coverage: 100%/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.workers).toBe(2);
    expect(summary.grid.crs).toBe('EPSG:32648');
    expect(summary.sectors.map((s: { site: string }) => s.site)).not.toContain('FAR');
    expect(summary.carriers.map((c: { carrier: string }) => c.carrier)).toEqual(['l18', 'n35']);
    for (const c of summary.carriers) {
      // covered shares are nested: ≥ −100 ⊂ ≥ −110 ⊂ ≥ −120
      expect(c.rsrpCoveredShare['-100']).toBeLessThanOrEqual(c.rsrpCoveredShare['-110']);
      expect(c.rsrpCoveredShare['-110']).toBeLessThanOrEqual(c.rsrpCoveredShare['-120']);
      expect(c.cells).toBe(summary.cellsInProvince);
      expect(c.areaKm2).toBeCloseTo(summary.cellsInProvince * 0.01, 6);
      // indoor is never better than outdoor at the same threshold (entry loss ≥ 0 at 50 %)
      expect(c.indoorCoveredShare['-100']).toBeLessThanOrEqual(c.rsrpCoveredShare['-100']);
    }
    expect(existsSync(join(out, 'scenario.json'))).toBe(true);
    for (const c of ['l18', 'n35']) for (const l of ['rsrp', 'server', 'overlap', 'sinr', 'throughput', 'uplink', 'indoor']) expect(existsSync(join(out, `${c}-${l}.tif`)), `${c}-${l}.tif`).toBe(true);
    expect(summary.files).toContain('l18-rsrp.tif');
    // the export contract of issue 5
    for (const f of ['coverage-bands.geojson', 'gaps.geojson', 'communes.geojson', 'communes.csv', 'rsrp.tif', 'sinr.tif', 'best-server.tif', 'coverage.kml', 'sites.csv', 'sites.geojson', 'scenario.json', 'summary.json']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(readFileSync(join(out, 'communes.csv'), 'utf8').charCodeAt(0)).toBe(0xfeff);
    const ogr = (f: string) => execFileSync('ogrinfo', ['-ro', '-so', '-al', join(out, f)], { encoding: 'utf8' });
    expect(ogr('gaps.geojson')).toContain(`Feature Count: ${summary.gaps.count}`);
    expect(summary.gaps.count).toBeGreaterThan(0);
    expect(ogr('communes.geojson')).toContain('Feature Count: 1');
    expect(ogr('coverage-bands.geojson')).toMatch(/WGS 84/);
    // the private network: about 1 km² of service cells (±1 row/column of 100 m cells), covered on its carrier, spilling out
    const pn = summary.privateNetworks[0];
    expect(pn.carrier).toBe('l18');
    expect(pn.stats.serviceAreaKm2).toBeGreaterThan(0.8);
    expect(pn.stats.serviceAreaKm2).toBeLessThan(1.25);
    expect(pn.stats.outdoorCoveredShare).toBeGreaterThan(0.5);
    expect(pn.stats.spillAreaKm2).toBeGreaterThan(0);
    expect(pn.stats.spillCommunes[0].name).toBe('SYNTHETIC area');
    // the province total of the one "commune" is the covered share of the summary
    expect(summary.province.thresholds.find((t: { threshold: number }) => t.threshold === -100).share).toBeCloseTo(summary.carriers[0].rsrpCoveredShare['-100'], 9);
    // GDAL reads the RSRP layer back: same grid, and the best cell equals the summary's best share
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', '-stats', join(out, 'l18-rsrp.tif')], { encoding: 'utf8' }));
    expect(info.size).toEqual([summary.grid.width, summary.grid.height]);
    expect(info.bands[0].noDataValue).toBe(-9999);
    expect(info.bands[0].maximum).toBeLessThan(0);
    expect(info.bands[0].minimum).toBeGreaterThanOrEqual(-140);
    expect(JSON.parse(readFileSync(join(out, 'scenario.json'), 'utf8')).sites).toHaveLength(scen.sites.length);
  }, 120000);

  it('refuses a bad cell size and a missing scenario in one line', async () => {
    const a = await run(['coverage', '--scenario', scenarioFile, '--cell', '5', '--boundary', boundary]);
    expect(a.code).toBe(2);
    expect(a.stderr.trim().split('\n')).toHaveLength(1);
    expect(a.stderr).toContain('--cell');
    const b = await run(['coverage', '--scenario', join(dir, 'nope.json'), '--boundary', boundary]);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('nope.json');
    expect(b.stderr).not.toMatch(/\n\s+at /);
  });
});
