/**
 * A SYNTHETIC digital elevation model for the terrain benchmarks and tests (bench/itm.ts),
 * and its conversion to SPLAT! SDF tiles. The terrain is invented: it is not Vĩnh Long's (a
 * flat delta) and must never be shown as real data.
 *
 * `tsx data/make-synthetic-dem.ts [--sdf <dir>]` prints the DEM's summary and, with --sdf,
 * writes the SPLAT! HD tiles covering it into <dir>.
 *
 * Terrain (deterministic, seeded; asymmetric on purpose so that a mirrored or transposed
 * reading shows): delta plain at 2 m; a ridge 95 m high running south-west → north-east
 * 6–14 km north-east of the site; a dozen rounded hills (20–140 m), more of them to the west;
 * a meandering valley 9 m deep south of the site; metre-scale noise. Heights are rounded to
 * whole metres, as SRTM and SDF files store them. Cells: 30 m on EPSG:32648 (`Grid`).
 *
 * SPLAT! HD tiles (SPLAT! 1.4.2, `splat-hd`): 1°×1°, named
 * `min_north:max_north:min_west:max_west-hd.sdf` with west longitudes counted 0–360 westwards
 * (106.05° E is 253.95° W); four header lines max_west, min_north, min_west, max_north; then
 * 3600 × 3600 integer heights (m), one per line. SPLAT!'s reader stores value (x, y) with x the
 * row from the south edge (latitude min_north + x/3600) and y the column counted westwards
 * from the east edge (west longitude max_west − (3599 − y)/3600); x is the outer loop. Checked
 * with splat-hd on this asymmetric DEM (bench/itm.ts prints the check).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Grid } from '../src/core/grid/grid.ts';
import { lonLatToUtm, utmToLonLat } from '../src/core/grid/projection.ts';
import type { Dem } from '../src/core/terrain/dem.ts';
import { demHeightAtM } from '../src/core/terrain/dem.ts';
import { encodeGeoTiff } from '../src/core/raster/geotiff-writer.ts';
import { mulberry32 } from '../src/core/prng.ts';

/** The benchmark site (a point in Vĩnh Long province; the terrain around it is SYNTHETIC). */
export const SYNTHETIC_SITE = { lonDeg: 106.05, latDeg: 10.05 } as const;

/** mulberry32: small deterministic PRNG. */

interface Hill {
  readonly x: number;
  readonly y: number;
  readonly heightM: number;
  readonly radiusM: number;
}

/** The invented landforms, in metres relative to the site (x east, y north). */
export interface SyntheticTerrain {
  readonly hills: readonly Hill[];
  /** Ridge axis from (x0, y0) to (x1, y1), crest height, half-width (Gaussian σ). */
  readonly ridge: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number; readonly heightM: number; readonly sigmaM: number };
  readonly seed: number;
}

/** The landforms of a seed (same seed → same terrain). */
export function syntheticTerrain(seed = 20251212): SyntheticTerrain {
  const rand = mulberry32(seed);
  const hills: Hill[] = [];
  for (let i = 0; i < 12; i++) {
    // Two thirds of the hills west of the site: the terrain is not symmetric.
    const west = i % 3 !== 0;
    const r = 4000 + rand() * 18000;
    const a = (west ? Math.PI / 2 : -Math.PI / 2) + (rand() - 0.5) * Math.PI;
    hills.push({ x: r * Math.cos(a), y: r * Math.sin(a), heightM: 20 + rand() * 120, radiusM: 600 + rand() * 1800 });
  }
  return { hills, ridge: { x0: 4000, y0: 5000, x1: 14000, y1: 12000, heightM: 95, sigmaM: 450 }, seed };
}

/** Height (m, not rounded) of the synthetic terrain at (dx, dy) m from the site. */
export function syntheticHeightM(t: SyntheticTerrain, dx: number, dy: number): number {
  let z = 2;
  for (const h of t.hills) {
    const q = ((dx - h.x) * (dx - h.x) + (dy - h.y) * (dy - h.y)) / (h.radiusM * h.radiusM);
    if (q < 30) z += h.heightM * Math.exp(-q);
  }
  // Ridge: distance to the axis segment.
  const { x0, y0, x1, y1, heightM, sigmaM } = t.ridge;
  const ux = x1 - x0;
  const uy = y1 - y0;
  const along = Math.min(1, Math.max(0, ((dx - x0) * ux + (dy - y0) * uy) / (ux * ux + uy * uy)));
  const ex = dx - (x0 + along * ux);
  const ey = dy - (y0 + along * uy);
  z += heightM * Math.exp(-(ex * ex + ey * ey) / (2 * sigmaM * sigmaM));
  // Valley meandering west → east 7 km south of the site.
  const axisY = -7000 + 900 * Math.sin(dx / 2500);
  const v = (dy - axisY) / 350;
  z -= 9 * Math.exp(-v * v);
  // Metre-scale undulation (smooth, deterministic).
  z += 0.8 * Math.sin(dx / 173 + t.seed) * Math.cos(dy / 211);
  return z;
}

