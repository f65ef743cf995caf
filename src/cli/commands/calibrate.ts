/**
 * `phusong calibrate --scenario <s.json> --measurements <m.csv> --out <dir>` (issue 14's command
 * line contract, docs/measurements.md): drive-test measurements against the scenario's
 * prediction, and the per-class correction (offset K1, distance slope K2) fitted with k-fold
 * hold-out. Writes into the output folder (each file through a temporary file renamed into place,
 * output.ts):
 * - calibration.json — the calibrated model (contract.ts `calibrationJson`);
 * - summary.json — counts and the error before / after (held out), plus the carrier and how the
 *   points were associated;
 * - errors.csv — every imported point with its sector, class, predicted, measured and the errors;
 * - scenario-calibrated.json — the scenario with the model as its `calibration` (the engine
 *   applies it: `phusong coverage --scenario scenario-calibrated.json`).
 * The ground (clutter classes) is made as `phusong coverage` makes it (ground-input.ts), so the
 * classes fitted are the ones the engine uses. Bad rows and points that cannot be compared are
 * listed on stderr by file, row and column; a file that cannot be read at all stops the command
 * (exit 1) with one line naming it.
 */
import { createReadStream, mkdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { CLUTTER_TYPES } from '../../core/clutter/p2108.ts';
import { planScene, sceneGrid, sceneWarnings } from '../../core/coverage/scene.ts';
import { ALL_CLASSES } from '../../core/measurements/associate.ts';
import { calibrateComparison, compareMeasurements, detectCarrier } from '../../core/measurements/compare.ts';
import { calibrationJson, errorsCsv, summaryJson } from '../../core/measurements/contract.ts';
import { importMeasurementStream, type MeasurementPreview } from '../../core/measurements/import.ts';
import { MeasurementFileError, type MeasurementProblem } from '../../core/measurements/messages.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import type { CliCommand, CliIo, ParsedOptions } from '../command.ts';
import { DataError, UsageError } from '../errors.ts';
import { readGround } from '../ground-input.ts';
import { openOutput, writeOutput } from '../output.ts';
import { describeFsError } from '../csv.ts';
import { DEFAULT_BOUNDARY, DEFAULT_COMMUNES, readBoundary, readScenario } from './coverage.ts';
import { parseBoundaryGeoJson, type BoundaryFeature } from '../../core/boundaries/boundaries.ts';

/** Row problems printed on stderr before the rest is only counted. */
const MAX_LISTED = 20;

/** One problem as a located line: `m.csv row 12, column rsrp_dbm: …` (rows are file lines, the header's included). */
export function problemLine(file: string, p: MeasurementProblem): string {
  const where = `${file} ${p.row === 0 ? 'file' : `line ${p.row}`}${p.column ? `, column ${p.column}` : p.field ? `, field ${p.field}` : ''}`;
  return `${where}: ${p.reason}${p.dropped ? ' (left out)' : ' (value ignored)'}`;
}

async function importFile(path: string): Promise<MeasurementPreview> {
  let stream: ReadableStream<Uint8Array>;
  try {
    stream = Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;
    return await importMeasurementStream(stream, basename(path), { maxProblems: 10000 });
  } catch (e) {
    if (e instanceof MeasurementFileError) throw new DataError(`${path}: ${e.message.slice(e.fileName.length + 2)}`);
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code) throw new DataError(`${path}: cannot read the measurements (${describeFsError(e)})`);
    throw e;
  }
}

/** Communes for the ground, or none (with a note) when the prepared file is absent. */
function communesFor(path: string | undefined, io: CliIo): { features: BoundaryFeature[]; file: string } {
  const file = path ?? DEFAULT_COMMUNES;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (path) throw new DataError(`${file}: cannot read the communes (${describeFsError(err)})`);
    io.stderr(`phusong: note: ${file} not found (npm run data): no clutter classes, one correction per model\n`);
    return { features: [], file };
  }
  try {
    return { features: parseBoundaryGeoJson(text, file, 'name').features, file };
  } catch (e) {
    throw new DataError((e as Error).message);
  }
}

function numberOption(options: ParsedOptions, name: string, dflt: number, ok: (v: number) => boolean, what: string): number {
  const text = options.get(name);
  if (text === undefined) return dflt;
  const v = Number(text);
  if (!ok(v)) throw new UsageError(`calibrate: --${name} must be ${what}, got ${JSON.stringify(text)}`);
  return v;
}

