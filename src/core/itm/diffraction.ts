/**
 * ITM's diffraction attenuation (Hufford, Algorithm §4.2 "adiff"; NTIA/itm v1.4
 * `DiffractionLoss`, `KnifeEdgeDiffraction`, `SmoothEarthDiffraction`): a weighted mix of a
 * double knife edge (the two horizons) and Vogler's three-radius smooth earth, plus a clutter
 * term. The terms that depend only on the path (horizons, effective heights, Δh) are computed
 * once by {@link prepareDiffraction}; {@link diffractionLossDb} then costs a few transcendental
 * calls per distance (ITM evaluates it at two distances per path).
 */
import type { ItmRadio } from './params.ts';
import type { ItmPath } from './path.ts';

/** Earth radius ITM scales Vogler's curves from, m. */
const EARTH_RADIUS_M = 6370e3;
/** 1/(4π), as ITM writes it. */
const INV_FOUR_PI = 0.0795775;

/**
 * Knife-edge loss A(v, 0) from v² (TN101 v2 eq. III.24; ERL 79-ITS 67 eq. 3.27):
 * 6.02 + 9.11·v − 1.27·v² for v < 2.4, else 12.953 + 20·log10(v). dB.
 */
export function fresnelKnifeEdgeDb(v2: number): number {
  return v2 < 5.76 ? 6.02 + 9.11 * Math.sqrt(v2) - 1.27 * v2 : 12.953 + 10 * Math.log10(v2);
}

/**
 * Interdecile height of the terrain over a path of length d: Δh(d) = Δh·(1 − 0.8·exp(−d/50 km))
 * (ERL 79-ITS 67 eq. 3). m.
 */
export function terrainRoughnessM(dM: number, deltaHM: number): number {
  return deltaHM * (1 - 0.8 * Math.exp(-dM / 50e3));
}

/** RMS terrain deviation within the first Fresnel zone, σh = 0.78·Δh·exp(−0.5·Δh^¼) (ERL 79-ITS 67 eq. 3.6a). m. */
export function sigmaHM(deltaHM: number): number {
  return 0.78 * deltaHM * Math.exp(-0.5 * Math.sqrt(Math.sqrt(deltaHM)));
}

/**
 * Vogler's height-gain function F(x, K) for one terminal of the smooth-earth diffraction
 * (Algorithm eq. 4.20 ff., TN101 §8). `xKm` normalised distance, `k` the surface parameter. dB.
 */
export function heightGainDb(xKm: number, k: number): number {
  if (xKm < 200) {
    const w = -Math.log(k);
    if (k < 1e-5 || xKm * w * w * w > 5495) return xKm > 1 ? 17.372 * Math.log(xKm) - 117 : -117;
    return (2.5e-5 * xKm * xKm) / k - 8.686 * w - 15;
  }
  const far = 0.05751 * xKm - 4.343 * Math.log(xKm);
  if (xKm >= 2000) return far;
  const w = 0.0134 * xKm * Math.exp(-0.005 * xKm);
  return (1 - w) * far + w * (17.372 * Math.log(xKm) - 117);
}

/** Per-path constants of the diffraction step (filled by {@link prepareDiffraction}; reusable). */
export class DiffractionTerms {
  aEM = 0;
  thetaLos = 0;
  dMlM = 0;
  dHznTxM = 0;
  dHznRxM = 0;
  deltaHM = 0;
  /** Clutter factor A_fo, dB. */
  aFoDb = 0;
  /** Vogler height gains of both terminals, dB, and their normalised distances, km. */
  heightGainsDb = 0;
  xTerminalsKm = 0;
  /** √(1 + qk/q) of the weighting factor (ERL 79-ITS 67 eq. 3.23). */
  heightTerm = 0;
}

/** Vogler's C0 = (4/3 · a0 / a)^(1/3), K and B0 = 1.607 − K for an earth of radius aM. */
function voglerTerminal(radio: ItmRadio, aM: number, dKm: number, out: { x: number; f: number }): void {
  const c0 = Math.cbrt(((4 / 3) * EARTH_RADIUS_M) / aM);
  const k = (0.017778 * c0 * radio.fInvCbrt) / radio.zgAbs;
  const x = (1.607 - k) * c0 * c0 * radio.fCbrt * dKm;
  out.x = x;
  out.f = heightGainDb(x, k);
}