/** A synthetic DEM and where the site lies on it. */
export interface SyntheticDem {
  readonly dem: Dem;
  readonly site: { readonly xM: number; readonly yM: number; readonly lonDeg: number; readonly latDeg: number };
  readonly terrain: SyntheticTerrain;
}

/**
 * The SYNTHETIC DEM: a square of side 2·halfSizeM centred on the site, `cellSizeM` cells
 * aligned on multiples of the cell size, heights rounded to whole metres.
 */
export function makeSyntheticDem(options: { halfSizeM?: number; cellSizeM?: number; seed?: number } = {}): SyntheticDem {
  const halfSizeM = options.halfSizeM ?? 26_000;
  const cellSizeM = options.cellSizeM ?? 30;
  const terrain = syntheticTerrain(options.seed);
  const [sx, sy] = lonLatToUtm(SYNTHETIC_SITE.lonDeg, SYNTHETIC_SITE.latDeg);
  const originX = Math.floor((sx - halfSizeM) / cellSizeM) * cellSizeM;
  const originY = Math.ceil((sy + halfSizeM) / cellSizeM) * cellSizeM;
  const width = Math.ceil((sx + halfSizeM - originX) / cellSizeM);
  const height = Math.ceil((originY - (sy - halfSizeM)) / cellSizeM);
  const grid: Grid = { width, height, originX, originY, cellSizeM, crs: 'EPSG:32648' };
  const heightsM = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    const dy = originY - (r + 0.5) * cellSizeM - sy;
    for (let c = 0; c < width; c++) {
      const dx = originX + (c + 0.5) * cellSizeM - sx;
      heightsM[r * width + c] = Math.round(syntheticHeightM(terrain, dx, dy));
    }
  }
  return { dem: { grid, heightsM }, site: { xM: sx, yM: sy, ...SYNTHETIC_SITE }, terrain };
}

/** A flat-topped SYNTHETIC hill ("mesa") on flat ground, for the link-profile e2e journey and tests. */
export interface MesaSpec {
  /** Centre of the hill on EPSG:32648, m. */
  readonly xM: number;
  readonly yM: number;
  /** Radius of the flat top, and of the foot of its straight slope, m. */
  readonly topRadiusM: number;
  readonly baseRadiusM: number;
  /** Height of the top and of the ground around, m above the datum. */
  readonly topM: number;
  readonly groundM: number;
}

/** Height of a mesa at (xM, yM): the top within topRadiusM, a straight slope down to the ground at baseRadiusM. */
export function mesaHeightM(m: MesaSpec, xM: number, yM: number): number {
  const r = Math.hypot(xM - m.xM, yM - m.yM);
  const t = Math.min(1, Math.max(0, (m.baseRadiusM - r) / (m.baseRadiusM - m.topRadiusM)));
  return m.groundM + (m.topM - m.groundM) * t;
}

/**
 * A mesa as a Float32 GeoTIFF on EPSG:32648 (a square of side 2·halfSizeM around the hill,
 * `pixelM` pixels aligned on multiples of the pixel size), e.g. to import as the app's DEM.
 */
export function mesaDemGeoTiff(m: MesaSpec, halfSizeM: number, pixelM: number): Uint8Array {
  const originX = Math.floor((m.xM - halfSizeM) / pixelM) * pixelM;
  const originY = Math.ceil((m.yM + halfSizeM) / pixelM) * pixelM;
  const width = Math.ceil((m.xM + halfSizeM - originX) / pixelM);
  const height = Math.ceil((originY - (m.yM - halfSizeM)) / pixelM);
  const values = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) values[r * width + c] = mesaHeightM(m, originX + (c + 0.5) * pixelM, originY - (r + 0.5) * pixelM);
  }
  return encodeGeoTiff({
    width, height, type: 'float32', values, georeference: { epsg: 32648, originX, originY, pixelSizeX: pixelM, pixelSizeY: pixelM },
    description: 'SYNTHETIC mesa (not real terrain)', unit: 'm',
  });
}

/** SPLAT! HD samples per degree. */
const PPD = 3600;

/** SPLAT!'s file name of the 1° tile whose south-west corner is (lonDeg east, latDeg), both integers. */
export function sdfTileName(lonDegEast: number, latDeg: number): string {
  // West longitude 0–360: the tile from lonDegEast to lonDegEast + 1 (east) spans west longitudes
  // 360 − lonDegEast − 1 … 360 − lonDegEast.
  const minWest = (360 - lonDegEast - 1 + 360) % 360;
  const maxWest = minWest + 1;
  return `${latDeg}:${latDeg + 1}:${minWest}:${maxWest}-hd.sdf`;
}

