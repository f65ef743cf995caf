/**
 * `phusong bel`: ITU-R P.2109 building entry loss per CSV row (src/core/clutter/p2109.ts).
 */
import { BUILDING_TYPES, buildingEntryLoss, type BuildingType } from '../../core/clutter/p2109.ts';
import { formatResult, formatWarnings, type BatchSpec } from '../batch.ts';
import type { CliCommand } from '../command.ts';
import { CSV_OUTPUT_OPTIONS, ERRORS_HELP, columnsHelp, runCsvCommand } from '../output.ts';

/** Decimals of `loss_db`. */
const LOSS_DECIMALS = 6;

export const BEL_SPEC: BatchSpec = {
  columns: [
    { name: 'freq_ghz', field: 'freqGHz', required: true, kind: 'non-negative', description: 'frequency, GHz (validity 0.08–100)' },
    { name: 'p_pct', field: 'pPct', required: true, kind: 'non-negative', description: 'probability that the loss is not exceeded, % (strictly between 0 and 100)' },
    { name: 'building', field: 'building', required: true, kind: 'choice', choices: BUILDING_TYPES, description: 'building class of P.2109 Table 1' },
    { name: 'elevation_deg', field: 'elevationDeg', required: true, kind: 'number', description: 'elevation angle of the path at the façade, degrees above (+) or below (−) horizontal (validity −90…90)' },
  ],
  outputColumns: ['loss_db', 'warning'],
  evaluate(v) {
    const r = buildingEntryLoss({ freqGHz: v.freqGHz as number, pPct: v.pPct as number, building: v.building as BuildingType, elevationDeg: v.elevationDeg as number });
    return [formatResult(r.lossDb, LOSS_DECIMALS, 'loss_db'), formatWarnings(r.warnings)];
  },
};

export const belCommand: CliCommand = {
  name: 'bel',
  summary: 'building entry loss, ITU-R P.2109 (adds loss_db, warning)',
  options: CSV_OUTPUT_OPTIONS,
  details: () => `${columnsHelp(BEL_SPEC, [`building entry loss not exceeded for p_pct % of cases, dB (${LOSS_DECIMALS} decimals)`, 'validity warnings, "; "-separated; empty when in range'])}\n\n${ERRORS_HELP}`,
  run: (options, io) => runCsvCommand(options, io, BEL_SPEC),
};
