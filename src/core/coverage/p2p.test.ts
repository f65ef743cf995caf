/**
 * Point-to-point check: distances against hand and published values, free space against the
 * P.525 formula, a model outside its validity reported with the model's own reason, and the
 * RSRP equal to the hover readout's for the same point and sector.
 */
import { describe, expect, it } from 'vitest';
import { utmToLonLat } from '../grid/projection.ts';
import { PATH_LOSS_MODEL_IDS } from '../propagation/registry.ts';
import type { Scenario, Site } from '../scenario/scenario.ts';
import { SMALL_BOUNDARY, smallScenario } from './fixtures.ts';
import { geodesicInverse, pointToPoint } from './p2p.ts';
import { pointReadoutLonLat, sectorTermsAt } from './readout.ts';
import { planScene } from './scene.ts';

const CARRIERS: Scenario['carriers'] = [{ id: 'l18', tech: 'LTE', band: 'B3', freqMHz: 1842.5, bandwidthMHz: 20, scsKHz: 15 }];

/** SYNTHETIC site at 105.97° E, 10° N with one 3GPP sector on LTE 1842.5 MHz. */
function site(modelId: string, heightM = 35): Site {
  return { id: 'P', name: 'SYNTHETIC P', lonDeg: 105.97, latDeg: 10, heightM, kind: 'macro', status: 'planned', sectors: [{
    id: 'P1', carrierId: 'l18', azimuthDeg: 20, mechanicalTiltDeg: 2, electricalTiltDeg: 4, txPowerDbm: 43, feederLossDb: 2, modelId,
    antenna: { type: '3gpp-sector', maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 },
  }] };
}

function check(s: Site, lonDeg: number, latDeg: number, modelId?: string) {
  return pointToPoint({ site: s, sector: s.sectors[0], carriers: CARRIERS, ueHeightM: 1.5, targetLonDeg: lonDeg, targetLatDeg: latDeg, modelId });
}

describe('distance and direction', () => {
  it('geodesic: 1′ of latitude at 10° N is 1843.464 m (meridian arc by hand)', () => {
    // M(φ) = a(1 − e²)/(1 − e² sin²φ)^1.5 with a = 6378137 m, e² = 0.00669437999:
    // at 10°0.5′ N, sin²φ = 0.0302035, M = 6335439.327/0.99969673 = 6337361.3 m per radian;
    // 1′ = π/10800 rad → 6337361.3 × 2.9088821e−4 = 1843.464 m.
    const g = geodesicInverse(105.97, 10, 105.97, 10 + 1 / 60);
    expect(g.distanceM).toBeCloseTo(1843.464, 3);
    expect(g.azimuthDeg).toBeCloseTo(0, 9);
    expect(geodesicInverse(105.97, 10 + 1 / 60, 105.97, 10).azimuthDeg).toBeCloseTo(180, 9);
    expect(geodesicInverse(105.97, 10, 105.97, 10).distanceM).toBe(0);
  });

  it("geodesic: Vincenty's published Flinders Peak → Buninyong line (54 972.271 m, 306°52′05.37″)", () => {
    const dms = (d: number, m: number, s: number) => Math.sign(d) * (Math.abs(d) + m / 60 + s / 3600);
    const g = geodesicInverse(dms(144, 25, 29.5244), dms(-37, 57, 3.7203), dms(143, 55, 35.3839), dms(-37, 39, 10.1561));
    expect(g.distanceM).toBeCloseTo(54972.271, 3);
    expect(g.azimuthDeg).toBeCloseTo(dms(306, 52, 5.37), 5);
  });

  it('the budget uses the UTM 48N plane: 1′ north is 1843.464 m × scale factor 0.99974 = 1842.984 m', () => {
    // Point scale factor of transverse Mercator (Snyder eq. 8-11): k = k0 (1 + (1 + C) A²/2 + …),
    // k0 = 0.9996, A = Δλ cos φ = 0.97° × π/180 × 0.98479 = 0.016672, C = e′² cos²φ = 0.0065;
    // k = 0.9996 × (1 + 1.0065 × 0.016672²/2) = 0.9996 × 1.00013988 = 0.99973984
    // → 1843.464 × 0.99973983 = 1842.984 m.
    const r = check(site('fspl'), 105.97, 10 + 1 / 60);
    expect(r.geodesicDistanceM).toBeCloseTo(1843.464, 3);
    expect(r.distanceM).toBeCloseTo(1842.984, 1);
    expect(r.distanceM).toBeLessThan(r.geodesicDistanceM);
    // Grid bearing of true north east of the central meridian: −γ, γ = Δλ sin φ = 0.97° × 0.17379 = 0.1686°.
    expect(r.geodesicAzimuthDeg).toBeCloseTo(0, 9);
    expect(r.azimuthDeg).toBeCloseTo(360 - 0.1686, 3);
    // Sector azimuth 20°: the target lies 20.1686° anticlockwise of boresight.
    expect(r.azimuthOffDeg).toBeCloseTo(-20.1686, 3);
    // Antenna 35 m, UE 1.5 m: atan(33.5/1842.984) = 1.041353° below the horizon.
    expect(r.elevDownDeg).toBeCloseTo((Math.atan(33.5 / r.distanceM) * 180) / Math.PI, 12);
    expect(r.elevDownDeg).toBeCloseTo(1.0413, 3);
    expect(r.distance3dM).toBeCloseTo(Math.hypot(r.distanceM, 33.5), 9);
  });
});

