/**
 * Synthetic drive tests with a known answer: points along road-like paths near chosen sites,
 * whose RSRP is the model's prediction plus a known per-class correction plus spatially
 * correlated log-normal shadowing. Calibrating on them must give the correction back.
 *
 * - Paths: polylines started at a random point 150 m – 1.5 km from a chosen site, straight
 *   segments of 150–1200 m joined by turns of 20–100° left or right (a street grid turns by
 *   about 90°, a rural road less), turning back at the bounds (and where `inside` is false);
 *   one point every `stepM` (10 m: one sample a second at 36 km/h).
 * - Serving sector: the sector of highest predicted RSRP among those within
 *   `candidateRadiusM`; its PCI (and channel, cell id) is written with the point.
 * - Measured RSRP = predicted + K1_c + K2_c · log10(max(d, d_min) / 1 km) + shadowing, with c the
 *   class at the point ({@link ClassTruth}; the same form and reference distance as
 *   calibrate.ts), d the distance to the serving site.
 * - Shadowing (Gudmundson, Electronics Letters 27(23), 1991): zero-mean Gaussian in dB, standard
 *   deviation σ (default 7 dB), autocorrelation exp(−Δd / d_corr) over the travelled distance Δd
 *   (d_corr = 50 m). Each serving link has its own process along the path, generated as an AR(1)
 *   (Ornstein–Uhlenbeck) sequence: s_k = ρ s_{k−1} + σ sqrt(1 − ρ²) n_k, ρ = exp(−Δd / d_corr),
 *   n_k standard normal; a link not served since Δd ago continues from its last value with that
 *   Δd, so each link's process is exact however often the server changes.
 * - Points outside `minRsrpDbm`…`maxRsrpDbm` (default −156…−31 dBm, the SS-RSRP reporting range of
 *   TS 38.133 §10.1.6) are not logged, as a phone would not report them. A higher floor (LTE's
 *   −140 dBm) cuts the low tail of the shadowing far from the sites and biases a fitted slope
 *   upwards: docs/measurements.md, "Limits".
 * Everything is drawn from one seeded generator: the same options give the same points.
 */
import type { BBoxM } from '../grid/grid.ts';
import { utmToLonLat } from '../grid/projection.ts';
import { ALL_CLASSES } from './associate.ts';
import { REFERENCE_DISTANCE_KM, DEFAULT_MIN_DISTANCE_KM } from './calibrate.ts';
import { mulberry32, normalDeviates } from '../prng.ts';

/** A sector of the synthetic network. */
export interface SyntheticSector {
  /** Sector index (as in the engine and the association). */
  readonly index: number;
  /** Site position, EPSG:32648 m. */
  readonly xM: number;
  readonly yM: number;
  readonly pci: number;
  readonly earfcn?: number;
  readonly nrArfcn?: number;
  readonly cellId?: string;
}

/** The correction hidden in the synthetic data for one clutter class. */
export interface ClassTruth {
  readonly offsetDb: number;
  readonly slopeDbPerDecade: number;
}

export interface DriveTestOptions {
  readonly seed: number;
  readonly sectors: readonly SyntheticSector[];
  /** The model's prediction of sector `sectorIndex` at (xM, yM), dBm. */
  readonly predictRsrpDbm: (sectorIndex: number, xM: number, yM: number) => number;
  /** Clutter class index at a point ({@link ALL_CLASSES} where there is none). */
  readonly classAt: (xM: number, yM: number) => number;
  /** Hidden correction by class index (none: 0). */
  readonly truth: readonly (ClassTruth | undefined)[];
  /** Sites the paths start near, EPSG:32648 m (used in turn). */
  readonly starts: readonly { readonly xM: number; readonly yM: number }[];
  /** Paths stay inside [minX, minY, maxX, maxY], m. */
  readonly bounds: BBoxM;
  /** Paths also stay where this is true (e.g. inside the province), EPSG:32648 m. */
  readonly inside?: (xM: number, yM: number) => boolean;
  readonly pathCount: number;
  /** Length of each path, m. */
  readonly pathLengthM: number;
  readonly stepM?: number;
  readonly segmentLengthM?: readonly [number, number];
  readonly turnDeg?: readonly [number, number];
  readonly startRadiusM?: readonly [number, number];
  readonly shadowSigmaDb?: number;
  readonly decorrelationM?: number;
  readonly minRsrpDbm?: number;
  readonly maxRsrpDbm?: number;
  /** Sectors farther than this are not candidates to serve, m (default 10 km). */
  readonly candidateRadiusM?: number;
  readonly toLonLat?: (xM: number, yM: number) => [number, number];
}

