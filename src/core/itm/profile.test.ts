/**
 * Terrain analysis steps of ITM point-to-point (horizons, least-squares line, mean
 * elevation) on hand-made profiles. Sources: hand calculations written out below (Hufford,
 * Algorithm §3 for the formulas).
 */
import { describe, expect, it } from 'vitest';
import { ItmPath } from './path.ts';
import { findHorizons, fitTerrainLine, meanPathElevationM } from './profile.ts';

describe('findHorizons — one knife edge by hand', () => {
  // 11 points 1 km apart, 0 m except 100 m at 4 km; both antennas 10 m; ae = 8500 km (2ae = 17 000 km).
  // Transmitter: θ(4 km) = (100 − 10)/4000 − 4000/17e6 = 0.0225 − 0.000235294 = 0.022264706 rad.
  // Receiver: θ(6 km from it) = −(10 − 100)/6000 − 6000/17e6 = 0.015 − 0.000352941 = 0.014647059 rad.
  const h = new Float64Array(11);
  h[4] = 100;
  const path = new ItmPath();
  path.hTxM = 10;
  path.hRxM = 10;
  findHorizons(h, 10, 1000, 8.5e6, path);
  it('both horizons are the edge', () => {
    expect(path.dHznTxM).toBe(4000);
    expect(path.dHznRxM).toBe(6000);
    expect(path.thetaHznTx).toBeCloseTo(0.022264706, 9);
    expect(path.thetaHznRx).toBeCloseTo(0.014647059, 9);
  });
  it('without the edge the path is line of sight: horizons at the far end, θ = −d/(2ae)', () => {
    const flat = new ItmPath();
    flat.hTxM = 10;
    flat.hRxM = 10;
    findHorizons(new Float64Array(11), 10, 1000, 8.5e6, flat);
    expect(flat.dHznTxM).toBe(10_000);
    expect(flat.dHznRxM).toBe(10_000);
    // −10 000/17e6 = −0.000588235
    expect(flat.thetaHznTx).toBeCloseTo(-0.000588235, 9);
  });
});

describe('fitTerrainLine and meanPathElevationM — by hand', () => {
  it('a straight profile is its own least-squares line', () => {
    // h_i = 5 + 2i, i = 0 … 10 → line through 5 at index 0 and 25 at index 10.
    const h = Float64Array.from({ length: 11 }, (_, i) => 5 + 2 * i);
    const out = new Float64Array(2);
    fitTerrainLine(h, 10, 10, 0, 100, out);
    expect(out[0]).toBeCloseTo(5, 12);
    expect(out[1]).toBeCloseTo(25, 12);
    // Fitted on indices 3 … 8 only (30 m … 80 m): still the same line.
    fitTerrainLine(h, 10, 10, 30, 80, out);
    expect(out[0]).toBeCloseTo(5, 12);
    expect(out[1]).toBeCloseTo(25, 12);
  });
  it('mean elevation skips the first and last 10 %', () => {
    // np = 20: p10 = 2, mean of indices 2 … 18 (17 values) of h_i = i → (2 + 18)/2 = 10; a spike at index 0 is ignored.
    const h = Float64Array.from({ length: 21 }, (_, i) => i);
    h[0] = 1000;
    expect(meanPathElevationM(h, 20)).toBe(10);
  });
});
