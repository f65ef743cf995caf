/**
 * ITM point-to-area and its cellular variant.
 *
 * Sources:
 * - Flat DEM at 2 m: a cell on radial 0 (due east of a site at a cell centre) takes the sample
 *   at its own distance, whose profile is k + 1 heights of 2 m: the value must equal ITM
 *   point-to-point on that profile (itmP2p, checked against NTIA's shipped values, and the
 *   `phusong itm --mode p2p` evaluator) — rounded to float32, the type of the map.
 * - Synthetic ridge: flat 0 m ground with a wall 60 m high and 120 m thick whose axis runs
 *   north–south 3 km east of the site, from 4 km south to 4 km north. Hand geometry: the
 *   antenna (10 m) sees over the ridge top (60 m at 3 km) along rays that keep rising behind
 *   it, so every receiver (1.5 m) behind the wall is shadowed; a ray from the site crosses the
 *   axis (x = 3 km) at y = 3 km·(y_cell/x_cell), within the wall when |y| ≤ 4 km. A 900 MHz
 *   single knife edge for a cell 5 km east: the wall top is 55.1 m above the 10 m → 1.5 m
 *   line at 3 km (+0.35 m bulge), ν = 55.1·√(2/0.333·(1/3000 + 1/2000)) = 3.9, J(ν) = 24.7 dB;
 *   ITM mixes knife edges and a smooth earth, so the test asks for the shadow to cost more
 *   than 10 dB relative to the mirror cell west of the site (open flat ground, same distance).
 * - Cellular variant on flat ground: no obstacle, the result is the empirical model itself.
 */
import { describe, expect, it } from 'vitest';
import { ITM_P2P_SPEC } from '../../cli/commands/itm.ts';
import type { Grid } from '../grid/grid.ts';
import { itmP2p, itmProfile } from '../itm/p2p.ts';
import type { ItmParams } from '../itm/params.ts';
import { InputError } from '../validity.ts';
import type { Dem } from './dem.ts';
import { empiricalPlusDiffractionToArea, itmPointToArea } from './point-to-area.ts';

const P: ItmParams = { climate: 5, n0: 301, freqMHz: 900, polarization: 1, epsilon: 15, sigmaSPerM: 0.005, mdvar: 12, timePct: 50, locationPct: 50, situationPct: 50 };

function flatDem(cells: number, cellSizeM: number, heightM: number): Dem {
  const grid: Grid = { width: cells, height: cells, originX: 500_000, originY: 1_100_000, cellSizeM, crs: 'EPSG:32648' };
  return { grid, heightsM: new Float32Array(cells * cells).fill(heightM) };
}

describe('itmPointToArea — flat DEM at 2 m equals point-to-point along radial 0', () => {
  const dem = flatDem(301, 30, 2);
  // Site at the centre of cell (150, 150).
  const site = { xM: 500_000 + 150.5 * 30, yM: 1_100_000 - 150.5 * 30, heightM: 25 };
  const map = itmPointToArea(dem, site, 1.5, 4000, P);
  it.each([1, 7, 40, 95, 133])('cell %i cells east of the site', (m) => {
    const heights = new Array<number>(m + 1).fill(2);
    const ref = itmP2p(25, 1.5, itmProfile(30, heights), P).lossDb;
    const value = map[150 * 301 + 150 + m];
    expect(Math.abs(value - Math.fround(ref))).toBeLessThanOrEqual(1e-6);
    // The command line gives the same number (6 decimals).
    const row = ITM_P2P_SPEC.evaluate({
      freqMHz: 900, hTxM: 25, hRxM: 1.5, spacingM: 30, elevationsM: heights.join(';'), climate: 5, n0: 301, polarization: 1,
      epsilon: 15, sigmaSPerM: 0.005, mdvar: 12, timePct: 50, locationPct: 50, situationPct: 50,
    });
    expect(row[0]).toBe(ref.toFixed(6));
  });
  it('fills every cell within the radius and none beyond', () => {
    let inside = 0;
    let wrong = 0;
    for (let r = 0; r < 301; r++) {
      for (let c = 0; c < 301; c++) {
        const d = 30 * Math.hypot(c - 150, r - 150);
        const v = map[r * 301 + c];
        if (d <= 4000) {
          if (!Number.isFinite(v)) wrong++;
          inside++;
        } else if (!Number.isNaN(v)) wrong++;
      }
    }
    expect(wrong).toBe(0);
    // π·(4000/30)² ≈ 55 851 cells.
    expect(inside).toBeGreaterThan(55_000);
  });
  it('the loss grows with distance on flat ground (monotone along radial 0 beyond 1 km)', () => {
    for (let m = 34; m < 133; m++) expect(map[150 * 301 + 151 + m]).toBeGreaterThan(map[150 * 301 + 150 + m]);
  });
});

