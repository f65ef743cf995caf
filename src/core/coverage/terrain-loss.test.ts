/**
 * Terrain in the coverage engine (issue 12, acceptance 2, and the golden test with a DEM).
 *
 * Sources of the expected values:
 * - Flat DEM at 2 m: a cell due east of a site standing on a cell centre lies on radial 0 at a
 *   whole number k of cells; its profile is k + 1 heights of 2 m at the cell spacing, so where
 *   the lattice evaluates (100 m cells: stride 2, samples 1 and every 2nd) the engine's path
 *   loss must equal `phusong itm --mode p2p` (ITM_P2P_SPEC, checked against NTIA's shipped
 *   values in src/cli/commands/itm.test.ts) for that profile, to 1e-6 dB; at an odd k ≥ 3 it is
 *   the mean of the CLI's values at k − 1 and k + 1 (linear in distance, weight ½). With an omni
 *   antenna (no pattern, no clutter) RSRP = pRE + G_max − L_feeder − PL, so the engine's RSRP
 *   layer gives PL back by hand.
 * - Synthetic ridge (geometry derived in the test below): the shadow lies behind the ridge.
 * - Golden test: every layer of the engine with terrain equals the direct per-cell evaluation of
 *   reference.ts (which computes the terrain term point by point with itmP2p / the diffraction
 *   functions, not from the map) within 1e-6 dB, with and without a clutter map.
 * - Invariant: moving one site recomputes only that site's terrain maps and gives the layers of
 *   a full recompute.
 */
import { describe, expect, it } from 'vitest';
import { ITM_P2P_SPEC } from '../../cli/commands/itm.ts';
import { CLUTTER_TYPES } from '../clutter/p2108.ts';
import { cellCenterX, cellCenterY } from '../grid/grid.ts';
import { utmToLonLat } from '../grid/projection.ts';
import { powerPerReDbm } from '../linkbudget/rsrp.ts';
import type { Scenario, Site } from '../scenario/scenario.ts';
import { EngineCore } from './engine.ts';
import { smallScenario, SMALL_BOUNDARY } from './fixtures.ts';
import { allTiles, newCoverageLayers, scatterChunk, type CoverageLayers } from './layers.ts';
import { referenceLayers } from './reference.ts';
import { pointReadout } from './readout.ts';
import { planScene, sceneMask, type EngineOptions, type Scene } from './scene.ts';
import { copyLayers, expectLayersClose } from './testing.ts';
import { TerrainMapCache } from './terrain-loss-cache.ts';
import { computeTerrainMap, terrainGround, terrainLossAtDb, terrainSpecOf, terrainSpecsOf, TERRAIN_ITM_SETTINGS } from './terrain-loss.ts';

const probe = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100 });
const W = probe.grid.width;
const H = probe.grid.height;

function layersOf(scene: Scene, engine = new EngineCore(scene)): CoverageLayers {
  const layers = newCoverageLayers(scene);
  scatterChunk(scene, layers, engine.computeTiles(allTiles(scene)));
  return layers;
}

/** One omni site (43 dBm, 10 dBi, 1 dB feeder) on the centre of cell (col, row) of the probe grid. */
function omniScenario(col: number, row: number, heightM: number): Scenario {
  const [lonDeg, latDeg] = utmToLonLat(cellCenterX(probe.grid, col), cellCenterY(probe.grid, row));
  const site: Site = {
    id: 'O', name: 'SYNTHETIC omni', lonDeg, latDeg, heightM, kind: 'macro', status: 'planned',
    sectors: [{ id: 'O1', carrierId: 'l9', azimuthDeg: 0, mechanicalTiltDeg: 0, electricalTiltDeg: 0, txPowerDbm: 43, feederLossDb: 1, modelId: '38901-rma-expected', antenna: { type: 'omni', maxGainDbi: 10 } }],
  };
  return {
    schemaVersion: 1, name: 'SYNTHETIC terrain', sample: true, description: '', ueHeightM: 1.5,
    carriers: [{ id: 'l9', tech: 'LTE', band: 'B8', freqMHz: 900, bandwidthMHz: 10, scsKHz: 15 }], sites: [site], privateNetworks: [],
  };
}

