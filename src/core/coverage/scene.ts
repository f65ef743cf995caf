/**
 * The coverage scene: everything the engine needs to know about one scenario on one grid, as
 * plain data that crosses postMessage. Building it is cheap (no raster work) so the main thread,
 * every worker and the command line build the same scene from the same inputs; the raster parts
 * (province mask, tile → sector lists) are built where they are used.
 *
 * Grid: EPSG:32648 covering the boundary, cut into square tiles of `tileSize` cells. A sector is
 * evaluated only inside its footprint: the disc beyond which even its maximum gain cannot lift
 * it to `floorDbm` (spec: signals below the floor neither serve nor interfere).
 */
import type { Position } from 'geojson';
import { gridForBBox, type Grid } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import { flattenRings, rasterizeRings, type FlatRings } from '../grid/rasterize.ts';
import { resourceBlockCount } from '../linkbudget/carriers.ts';
import { noisePerPrbDbm, noisePerReDbm } from '../linkbudget/noise.ts';
import { powerPerReDbm } from '../linkbudget/rsrp.ts';
import { nrPeakDataRateBps } from '../linkbudget/throughput.ts';
import { DEFAULT_NEIGHBOUR_LOAD } from '../linkbudget/sinr.ts';
import { DEFAULT_UE_POWER_DBM } from '../linkbudget/uplink.ts';
import type { BuildingType } from '../clutter/p2109.ts';
import { DEFAULT_CLUTTER_TABLE, footprintReceivers, type ClutterTable } from '../clutter/table.ts';
import { CLUTTER_TYPES } from '../clutter/p2108.ts';
import { getPathLossModel } from '../propagation/registry.ts';
import type { Carrier, Scenario, Site } from '../scenario/scenario.ts';
import { footprintOverReceiversM } from './footprint.ts';
import { describeSceneValidity, sceneValidity } from './scene-validity.ts';
import { calibratedReceivers, sectorCalibration } from '../measurements/correction.ts';
import type { CalibratedModel } from '../measurements/calibrate.ts';
import { DIST_MAX_M } from './tables.ts';
import { DEFAULT_TERRAIN_RANGE_M, DEFAULT_TERRAIN_STRIDE, terrainFootprintM, type TerrainDiffraction, type TerrainMode } from './terrain-loss.ts';

