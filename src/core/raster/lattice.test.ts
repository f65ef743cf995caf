import { describe, expect, it } from 'vitest';
import type { Grid } from '../grid/grid.ts';
import { utmToLonLat } from '../grid/projection.ts';
import { crsForEpsg } from './crs.ts';
import { gridToPixelLattice, Lattice, windowForRows } from './lattice.ts';
import type { RasterInfo } from './raster.ts';

// Expected values: the exact transform (proj4 through utmToLonLat) at the same points, and
// the invariant that a bilinear lattice reproduces an affine map exactly.

// The province's 100 m grid (as planScene builds it) and a lon/lat raster of 3″ pixels.
const grid: Grid = { width: 1218, height: 900, originX: 574500, originY: 1143100, cellSizeM: 100, crs: 'EPSG:32648' };
const info: RasterInfo = {
  fileName: 'w.tif', width: 1500, height: 1200, crs: crsForEpsg(4326)!, originX: 105.6, originY: 10.45,
  pixelSizeX: 1 / 1200, pixelSizeY: 1 / 1200, noData: null, sampleType: 'uint8', bandCount: 1,
};

describe('Lattice', () => {
  it('reproduces an affine map exactly, inside and outside its nodes', () => {
    const lat = new Lattice((u, v, out) => { out[0] = 3 + 2 * u - v; out[1] = -1 + 0.5 * u + 4 * v; }, 0, 100, 10, 55, 16);
    const out = new Float64Array(2);
    for (const [u, v] of [[0, 10], [100, 55], [33.3, 47.9], [99.99, 10.01], [-5, 60]]) {
      lat.at(u, v, out);
      expect(out[0]).toBeCloseTo(3 + 2 * u - v, 10);
      expect(out[1]).toBeCloseTo(-1 + 0.5 * u + 4 * v, 10);
    }
  });

  it('grid → lon/lat pixel: interpolation error under 2 cm over the province grid (1.6 km node spacing)', () => {
    const lattice = gridToPixelLattice(grid, info);
    const out = new Float64Array(2);
    let worstM = 0;
    for (let k = 0; k < 2000; k++) {
      // A deterministic spread of points, many between nodes.
      const gx = ((k * 7919) % 12180) / 10 + 0.37, gy = ((k * 104729) % 9000) / 10 + 0.61;
      lattice.at(gx, gy, out);
      const [lon, lat] = utmToLonLat(grid.originX + gx * 100, grid.originY - gy * 100);
      const dxM = (out[0] - (lon - info.originX) / info.pixelSizeX) * info.pixelSizeX * 111320 * Math.cos((lat * Math.PI) / 180);
      const dyM = (out[1] - (info.originY - lat) / info.pixelSizeY) * info.pixelSizeY * 110600;
      worstM = Math.max(worstM, Math.hypot(dxM, dyM));
    }
    expect(worstM).toBeLessThan(0.02);
  });

  it('windowForRows holds the exact pixel of every cell corner of the band', () => {
    const lattice = gridToPixelLattice(grid, info);
    const win = windowForRows(lattice, grid, info, 300, 420, 1)!;
    for (let r = 300; r <= 420; r += 7) {
      for (let c = 0; c <= grid.width; c += 11) {
        const [lon, lat] = utmToLonLat(grid.originX + c * 100, grid.originY - r * 100);
        const px = (lon - info.originX) / info.pixelSizeX, py = (info.originY - lat) / info.pixelSizeY;
        expect(px).toBeGreaterThanOrEqual(win.x0);
        expect(px).toBeLessThanOrEqual(win.x1);
        expect(py).toBeGreaterThanOrEqual(win.y0);
        expect(py).toBeLessThanOrEqual(win.y1);
      }
    }
    // The band is about 12 km tall: at 3″ (≈ 92 m) about 130 rows of the 1200, not the whole file.
    expect(win.y1 - win.y0).toBeLessThan(160);
  });
});
