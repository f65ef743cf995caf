import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complementaryNormal, complementaryNormalFast, erfc, locationProbability } from './probability.ts';

// Reference values of the normal distribution (Abramowitz & Stegun Table 26.1; erfc from
// Table 7.1), quoted to the digits the tables give.
describe('complementary normal Q(x)', () => {
  it('matches tabulated values to 1e-7 relative', () => {
    const table: [number, number][] = [
      [0, 0.5], [1, 0.158655253931457], [-1, 0.841344746068543], [1.2815515655446004, 0.1], [1.6448536269514722, 0.05],
      [1.959963984540054, 0.025], [2.3263478740408408, 0.01], [3, 0.00134989803163009], [5, 2.866515718791939e-7],
    ];
    for (const [x, q] of table) expect(Math.abs(complementaryNormal(x) - q) / q).toBeLessThan(1.2e-7);
  });
  it('erfc is symmetric: erfc(−x) = 2 − erfc(x), erfc(0) = 1, decreasing', () => {
    expect(erfc(0)).toBeCloseTo(1, 12);
    let prev = 2;
    for (let x = -4; x <= 4; x += 0.25) {
      expect(Math.abs(erfc(-x) - (2 - erfc(x)))).toBeLessThan(1e-12);
      expect(erfc(x)).toBeLessThan(prev);
      prev = erfc(x);
    }
  });
});

describe('location probability', () => {
  it('is ½ at the threshold, 95 % at 1.645 σ above it, 0 without service', () => {
    expect(locationProbability(-110, -110, 8)).toBeCloseTo(0.5, 12);
    // hand calculation: median −110 + 1.6448536 × 8 = −96.84117 dBm → P = 1 − Q(1.6449) = 0.95
    expect(locationProbability(-110 + 1.6448536269514722 * 8, -110, 8)).toBeCloseTo(0.95, 7);
    expect(locationProbability(NaN, -110, 8)).toBe(0);
  });
});

describe('Q(x) from the table (the kernel\'s form)', () => {
  it('equals the series to 1e-11 everywhere, including beyond the table and at its knots', () => {
    fc.assert(fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (x) => {
      expect(Math.abs(complementaryNormalFast(x) - complementaryNormal(x))).toBeLessThan(1e-11);
    }), { numRuns: 20000 });
    for (let x = -8.5; x <= 8.5; x += 1 / 128) expect(Math.abs(complementaryNormalFast(x) - complementaryNormal(x))).toBeLessThan(1e-11);
    // A&S Table 26.1 values through the table as well.
    expect(Math.abs(complementaryNormalFast(1.6448536269514722) - 0.05) / 0.05).toBeLessThan(1.2e-7);
    expect(Math.abs(complementaryNormalFast(3) - 0.00134989803163009) / 0.00134989803163009).toBeLessThan(1.2e-7);
  });
});
