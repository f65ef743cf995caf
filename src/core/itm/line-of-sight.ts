/**
 * ITM's line-of-sight attenuation (Hufford, Algorithm §4.3 "alos", eqs. 4.44–4.51; NTIA/itm
 * v1.4 `LineOfSightLoss`): a two-ray (direct + ground-reflected) interference term, its
 * reflection coefficient reduced by terrain roughness, blended with the extrapolated
 * diffraction line as terrain gets rougher.
 */
import type { ItmRadio } from './params.ts';
import { sigmaHM, terrainRoughnessM } from './diffraction.ts';

const HALF_PI = Math.PI / 2;

/**
 * Line-of-sight attenuation at distance dM, dB.
 *
 * @param heTxM Effective transmitter height, m.
 * @param heRxM Effective receiver height, m.
 * @param deltaHM Terrain irregularity Δh, m.
 * @param slopeDbPerM Slope of the diffraction line M_d, dB/m.
 * @param interceptDb Intercept of the diffraction line A_d0, dB.
 * @param dSmlM Smooth-earth line-of-sight distance, m.
 */
export function lineOfSightLossDb(dM: number, heTxM: number, heRxM: number, radio: ItmRadio, deltaHM: number, slopeDbPerM: number, interceptDb: number, dSmlM: number): number {
  const k = radio.waveNumber;
  const sigma = sigmaHM(terrainRoughnessM(dM, deltaHM));
  const heSum = heTxM + heRxM;
  // Grazing angle of the reflected ray (eq. 4.46).
  const sinPsi = heSum / Math.sqrt(dM * dM + heSum * heSum);
  // Effective reflection coefficient Re = (sinψ − Zg)/(sinψ + Zg)·exp(−min(10, k·σh·sinψ)) (eq. 4.47).
  const nRe = sinPsi - radio.zgRe;
  const nIm = -radio.zgIm;
  const dRe = sinPsi + radio.zgRe;
  const dIm = radio.zgIm;
  const den = dRe * dRe + dIm * dIm;
  const rough = Math.exp(-Math.min(10, k * sigma * sinPsi));
  let rRe = ((nRe * dRe + nIm * dIm) / den) * rough;
  let rIm = ((nIm * dRe - nRe * dIm) / den) * rough;
  // |Re| is kept at least √sinψ, and at least 1/2 (eq. 4.48).
  const mag2 = rRe * rRe + rIm * rIm;
  if (mag2 < 0.25 || mag2 < sinPsi) {
    const s = Math.sqrt(sinPsi / mag2);
    rRe *= s;
    rIm *= s;
  }
  // Phase difference of the two rays, folded beyond π/2 (eqs. 4.49, 4.50).
  let phase = (k * 2 * heTxM * heRxM) / dM;
  if (phase > HALF_PI) phase = Math.PI - (HALF_PI * HALF_PI) / phase;
  const sumRe = Math.cos(phase) + rRe;
  const sumIm = -Math.sin(phase) + rIm;
  const twoRayDb = -10 * Math.log10(sumRe * sumRe + sumIm * sumIm);
  const extendedDiffractionDb = slopeDbPerM * dM + interceptDb;
  const w = 1 / (1 + (radio.freqMHz * deltaHM) / Math.max(10e3, dSmlM));
  return w * twoRayDb + (1 - w) * extendedDiffractionDb;
}
