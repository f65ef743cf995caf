import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { Grid } from '../grid/grid.ts';
import { cellCenterX, cellCenterY } from '../grid/grid.ts';
import { utmToLonLat } from '../grid/projection.ts';
import { privateNetworkStats } from './private-network.ts';

// A 2000 m square service area, x 610000–612000, y 1100000–1102000 (UTM 48N), on a 4 km grid
// of 20 m cells. Outside, RSRP falls linearly from −80 dBm at the square's edge to −110 dBm at
// distance r = 500 m, so it EXCEEDS −110 dBm exactly within r of the square. The set within r
// of a square of side s is the square dilated by r: s² + 4·s·r + π·r², so the spill-over area is
// 4·2000·500 + π·500² = 4 000 000 + 785 398 m² = 4.785 km².
const s = 2000, r = 500;
const x0 = 610000, y0 = 1100000;
const grid: Grid = { width: 200, height: 200, originX: 609000, originY: 1103000, cellSizeM: 20, crs: 'EPSG:32648' };
const square: Polygon = {
  type: 'Polygon',
  coordinates: [[[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]].map(([x, y]) => utmToLonLat(x, y))],
};
const n = grid.width * grid.height;
const rsrp = new Float64Array(n);
const indoor = new Float64Array(n);
const labels = new Int16Array(n);
for (let row = 0; row < grid.height; row++) {
  for (let col = 0; col < grid.width; col++) {
    const x = cellCenterX(grid, col), y = cellCenterY(grid, row);
    const dx = Math.max(x0 - x, 0, x - (x0 + s)), dy = Math.max(y0 - y, 0, y - (y0 + s));
    const d = Math.hypot(dx, dy);
    let v = -80 - 30 * (d / r);
    // Inside: the west quarter (x < 610500) is weak (−105), the north quarter (y > 1101500) −95.
    if (d === 0 && x < x0 + 500) v = -105;
    else if (d === 0 && y > y0 + 1500) v = -95;
    const i = row * grid.width + col;
    rsrp[i] = v;
    indoor[i] = v - 12;
    labels[i] = x < 611000 ? 0 : 1; // two communes, split down the square's middle
  }
}

describe('privateNetworkStats', () => {
  const st = privateNetworkStats(grid, square, rsrp, {
    outdoorThresholdDbm: -100, indoorRsrpDbm: indoor, indoorThresholdDbm: -100, labels, communeNames: ['Xã Tây', 'Xã Đông'],
  });

  it('service area: the square’s 100 × 100 cells', () => {
    expect(st.serviceCells).toBe(10000);
    expect(st.serviceAreaKm2).toBeCloseTo(4, 12);
  });

  it('covered shares at the network’s own thresholds (hand count of quarters)', () => {
    // Outdoor ≥ −100: all but the west quarter (−105): 1 − 25/100 = 0.75.
    expect(st.outdoorCoveredShare).toBe(0.75);
    // Indoor = outdoor − 12 ≥ −100: only outdoor −80 (→ −92), i.e. neither west nor north: 0.75 × 0.75.
    expect(st.indoorCoveredShare).toBe(0.5625);
  });

  it('spill-over area above −110 dBm = 4·s·r + π·r² within 2 %', () => {
    const expectedKm2 = (4 * s * r + Math.PI * r * r) / 1e6;
    expect(st.spillThresholdDbm).toBe(-110);
    expect(Math.abs(st.spillAreaKm2 / expectedKm2 - 1)).toBeLessThan(0.02);
  });

  it('lists the spilled communes: half each by symmetry', () => {
    const half = (4 * s * r + Math.PI * r * r) / 2e6;
    expect(st.spillCommunes.map((c) => c.name).sort()).toEqual(['Xã Tây', 'Xã Đông']);
    for (const c of st.spillCommunes) expect(Math.abs(c.areaKm2 / half - 1)).toBeLessThan(0.02);
    expect(st.spillCommunes[0].cells + st.spillCommunes[1].cells).toBe(st.spillCells);
  });

  it('a stricter spill level shrinks the ring: −95.6 dBm reaches d = 260 m (−80 − 30·260/500), 4·s·d + π·d²', () => {
    // 260 m is a cell edge (centres at 10, 30, … 250 m are in), so the raster has no half cell to lose.
    const st2 = privateNetworkStats(grid, square, rsrp, { outdoorThresholdDbm: -100, spillThresholdDbm: -95.6 });
    const d = 260;
    const expectedKm2 = (4 * s * d + Math.PI * d * d) / 1e6;
    expect(Math.abs(st2.spillAreaKm2 / expectedKm2 - 1)).toBeLessThan(0.02);
    expect(st2.spillCommunes).toEqual([]);
    expect('indoorCoveredShare' in st2).toBe(false);
  });
});