/** The generated points, as parallel arrays. */
export interface DriveTest {
  readonly count: number;
  readonly pathId: Int32Array;
  /** Distance travelled along the path, m. */
  readonly travelledM: Float64Array;
  readonly xM: Float64Array;
  readonly yM: Float64Array;
  readonly lonDeg: Float64Array;
  readonly latDeg: Float64Array;
  /** Serving sector index (the truth the association must find). */
  readonly sector: Int32Array;
  readonly pci: Int32Array;
  readonly clutterClass: Uint8Array;
  readonly distanceKm: Float64Array;
  readonly predictedDbm: Float64Array;
  /** K1 + K2 log10(d) of the point's class, dB. */
  readonly truthCorrectionDb: Float64Array;
  readonly shadowDb: Float64Array;
  readonly rsrpDbm: Float64Array;
  /** The sectors, by position in {@link DriveTest.sector}'s lookup. */
  readonly sectors: readonly SyntheticSector[];
}

const DEG = Math.PI / 180;

/** Generates a synthetic drive test (method in the module comment). */
export function generateDriveTest(o: DriveTestOptions): DriveTest {
  const stepM = o.stepM ?? 10;
  const [segMin, segMax] = o.segmentLengthM ?? [150, 1200];
  const [turnMin, turnMax] = o.turnDeg ?? [20, 100];
  const [r0, r1] = o.startRadiusM ?? [150, 1500];
  const sigma = o.shadowSigmaDb ?? 7;
  const dCorr = o.decorrelationM ?? 50;
  const minRsrp = o.minRsrpDbm ?? -156;
  const maxRsrp = o.maxRsrpDbm ?? -31;
  const radius = o.candidateRadiusM ?? 10000;
  const toLonLat = o.toLonLat ?? utmToLonLat;
  const inside = o.inside;
  const [minX, minY, maxX, maxY] = o.bounds;
  const uniform = mulberry32(o.seed);
  const normal = normalDeviates(uniform);
  const stepsPerPath = Math.floor(o.pathLengthM / stepM);
  const cap = o.pathCount * stepsPerPath;

  // Sectors bucketed on a grid of `radius` cells: candidates are in the 3 × 3 cells around a point.
  const nS = o.sectors.length;
  const buckets = new Map<number, number[]>();
  const bucketKey = (bx: number, by: number) => bx * 100003 + by;
  o.sectors.forEach((s, j) => {
    const key = bucketKey(Math.floor(s.xM / radius), Math.floor(s.yM / radius));
    const list = buckets.get(key);
    if (list) list.push(j);
    else buckets.set(key, [j]);
  });

  const pathId = new Int32Array(cap), travelledM = new Float64Array(cap), xM = new Float64Array(cap), yM = new Float64Array(cap);
  const sector = new Int32Array(cap), pci = new Int32Array(cap), clutterClass = new Uint8Array(cap);
  const distanceKm = new Float64Array(cap), predictedDbm = new Float64Array(cap), truthCorrectionDb = new Float64Array(cap), shadowDb = new Float64Array(cap), rsrpDbm = new Float64Array(cap);
  const lastS = new Float64Array(nS);
  const lastV = new Float64Array(nS);
  let n = 0;

  for (let p = 0; p < o.pathCount; p++) {
    lastS.fill(NaN);
    const start = o.starts[p % o.starts.length];
    let x = start.xM, y = start.yM;
    for (let tries = 0; tries < 20; tries++) {
      const a0 = uniform() * 2 * Math.PI;
      const rr = r0 + (r1 - r0) * uniform();
      x = clamp(start.xM + rr * Math.sin(a0), minX, maxX);
      y = clamp(start.yM + rr * Math.cos(a0), minY, maxY);
      if (!inside || inside(x, y)) break;
    }
    let heading = uniform() * 360;
    let segLeft = segMin + (segMax - segMin) * uniform();
    for (let k = 0; k < stepsPerPath; k++) {
      if (segLeft <= 0) {
        heading += (uniform() < 0.5 ? -1 : 1) * (turnMin + (turnMax - turnMin) * uniform());
        segLeft = segMin + (segMax - segMin) * uniform();
      }
      let nx = x + stepM * Math.sin(heading * DEG);
      let ny = y + stepM * Math.cos(heading * DEG);
      if (nx < minX || nx > maxX || ny < minY || ny > maxY || (inside && !inside(nx, ny))) {
        // Turn back into the area and start a new segment (staying put if that fails too).
        heading += 180 + (uniform() - 0.5) * 90;
        segLeft = segMin + (segMax - segMin) * uniform();
        nx = clamp(x + stepM * Math.sin(heading * DEG), minX, maxX);
        ny = clamp(y + stepM * Math.cos(heading * DEG), minY, maxY);
        if (inside && !inside(nx, ny)) {
          nx = x;
          ny = y;
        }
      }
      x = nx;
      y = ny;
      segLeft -= stepM;
      const s = (k + 1) * stepM;

      let bestJ = -1;
      let bestP = -Infinity;
      const bx = Math.floor(x / radius), by = Math.floor(y / radius);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          const list = buckets.get(bucketKey(bx + dx, by + dy));
          if (!list) continue;
          for (const j of list) {
            const sj = o.sectors[j];
            if ((sj.xM - x) ** 2 + (sj.yM - y) ** 2 > radius * radius) continue;
            const pj = o.predictRsrpDbm(sj.index, x, y);
            if (pj > bestP) {
              bestP = pj;
              bestJ = j;
            }
          }
        }
      }
      if (bestJ < 0 || !Number.isFinite(bestP)) continue;
      const sv = o.sectors[bestJ];
      // The serving link's shadowing, continued from its last value (AR(1) over Δd).
      let v: number;
      if (lastS[bestJ] === lastS[bestJ]) {
        const rho = Math.exp(-(s - lastS[bestJ]) / dCorr);
        v = rho * lastV[bestJ] + sigma * Math.sqrt(1 - rho * rho) * normal();
      } else v = sigma * normal();
      lastS[bestJ] = s;
      lastV[bestJ] = v;
      const dKm = Math.hypot(sv.xM - x, sv.yM - y) / 1000;
      const cls = o.classAt(x, y);
      const t = cls === ALL_CLASSES ? undefined : o.truth[cls];
      const corr = t ? t.offsetDb + t.slopeDbPerDecade * Math.log10(Math.max(dKm, DEFAULT_MIN_DISTANCE_KM) / REFERENCE_DISTANCE_KM) : 0;
      const rsrp = bestP + corr + v;
      if (rsrp < minRsrp || rsrp > maxRsrp) continue;
      pathId[n] = p;
      travelledM[n] = s;
      xM[n] = x;
      yM[n] = y;
      sector[n] = sv.index;
      pci[n] = sv.pci;
      clutterClass[n] = cls;
      distanceKm[n] = dKm;
      predictedDbm[n] = bestP;
      truthCorrectionDb[n] = corr;
      shadowDb[n] = v;
      rsrpDbm[n] = rsrp;
      n++;
    }
  }
  const lonDeg = new Float64Array(n), latDeg = new Float64Array(n);
  for (let i = 0; i < n; i++) [lonDeg[i], latDeg[i]] = toLonLat(xM[i], yM[i]);
  return {
    count: n, pathId: pathId.slice(0, n), travelledM: travelledM.slice(0, n), xM: xM.slice(0, n), yM: yM.slice(0, n), lonDeg, latDeg,
    sector: sector.slice(0, n), pci: pci.slice(0, n), clutterClass: clutterClass.slice(0, n), distanceKm: distanceKm.slice(0, n),
    predictedDbm: predictedDbm.slice(0, n), truthCorrectionDb: truthCorrectionDb.slice(0, n), shadowDb: shadowDb.slice(0, n), rsrpDbm: rsrpDbm.slice(0, n),
    sectors: o.sectors,
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Columns of a synthetic drive-test CSV: the CLI's measurement columns, then the truth. */
export const SYNTHETIC_CSV_HEADER = ['time', 'lat', 'lon', 'rsrp_dbm', 'pci', 'earfcn', 'nr_arfcn', 'cell_id', 'synthetic_sector', 'synthetic_class', 'synthetic_shadow_db'] as const;

export interface DriveTestCsvOptions {
  /** Time of the first point, ms since 1970 (default 2026-01-05T08:00Z). */
  readonly startTimeMs?: number;
  /** Seconds between points (default 1). */
  readonly intervalS?: number;
  /** Lines per yielded piece (default 10,000). */
  readonly linesPerPiece?: number;
  /** Label of a sector index in `synthetic_sector` (default the index). */
  readonly sectorLabel?: (index: number) => string;
}

/**
 * The drive test as CSV text, yielded in pieces (header first) so that a million points are
 * written without building one string. RSRP is rounded to 0.1 dB, coordinates to 1e-7°.
 */
export function* driveTestCsv(dt: DriveTest, options: DriveTestCsvOptions = {}): Generator<string> {
  const t0 = options.startTimeMs ?? Date.UTC(2026, 0, 5, 8, 0, 0);
  const dtMs = (options.intervalS ?? 1) * 1000;
  const per = options.linesPerPiece ?? 10000;
  const label = options.sectorLabel ?? ((i: number) => String(i));
  const byIndex = new Map(dt.sectors.map((s) => [s.index, s]));
  yield SYNTHETIC_CSV_HEADER.join(',') + '\n';
  let piece = '';
  for (let i = 0; i < dt.count; i++) {
    const s = byIndex.get(dt.sector[i]);
    const time = new Date(t0 + i * dtMs).toISOString();
    piece += `${time},${dt.latDeg[i].toFixed(7)},${dt.lonDeg[i].toFixed(7)},${dt.rsrpDbm[i].toFixed(1)},${dt.pci[i]},${s?.earfcn ?? ''},${s?.nrArfcn ?? ''},${s?.cellId ?? ''},${label(dt.sector[i])},${dt.clutterClass[i]},${dt.shadowDb[i].toFixed(2)}\n`;
    if ((i + 1) % per === 0) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}
