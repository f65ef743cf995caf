/**
 * Issue 4, acceptance 2: the engine's SINR against a case worked by hand (two co-channel omni
 * sectors and thermal noise, free-space path loss), and its throughput against the spec's
 * attenuated-Shannon formula (TR 36.942 Annex A) at three SINR values.
 */
import { describe, expect, it } from 'vitest';
import { EngineCore } from './engine.ts';
import { allTiles, newCoverageLayers, scatterChunk } from './layers.ts';
import { planScene } from './scene.ts';
import { cellAt, cellCenterX, cellCenterY } from '../grid/grid.ts';
import { utmToLonLat } from '../grid/projection.ts';
import type { Scenario, Site } from '../scenario/scenario.ts';
import { SMALL_BOUNDARY } from './fixtures.ts';

describe('SINR of two co-channel sectors plus noise, by hand', () => {
  // Probe cell: the centre of a cell in the middle of the SYNTHETIC test area.
  const probeScene = planScene({ schemaVersion: 1, name: 'p', sample: true, description: '', ueHeightM: 1.5, carriers: [{ id: 'n', tech: 'NR', band: 'n78', freqMHz: 3500, bandwidthMHz: 100, scsKHz: 30 }], sites: [], privateNetworks: [] }, SMALL_BOUNDARY, { cellSizeM: 100 });
  const g = probeScene.grid;
  const x = cellCenterX(g, 30), y = cellCenterY(g, 30);
  const site = (id: string, dx: number): Site => {
    const [lon, lat] = utmToLonLat(x + dx, y);
    // Antenna at the UE's height (1.5 m): d3D = d2D, so free space is 20 log(d) + 20 log(f) − 27.55 exactly.
    return { id, name: `SYNTHETIC ${id}`, lonDeg: lon, latDeg: lat, heightM: 1.5, kind: 'small-cell', status: 'planned', sectors: [
      { id: `${id}1`, carrierId: 'n', azimuthDeg: 0, mechanicalTiltDeg: 0, electricalTiltDeg: 0, txPowerDbm: 46, feederLossDb: 0, antenna: { type: 'omni', maxGainDbi: 0 }, modelId: 'fspl' },
    ] };
  };
  const scenario: Scenario = { ...{ schemaVersion: 1, name: 'SYNTHETIC hand', sample: true, description: '', ueHeightM: 1.5, privateNetworks: [] }, carriers: [{ id: 'n', tech: 'NR', band: 'n78', freqMHz: 3500, bandwidthMHz: 100, scsKHz: 30 }], sites: [site('A', -1000), site('B', 2000)] };
  const scene = planScene(scenario, SMALL_BOUNDARY, { cellSizeM: 100 });
  const layers = newCoverageLayers(scene);
  scatterChunk(scene, layers, new EngineCore(scene).computeTiles(allTiles(scene)));
  const c = cellAt(g, x, y)!;
  const i = c.row * g.width + c.col;

  it('matches the hand calculation', () => {
    // n78, 100 MHz at 30 kHz: N_RB = 273 (TS 38.101-1 Table 5.3.2-1); 12·273 = 3276 subcarriers.
    // pRE = 46 − 10·log10(3276) = 46 − 35.15344 = 10.84656 dBm
    // FSPL(1000 m, 3500 MHz) = 60 + 70.88136 − 27.55 = 103.33136 dB → S = 10.84656 − 103.33136 = −92.48480 dBm
    // FSPL(2000 m) = 103.33136 + 6.02060 = 109.35196 dB → I = −98.50540 dBm
    // N per RE = −174 + 10·log10(30 000) + 7 = −174 + 44.77121 + 7 = −122.22879 dBm
    // SINR = S / (0.5·I + N) in mW: S = 5.64313e−10, I = 1.41078e−10, N = 5.98578e−13
    //      = 5.64313e−10 / (7.05391e−11 + 5.98578e−13) = 5.64313e−10 / 7.11377e−11 = 7.93269 → 8.99420 dB
    const s = 10 ** (-92.4848 / 10), inter = 10 ** (-98.5054 / 10), n = 10 ** (-122.22879 / 10);
    const sinrHand = 10 * Math.log10(s / (0.5 * inter + n));
    expect(sinrHand).toBeCloseTo(8.9942, 3);
    expect(layers.carriers[0].rsrpDbm[i]).toBeCloseTo(-92.4848, 3);
    expect(layers.carriers[0].sinrDb[i]).toBeCloseTo(8.9942, 3);
    expect(layers.carriers[0].overlap[i]).toBe(1); // B is 6.02 dB weaker: just outside the 6 dB window
    expect(scene.sectors[layers.carriers[0].server[i]].id).toBe('A1');
  });

  it('throughput follows α·B·log2(1 + SINR) at three SINR values (NR: B = 273·12·30 kHz, α = 0.6)', () => {
    const l = layers.carriers[0];
    const bHz = 273 * 12 * 30e3; // 98.28 MHz
    // Three cells at different SINR along the line between the two sites.
    const picks = [-500, 0, 1200].map((dx) => {
      const cc = cellAt(g, x + dx, y)!;
      return cc.row * g.width + cc.col;
    });
    const sinrs = picks.map((k) => l.sinrDb[k]);
    expect(new Set(sinrs.map((v) => Math.round(v))).size).toBe(3);
    picks.forEach((k) => {
      const sinrLin = 10 ** (l.sinrDb[k] / 10);
      const want = l.sinrDb[k] < -10 ? 0 : (0.6 * bHz * Math.log2(1 + sinrLin)) / 1e6;
      expect(l.throughputMbps[k]).toBeCloseTo(want, 2);
    });
    // by hand at the probe: 0.6 · 98.28 MHz · log2(1 + 7.93269) = 58.968 · 3.15908 = 186.29 Mbit/s
    expect(l.throughputMbps[i]).toBeCloseTo(186.29, 1);
  });
});
