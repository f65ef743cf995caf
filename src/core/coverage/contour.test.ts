/**
 * The preview contour against hand calculations: an omni sector on free-space loss reaches
 * exactly the distance where FSPL equals the budget (ITU-R P.525: FSPL = 32.45 + 20 log10 f_MHz
 * + 20 log10 d_km), and a directional sector reaches farthest along its boresight.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS, type EngineSector } from './scene.ts';
import { NO_CLASS, sectorLossTerms } from './terms.ts';
import { reachM, rsrpAtDbm, sectorContourM } from './contour.ts';

const base: EngineSector = {
  index: 0, id: 'A-1', siteId: 'A', carrier: 0, xM: 600000, yM: 1100000, heightM: 30, azimuthDeg: 90, tiltDeg: 4,
  omni: true, hBeamwidthDeg: 65, vBeamwidthDeg: 10, amDb: 30, slaVDb: 20, maxGainDbi: 0, pReDbm: 15, feederLossDb: 0,
  freqMHz: 1800, modelId: 'fspl', rangeM: 30000,
};
const opts = DEFAULT_ENGINE_OPTIONS;

describe('sector contour', () => {
  it('omni on free space: the reach is where FSPL equals the budget, in every direction', () => {
    const t = sectorLossTerms(base, 1.5, opts);
    // Budget to −100 dBm: 15 + 0 − 0 − (−100) = 115 dB. 32.45 + 20·log10(1800) = 97.5558 dB,
    // so 20·log10(d_km) = 17.4442 and d = 7.4519 km (3D distance; the horizontal distance is
    // √(d² − 28.5²) = 7.4518 km).
    const fspl1km = 32.45 + 20 * Math.log10(1800);
    const d3 = 10 ** ((115 - fspl1km) / 20) * 1000;
    const dH = Math.sqrt(d3 * d3 - 28.5 * 28.5);
    expect(rsrpAtDbm(base, t, 0, dH, NO_CLASS)).toBeCloseTo(-100, 2);
    expect(reachM(base, t, 0, -100, NO_CLASS, 30000)).toBeCloseTo(dH, -1);
    const ring = sectorContourM(base, t, -100, NO_CLASS, 30);
    expect(ring).toHaveLength(13);
    for (const [x, y] of ring) expect(Math.hypot(x - base.xM, y - base.yM)).toBeGreaterThan(dH - 1.5);
    for (const [x, y] of ring) expect(Math.hypot(x - base.xM, y - base.yM)).toBeLessThan(dH + 0.5);
  });

  it('a directional sector reaches farthest along its boresight (east here) and least behind', () => {
    const s = { ...base, omni: false, maxGainDbi: 17 };
    const t = sectorLossTerms(s, 1.5, opts);
    const ring = sectorContourM(s, t, -100, NO_CLASS, 90);
    const r = ring.slice(0, 4).map(([x, y]) => Math.hypot(x - s.xM, y - s.yM)); // N, E, S, W
    expect(r[1]).toBeGreaterThan(r[0]);
    expect(r[1]).toBeGreaterThan(r[2]);
    expect(r[0]).toBeGreaterThan(r[3]);
    // the eastern point lies east of the site
    expect(ring[1][0]).toBeGreaterThan(s.xM);
  });

  it('too weak everywhere: the reach is 0', () => {
    const weak = { ...base, pReDbm: -80 };
    expect(reachM(weak, sectorLossTerms(weak, 1.5, opts), 0, -60, NO_CLASS, 30000)).toBe(0);
  });
});
