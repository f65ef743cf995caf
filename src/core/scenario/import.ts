/**
 * Importing sites from a CSV file (one row per sector, rows of a site grouped by `site_id`) or a
 * GeoJSON file (Point features with the same properties), as a preview the user confirms:
 * valid sites, every bad row with its column and reason, and the sites refused because of it.
 * Applying the preview ({@link applyImport}) is a pure function; cancelling is not calling it.
 *
 * Rules (docs/sites-import.md documents every column):
 * - Row numbers are the file's line numbers (the header is row 1; a field spanning lines
 *   counts from its first line); for GeoJSON, the feature's position (1 = first feature).
 * - A site is all or nothing: if any of its rows is bad, the whole site is refused (listed in
 *   `refusedSites` with its rows, the bad ones in `problems`). Planning with a site that lost a
 *   sector silently would show a coverage hole that is not there.
 * - Site columns (name, lat, lon, height, kind, status, private network) are read on the first
 *   row of a site; later rows may leave them empty or must repeat the same values.
 * - A carrier is named by `carrier_id` (one of the scenario's, or one defined in the file), or
 *   given by `band` + `freq_mhz` + `bandwidth_mhz` (+ `scs_khz`); an equal carrier already in
 *   the scenario is reused, otherwise the preview lists it in `newCarriers`.
 * - A whole-file problem (empty, not text, `;`- or tab-separated, required column missing,
 *   broken quotes, not a GeoJSON FeatureCollection, more than {@link IMPORT_MAX_ROWS} rows)
 *   throws {@link ImportFileError} naming the file.
 * - A cell that cannot be a value — a GeoJSON property that is a list or an object, text
 *   holding a NUL character — is a problem of its row and column (`valNotScalar`,
 *   `valNulChar`); a NUL in the header row means the file is not UTF-8 text (UTF-16?) and is
 *   refused whole, naming the line. Names are sanitised by the field rules (text.ts).
 */
import Papa from 'papaparse';
import type { Carrier, InsideTest, Scenario, Site } from './scenario.ts';
import { msg, type ValidationMessage } from './fields.ts';
import { buildPreview, problem, sameRadio, type InRecord } from './import-rows.ts';
import { SCENARIO_LIMITS } from './admit.ts';
import { describeValue, hasNul, quoteShort } from './text.ts';

/** One column of the import format. */
export interface ImportColumn {
  readonly name: string;
  /** `site`: read on a site's first row; `sector`: every row. */
  readonly level: 'site' | 'sector';
  /** Also accepted in the header (compared without case and surrounding spaces). */
  readonly aliases?: readonly string[];
}

/** Columns of the CSV format and properties of the GeoJSON format (docs/sites-import.md). */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { name: 'site_id', level: 'site' },
  { name: 'site_name', level: 'site', aliases: ['name'] },
  { name: 'lat', level: 'site', aliases: ['latitude', 'lat_deg'] },
  { name: 'lon', level: 'site', aliases: ['longitude', 'lng', 'lon_deg'] },
  { name: 'height_m', level: 'site' },
  { name: 'kind', level: 'site' },
  { name: 'status', level: 'site' },
  { name: 'private_network_id', level: 'site' },
  { name: 'sector_id', level: 'sector' },
  { name: 'carrier_id', level: 'sector' },
  { name: 'tech', level: 'sector' },
  { name: 'band', level: 'sector' },
  { name: 'freq_mhz', level: 'sector' },
  { name: 'bandwidth_mhz', level: 'sector' },
  { name: 'scs_khz', level: 'sector' },
  { name: 'azimuth_deg', level: 'sector' },
  { name: 'mech_tilt_deg', level: 'sector' },
  { name: 'elec_tilt_deg', level: 'sector' },
  { name: 'tx_power_dbm', level: 'sector' },
  { name: 'feeder_loss_db', level: 'sector' },
  { name: 'antenna_type', level: 'sector' },
  { name: 'antenna_gain_dbi', level: 'sector' },
  { name: 'h_beamwidth_deg', level: 'sector' },
  { name: 'v_beamwidth_deg', level: 'sector' },
  { name: 'front_to_back_db', level: 'sector' },
  { name: 'side_lobe_db', level: 'sector' },
  { name: 'model', level: 'sector', aliases: ['model_id'] },
];

