/**
 * Point-to-point check: one sector of a site toward one target point. Geometry (distance,
 * azimuth, elevation), the path loss of every registered model side by side with each model's
 * own validity verdict, and the downlink budget with a chosen model.
 *
 * Distances: the path loss and the link budget use the horizontal distance on the UTM 48N plane
 * (EPSG:32648), as the coverage engine does (spec §1); the geodesic distance on the WGS 84
 * ellipsoid (Vincenty's inverse formula) is reported beside it. The two differ by the UTM scale
 * factor (0.9996 on the central meridian 105° E, ≈ 0.99975 across Vĩnh Long at 105.5–106.8° E):
 * about 0.25 m per km. Azimuths: the antenna pattern is evaluated from grid north, as the engine
 * does (footprint.ts: grid convergence < 0.2° here); the geodesic azimuth from true north is
 * reported as well. Ground is flat (no terrain), heights are above ground.
 */
import { lonLatToUtm } from '../grid/projection.ts';
import { downlinkBudget, type DownlinkBudget } from '../linkbudget/rsrp.ts';
import { PATH_LOSS_MODELS } from '../propagation/registry.ts';
import type { ValidityIssue, ValidityRange } from '../validity.ts';
import type { Carrier, Sector, Site } from '../scenario/scenario.ts';
import { modelValidityAt, sectorTermsAt, type SectorTerms } from './readout.ts';
import { DEFAULT_ENGINE_OPTIONS, engineCarrier, engineSectorsForSite, type EngineOptions } from './scene.ts';

const RAD = Math.PI / 180;

/** WGS 84 semi-major axis, m, and flattening. */
const WGS84_A_M = 6378137;
const WGS84_F = 1 / 298.257223563;
const WGS84_B_M = WGS84_A_M * (1 - WGS84_F);

/** Geodesic between two points on the WGS 84 ellipsoid. */
export interface Geodesic {
  /** Length, m. */
  readonly distanceM: number;
  /** Forward azimuth at the first point, degrees clockwise from true north, [0, 360). */
  readonly azimuthDeg: number;
}

/**
 * Geodesic distance and initial azimuth on the WGS 84 ellipsoid, by Vincenty's inverse formula
 * (T. Vincenty, Survey Review 23(176), 1975; converges to < 1e-12 rad, sub-millimetre over the
 * distances of a province). Throws RangeError for nearly antipodal points, where the iteration
 * does not converge.
 * @param lon1Deg - first point longitude, degrees
 * @param lat1Deg - first point latitude, degrees
 * @param lon2Deg - second point longitude, degrees
 * @param lat2Deg - second point latitude, degrees
 */