const voglerScratch = { x: 0, f: 0 };

/**
 * Fills `t` with the terms of the diffraction loss that do not depend on the distance.
 * `thetaLos` is the angular distance of the line-of-sight region, `dSmlM` the smooth-earth
 * line-of-sight distance; `pointToPoint` adds Hufford's C = 10 m² to h1·h2 in the weighting
 * (known path, low antennas: ERL 79-ITS 67 p. 3-8).
 */
export function prepareDiffraction(t: DiffractionTerms, path: ItmPath, radio: ItmRadio, aEM: number, thetaLos: number, dSmlM: number, pointToPoint: boolean): void {
  t.aEM = aEM;
  t.thetaLos = thetaLos;
  t.dHznTxM = path.dHznTxM;
  t.dHznRxM = path.dHznRxM;
  t.dMlM = path.dHznTxM + path.dHznRxM;
  t.deltaHM = path.deltaHM;
  // Clutter factor from the roughness at the smooth-earth LOS distance (ERL 79-ITS 67 eq. 3.38c).
  const sigma = sigmaHM(terrainRoughnessM(dSmlM, path.deltaHM));
  t.aFoDb = Math.min(15, 5 * Math.log10(1 + 1e-5 * path.hTxM * path.hRxM * radio.freqMHz * sigma));
  // Vogler's terminal radii a = dL²/(2·he) and their height gains.
  voglerTerminal(radio, (0.5 * path.dHznTxM * path.dHznTxM) / path.heTxM, path.dHznTxM / 1000, voglerScratch);
  const xTxKm = voglerScratch.x;
  const gainTxDb = voglerScratch.f;
  voglerTerminal(radio, (0.5 * path.dHznRxM * path.dHznRxM) / path.heRxM, path.dHznRxM / 1000, voglerScratch);
  t.xTerminalsKm = xTxKm + voglerScratch.x;
  t.heightGainsDb = gainTxDb + voglerScratch.f;
  let q = path.hTxM * path.hRxM;
  const qk = path.heTxM * path.heRxM - q;
  if (pointToPoint) q += 10;
  t.heightTerm = Math.sqrt(1 + qk / q);
}

/**
 * Diffraction attenuation at distance dM beyond the horizons, dB:
 * A = w·A_smooth + (1 − w)·A_knife + A_fo with w = 25.1 / (25.1 + √Q) (ERL 79-ITS 67 eq. 3.23).
 */
export function diffractionLossDb(t: DiffractionTerms, radio: ItmRadio, dM: number): number {
  const aEM = t.aEM;
  const thetaNlos = dM / aEM - t.thetaLos;
  const dNlosM = dM - t.dMlM;
  // Double knife edge at the two horizons (TN101 eq. I.7, I.1).
  const k = INV_FOUR_PI * radio.waveNumber * thetaNlos * thetaNlos;
  const aKnifeDb = fresnelKnifeEdgeDb((k * t.dHznTxM * dNlosM) / (dNlosM + t.dHznTxM)) + fresnelKnifeEdgeDb((k * t.dHznRxM * dNlosM) / (dNlosM + t.dHznRxM));
  // Vogler's smooth earth: the middle radius spans the diffraction path.
  const aMidM = dNlosM / thetaNlos;
  const c0 = Math.cbrt(((4 / 3) * EARTH_RADIUS_M) / aMidM);
  const kMid = (0.017778 * c0 * radio.fInvCbrt) / radio.zgAbs;
  const xKm = (1.607 - kMid) * c0 * c0 * radio.fCbrt * ((aMidM * thetaNlos) / 1000) + t.xTerminalsKm;
  const aSmoothDb = 0.05751 * xKm - 10 * Math.log10(xKm) - t.heightGainsDb - 20;
  // Weighting between the two (rough terrain favours the knife edges).
  const q = (t.heightTerm + (-t.thetaLos * aEM + t.dMlM) / dM) * Math.min(terrainRoughnessM(dM, t.deltaHM) * radio.waveNumber, 6283.2);
  const w = 25.1 / (25.1 + Math.sqrt(q));
  return w * aSmoothDb + (1 - w) * aKnifeDb + t.aFoDb;
}
