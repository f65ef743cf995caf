/**
 * `phusong itm --mode p2p|area`: Longley-Rice ITM (NTIA/itm v1.4; src/core/itm) per CSV row.
 *
 * - p2p: a terrain profile per row (`spacing_m`, `elevations_m` = heights separated by `;`,
 *   the first under the transmitter).
 * - area: no profile; `d_km`, `delta_h_m` and the siting criteria of both antennas.
 *
 * Appends `a_db` (basic transmission loss, 6 decimals), `propagation_mode` (1 line of sight,
 * 2 diffraction, 3 troposcatter) and `warning` (NTIA's warning flags in words, "; "-separated;
 * empty when none is raised). An input NTIA's code rejects stops the run with its error in
 * words, on the column it is about.
 */
import { itmArea } from '../../core/itm/area.ts';
import { itmErrorField, itmErrorMessage, itmSucceeded, itmWarningMessages, type ItmField } from '../../core/itm/codes.ts';
import { itmP2p, type ItmResult } from '../../core/itm/p2p.ts';
import type { ItmParams } from '../../core/itm/params.ts';
import { InputError } from '../../core/validity.ts';
import { RowError, formatResult, formatWarnings, type BatchSpec, type ColumnSpec, type RowValues } from '../batch.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { CSV_OUTPUT_OPTIONS, ERRORS_HELP, columnsHelp, runCsvCommand } from '../output.ts';

/** Decimals of `a_db` (the contract asks for at least 6). */
export const A_DECIMALS = 6;

/** The modes of `--mode`. */
export const ITM_MODES = ['p2p', 'area'] as const;

// Fields are ITM's input names (src/core/itm/codes.ts ItmField) so that an ITM error lands on its column.
const RADIO_COLUMNS: readonly ColumnSpec[] = [
  { name: 'f_mhz', field: 'freqMHz', required: true, kind: 'number', description: 'frequency, MHz (20–20000; ITM is fitted on 40–10000)' },
  { name: 'h_tx_m', field: 'hTxM', required: true, kind: 'number', description: 'transmitter antenna height above ground, m (0.5–3000; fitted on 1–1000)' },
  { name: 'h_rx_m', field: 'hRxM', required: true, kind: 'number', description: 'receiver antenna height above ground, m (0.5–3000; fitted on 1–1000)' },
];

const STATISTICS_COLUMNS: readonly ColumnSpec[] = [
  { name: 'climate', field: 'climate', required: true, kind: 'number', description: 'radio climate code 1–7 (1 equatorial, 2 continental subtropical, 3 maritime subtropical, 4 desert, 5 continental temperate, 6 maritime temperate over land, 7 over sea)' },
  { name: 'n0', field: 'n0', required: true, kind: 'number', description: 'surface refractivity N0, N-units (250–400)' },
  { name: 'pol', field: 'polarization', required: true, kind: 'number', description: 'polarization: 0 horizontal, 1 vertical' },
  { name: 'epsilon', field: 'epsilon', required: true, kind: 'number', description: 'relative permittivity of the ground (≥ 1; 15 average ground)' },
  { name: 'sigma_s_per_m', field: 'sigmaSPerM', required: true, kind: 'number', description: 'ground conductivity, S/m (> 0; 0.005 average ground)' },
  { name: 'mdvar', field: 'mdvar', required: true, kind: 'number', description: 'mode of variability 0 single message, 1 accidental, 2 mobile, 3 broadcast; +10 no location, +20 no situation variability' },
  { name: 'time_pct', field: 'timePct', required: true, kind: 'number', description: 'time percentage, 0 < p < 100' },
  { name: 'location_pct', field: 'locationPct', required: true, kind: 'number', description: 'location percentage, 0 < p < 100' },
  { name: 'situation_pct', field: 'situationPct', required: true, kind: 'number', description: 'situation percentage, 0 < p < 100' },
];

/** Input columns of `--mode p2p`. */
export const ITM_P2P_COLUMNS: readonly ColumnSpec[] = [
  ...RADIO_COLUMNS,
  { name: 'spacing_m', field: 'spacingM', required: true, kind: 'number', description: 'distance between consecutive terrain heights, m (> 0)' },
  { name: 'elevations_m', field: 'elevationsM', required: true, kind: 'text', description: 'terrain heights, m, separated by ";", the first under the transmitter (at least two)' },
  ...STATISTICS_COLUMNS,
];

/** Input columns of `--mode area`. */
export const ITM_AREA_COLUMNS: readonly ColumnSpec[] = [
  ...RADIO_COLUMNS,
  { name: 'd_km', field: 'dKm', required: true, kind: 'number', description: 'path distance, km (> 0)' },
  { name: 'delta_h_m', field: 'deltaHM', required: true, kind: 'number', description: 'terrain irregularity Δh, m (≥ 0; 0 water, 30 plains, 90 hills, 200 mountains)' },
  { name: 'tx_siting', field: 'txSiting', required: true, kind: 'number', description: 'transmitter siting: 0 random, 1 careful, 2 very careful' },
  { name: 'rx_siting', field: 'rxSiting', required: true, kind: 'number', description: 'receiver siting: 0 random, 1 careful, 2 very careful' },
  ...STATISTICS_COLUMNS,
];

