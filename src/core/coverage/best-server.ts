/**
 * Best-server RSRP over a band of grid rows: for every cell, the strongest sector's RSRP per
 * resource element and that sector's index. Each sector is evaluated only inside its footprint
 * (the disc where its RSRP toward the cell can still reach the floor; see {@link footprintRadiusM}).
 *
 * Link budget per cell (spec §5, terms as in STYLE.md §4):
 *   rsrpDbm = pReDbm + antennaGainDbi(toward cell) − feederLossDb − pathLossDb(model)
 * Antenna: 3GPP TR 38.901 Table 7.3-1 parametric sector, or omni. Azimuths are measured
 * clockwise from grid north (EPSG:32648); grid convergence in Vĩnh Long is under 0.2°, far
 * below any sector's beamwidth, and is ignored.
 */
import type { Grid } from '../grid/grid.ts';
import { rasterizeRings, type FlatRings } from '../grid/rasterize.ts';
import { getPathLossModel } from '../propagation/registry.ts';
import type { PathLossModel } from '../propagation/types.ts';
import { sector3gppAttenuationDb } from '../antenna/sector-3gpp.ts';

const RAD2DEG = 180 / Math.PI;

/** Per-sector constants, precomputed once per job (plain data: crosses postMessage). */
export interface KernelSector {
  /** Index of the sector in the job's full sector list; written to the best-server layer. */
  readonly index: number;
  /** Sector position, EPSG:32648 m. */
  readonly xM: number;
  readonly yM: number;
  /** Antenna height above ground, m. */
  readonly heightM: number;
  /** Boresight azimuth, degrees clockwise from north. */
  readonly azimuthDeg: number;
  /** Total downtilt (mechanical + electrical), degrees below horizon. */
  readonly tiltDeg: number;
  /** True for an omni antenna (no horizontal or vertical pattern). */
  readonly omni: boolean;
  readonly hBeamwidthDeg: number;
  readonly vBeamwidthDeg: number;
  /** Maximum attenuation Am (front-to-back), dB. */
  readonly amDb: number;
  /** Vertical side-lobe limit SLA_V, dB. */
  readonly slaVDb: number;
  readonly maxGainDbi: number;
  /** Transmit power per resource element at the antenna port input, dBm. */
  readonly pReDbm: number;
  readonly feederLossDb: number;
  readonly freqMHz: number;
  readonly modelId: string;
  /** Footprint radius, m: beyond it the sector cannot reach the floor. */
  readonly rangeM: number;
}

export interface BestServerTileRequest {
  readonly grid: Grid;
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly ueHeightM: number;
  /** Cells whose best RSRP is below this are left NaN (no service). */
  readonly floorDbm: number;
  readonly sectors: readonly KernelSector[];
  /** Cells outside these rings (grid metres) are NaN. Null: every cell is computed. */
  readonly mask: FlatRings | null;
}

export interface BestServerTile {
  readonly rowStart: number;
  readonly rowEnd: number;
  /** Row-major, (rowEnd − rowStart) × grid.width; NaN where no sector reaches the floor or outside the mask. */
  readonly rsrpDbm: Float32Array;
  /** Best sector's {@link KernelSector.index}, −1 where rsrpDbm is NaN. */
  readonly server: Int32Array;
  /** Cell–sector evaluations done (for benchmarks). */
  readonly evaluations: number;
}

/**
 * 3GPP TR 38.901 Table 7.3-1 attenuation (≤ 0 dB) toward a direction.
 * @param azOffDeg - horizontal angle off boresight, −180…180
 * @param elevDownDeg - angle below the horizon toward the cell (θ − 90°)
 */
export function sectorAttenuationDb(s: KernelSector, azOffDeg: number, elevDownDeg: number): number {
  if (s.omni) return 0;
  return -sector3gppAttenuationDb(azOffDeg, elevDownDeg, s.tiltDeg, s.hBeamwidthDeg, s.vBeamwidthDeg, s.amDb, s.slaVDb);
}

/** RSRP (dBm) of one sector at a point; the per-cell body of the kernel, exposed for tests. */
export function sectorRsrpDbm(s: KernelSector, model: PathLossModel, xM: number, yM: number, ueHeightM: number): number {
  const dx = xM - s.xM;
  const dy = yM - s.yM;
  const d2d = Math.sqrt(dx * dx + dy * dy);
  let off = Math.atan2(dx, dy) * RAD2DEG - s.azimuthDeg;
  if (off > 180) off -= 360;
  else if (off < -180) off += 360;
  const elevDown = Math.atan2(s.heightM - ueHeightM, d2d) * RAD2DEG;
  const pl = model.pathLossDb(s.freqMHz, d2d, s.heightM, ueHeightM);
  return s.pReDbm + s.maxGainDbi + sectorAttenuationDb(s, off, elevDown) - s.feederLossDb - pl;
}

