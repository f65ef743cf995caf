/**
 * `phusong clutter`: ITU-R P.2108 clutter loss per CSV row (src/core/clutter/p2108.ts), §3.1
 * terminal height-gain correction or §3.2 terrestrial statistical clutter loss.
 */
import { CLUTTER_TYPES, heightGainCorrection, terrestrialClutterLoss, type ClutterType } from '../../core/clutter/p2108.ts';
import { formatResult, formatWarnings, type BatchSpec } from '../batch.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { CSV_OUTPUT_OPTIONS, ERRORS_HELP, columnsHelp, runCsvCommand } from '../output.ts';

/** Decimals of `loss_db`. */
const LOSS_DECIMALS = 6;
const OUTPUT_HELP = [`loss, dB (${LOSS_DECIMALS} decimals)`, 'validity warnings, "; "-separated; empty when in range'];

/** P.2108-1 §3.1: height-gain correction Ah of a terminal inside clutter. */
export const P2108_HEIGHT_GAIN_SPEC: BatchSpec = {
  columns: [
    { name: 'freq_ghz', field: 'freqGHz', required: true, kind: 'non-negative', description: 'frequency, GHz (validity 0.03–3)' },
    { name: 'h_m', field: 'hM', required: true, kind: 'non-negative', description: 'terminal antenna height above ground, m (> 0)' },
    { name: 'clutter_type', field: 'clutterType', required: true, kind: 'choice', choices: CLUTTER_TYPES, description: 'clutter class of P.2108 Table 3' },
    { name: 'clutter_height_m', field: 'clutterHeightM', required: false, kind: 'non-negative', description: 'representative clutter height R, m (default per class, P.2108 Table 3: 10 m water-sea / open-rural / suburban, 15 m urban / trees-forest, 20 m dense-urban)' },
    { name: 'street_width_m', field: 'streetWidthM', required: false, kind: 'non-negative', description: 'street width ws, m (default 27 m, P.2108 §3.1)' },
  ],
  outputColumns: ['loss_db', 'warning'],
  evaluate(v) {
    const r = heightGainCorrection({
      freqGHz: v.freqGHz as number,
      hM: v.hM as number,
      clutterType: v.clutterType as ClutterType,
      clutterHeightM: v.clutterHeightM as number | undefined,
      streetWidthM: v.streetWidthM as number | undefined,
    });
    return [formatResult(r.lossDb, LOSS_DECIMALS, 'loss_db'), formatWarnings(r.warnings)];
  },
};

/** P.2108-1 §3.2: statistical clutter loss of a terrestrial path, one end in clutter. */
export const P2108_TERRESTRIAL_SPEC: BatchSpec = {
  columns: [
    { name: 'freq_ghz', field: 'freqGHz', required: true, kind: 'non-negative', description: 'frequency, GHz (validity 0.5–67)' },
    { name: 'd_km', field: 'dKm', required: true, kind: 'non-negative', description: 'path length, km (> 0; validity ≥ 0.25)' },
    { name: 'p_pct', field: 'pPct', required: true, kind: 'non-negative', description: 'percentage of locations where the loss is not exceeded, % (strictly between 0 and 100)' },
  ],
  outputColumns: ['loss_db', 'warning'],
  evaluate(v) {
    const r = terrestrialClutterLoss({ freqGHz: v.freqGHz as number, dKm: v.dKm as number, pPct: v.pPct as number });
    return [formatResult(r.lossDb, LOSS_DECIMALS, 'loss_db'), formatWarnings(r.warnings)];
  },
};

/** `--model` ids of the clutter command. */
export const CLUTTER_MODELS: Readonly<Record<string, { readonly name: string; readonly spec: BatchSpec }>> = {
  'p2108-3.1': { name: 'ITU-R P.2108 §3.1 terminal clutter height-gain correction Ah', spec: P2108_HEIGHT_GAIN_SPEC },
  'p2108-3.2': { name: 'ITU-R P.2108 §3.2 terrestrial statistical clutter loss Lctt', spec: P2108_TERRESTRIAL_SPEC },
};

export const clutterCommand: CliCommand = {
  name: 'clutter',
  summary: 'clutter loss, ITU-R P.2108 §3.1 or §3.2 (adds loss_db, warning)',
  options: [
    { name: 'model', valueName: 'id', required: true, description: 'p2108-3.1 (height-gain correction) or p2108-3.2 (terrestrial statistical)', choices: () => Object.keys(CLUTTER_MODELS), choicesLabel: 'models' },
    ...CSV_OUTPUT_OPTIONS,
  ],
  details: () =>
    Object.entries(CLUTTER_MODELS)
      .map(([id, m]) => `--model ${id}: ${m.name}\n${columnsHelp(m.spec, OUTPUT_HELP)}`)
      .join('\n\n') + `\n\n${ERRORS_HELP}`,
  run(options, io) {
    const model = CLUTTER_MODELS[options.get('model') ?? ''];
    if (!model) throw new UsageError(`clutter: unknown model; valid models: ${Object.keys(CLUTTER_MODELS).join(', ')}`);
    runCsvCommand(options, io, model.spec);
  },
};