/** Most data rows (CSV records or GeoJSON features) an import reads: 20,000 sites of 6 sectors and more. */
export const IMPORT_MAX_ROWS = 200_000;

/** Columns a CSV header must have (plus `carrier_id`, or `band` + `freq_mhz` + `bandwidth_mhz`). */
export const REQUIRED_CSV_COLUMNS: readonly string[] = ['site_id', 'lat', 'lon', 'height_m', 'azimuth_deg', 'tx_power_dbm', 'antenna_gain_dbi', 'model'];


/** A problem of one row: line number (CSV) or feature number (GeoJSON), column, reason. */
export interface ImportProblem {
  readonly row: number;
  /** Canonical column name (`lat` for a lat/lon pair, `geometry` for a GeoJSON point), or null for the whole row. */
  readonly column: string | null;
  /** English text of {@link message}. */
  readonly reason: string;
  /** Language-neutral message for the UI's dictionary (fields.ts). */
  readonly message: ValidationMessage;
  readonly siteId?: string;
}

/** A site left out because at least one of its rows is bad. */
export interface RefusedSite {
  readonly siteId: string;
  readonly rows: readonly number[];
  readonly badRows: readonly number[];
}

export interface ImportPreview {
  readonly fileName: string;
  readonly format: 'csv' | 'geojson';
  /** Valid sites only, in the order of their first row. */
  readonly sites: Site[];
  /** Carriers the valid sites use that the scenario does not have. */
  readonly newCarriers: Carrier[];
  /** Every bad row, with column and reason, in row order. */
  readonly problems: ImportProblem[];
  readonly refusedSites: RefusedSite[];
  /** Data rows read (CSV records after the header, blank lines not counted; GeoJSON features). */
  readonly rowsRead: number;
  /** Header columns (CSV) the format does not know, ignored. */
  readonly ignoredColumns: string[];
}

export interface ImportOptions {
  /** Inside-province test; a site outside is a problem (and a swap that would put it inside is said). */
  readonly inside?: InsideTest;
  /** Defaults to every model of the registry. */
  readonly knownModelIds?: readonly string[];
}

/** A file that cannot be read as sites at all; the message starts with the file name. */
export class ImportFileError extends Error {
  readonly fileName: string;
  constructor(fileName: string, message: string) {
    super(`${fileName}: ${message}`);
    this.name = 'ImportFileError';
    this.fileName = fileName;
  }
}

/**
 * Decodes a dropped file's bytes as UTF-8 text (a byte-order mark is removed).
 * @throws ImportFileError when the bytes are not UTF-8 (e.g. an .xlsx or a Windows-1258 export)
 */
