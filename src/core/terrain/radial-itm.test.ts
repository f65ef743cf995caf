/**
 * The incremental radial sweep must compute what ITM point-to-point computes on each prefix
 * of the radial (an invariant: same algorithm, different bookkeeping). Sources: itmP2p
 * (src/core/itm/p2p.ts, itself checked against NTIA's shipped values) on the very same
 * profiles; the hull horizons against a brute-force scan of ITM's horizon formula.
 */
import { describe, expect, it } from 'vitest';
import { itmP2p } from '../itm/p2p.ts';
import type { ItmParams } from '../itm/params.ts';
import { RxHorizonHull, TxHorizonHull } from './horizon-hull.ts';
import { RadialItm } from './radial-itm.ts';

const P: ItmParams = { climate: 5, n0: 301, freqMHz: 900, polarization: 1, epsilon: 15, sigmaSPerM: 0.005, mdvar: 12, timePct: 50, locationPct: 50, situationPct: 50 };

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Terrain cases: length, spacing, relief amplitude, clutter height. */
const CASES = [
  [400, 30, 30, 0],
  [300, 30, 250, 0],
  [250, 50, 5, 12],
  [400, 30, 0, 0],
  [120, 100, 120, 8],
] as const;

describe('RadialItm — equals itmP2p on every prefix of a radial', () => {
  it.each(CASES)('%i samples at %i m, relief %i m, clutter %i m', (n, spacing, relief, clutter) => {
    const rand = rng(n + relief);
    const engine = new RadialItm(n + 1, 30, 1.5, P);
    for (let i = 0; i <= n; i++) {
      const g = relief === 0 ? 2 : 10 + relief * Math.sin(i / 37 + rand()) * Math.sin(i / 11) + 4 * rand();
      engine.groundM[i] = g;
      engine.heightsM[i] = i === 0 ? g : g + (rand() < 0.5 ? clutter : 0);
    }
    engine.begin(n + 1, spacing);
    const pfl = new Float64Array(n + 3);
    pfl[1] = spacing;
    let worst = 0;
    // Every third sample (gaps allowed), then the last.
    for (let k = 1; k <= n; k += k < 20 ? 1 : 3) {
      const loss = engine.lossAtDb(k);
      pfl[0] = k;
      for (let i = 0; i <= k; i++) pfl[i + 2] = i === k ? engine.groundM[i] : engine.heightsM[i];
      const ref = itmP2p(30, 1.5, pfl, P);
      worst = Math.max(worst, Math.abs(loss - ref.lossDb));
      expect(engine.lastMode).toBe(ref.mode);
    }
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('horizon hulls — against a brute-force scan of θ = (h − z)/x − x/(2ae)', () => {
  it('transmitter side, any curvature', () => {
    const rand = rng(11);
    const hull = new TxHorizonHull(500);
    const h = Float64Array.from({ length: 500 }, (_, i) => 50 * Math.sin(i / 30) + 20 * rand());
    const zTx = h[0] + 25;
    const s = 30;
    for (let i = 1; i < 500; i++) {
      hull.push(i, i * s, (h[i] - zTx) / (i * s));
      for (const gamma of [1.0e-7, 1.18e-7, 1.4e-7]) {
        let best = -Infinity;
        let at = -1;
        for (let j = 1; j <= i; j++) {
          const theta = (h[j] - zTx) / (j * s) - (j * s * gamma) / 2;
          if (theta > best) {
            best = theta;
            at = j;
          }
        }
        expect(hull.best(gamma / 2)).toBe(at);
      }
    }
  });
  it('receiver side, curvature at or below the hull reference', () => {
    const rand = rng(5);
    const s = 30;
    const h = Float64Array.from({ length: 400 }, (_, i) => 60 * Math.sin(i / 23) * Math.cos(i / 71) + 10 * rand());
    const gammaRef = 1.3e-7;
    const hull = new RxHorizonHull(400);
    hull.reset(gammaRef);
    for (let k = 2; k < 400; k++) {
      hull.push(k - 1, (k - 1) * s, h[k - 1]);
      const dM = k * s;
      const zRx = h[k] + 2;
      for (const gamma of [gammaRef, 1.2e-7, 1.05e-7]) {
        const aE = 1 / gamma;
        let best = -Infinity;
        let at = -1;
        for (let j = 1; j < k; j++) {
          const w = (k - j) * s;
          const theta = -(zRx - h[j]) / w - w / (2 * aE);
          if (theta > best) {
            best = theta;
            at = j;
          }
        }
        expect(hull.best(dM, zRx, gamma, aE, h, s)).toBe(at);
      }
    }
  });
});