export interface EngineOptions {
  /** Grid cell, m (10–500; default 50). */
  readonly cellSizeM: number;
  /** Signals below this neither serve nor interfere; cells whose best is below it are "no service", dBm (default −140). */
  readonly floorDbm: number;
  /** Footprint cap, m (default 30 km). */
  readonly maxRangeM: number;
  /** Cells per tile side (default 32). */
  readonly tileSize: number;
  /** Neighbour cells' PRB utilisation for SINR (default 0.5). */
  readonly neighbourLoad: number;
  /** UE receiver noise figure, dB (default 7: 3GPP TR 36.942 Table 4.3 / TR 38.901 evaluations use 7–9 dB). */
  readonly ueNoiseFigureDb: number;
  /** Base-station receiver noise figure, dB (default 5, TR 36.942 Table 4.3). */
  readonly bsNoiseFigureDb: number;
  /** Servers within this many dB of the best count as overlapping (default 6). */
  readonly overlapWindowDb: number;
  /** P.2109 building entry loss for the indoor layer (the building type where no clutter map is given). */
  readonly indoorProbabilityPct: number;
  readonly indoorBuilding: BuildingType;
  /** Clutter classes' terms (src/core/clutter/table.ts), applied where the scene has a clutter map. */
  readonly clutterTable: ClutterTable;
  /** Shadowing σ where no clutter map is given, dB. */
  readonly shadowSigmaDb: number;
  /** Level of the coverage-probability layer, P(RSRP ≥ this), dBm. */
  readonly probabilityThresholdDbm: number;
  /** Uplink: UE power (23 dBm, power class 3), PRBs the cell-edge UE transmits on, required SINR, noise rise. */
  readonly ueTxPowerDbm: number;
  readonly ulPrbs: number;
  readonly ulRequiredSinrDb: number;
  readonly ulInterferenceMarginDb: number;
  /** NR peak-rate cap (TS 38.306 §4.1.2): MIMO layers and modulation order. */
  readonly nrLayers: number;
  readonly nrModulationOrder: number;
  /** Carriers to compute (ids); null: every carrier of the scenario. */
  readonly carrierIds: readonly string[] | null;
  /** One path-loss model for every sector (a model id); null: each sector's own model. */
  readonly modelOverride: string | null;
  /**
   * Terrain-aware path loss where the scene has a DEM (terrain-loss.ts): 'off' (flat earth, the
   * default), 'itm' (Longley-Rice over radial profiles) or 'empirical-diffraction' (the model +
   * the profile's diffraction loss, `terrainDiffraction`). planScene sets 'off' without a DEM.
   */
  readonly terrain: TerrainMode;
  readonly terrainDiffraction: TerrainDiffraction;
  /** Radius of the terrain computation around each site, m (default 10 km). */
  readonly terrainRangeM: number;
  /** Evaluation stride of the terrain maps (terrain-loss.ts TerrainSpec.stride): 1 exact per cell, s > 1 every s cells and interpolated, 0 (default) from the cell size. */
  readonly terrainStride: number;
  /**
   * Calibrated model added to every path loss (src/core/measurements/correction.ts); null: none.
   * planScene takes the scenario's when the options do not say.
   */
  readonly calibration: CalibratedModel | null;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  cellSizeM: 50,
  floorDbm: -140,
  maxRangeM: 30000,
  tileSize: 32,
  neighbourLoad: DEFAULT_NEIGHBOUR_LOAD,
  ueNoiseFigureDb: 7,
  bsNoiseFigureDb: 5,
  overlapWindowDb: 6,
  indoorProbabilityPct: 50,
  indoorBuilding: 'traditional',
  clutterTable: DEFAULT_CLUTTER_TABLE,
  shadowSigmaDb: 8,
  probabilityThresholdDbm: -110,
  ueTxPowerDbm: DEFAULT_UE_POWER_DBM,
  ulPrbs: 10,
  ulRequiredSinrDb: -3,
  ulInterferenceMarginDb: 2,
  nrLayers: 2,
  nrModulationOrder: 8,
  carrierIds: null,
  modelOverride: null,
  terrain: 'off',
  terrainDiffraction: 'bullington',
  terrainRangeM: DEFAULT_TERRAIN_RANGE_M,
  terrainStride: DEFAULT_TERRAIN_STRIDE,
  calibration: null,
};

export interface EngineCarrier {
  readonly id: string;
  readonly tech: 'LTE' | 'NR';
  readonly label: string;
  readonly freqMHz: number;
  readonly bandwidthMHz: number;
  readonly scsKHz: number;
  readonly nRb: number;
  /** Thermal noise per resource element at the UE, mW and dBm. */
  readonly noiseReMw: number;
  readonly noiseReDbm: number;
  /** Thermal noise per PRB at the base station, dBm. */
  readonly ulNoisePrbDbm: number;
  /** NR: TS 38.306 peak rate, bit/s; LTE: Infinity (capped by spectral efficiency instead). */
  readonly peakBps: number;
}

/** Per-sector constants of the kernel. */
export interface EngineSector {
  /** Index in {@link Scene.sectors}; written to the best-server layer. */
  readonly index: number;
  readonly id: string;
  readonly siteId: string;
  /** Index in {@link Scene.carriers}. */
  readonly carrier: number;
  readonly xM: number;
  readonly yM: number;
  readonly heightM: number;
  readonly azimuthDeg: number;
  /** Total downtilt (mechanical + electrical), degrees below horizon. */
  readonly tiltDeg: number;
  readonly omni: boolean;
  readonly hBeamwidthDeg: number;
  readonly vBeamwidthDeg: number;
  readonly amDb: number;
  readonly slaVDb: number;
  readonly maxGainDbi: number;
  readonly pReDbm: number;
  readonly feederLossDb: number;
  readonly freqMHz: number;
  readonly modelId: string;
  /** Footprint radius, m. */
  readonly rangeM: number;
}