export function decodeImportBytes(bytes: Uint8Array, fileName: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(fileName, 'not UTF-8 text (save the sheet as "CSV UTF-8", or export GeoJSON)');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Imports by file type: `.geojson` / `.json`, or content starting with `{`, is GeoJSON; else CSV. */
export function importSites(text: string, fileName: string, scenario: Pick<Scenario, 'carriers' | 'sites'>, options: ImportOptions = {}): ImportPreview {
  const isJson = /\.(geo)?json$/i.test(fileName) || (!/\.csv$/i.test(fileName) && text.trimStart().startsWith('{'));
  return isJson ? importSitesGeoJson(text, fileName, scenario, options) : importSitesCsv(text, fileName, scenario, options);
}

// ---------------------------------------------------------------------------------------------
// Reading records

const CANONICAL = new Map<string, string>(IMPORT_COLUMNS.flatMap((c) => [[c.name, c.name] as const, ...(c.aliases ?? []).map((a) => [a, c.name] as const)]));
const canonical = (header: string): string | undefined => CANONICAL.get(header.trim().toLowerCase());

/**
 * Imports sites from CSV text: RFC 4180, comma-separated, header row, one row per sector,
 * `.` as decimal point, UTF-8 (a byte-order mark is accepted).
 * @param scenario - the scenario the sites will join: its carriers and site ids
 * @throws ImportFileError for a file that cannot be read as such a CSV
 */
export function importSitesCsv(text: string, fileName: string, scenario: Pick<Scenario, 'carriers' | 'sites'>, options: ImportOptions = {}): ImportPreview {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new ImportFileError(fileName, 'the file is empty (a header row and one row per sector are expected)');

  const rows: { line: number; fields: string[] }[] = [];
  let quoteError: string | null = null;
  let start = 0;
  // Lines are counted from the record's first character: papaparse's cursor is the offset
  // just after each record and its line break.
  const parsed = { linebreak: '\n' };
  Papa.parse<string[]>(text, {
    delimiter: ',',
    step: (r) => {
      parsed.linebreak = r.meta.linebreak || '\n';
      const line = 1 + countOccurrences(text, parsed.linebreak, start);
      if (r.errors.length > 0 && quoteError === null) quoteError = `line ${line}: ${r.errors[0].message.toLowerCase()} (check the quotes)`;
      rows.push({ line, fields: r.data });
      start = r.meta.cursor;
    },
  });
  if (quoteError !== null) throw new ImportFileError(fileName, quoteError);
  const isBlank = (fields: string[]) => fields.every((f) => f.trim() === '');
  const headerIndex = rows.findIndex((r) => !isBlank(r.fields));
  if (headerIndex < 0) throw new ImportFileError(fileName, 'the file has no header row (only empty fields)');
  const header = rows[headerIndex].fields.map((h) => h.trim());
  const nulColumn = header.findIndex(hasNul);
  if (nulColumn >= 0) {
    throw new ImportFileError(fileName, `header row (line ${rows[headerIndex].line}), column ${nulColumn + 1}: contains NUL characters (U+0000): not a text file (UTF-16, or binary data?); save it as "CSV UTF-8"`);
  }
  if (header.length === 1) {
    for (const [sep, name] of [[';', 'semicolon'], ['\t', 'tab']] as const) {
      if (header[0].includes(sep)) {
        throw new ImportFileError(fileName, `header row: only one column found and it contains a ${name}: the file looks ${name}-separated; save it as comma-separated CSV with "." as decimal point`);
      }
    }
  }
  const columns: (string | undefined)[] = header.map(canonical);
  const ignoredColumns = header.filter((h, i) => columns[i] === undefined && h !== '');
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (c === undefined) return;
    if (seen.has(c)) throw new ImportFileError(fileName, `header row: column ${c} appears twice ("${header[i]}")`);
    seen.add(c);
  });
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => !seen.has(c));
  const hasCarrier = seen.has('carrier_id') || (seen.has('band') && seen.has('freq_mhz') && seen.has('bandwidth_mhz'));
  if (missing.length > 0 || !hasCarrier) {
    const need = [...missing, ...(hasCarrier ? [] : ['carrier_id (or band, freq_mhz and bandwidth_mhz)'])];
    throw new ImportFileError(fileName, `header row: required column${need.length > 1 ? 's' : ''} missing: ${need.join(', ')} (the header has: ${header.join(', ')})`);
  }
  const data = rows.slice(headerIndex + 1).filter((r) => !isBlank(r.fields));
  if (data.length === 0) throw new ImportFileError(fileName, 'no data rows after the header');
  if (data.length > IMPORT_MAX_ROWS) throw new ImportFileError(fileName, `${data.length} data rows, more than the ${IMPORT_MAX_ROWS} an import may have`);

  const records: InRecord[] = data.map(({ line, fields }) => {
    const cells = new Map<string, unknown>();
    const extra = fields.slice(header.length);
    const readProblems = fields.length < header.length || extra.some((f) => f.trim() !== '')
      ? [problem(line, null, msg('valFieldCount', { found: fields.length, expected: header.length }))]
      : [];
    columns.forEach((c, i) => {
      if (c === undefined || i >= fields.length) return;
      const bad = badCell(fields[i]);
      if (bad) readProblems.push(problem(line, c, bad));
      else cells.set(c, fields[i]);
    });
    return { row: line, cells, readProblems, coordColumn: 'lat' };
  });
  return buildPreview(records, fileName, 'csv', scenario, options, ignoredColumns);
}