describe('engine with ITM on a flat DEM at 2 m = phusong itm --mode p2p along the radial', () => {
  const opts: Partial<EngineOptions> = { cellSizeM: 100, tileSize: 16, floorDbm: -160, terrain: 'itm', terrainRangeM: 3000 };
  const dem = new Float32Array(W * H).fill(2);
  const col = 20;
  const row = 25;
  const scene = planScene(omniScenario(col, row, 25), SMALL_BOUNDARY, opts, null, dem);
  const layers = layersOf(scene);
  const s = scene.sectors[0];
  const eirpDbm = powerPerReDbm(43, 50) + 10 - 1;
  /** `phusong itm --mode p2p` on k + 1 heights of 2 m at 100 m, dB (6 decimals). */
  const cli = (k: number) => Number(ITM_P2P_SPEC.evaluate({
    freqMHz: 900, hTxM: 25, hRxM: 1.5, spacingM: 100, elevationsM: new Array<number>(k + 1).fill(2).join(';'), climate: TERRAIN_ITM_SETTINGS.climate, n0: TERRAIN_ITM_SETTINGS.n0,
    polarization: TERRAIN_ITM_SETTINGS.polarization, epsilon: TERRAIN_ITM_SETTINGS.epsilon, sigmaSPerM: TERRAIN_ITM_SETTINGS.sigmaSPerM, mdvar: TERRAIN_ITM_SETTINGS.mdvar,
    timePct: TERRAIN_ITM_SETTINGS.timePct, locationPct: TERRAIN_ITM_SETTINGS.locationPct, situationPct: TERRAIN_ITM_SETTINGS.situationPct,
  })[0]);
  it('the scene computes with ITM over 3 km, evaluated every 2nd cell (150 m / 100 m rounded)', () => {
    expect(scene.options.terrain).toBe('itm');
    expect(s.rangeM).toBe(3000);
    expect(terrainSpecOf(scene, s)!.stride).toBe(2);
  });
  it.each([1, 2, 8, 16, 28])('the cell %i cells east of the site (a lattice point)', (m) => {
    const cliDb = cli(m);
    const i = row * W + col + m;
    // RSRP = EIRP per RE − PL (omni, no clutter): PL from the engine's layer.
    const engineDb = eirpDbm - layers.carriers[0].rsrpDbm[i];
    // The CLI prints 6 decimals (± 5e-7 dB); the map holds float32 power ratios (± 2.6e-7 dB).
    expect(Math.abs(engineDb - cliDb)).toBeLessThanOrEqual(1e-6);
    // And the point evaluation of the reference / readout gives the same.
    const spec = terrainSpecOf(scene, s)!;
    const point = terrainLossAtDb(terrainGround(scene), spec, cellCenterX(scene.grid, col + m), cellCenterY(scene.grid, row), -1);
    expect(point.sample).toBe(m);
    expect(Math.abs(point.lossDb - cliDb)).toBeLessThanOrEqual(6e-7);
  });
  it.each([3, 17, 29])('the cell %i cells east: the mean of the CLI at k − 1 and k + 1', (m) => {
    const want = 0.5 * (cli(m - 1) + cli(m + 1));
    const engineDb = eirpDbm - layers.carriers[0].rsrpDbm[row * W + col + m];
    expect(Math.abs(engineDb - want)).toBeLessThanOrEqual(1e-6);
  });
});