describe('every model side by side', () => {
  const s = site('38901-uma-expected');
  const r = check(s, 105.97, 10 + 1 / 60);

  it('lists every registered model in registry order', () => {
    expect(r.models.map((m) => m.id)).toEqual(PATH_LOSS_MODEL_IDS);
    for (const m of r.models) expect(Number.isFinite(m.pathLossDb)).toBe(true);
  });

  it('free space = 32.45 + 20 log(fMHz) + 20 log(d3dKm)', () => {
    const fspl = r.models.find((m) => m.id === 'fspl')!;
    const d3dKm = Math.hypot(r.distanceM, 35 - 1.5) / 1000;
    expect(fspl.pathLossDb).toBeCloseTo(32.45 + 20 * Math.log10(1842.5) + 20 * Math.log10(d3dKm), 9);
    // by hand: d3d = sqrt(1842.984² + 33.5²) = 1843.288 m → 32.45 + 65.308150 + 5.311866 = 103.0700 dB
    expect(fspl.pathLossDb).toBeCloseTo(103.07, 3);
    expect(fspl.inRange).toBe(true);
    expect(fspl.validity).toEqual([]);
  });

  it('a model outside its validity says so with its own reason; one inside says nothing', () => {
    const hata = r.models.find((m) => m.id === 'hata-urban-small')!;
    expect(hata.inRange).toBe(false);
    expect(hata.warnings).toEqual(['freqMHz=1842.5 outside validity range 150–1500 MHz']);
    expect(hata.validity.find((v) => v.field === 'freqMHz')).toMatchObject({ min: 150, max: 1500 });
    const inh = r.models.find((m) => m.id === '38901-inh-los')!;
    expect(inh.inRange).toBe(false);
    expect(inh.warnings[0]).toMatch(/^d3dM=1843\.\d+ outside validity range 1–150 m$/);
    for (const id of ['cost231', '38901-uma-expected', '38901-uma-nlos', '38901-rma-los']) {
      expect(r.models.find((m) => m.id === id)).toMatchObject({ inRange: true, warnings: [] });
    }
    // 300 m from the mast: COST-231 Hata starts at 1 km.
    const near = check(s, 105.97, 10 + 300 / 1843.464 / 60);
    const cost = near.models.find((m) => m.id === 'cost231')!;
    expect(near.distanceM).toBeGreaterThan(290);
    expect(near.distanceM).toBeLessThan(310);
    expect(cost.inRange).toBe(false);
    expect(cost.warnings[0]).toMatch(/^d2dM=\d+(\.\d+)? outside validity range 1000–20000 m$/);
  });

  it('the link budget table uses the chosen model: EIRP per RE, gain toward the point, path loss, RSRP', () => {
    const own = r;
    const other = check(s, 105.97, 10 + 1 / 60, 'fspl');
    expect(own.modelId).toBe('38901-uma-expected');
    expect(other.modelId).toBe('fspl');
    expect(other.terms.pathLossDb).toBe(other.models.find((m) => m.id === 'fspl')!.pathLossDb);
    expect(own.terms.pathLossDb).toBe(own.models.find((m) => m.id === '38901-uma-expected')!.pathLossDb);
    for (const x of [own, other]) {
      const b = x.budget;
      // pRE = 43 − 10 log 1200 = 12.208188 dBm; boresight EIRP per RE = 12.208188 − 2 + 17 = 27.208188 dBm
      expect(b.pReDbm).toBeCloseTo(12.208188, 6);
      expect(b.eirpPerReDbm).toBeCloseTo(27.208188, 6);
      expect(b.eirpPerReTowardDbm).toBeCloseTo(b.pReDbm - 2 + x.terms.gainTowardDbi, 9);
      expect(b.terms.find((t) => t.id === 'pathLoss')!.valueDb).toBe(-x.terms.pathLossDb);
      expect(Math.abs(b.terms.find((t) => t.id === 'clutterLoss')!.valueDb)).toBe(0); // the engine applies none
      expect(x.terms.clutterApplied).toBe(false);
      expect(Math.abs(b.rsrpDbm - (b.eirpPerReTowardDbm - x.terms.pathLossDb))).toBeLessThan(1e-9);
      expect(Math.abs(b.rsrpDbm - x.terms.rsrpDbm)).toBeLessThan(1e-9);
    }
    // Same geometry and antenna, only the path loss differs.
    expect(own.budget.rsrpDbm - other.budget.rsrpDbm).toBeCloseTo(other.terms.pathLossDb - own.terms.pathLossDb, 9);
    expect(() => check(s, 105.97, 10.01, 'no-such-model')).toThrow(/unknown path-loss model/);
  });
});

