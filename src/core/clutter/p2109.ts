/**
 * ITU-R P.2109-2 "Prediction of building entry loss", Annex 1 §3 (spec §3): the building
 * entry loss not exceeded with probability P for a traditional or a thermally efficient
 * building, 0.08–100 GHz, elevation angle of the path at the façade −90…90°.
 *
 *   L_BEL(P) = 10 log(10^(0.1 A(P)) + 10^(0.1 B(P)) + 10^(0.1 C))
 *   A(P) = F⁻¹(P)·σ1 + μ1,  B(P) = F⁻¹(P)·σ2 + μ2,  C = −3.0 dB
 *   μ1 = Lh + Le,  μ2 = w + x log f,  σ1 = u + v log f,  σ2 = y + z log f
 *   Lh = r + s log f + t (log f)²  (horizontal incidence),  Le = 0.212 |θ|  (elevation)
 *
 * F⁻¹ is the inverse standard-normal CDF: F⁻¹(P) = Q⁻¹(1 − P). Units: f in GHz, θ in degrees,
 * P as a percentage, losses in dB. `log` is log10.
 *
 * Indoor layers are their own result (spec §3): callers add this term explicitly.
 */
import { InputError, rangeWarning, requireFinite, requirePositive, type ValidityRange } from '../validity.ts';
import { inverseComplementaryNormal, requirePercentOpen } from './p2108.ts';

export type BuildingType = 'traditional' | 'thermally-efficient';

export const BUILDING_TYPES: readonly BuildingType[] = ['traditional', 'thermally-efficient'];

export const BEL_VALIDITY: readonly ValidityRange[] = [
  { field: 'freqGHz', min: 0.08, max: 100, unit: 'GHz' },
  { field: 'elevationDeg', min: -90, max: 90, unit: '°' },
];

// P.2109-2 Table 1, traditional / thermally efficient.
const R_TRAD = 12.64, S_TRAD = 3.72, T_TRAD = 0.96, U_TRAD = 9.6, V_TRAD = 2.0, W_TRAD = 9.1, X_TRAD = -3.0, Y_TRAD = 4.5, Z_TRAD = -2.0;
const R_TE = 28.19, S_TE = -3.0, T_TE = 8.48, U_TE = 13.5, V_TE = 3.8, W_TE = 27.8, X_TE = -2.9, Y_TE = 9.4, Z_TE = -2.1;
const C_DB = -3.0;
const TEN_POW_0_1_C = Math.pow(10, 0.1 * C_DB);

export interface BuildingEntryInput {
  /** Frequency, GHz. */
  readonly freqGHz: number;
  /** Probability that the loss is not exceeded, % (0 < P < 100). */
  readonly pPct: number;
  readonly building: BuildingType;
  /** Elevation angle of the path at the building façade, degrees above (+) or below (−) horizontal. */
  readonly elevationDeg: number;
}

/**
 * P.2109-2 building entry loss not exceeded for pPct % of cases, dB.
 * Out-of-range frequency or elevation: evaluated and warned. pPct outside (0, 100) has no finite
 * result: InputError. Unknown building type: InputError.
 */
export function buildingEntryLoss(input: BuildingEntryInput): { lossDb: number; warnings: string[] } {
  const { freqGHz, pPct, building, elevationDeg } = input;
  requirePositive('freqGHz', freqGHz);
  requireFinite('elevationDeg', elevationDeg);
  requirePercentOpen('pPct', pPct);
  if (building !== 'traditional' && building !== 'thermally-efficient') {
    throw new InputError('building', `building must be one of ${BUILDING_TYPES.join(', ')}, got ${String(building)}`);
  }
  const warnings: string[] = [];
  for (const r of BEL_VALIDITY) {
    const w = rangeWarning(r, r.field === 'freqGHz' ? freqGHz : elevationDeg);
    if (w) warnings.push(w);
  }
  return { lossDb: buildingEntryLossDb(freqGHz, pPct, building, elevationDeg), warnings };
}

/**
 * Same value as `buildingEntryLoss(...).lossDb`, unchecked and allocation-free (hot loops).
 * @param freqGHz Frequency, GHz.
 * @param pPct Probability not exceeded, %.
 * @param building Building class.
 * @param elevationDeg Elevation angle at the façade, degrees.
 * @returns L_BEL, dB.
 */
export function buildingEntryLossDb(freqGHz: number, pPct: number, building: BuildingType, elevationDeg: number): number {
  const fInv = inverseComplementaryNormal(1 - pPct / 100); // F⁻¹(P) = Q⁻¹(1 − P)
  const logF = Math.log10(freqGHz);
  const trad = building === 'traditional';
  const r = trad ? R_TRAD : R_TE, s = trad ? S_TRAD : S_TE, t = trad ? T_TRAD : T_TE;
  const u = trad ? U_TRAD : U_TE, v = trad ? V_TRAD : V_TE, w = trad ? W_TRAD : W_TE;
  const x = trad ? X_TRAD : X_TE, y = trad ? Y_TRAD : Y_TE, z = trad ? Z_TRAD : Z_TE;
  const lHDb = r + s * logF + t * logF * logF;
  const lEDb = 0.212 * Math.abs(elevationDeg);
  const mu1Db = lHDb + lEDb;
  const mu2Db = w + x * logF;
  const sigma1Db = u + v * logF;
  const sigma2Db = y + z * logF;
  const aDb = fInv * sigma1Db + mu1Db;
  const bDb = fInv * sigma2Db + mu2Db;
  return 10 * Math.log10(Math.pow(10, 0.1 * aDb) + Math.pow(10, 0.1 * bDb) + TEN_POW_0_1_C);
}