export interface Scene {
  readonly grid: Grid;
  readonly options: EngineOptions;
  readonly ueHeightM: number;
  readonly carriers: readonly EngineCarrier[];
  readonly sectors: readonly EngineSector[];
  readonly tileSize: number;
  readonly tilesX: number;
  readonly tilesY: number;
  /** Province rings in grid metres (cells outside are not computed). */
  readonly maskRings: FlatRings;
  /** Distinct model ids in use. */
  readonly modelIds: readonly string[];
  /**
   * Clutter class of every grid cell (index in CLUTTER_TYPES, row-major), or null: no clutter
   * map (no clutter loss, the default building type and σ everywhere).
   */
  readonly clutter: Uint8Array | null;
  /** The classes present in `clutter` (the footprints cover each), or null without a map. */
  readonly clutterClasses: readonly number[] | null;
  /**
   * Terrain height of every grid cell centre, m above sea level (row-major, Float32), from an
   * imported DEM (src/core/raster/resample-elevation.ts), or null: flat earth at 2 m.
   */
  readonly dem: Float32Array | null;
}

/** The distinct values of a class map, ascending. */
function classesIn(map: Uint8Array): number[] {
  const seen = new Uint8Array(256);
  for (let i = 0; i < map.length; i++) seen[map[i]] = 1;
  return [...seen.keys()].filter((k) => seen[k] && k < CLUTTER_TYPES.length);
}

export function engineCarrier(c: Carrier, o: EngineOptions): EngineCarrier {
  const nRb = resourceBlockCount(c.tech, c.bandwidthMHz, c.scsKHz);
  const noiseReDbm = noisePerReDbm(c.scsKHz, o.ueNoiseFigureDb);
  return {
    id: c.id, tech: c.tech, label: `${c.tech} ${c.band} ${c.freqMHz} MHz`, freqMHz: c.freqMHz, bandwidthMHz: c.bandwidthMHz, scsKHz: c.scsKHz, nRb,
    noiseReDbm, noiseReMw: 10 ** (noiseReDbm / 10), ulNoisePrbDbm: noisePerPrbDbm(c.scsKHz, o.bsNoiseFigureDb),
    peakBps: c.tech === 'NR' ? nrPeakDataRateBps({ layers: o.nrLayers, modulationOrder: o.nrModulationOrder, nPrb: nRb, scsKHz: c.scsKHz }) : Infinity,
  };
}

/** Footprint radii by sector parameters, per options object (its floor, clutter table, calibration and range cap). */
const footprintMemo = new WeakMap<EngineOptions, Map<string, number>>();

/**
 * Kernel constants of a site's sectors. `firstIndex` is the index of the first one; sectors on
 * carriers absent from `carriers` are skipped.
 */
export function engineSectorsForSite(site: Site, carriers: readonly EngineCarrier[], carrierIds: readonly string[], ueHeightM: number, o: EngineOptions, firstIndex: number, clutterClasses: readonly number[] | null = null): EngineSector[] {
  const [xM, yM] = lonLatToUtm(site.lonDeg, site.latDeg);
  const out: EngineSector[] = [];
  for (const sec of site.sectors) {
    const ci = carrierIds.indexOf(sec.carrierId);
    if (ci < 0) continue;
    const modelId = o.modelOverride ?? sec.modelId;
    const model = getPathLossModel(modelId);
    if (!model) throw new Error(`site ${site.id}, sector ${sec.id}: unknown path-loss model "${modelId}"`);
    const c = carriers[ci];
    const a = sec.antenna;
    const base = {
      xM, yM, heightM: site.heightM, azimuthDeg: sec.azimuthDeg, tiltDeg: sec.mechanicalTiltDeg + sec.electricalTiltDeg,
      omni: a.type === 'omni', hBeamwidthDeg: a.hBeamwidthDeg ?? 65, vBeamwidthDeg: a.vBeamwidthDeg ?? 65,
      amDb: a.frontToBackDb ?? 30, slaVDb: a.sideLobeDb ?? 30, maxGainDbi: a.maxGainDbi,
      pReDbm: powerPerReDbm(sec.txPowerDbm, c.nRb), feederLossDb: sec.feederLossDb, freqMHz: c.freqMHz, modelId,
    };
    const capM = Math.min(o.maxRangeM, DIST_MAX_M - 1);
    // The footprint holds every cell the calibrated signal reaches (measurements/correction.ts).
    // Sectors with the same radio parameters share it (most of a network): kept per options.
    let memo = footprintMemo.get(o);
    if (!memo) footprintMemo.set(o, (memo = new Map()));
    const key = `${modelId}|${base.freqMHz}|${base.heightM}|${base.pReDbm}|${base.maxGainDbi}|${base.feederLossDb}|${ueHeightM}|${clutterClasses?.join(',') ?? '-'}`;
    let rangeM = memo.get(key);
    if (rangeM === undefined) {
      const receivers = calibratedReceivers(footprintReceivers(o.clutterTable, ueHeightM, base.freqMHz, clutterClasses), sectorCalibration(o.calibration, modelId), clutterClasses, capM);
      rangeM = Math.min(footprintOverReceiversM(model, base, receivers, o.floorDbm, capM), DIST_MAX_M - 1);
      memo.set(key, rangeM);
    }
    // With terrain the footprint is the terrain's (terrain-loss.ts terrainFootprintM).
    out.push({ ...base, index: firstIndex + out.length, id: sec.id, siteId: site.id, carrier: ci, rangeM: terrainFootprintM(o, rangeM, DIST_MAX_M - 1) });
  }
  return out;
}

