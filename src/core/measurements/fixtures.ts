/**
 * A small analytic network for the measurement tests and bench, so that they need neither the
 * engine nor a clutter map file:
 * - sites on a square lattice (`spacingM`, default 3 km), three sectors each (azimuths 0°, 120°,
 *   240°), one LTE 1800 carrier (EARFCN 1300 = 1815 MHz), PCI = 3 · site + sector (unique);
 * - prediction: RSRP = P_RE + G_max − A(φ) − L(d), with P_RE = 46 dBm − 10 log10(1200 subcarriers)
 *   = 15.21 dBm, G_max = 17 dBi, the horizontal sector pattern A(φ) = min(12 (φ/65°)², 20 dB) and
 *   the macro-cell path loss L = 128.1 + 37.6 log10(d/km) of 3GPP TR 36.942 §4.5.2 (d ≥ 35 m);
 * - clutter classes (P.2108 order, CLUTTER_TYPES): dense urban within 1.2 km of the lattice
 *   centre, otherwise by quadrant around it — NE suburban, NW urban, SW open/rural, SE trees.
 */
import { gridForBBox, type Grid } from '../grid/grid.ts';
import { ALL_CLASSES, type SectorRef } from './associate.ts';
import type { ClassTruth, SyntheticSector } from './synthetic.ts';

export const CLASS_OPEN_RURAL = 1;
export const CLASS_SUBURBAN = 2;
export const CLASS_URBAN = 3;
export const CLASS_TREES = 4;
export const CLASS_DENSE_URBAN = 5;

/** The hidden corrections of the tests: distinct offsets (±10 dB) and slopes (±8 dB/decade). */
export const TEST_TRUTH: readonly (ClassTruth | undefined)[] = [
  undefined,
  { offsetDb: 4, slopeDbPerDecade: -3 },
  { offsetDb: -2, slopeDbPerDecade: 5 },
  { offsetDb: -6, slopeDbPerDecade: -8 },
  { offsetDb: -9, slopeDbPerDecade: 2 },
  { offsetDb: -10, slopeDbPerDecade: 0 },
];

export interface TestNetwork {
  readonly sectors: readonly (SyntheticSector & SectorRef)[];
  readonly sites: readonly { readonly xM: number; readonly yM: number }[];
  readonly grid: Grid;
  /** Class per grid cell (row-major), from the regions of the module comment. */
  readonly clutter: Uint8Array;
  /** The class of a point's grid cell ({@link ALL_CLASSES} outside the grid). */
  readonly classAt: (xM: number, yM: number) => number;
  /** Predicted RSRP of a sector at a point, dBm. */
  readonly predict: (sectorIndex: number, xM: number, yM: number) => number;
}

const P_RE_DBM = 46 - 10 * Math.log10(1200);
const G_MAX_DBI = 17;

/** The test network of `n × n` sites (module comment). */
export function testNetwork(n = 3, spacingM = 3000, cellSizeM = 50): TestNetwork {
  const x0 = 590000, y0 = 1100000; // UTM 48N, near Vĩnh Long
  const sites = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) sites.push({ xM: x0 + i * spacingM, yM: y0 + j * spacingM });
  const sectors: (SyntheticSector & SectorRef)[] = [];
  const azimuths: number[] = [];
  sites.forEach((s, k) => {
    for (let a = 0; a < 3; a++) {
      const index = sectors.length;
      sectors.push({ index, xM: s.xM, yM: s.yM, pci: 3 * k + a, earfcn: 1300, carrierFreqMHz: 1815, cellId: `C${k}-${a}`, label: `S${k}-${a}` });
      azimuths.push(a * 120);
    }
  });
  const margin = 2500;
  const grid = gridForBBox([x0 - margin, y0 - margin, x0 + (n - 1) * spacingM + margin, y0 + (n - 1) * spacingM + margin], cellSizeM);
  const cx = x0 + ((n - 1) * spacingM) / 2, cy = y0 + ((n - 1) * spacingM) / 2;
  const region = (x: number, y: number): number => {
    if (Math.hypot(x - cx, y - cy) < 1800) return CLASS_DENSE_URBAN;
    if (y >= cy) return x >= cx ? CLASS_SUBURBAN : CLASS_URBAN;
    return x >= cx ? CLASS_TREES : CLASS_OPEN_RURAL;
  };
  const clutter = new Uint8Array(grid.width * grid.height);
  for (let r = 0; r < grid.height; r++) {
    for (let c = 0; c < grid.width; c++) clutter[r * grid.width + c] = region(grid.originX + (c + 0.5) * cellSizeM, grid.originY - (r + 0.5) * cellSizeM);
  }
  // The class of a point is its grid cell's, as the association reads it.
  const classAt = (x: number, y: number): number => {
    const c = Math.floor((x - grid.originX) / cellSizeM), r = Math.floor((grid.originY - y) / cellSizeM);
    return c >= 0 && r >= 0 && c < grid.width && r < grid.height ? clutter[r * grid.width + c] : ALL_CLASSES;
  };
  const predict = (sectorIndex: number, x: number, y: number): number => {
    const s = sectors[sectorIndex];
    const dx = x - s.xM, dy = y - s.yM;
    const dKm = Math.max(Math.hypot(dx, dy), 35) / 1000;
    let phi = Math.atan2(dx, dy) * (180 / Math.PI) - azimuths[sectorIndex];
    phi = ((((phi + 180) % 360) + 360) % 360) - 180;
    const att = Math.min(12 * (phi / 65) ** 2, 20);
    return P_RE_DBM + G_MAX_DBI - att - (128.1 + 37.6 * Math.log10(dKm));
  };
  return { sectors, sites, grid, clutter, classAt, predict };
}
