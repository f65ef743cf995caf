/**
 * `npm run sample`: writes data/scenarios/sample-network.json, a SYNTHETIC network for
 * demonstration. Deterministic (fixed seed): the same boundary files give the same file.
 * These are not operator sites and the scenario says so (`sample: true`).
 *
 * - LTE 1800 (B3, 20 MHz) macro layer: 3-sector sites on a hexagonal lattice, 6 km apart over
 *   the whole province, 2 km apart inside phường (urban wards); a site is kept only if its
 *   lattice point falls inside a commune polygon. Lattice points are jittered by up to 400 m.
 * - NR 3500 (n78, 100 MHz, 30 kHz) on every urban site (5G "in key areas").
 * - A two-cell private 5G network (n78) on an EXAMPLE campus polygon, 600 m × 400 m, placed in
 *   phường Thanh Đức; it stands for no real facility.
 * Names are language-neutral proper names (issue 15: the app shows one language at a time): a
 * macro site is named after the commune its point falls in plus a number in that commune
 * ("Long Vĩnh 1"), the private network by its id and ward ("PN1 Thanh Đức"), its sites
 * "Thanh Đức P1" / "P2", the scenario "phusong · Vĩnh Long". That it is a sample is said by
 * `sample: true`, which the app shows in the language chosen (the sample banner).
 * Input: public/data/*.geojson (run `npm run data` first).
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { lonLatToUtm, utmToLonLat } from '../src/core/grid/projection.ts';
import { SCENARIO_SCHEMA_VERSION, type Scenario, type Site, type Sector } from '../src/core/scenario/scenario.ts';
import { mulberry32 } from '../src/core/prng.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const communes = JSON.parse(readFileSync(join(root, 'public/data/vinh-long-communes-2025.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { code: string; name: string; type: string }>;

/** mulberry32: small deterministic PRNG, enough for jitter. */
const rand = mulberry32(20251107);

function communeAt(lon: number, lat: number) {
  return communes.features.find((f) => booleanPointInPolygon([lon, lat], f));
}

const [w, s, e, n] = communes.bbox as number[];
const [x0, y0] = lonLatToUtm(w, s);
const [x1, y1] = lonLatToUtm(e, n);