export const calibrateCommand: CliCommand = {
  name: 'calibrate',
  summary: 'drive-test measurements against the prediction; per-class offset and slope fitted with k-fold hold-out (calibration.json, errors.csv, summary.json)',
  options: [
    { name: 'scenario', valueName: 's.json', required: true, description: 'scenario JSON; its sectors\' pci / cellId match the measurements' },
    { name: 'measurements', valueName: 'm.csv', required: true, description: 'measurements (CSV, or GeoJSON points): lat, lon, rsrp_dbm required; pci, cell_id, earfcn, nr_arfcn, time, sinr, rsrq optional' },
    { name: 'out', valueName: 'dir', required: false, description: 'output folder, created if absent (also --output)' },
    { name: 'output', valueName: 'dir', required: false, description: 'the same as --out' },
    { name: 'cell', valueName: 'metres', required: false, description: 'grid cell size of the clutter classes, 10–500 m (default 50)' },
    { name: 'carrier', valueName: 'id', required: false, description: 'carrier measured (default: the one whose band holds the file\'s EARFCN / NR-ARFCN, else the first)' },
    { name: 'name', valueName: 'text', required: false, description: 'name of the calibrated model (default: "calibration <file name>")' },
    { name: 'folds', valueName: 'k', required: false, description: 'hold-out folds, 2–100 (default 5)' },
    { name: 'seed', valueName: 'n', required: false, description: 'seed of the fold shuffle (default 1)' },
    { name: 'max-distance', valueName: 'km', required: false, description: 'farthest serving sector accepted (default 35 km)' },
    { name: 'boundary', valueName: 'file.geojson', required: false, description: 'area of the grid (default: the Vĩnh Long province outline prepared by npm run data)' },
    { name: 'communes', valueName: 'file.geojson', required: false, description: 'communes of the ground (clutter from water, commune type and density), as phusong coverage' },
    { name: 'population', valueName: 'file.tif', required: false, description: 'people-count raster of the ground (default: the prepared WorldPop 2020 file)' },
    { name: 'landcover', valueName: 'file.tif', required: false, description: 'land-cover GeoTIFF with ESA WorldCover codes for the clutter classes' },
    { name: 'dem', valueName: 'file.tif|.hgt', required: false, description: 'elevation model resampled to the grid (default: flat earth)' },
  ],
  details: () => [
    'Error = measured − predicted (dB); the prediction is the scenario\'s own model, without any calibration it already has.',
    'Serving sector: by cell id (Sector.cellId, or the sector ids when the file\'s cell ids are sector ids), else by PCI',
    '(the nearest sector with it, on the carrier of the EARFCN / NR-ARFCN when given), else the predicted best server.',
    'Correction per (path-loss model, clutter class): K1 + K2·log10(max(d, 10 m) / 1 km); groups under 30 points are not fitted,',
    'outliers (beyond 3 scaled MADs) are reported and left out; the after-figures are k-fold held out. docs/measurements.md.',
    'Files: calibration.json, summary.json, errors.csv, scenario-calibrated.json in the output folder.',
  ].join('\n'),
  async run(options: ParsedOptions, io: CliIo) {
    if (options.has('out') && options.has('output')) throw new UsageError('calibrate: give --out or --output, not both');
    const outText = options.get('out') ?? options.get('output');
    if (outText === undefined) throw new UsageError('calibrate: missing --out <dir>');
    const out = resolve(outText);
    const cell = numberOption(options, 'cell', 50, (v) => v >= 10 && v <= 500, 'a number of metres in 10–500');
    const folds = numberOption(options, 'folds', 5, (v) => Number.isInteger(v) && v >= 2 && v <= 100, 'a whole number 2–100');
    const seed = numberOption(options, 'seed', 1, (v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32, 'a whole number ≥ 0');
    const maxKm = numberOption(options, 'max-distance', 35, (v) => v > 0 && v <= 100, 'a distance in (0, 100] km');
    const measurementsPath = options.get('measurements')!;
    const name = (options.get('name') ?? `calibration ${basename(measurementsPath)}`).trim();
    if (name.length < 1 || name.length > 200) throw new UsageError(`calibrate: --name must be 1–200 characters, got ${name.length}`);

    const { rings, inside } = readBoundary(options.get('boundary') ?? DEFAULT_BOUNDARY);
    const scenario = readScenario(options.get('scenario')!, inside, io);
    const preview = await importFile(measurementsPath);
    const file = basename(measurementsPath);
    const listed = (problems: readonly MeasurementProblem[], what: string, total: number) => {
      for (const p of problems.slice(0, MAX_LISTED)) io.stderr(`phusong: warning: ${problemLine(file, p)}\n`);
      if (total > MAX_LISTED) io.stderr(`phusong: warning: ${file}: ${total - MAX_LISTED} more ${what} (every point is in errors.csv)\n`);
    };
    listed(preview.problems, 'row problems', preview.problemCount);
    if (preview.pointsKept === 0) throw new DataError(`${measurementsPath}: no valid measurement row (${preview.problemCount} problems; the first: ${preview.problems[0] ? problemLine(file, preview.problems[0]) : 'none'})`);

    // The carrier measured.
    const carrierOpt = options.get('carrier');
    let carrierIndex: number;
    if (carrierOpt !== undefined) {
      carrierIndex = scenario.carriers.findIndex((c) => c.id === carrierOpt);
      if (carrierIndex < 0) throw new UsageError(`calibrate: unknown carrier ${JSON.stringify(carrierOpt)}; valid: ${scenario.carriers.map((c) => c.id).join(', ')}`);
    } else {
      carrierIndex = Math.max(0, detectCarrier(preview.points, scenario.carriers));
    }
    const carrier = scenario.carriers[carrierIndex];

    // The ground of the grid, as phusong coverage makes it.
    const communes = communesFor(options.get('communes'), io);
    const grid = sceneGrid(rings, cell);
    const gr = communes.features.length ? await readGround(grid, communes.features, communes.file, { population: options.get('population'), landCover: options.get('landcover'), dem: options.get('dem') }) : null;
    for (const note of gr?.ground.notes ?? []) io.stderr(`phusong: note: ${note}\n`);
    const scene = planScene(scenario, rings, { cellSizeM: cell, carrierIds: [carrier.id] }, gr?.ground.clutter ?? null, gr?.dem ?? null);
    for (const w of sceneWarnings(scene)) io.stderr(`phusong: warning: ${w}\n`);

    const cmp = compareMeasurements({ points: preview.points, cellIds: preview.cellIds, scene, scenario, carrier: 0, maxServingDistanceKm: maxKm });
    listed(cmp.problems, 'points not compared', cmp.problems.length);
    if (cmp.sample.used.every((u) => u === 0)) {
      throw new DataError(`${measurementsPath}: none of the ${preview.pointsKept} points could be compared with carrier ${carrier.id} (the first: ${cmp.problems[0] ? problemLine(file, cmp.problems[0]) : 'none'})`);
    }
    const cal = calibrateComparison(cmp, scene, { name, folds, seed });
    const model = cal.result.model;

    try {
      mkdirSync(out, { recursive: true });
    } catch (err) {
      throw new DataError(`${out}: cannot create the output folder (${describeFsError(err)})`);
    }
    const refusedRows = new Set(preview.problems.filter((p) => p.dropped).map((p) => p.row)).size;
    const summary = {
      ...summaryJson(cal.result, { rowsRead: preview.rowsRead, rowsRefused: refusedRows, pointsNotAssociated: cmp.problems.length }, preview.pointsKept),
      carrier: carrier.id,
      cell_id_source: cmp.cellIdSource,
      associated_by: { cell_id: cmp.association.countBy.cellId, pci: cmp.association.countBy.pci, best_server: cmp.association.countBy.bestServer },
      measurements: measurementsPath,
      scenario: options.get('scenario'),
    };
    writeOutput(join(out, 'calibration.json'), JSON.stringify(calibrationJson(model), null, 2) + '\n', io);
    writeOutput(join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n', io);
    const calibrated: Scenario = { ...scenario, calibration: model };
    writeOutput(join(out, 'scenario-calibrated.json'), JSON.stringify(calibrated, null, 2) + '\n', io);
    const target = openOutput(join(out, 'errors.csv'), io);
    try {
      for (const piece of errorsCsv(preview.points, cmp.association, cmp.sample, cal.result, {
        sectorLabel: (i) => scene.sectors[i]?.id ?? String(i),
        className: (c) => (c === ALL_CLASSES ? 'all' : CLUTTER_TYPES[c] ?? String(c)),
      })) target.write(piece);
      target.commit();
    } catch (err) {
      target.abort();
      throw err;
    }

    const s = cal.result.summary;
    const f = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
    io.stderr(`calibrate: ${preview.pointsKept} points on ${carrier.id} (${cmp.association.countBy.cellId} by cell id, ${cmp.association.countBy.pci} by PCI, ${cmp.association.countBy.bestServer} by best server), ${s.nUsed} used, ${s.nOutliers} outliers\n`);
    for (const e of model.perClass) {
      io.stderr(`  ${e.modelId} ${e.className}: ${e.nPoints} points, ${e.fitted ? `K1 ${f(e.offsetDb)} dB, K2 ${e.slopeFitted ? `${f(e.slopeDbPerDecade)} dB/decade` : '—'}, held-out RMSE ${f(e.rmseBeforeDb)} → ${f(e.rmseAfterDb)} dB` : 'not fitted'}${e.reason ? ` (${e.reason})` : ''}\n`);
    }
    io.stderr(`calibrate: mean error ${f(s.meanErrorBeforeDb)} → ${f(s.meanErrorAfterDb)} dB, RMSE ${f(s.rmseBeforeDb)} → ${f(s.rmseAfterDb)} dB (held out); 4 files in ${out}\n`);
  },
};
