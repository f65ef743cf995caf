/**
 * Association rules, on hand-placed points and sectors (positions and expected sectors worked
 * out in the comments: nearest of the sectors sharing a PCI, the carrier of an EARFCN by TS 36.101
 * F_DL = 1805 + 0.1 (N − 1200) for band 3), and an invariant: the grid cell is the one
 * src/core/grid/grid.ts `cellAt` gives.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellAt, type Grid } from '../grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../grid/projection.ts';
import { ALL_CLASSES, ASSOCIATED_BY, associateMeasurements, buildErrorSample, normalizeCellId, type SectorRef } from './associate.ts';
import { ABSENT, allocatePoints, type MeasurementPoints } from './points.ts';

// 1 km × 1 km grid of 100 m cells; north-west corner (600000, 1101000).
const grid: Grid = { width: 10, height: 10, originX: 600000, originY: 1101000, cellSizeM: 100, crs: 'EPSG:32648' };
const identity = (x: number, y: number): [number, number] => [x, y];
const sectors: SectorRef[] = [
  { index: 0, xM: 600200, yM: 1100800, pci: 10, carrierFreqMHz: 1815, label: 'A' },
  { index: 1, xM: 600800, yM: 1100200, pci: 10, carrierFreqMHz: 1815, label: 'B' },
  { index: 2, xM: 600800, yM: 1100200, pci: 10, carrierFreqMHz: 1842.5, label: 'C' },
  { index: 3, xM: 600500, yM: 1100500, pci: 11, carrierFreqMHz: 1815, cellId: '0123', label: 'D' },
];

interface P { x: number; y: number; pci?: number; earfcn?: number; cellId?: number }
/** Points whose "lon/lat" are metres (used with the identity projection). */
function points(list: P[]): MeasurementPoints {
  const p = allocatePoints(list.length);
  list.forEach((q, i) => {
    p.row[i] = i + 2;
    p.lonDeg[i] = q.x;
    p.latDeg[i] = q.y;
    p.rsrpDbm[i] = -90;
    p.pci[i] = q.pci ?? ABSENT;
    p.earfcn[i] = q.earfcn ?? ABSENT;
    p.nrArfcn[i] = ABSENT;
    p.cellId[i] = q.cellId ?? ABSENT;
  });
  return { ...p, count: list.length };
}

describe('associateMeasurements', () => {
  const cellIds = ['123', 'X9'];
  const pts = points([
    { x: 600250, y: 1100750, pci: 10 }, // near A: A is 71 m away, B 781 m → A
    { x: 600750, y: 1100250, pci: 10, earfcn: 1300 }, // 1815 MHz: B (C is on 1842.5)
    { x: 600750, y: 1100250, pci: 10, earfcn: 1575 }, // 1805 + 0.1 × 375 = 1842.5 MHz: C
    { x: 600500, y: 1100500, pci: 99 }, // no sector with PCI 99
    { x: 600450, y: 1100450, cellId: 0, pci: 10 }, // cell id "123" = "0123" (by value): D, before the PCI
    { x: 600450, y: 1100450, cellId: 1 }, // "X9": no sector
    { x: 600350, y: 1100350 }, // no id: best server (array) = 1
    { x: 600350, y: 1100350 }, // best server −1
    { x: 601050, y: 1100500, pci: 10 }, // east of the grid
    { x: 600050, y: 1100050, pci: 10 }, // cell (0, 9): no clutter class there
  ]);
  const clutter = new Uint8Array(100).fill(3);
  clutter[9 * 10 + 0] = ALL_CLASSES;
  const bestServer = Int32Array.from([0, 0, 0, 0, 0, 0, 1, -1, 0, 0]);
  const a = associateMeasurements(pts, cellIds, sectors, { grid, clutter, bestServer, toUtm: identity });

  it('picks the sector by cell id, PCI (nearest, on the measured carrier), then best server', () => {
    expect(Array.from(a.sector)).toEqual([0, 1, 2, -1, 3, -1, 1, -1, -1, -1]);
    const { none, cellId, pci, bestServer: best } = ASSOCIATED_BY;
    expect(Array.from(a.by)).toEqual([pci, pci, pci, none, cellId, none, best, none, none, none]);
    expect(a.countBy).toEqual({ cellId: 1, pci: 3, bestServer: 1 });
    expect(a.nUsed).toBe(5);
  });
  it('lists every point left out by row, with the reason', () => {
    expect(a.problems.map((p) => [p.row, p.message.key, p.dropped])).toEqual([
      [5, 'measPciNoSector', true],
      [7, 'measCellIdNoSector', true],
      [9, 'measNoServer', true],
      [10, 'measOutsideGrid', true],
      [11, 'measNoClutter', true],
    ]);
    expect(a.problems[0].reason).toBe('PCI 99 matches no sector of the scenario');
    expect(a.problems[1].reason).toBe('cell id "X9" matches no sector of the scenario');
  });
  it('gives distance to the serving site and the class of the cell', () => {
    // Point 0 to A: hypot(50, 50) = 70.71 m.
    expect(a.distanceKm[0]).toBeCloseTo(0.0707107, 6);
    expect(a.clutterClass[0]).toBe(3);
    expect(a.distanceKm[3]).toBeNaN();
  });
  it('leaves out a server farther than the limit', () => {
    // Point 1 is 71 m from B; point 0 is 71 m from A: both kept at 0.1 km; point 6 is 474 m from B.
    const b = associateMeasurements(pts, cellIds, sectors, { grid, clutter, bestServer, toUtm: identity, maxServingDistanceKm: 0.1 });
    expect(b.problems.filter((p) => p.message.key === 'measTooFar').map((p) => [p.row, p.message.params.sector, p.message.params.distanceKm])).toEqual([[8, 'B', 0.5]]);
  });
  it('uses the best server when the sectors have no PCIs or ids, whatever the point says', () => {
    const bare = sectors.map(({ index, xM, yM, carrierFreqMHz }) => ({ index, xM, yM, carrierFreqMHz }));
    const b = associateMeasurements(pts, cellIds, bare, { grid, bestServer, toUtm: identity });
    expect(Array.from(b.sector.slice(0, 7))).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(b.countBy.bestServer).toBe(8); // all but row 9 (server −1) and row 10 (outside)
    // No clutter map: one class for all.
    expect(b.clutterClass[0]).toBe(ALL_CLASSES);
  });
});

