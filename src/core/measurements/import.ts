/**
 * Importing drive-test measurements as a preview the user confirms, in the shape of the site
 * import (src/core/scenario/import.ts): the valid points, every bad row with its column and
 * reason, the columns used and ignored. CSV goes through the streaming reader (csv-stream.ts);
 * GeoJSON (a FeatureCollection of Point features whose properties are the CSV columns) is parsed
 * whole, so large files should be CSV.
 *
 * Whole-file problems (empty, not text, not UTF-8, a required column missing, broken quotes, not
 * a FeatureCollection) throw {@link MeasurementFileError} naming the file.
 */
import { resolveColumns } from './columns.ts';
import { MeasurementFileError, measurementProblem, type MeasurementProblem } from './messages.ts';
import { allocatePoints, PointsBuilder, trimPoints, type MeasurementPoints } from './points.ts';
import { MeasurementCsvParser, readMeasurementStream, type MeasurementBatch, type MeasurementImportOptions, type MeasurementImportSummary } from './csv-stream.ts';
import { RowChecker, setRowFields } from './rows.ts';

export type { MeasurementImportOptions } from './csv-stream.ts';

/** A whole file read: the kept points, the cell-id dictionary and the summary (problems, columns). */
export interface MeasurementPreview extends MeasurementImportSummary {
  readonly points: MeasurementPoints;
  /** Cell ids as written in the file; `points.cellId` indexes this list. */
  readonly cellIds: readonly string[];
}

/** Text is cut into pieces of this many characters for the streaming reader. */
const TEXT_PIECE = 1 << 20;

/**
 * Imports measurements from text, by file type: `.geojson` / `.json`, or content starting with
 * `{`, is GeoJSON; anything else CSV.
 */
export function importMeasurements(text: string, fileName: string, options: MeasurementImportOptions = {}): MeasurementPreview {
  const isJson = /\.(geo)?json$/i.test(fileName) || (!/\.(csv|txt|tsv)$/i.test(fileName) && text.trimStart().startsWith('{'));
  return isJson ? importMeasurementsGeoJson(text, fileName, options) : importMeasurementsCsv(text, fileName, options);
}

/** Imports measurement CSV held as one text (the streaming reader, fed in 1 M-character pieces). */
export function importMeasurementsCsv(text: string, fileName: string, options: MeasurementImportOptions = {}): MeasurementPreview {
  const builder = new PointsBuilder(Math.min(1 << 20, Math.max(1024, text.length >> 6)));
  const parser = new MeasurementCsvParser(fileName, options, (b) => builder.append(b.points, b.newCellIds, b.cellIdBase));
  for (let i = 0; i < text.length; i += TEXT_PIECE) parser.push(text.slice(i, i + TEXT_PIECE));
  const summary = parser.end();
  return { ...summary, points: builder.finish(), cellIds: builder.cellIds };
}

/**
 * Imports measurement CSV from a stream (a dropped `File`'s `stream()`, a fetch body, a Node
 * stream through `Readable.toWeb`), collecting the batches.
 * @param onBatch - also called with every batch as it is read (progress, partial drawing)
 * @param signal - cancels the import (the promise rejects with an `AbortError`)
 */
export async function importMeasurementStream(
  stream: ReadableStream<Uint8Array | string>,
  fileName: string,
  options: MeasurementImportOptions = {},
  onBatch?: (batch: MeasurementBatch) => void,
  signal?: AbortSignal,
): Promise<MeasurementPreview> {
  const builder = new PointsBuilder(options.batchSize ?? 65536);
  const summary = await readMeasurementStream(stream, fileName, options, (b) => {
    builder.append(b.points, b.newCellIds, b.cellIdBase);
    onBatch?.(b);
  }, signal);
  return { ...summary, points: builder.finish(), cellIds: builder.cellIds };
}

const GEOMETRY_LON = '__geometry_longitude';
const GEOMETRY_LAT = '__geometry_latitude';

/**
 * Imports measurements from a GeoJSON FeatureCollection of Point features ([longitude,
 * latitude], WGS 84) whose properties are named as CSV columns (`rsrp`, `pci`, …). Latitude and
 * longitude come from the geometry (properties of those names are ignored). Rows are features,
 * numbered from 1.
 */
export function importMeasurementsGeoJson(text: string, fileName: string, options: MeasurementImportOptions = {}): MeasurementPreview {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new MeasurementFileError(fileName, 'the file is empty (a GeoJSON FeatureCollection of points is expected)');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new MeasurementFileError(fileName, `not valid JSON (${(e as Error).message})`);
  }
  if (!isObj(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new MeasurementFileError(fileName, `expected a GeoJSON FeatureCollection, found ${isObj(json) ? `type ${JSON.stringify(json.type)}` : Array.isArray(json) ? 'an array' : typeof json}`);
  }
  const features = json.features as unknown[];
  if (features.length === 0) throw new MeasurementFileError(fileName, 'the FeatureCollection has no features');
  // The header is every property name in order of first appearance, plus the geometry's two.
  const keyIndex = new Map<string, number>();
  for (const f of features) {
    const props = isObj(f) && isObj(f.properties) ? f.properties : {};
    for (const k of Object.keys(props)) if (!keyIndex.has(k)) keyIndex.set(k, keyIndex.size);
  }
  const header = [...keyIndex.keys(), GEOMETRY_LON, GEOMETRY_LAT];
  const mapping = { ...options.columns, lon: GEOMETRY_LON, lat: GEOMETRY_LAT };
  const resolved = resolveColumns(header, fileName, mapping);
  const checker = new RowChecker(resolved.index, header, options, false, 'geometry');
  const out = allocatePoints(features.length);
  const problems: MeasurementProblem[] = [];
  let kept = 0;
  const fields: string[] = new Array(header.length);
  const spans = checker.newRow();
  features.forEach((f, i) => {
    const row = i + 1;
    fields.fill('');
    const props = isObj(f) && isObj(f.properties) ? f.properties : {};
    for (const [k, v] of Object.entries(props)) fields[keyIndex.get(k) as number] = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    const geom = isObj(f) ? f.geometry : undefined;
    const coords = isObj(geom) && geom.type === 'Point' && Array.isArray(geom.coordinates) ? geom.coordinates : null;
    if (coords === null || coords.length < 2) {
      const what = isObj(geom) ? String(geom.type) : String(geom ?? 'none');
      problems.push(measurementProblem(row, 'geometry', 'lat', 'measNotPoint', { value: what }, true));
      return;
    }
    fields[header.length - 2] = typeof coords[0] === 'number' ? String(coords[0]) : String(coords[0] ?? '');
    fields[header.length - 1] = typeof coords[1] === 'number' ? String(coords[1]) : String(coords[1] ?? '');
    setRowFields(spans, fields);
    kept += checker.check(spans, row, out, kept, problems);
  });
  const max = options.maxProblems ?? Infinity;
  return {
    fileName, format: 'geojson', delimiter: null,
    columns: resolved.used.filter((c) => c.field !== 'lat' && c.field !== 'lon').concat([{ field: 'lon', column: 'geometry' }, { field: 'lat', column: 'geometry' }]),
    ignoredColumns: resolved.ignored, notes: checker.timeNote === null ? [] : [checker.timeNote],
    rowsRead: features.length, pointsKept: kept, neighbourRowsSkipped: checker.neighbourRows,
    problems: problems.length > max ? problems.slice(0, max) : problems, problemCount: problems.length,
    points: trimPoints({ ...out, count: kept }), cellIds: checker.takeNewCellIds(),
  };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