describe('RSRP equals the hover readout for the same point and sector', () => {
  const scenario = smallScenario();
  const scene = planScene(scenario, SMALL_BOUNDARY, { cellSizeM: 100, floorDbm: -125 });
  const targets: [number, number][] = [[105.952, 10.238], [105.97, 10.25], [105.99, 10.226], [105.95, 10.265], utmToLonLat(scene.sectors[0].xM + 0.3, scene.sectors[0].yM)];

  it('every sector of every site, with its own model, at several points', () => {
    let n = 0;
    for (const st of scenario.sites) {
      for (const sec of st.sectors) {
        const k = scene.sectors.findIndex((e) => e.id === sec.id);
        for (const [lon, lat] of targets) {
          const r = pointToPoint({ site: st, sector: sec, carriers: scenario.carriers, ueHeightM: scenario.ueHeightM, targetLonDeg: lon, targetLatDeg: lat, options: scene.options });
          const t = sectorTermsAt(scene.sectors[k], scene.ueHeightM, r.targetXM, r.targetYM, scene.options);
          expect(r.terms.rsrpDbm).toBe(t.rsrpDbm);
          expect(Math.abs(r.budget.rsrpDbm - t.rsrpDbm)).toBeLessThan(1e-9);
          expect(r.terms.indoorRsrpDbm).toBe(t.indoorRsrpDbm);
          n++;
        }
      }
    }
    expect(n).toBe(11 * targets.length);
  });

  it("the readout's best server at a point has the RSRP the point-to-point check gives for it", () => {
    for (const [lon, lat] of targets) {
      for (let ci = 0; ci < scene.carriers.length; ci++) {
        const best = pointReadoutLonLat(scene, ci, lon, lat).servers[0];
        if (!best) continue;
        const st = scenario.sites.find((x) => x.id === best.siteId)!;
        const r = pointToPoint({ site: st, sector: st.sectors.find((x) => x.id === best.sectorId)!, carriers: scenario.carriers, ueHeightM: scenario.ueHeightM, targetLonDeg: lon, targetLatDeg: lat, options: scene.options });
        expect(Math.abs(r.budget.rsrpDbm - best.rsrpDbm)).toBeLessThan(1e-9);
        expect(r.terms.rsrpDbm).toBe(best.rsrpDbm);
        expect(r.distanceM).toBe(best.distanceM);
        expect(r.modelId).toBe(best.modelId);
      }
    }
  });
});
