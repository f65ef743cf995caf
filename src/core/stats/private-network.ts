/**
 * Private network (campus, port, factory 5G) figures: how much of its own service polygon its
 * cells cover (outdoor and indoor, at the network's own thresholds), and how far its signal
 * spills outside the polygon — the area and the communes where its RSRP exceeds a level
 * (default −110 dBm) at which it could interfere with, or be picked up by, the public network.
 *
 * A cell is inside the service area when its centre is (rasterizeRings, even–odd). Areas are
 * planar on the UTM grid (cells × cell²).
 */
import type { Polygon } from 'geojson';
import type { Grid } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import { flattenRings, rasterizeRings } from '../grid/rasterize.ts';
import type { CommuneLabels } from './commune-stats.ts';

/** Default spill-over level, dBm: signal above it outside the service area counts as spill. */
export const DEFAULT_SPILL_THRESHOLD_DBM = -110;

export interface PrivateNetworkOptions {
  /** Outdoor coverage threshold of this network, dBm (cell covered when RSRP ≥ it). */
  readonly outdoorThresholdDbm: number;
  /** Indoor RSRP layer of the network's cells and its threshold; both or neither. */
  readonly indoorRsrpDbm?: ArrayLike<number>;
  readonly indoorThresholdDbm?: number;
  /** Spill when RSRP > this outside the polygon, dBm. Default {@link DEFAULT_SPILL_THRESHOLD_DBM}. */
  readonly spillThresholdDbm?: number;
  /** Commune labels (communeLabelGrid) and names, to list the communes the spill reaches. */
  readonly labels?: CommuneLabels;
  readonly communeNames?: readonly string[];
}

export interface SpillCommune {
  readonly index: number;
  readonly name: string;
  readonly cells: number;
  readonly areaKm2: number;
}

export interface PrivateNetworkStats {
  /** Cells whose centre is in the service polygon, and their area, km². */
  readonly serviceCells: number;
  readonly serviceAreaKm2: number;
  /** Share of service cells with RSRP ≥ outdoorThresholdDbm (NaN = not covered); null without cells. */
  readonly outdoorCoveredShare: number | null;
  /** As outdoor, for the indoor layer; absent without an indoor layer. */
  readonly indoorCoveredShare?: number | null;
  readonly spillThresholdDbm: number;
  /** Cells outside the polygon with RSRP > spillThresholdDbm, and their area, km². */
  readonly spillCells: number;
  readonly spillAreaKm2: number;
  /** Communes holding spill cells, largest spill first (empty without labels). */
  readonly spillCommunes: readonly SpillCommune[];
}

/**
 * Coverage inside and spill-over outside a private network's service area.
 * @param grid - grid of the layers
 * @param serviceArea - the network's service polygon, WGS 84
 * @param rsrpDbm - best-server RSRP of the network's own cells, row-major; NaN = none
 * @param options - thresholds, indoor layer, commune labels
 * @example privateNetworkStats(grid, pn.serviceArea, rsrp, { outdoorThresholdDbm: -95, labels, communeNames }).spillAreaKm2 // → 4.79
 */
export function privateNetworkStats(grid: Grid, serviceArea: Polygon, rsrpDbm: ArrayLike<number>, options: PrivateNetworkOptions): PrivateNetworkStats {
  const n = grid.width * grid.height;
  const check = (name: string, a: ArrayLike<number> | undefined) => {
    if (a && a.length !== n) throw new RangeError(`${name} has ${a.length} cells, expected ${n}`);
  };
  check('rsrpDbm', rsrpDbm);
  check('indoorRsrpDbm', options.indoorRsrpDbm);
  check('labels', options.labels);
  if ((options.indoorRsrpDbm === undefined) !== (options.indoorThresholdDbm === undefined)) {
    throw new RangeError('indoorRsrpDbm and indoorThresholdDbm go together');
  }

  // Service-area mask over the polygon's rows only; rows outside stay 0.
  const rings = serviceArea.coordinates.map((r) => r.map((p) => lonLatToUtm(p[0], p[1])));
  let minY = Infinity, maxY = -Infinity;
  for (const r of rings) for (const p of r) { if (p[1] < minY) minY = p[1]; if (p[1] > maxY) maxY = p[1]; }
  const r0 = Math.max(0, Math.floor((grid.originY - maxY) / grid.cellSizeM));
  const r1 = Math.min(grid.height, Math.ceil((grid.originY - minY) / grid.cellSizeM));
  const inside = new Uint8Array(n);
  if (r1 > r0) rasterizeRings(grid, flattenRings(rings), r0, r1, inside.subarray(r0 * grid.width, r1 * grid.width));

  const out = options.outdoorThresholdDbm;
  const indoor = options.indoorRsrpDbm;
  const inT = options.indoorThresholdDbm ?? 0;
  const spillT = options.spillThresholdDbm ?? DEFAULT_SPILL_THRESHOLD_DBM;
  const labels = options.labels;
  const nC = options.communeNames?.length ?? 0;
  const spillPerCommune = new Float64Array(nC);
  let serviceCells = 0, outdoorCovered = 0, indoorCovered = 0, spillCells = 0;
  for (let i = 0; i < n; i++) {
    const v = rsrpDbm[i];
    if (inside[i]) {
      serviceCells++;
      if (v >= out) outdoorCovered++;
      if (indoor && indoor[i] >= inT) indoorCovered++;
    } else if (v > spillT) {
      spillCells++;
      if (labels) {
        const l = labels[i];
        if (l >= 0 && l < nC) spillPerCommune[l]++;
      }
    }
  }
  const cellKm2 = (grid.cellSizeM * grid.cellSizeM) / 1e6;
  const share = (c: number) => (serviceCells > 0 ? c / serviceCells : null);
  const spillCommunes: SpillCommune[] = [];
  for (let c = 0; c < nC; c++) {
    if (spillPerCommune[c] > 0) {
      spillCommunes.push({ index: c, name: (options.communeNames as readonly string[])[c], cells: spillPerCommune[c], areaKm2: spillPerCommune[c] * cellKm2 });
    }
  }
  spillCommunes.sort((a, b) => b.cells - a.cells || a.index - b.index);
  return {
    serviceCells,
    serviceAreaKm2: serviceCells * cellKm2,
    outdoorCoveredShare: share(outdoorCovered),
    ...(indoor ? { indoorCoveredShare: share(indoorCovered) } : {}),
    spillThresholdDbm: spillT,
    spillCells,
    spillAreaKm2: spillCells * cellKm2,
    spillCommunes,
  };
}
