/**
 * Link-profile geometry against a hand calculation (spec §1: effective earth k·6371 km; first
 * Fresnel zone radius √(λ·d1·d2/d); 60 % clearance rule).
 *
 * Profile: 11 samples 1 km apart, ground 5 m, one 20 m hill at 4 km; antennas 30 m and 10 m
 * above the ground; 3500 MHz (λ = 299 792 458 / 3.5e9 = 0.085654988 m); k = 4/3
 * (ae = 8 494 666.667 m).
 * At the hill (d1 = 4000 m, d2 = 6000 m):
 *   bulge = 4000·6000/(2·8 494 666.667) = 1.412651 m → terrain 21.412651 m;
 *   line of sight: 35 + (15 − 35)·4000/10 000 = 27 m;
 *   F1 = √(0.085654988·4000·6000/10 000) = √205.571971 = 14.337781 m;
 *   clearance 27 − 21.412651 = 5.587349 m = 0.389694 F1 (< 0.6: the 60 % rule fails);
 *   60 % line 27 − 0.6·14.337781 = 18.397331 m.
 */
import { describe, expect, it } from 'vitest';
import { linkGeometry } from './link-geometry.ts';
import type { TerrainProfile } from './profile.ts';

function profileOf(heights: number[], spacingM: number): TerrainProfile {
  const h = Float64Array.from(heights);
  return { spacingM, distanceM: spacingM * (heights.length - 1), groundM: h, clutterM: new Float64Array(h.length), heightsM: h };
}

describe('linkGeometry — hill between site and point, by hand', () => {
  const heights = [5, 5, 5, 5, 20, 5, 5, 5, 5, 5, 5];
  const g = linkGeometry({ profile: profileOf(heights, 1000), hTxM: 30, hRxM: 10, freqMHz: 3500 });
  it('bulge, line of sight, F1 and 60 % line at the hill', () => {
    expect(g.bulgeM[4]).toBeCloseTo(1.412651, 6);
    expect(g.terrainM[4]).toBeCloseTo(21.412651, 6);
    expect(g.lineOfSightM[4]).toBeCloseTo(27, 9);
    expect(g.fresnelRadiusM[4]).toBeCloseTo(14.337781, 6);
    expect(g.clearanceLineM[4]).toBeCloseTo(18.397331, 6);
  });
  it('the hill is the worst obstruction: 5.587349 m = 0.389694 F1; line of sight kept, 60 % rule failed', () => {
    expect(g.worstIndex).toBe(4);
    expect(g.worstClearanceM).toBeCloseTo(5.587349, 6);
    expect(g.worstClearanceFraction).toBeCloseTo(0.389694, 6);
    expect(g.lineOfSight).toBe(true);
    expect(g.clearanceMet).toBe(false);
  });
  it('ends: no bulge, no Fresnel zone; line of sight at the antennas', () => {
    expect(g.bulgeM[0]).toBe(0);
    expect(g.fresnelRadiusM[10]).toBe(0);
    expect(g.lineOfSightM[0]).toBe(35);
    expect(g.lineOfSightM[10]).toBe(15);
  });
  it('a larger k flattens the earth: smaller bulge, more clearance', () => {
    const flat = linkGeometry({ profile: profileOf(heights, 1000), hTxM: 30, hRxM: 10, freqMHz: 3500, kFactor: 1e9 });
    expect(flat.bulgeM[4]).toBeLessThan(1e-6);
    expect(flat.worstClearanceM).toBeCloseTo(7, 5);
  });
  it('a 60 m hill blocks the line of sight (negative clearance)', () => {
    const blocked = linkGeometry({ profile: profileOf([5, 5, 5, 5, 60, 5, 5, 5, 5, 5, 5], 1000), hTxM: 30, hRxM: 10, freqMHz: 3500 });
    // 27 − (60 + 1.412651) = −34.412651 m.
    expect(blocked.worstClearanceM).toBeCloseTo(-34.412651, 6);
    expect(blocked.lineOfSight).toBe(false);
  });
  it('rejects a negative antenna height', () => {
    expect(() => linkGeometry({ profile: profileOf(heights, 1000), hTxM: -1, hRxM: 10, freqMHz: 3500 })).toThrow(/hTxM|antenna/);
  });
});
