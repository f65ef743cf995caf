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
 *   broken quotes, not a GeoJSON FeatureCollection) throws {@link ImportFileError} naming the file.
 */
import Papa from 'papaparse';
import type { Carrier, InsideTest, Scenario, Sector, SectorAntenna, Site, Technology } from './scenario.ts';
import {
  checkBand, checkBandwidthMHz, checkEnum, checkFreqMHz, checkHeightM, checkId, checkLonLat, checkModelId, checkName, checkNumberField, checkScsKHz,
  FIELD_SPECS, formatValidationMessage, msg, validateSite, type FieldName, type FieldResult, type NumberFieldName, type ValidationMessage,
} from './fields.ts';

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

/** Columns a CSV header must have (plus `carrier_id`, or `band` + `freq_mhz` + `bandwidth_mhz`). */
export const REQUIRED_CSV_COLUMNS: readonly string[] = ['site_id', 'lat', 'lon', 'height_m', 'azimuth_deg', 'tx_power_dbm', 'antenna_gain_dbi', 'model'];

const SITE_COLUMNS = ['site_name', 'lat', 'lon', 'height_m', 'kind', 'status', 'private_network_id'] as const;

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

/** One data row, by canonical column name; values as read (CSV: strings). */
interface InRecord {
  readonly row: number;
  readonly cells: ReadonlyMap<string, unknown>;
  /** Problem already found while reading (field count, GeoJSON geometry). */
  readonly readProblems: ImportProblem[];
  /** Column to name for coordinate problems: `lat` (CSV) or `geometry` (GeoJSON). */
  readonly coordColumn: string;
}

const CANONICAL = new Map<string, string>(IMPORT_COLUMNS.flatMap((c) => [[c.name, c.name] as const, ...(c.aliases ?? []).map((a) => [a, c.name] as const)]));
const canonical = (header: string): string | undefined => CANONICAL.get(header.trim().toLowerCase());

function problem(row: number, column: string | null, message: ValidationMessage, siteId?: string): ImportProblem {
  const p = { row, column, reason: formatValidationMessage(message, 'en'), message };
  return siteId === undefined ? p : { ...p, siteId };
}

/**
 * Imports sites from CSV text: RFC 4180, comma-separated, header row, one row per sector,
 * `.` as decimal point, UTF-8 (a byte-order mark is accepted).
 * @param scenario - the scenario the sites will join: its carriers and site ids
 * @throws ImportFileError for a file that cannot be read as such a CSV
 */
