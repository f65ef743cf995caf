/**
 * The fast predictor at measurement points equals the engine's hover readout (readout.ts
 * `pointReadout`, itself tested equal to the reference layers): each counted sector's RSRP at the
 * exact point within 1e-9 dB, and the best server the same sector — with a clutter map and with a
 * calibration. The readout is the outside reference here.
 */
import { describe, expect, it } from 'vitest';
import { smallScenario, SMALL_BOUNDARY } from '../coverage/fixtures.ts';
import { pointReadout } from '../coverage/readout.ts';
import { classAt, NO_CLASS } from '../coverage/terms.ts';
import { planScene, type Scene } from '../coverage/scene.ts';
import type { CalibratedModel } from './calibrate.ts';
import { scenePredictor } from './predict.ts';

const CAL: CalibratedModel = {
  format: 'phusong-calibration', version: 1, name: 't', referenceDistanceKm: 1, minDistanceKm: 0.01, folds: 5, seed: 1, minPoints: 30, outlierMadFactor: 3,
  perClass: [{ modelId: 'all', class: 255, className: 'all', offsetDb: -3, slopeDbPerDecade: 4, nPoints: 100, nOutliers: 0, rmseBeforeDb: 8, rmseAfterDb: 7, meanErrorBeforeDb: -3, meanErrorAfterDb: 0, logDistanceSpreadDecades: 0.4, slopeStdErrorDbPerDecade: 0.2, fitted: true, slopeFitted: true }],
};

function check(scene: Scene, points = 400): number {
  let n = 0;
  for (const carrier of [0, 1]) {
    const p = scenePredictor(scene, carrier);
    // points on an irregular lattice over the area (not cell centres)
    for (let k = 0; k < points; k++) {
      const x = scene.grid.originX + ((k * 7919) % 997) / 997 * scene.grid.width * scene.grid.cellSizeM;
      const y = scene.grid.originY - ((k * 104729) % 991) / 991 * scene.grid.height * scene.grid.cellSizeM;
      const r = pointReadout(scene, carrier, x, y);
      const cls = classAt(scene, x, y);
      for (const s of r.servers) expect(p.rsrpDbm(s.index, x, y, cls === NO_CLASS ? 255 : cls)).toBeCloseTo(s.rsrpDbm, 9);
      expect(p.bestServer(x, y, cls)).toBe(r.servers[0]?.index ?? -1);
      n += r.servers.length;
    }
  }
  return n;
}

describe('scenePredictor = pointReadout', () => {
  it('without a clutter map', () => {
    expect(check(planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, floorDbm: -110 }))).toBeGreaterThan(500);
  });
  it('with a clutter map and a calibration', () => {
    const probe = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100 });
    const clutter = Uint8Array.from({ length: probe.grid.width * probe.grid.height }, (_, i) => Math.floor((i % probe.grid.width) / 7) % 6);
    expect(check(planScene({ ...smallScenario(), calibration: CAL }, SMALL_BOUNDARY, { cellSizeM: 100, floorDbm: -125 }, clutter))).toBeGreaterThan(500);
  });
  it('with a DEM and terrain-aware prediction (diffraction, ITM): the terrain\'s path loss, as the readout', () => {
    const probe = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100 });
    const g = probe.grid;
    // A 60 m hill in the middle of the area (SYNTHETIC), 2 m elsewhere.
    const dem = Float32Array.from({ length: g.width * g.height }, (_, i) => {
      const c = i % g.width, r = Math.floor(i / g.width);
      return 2 + 60 * Math.exp(-(((c - g.width / 2) / 8) ** 2 + ((r - g.height / 2) / 8) ** 2));
    });
    for (const terrain of ['empirical-diffraction', 'itm'] as const) {
      const scene = planScene(smallScenario(), SMALL_BOUNDARY, { cellSizeM: 100, floorDbm: -125, terrain }, null, dem);
      expect(scene.options.terrain).toBe(terrain);
      expect(check(scene, 60)).toBeGreaterThan(60);
      // and the terrain made a difference somewhere (so the comparison above is not the flat one's)
      const flat = scenePredictor(probe, 0), hilly = scenePredictor(scene, 0);
      let most = 0;
      for (let k = 0; k < 200; k++) {
        const x = g.originX + ((k * 37) % 101) / 101 * g.width * g.cellSizeM, y = g.originY - ((k * 53) % 103) / 103 * g.height * g.cellSizeM;
        for (const s of scene.sectors.filter((q) => q.carrier === 0)) most = Math.max(most, Math.abs(hilly.rsrpDbm(s.index, x, y, 255) - flat.rsrpDbm(s.index, x, y, 255)));
      }
      expect(most).toBeGreaterThan(1);
    }
  });
  it('the uncalibrated options give the prediction without the correction', () => {
    const scene = planScene({ ...smallScenario(), calibration: CAL }, SMALL_BOUNDARY, { cellSizeM: 100 });
    const raw = scenePredictor(scene, 0, { ...scene.options, calibration: null });
    const cal = scenePredictor(scene, 0);
    const s = scene.sectors[0];
    // 2 km north of site A: correction −3 + 4·log10(2) = −3 + 1.20412 = −1.79588 dB
    expect(cal.rsrpDbm(0, s.xM, s.yM + 2000, 255) - raw.rsrpDbm(0, s.xM, s.yM + 2000, 255)).toBeCloseTo(-1.79588, 5);
  });
});
