/**
 * The calibration in the engine (issue 14): the correction K1 + K2·log10(max(d, 10 m)/1 km) of
 * the sector's model and the UE's clutter class is subtracted from the path loss once (terms.ts),
 * so the kernel, the reference, the readout and the footprint all carry it.
 *
 * Expected values: hand calculations of the correction written out below; the golden invariant
 * (every layer of the engine = the direct per-cell reference within 1e-6 dB, src/core/coverage/
 * testing.ts) with a calibration, with and without a clutter map; and the invariant that each
 * sector's signal with the calibration is its signal without it plus the correction.
 */
import { describe, expect, it } from 'vitest';
import { EngineCore } from '../coverage/engine.ts';
import { smallScenario, SMALL_BOUNDARY } from '../coverage/fixtures.ts';
import { allTiles, newCoverageLayers, scatterChunk } from '../coverage/layers.ts';
import { referenceCell, referenceLayers } from '../coverage/reference.ts';
import { sectorTermsAt } from '../coverage/readout.ts';
import { planScene, sceneMask, type Scene } from '../coverage/scene.ts';
import { expectLayersClose } from '../coverage/testing.ts';
import { cellCenterX, cellCenterY } from '../grid/grid.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { CalibratedModel, CalibrationEntry } from './calibrate.ts';
import { sectorCalibration } from './correction.ts';

const OPTS = { cellSizeM: 100, tileSize: 16, floorDbm: -125 };

function entry(modelId: string, cls: number, offsetDb: number, slopeDbPerDecade: number, fitted = true): CalibrationEntry {
  return {
    modelId, class: cls, className: cls === 255 ? 'all' : `class ${cls}`, offsetDb, slopeDbPerDecade, nPoints: 100, nOutliers: 0, rmseBeforeDb: 8, rmseAfterDb: 7,
    meanErrorBeforeDb: offsetDb, meanErrorAfterDb: 0, logDistanceSpreadDecades: 0.4, slopeStdErrorDbPerDecade: 0.2, fitted, slopeFitted: slopeDbPerDecade !== 0,
  };
}

/**
 * UMa expected: +4 dB at 1 km, +3 dB/decade for every class, −5 dB / +2 dB/decade in class 3
 * (urban); class 5 has an entry that was not fitted (so it falls back to the model's class 255);
 * every other model: −2 dB flat (the `all` model).
 */
const CAL: CalibratedModel = {
  format: 'phusong-calibration', version: 1, name: 'test calibration', referenceDistanceKm: 1, minDistanceKm: 0.01, folds: 5, seed: 1, minPoints: 30, outlierMadFactor: 3,
  perClass: [
    entry('38901-uma-expected', 255, 4, 3),
    entry('38901-uma-expected', 3, -5, 2),
    entry('38901-uma-expected', 5, 30, 30, false),
    entry('all', 255, -2, 0),
  ],
};

describe('the correction of one sector, by hand', () => {
  const uma = sectorCalibration(CAL, '38901-uma-expected')!;
  const rma = sectorCalibration(CAL, '38901-rma-expected')!;
  it('K1 + K2·log10(d/1 km) of the sector\'s model and class', () => {
    // no class (no clutter map): the class-255 entry. 2 km: 4 + 3·log10(2) = 4 + 3·0.30103 = 4.90309
    expect(uma.correctionDb(2000, -1)).toBeCloseTo(4.90309, 5);
    // 1 km: the offset alone
    expect(uma.correctionDb(1000, -1)).toBeCloseTo(4, 12);
    // 5 m is clamped to 10 m: 4 + 3·log10(0.01) = 4 − 6 = −2
    expect(uma.correctionDb(5, -1)).toBeCloseTo(-2, 12);
    // class 3 has its own entry. 300 m: −5 + 2·log10(0.3) = −5 + 2·(−0.52288) = −6.04576
    expect(uma.correctionDb(300, 3)).toBeCloseTo(-6.04576, 5);
    // class 1 has none: the model's class-255 entry (2 km as above)
    expect(uma.correctionDb(2000, 1)).toBeCloseTo(4.90309, 5);
    // class 5's entry was not fitted: also the class-255 entry, not +30 dB
    expect(uma.correctionDb(2000, 5)).toBeCloseTo(4.90309, 5);
    // a model without entries takes the `all` model: −2 dB at any distance
    expect(rma.correctionDb(7000, 2)).toBe(-2);
  });
  it('the largest correction over 0…cap is at one end (the correction is monotone in log d)', () => {
    // 30 km: 4 + 3·log10(30) = 4 + 3·1.47712 = 8.43136; at ≤ 10 m: −2
    expect(uma.maxCorrectionDb(-1, 30000)).toBeCloseTo(8.43136, 5);
    // class 3, 30 km: −5 + 2·1.47712 = −2.04576; at ≤ 10 m: −5 − 4 = −9
    expect(uma.maxCorrectionDb(3, 30000)).toBeCloseTo(-2.04576, 5);
  });
  it('no calibration, or a model it does not know and no `all` entry: no correction', () => {
    expect(sectorCalibration(null, 'cost231')).toBeNull();
    expect(sectorCalibration({ ...CAL, perClass: CAL.perClass.slice(0, 3) }, 'cost231')).toBeNull();
  });
});

function engineLayers(scene: Scene) {
  const layers = newCoverageLayers(scene);
  scatterChunk(scene, layers, new EngineCore(scene).computeTiles(allTiles(scene)));
  return layers;
}