export function importSitesCsv(text: string, fileName: string, scenario: Pick<Scenario, 'carriers' | 'sites'>, options: ImportOptions = {}): ImportPreview {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new ImportFileError(fileName, 'the file is empty (a header row and one row per sector are expected)');
  if (text.includes('\u0000')) throw new ImportFileError(fileName, 'not a text file (CSV expected)');

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

  const records: InRecord[] = data.map(({ line, fields }) => {
    const cells = new Map<string, unknown>();
    columns.forEach((c, i) => {
      if (c !== undefined && i < fields.length) cells.set(c, fields[i]);
    });
    const extra = fields.slice(header.length);
    const readProblems = fields.length < header.length || extra.some((f) => f.trim() !== '')
      ? [problem(line, null, msg('valFieldCount', { found: fields.length, expected: header.length }))]
      : [];
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
  const records: InRecord[] = json.features.map((f: unknown, i: number) => {
    const row = i + 1;
    const cells = new Map<string, unknown>();
    const readProblems: ImportProblem[] = [];
    const props = isObj(f) && isObj(f.properties) ? f.properties : {};
    for (const [k, v] of Object.entries(props)) {
      const c = canonical(k);
      if (c !== undefined && c !== 'lat' && c !== 'lon') cells.set(c, v);
    }
    const geom = isObj(f) ? f.geometry : undefined;
    const coords = isObj(geom) && geom.type === 'Point' && Array.isArray(geom.coordinates) ? geom.coordinates : null;
    if (coords === null || coords.length < 2) {
      const what = isObj(geom) ? String(geom.type) : String(geom ?? 'none');
      readProblems.push(problem(row, 'geometry', msg('valNotPoint', { value: what }), typeof props.site_id === 'string' ? props.site_id : undefined));
    } else {
      cells.set('lon', coords[0]);
      cells.set('lat', coords[1]);
    }
    return { row, cells, readProblems, coordColumn: 'geometry' };
  });
  return buildPreview(records, fileName, 'geojson', scenario, options, []);
}

// ---------------------------------------------------------------------------------------------
// From records to sites

interface SiteFields {
  name: string;
  lonDeg: number;
  latDeg: number;
  heightM: number;
  kind: Site['kind'];
  status: Site['status'];
  privateNetworkId?: string;
}

type Radio = Omit<Carrier, 'id'>;

interface ParsedRow {
  readonly row: number;
  readonly siteId: string | null;
  readonly problems: ImportProblem[];
  site: Partial<SiteFields>;
  /** Trimmed text of each site column given on this row (for consistency messages). */
  siteText: Map<string, string>;
  sectorId: string | null;
  sector: Omit<Sector, 'id' | 'carrierId'> | null;
  /** The carrier this row defines (band columns), with the id it asks for if any. */
  radio: { readonly id: string | null; readonly radio: Radio } | null;
  /** carrier_id without band columns: a reference to resolve. */
  carrierRef: string | null;
  carrierId: string | null;
}

const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const cellText = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());
const sameRadio = (a: Radio, b: Radio): boolean =>
  a.tech === b.tech && a.band === b.band && a.freqMHz === b.freqMHz && a.bandwidthMHz === b.bandwidthMHz && a.scsKHz === b.scsKHz;
const describeRadio = (r: Radio): string => `${r.tech} ${r.band} ${r.freqMHz} MHz, ${r.bandwidthMHz} MHz, ${r.scsKHz} kHz`;

/** Column named in a problem for each field validateSite can report. */
const COLUMN_OF_FIELD: Partial<Record<FieldName, string>> = {
  id: 'site_id', name: 'site_name', latDeg: 'lat', lonDeg: 'lon', heightM: 'height_m', kind: 'kind', status: 'status', privateNetworkId: 'private_network_id',
  carrierId: 'carrier_id', azimuthDeg: 'azimuth_deg', mechanicalTiltDeg: 'mech_tilt_deg', electricalTiltDeg: 'elec_tilt_deg', txPowerDbm: 'tx_power_dbm',
  feederLossDb: 'feeder_loss_db', antennaType: 'antenna_type', maxGainDbi: 'antenna_gain_dbi', hBeamwidthDeg: 'h_beamwidth_deg', vBeamwidthDeg: 'v_beamwidth_deg',
  frontToBackDb: 'front_to_back_db', sideLobeDb: 'side_lobe_db', modelId: 'model',
};

function buildPreview(records: InRecord[], fileName: string, format: 'csv' | 'geojson', scenario: Pick<Scenario, 'carriers' | 'sites'>, options: ImportOptions, ignoredColumns: string[]): ImportPreview {
  // Pass 1: site ids and each site's first row.
  const firstRowOf = new Map<string, number>();
  for (const r of records) {
    const id = checkId(r.cells.get('site_id'));
    if (id.ok && !firstRowOf.has(id.value)) firstRowOf.set(id.value, r.row);
  }
  // Pass 2: every cell of every row.
  const parsed = records.map((r) => parseRow(r, firstRowOf, options));
  // Pass 3: carriers defined in the file, then references.
  resolveCarriers(parsed, scenario.carriers);
  // Pass 4: group rows into sites, check consistency, ids and sector ids.
  const existingIds = new Set(scenario.sites.map((s) => s.id));
  const groups = new Map<string, ParsedRow[]>();
  for (const p of parsed) {
    if (p.siteId === null) continue;
    const g = groups.get(p.siteId);
    if (g) g.push(p);
    else groups.set(p.siteId, [p]);
  }
  const allCarriers: Carrier[] = [...scenario.carriers];
  const fileCarriers = new Map<string, Carrier>();
  for (const p of parsed) {
    if (p.radio && p.carrierId && !allCarriers.some((c) => c.id === p.carrierId) && !fileCarriers.has(p.carrierId)) {
      fileCarriers.set(p.carrierId, { id: p.carrierId, ...p.radio.radio });
    }
  }
  allCarriers.push(...fileCarriers.values());

  const sites: Site[] = [];
  const refusedSites: RefusedSite[] = [];
  for (const [siteId, rows] of groups) {
    const first = rows[0];
    if (existingIds.has(siteId)) first.problems.push(problem(first.row, 'site_id', msg('valIdExists', { value: siteId }), siteId));
    for (const other of rows.slice(1)) {
      for (const col of SITE_COLUMNS) {
        // A bad value on the first row is reported there, not again on every later row.
        const related = col === 'lat' || col === 'lon' ? ['lat', 'lon', 'geometry'] : [col];
        if (first.problems.some((q) => q.column !== null && related.includes(q.column))) continue;
        const mine = other.siteText.get(col);
        const theirs = first.siteText.get(col) ?? '';
        if (mine === undefined || sameSiteValue(col, mine, theirs, other, first)) continue;
        other.problems.push(problem(other.row, col, msg('valInconsistentSite', { site: siteId, firstRow: first.row, column: col, first: theirs, value: mine }), siteId));
      }
    }
    const sectorIds = new Set<string>();
    rows.forEach((p) => {
      if (p.sectorId === null) return;
      if (sectorIds.has(p.sectorId)) p.problems.push(problem(p.row, 'sector_id', msg('valDuplicateId', { value: p.sectorId }), siteId));
      sectorIds.add(p.sectorId);
    });
    const site = rows.every((p) => p.problems.length === 0) ? assembleSite(siteId, rows, sectorIds) : null;
    if (site) {
      // The field rules again on the assembled site: a guard, so nothing invalid leaves here.
      const guard = validateSite(site, { carriers: allCarriers, knownModelIds: options.knownModelIds });
      for (const g of guard) {
        const at = g.sectorId === undefined ? 0 : site.sectors.findIndex((x) => x.id === g.sectorId);
        const row = rows[Math.max(0, at)];
        row.problems.push(problem(row.row, COLUMN_OF_FIELD[g.field] ?? g.field, g.message, siteId));
      }
      if (guard.length === 0) {
        sites.push(site);
        continue;
      }
    }
    refusedSites.push({ siteId, rows: rows.map((p) => p.row), badRows: rows.filter((p) => p.problems.length > 0).map((p) => p.row) });
  }
  const used = new Set(sites.flatMap((s) => s.sectors.map((x) => x.carrierId)));
  const newCarriers = [...fileCarriers.values()].filter((c) => used.has(c.id));
  const problems = parsed.flatMap((p) => p.problems).sort((a, b) => a.row - b.row);
  return { fileName, format, sites, newCarriers, problems, refusedSites, rowsRead: records.length, ignoredColumns };
}

function sameSiteValue(col: (typeof SITE_COLUMNS)[number], mine: string, theirs: string, other: ParsedRow, first: ParsedRow): boolean {
  if (mine === theirs) return true;
  const key = ({ lat: 'latDeg', lon: 'lonDeg', height_m: 'heightM' } as const)[col as 'lat' | 'lon' | 'height_m'];
  // Numbers compare by value: 30 and 30.0 are the same height.
  return key !== undefined && other.site[key] !== undefined && other.site[key] === first.site[key];
}

function parseRow(r: InRecord, firstRowOf: ReadonlyMap<string, number>, options: ImportOptions): ParsedRow {
  const problems: ImportProblem[] = [...r.readProblems];
  const idResult = checkId(r.cells.get('site_id'));
  const siteId = idResult.ok ? idResult.value : null;
  const out: ParsedRow = { row: r.row, siteId, problems, site: {}, siteText: new Map(), sectorId: null, sector: null, radio: null, carrierRef: null, carrierId: null };
  // With too few or too many fields the cells are shifted: that one problem says it all.
  if (r.readProblems.some((q) => q.message.key === 'valFieldCount')) return out;
  const add = <T>(column: string, res: FieldResult<T>): T | undefined => {
    if (res.ok) return res.value;
    problems.push(problem(r.row, column, res.message, siteId ?? undefined));
    return undefined;
  };
  if (!idResult.ok) add('site_id', idResult);
  const isFirst = siteId !== null && firstRowOf.get(siteId) === r.row;
  const cell = (c: string): unknown => r.cells.get(c);

  // Site columns: all on the first row of a site; on later rows only those given.
  for (const col of SITE_COLUMNS) if (!isEmpty(cell(col))) out.siteText.set(col, cellText(cell(col)));
  const readSite = (col: string): boolean => isFirst || !isEmpty(cell(col));
  if (readSite('site_name')) out.site.name = add('site_name', checkName(isEmpty(cell('site_name')) ? siteId ?? '' : cellText(cell('site_name'))));
  // A GeoJSON feature without a point already has its problem (geometry).
  if ((readSite('lat') || readSite('lon')) && !r.readProblems.some((q) => q.column === 'geometry')) {
    const ll = checkLonLat(cell('lon'), cell('lat'), options.inside);
    const coordCol = (c: 'lat' | 'lon') => (r.coordColumn === 'geometry' ? 'geometry' : c);
    if (!ll.lat.ok && ll.lat.message.key === 'valLatLonSwapped') add(coordCol('lat'), ll.lat);
    else {
      const lat = add(coordCol('lat'), ll.lat);
      const lon = add(coordCol('lon'), ll.lon);
      if (lat !== undefined && lon !== undefined && add(coordCol('lat'), ll.pair) !== undefined) {
        out.site.latDeg = lat;
        out.site.lonDeg = lon;
      }
    }
  }
  if (readSite('height_m')) out.site.heightM = add('height_m', checkHeightM(cell('height_m')));
  if (readSite('kind')) out.site.kind = add('kind', checkEnum<Site['kind']>(FIELD_SPECS.kind, cell('kind')));
  if (readSite('status')) out.site.status = add('status', checkEnum<Site['status']>(FIELD_SPECS.status, cell('status')));
  if (!isEmpty(cell('private_network_id'))) out.site.privateNetworkId = add('private_network_id', checkId(cell('private_network_id')));

  // Sector columns.
  if (!isEmpty(cell('sector_id'))) out.sectorId = add('sector_id', checkId(cell('sector_id'))) ?? null;
  readCarrier(out, cell, add);
  const antennaType = add('antenna_type', checkEnum<SectorAntenna['type']>(FIELD_SPECS.antennaType, cell('antenna_type')));
  const num = (column: string, field: NumberFieldName) => add(column, checkNumberField(field, cell(column)));
  // An omni antenna has no azimuth: an empty cell means 0.
  const azimuthDeg = antennaType === 'omni' && isEmpty(cell('azimuth_deg')) ? 0 : num('azimuth_deg', 'azimuthDeg');
  const mechanicalTiltDeg = num('mech_tilt_deg', 'mechanicalTiltDeg');
  const electricalTiltDeg = num('elec_tilt_deg', 'electricalTiltDeg');
  const txPowerDbm = num('tx_power_dbm', 'txPowerDbm');
  const feederLossDb = num('feeder_loss_db', 'feederLossDb');
  const maxGainDbi = num('antenna_gain_dbi', 'maxGainDbi');
  const modelId = add('model', checkModelId(cell('model'), options.knownModelIds));
  let antenna: SectorAntenna | undefined;
  if (antennaType === 'omni' && maxGainDbi !== undefined) antenna = { type: 'omni', maxGainDbi };
  if (antennaType === '3gpp-sector' && maxGainDbi !== undefined) {
    const hBeamwidthDeg = num('h_beamwidth_deg', 'hBeamwidthDeg');
    const vBeamwidthDeg = num('v_beamwidth_deg', 'vBeamwidthDeg');
    const frontToBackDb = num('front_to_back_db', 'frontToBackDb');
    const sideLobeDb = num('side_lobe_db', 'sideLobeDb');
    if (hBeamwidthDeg !== undefined && vBeamwidthDeg !== undefined && frontToBackDb !== undefined && sideLobeDb !== undefined) {
      antenna = { type: '3gpp-sector', maxGainDbi, hBeamwidthDeg, vBeamwidthDeg, frontToBackDb, sideLobeDb };
    }
  }
  if (azimuthDeg !== undefined && mechanicalTiltDeg !== undefined && electricalTiltDeg !== undefined && txPowerDbm !== undefined && feederLossDb !== undefined && antenna && modelId !== undefined) {
    out.sector = { azimuthDeg, mechanicalTiltDeg, electricalTiltDeg, txPowerDbm, feederLossDb, antenna, modelId };
  }
  return out;
}

function readCarrier(out: ParsedRow, cell: (c: string) => unknown, add: <T>(column: string, res: FieldResult<T>) => T | undefined): void {
  const hasBand = !isEmpty(cell('band'));
  const carrierId = isEmpty(cell('carrier_id')) ? null : add('carrier_id', checkId(cell('carrier_id'))) ?? null;
  if (!isEmpty(cell('carrier_id')) && carrierId === null) return;
  if (!hasBand) {
    if (carrierId !== null) {
      out.carrierRef = carrierId;
      return;
    }
    if (!isEmpty(cell('freq_mhz')) || !isEmpty(cell('bandwidth_mhz'))) add('band', { ok: false, message: msg('valRequired') });
    else add('carrier_id', { ok: false, message: msg('valCarrierMissing') });
    return;
  }
  const tech = isEmpty(cell('tech')) ? undefined : add('tech', checkEnum<Technology>(FIELD_SPECS.tech, cellText(cell('tech')).toUpperCase()));
  if (!isEmpty(cell('tech')) && tech === undefined) return;
  const band = add('band', checkBand(cell('band'), tech));
  if (band === undefined) return;
  const scsRaw = cell('scs_khz');
  const scs = add('scs_khz', checkScsKHz(isEmpty(scsRaw) ? (band.tech === 'NR' ? 30 : 15) : scsRaw, band.tech));
  const bw = scs === undefined ? undefined : add('bandwidth_mhz', checkBandwidthMHz(cell('bandwidth_mhz'), band.tech, scs));
  const freq = add('freq_mhz', checkFreqMHz(cell('freq_mhz'), band, bw));
  if (scs === undefined || bw === undefined || freq === undefined) return;
  out.radio = { id: carrierId, radio: { tech: band.tech, band: band.band, freqMHz: freq, bandwidthMHz: bw, scsKHz: scs } };
}

/** Gives every row a carrier id: file definitions first (in row order), then references. */
function resolveCarriers(rows: ParsedRow[], scenarioCarriers: readonly Carrier[]): void {
  const defined = new Map<string, { radio: Radio; row: number }>();
  for (const c of scenarioCarriers) defined.set(c.id, { radio: c, row: 0 });
  for (const p of rows) {
    if (!p.radio) continue;
    const { id, radio } = p.radio;
    if (id !== null) {
      const d = defined.get(id);
      if (d && !sameRadio(d.radio, radio)) {
        p.problems.push(problem(p.row, 'carrier_id', msg('valCarrierConflict', { value: id, existing: describeRadio(d.radio) + (d.row > 0 ? `, row ${d.row}` : '') }), p.siteId ?? undefined));
        continue;
      }
      if (!d) defined.set(id, { radio, row: p.row });
      p.carrierId = id;
      continue;
    }
    const match = [...defined].find(([, d]) => sameRadio(d.radio, radio));
    if (match) {
      p.carrierId = match[0];
      continue;
    }
    const base = `${radio.tech.toLowerCase()}-${radio.band}-${radio.freqMHz}`;
    let cid = base;
    for (let k = 2; defined.has(cid); k++) cid = `${base}-${k}`;
    defined.set(cid, { radio, row: p.row });
    p.carrierId = cid;
  }
  for (const p of rows) {
    if (p.carrierRef === null) continue;
    if (defined.has(p.carrierRef)) p.carrierId = p.carrierRef;
    else p.problems.push(problem(p.row, 'carrier_id', msg('valUnknownCarrier', { value: p.carrierRef }), p.siteId ?? undefined));
  }
}

function assembleSite(siteId: string, rows: ParsedRow[], explicitSectorIds: Set<string>): Site | null {
  const f = rows[0].site;
  if (f.latDeg === undefined || f.lonDeg === undefined || f.heightM === undefined || f.kind === undefined || f.status === undefined) return null;
  const taken = new Set(explicitSectorIds);
  const sectors: Sector[] = [];
  rows.forEach((p, i) => {
    if (!p.sector || !p.carrierId) return;
    let id = p.sectorId;
    if (id === null) {
      // Unnamed sectors are numbered within their site: S1-1, S1-2, …
      let k = i + 1;
      while (taken.has(`${siteId}-${k}`)) k++;
      id = `${siteId}-${k}`;
      taken.add(id);
    }
    sectors.push({ id, carrierId: p.carrierId, ...p.sector });
  });
  if (sectors.length !== rows.length) return null;
  const site: Site = { id: siteId, name: f.name ?? siteId, lonDeg: f.lonDeg, latDeg: f.latDeg, heightM: f.heightM, kind: f.kind, status: f.status, sectors };
  return f.privateNetworkId !== undefined ? { ...site, privateNetworkId: f.privateNetworkId } : site;
}

/**
 * The scenario with the preview's valid sites (and the carriers they need) added at the end:
 * a new object, the input unchanged.
 * @throws Error if a site or carrier id of the preview is now taken (the scenario changed
 *   since the preview was made: make the preview again)
 */
export function applyImport(scenario: Scenario, preview: ImportPreview): Scenario {
  const siteIds = new Set(scenario.sites.map((s) => s.id));
  const clashes = preview.sites.filter((s) => siteIds.has(s.id)).map((s) => s.id);
  if (clashes.length > 0) throw new Error(`${preview.fileName}: site ids already in the scenario: ${clashes.join(', ')} (import the file again)`);
  const carrierById = new Map(scenario.carriers.map((c) => [c.id, c]));
  const newCarriers = preview.newCarriers.filter((c) => {
    const old = carrierById.get(c.id);
    if (old && !sameRadio(old, c)) throw new Error(`${preview.fileName}: carrier ${c.id} is now in the scenario with other parameters (import the file again)`);
    return !old;
  });
  return { ...scenario, carriers: [...scenario.carriers, ...newCarriers], sites: [...scenario.sites, ...preview.sites] };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