describe('grid cell and projection', () => {
  it('the cell index is cellAt of the projected point (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 599900, max: 601100, noNaN: true }), fc.double({ min: 1099900, max: 1101100, noNaN: true }), (x, y) => {
        const a = associateMeasurements(points([{ x, y }]), [], [sectors[0]], { grid, bestServer: Int32Array.of(0), toUtm: identity });
        const c = cellAt(grid, x, y);
        expect(a.cell[0]).toBe(c === null ? -1 : c.row * grid.width + c.col);
      }),
      { numRuns: 300 },
    );
  });
  it('projects lon/lat with UTM 48N by default (round trip within 1 mm)', () => {
    const [lon, lat] = utmToLonLat(600555, 1100444);
    const p = allocatePoints(1);
    p.lonDeg[0] = lon;
    p.latDeg[0] = lat;
    p.pci[0] = p.cellId[0] = p.earfcn[0] = p.nrArfcn[0] = ABSENT;
    const a = associateMeasurements({ ...p, count: 1 }, [], [sectors[0]], { grid, bestServer: Int32Array.of(0) });
    expect(a.xM[0]).toBeCloseTo(600555, 3);
    expect(a.yM[0]).toBeCloseTo(1100444, 3);
    expect(lonLatToUtm(lon, lat)[0]).toBeCloseTo(600555, 3);
    expect(a.cell[0]).toBe(5 * 10 + 5);
  });
});

describe('normalizeCellId and buildErrorSample', () => {
  it('compares ids without case, spaces or leading zeros of numbers', () => {
    expect(normalizeCellId(' 00123 ')).toBe('123');
    expect(normalizeCellId('0')).toBe('0');
    expect(normalizeCellId('VL-001a')).toBe('vl-001a');
  });
  it('leaves out a point without a finite prediction', () => {
    const pts = points([{ x: 600250, y: 1100750 }, { x: 600350, y: 1100350 }]);
    const a = associateMeasurements(pts, [], sectors, { grid, bestServer: Int32Array.of(0, 1), toUtm: identity });
    const { sample, problems } = buildErrorSample(pts, a, (s) => (s === 0 ? -85 : NaN));
    expect(Array.from(sample.used)).toEqual([1, 0]);
    expect(Array.from(sample.predictedDbm)).toEqual([-85, NaN]);
    expect(problems.map((p) => [p.row, p.message.key])).toEqual([[3, 'measNoPrediction']]);
    expect(Array.from(a.used)).toEqual([1, 1]); // the association is not changed
  });
});