describe('coverage engine with a calibration = direct per-cell evaluation', () => {
  const scenario: Scenario = { ...smallScenario(), calibration: CAL };
  const raw = planScene(smallScenario(), SMALL_BOUNDARY, OPTS);
  const scene = planScene(scenario, SMALL_BOUNDARY, OPTS);
  const mask = sceneMask(scene);
  const layers = engineLayers(scene);

  it('planScene takes the scenario\'s calibration; options can switch it off', () => {
    expect(scene.options.calibration).toBe(CAL);
    expect(planScene(scenario, SMALL_BOUNDARY, { ...OPTS, calibration: null }).options.calibration).toBeNull();
    expect(raw.options.calibration).toBeNull();
  });

  scene.carriers.forEach((c, ci) => {
    it(`every layer of ${c.id} matches the reference (golden, 1e-6 dB)`, () => {
      expectLayersClose(layers.carriers[ci], referenceLayers(scene, ci, mask), `${c.id} calibrated`);
    });
  });

  it('each sector\'s signal is its uncalibrated signal plus the correction, in the reference and the readout', () => {
    let checked = 0;
    for (let row = 0; row < scene.grid.height; row += 3) {
      for (let col = 0; col < scene.grid.width; col += 3) {
        const x = cellCenterX(scene.grid, col), y = cellCenterY(scene.grid, row);
        const a = referenceCell(raw, raw.sectors, 0, x, y);
        const b = referenceCell(scene, scene.sectors, 0, x, y);
        for (const sa of a.signals) {
          const sb = b.signals.find((s) => s.index === sa.index);
          if (!sb) continue;
          const s = scene.sectors[sa.index];
          const dKm = Math.max(Math.hypot(x - s.xM, y - s.yM) / 1000, 0.01);
          const k = s.modelId === '38901-uma-expected' ? 4 + 3 * Math.log10(dKm) : -2;
          expect(sb.rsrpDbm - sa.rsrpDbm).toBeCloseTo(k, 9);
          const ta = sectorTermsAt(raw.sectors[sa.index], raw.ueHeightM, x, y, raw.options);
          const tb = sectorTermsAt(s, scene.ueHeightM, x, y, scene.options);
          expect(tb.rsrpDbm - ta.rsrpDbm).toBeCloseTo(k, 9);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('the best-server RSRP moves by the correction where the server stays', () => {
    const before = engineLayers(raw).carriers[0], after = layers.carriers[0];
    let moved = 0;
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i] || Number.isNaN(before.rsrpDbm[i]) || Number.isNaN(after.rsrpDbm[i]) || before.server[i] !== after.server[i]) continue;
      if (Math.abs(after.rsrpDbm[i] - before.rsrpDbm[i]) > 0.5) moved++;
    }
    expect(moved).toBeGreaterThan(1000);
  });
});

describe('footprints hold the calibrated signal', () => {
  it('a +20 dB calibration widens every footprint and the engine still equals the reference', () => {
    const up: CalibratedModel = { ...CAL, perClass: [entry('all', 255, 20, 0)] };
    // A high floor (−85 dBm) so that part of the area is unserved without the calibration.
    const high = { ...OPTS, floorDbm: -85 };
    const raw = planScene(smallScenario(), SMALL_BOUNDARY, high);
    const scene = planScene({ ...smallScenario(), calibration: up }, SMALL_BOUNDARY, high);
    let wider = 0;
    scene.sectors.forEach((s, i) => {
      expect(s.rangeM).toBeGreaterThanOrEqual(raw.sectors[i].rangeM);
      if (s.rangeM > raw.sectors[i].rangeM) wider++;
    });
    expect(wider).toBeGreaterThan(5);
    const mask = sceneMask(scene);
    const layers = engineLayers(scene);
    scene.carriers.forEach((c, ci) => expectLayersClose(layers.carriers[ci], referenceLayers(scene, ci, mask), `${c.id} +20 dB`));
    // more cells are served than without the calibration
    const served = (l: ArrayLike<number>) => {
      let n = 0;
      for (let i = 0; i < l.length; i++) if (mask[i] && !Number.isNaN(l[i])) n++;
      return n;
    };
    expect(served(layers.carriers[0].rsrpDbm)).toBeGreaterThan(served(engineLayers(raw).carriers[0].rsrpDbm));
  });

  it('with a clutter map (all six classes): class entries apply per cell, engine = reference', () => {
    const probe = planScene(smallScenario(), SMALL_BOUNDARY, OPTS);
    const clutter = Uint8Array.from({ length: probe.grid.width * probe.grid.height }, (_, i) => Math.floor((i % probe.grid.width) / 7) % 6);
    const scene = planScene({ ...smallScenario(), calibration: CAL }, SMALL_BOUNDARY, OPTS, clutter);
    const bare = planScene(smallScenario(), SMALL_BOUNDARY, OPTS, clutter);
    const mask = sceneMask(scene);
    const layers = engineLayers(scene);
    scene.carriers.forEach((c, ci) => expectLayersClose(layers.carriers[ci], referenceLayers(scene, ci, mask), `${c.id} calibrated with clutter`));
    // a UMa sector's signal in an urban (class 3) cell moves by −5 + 2·log10(d/1 km)
    const a1 = scene.sectors.find((s) => s.id === 'A1')!;
    const col = 3 * 7 + 3, row = 20; // stripes of 7 columns: class 3
    expect(clutter[row * scene.grid.width + col]).toBe(3);
    const x = cellCenterX(scene.grid, col), y = cellCenterY(scene.grid, row);
    const dKm = Math.hypot(x - a1.xM, y - a1.yM) / 1000;
    const t0 = sectorTermsAt(bare.sectors[a1.index], bare.ueHeightM, x, y, bare.options, 3);
    const t1 = sectorTermsAt(a1, scene.ueHeightM, x, y, scene.options, 3);
    expect(t1.rsrpDbm - t0.rsrpDbm).toBeCloseTo(-5 + 2 * Math.log10(dKm), 9);
  });
});