function gridOfRingsM(ringsM: readonly (readonly number[])[][], cellSizeM: number): Grid {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of ringsM) for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return gridForBBox([minX, minY, maxX, maxY], cellSizeM);
}

/** The grid a scene of these boundary rings (WGS 84) has at a cell size (the ground is computed on it). */
export function sceneGrid(boundaryRingsLonLat: readonly Position[][], cellSizeM: number): Grid {
  return gridOfRingsM(boundaryRingsLonLat.map((ring) => ring.map((p) => lonLatToUtm(p[0], p[1]))), cellSizeM);
}

/** A key naming a grid (equal grids, equal keys). */
export const gridKey = (g: Grid): string => `${g.originX},${g.originY},${g.width},${g.height},${g.cellSizeM}`;

/**
 * The scene of a scenario over a boundary (rings in WGS 84 lon/lat).
 * @param clutter - clutter class per cell of the scene's grid (ground.ts), or null
 * @param dem - terrain height per cell of the scene's grid, m, or null (flat earth)
 * The calibration is the options' when they name one (null: none), else the scenario's.
 */
export function planScene(scenario: Scenario, boundaryRingsLonLat: readonly Position[][], options: Partial<EngineOptions> = {}, clutter: Uint8Array | null = null, dem: Float32Array | null = null): Scene {
  let o: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...options, calibration: options.calibration !== undefined ? options.calibration : scenario.calibration ?? null };
  if (!(o.cellSizeM >= 10 && o.cellSizeM <= 500)) throw new RangeError(`cell size must be 10–500 m, got ${o.cellSizeM}`);
  const ringsM = boundaryRingsLonLat.map((ring) => ring.map((p) => lonLatToUtm(p[0], p[1])));
  const grid = gridOfRingsM(ringsM, o.cellSizeM);
  // Terrain needs a DEM of this grid (terrain-loss.ts); without one the scene is computed on flat earth.
  if (o.terrain !== 'off' && !(dem && dem.length === grid.width * grid.height)) o = { ...o, terrain: 'off' };
  const chosen = o.carrierIds ? scenario.carriers.filter((c) => o.carrierIds!.includes(c.id)) : scenario.carriers;
  if (o.carrierIds) for (const id of o.carrierIds) if (!chosen.some((c) => c.id === id)) throw new Error(`unknown carrier "${id}"`);
  const carriers = chosen.map((c) => engineCarrier(c, o));
  const carrierIds = chosen.map((c) => c.id);
  const map = clutter && clutter.length === grid.width * grid.height ? clutter : null;
  const clutterClasses = map ? classesIn(map) : null;
  const sectors: EngineSector[] = [];
  for (const site of scenario.sites) sectors.push(...engineSectorsForSite(site, carriers, carrierIds, scenario.ueHeightM, o, sectors.length, clutterClasses));
  const t = o.tileSize;
  return {
    grid, options: o, ueHeightM: scenario.ueHeightM, carriers, sectors, tileSize: t,
    tilesX: Math.ceil(grid.width / t), tilesY: Math.ceil(grid.height / t), maskRings: flattenRings(ringsM),
    modelIds: [...new Set(sectors.map((s) => s.modelId))],
    clutter: map,
    clutterClasses,
    dem: dem && dem.length === grid.width * grid.height ? dem : null,
  };
}

