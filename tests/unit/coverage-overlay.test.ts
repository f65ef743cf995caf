/**
 * How the UTM coverage grid lands on the Web Mercator map (src/ui/coverage-layer.ts).
 * 1. Why resampling: placing the UTM raster by its four corners (MapLibre interpolates linearly
 *    in Mercator over two triangles) misplaces cells by tens of metres over the province.
 * 2. The resampled Mercator raster picks, for every pixel, the cell under its exact position.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellCenterX, cellCenterY, gridForBBox } from '../../src/core/grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../../src/core/grid/projection.ts';
import { mercatorIndex, mercatorPixelCenter, mercatorPixelRect } from '../../src/core/grid/resample.ts';

const R = 6378137;
const merc = ([lon, lat]: [number, number]): [number, number] => [R * (lon * Math.PI) / 180, R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
const [ax, ay] = lonLatToUtm(105.681642, 9.527162);
const [bx, by] = lonLatToUtm(106.791831, 10.34014);
const grid = gridForBBox([Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)], 100);

describe('coverage overlay placement', () => {
  it('corner placement of the raw UTM grid would misplace cells by more than one 50 m cell', () => {
    const W = grid.width * grid.cellSizeM, H = grid.height * grid.cellSizeM;
    const tl = merc(utmToLonLat(grid.originX, grid.originY)), tr = merc(utmToLonLat(grid.originX + W, grid.originY));
    const bl = merc(utmToLonLat(grid.originX, grid.originY - H)), br = merc(utmToLonLat(grid.originX + W, grid.originY - H));
    let worst = 0;
    for (let i = 0; i <= 40; i++) for (let j = 0; j <= 40; j++) {
      const u = i / 40, v = j / 40;
      const ll = utmToLonLat(grid.originX + u * W, grid.originY - v * H);
      const truth = merc(ll);
      const p = u + v <= 1
        ? [tl[0] + u * (tr[0] - tl[0]) + v * (bl[0] - tl[0]), tl[1] + u * (tr[1] - tl[1]) + v * (bl[1] - tl[1])]
        : [br[0] + (1 - u) * (bl[0] - br[0]) + (1 - v) * (tr[0] - br[0]), br[1] + (1 - u) * (bl[1] - br[1]) + (1 - v) * (tr[1] - br[1])];
      worst = Math.max(worst, Math.hypot(p[0] - truth[0], p[1] - truth[1]) * Math.cos((ll[1] * Math.PI) / 180));
    }
    expect(worst).toBeGreaterThan(50);
  });
  it('every resampled pixel shows the cell under its exact position (within half a cell diagonal)', () => {
    const m = mercatorIndex(grid);
    const halfDiag = (grid.cellSizeM * Math.SQRT2) / 2;
    fc.assert(fc.property(fc.integer({ min: 0, max: m.width - 1 }), fc.integer({ min: 0, max: m.height - 1 }), (col, row) => {
      const [lon, lat] = mercatorPixelCenter(m, col, row);
      const [x, y] = lonLatToUtm(lon, lat);
      const idx = m.sourceIndex[row * m.width + col];
      const inside = x >= grid.originX && x < grid.originX + grid.width * grid.cellSizeM && y <= grid.originY && y > grid.originY - grid.height * grid.cellSizeM;
      if (idx < 0) {
        // only pixels outside the grid (or within a millimetre of its edge) have no cell
        const d = Math.min(Math.abs(x - grid.originX), Math.abs(x - (grid.originX + grid.width * grid.cellSizeM)), Math.abs(y - grid.originY), Math.abs(y - (grid.originY - grid.height * grid.cellSizeM)));
        expect(!inside || d < 1e-3).toBe(true);
        return;
      }
      const cx = cellCenterX(grid, idx % grid.width), cy = cellCenterY(grid, Math.floor(idx / grid.width));
      expect(Math.hypot(cx - x, cy - y)).toBeLessThanOrEqual(halfDiag + 1e-3);
    }), { numRuns: 2000 });
  });
});

describe('mercatorPixelRect: the pixels a region of cells can appear in', () => {
  it('contains every pixel that shows a cell of the region (exhaustive check on 40 regions)', () => {
    const grid = gridForBBox([560000, 1040000, 700000, 1140000], 500);
    const m = mercatorIndex(grid, 400);
    let seed = 3;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % n);
    for (let k = 0; k < 40; k++) {
      const c0 = rnd(grid.width - 1), r0 = rnd(grid.height - 1);
      const region = [c0, r0, c0 + 1 + rnd(grid.width - c0), r0 + 1 + rnd(grid.height - r0)] as const;
      const [x0, y0, x1, y1] = mercatorPixelRect(m, grid, region);
      for (let i = 0; i < m.sourceIndex.length; i++) {
        const cell = m.sourceIndex[i];
        if (cell < 0) continue;
        const col = cell % grid.width, row = Math.floor(cell / grid.width);
        if (col < region[0] || col >= region[2] || row < region[1] || row >= region[3]) continue;
        const x = i % m.width, y = Math.floor(i / m.width);
        expect(x >= x0 && x < x1 && y >= y0 && y < y1, `pixel ${x},${y} of cell ${col},${row} outside ${[x0, y0, x1, y1]}`).toBe(true);
      }
    }
  });
});
