/**
 * `phusong losprob`: 3GPP TR 38.901 Table 7.4.2-1 LOS probability per CSV row
 * (src/core/propagation/los-probability.ts).
 */
import { evaluateLosProbability, type LosScenario } from '../../core/propagation/los-probability.ts';
import { formatResult, formatWarnings, type BatchSpec } from '../batch.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { CSV_OUTPUT_OPTIONS, ERRORS_HELP, columnsHelp, runCsvCommand } from '../output.ts';

/** `--scenario` values. */
export const LOS_SCENARIOS: readonly LosScenario[] = ['rma', 'uma', 'umi'];

/** Decimals of `p_los` (a probability: more than the 6 of losses, so that RMa's small tails keep digits). */
export const P_LOS_DECIMALS = 9;

const OUTPUT_HELP = [`LOS probability, 0…1 (${P_LOS_DECIMALS} decimals)`, 'validity warnings, "; "-separated; empty when in range'];

/** The batch of one scenario. */
export function losprobSpec(scenario: LosScenario): BatchSpec {
  return {
    columns: [
      { name: 'd2d_m', field: 'd2dM', required: true, kind: 'non-negative', description: 'horizontal distance base station → terminal, m' },
      { name: 'h_ut_m', field: 'hUtM', required: true, kind: 'non-negative', description: 'terminal antenna height above ground, m (UMa: the probability depends on it above 13 m)' },
      { name: 'h_bs_m', field: 'hBsM', required: false, kind: 'non-negative', description: 'base-station antenna height, m (only checked against the scenario’s range)' },
    ],
    outputColumns: ['p_los', 'warning'],
    evaluate(v) {
      const r = evaluateLosProbability(scenario, { d2dM: v.d2dM as number, hUtM: v.hUtM as number, hBsM: v.hBsM as number | undefined });
      return [formatResult(r.pLos, P_LOS_DECIMALS, 'p_los'), formatWarnings(r.warnings)];
    },
  };
}

export const losprobCommand: CliCommand = {
  name: 'losprob',
  summary: 'LOS probability of 3GPP TR 38.901 Table 7.4.2-1 (adds p_los, warning)',
  options: [
    { name: 'scenario', valueName: 'rma|uma|umi', required: true, description: 'rural macro, urban macro or urban micro (street canyon)', choices: () => LOS_SCENARIOS, choicesLabel: 'scenarios' },
    ...CSV_OUTPUT_OPTIONS,
  ],
  details: () => `${columnsHelp(losprobSpec('uma'), OUTPUT_HELP)}\n\n${ERRORS_HELP}`,
  run(options, io) {
    const scenario = LOS_SCENARIOS.find((s) => s === options.get('scenario'));
    if (!scenario) throw new UsageError(`losprob: unknown scenario; valid scenarios: ${LOS_SCENARIOS.join(', ')}`);
    runCsvCommand(options, io, losprobSpec(scenario));
  },
};