/**
 * The distance beyond which a sector's RSRP, even at full antenna gain, stays below
 * `floorDbm`: the smallest d in [10 m, capM] with pRE + Gmax − feeder − PL(d) < floor, by
 * bisection (path loss is non-decreasing in distance for every registered model: property-tested).
 */
export function footprintRadiusM(model: PathLossModel, s: Omit<KernelSector, 'rangeM' | 'index'>, ueHeightM: number, floorDbm: number, capM = 30000): number {
  const budget = s.pReDbm + s.maxGainDbi - s.feederLossDb - floorDbm;
  if (model.pathLossDb(s.freqMHz, capM, s.heightM, ueHeightM) <= budget) return capM;
  let lo = 10;
  let hi = capM;
  if (model.pathLossDb(s.freqMHz, lo, s.heightM, ueHeightM) > budget) return lo;
  while (hi - lo > 1) {
    const mid = 0.5 * (lo + hi);
    if (model.pathLossDb(s.freqMHz, mid, s.heightM, ueHeightM) <= budget) lo = mid;
    else hi = mid;
  }
  return hi;
}

export function computeBestServerTile(req: BestServerTileRequest): BestServerTile {
  const { grid, rowStart, rowEnd, ueHeightM, floorDbm, sectors } = req;
  const width = grid.width;
  const rows = rowEnd - rowStart;
  const n = rows * width;
  const rsrp = new Float32Array(n).fill(-Infinity);
  const server = new Int32Array(n).fill(-1);
  const inside = new Uint8Array(n);
  if (req.mask) rasterizeRings(grid, req.mask, rowStart, rowEnd, inside);
  else inside.fill(1);
  const cell = grid.cellSizeM;
  const tileTop = grid.originY - rowStart * cell;
  const tileBottom = grid.originY - rowEnd * cell;
  let evaluations = 0;
  for (let k = 0; k < sectors.length; k++) {
    const s = sectors[k];
    const model = getPathLossModel(s.modelId);
    if (!model) throw new Error(`sector ${k}: unknown path-loss model "${s.modelId}"`);
    const r = s.rangeM;
    if (s.yM - r > tileTop || s.yM + r < tileBottom) continue;
    // Rows and columns of the footprint's bounding box, clipped to the tile.
    let r0 = Math.floor((grid.originY - (s.yM + r)) / cell);
    let r1 = Math.ceil((grid.originY - (s.yM - r)) / cell);
    if (r0 < rowStart) r0 = rowStart;
    if (r1 > rowEnd) r1 = rowEnd;
    let c0 = Math.floor((s.xM - r - grid.originX) / cell);
    let c1 = Math.ceil((s.xM + r - grid.originX) / cell);
    if (c0 < 0) c0 = 0;
    if (c1 > width) c1 = width;
    const r2 = r * r;
    const hBs = s.heightM;
    const dh = hBs - ueHeightM;
    const az = s.azimuthDeg;
    const base = s.pReDbm + s.maxGainDbi - s.feederLossDb;
    const f = s.freqMHz;
    for (let row = r0; row < r1; row++) {
      const dy = grid.originY - (row + 0.5) * cell - s.yM;
      const dy2 = dy * dy;
      if (dy2 > r2) continue;
      const o = (row - rowStart) * width;
      for (let col = c0; col < c1; col++) {
        const i = o + col;
        if (inside[i] === 0) continue;
        const dx = grid.originX + (col + 0.5) * cell - s.xM;
        const d2sq = dx * dx + dy2;
        if (d2sq > r2) continue;
        const d2d = Math.sqrt(d2sq);
        let off = Math.atan2(dx, dy) * RAD2DEG - az;
        if (off > 180) off -= 360;
        else if (off < -180) off += 360;
        const elevDown = Math.atan2(dh, d2d) * RAD2DEG;
        const v = base + sectorAttenuationDb(s, off, elevDown) - model.pathLossDb(f, d2d, hBs, ueHeightM);
        evaluations++;
        if (v > rsrp[i]) {
          rsrp[i] = v;
          server[i] = s.index;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (!(rsrp[i] >= floorDbm)) {
      rsrp[i] = NaN;
      server[i] = -1;
    }
  }
  return { rowStart, rowEnd, rsrpDbm: rsrp, server, evaluations };
}
