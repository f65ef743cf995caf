/**
 * The directional footprint with the antenna's vertical cut (footprint.ts patternFootprintM):
 * the kernel evaluates no cell beyond it, so no distance beyond it may reach the floor. Checked
 * against the exact budget (model path loss, 3GPP vertical cut, min(A_H + A_V, Am)) over every
 * registered model but InH (its range is 150 m of slant distance).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PATH_LOSS_MODELS } from '../propagation/registry.ts';
import { verticalCutAttDb } from '../antenna/sector-3gpp.ts';
import { footprintRadiusM, patternFootprintM } from './footprint.ts';

const DEG = 180 / Math.PI;
/** 38.901 RMa LOS falls by up to 0.0075 dB across its breakpoint (propagation/properties.test.ts); every footprint assumes non-decreasing path loss. */
const RMA_STEP_DB = 0.0075;
const FLOOR_DBM = -140;
const models = PATH_LOSS_MODELS.filter((m) => !m.validity.some((v) => v.field === 'd3dM'));

const link = fc.record({
  model: fc.constantFrom(...models),
  freqMHz: fc.double({ min: 700, max: 3800, noNaN: true }),
  heightM: fc.double({ min: 15, max: 60, noNaN: true }),
  ueM: fc.double({ min: 1, max: 3, noNaN: true }),
  tiltDeg: fc.double({ min: -3, max: 15, noNaN: true }),
  vBwDeg: fc.double({ min: 4, max: 20, noNaN: true }),
  slaVDb: fc.double({ min: 15, max: 30, noNaN: true }),
  attHDb: fc.double({ min: 0, max: 30, noNaN: true }),
  amDb: fc.double({ min: 20, max: 35, noNaN: true }),
  pReDbm: fc.double({ min: -5, max: 30, noNaN: true }),
  gainDbi: fc.double({ min: 5, max: 21, noNaN: true }),
  extraDb: fc.double({ min: 0, max: 25, noNaN: true }),
});

describe('directional footprint with the vertical cut (patternFootprintM)', () => {
  it('no distance beyond it reaches the floor, and it never reaches beyond the footprint without the vertical cut', () => {
    fc.assert(fc.property(link, (l) => {
      const cap = 30000;
      const dh = l.heightM - l.ueM;
      const av = (d: number) => verticalCutAttDb(Math.atan2(dh, d) * DEG, l.tiltDeg, l.vBwDeg, l.slaVDb);
      const vTurnM = l.tiltDeg > 0 && dh > 0 ? dh / Math.tan(l.tiltDeg / DEG) : null;
      const s = { heightM: l.heightM, maxGainDbi: l.gainDbi, pReDbm: l.pReDbm, feederLossDb: 2, freqMHz: l.freqMHz };
      const rx = { rxHeightM: l.ueM, extraLossDb: l.extraDb };
      const r = patternFootprintM(l.model, s, rx, { attHDb: l.attHDb, amDb: l.amDb, verticalAttDb: av, vTurnM }, FLOOR_DBM, cap);
      const attH = Math.min(l.attHDb, l.amDb);
      const plain = footprintRadiusM(l.model, { ...s, maxGainDbi: l.gainDbi - attH, feederLossDb: 2 + l.extraDb }, l.ueM, FLOOR_DBM, cap);
      expect(r).toBeLessThanOrEqual(plain);
      const rsrp = (d: number) => l.pReDbm + l.gainDbi - 2 - l.extraDb - Math.min(attH + av(d), l.amDb) - l.model.pathLossDb(l.freqMHz, d, l.heightM, l.ueM);
      for (let i = 1; i <= 300; i++) {
        const d = r + (cap - r) * (i / 300) ** 3;
        if (d > r) expect(rsrp(d)).toBeLessThan(FLOOR_DBM + RMA_STEP_DB);
      }
    }), { numRuns: 400 });
  });

  it('is the footprint without the vertical cut when A_V never rises with distance (up-tilt) or the pattern is clamped at Am', () => {
    fc.assert(fc.property(link, (l) => {
      const s = { heightM: l.heightM, maxGainDbi: l.gainDbi, pReDbm: l.pReDbm, feederLossDb: 2, freqMHz: l.freqMHz };
      const rx = { rxHeightM: l.ueM, extraLossDb: l.extraDb };
      const plain = (attH: number) => footprintRadiusM(l.model, { ...s, maxGainDbi: l.gainDbi - attH, feederLossDb: 2 + l.extraDb }, l.ueM, FLOOR_DBM);
      const av = () => 5;
      expect(patternFootprintM(l.model, s, rx, { attHDb: l.attHDb, amDb: l.amDb, verticalAttDb: av, vTurnM: null }, FLOOR_DBM)).toBe(plain(Math.min(l.attHDb, l.amDb)));
      // A_H alone at Am: the vertical cut adds nothing.
      expect(patternFootprintM(l.model, s, rx, { attHDb: l.amDb, amDb: l.amDb, verticalAttDb: av, vTurnM: 500 }, FLOOR_DBM)).toBeCloseTo(plain(l.amDb), -0.5);
    }), { numRuns: 100 });
  });

  it('a hand calculation: free space at 1 GHz, 10 dB of A_V at the horizon cuts the radius by 10^(10/20)', () => {
    const fspl = PATH_LOSS_MODELS.find((m) => m.id === 'fspl')!;
    // pRE + G − feeder = 20 dBm, floor −140 dBm: 160 dB of budget; A_V = 10 dB everywhere beyond 10 m.
    const s = { heightM: 30, maxGainDbi: 0, pReDbm: 22, feederLossDb: 2, freqMHz: 1000 };
    const rx = { rxHeightM: 30, extraLossDb: 0 };
    const r = patternFootprintM(fspl, s, rx, { attHDb: 0, amDb: 30, verticalAttDb: () => 10, vTurnM: 10 }, FLOOR_DBM, 1e7);
    // FSPL(d, f) = 20 log10(d_km) + 20 log10(f_MHz) + 32.45 = 150 dB → d = 10^((150 − 60 − 32.45)/20) km.
    const expected = 1000 * 10 ** ((150 - 60 - 32.45) / 20);
    expect(Math.abs(r - expected) / expected).toBeLessThan(1e-3);
  });
});
