/**
 * The link-profile model against hand calculations (spec §1: bulge d1·d2/(2·k·6371 km),
 * F1 = √(λ·d1·d2/d)) and ITM point-to-point over the same profile (itmP2p, checked against
 * NTIA's shipped values in src/core/itm/p2p.test.ts).
 *
 * DEM: 30 m cells, ground 2 m, a flat-topped hill 40 m high (top at 42 m) over columns 40–49
 * (x from 1200 to 1500 m east of the grid's west edge). Site at x = 15 m (cell 0's centre),
 * point at x = 2715 m (cell 90's centre), same row: d = 2700 m, 90 intervals of 30 m.
 * Antennas 20 m and 10 m: line of sight from 22 m to 12 m. 2000 MHz: λ = 0.149896229 m.
 * At the middle sample i = 45 (d1 = d2 = 1350 m, on the hill top):
 *   bulge = 1350·1350 / (2·(4/3)·6 371 000) = 0.107273 m;
 *   line = 22 + (12 − 22)·0.5 = 17 m; clearance = 17 − 42.107273 = −25.107273 m;
 *   F1 = √(0.149896229·1350·1350/2700) = √101.179955 = 10.058825 m.
 * The worst sample (smallest clearance / F1) is on the hill's slopes or top; the test checks
 * its F1 and clearance with the same formulas at the d1 the model chose.
 */
import { describe, expect, it } from 'vitest';
import type { Grid } from '../grid/grid.ts';
import { itmP2p, itmProfile } from '../itm/p2p.ts';
import type { Dem } from './dem.ts';
import { checkKFactor, FLAT_EARTH_M, linkProfileCsv, linkProfileModel } from './link-profile.ts';

const ITM = { climate: 5, n0: 301, polarization: 1, epsilon: 15, sigmaSPerM: 0.005, mdvar: 12, timePct: 50, locationPct: 50, situationPct: 50 };
const LAMBDA = 299_792_458 / 2e9;

function hillDem(): Dem {
  const grid: Grid = { width: 100, height: 5, originX: 600_000, originY: 1_100_000, cellSizeM: 30, crs: 'EPSG:32648' };
  const heightsM = new Float32Array(500).fill(2);
  for (let r = 0; r < 5; r++) for (let c = 40; c <= 49; c++) heightsM[r * 100 + c] = 42;
  return { grid, heightsM };
}

describe('linkProfileModel', () => {
  const dem = hillDem();
  const y = 1_100_000 - 2.5 * 30;
  const from = { xM: 600_015, yM: y };
  const to = { xM: 602_715, yM: y };
  const m = linkProfileModel({ dem, from, to, hTxM: 20, hRxM: 10, freqMHz: 2000, itm: ITM });
  it('samples the DEM every cell: 91 points over 2700 m', () => {
    expect(m.profile.heightsM).toHaveLength(91);
    expect(m.profile.distanceM).toBeCloseTo(2700, 9);
    expect(m.profile.heightsM[45]).toBe(42);
    expect(m.flat).toBe(false);
  });
  it('the worst obstruction is on the hill, its clearance and F1 as by hand', () => {
    const g = m.geometry;
    const i = g.worstIndex;
    const d1 = i * 30;
    const d2 = 2700 - d1;
    expect(d1).toBeGreaterThanOrEqual(1170);
    expect(d1).toBeLessThanOrEqual(1500);
    const bulge = (d1 * d2) / (2 * (4 / 3) * 6_371_000);
    const f1 = Math.sqrt((LAMBDA * d1 * d2) / 2700);
    const line = 22 + ((12 - 22) * d1) / 2700;
    expect(g.fresnelRadiusM[i]).toBeCloseTo(f1, 9);
    expect(g.worstClearanceM).toBeCloseTo(line - (m.profile.heightsM[i] + bulge), 9);
    expect(g.lineOfSight).toBe(false);
    // At the middle, the worked numbers of the header.
    expect(g.bulgeM[45]).toBeCloseTo(0.107273, 6);
    expect(g.fresnelRadiusM[45]).toBeCloseTo(10.058825, 6);
  });
  it('ITM over the same profile is itmP2p of those heights; the hill costs loss against flat ground', () => {
    const ref = itmP2p(20, 10, itmProfile(30, Array.from(m.profile.heightsM)), { ...ITM, freqMHz: 2000 });
    expect(m.itm.lossDb).toBe(ref.lossDb);
    expect(m.itm.mode).toBe(ref.mode);
    expect(m.itmError).toBeNull();
    const flat = itmP2p(20, 10, itmProfile(30, new Array<number>(91).fill(2)), { ...ITM, freqMHz: 2000 });
    expect(m.itm.lossDb).toBeGreaterThan(flat.lossDb + 3);
  });
  it('k is editable: the bulge scales as 1/k', () => {
    const k1 = linkProfileModel({ dem, from, to, hTxM: 20, hRxM: 10, freqMHz: 2000, itm: ITM, kFactor: 2 / 3 });
    expect(k1.geometry.bulgeM[45]).toBeCloseTo(2 * 0.107273, 6);
    expect(() => checkKFactor(0)).toThrow(/k must be/);
    expect(checkKFactor(1.33)).toBe(1.33);
  });
  it('CSV: a header and one row per sample, the clearance column = line of sight − terrain', () => {
    const rows = linkProfileCsv(m).trim().split('\n');
    expect(rows[0].split(',')).toContain('fresnel_radius_m');
    expect(rows).toHaveLength(92);
    const mid = rows[46].split(',').map(Number);
    expect(mid[0]).toBe(1350);
    expect(mid[10]).toBeCloseTo(17 - 42.107273, 2);
  });
  it('without a DEM: flat earth at 2 m, ITM of a flat 2 m profile', () => {
    const f = linkProfileModel({ dem: null, from, to, hTxM: 20, hRxM: 10, freqMHz: 2000, itm: ITM });
    expect(f.flat).toBe(true);
    expect(Array.from(f.profile.heightsM).every((h) => h === FLAT_EARTH_M)).toBe(true);
    const ref = itmP2p(20, 10, itmProfile(f.profile.spacingM, Array.from(f.profile.heightsM)), { ...ITM, freqMHz: 2000 });
    expect(f.itm.lossDb).toBe(ref.lossDb);
    expect(f.geometry.lineOfSight).toBe(true);
  });
});