/** Province mask of the whole grid: 1 where the cell centre is inside. */
export function sceneMask(scene: Scene): Uint8Array {
  const g = scene.grid;
  const mask = new Uint8Array(g.width * g.height);
  rasterizeRings(g, scene.maskRings, 0, g.height, mask);
  return mask;
}

/** Tile index → [col0, row0, col1, row1) in cells. */
export function tileBounds(scene: Pick<Scene, 'tileSize' | 'tilesX' | 'grid'>, tile: number): [number, number, number, number] {
  const t = scene.tileSize;
  const tx = tile % scene.tilesX;
  const ty = (tile - tx) / scene.tilesX;
  return [tx * t, ty * t, Math.min(scene.grid.width, (tx + 1) * t), Math.min(scene.grid.height, (ty + 1) * t)];
}

/** Tiles whose area a disc (a footprint) touches, ascending. */
export function tilesTouchedByDisc(scene: Scene, xM: number, yM: number, rM: number): number[] {
  const g = scene.grid;
  const span = scene.tileSize * g.cellSizeM;
  const tx0 = Math.max(0, Math.floor((xM - rM - g.originX) / span));
  const tx1 = Math.min(scene.tilesX - 1, Math.floor((xM + rM - g.originX) / span));
  const ty0 = Math.max(0, Math.floor((g.originY - (yM + rM)) / span));
  const ty1 = Math.min(scene.tilesY - 1, Math.floor((g.originY - (yM - rM)) / span));
  const out: number[] = [];
  for (let ty = ty0; ty <= ty1; ty++) {
    const top = g.originY - ty * span;
    const bottom = top - span;
    const ny = yM > top ? top : yM < bottom ? bottom : yM;
    for (let tx = tx0; tx <= tx1; tx++) {
      const left = g.originX + tx * span;
      const right = left + span;
      const nx = xM < left ? left : xM > right ? right : xM;
      if ((nx - xM) ** 2 + (ny - yM) ** 2 <= rM * rM) out.push(ty * scene.tilesX + tx);
    }
  }
  return out;
}

/** Per tile, the sectors whose footprint touches it, grouped by carrier (CSR: `start[t]…start[t+1]`). */
export interface TileSectorLists {
  readonly start: Int32Array;
  readonly sectors: Int32Array;
}

export function tileSectorLists(scene: Scene): TileSectorLists {
  const nTiles = scene.tilesX * scene.tilesY;
  const lists: number[][] = Array.from({ length: nTiles }, () => []);
  for (let c = 0; c < scene.carriers.length; c++) {
    for (const s of scene.sectors) {
      if (s.carrier !== c) continue;
      for (const t of tilesTouchedByDisc(scene, s.xM, s.yM, s.rangeM)) lists[t].push(s.index);
    }
  }
  const start = new Int32Array(nTiles + 1);
  for (let t = 0; t < nTiles; t++) start[t + 1] = start[t] + lists[t].length;
  const sectors = new Int32Array(start[nTiles]);
  for (let t = 0; t < nTiles; t++) sectors.set(lists[t], start[t]);
  return { start, sectors };
}

/**
 * Validity warnings of the scene's models, as English lines for the command line and the export
 * metadata (the app words the same groups itself: scene-validity.ts `sceneValidity`): each model
 * is evaluated at the far end of its sectors' footprints (and at their heights and frequency);
 * one line per model, frequency and height with the number of sectors concerned. Values outside
 * a range are still computed (never clamped): these lines say where.
 */
export function sceneWarnings(scene: Scene): string[] {
  return sceneValidity(scene).map(describeSceneValidity);
}