export function geodesicInverse(lon1Deg: number, lat1Deg: number, lon2Deg: number, lat2Deg: number): Geodesic {
  const f = WGS84_F;
  const L = (lon2Deg - lon1Deg) * RAD;
  const u1 = Math.atan((1 - f) * Math.tan(lat1Deg * RAD));
  const u2 = Math.atan((1 - f) * Math.tan(lat2Deg * RAD));
  const sinU1 = Math.sin(u1), cosU1 = Math.cos(u1), sinU2 = Math.sin(u2), cosU2 = Math.cos(u2);
  let lambda = L;
  let sinSigma: number, cosSigma: number, sigma: number, cos2Alpha: number, cos2SigmaM: number, sinLambda: number, cosLambda: number;
  for (let iter = 0; ; iter++) {
    if (iter === 200) throw new RangeError('geodesicInverse: no convergence (nearly antipodal points)');
    sinLambda = Math.sin(lambda);
    cosLambda = Math.cos(lambda);
    const t1 = cosU2 * sinLambda;
    const t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
    sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
    if (sinSigma === 0) return { distanceM: 0, azimuthDeg: 0 }; // same point
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    cos2Alpha = 1 - sinAlpha * sinAlpha;
    cos2SigmaM = cos2Alpha !== 0 ? cosSigma - (2 * sinU1 * sinU2) / cos2Alpha : 0; // equatorial line
    const c = (f / 16) * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
    const prev = lambda;
    lambda = L + (1 - c) * f * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - prev) < 1e-12) break;
  }
  const uSq = (cos2Alpha * (WGS84_A_M * WGS84_A_M - WGS84_B_M * WGS84_B_M)) / (WGS84_B_M * WGS84_B_M);
  const a = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
  const b = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
  const deltaSigma = b * sinSigma * (cos2SigmaM + (b / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) - (b / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
  const distanceM = WGS84_B_M * a * (sigma - deltaSigma);
  const az = Math.atan2(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) / RAD;
  return { distanceM, azimuthDeg: az < 0 ? az + 360 : az };
}

/** One registered model on the link. */
export interface P2pModelRow {
  readonly id: string;
  readonly name: string;
  /** Median path loss, dB (computed in range or not: never clamped). */
  readonly pathLossDb: number;
  /** No warning from the model's own checks. */
  readonly inRange: boolean;
  /** The model's warnings (the violated range and its bounds, floors applied, caveats). */
  readonly warnings: readonly string[];
  /** The same problems as data (quantity, value, bound), for the UI to word (validity.ts). */
  readonly issues: readonly ValidityIssue[];
  /** The model's declared validity ranges (registry). */
  readonly validity: readonly ValidityRange[];
}

export interface P2pInput {
  readonly site: Site;
  /** The sector (one of `site.sectors`, or an edited copy). */
  readonly sector: Sector;
  /** The scenario's carriers; the sector's `carrierId` must be among them. */
  readonly carriers: readonly Carrier[];
  /** UE antenna height above ground, m. */
  readonly ueHeightM: number;
  /** Target point, WGS 84 degrees. */
  readonly targetLonDeg: number;
  readonly targetLatDeg: number;
  /** Model of the link budget (a registry id); default the sector's own. */
  readonly modelId?: string;
  /** Engine options the sector's terms depend on (indoor P.2109 parameters, model override); DEFAULT_ENGINE_OPTIONS otherwise. */
  readonly options?: Partial<EngineOptions>;
}

export interface P2pResult {
  readonly siteId: string;
  readonly sectorId: string;
  readonly carrierId: string;
  /** Site and target on EPSG:32648, m. */
  readonly siteXM: number;
  readonly siteYM: number;
  readonly targetXM: number;
  readonly targetYM: number;
  /** Horizontal distance on the UTM 48N plane, m: the d2d every model and the budget use. */
  readonly distanceM: number;
  /** Geodesic distance on the WGS 84 ellipsoid, m (for comparison). */
  readonly geodesicDistanceM: number;
  /** Slant distance sqrt(d2d² + (hBs − hUt)²), m. */
  readonly distance3dM: number;
  /** Bearing site → target from grid north (what the pattern uses), degrees, [0, 360). */
  readonly azimuthDeg: number;
  /** Geodesic azimuth site → target from true north, degrees, [0, 360). */
  readonly geodesicAzimuthDeg: number;
  /** Offset of the target from the sector's boresight, degrees clockwise, (−180, 180]. */
  readonly azimuthOffDeg: number;
  /** Angle below the horizontal from the antenna to the UE, degrees (flat ground). */
  readonly elevDownDeg: number;
  /** Every registered model, in registry order. */
  readonly models: readonly P2pModelRow[];
  /** Model of the link budget. */
  readonly modelId: string;
  /** Every term toward the target with that model (as the hover readout gives them). */
  readonly terms: SectorTerms;
  /** The link budget as named terms (linkbudget/rsrp.ts): EIRP per RE, gain toward the target, path loss, RSRP. */
  readonly budget: DownlinkBudget;
}

/**
 * Point-to-point check of one sector toward a target point.
 * @throws Error for a carrier id missing from `carriers` or an unknown model id
 */
export function pointToPoint(input: P2pInput): P2pResult {
  const { site, sector, ueHeightM } = input;
  const carrier = input.carriers.find((c) => c.id === sector.carrierId);
  if (!carrier) throw new Error(`sector ${sector.id}: carrier "${sector.carrierId}" is not among the carriers`);
  const o: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...input.options };
  const modelId = input.modelId ?? o.modelOverride ?? sector.modelId;
  const ec = engineCarrier(carrier, o);
  // The same kernel constants the engine builds for this sector (antenna defaults, pRE, tilt).
  const s = engineSectorsForSite({ ...site, sectors: [sector] }, [ec], [carrier.id], ueHeightM, { ...o, modelOverride: modelId }, 0)[0];
  const [xM, yM] = lonLatToUtm(input.targetLonDeg, input.targetLatDeg);
  const terms = sectorTermsAt(s, ueHeightM, xM, yM, o);
  const d = terms.distanceM;
  const models = PATH_LOSS_MODELS.map((m): P2pModelRow => {
    const v = modelValidityAt(m, carrier.freqMHz, d, site.heightM, ueHeightM);
    return { id: m.id, name: m.name, pathLossDb: m.pathLossDb(carrier.freqMHz, d, site.heightM, ueHeightM), inRange: v.inRange, warnings: v.warnings, issues: v.issues, validity: m.validity };
  });
  const geo = geodesicInverse(site.lonDeg, site.latDeg, input.targetLonDeg, input.targetLatDeg);
  const budget = downlinkBudget({
    txPowerDbm: sector.txPowerDbm, nPrb: ec.nRb, feederLossDb: sector.feederLossDb, antennaMaxGainDbi: s.maxGainDbi,
    antennaGainTowardDbi: terms.gainTowardDbi, pathLossDb: terms.pathLossDb, clutterLossDb: terms.clutterLossDb,
  });
  return {
    siteId: site.id, sectorId: sector.id, carrierId: carrier.id, siteXM: s.xM, siteYM: s.yM, targetXM: xM, targetYM: yM,
    distanceM: d, geodesicDistanceM: geo.distanceM, distance3dM: terms.distance3dM,
    azimuthDeg: terms.bearingDeg, geodesicAzimuthDeg: geo.azimuthDeg, azimuthOffDeg: terms.azimuthOffDeg, elevDownDeg: terms.elevDownDeg,
    models, modelId, terms, budget,
  };
}
