/**
 * LOS probability of 3GPP TR 38.901 (v17) Table 7.4.2-1 (spec §2), d2d in m, hUt in m:
 *
 *   RMa: 1 for d2d ≤ 10 m, else exp(−(d2d − 10)/1000)
 *   UMi street canyon: 1 for d2d ≤ 18 m, else 18/d2d + exp(−d2d/36)(1 − 18/d2d)
 *   UMa: 1 for d2d ≤ 18 m, else [18/d2d + exp(−d2d/63)(1 − 18/d2d)]·[1 + C'(hUt)(5/4)(d2d/100)³ exp(−d2d/150)]
 *        C'(hUt) = 0 for hUt ≤ 13 m, ((hUt − 13)/10)^1.5 for 13 m < hUt ≤ 23 m
 *
 * UMa above hUt = 13 m: the table's product exceeds 1 just beyond 18 m (first factor → 1,
 * second factor > 1; e.g. 1.0065 at hUt = 23 m, d2d → 18 m⁺). A probability cannot exceed 1, so
 * the value is clipped to 1 (what a simulator drawing LOS with `u < p` does implicitly) and
 * `evaluateLosProbability` says so. Within the table's range (hUt ≤ 23 m) the probability is
 * still non-increasing in d2d; that stops holding above hUt ≈ 26.5 m (property-tested, see
 * properties.test.ts), where C' is extrapolated and warned about.
 *
 * Validity warnings: d2d beyond the scenario's path-loss range (RMa 10 km, UMa/UMi 5 km; below
 * 10 / 18 m the table defines p = 1, so there is no lower bound); UMa hUt > 23 m; RMa hBs
 * outside 10–150 m. The nominal UMa (25 m) and UMi (10 m) tower heights do not warn (spec §2).
 */
import { InputError, rangeWarnings, requireNonNegative, type ValidityRange } from '../validity.ts';

export type LosScenario = 'rma' | 'uma' | 'umi';

const SCENARIO_RANGES: Readonly<Record<LosScenario, readonly ValidityRange[]>> = {
  rma: [
    { field: 'd2dM', min: 0, max: 10000, unit: 'm' },
    { field: 'hBsM', min: 10, max: 150, unit: 'm' },
  ],
  uma: [
    { field: 'd2dM', min: 0, max: 5000, unit: 'm' },
    { field: 'hUtM', min: 0, max: 23, unit: 'm' },
  ],
  umi: [{ field: 'd2dM', min: 0, max: 5000, unit: 'm' }],
};

/** UMa formula of Table 7.4.2-1 before clipping to 1. */
function umaLosProbabilityRaw(d2dM: number, hUtM: number): number {
  if (d2dM <= 18) return 1;
  const a = 18 / d2dM;
  const p = a + Math.exp(-d2dM / 63) * (1 - a);
  if (hUtM <= 13) return p;
  const c = (hUtM - 13) / 10;
  const x = d2dM / 100;
  // C'(hUt) = c^1.5 = c·sqrt(c)
  return p * (1 + c * Math.sqrt(c) * 1.25 * x * x * x * Math.exp(-d2dM / 150));
}

/**
 * 38.901 Table 7.4.2-1 LOS probability, 0…1; allocation-free, no validation (hot loops).
 * UMa values above 1 (hUt > 13 m, just beyond 18 m) are clipped to 1. An unknown scenario gives NaN.
 * @param scenario `rma`, `uma` or `umi` (street canyon).
 * @param d2dM Horizontal distance, m.
 * @param hUtM Terminal antenna height, m (UMa only).
 */
export function losProbability(scenario: LosScenario, d2dM: number, hUtM: number): number {
  if (scenario === 'rma') return d2dM <= 10 ? 1 : Math.exp(-(d2dM - 10) / 1000);
  if (scenario === 'umi') {
    if (d2dM <= 18) return 1;
    const a = 18 / d2dM;
    return a + Math.exp(-d2dM / 36) * (1 - a);
  }
  if (scenario === 'uma') {
    const p = umaLosProbabilityRaw(d2dM, hUtM);
    return p > 1 ? 1 : p;
  }
  return NaN;
}

/**
 * Validated LOS probability with validity warnings (e.g. UMa hUt > 23 m, d2d beyond 5 km).
 * Throws InputError for an unknown scenario and for non-finite or negative d2dM / hUtM / hBsM.
 * @param scenario `rma`, `uma` or `umi`.
 * @param input d2dM horizontal distance (m), hUtM terminal height (m), hBsM tower height (m, optional, only range-checked).
 */
export function evaluateLosProbability(scenario: LosScenario, input: { d2dM: number; hUtM: number; hBsM?: number }): { pLos: number; warnings: string[] } {
  if (scenario !== 'rma' && scenario !== 'uma' && scenario !== 'umi') {
    throw new InputError('scenario', `scenario must be one of rma, uma, umi, got ${String(scenario)}`);
  }
  requireNonNegative('d2dM', input.d2dM);
  requireNonNegative('hUtM', input.hUtM);
  if (input.hBsM !== undefined) requireNonNegative('hBsM', input.hBsM);
  const warnings = rangeWarnings(SCENARIO_RANGES[scenario], { d2dM: input.d2dM, hUtM: input.hUtM, hBsM: input.hBsM });
  if (scenario === 'uma') {
    const raw = umaLosProbabilityRaw(input.d2dM, input.hUtM);
    if (raw > 1) {
      warnings.push(`UMa LOS probability formula gives ${Number(raw.toPrecision(6))} > 1 at d2dM=${Number(input.d2dM.toPrecision(6))}, hUtM=${Number(input.hUtM.toPrecision(6))}: clipped to 1`);
    }
  }
  return { pLos: losProbability(scenario, input.d2dM, input.hUtM), warnings };
}
