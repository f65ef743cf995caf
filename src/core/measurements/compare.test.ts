/**
 * Comparing measurements with a scene (compare.ts). Expected values: a SYNTHETIC drive test with
 * a hidden correction of −5 dB flat (synthetic.ts) on a network of one model, so the fitted
 * offset must come back within ±1 dB of −5 (σ = 4 dB); invariants: calibrating a scenario that
 * already carries a calibration fits against the model itself (the same correction, not a
 * stacked one), and the prediction "as on the map" is the model's plus the engine's correction.
 */
import { describe, expect, it } from 'vitest';
import { SMALL_BOUNDARY } from '../coverage/fixtures.ts';
import { planScene } from '../coverage/scene.ts';
import { gridBBox } from '../grid/grid.ts';
import type { Scenario, Site } from '../scenario/scenario.ts';
import { calibrateComparison, compareMeasurements, detectCarrier } from './compare.ts';
import { ABSENT, allocatePoints, type MeasurementPoints } from './points.ts';
import { scenePredictor } from './predict.ts';
import { generateDriveTest, type DriveTest } from './synthetic.ts';

const sites: Site[] = [[105.94, 10.23], [105.975, 10.24], [105.955, 10.26]].map(([lon, lat], k) => ({
  id: `S${k}`, name: `SYNTHETIC ${k}`, lonDeg: lon, latDeg: lat, heightM: 30, kind: 'macro', status: 'existing',
  sectors: [0, 1, 2].map((a) => ({
    id: `S${k}-${a}`, carrierId: 'l18', azimuthDeg: a * 120, mechanicalTiltDeg: 2, electricalTiltDeg: 4, txPowerDbm: 43, feederLossDb: 2, modelId: '38901-uma-expected',
    antenna: { type: '3gpp-sector', maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 },
  })),
}));
const scenario: Scenario = {
  schemaVersion: 1, name: 'SYNTHETIC', sample: true, description: '', ueHeightM: 1.5, sites, privateNetworks: [],
  carriers: [{ id: 'l18', tech: 'LTE', band: 'B3', freqMHz: 1842.5, bandwidthMHz: 20, scsKHz: 15 }, { id: 'n35', tech: 'NR', band: 'n78', freqMHz: 3500, bandwidthMHz: 100, scsKHz: 30 }],
};
const scene = planScene(scenario, SMALL_BOUNDARY, { cellSizeM: 100 });
const model = scenePredictor(scene, 0, { ...scene.options, calibration: null });
const [x0, y0, x1, y1] = gridBBox(scene.grid);
const dt: DriveTest = generateDriveTest({
  seed: 3, sectors: scene.sectors.map((s) => ({ index: s.index, xM: s.xM, yM: s.yM, pci: s.index })), predictRsrpDbm: (k, x, y) => model.rsrpDbm(k, x, y, 255),
  classAt: () => 255, truth: [], starts: sites.map(() => ({ xM: scene.sectors[0].xM, yM: scene.sectors[0].yM })), bounds: [x0 + 1, y0 + 1, x1 - 1, y1 - 1],
  pathCount: 30, pathLengthM: 10000, stepM: 20, shadowSigmaDb: 4, candidateRadiusM: 5000,
});

/** The drive test's points with a −5 dB offset, without PCI (association by the predicted best server) but with the EARFCN of 1842.5 MHz (1575). */
function points(): MeasurementPoints {
  const p = allocatePoints(dt.count);
  for (let i = 0; i < dt.count; i++) {
    p.row[i] = i + 2;
    p.lonDeg[i] = dt.lonDeg[i];
    p.latDeg[i] = dt.latDeg[i];
    p.rsrpDbm[i] = dt.rsrpDbm[i] - 5;
    p.pci[i] = p.cellId[i] = p.nrArfcn[i] = ABSENT;
    p.earfcn[i] = 1575;
  }
  return { ...p, count: dt.count };
}

describe('compareMeasurements and calibrateComparison', () => {
  const pts = points();
  it('finds the carrier from the EARFCN (1575 → 1842.5 MHz, band 3)', () => {
    expect(detectCarrier(pts, scene.carriers)).toBe(0);
  });
  const first = compareMeasurements({ points: pts, cellIds: [], scene, scenario, carrier: 0 });
  const fit = calibrateComparison(first, scene, { name: 'first' });
  it('associates by the predicted best server and recovers the hidden −5 dB', () => {
    expect(first.association.countBy.bestServer).toBe(dt.count);
    expect(first.cellIdSource).toBe('none');
    const e = fit.result.model.perClass;
    expect(e).toHaveLength(1);
    expect(e[0].modelId).toBe('38901-uma-expected');
    expect(Math.abs(e[0].offsetDb + 5)).toBeLessThan(1);
    expect(first.current).toBeNull();
  });
  it('with the calibration in the scenario: the same uncalibrated errors, the map prediction corrected, the same fit again', () => {
    const calibrated = { ...scenario, calibration: fit.result.model };
    const scene2 = planScene(calibrated, SMALL_BOUNDARY, { cellSizeM: 100 });
    const second = compareMeasurements({ points: pts, cellIds: [], scene: scene2, scenario: calibrated, carrier: 0 });
    expect(second.calibrationName).toBe('first');
    let same = 0;
    for (let i = 0; i < dt.count; i++) {
      if (!second.sample.used[i] || !first.sample.used[i] || second.sample.sector[i] !== first.sample.sector[i]) continue;
      expect(second.sample.predictedDbm[i]).toBe(first.sample.predictedDbm[i]);
      expect(second.mapPredictedDbm[i] - second.sample.predictedDbm[i]).toBeCloseTo(fit.correctedDbm[i] - first.sample.predictedDbm[i], 9);
      same++;
    }
    expect(same).toBeGreaterThan(dt.count * 0.95);
    expect(Math.abs(second.current!.overall.meanErrorDb)).toBeLessThan(0.3);
    const again = calibrateComparison(second, scene2, { name: 'again' }).result.model.perClass[0];
    expect(again.offsetDb).toBeCloseTo(fit.result.model.perClass[0].offsetDb, 1);
  });
  it('sector ids serve as cell ids when the file\'s ids are sector ids', () => {
    const p = points();
    for (let i = 0; i < p.count; i++) p.cellId[i] = dt.sector[i];
    const ids = scene.sectors.map((s) => s.id);
    const c = compareMeasurements({ points: p, cellIds: ids, scene, scenario, carrier: 0 });
    expect(c.cellIdSource).toBe('sector-id');
    expect(c.association.countBy.cellId).toBe(dt.count);
    for (let i = 0; i < dt.count; i++) expect(c.association.sector[i]).toBe(dt.sector[i]);
  });
});