describe('engine with ITM: the shadow lies behind a ridge', () => {
  // Hand geometry (x east, y north of the site, m). Flat ground at 0 m; a wall 80 m high and
  // 200 m thick (cells whose centre has |x − 1500| ≤ 100, |y| ≤ 1200) north–south 1.5 km east of
  // an omni site 15 m high. From the antenna (15 m) the ray grazing the wall's top (80 m at
  // x = 1.4 km) climbs 65 m in 1.4 km, so behind the wall every ray is higher still: a receiver
  // at 1.5 m anywhere behind it (x > 1.6 km) whose line to the site crosses the wall's axis
  // (x = 1.5 km) at |y| ≤ 1.2 km — i.e. |y|·1500/x ≤ 1200 — is in the geometric shadow. A single
  // knife edge 2.2 km east at 900 MHz (λ = 0.333 m): h ≈ 80 − 15 + (15 − 1.5)·1.5/2.2 ≈ 74 m
  // above the line, ν = h·√(2/λ·(1/1500 + 1/700)) ≈ 74·0.112 ≈ 8.3, J(ν) ≈ 31 dB. ITM weights
  // knife edges with a smooth earth, so the test asks for more than 10 dB relative to the
  // mirror cell west of the site (open flat ground at the same distance), and for less than
  // 10 dB where the ray passes in front of the wall or clear of its ends.
  const opts: Partial<EngineOptions> = { cellSizeM: 100, tileSize: 16, floorDbm: -170, terrain: 'itm', terrainRangeM: 3200 };
  const col = 35;
  const row = 27;
  const dem = new Float32Array(W * H);
  const xOf = (c: number) => (c - col) * 100;
  const yOf = (r: number) => (row - r) * 100;
  for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) if (Math.abs(xOf(c) - 1500) <= 100 && Math.abs(yOf(r)) <= 1200) dem[r * W + c] = 80;
  const scene = planScene(omniScenario(col, row, 15), SMALL_BOUNDARY, opts, null, dem);
  const mask = sceneMask(scene);
  const rsrp = layersOf(scene).carriers[0].rsrpDbm;
  const excess = (c: number, r: number) => rsrp[r * W + (2 * col - c)] - rsrp[r * W + c];
  // Cells strictly inside the 3.2 km footprint (the site stands on a cell centre to within the projection's round trip).
  const usable = (c: number, r: number) => c < W && 2 * col - c >= 0 && r >= 0 && r < H && mask[r * W + c] && mask[r * W + 2 * col - c] && Math.hypot(xOf(c), yOf(r)) < 3150;
  it('behind the ridge (x ≥ 1.9 km, the ray crossing the axis within 1 km of its middle): > 10 dB below the mirror cell', () => {
    let cells = 0;
    let lit = 0;
    for (let r = 0; r < H; r++) for (let c = col; c < W; c++) {
      if (!usable(c, r) || xOf(c) < 1900 || Math.abs((yOf(r) * 1500) / xOf(c)) > 1000) continue;
      cells++;
      if (!(excess(c, r) > 10)) lit++;
    }
    expect(cells).toBeGreaterThan(50);
    expect(lit).toBe(0);
  });
  it('in front of the ridge (x ≤ 1.2 km) or clear of its ends (crossing beyond 1.6 km): within 10 dB of the mirror cell', () => {
    let cells = 0;
    let shadowed = 0;
    for (let r = 0; r < H; r++) for (let c = col + 1; c < W; c++) {
      if (!usable(c, r)) continue;
      if (xOf(c) <= 1200 || Math.abs((yOf(r) * 1500) / xOf(c)) > 1600) {
        cells++;
        if (!(excess(c, r) < 10)) shadowed++;
      }
    }
    expect(cells).toBeGreaterThan(200);
    expect(shadowed).toBe(0);
  });
});

/** A SYNTHETIC hilly DEM on the probe grid: three Gaussian hills and a tilted plain. */
function hillyDem(): Float32Array {
  const hills = [[15, 20, 60, 6], [45, 30, 90, 8], [60, 12, 40, 5]];
  return Float32Array.from({ length: W * H }, (_, i) => {
    const c = i % W;
    const r = (i - c) / W;
    let h = 2 + 0.05 * c;
    for (const [hc, hr, hm, s] of hills) h += hm * Math.exp(-((c - hc) ** 2 + (r - hr) ** 2) / (2 * s * s));
    return Math.round(h * 10) / 10;
  });
}