const OUTPUT_COLUMNS = ['a_db', 'propagation_mode', 'warning'];
const OUTPUT_HELP = [
  `basic transmission loss, dB (${A_DECIMALS} decimals)`,
  'ITM propagation mode: 1 line of sight, 2 diffraction, 3 troposcatter',
  'NTIA warning flags in words, "; "-separated; empty when ITM raises none',
];

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses `elevations_m` into an ITM profile `[n, spacing, h0 … hn]`.
 * @throws RowError on `elevations_m` (or `spacing_m`) naming the offending item.
 */
export function parseElevations(text: string, spacingM: number): Float64Array {
  if (!(spacingM > 0)) throw new RowError('spacing_m', `spacing must be > 0 m, got ${spacingM}`);
  const items = text.split(';');
  if (items.length < 2) throw new RowError('elevations_m', `at least two heights separated by ";" are needed, got ${items.length}`);
  const pfl = new Float64Array(items.length + 2);
  pfl[0] = items.length - 1;
  pfl[1] = spacingM;
  for (let i = 0; i < items.length; i++) {
    const item = items[i].trim();
    const value = Number(item);
    if (!DECIMAL.test(item) || !Number.isFinite(value)) {
      throw new RowError('elevations_m', `height ${i + 1} of ${items.length} (${JSON.stringify(items[i].length > 20 ? `${items[i].slice(0, 17)}...` : items[i])}) is not a number${item.includes(',') ? ' (use "." as decimal point)' : ''}`);
    }
    pfl[i + 2] = value;
  }
  return pfl;
}

function paramsOf(v: RowValues): ItmParams {
  return {
    climate: v.climate as number,
    n0: v.n0 as number,
    freqMHz: v.freqMHz as number,
    polarization: v.polarization as number,
    epsilon: v.epsilon as number,
    sigmaSPerM: v.sigmaSPerM as number,
    mdvar: v.mdvar as number,
    timePct: v.timePct as number,
    locationPct: v.locationPct as number,
    situationPct: v.situationPct as number,
  };
}

/** The row's output cells, or the ITM error as an InputError on its column's field. */
function cells(r: ItmResult, v: RowValues): readonly string[] {
  if (!itmSucceeded(r.code)) {
    // Surface-refractivity errors (1021, 1022) come from the terrain's mean elevation.
    const field: ItmField | undefined = itmErrorField(r.code);
    const target = field === 'pfl' ? 'elevationsM' : (field ?? 'freqMHz');
    const got = v[target];
    const shown = typeof got === 'number' ? ` (got ${got})` : '';
    throw new InputError(target, `ITM error ${r.code}: ${itmErrorMessage(r.code)}${shown}`);
  }
  return [formatResult(r.lossDb, A_DECIMALS, 'a_db'), String(r.mode), formatWarnings(itmWarningMessages(r.warnings))];
}

/** The batch of `--mode p2p`. */
export const ITM_P2P_SPEC: BatchSpec = {
  columns: ITM_P2P_COLUMNS,
  outputColumns: OUTPUT_COLUMNS,
  evaluate(v) {
    const pfl = parseElevations(v.elevationsM as string, v.spacingM as number);
    return cells(itmP2p(v.hTxM as number, v.hRxM as number, pfl, paramsOf(v)), v);
  },
};

/** The batch of `--mode area`. */
export const ITM_AREA_SPEC: BatchSpec = {
  columns: ITM_AREA_COLUMNS,
  outputColumns: OUTPUT_COLUMNS,
  evaluate(v) {
    const r = itmArea(v.hTxM as number, v.hRxM as number, v.txSiting as number, v.rxSiting as number, v.dKm as number, v.deltaHM as number, paramsOf(v));
    return cells(r, v);
  },
};

export const itmCommand: CliCommand = {
  name: 'itm',
  summary: 'Longley-Rice ITM v1.4 loss, point-to-point over a profile or area mode (adds a_db, propagation_mode, warning)',
  options: [
    { name: 'mode', valueName: 'mode', required: true, description: 'p2p (terrain profile per row) or area (distance and Δh per row)', choices: () => ITM_MODES, choicesLabel: 'modes' },
    ...CSV_OUTPUT_OPTIONS,
  ],
  details() {
    return [
      '--mode p2p:',
      columnsHelp(ITM_P2P_SPEC, OUTPUT_HELP),
      '',
      '--mode area:',
      columnsHelp(ITM_AREA_SPEC, OUTPUT_HELP),
      '',
      'ITM as NTIA/itm v1.4 computes it (docs/itm.md). An input ITM rejects (its error codes 1000–1022)',
      'is reported with NTIA’s meaning on the column it is about.',
      '',
      ERRORS_HELP,
    ].join('\n');
  },
  run(options, io) {
    const mode = options.get('mode') ?? '';
    if (mode === 'p2p') runCsvCommand(options, io, ITM_P2P_SPEC);
    else if (mode === 'area') runCsvCommand(options, io, ITM_AREA_SPEC);
    else throw new UsageError(`itm: unknown mode ${JSON.stringify(mode)}; valid modes: ${ITM_MODES.join(', ')}`);
  },
};