function lattice(spacingM: number, keep: (lon: number, lat: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  const dy = (spacingM * Math.sqrt(3)) / 2;
  for (let j = 0, y = y0; y <= y1; j++, y += dy) {
    for (let x = x0 + (j % 2 ? spacingM / 2 : 0); x <= x1; x += spacingM) {
      const jx = x + (rand() - 0.5) * 800;
      const jy = y + (rand() - 0.5) * 800;
      const [lon, lat] = utmToLonLat(jx, jy);
      if (keep(lon, lat)) out.push([lon, lat]);
    }
  }
  return out;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const macroAntenna = { type: '3gpp-sector' as const, maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 };
const sites: Site[] = [];
/** Sites named so far per commune: the number in "<commune> <n>". */
const perCommune = new Map<string, number>();
function siteName(commune: string): string {
  const n = (perCommune.get(commune) ?? 0) + 1;
  perCommune.set(commune, n);
  return `${commune} ${n}`;
}

function addMacro(lon: number, lat: number, urban: boolean): void {
  const id = `S${String(sites.length + 1).padStart(3, '0')}`;
  const c = communeAt(lon, lat);
  const rot = Math.floor(rand() * 120);
  const sectors: Sector[] = [];
  for (let k = 0; k < 3; k++) {
    const az = (rot + 120 * k) % 360;
    sectors.push({ id: `${id}-L${k + 1}`, carrierId: 'lte1800', azimuthDeg: az, mechanicalTiltDeg: 2, electricalTiltDeg: urban ? 6 : 3, txPowerDbm: 46, feederLossDb: 2, antenna: macroAntenna, modelId: urban ? '38901-uma-expected' : '38901-rma-expected' });
  }
  if (urban) {
    for (let k = 0; k < 3; k++) {
      const az = (rot + 120 * k) % 360;
      sectors.push({ id: `${id}-N${k + 1}`, carrierId: 'nr3500', azimuthDeg: az, mechanicalTiltDeg: 2, electricalTiltDeg: 6, txPowerDbm: 49, feederLossDb: 1, antenna: { ...macroAntenna, maxGainDbi: 18 }, modelId: '38901-uma-expected' });
    }
  }
  sites.push({ id, name: c ? siteName(c.properties.name) : id, lonDeg: round6(lon), latDeg: round6(lat), heightM: urban ? 30 : 40, kind: 'macro', status: 'existing', sectors });
}

const isUrban = (lon: number, lat: number) => communeAt(lon, lat)?.properties.type === 'phuong';
for (const [lon, lat] of lattice(6000, (lon, lat) => communeAt(lon, lat) !== undefined && !isUrban(lon, lat))) addMacro(lon, lat, false);
for (const [lon, lat] of lattice(2000, isUrban)) addMacro(lon, lat, true);

// Example campus: a 600 m × 400 m rectangle centred in phường Thanh Đức, axis-aligned in UTM.
const thanhDuc = communes.features.find((f) => f.properties.name === 'Thanh Đức' && f.properties.type === 'phuong');
if (!thanhDuc) throw new Error('phường Thanh Đức not found in the commune file');
const ring = (thanhDuc.geometry.type === 'Polygon' ? thanhDuc.geometry.coordinates[0] : thanhDuc.geometry.coordinates[0][0]);
let cx = 0, cy = 0;
for (const p of ring) { const [x, y] = lonLatToUtm(p[0], p[1]); cx += x; cy += y; }
cx /= ring.length; cy /= ring.length;
const corners = [[-300, -200], [300, -200], [300, 200], [-300, 200], [-300, -200]].map(([dx, dy]) => utmToLonLat(cx + dx, cy + dy).map(round6));
const privateAntenna = { type: '3gpp-sector' as const, maxGainDbi: 12, hBeamwidthDeg: 65, vBeamwidthDeg: 30, frontToBackDb: 25, sideLobeDb: 20 };
for (const [k, dx, az] of [[1, -200, 90], [2, 200, 270]] as const) {
  const [lon, lat] = utmToLonLat(cx + dx, cy);
  sites.push({
    id: `P${k}`, name: `${thanhDuc.properties.name} P${k}`, lonDeg: round6(lon), latDeg: round6(lat), heightM: 15, kind: 'private-outdoor', status: 'planned', privateNetworkId: 'PN1',
    sectors: [{ id: `P${k}-N1`, carrierId: 'pn3700', azimuthDeg: az, mechanicalTiltDeg: 0, electricalTiltDeg: 8, txPowerDbm: 37, feederLossDb: 1, antenna: privateAntenna, modelId: '38901-umi-expected' }],
  });
}

const scenario: Scenario = {
  schemaVersion: SCENARIO_SCHEMA_VERSION,
  name: 'phusong · Vĩnh Long',
  sample: true,
  description: 'SYNTHETIC sample network generated by data/make-sample-network.ts for demonstration. Not operator sites; the private-network campus is an example polygon that stands for no real facility.',
  ueHeightM: 1.5,
  carriers: [
    { id: 'lte1800', tech: 'LTE', band: 'B3', freqMHz: 1842.5, bandwidthMHz: 20, scsKHz: 15 },
    { id: 'nr3500', tech: 'NR', band: 'n78', freqMHz: 3500, bandwidthMHz: 100, scsKHz: 30 },
    { id: 'pn3700', tech: 'NR', band: 'n78', freqMHz: 3750, bandwidthMHz: 40, scsKHz: 30 },
  ],
  sites,
  privateNetworks: [{ id: 'PN1', name: `PN1 ${thanhDuc.properties.name}`, serviceArea: { type: 'Polygon', coordinates: [corners] } }],
};
writeFileSync(join(root, 'data/scenarios/sample-network.json'), JSON.stringify(scenario, null, 1) + '\n');
const sectors = sites.reduce((a, s) => a + s.sectors.length, 0);
console.log(`sample-network.json: ${sites.length} sites, ${sectors} sectors (${sites.filter((s) => s.sectors.some((x) => x.carrierId === 'nr3500')).length} with NR 3500)`);