describe('coverage engine with terrain = direct per-cell evaluation (golden, with a DEM)', () => {
  const dem = hillyDem();
  const clutter = Uint8Array.from({ length: W * H }, (_, i) => Math.floor((i % W) / 7) % CLUTTER_TYPES.length);
  const cases: [string, Partial<EngineOptions>, Uint8Array | null][] = [
    ['ITM', { terrain: 'itm', terrainRangeM: 6000 }, null],
    ['ITM, every cell evaluated (stride 1)', { terrain: 'itm', terrainRangeM: 6000, terrainStride: 1 }, null],
    ['ITM with a clutter map', { terrain: 'itm', terrainRangeM: 6000 }, clutter],
    ['model + Bullington with a clutter map', { terrain: 'empirical-diffraction', terrainDiffraction: 'bullington' }, clutter],
    ['model + Deygout', { terrain: 'empirical-diffraction', terrainDiffraction: 'deygout' }, null],
  ];
  for (const [name, extra, cl] of cases) {
    it(`${name}: every layer of both carriers within 1e-6 dB; the terrain changes the map`, () => {
      const opts = { cellSizeM: 100, tileSize: 16, floorDbm: -125, ...extra };
      const scene = planScene(smallScenario(), SMALL_BOUNDARY, opts, cl, dem);
      const mask = sceneMask(scene);
      const layers = layersOf(scene);
      scene.carriers.forEach((c, ci) => expectLayersClose(layers.carriers[ci], referenceLayers(scene, ci, mask), `${name} ${c.id}`));
      const flat = layersOf(planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, tileSize: 16, floorDbm: -125 }, cl, null)).carriers[0].rsrpDbm;
      let changed = 0;
      layers.carriers[0].rsrpDbm.forEach((v, i) => {
        if (Math.abs(v - flat[i]) > 1) changed++;
      });
      expect(changed).toBeGreaterThan(500);
    });
  }

  it('the readout at a cell centre gives the layer value with terrain', () => {
    const scene = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, tileSize: 16, floorDbm: -125, terrain: 'itm', terrainRangeM: 6000 }, clutter, dem);
    const layers = layersOf(scene);
    let compared = 0;
    for (let i = 17; i < W * H; i += 97) {
      const c = i % W;
      const r = (i - c) / W;
      const v = layers.carriers[0].rsrpDbm[i];
      if (Number.isNaN(v)) continue;
      const ro = pointReadout(scene, 0, cellCenterX(scene.grid, c), cellCenterY(scene.grid, r));
      expect(Math.abs(ro.servers[0].rsrpDbm - v)).toBeLessThanOrEqual(1e-6);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('without a DEM the option is off and the scene equals the flat one', () => {
    const scene = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, terrain: 'itm' });
    expect(scene.options.terrain).toBe('off');
    expect(terrainSpecsOf(scene)).toHaveLength(0);
    expect(scene.sectors.map((s) => s.rangeM)).toEqual(probe.sectors.map((s) => s.rangeM));
  });
});

describe('terrain maps and an edit', () => {
  const dem = hillyDem();
  const opts: Partial<EngineOptions> = { cellSizeM: 100, tileSize: 16, floorDbm: -125, terrain: 'itm', terrainRangeM: 5000 };
  const scen = smallScenario();
  const scene = planScene(scen, SMALL_BOUNDARY, opts, null, dem);
  it('one map per site, frequency and height (sectors of a site share it)', () => {
    // A: l18 ×3 + n35 → 2 maps; B: 2; C: 2; D: 1.
    expect(terrainSpecsOf(scene)).toHaveLength(7);
  });
  it('moving site B recomputes only B’s two maps and equals a full recompute', () => {
    const cache = new TerrainMapCache();
    const engine = new EngineCore(scene, undefined, cache);
    const layers = layersOf(scene, engine);
    expect(cache.computed).toBe(7);
    const site = scen.sites.find((s) => s.id === 'B')!;
    const moved: Scenario = { ...scen, sites: scen.sites.map((s) => (s.id === 'B' ? { ...site, lonDeg: site.lonDeg + 0.006 } : s)) };
    const next = planScene(moved, SMALL_BOUNDARY, opts, null, dem);
    const own = scene.sectors.filter((s) => s.siteId === 'B');
    engine.beginEdit(own.map((s) => s.index));
    const live = copyLayers(scene, layers);
    scatterChunk(scene, live, engine.editTiles(allTiles(scene), next.sectors.filter((s) => s.siteId === 'B')));
    engine.endEdit();
    expect(cache.computed).toBe(9);
    // The next scene's engine (same worker cache) computes nothing new.
    const full = layersOf(next, new EngineCore(next, undefined, cache));
    expect(cache.computed).toBe(9);
    next.carriers.forEach((c, ci) => expectLayersClose(live.carriers[ci], full.carriers[ci], `edit ${c.id}`));
  });
  it('a map equals the point evaluation at every 37th cell it holds (to float32)', () => {
    const s = scene.sectors[0];
    const spec = terrainSpecOf(scene, s)!;
    const ground = terrainGround(scene);
    const map = computeTerrainMap(ground, spec);
    let n = 0;
    for (let i = 0; i < map.lin.length; i += 37) {
      const v = map.lin[i];
      if (Number.isNaN(v)) continue;
      const c = map.c0 + (i % map.width);
      const r = map.r0 + Math.floor(i / map.width);
      const p = terrainLossAtDb(ground, spec, cellCenterX(scene.grid, c), cellCenterY(scene.grid, r), -1);
      expect(Math.abs(-10 * Math.log10(v) - p.lossDb)).toBeLessThan(1e-6);
      n++;
    }
    expect(n).toBeGreaterThan(50);
    expect(map.warnings & 0x0040).toBe(0x0040); // paths shorter than 1 km near the site
  });
});
