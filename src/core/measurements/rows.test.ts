/**
 * Row-level readers: numbers, times, and the coordinate checks that need an expected box.
 * Expected times: 2000-01-01T00:00Z = 946,684,800 s and 2024-01-01T00:00Z = 1,704,067,200 s
 * (well-known Unix times); offsets below are added by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTimeMs, readDecimal } from './rows.ts';
import { importMeasurementsCsv } from './import.ts';

describe('readDecimal', () => {
  it('reads plain, signed, exponent and spaced numbers; refuses words', () => {
    expect(readDecimal('-97.5', false)).toBe(-97.5);
    expect(readDecimal(' +12 ', false)).toBe(12);
    expect(readDecimal('1e3', false)).toBe(1000);
    expect(readDecimal('.5', false)).toBe(0.5);
    for (const bad of ['', ' ', 'abc', '-', '1.2.3', 'Infinity', '10°', '0x10', '1,5', 'NaN']) expect(readDecimal(bad, false)).toBeNaN();
  });
  it('gives the same double as Number() for decimal text (property: Clinger fast path and fallback)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 17 }), (v, digits) => {
        for (const text of [v.toFixed(digits), String(v), v.toExponential(digits % 10)]) expect(Object.is(readDecimal(text, false), Number(text)), text).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
  it('reads a decimal comma only when asked', () => {
    expect(readDecimal('-95,5', true)).toBe(-95.5);
    expect(readDecimal('1,234.5', true)).toBeNaN();
  });
});

describe('parseTimeMs', () => {
  const Y2000 = 946684800000;
  const Y2024 = 1704067200000;
  it('reads ISO 8601 with Z, with an offset, and without a zone (as UTC)', () => {
    expect(parseTimeMs('2000-01-01T00:00:00Z')).toBe(Y2000);
    expect(parseTimeMs('2000-01-01T00:00:00.250Z')).toBe(Y2000 + 250);
    // 07:00 at +07:00 is 00:00 UTC.
    expect(parseTimeMs('2000-01-01T07:00:00+07:00')).toBe(Y2000);
    expect(parseTimeMs('2000-01-01 07:00:00+0700')).toBe(Y2000);
    expect(parseTimeMs('2000-01-01 01:02:03')).toBe(Y2000 + 3723000);
    expect(parseTimeMs('2024-01-01')).toBe(Y2024);
  });
  it("reads G-NetTrack's 2024.01.01_00.00.10 and epoch seconds / milliseconds", () => {
    expect(parseTimeMs('2024.01.01_00.00.10')).toBe(Y2024 + 10000);
    expect(parseTimeMs('1704067200')).toBe(Y2024);
    expect(parseTimeMs('1704067200123')).toBe(Y2024 + 123);
  });
  it('refuses times of day alone, impossible dates and small numbers', () => {
    for (const bad of ['12:00:01', '2024-13-01', '2024-01-01 25:00:00', '42', 'yesterday']) expect(parseTimeMs(bad)).toBeNaN();
  });
});

describe('coordinates against an expected box', () => {
  // A box where both axes are below 90°, so that a swap is only visible against the box:
  // lon 40…50 °E, lat 20…30 °N. (45, 25) is inside; (25, 45) only makes sense swapped.
  const box = [40, 20, 50, 30] as const;
  it('says a pair that lands inside the box when swapped is swapped', () => {
    const p = importMeasurementsCsv('lat,lon,rsrp\n25,45,-90\n45,25,-90\n35,55,-90\n', 'b.csv', { expectedBBoxDeg: box });
    expect(p.problems.map((q) => [q.row, q.message.key])).toEqual([[3, 'measSwappedInside'], [4, 'measOutsideBBox']]);
    expect(Array.from(p.points.row)).toEqual([2]);
  });
  it('latitude beyond ±90 with a longitude that could be a latitude is a swap; both beyond is a range error', () => {
    const p = importMeasurementsCsv('lat,lon,rsrp\n106,10,-90\n106,120,-90\n10,190,-90\n', 'r.csv');
    expect(p.problems.map((q) => [q.row, q.column, q.message.key])).toEqual([[2, 'lat', 'measLatLonSwapped'], [3, 'lat', 'measLatRange'], [4, 'lon', 'measLonRange']]);
  });
});
