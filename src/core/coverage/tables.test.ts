/**
 * Distance tables (tables.ts): a table built over part of the distance range holds the same
 * coefficients there as one built over the whole range, marks the rest for exact evaluation, and
 * is within its tolerance of the function everywhere it is used. The function is a 38.901 UMa
 * path loss (LOS-probability weighted): kinks at the breakpoint and the 18 m knee.
 */
import { describe, expect, it } from 'vitest';
import { getPathLossModel } from '../propagation/registry.ts';
import { buildDistanceTable, DIST_MAX_M, distanceInterval, INV_STEP, OCTAVE_START, TABLE_NEAR_M, TABLE_TOLERANCE_DB } from './tables.ts';

const uma = getPathLossModel('38901-uma-expected')!;
const pl = (d: number) => uma.pathLossDb(3500, d, 30, 1.5);

/** The kernel's evaluation of a linear table at d (kernel.ts), or NaN where it says "exact". */
function tableAt(coef: Float64Array, d: number): number {
  const oct = 31 - Math.clz32(d | 0);
  const u = (d - OCTAVE_START[oct]) * INV_STEP[oct];
  let j = u | 0;
  if (j > 255) j = 255;
  const x = u - j;
  const o = ((oct << 8) + j) << 2;
  return ((coef[o + 3] * x + coef[o + 2]) * x + coef[o + 1]) * x + coef[o];
}

describe('distance tables over part of the range', () => {
  const full = buildDistanceTable(pl, 'linear');
  const part = buildDistanceTable(pl, 'linear', 9136);

  it('distanceInterval finds the interval the kernel reads (octave by clz32, 256 per octave)', () => {
    expect(distanceInterval(1)).toBe(0);
    expect(distanceInterval(8)).toBe(3 * 256);
    expect(distanceInterval(9136)).toBe(13 * 256 + Math.floor((9136 - 8192) / 32));
    expect(distanceInterval(DIST_MAX_M - 1e-9)).toBe(15 * 256 - 1);
  });

  it('equal coefficients inside [8 m, reach]; exact (NaN) outside, and those not counted as the function\'s kinks', () => {
    const lo = distanceInterval(TABLE_NEAR_M), hi = distanceInterval(9136);
    for (let i = 0; i < 15 * 256; i++) {
      const inside = i >= lo && i <= hi;
      for (let k = 0; k < 4; k++) {
        if (inside) expect(Object.is(part.coef[4 * i + k], full.coef[4 * i + k])).toBe(true);
        else if (k === 0) expect(part.coef[4 * i]).toBeNaN();
      }
    }
    expect(part.exactIntervals).toBeGreaterThan(0);
    expect(part.exactIntervals).toBeLessThanOrEqual(full.exactIntervals);
  });

  it('within the tolerance of the function wherever it is not marked exact (10,000 distances, 8 m – 9.136 km)', () => {
    let used = 0;
    for (let k = 0; k < 10000; k++) {
      const d = TABLE_NEAR_M * (9136 / TABLE_NEAR_M) ** (k / 9999);
      const v = tableAt(part.coef, d);
      if (v !== v) continue;
      used++;
      expect(Math.abs(10 * Math.log10(v / 10 ** (-pl(d) / 10)))).toBeLessThan(TABLE_TOLERANCE_DB * 10);
    }
    expect(used).toBeGreaterThan(9900);
  });
});