/**
 * Latitude and east longitude of SDF value (x, y) of the tile with south-west corner
 * (lonDegEast, latDeg): x rows from the south, y columns westwards from the east edge.
 */
export function sdfSampleLonLat(lonDegEast: number, latDeg: number, x: number, y: number): [number, number] {
  const maxWest = 360 - lonDegEast;
  const west = maxWest - (PPD - 1 - y) / PPD;
  return [360 - west, latDeg + x / PPD];
}

/**
 * Writes the SPLAT! HD tiles that cover `dem` into `dir`; samples outside the DEM are 0 m.
 * Heights are taken bilinearly from the DEM at each 1″ sample and rounded to metres.
 * @returns the tile file names.
 */
export function writeSplatSdfTiles(dem: Dem, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const g = dem.grid;
  const corners = [
    utmToLonLat(g.originX, g.originY),
    utmToLonLat(g.originX + g.width * g.cellSizeM, g.originY),
    utmToLonLat(g.originX, g.originY - g.height * g.cellSizeM),
    utmToLonLat(g.originX + g.width * g.cellSizeM, g.originY - g.height * g.cellSizeM),
  ];
  const lonMin = Math.min(...corners.map((c) => c[0]));
  const lonMax = Math.max(...corners.map((c) => c[0]));
  const latMin = Math.min(...corners.map((c) => c[1]));
  const latMax = Math.max(...corners.map((c) => c[1]));
  const names: string[] = [];
  for (let lat = Math.floor(latMin); lat <= Math.floor(latMax); lat++) {
    for (let lon = Math.floor(lonMin); lon <= Math.floor(lonMax); lon++) {
      const name = sdfTileName(lon, lat);
      writeFileSync(join(dir, name), sdfTileBytes(dem, lon, lat, [lonMin, latMin, lonMax, latMax]));
      names.push(name);
    }
  }
  return names;
}

/** The text of one SDF tile (ASCII, one integer per line). */
function sdfTileBytes(dem: Dem, lon: number, lat: number, bbox: readonly [number, number, number, number]): Uint8Array {
  const maxWest = 360 - lon;
  const header = `${maxWest}\n${lat}\n${maxWest - 1}\n${lat + 1}\n`;
  const values = new Int16Array(PPD * PPD);
  const g = dem.grid;
  const x0 = g.originX;
  const x1 = g.originX + g.width * g.cellSizeM;
  const y1 = g.originY;
  const y0 = g.originY - g.height * g.cellSizeM;
  for (let x = 0; x < PPD; x++) {
    const latDeg = lat + x / PPD;
    if (latDeg < bbox[1] || latDeg > bbox[3]) continue;
    for (let y = 0; y < PPD; y++) {
      const [lonDeg] = sdfSampleLonLat(lon, lat, x, y);
      if (lonDeg < bbox[0] || lonDeg > bbox[2]) continue;
      const [ux, uy] = lonLatToUtm(lonDeg, latDeg);
      if (ux < x0 || ux > x1 || uy < y0 || uy > y1) continue;
      values[x * PPD + y] = Math.round(demHeightAtM(dem, ux, uy));
    }
  }
  // Up to 6 bytes per value ("-1234\n").
  const out = new Uint8Array(header.length + values.length * 6);
  let p = 0;
  for (let i = 0; i < header.length; i++) out[p++] = header.charCodeAt(i);
  const digits = new Uint8Array(6);
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (v < 0) {
      out[p++] = 45;
      v = -v;
    }
    let nd = 0;
    do {
      digits[nd++] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
    while (nd > 0) out[p++] = digits[--nd];
    out[p++] = 10;
  }
  return out.subarray(0, p);
}

if (process.argv[1] && process.argv[1].endsWith('make-synthetic-dem.ts')) {
  const { dem, site } = makeSyntheticDem();
  let min = Infinity;
  let max = -Infinity;
  for (const v of dem.heightsM) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const g = dem.grid;
  process.stdout.write(`SYNTHETIC DEM: ${g.width} × ${g.height} cells of ${g.cellSizeM} m (EPSG:32648), origin ${g.originX}, ${g.originY}; heights ${min}–${max} m; site ${site.lonDeg}° E ${site.latDeg}° N = ${site.xM.toFixed(1)}, ${site.yM.toFixed(1)}\n`);
  const at = process.argv.indexOf('--sdf');
  if (at >= 0) {
    const dir = process.argv[at + 1] ?? 'bench/out/sdf';
    const names = writeSplatSdfTiles(dem, dir);
    process.stdout.write(`SPLAT! HD tiles in ${dir}: ${names.join(', ')}\n`);
  }
}
