/**
 * `phusong pathloss`: median path loss per CSV row with one model of the registry
 * (src/core/propagation/registry.ts); the valid `--model` ids are the registry's.
 */
import { PATH_LOSS_MODELS, PATH_LOSS_MODEL_IDS, getPathLossModel } from '../../core/propagation/registry.ts';
import type { PathLossModel } from '../../core/propagation/types.ts';
import { formatResult, formatWarnings, type BatchSpec, type ColumnSpec } from '../batch.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { CSV_OUTPUT_OPTIONS, ERRORS_HELP, columnsHelp, runCsvCommand } from '../output.ts';

/** Decimals of `pl_db` (the contract asks for at least 6). */
export const PL_DECIMALS = 6;

/** Input columns, mapped to {@link PathLossInput} fields. */
export const PATHLOSS_COLUMNS: readonly ColumnSpec[] = [
  { name: 'freq_mhz', field: 'freqMHz', required: true, kind: 'non-negative', description: 'carrier frequency, MHz (> 0)' },
  { name: 'd2d_m', field: 'd2dM', required: true, kind: 'non-negative', description: 'horizontal distance base station → terminal, m' },
  { name: 'h_bs_m', field: 'hBsM', required: true, kind: 'non-negative', description: 'base-station antenna height above ground, m' },
  { name: 'h_ut_m', field: 'hUtM', required: true, kind: 'non-negative', description: 'terminal antenna height above ground, m' },
  { name: 'h_building_m', field: 'hBuildingM', required: false, kind: 'non-negative', description: 'average building height h, m (38.901 RMa; default 5 m; other models ignore it)' },
  { name: 'street_width_m', field: 'streetWidthM', required: false, kind: 'non-negative', description: 'average street width W, m (38.901 RMa; default 20 m; other models ignore it)' },
];

const OUTPUT_HELP = [`median path loss, dB (${PL_DECIMALS} decimals)`, 'validity warnings of the model, "; "-separated; empty when every input is in range'];

/** The batch of one path-loss model. */
export function pathlossSpec(model: PathLossModel): BatchSpec {
  return {
    columns: PATHLOSS_COLUMNS,
    outputColumns: ['pl_db', 'warning'],
    evaluate(v) {
      const r = model.evaluate({
        freqMHz: v.freqMHz as number,
        d2dM: v.d2dM as number,
        hBsM: v.hBsM as number,
        hUtM: v.hUtM as number,
        hBuildingM: v.hBuildingM as number | undefined,
        streetWidthM: v.streetWidthM as number | undefined,
      });
      return [formatResult(r.plDb, PL_DECIMALS, 'pl_db'), formatWarnings(r.warnings)];
    },
  };
}

export const pathlossCommand: CliCommand = {
  name: 'pathloss',
  summary: 'median path loss with one propagation model (adds pl_db, warning)',
  options: [
    { name: 'model', valueName: 'id', required: true, description: 'path-loss model id (list below)', choices: () => PATH_LOSS_MODEL_IDS, choicesLabel: 'models' },
    ...CSV_OUTPUT_OPTIONS,
  ],
  details() {
    const width = Math.max(...PATH_LOSS_MODELS.map((m) => m.id.length));
    const models = PATH_LOSS_MODELS.map((m) => `  ${m.id.padEnd(width)}  ${m.name}`).join('\n');
    return `Models (--model):\n${models}\n\n${columnsHelp({ columns: PATHLOSS_COLUMNS, outputColumns: ['pl_db', 'warning'], evaluate: () => [] }, OUTPUT_HELP)}\n\n${ERRORS_HELP}`;
  },
  run(options, io) {
    const id = options.get('model') ?? '';
    const model = getPathLossModel(id);
    if (!model) throw new UsageError(`pathloss: unknown model ${JSON.stringify(id)}; valid models: ${PATH_LOSS_MODEL_IDS.join(', ')}`);
    runCsvCommand(options, io, pathlossSpec(model));
  },
};
