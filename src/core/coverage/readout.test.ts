/**
 * The hover readout: its terms add up to its RSRP, at cell centres its best server equals the
 * direct per-cell evaluation (reference.ts) behind the golden tests, and one sector's budget
 * worked by hand from the spec's formulas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellCenterX, cellCenterY, gridBBox } from '../grid/grid.ts';
import { utmToLonLat } from '../grid/projection.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { SMALL_BOUNDARY, smallScenario } from './fixtures.ts';
import { pointReadout, pointReadoutLonLat, READOUT_SERVERS, sectorTermsAt, type SectorTerms } from './readout.ts';
import { referenceLayers } from './reference.ts';
import { planScene, sceneMask } from './scene.ts';

const OPTS = { cellSizeM: 100, tileSize: 16, floorDbm: -125 };

function termSumDbm(t: SectorTerms): number {
  return t.pReDbm + t.maxGainDbi - t.attenuationDb - t.feederLossDb - t.pathLossDb - t.clutterLossDb;
}

describe('readout terms add up', () => {
  const scene = planScene(smallScenario(), SMALL_BOUNDARY, OPTS);
  const [minX, minY, maxX, maxY] = gridBBox(scene.grid);

  it('rsrp = pRE + G_max − attenuation − feeder − path loss − clutter to 1e-9 dB at random points', () => {
    let served = 0;
    fc.assert(
      fc.property(fc.double({ min: minX, max: maxX, noNaN: true }), fc.double({ min: minY, max: maxY, noNaN: true }), fc.integer({ min: 0, max: 1 }), (x, y, ci) => {
        const r = pointReadout(scene, ci, x, y);
        expect(r.servers.length).toBeLessThanOrEqual(READOUT_SERVERS);
        expect(r.servers.length).toBe(Math.min(READOUT_SERVERS, r.counted));
        if (r.servers.length) served++;
        r.servers.forEach((t, k) => {
          expect(Math.abs(termSumDbm(t) - t.rsrpDbm)).toBeLessThanOrEqual(1e-9);
          expect(Math.abs(t.maxGainDbi - t.attenuationDb - t.gainTowardDbi)).toBeLessThanOrEqual(1e-9);
          expect(Math.abs(t.rsrpDbm - t.buildingEntryLossDb - t.indoorRsrpDbm)).toBeLessThanOrEqual(1e-9);
          expect(t.clutterLossDb).toBe(0);
          expect(t.clutterApplied).toBe(false);
          expect(t.rsrpDbm).toBeGreaterThanOrEqual(scene.options.floorDbm);
          expect(t.distanceM).toBeLessThanOrEqual(scene.sectors[t.index].rangeM);
          if (k > 0) expect(t.rsrpDbm).toBeLessThanOrEqual(r.servers[k - 1].rsrpDbm);
          // the pattern: A = min(A_H + A_V, Am), omni 0
          const s = scene.sectors[t.index];
          expect(t.attenuationDb).toBeCloseTo(s.omni ? 0 : Math.min(t.horizontalAttenuationDb + t.verticalAttenuationDb, s.amDb), 9);
        });
      }),
      { numRuns: 400, seed: 42 },
    );
    expect(served).toBeGreaterThan(100);
  });

  it('every sector, counted or not, at random points and at its own foot (d = 0)', () => {
    const ind = scene.options;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: scene.sectors.length - 1 }), fc.double({ min: -3000, max: 3000, noNaN: true }), fc.double({ min: -3000, max: 3000, noNaN: true }), (k, dx, dy) => {
        const s = scene.sectors[k];
        for (const t of [sectorTermsAt(s, scene.ueHeightM, s.xM + dx, s.yM + dy, ind), sectorTermsAt(s, scene.ueHeightM, s.xM, s.yM, ind)]) {
          expect(Math.abs(termSumDbm(t) - t.rsrpDbm)).toBeLessThanOrEqual(1e-9);
          expect(Number.isFinite(t.rsrpDbm)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('readout at cell centres = the per-cell reference (golden)', () => {
  const scenario = smallScenario();
  // Site C on a cell centre, as in engine.test.ts: d = 0 at that cell.
  const probe = planScene(scenario, SMALL_BOUNDARY, OPTS);
  const [lon, lat] = utmToLonLat(cellCenterX(probe.grid, 60), cellCenterY(probe.grid, 8));
  const scen: Scenario = { ...scenario, sites: scenario.sites.map((s) => (s.id === 'C' ? { ...s, lonDeg: lon, latDeg: lat } : s)) };
  const scene = planScene(scen, SMALL_BOUNDARY, OPTS);
  const mask = sceneMask(scene);
  const g = scene.grid;

  scene.carriers.forEach((c, ci) => {
    it(`${c.id}: best server, RSRP, SINR, throughput, uplink margin, indoor and overlap within 1e-9`, () => {
      const ref = referenceLayers(scene, ci, mask);
      let served = 0, empty = 0, multi = 0;
      for (let row = 0; row < g.height; row++) {
        for (let col = 0; col < g.width; col++) {
          const i = row * g.width + col;
          const r = pointReadout(scene, ci, cellCenterX(g, col), cellCenterY(g, row));
          expect(r.insideArea).toBe(mask[i] === 1);
          if (!mask[i]) continue;
          if (Number.isNaN(ref.indoorDbm[i])) expect(r.indoorBestDbm).toBeNaN();
          else expect(Math.abs(r.indoorBestDbm - ref.indoorDbm[i])).toBeLessThanOrEqual(1e-9);
          if (ref.server[i] < 0) {
            expect(r.servers).toHaveLength(0);
            expect(r.sinrDb).toBeNaN();
            empty++;
            continue;
          }
          served++;
          if (r.counted > 1) multi++;
          const best = r.servers[0];
          expect(best.index).toBe(ref.server[i]);
          expect(best.sectorId).toBe(scene.sectors[ref.server[i]].id);
          expect(Math.abs(best.rsrpDbm - ref.rsrpDbm[i])).toBeLessThanOrEqual(1e-9);
          expect(Math.abs(r.sinrDb - ref.sinrDb[i])).toBeLessThanOrEqual(1e-9);
          expect(Math.abs(r.ulMarginDb - ref.ulMarginDb[i])).toBeLessThanOrEqual(1e-9);
          expect(r.throughputMbps).toBeCloseTo(ref.throughputMbps[i], 4); // the layer is Float32
          expect(r.overlap).toBe(ref.overlap[i]);
        }
      }
      expect(served).toBeGreaterThan(1000);
      expect(multi).toBeGreaterThan(10); // cells where other sectors interfere
      expect(empty + served).toBeGreaterThan(1000);
    });
  });

  it("'cell-centre' evaluates at the centre of the cell holding the point; lon/lat gives the same as UTM", () => {
    const x = cellCenterX(g, 30), y = cellCenterY(g, 20);
    const atCentre = pointReadout(scene, 0, x, y);
    const snapped = pointReadout(scene, 0, x + 37, y - 41, 'cell-centre');
    expect(snapped.cell).toEqual({ col: 30, row: 20 });
    expect(snapped.xM).toBe(x);
    expect(snapped.servers[0].rsrpDbm).toBe(atCentre.servers[0].rsrpDbm);
    expect(pointReadout(scene, 0, x + 37, y - 41).servers[0].rsrpDbm).not.toBe(atCentre.servers[0].rsrpDbm);
    const [lo, la] = utmToLonLat(x + 37, y - 41);
    const viaLonLat = pointReadoutLonLat(scene, 0, lo, la);
    expect(Math.abs(viaLonLat.xM - (x + 37))).toBeLessThan(1e-6);
    expect(Math.abs(viaLonLat.servers[0].rsrpDbm - pointReadout(scene, 0, x + 37, y - 41).servers[0].rsrpDbm)).toBeLessThan(1e-9);
  });

  it("names each server's model and gives the model's own validity verdict", () => {
    // D1 is Okumura–Hata at 1842.5 MHz: outside Hata's 150–1500 MHz, whatever the distance.
    const d1 = scene.sectors.find((s) => s.id === 'D1')!;
    const t = sectorTermsAt(d1, scene.ueHeightM, d1.xM + 1500, d1.yM - 2000, scene.options);
    expect(t.modelId).toBe('hata-urban-small');
    expect(t.modelName).toBe('Okumura–Hata urban, small/medium city');
    expect(t.modelValidity.inRange).toBe(false);
    expect(t.modelValidity.warnings).toContain('freqMHz=1842.5 outside validity range 150–1500 MHz');
    // A1 (UMa expected) 500 m away: 10 m ≤ d2d ≤ 5 km, 1.8 GHz, UE 1.5 m: in range.
    const a1 = scene.sectors.find((s) => s.id === 'A1')!;
    const u = sectorTermsAt(a1, scene.ueHeightM, a1.xM, a1.yM + 500, scene.options);
    expect(u.modelValidity).toEqual({ inRange: true, warnings: [], issues: [] });
    // 5 m from the mast: below UMa's 10 m minimum distance (the line, and the same as data for the UI).
    const near = sectorTermsAt(a1, scene.ueHeightM, a1.xM, a1.yM + 5, scene.options).modelValidity;
    expect(near.warnings).toContain('d2dM=5 outside validity range 10–5000 m');
    expect(near.issues).toContainEqual({ kind: 'range', field: 'd2dM', value: 5, min: 10, max: 5000, unit: 'm' });
  });
});

describe('one sector worked by hand (free space, 3GPP sector)', () => {
  // SYNTHETIC: one LTE 1842.5 MHz / 20 MHz sector, 43 dBm, feeder 2 dB, G_max 17 dBi, φ3dB 65°,
  // θ3dB 10°, Am 30 dB, SLA_V 20 dB, azimuth 10°, tilt 2° + 4°, antenna 31.5 m, UE 1.5 m, FSPL.
  const scenario: Scenario = {
    schemaVersion: 1, name: 'SYNTHETIC hand', sample: true, description: '', ueHeightM: 1.5, privateNetworks: [],
    carriers: [{ id: 'l18', tech: 'LTE', band: 'B3', freqMHz: 1842.5, bandwidthMHz: 20, scsKHz: 15 }],
    sites: [{ id: 'H', name: 'SYNTHETIC H', lonDeg: 105.96, latDeg: 10.24, heightM: 31.5, kind: 'macro', status: 'planned', sectors: [{
      id: 'H1', carrierId: 'l18', azimuthDeg: 10, mechanicalTiltDeg: 2, electricalTiltDeg: 4, txPowerDbm: 43, feederLossDb: 2, modelId: 'fspl',
      antenna: { type: '3gpp-sector', maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 },
    }] }],
  };
  const scene = planScene(scenario, SMALL_BOUNDARY, { cellSizeM: 100 });
  const s = scene.sectors[0];
  // The point 600 m east and 800 m north of the mast: d2d = 1000 m, bearing atan(600/800) = 36.86990°.
  const r = pointReadout(scene, 0, s.xM + 600, s.yM + 800);
  const t = r.servers[0];

  it('geometry and antenna', () => {
    expect(r.servers).toHaveLength(1);
    expect(t.distanceM).toBeCloseTo(1000, 9);
    expect(t.bearingDeg).toBeCloseTo(36.869898, 6);
    // φ = 36.869898 − 10 = 26.869898°; A_H = 12 (26.869898/65)² = 2.050626 dB
    expect(t.azimuthOffDeg).toBeCloseTo(26.869898, 6);
    expect(t.horizontalAttenuationDb).toBeCloseTo(2.050626, 6);
    // θ − 90° = atan(30/1000) = 1.718358°; A_V = 12 ((1.718358 − 6)/10)² = 2.199895 dB
    expect(t.elevDownDeg).toBeCloseTo(1.718358, 6);
    expect(t.verticalAttenuationDb).toBeCloseTo(2.199895, 6);
    // A = min(2.050626 + 2.199895, 30) = 4.250521 dB; gain toward the point 17 − 4.250521 = 12.749479 dBi
    expect(t.attenuationDb).toBeCloseTo(4.250521, 6);
    expect(t.gainTowardDbi).toBeCloseTo(12.749479, 6);
  });

  it('RSRP, indoor, SINR, throughput and uplink', () => {
    // 20 MHz LTE: N_RB = 100 → pRE = 43 − 10 log(1200) = 43 − 30.791812 = 12.208188 dBm
    expect(t.pReDbm).toBeCloseTo(12.208188, 6);
    // d3d = sqrt(1000² + 30²) = 1000.449899 m; FSPL = 32.45 + 20 log 1842.5 + 20 log 1.000449899
    //     = 32.45 + 65.308151 + 0.003906 = 97.762057 dB
    expect(t.pathLossDb).toBeCloseTo(97.762057, 6);
    expect(t.modelName).toBe('Free space (ITU-R P.525)');
    expect(t.modelValidity.inRange).toBe(true);
    // RSRP = 12.208188 + 17 − 4.250521 − 2 − 97.762057 = −74.804391 dBm
    expect(t.rsrpDbm).toBeCloseTo(-74.804391, 6);
    expect(t.eirpPerReTowardDbm).toBeCloseTo(12.208188 + 12.749479 - 2, 5);
    // P.2109 at P = 50 % (F⁻¹ = 0), traditional, f = 1.8425 GHz (log f = 0.265407):
    //   A = Lh + Le = 12.64 + 3.72·0.265407 + 0.96·0.265407² + 0.212·1.718358 = 13.995236
    //   B = 9.1 − 3.0·0.265407 = 8.303779; L = 10 log(10^1.3995236 + 10^0.8303779 + 10^−0.3) = 15.149685 dB
    expect(t.buildingEntryLossDb).toBeCloseTo(15.149685, 6);
    expect(r.indoorBestDbm).toBeCloseTo(-89.954076, 6);
    // Alone on its carrier: SINR = RSRP − N_RE, N_RE = −174 + 10 log 15000 + 7 = −125.239087 dBm
    expect(r.noiseReDbm).toBeCloseTo(-125.239087, 6);
    expect(r.interferenceDbm).toBe(-Infinity);
    expect(r.sinrDb).toBeCloseTo(50.434697, 6);
    // 50.4 dB is far above 22.05 dB: capped at 4.4 bit/s/Hz × 100·12·15 kHz = 79.2 Mbit/s
    expect(r.throughputMbps).toBeCloseTo(79.2, 9);
    // Uplink: 23 dBm over 10 PRBs = 13 dBm/PRB; Rx = 13 − 97.762057 + 12.749479 − 2 = −74.012578 dBm
    // N_PRB = −174 + 10 log 180000 + 5 = −116.447275 dBm; SINR = −74.012578 + 116.447275 − 2 = 40.434697 dB
    // margin = 40.434697 − (−3) = 43.434697 dB
    expect(r.uplink!.rxPowerPerPrbDbm).toBeCloseTo(-74.012578, 6);
    expect(r.ulMarginDb).toBeCloseTo(43.434697, 6);
    expect(r.overlap).toBe(1);
    expect(r.clutterApplied).toBe(false);
  });

  it('a point behind the floor or beyond the footprint has no server', () => {
    const far = pointReadout(scene, 0, s.xM, s.yM - (s.rangeM + 10));
    expect(far.evaluated).toBe(0);
    expect(far.servers).toHaveLength(0);
    expect(far.sinrDb).toBeNaN();
    expect(far.uplink).toBeNull();
  });
});
