/**
 * Turns a scenario, one carrier and a boundary into the coverage job: the grid (EPSG:32648,
 * covering the boundary), per-sector kernel constants and tile requests (bands of rows).
 */
import type { Position } from 'geojson';
import { gridForBBox, type Grid } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import { flattenRings, type FlatRings } from '../grid/rasterize.ts';
import { resourceBlockCount } from '../linkbudget/carriers.ts';
import { getPathLossModel } from '../propagation/registry.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { footprintRadiusM, type BestServerTileRequest, type KernelSector } from './best-server.ts';

export interface CoveragePlanOptions {
  readonly cellSizeM: number;
  /** Cells below this are not served (default −130 dBm). */
  readonly floorDbm?: number;
  /** Rows per tile (default: about 64k cells per tile). */
  readonly rowsPerTile?: number;
  /** Footprint cap, m (default 30 km). */
  readonly maxRangeM?: number;
}

export interface CoveragePlan {
  readonly grid: Grid;
  readonly mask: FlatRings;
  readonly sectors: KernelSector[];
  /** Sector ids, parallel to `sectors` (the kernel's server index points here). */
  readonly sectorIds: string[];
  readonly requests: BestServerTileRequest[];
  /** Distinct model ids used, for the legend. */
  readonly modelIds: string[];
}

/**
 * Transmit power per resource element, dBm: pRE = pTot − 10·log10(12·N_RB) (spec §5: the
 * total power spread evenly over every subcarrier of the carrier).
 */
export function powerPerReDbm(txPowerDbm: number, nRb: number): number {
  return txPowerDbm - 10 * Math.log10(12 * nRb);
}

export function planCoverage(scenario: Scenario, carrierId: string, boundaryRingsLonLat: readonly Position[][], opts: CoveragePlanOptions): CoveragePlan {
  const carrier = scenario.carriers.find((c) => c.id === carrierId);
  if (!carrier) throw new Error(`unknown carrier "${carrierId}"`);
  const floorDbm = opts.floorDbm ?? -130;
  const ringsM = boundaryRingsLonLat.map((ring) => ring.map((p) => lonLatToUtm(p[0], p[1])));
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of ringsM) for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const grid = gridForBBox([minX, minY, maxX, maxY], opts.cellSizeM);
  const mask = flattenRings(ringsM);
  const nRb = resourceBlockCount(carrier.tech, carrier.bandwidthMHz, carrier.scsKHz);
  const sectors: KernelSector[] = [];
  const sectorIds: string[] = [];
  const models = new Set<string>();
  for (const site of scenario.sites) {
    const [xM, yM] = lonLatToUtm(site.lonDeg, site.latDeg);
    for (const sec of site.sectors) {
      if (sec.carrierId !== carrierId) continue;
      const model = getPathLossModel(sec.modelId);
      if (!model) throw new Error(`site ${site.id}, sector ${sec.id}: unknown path-loss model "${sec.modelId}"`);
      models.add(sec.modelId);
      const a = sec.antenna;
      const base = {
        xM, yM, heightM: site.heightM, azimuthDeg: sec.azimuthDeg, tiltDeg: sec.mechanicalTiltDeg + sec.electricalTiltDeg,
        omni: a.type === 'omni', hBeamwidthDeg: a.hBeamwidthDeg ?? 65, vBeamwidthDeg: a.vBeamwidthDeg ?? 65,
        amDb: a.frontToBackDb ?? 30, slaVDb: a.sideLobeDb ?? 30, maxGainDbi: a.maxGainDbi,
        pReDbm: powerPerReDbm(sec.txPowerDbm, nRb), feederLossDb: sec.feederLossDb, freqMHz: carrier.freqMHz, modelId: sec.modelId,
      };
      sectors.push({ ...base, index: sectors.length, rangeM: footprintRadiusM(model, base, scenario.ueHeightM, floorDbm, opts.maxRangeM ?? 30000) });
      sectorIds.push(sec.id);
    }
  }
  const rowsPerTile = opts.rowsPerTile ?? Math.max(1, Math.round(65536 / grid.width));
  const requests: BestServerTileRequest[] = [];
  for (let r = 0; r < grid.height; r += rowsPerTile) {
    const rowEnd = Math.min(grid.height, r + rowsPerTile);
    // Only the sectors whose footprint touches the band travel with it.
    const top = grid.originY - r * grid.cellSizeM;
    const bottom = grid.originY - rowEnd * grid.cellSizeM;
    const bandSectors = sectors.filter((s) => s.yM - s.rangeM <= top && s.yM + s.rangeM >= bottom);
    requests.push({ grid, rowStart: r, rowEnd, ueHeightM: scenario.ueHeightM, floorDbm, sectors: bandSectors, mask });
  }
  return { grid, mask, sectors, sectorIds, requests, modelIds: [...models] };
}