describe('itmPointToArea — the shadow lies behind a ridge (hand-derived geometry)', () => {
  const n = 281;
  const cell = 60;
  const dem = flatDem(n, cell, 0);
  const centre = 140;
  // Wall: |x − 3000| ≤ 60 m, |y| ≤ 4000 m (x east, y north of the site), 60 m high.
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const x = (c - centre) * cell;
      const y = (centre - r) * cell;
      if (Math.abs(x - 3000) <= 60 && Math.abs(y) <= 4000) dem.heightsM[r * n + c] = 60;
    }
  }
  const site = { xM: 500_000 + (centre + 0.5) * cell, yM: 1_100_000 - (centre + 0.5) * cell, heightM: 10 };
  const map = itmPointToArea(dem, site, 1.5, 8000, P);
  /** Loss at (x, y) relative to the mirror cell (−x, y) on open ground. */
  const excess = (c: number, r: number) => map[r * n + c] - map[r * n + (2 * centre - c)];
  it('deep in the geometric shadow (x ≥ 4 km, ray crossing the axis within 3.5 km of its middle), > 10 dB of extra loss', () => {
    let cells = 0;
    let lit = 0;
    for (let r = 0; r < n; r++) {
      for (let c = centre; c < n; c++) {
        const x = (c - centre) * cell;
        const y = (centre - r) * cell;
        if (Math.hypot(x, y) > 8000 || x < 4000 || Math.abs((3000 * y) / x) > 3500) continue;
        if (!(excess(c, r) > 10)) lit++;
        cells++;
      }
    }
    expect(lit).toBe(0);
    expect(cells).toBeGreaterThan(1000);
  });
  it('no cell in front of the ridge (x < 2.8 km) or clear of its ends (crossing beyond 4.5 km) loses 10 dB', () => {
    let checked = 0;
    let shadowed = 0;
    for (let r = 0; r < n; r++) {
      for (let c = centre + 1; c < n; c++) {
        const x = (c - centre) * cell;
        const y = (centre - r) * cell;
        if (Math.hypot(x, y) > 8000) continue;
        if (x < 2800 || Math.abs((3000 * y) / x) > 4500) {
          checked++;
          if (!(excess(c, r) < 10)) shadowed++;
        }
      }
    }
    expect(shadowed).toBe(0);
    expect(checked).toBeGreaterThan(5000);
  });
});

describe('itmPointToArea — clutter heights (intermediate samples only)', () => {
  const dem = flatDem(121, 30, 2);
  const site = { xM: 500_000 + 60.5 * 30, yM: 1_100_000 - 60.5 * 30, heightM: 25 };
  const bare = itmPointToArea(dem, site, 1.5, 1700, P);
  it('a clutter grid of zeros changes nothing', () => {
    const zero = itmPointToArea(dem, site, 1.5, 1700, P, new Float32Array(121 * 121));
    expect(Array.from(zero)).toEqual(Array.from(bare));
  });
  it('15 m of clutter: the first sample (no intermediate point) is unchanged; a path ending in clutter loses more', () => {
    const cluttered = itmPointToArea(dem, site, 1.5, 1700, P, new Float32Array(121 * 121).fill(15));
    // Cell 1 east of the site: path of one interval, no intermediate sample.
    expect(cluttered[60 * 121 + 61]).toBe(bare[60 * 121 + 61]);
    // Cell 50 east (1.5 km): the receiver at 1.5 m behind 15 m of clutter.
    expect(cluttered[60 * 121 + 110] - bare[60 * 121 + 110]).toBeGreaterThan(5);
  });
});

describe('itmPointToArea — inputs', () => {
  const dem = flatDem(50, 30, 0);
  const site = { xM: 500_000 + 750, yM: 1_100_000 - 750, heightM: 30 };
  it('ITM rejections are InputErrors naming the field, with NTIA’s meaning', () => {
    expect(() => itmPointToArea(dem, { ...site, heightM: 0.2 }, 1.5, 500, P)).toThrow(InputError);
    expect(() => itmPointToArea(dem, site, 1.5, 500, { ...P, climate: 9 })).toThrow(/ITM error 1002: radio climate/);
    try {
      itmPointToArea(dem, site, 1.5, 500, { ...P, n0: 500 });
    } catch (err) {
      expect((err as InputError).field).toBe('params.n0');
    }
  });
  it('an aborted signal stops the run', () => {
    const controller = new AbortController();
    controller.abort(new Error('superseded'));
    expect(() => itmPointToArea(dem, site, 1.5, 500, P, null, { signal: controller.signal })).toThrow('superseded');
  });
});

describe('empiricalPlusDiffractionToArea — cellular variant', () => {
  const empirical = (dM: number) => 120 + 35 * Math.log10(dM / 1000);
  it('on flat ground (no obstacle) the result is the empirical model at the sample distance', () => {
    const dem = flatDem(101, 30, 2);
    const site = { xM: 500_000 + 50.5 * 30, yM: 1_100_000 - 50.5 * 30, heightM: 30 };
    for (const method of ['bullington', 'deygout'] as const) {
      const map = empiricalPlusDiffractionToArea(dem, site, 1.5, 1400, 1800, empirical, null, { diffraction: method });
      // Cell 20 east: sample 20 at 600 m.
      expect(map[50 * 101 + 70]).toBeCloseTo(Math.fround(empirical(600)), 4);
    }
  });
  it('a ridge adds diffraction loss behind it, none in front', () => {
    const dem = flatDem(101, 30, 0);
    for (let r = 0; r < 101; r++) for (let c = 70; c <= 71; c++) dem.heightsM[r * 101 + c] = 40;
    const site = { xM: 500_000 + 50.5 * 30, yM: 1_100_000 - 50.5 * 30, heightM: 10 };
    const map = empiricalPlusDiffractionToArea(dem, site, 1.5, 1450, 1800, empirical, null, { diffraction: 'deygout' });
    // Behind (cell 45 east, 1350 m): > 10 dB above the model; in front (cell 15 east, 450 m): the model.
    expect(map[50 * 101 + 95] - empirical(1350)).toBeGreaterThan(10);
    expect(map[50 * 101 + 65]).toBeCloseTo(Math.fround(empirical(450)), 4);
  });
});