function countOccurrences(text: string, needle: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0 && i < end; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Imports sites from a GeoJSON FeatureCollection of Point features ([longitude, latitude],
 * WGS 84) whose properties are the CSV columns (lat / lon come from the geometry).
 * @throws ImportFileError for text that is not JSON, not a FeatureCollection, or has no features
 */
export function importSitesGeoJson(text: string, fileName: string, scenario: Pick<Scenario, 'carriers' | 'sites'>, options: ImportOptions = {}): ImportPreview {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new ImportFileError(fileName, 'the file is empty (a GeoJSON FeatureCollection of points is expected)');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ImportFileError(fileName, `not valid JSON (${(e as Error).message})`);
  }
  if (!isObj(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new ImportFileError(fileName, `expected a GeoJSON FeatureCollection, found ${isObj(json) ? `type ${JSON.stringify(json.type)}` : Array.isArray(json) ? 'an array' : typeof json}`);
  }
  if (json.features.length === 0) throw new ImportFileError(fileName, 'the FeatureCollection has no features');
  if (json.features.length > IMPORT_MAX_ROWS) throw new ImportFileError(fileName, `${json.features.length} features, more than the ${IMPORT_MAX_ROWS} an import may have`);
  const records: InRecord[] = json.features.map((f: unknown, i: number) => {
    const row = i + 1;
    const cells = new Map<string, unknown>();
    const readProblems: ImportProblem[] = [];
    const props = isObj(f) && isObj(f.properties) ? f.properties : {};
    const siteIdOf = typeof props.site_id === 'string' && !hasNul(props.site_id) ? props.site_id : undefined;
    for (const [k, v] of Object.entries(props)) {
      const c = canonical(k);
      if (c === undefined || c === 'lat' || c === 'lon') continue;
      const bad = badCell(v);
      if (bad) readProblems.push(problem(row, c, bad, siteIdOf));
      else cells.set(c, v);
    }
    const geom = isObj(f) ? f.geometry : undefined;
    const coords = isObj(geom) && geom.type === 'Point' && Array.isArray(geom.coordinates) ? geom.coordinates : null;
    if (coords === null || coords.length < 2) {
      const what = isObj(geom) ? (typeof geom.type === 'string' ? quoteShort(geom.type) : describeValue(geom.type)) : geom === undefined || geom === null ? 'none' : describeValue(geom);
      readProblems.push(problem(row, 'geometry', msg('valNotPoint', { value: what }), siteIdOf));
    } else {
      cells.set('lon', coords[0]);
      cells.set('lat', coords[1]);
    }
    return { row, cells, readProblems, coordColumn: 'geometry' };
  });
  return buildPreview(records, fileName, 'geojson', scenario, options, []);
}

/** Why a cell cannot be read as a value (a list or an object, or text with a NUL), or null. */
function badCell(v: unknown): ValidationMessage | null {
  if (v !== null && typeof v === 'object') return msg('valNotScalar');
  if (typeof v === 'string' && hasNul(v)) return msg('valNulChar');
  return null;
}
/**
 * The scenario with the preview's valid sites (and the carriers they need) added at the end:
 * a new object, the input unchanged.
 * @throws ImportFileError if a site or carrier id of the preview is now taken (the scenario changed
 *   since the preview was made: make the preview again), or if the scenario would exceed
 *   SCENARIO_LIMITS (admit.ts) and so be refused when next opened
 */
export function applyImport(scenario: Scenario, preview: ImportPreview): Scenario {
  if (scenario.sites.length + preview.sites.length > SCENARIO_LIMITS.maxSites) {
    throw new ImportFileError(preview.fileName, `the scenario would have ${scenario.sites.length + preview.sites.length} sites, more than the ${SCENARIO_LIMITS.maxSites} a scenario may hold`);
  }
  const siteIds = new Set(scenario.sites.map((s) => s.id));
  const clashes = preview.sites.filter((s) => siteIds.has(s.id)).map((s) => s.id);
  if (clashes.length > 0) throw new ImportFileError(preview.fileName, `site ids already in the scenario: ${clashes.join(', ')} (import the file again)`);
  const carrierById = new Map(scenario.carriers.map((c) => [c.id, c]));
  const newCarriers = preview.newCarriers.filter((c) => {
    const old = carrierById.get(c.id);
    if (old && !sameRadio(old, c)) throw new ImportFileError(preview.fileName, `carrier ${c.id} is now in the scenario with other parameters (import the file again)`);
    return !old;
  });
  if (scenario.carriers.length + newCarriers.length > SCENARIO_LIMITS.maxCarriers) {
    throw new ImportFileError(preview.fileName, `the scenario would have ${scenario.carriers.length + newCarriers.length} carriers, more than the ${SCENARIO_LIMITS.maxCarriers} a scenario may hold`);
  }
  return { ...scenario, carriers: [...scenario.carriers, ...newCarriers], sites: [...scenario.sites, ...preview.sites] };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
