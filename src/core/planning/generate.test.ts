/**
 * Generated candidates and screening on a 10 × 10 grid of 100 m cells (x 600 000–601 000 m,
 * y 1 099 000–1 100 000 m, UTM 48N). Expected points worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import type { Grid } from '../grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../grid/projection.ts';
import type { Scenario, Site } from '../scenario/scenario.ts';
import { gapCentreCandidates, gapGridCandidates, screenCandidates, upgradeCandidates } from './generate.ts';
import type { Candidate } from './candidates.ts';

const grid: Grid = { width: 10, height: 10, originX: 600000, originY: 1100000, cellSizeM: 100, crs: 'EPSG:32648' };
const N = 100;
const ones = () => new Uint8Array(N).fill(1);
const xy = (c: Candidate) => lonLatToUtm(c.lonDeg, c.latDeg).map((v) => Math.round(v));

describe('gap grid', () => {
  it('lattice points (k + ½)·spacing on gap cells: 3 × 4 points at 300 m, 1 × 4 once columns 0–4 are covered', () => {
    // x = 600 150, 600 450, 600 750 (601 050 is outside); y = 1 099 050, 1 099 350, 1 099 650, 1 099 950.
    const g = { grid, covered: new Uint8Array(N), target: ones(), water: new Uint8Array(N), people: new Float64Array(N) };
    const all = gapGridCandidates(g, 300);
    expect(all).toHaveLength(12);
    expect(all.map(xy)).toContainEqual([600750, 1099050]);
    expect(all[0].id).toBe('GRID-0001');
    const covered = new Uint8Array(N);
    for (let r = 0; r < 10; r++) for (let c = 0; c < 5; c++) covered[r * 10 + c] = 1;
    const some = gapGridCandidates({ ...g, covered }, 300);
    expect(some.map((c) => xy(c)[0])).toEqual([600750, 600750, 600750, 600750]);
    // Water and cells outside the target are not gaps either.
    expect(gapGridCandidates({ ...g, water: ones() }, 300)).toEqual([]);
    expect(gapGridCandidates({ ...g, target: new Uint8Array(N) }, 300)).toEqual([]);
  });
});

describe('gap centres', () => {
  it('the population-weighted centre of a block\'s gap, moved to the nearest gap cell', () => {
    // Block x 600 000–600 500, y 1 099 500–1 100 000: 10 people at (col 1, row 1) = (600 150, 1 099 850),
    // 40 at (3, 3) = (600 350, 1 099 650). Centre x = (10·600150 + 40·600350)/50 = 600 310,
    // y = (10·1099850 + 40·1099650)/50 = 1 099 690 → nearest cell centre (600 350, 1 099 650), i.e. (3, 3).
    const people = new Float64Array(N);
    people[1 * 10 + 1] = 10;
    people[3 * 10 + 3] = 40;
    const g = { grid, covered: new Uint8Array(N), target: ones(), water: new Uint8Array(N), people };
    const r = gapCentreCandidates(g, 500, 40);
    expect(r).toHaveLength(1);
    expect(xy(r[0])).toEqual([600350, 1099650]);
    expect(r[0]).toMatchObject({ id: 'GAP-0001', name: '', gapPeople: 50 });
    expect(gapCentreCandidates(g, 500, 60)).toEqual([]);
    // With (3, 3) covered its 40 people are no gap: the centre is the 10-people cell (1, 1), 10 people.
    const covered = new Uint8Array(N);
    covered[33] = 1;
    const m = gapCentreCandidates({ ...g, covered }, 500, 5);
    expect(xy(m[0])).toEqual([600150, 1099850]);
    expect(m[0]).toMatchObject({ id: 'GAP-0001', name: '', gapPeople: 10 });
  });
});

describe('upgrades', () => {
  it('only macro sites without a sector on the carrier, outside private networks', () => {
    const sec = (id: string, carrierId: string) => ({ id, carrierId, azimuthDeg: 0, mechanicalTiltDeg: 0, electricalTiltDeg: 0, txPowerDbm: 46, feederLossDb: 0, antenna: { type: 'omni' as const, maxGainDbi: 5 }, modelId: 'fspl' });
    const site = (id: string, kind: Site['kind'], carriers: string[], pn?: string): Site => ({ id, name: id, lonDeg: 106, latDeg: 10, heightM: 30, kind, status: 'existing', ...(pn ? { privateNetworkId: pn } : {}), sectors: carriers.map((c, k) => sec(`${id}-${k}`, c)) });
    const sc: Pick<Scenario, 'sites'> = { sites: [site('A', 'macro', ['lte']), site('B', 'macro', ['lte', 'nr']), site('C', 'small-cell', ['lte']), site('D', 'macro', ['lte'], 'PN1')] };
    expect(upgradeCandidates(sc, 'nr').map((c) => [c.id, c.upgradeOf, c.source])).toEqual([['UP-A', 'A', 'upgrade']]);
  });
});

describe('screening', () => {
  it('lists outside, water, exclusion zone and too-close candidates with their reason', () => {
    const at = (id: string, x: number, y: number, source: Candidate['source'] = 'gap-grid'): Candidate => {
      const [lon, lat] = utmToLonLat(x, y);
      return { id, name: id, lonDeg: lon, latDeg: lat, heightM: null, template: null, cost: 1, source };
    };
    const water = new Uint8Array(N);
    water[0] = 1; // cell (0, 0): x 600 000–600 100, y 1 099 900–1 100 000
    const [zw, zs] = utmToLonLat(600600, 1099100), [ze, zn] = utmToLonLat(600900, 1099400);
    const [slon, slat] = utmToLonLat(600250, 1099550);
    const site: Site = { id: 'S1', name: 'S1', lonDeg: slon, latDeg: slat, heightM: 30, kind: 'macro', status: 'existing', sectors: [] };
    const cands = [at('ok', 600450, 1099850), at('out', 601500, 1099500), at('wet', 600050, 1099950), at('zone', 600750, 1099250), at('near', 600350, 1099550), at('near-but-user', 600350, 1099550, 'file')];
    const r = screenCandidates(cands, {
      grid, water, inside: (lon) => lon < utmToLonLat(601000, 1099500)[0], sites: [site],
      zones: [{ name: 'sân bay', rings: [[[zw, zs], [ze, zs], [ze, zn], [zw, zn], [zw, zs]]] }],
    });
    expect(r.kept.map((c) => c.id)).toEqual(['ok', 'near-but-user']);
    expect(r.excluded).toEqual([
      { id: 'out', reason: 'outside the computed area (the province)' },
      { id: 'wet', reason: 'on water (GSHHG water mask)' },
      { id: 'zone', reason: 'in exclusion zone "sân bay"' },
      { id: 'near', reason: 'within 100 m of existing site S1 (closer than 300 m)' },
    ]);
  });
});
