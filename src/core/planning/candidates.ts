/**
 * Candidate sites from a user's file: CSV (a header row, one row per candidate) or GeoJSON
 * (a FeatureCollection of Points). Columns / properties (docs/planning.md):
 *
 *   id        required: 1–64 letters, digits, ".", "_", "-" (kept unchanged in every output)
 *   lon, lat  required (CSV; aliases longitude/lng, latitude), WGS 84 degrees; GeoJSON: the Point
 *   height_m  antenna height, 0 < h < 300 m (default: the template's)
 *   template  a site template id (default: the caller's)
 *   cost      ≥ 0, any unit (default 1): the cost budget sums it
 *   name      display name (default: "Đề xuất <id>")
 *
 * Like the site import (src/core/scenario/import.ts): a file that cannot be read as candidates
 * throws {@link CandidateFileError} naming the file; a bad row is reported with its row (the
 * CSV line number, header = 1; the GeoJSON feature number, first = 1), column and reason and
 * left out, and the good rows load.
 */
import Papa from 'papaparse';
import { SITE_TEMPLATES, type SiteTemplateId } from '../scenario/templates.ts';
import { quoteShort, sanitizeText } from '../scenario/text.ts';

/** Where a candidate comes from. */
export type CandidateSource = 'file' | 'gap-grid' | 'gap-centre' | 'upgrade';

export interface Candidate {
  readonly id: string;
  /** The file's name, or empty: the app then names it in its language ("Đề xuất GAP-0001"), an output by its id. */
  readonly name: string;
  readonly lonDeg: number;
  readonly latDeg: number;
  /** Antenna height, m; null: the template's. */
  readonly heightM: number | null;
  /** Template; null: the caller's default. */
  readonly template: SiteTemplateId | null;
  readonly cost: number;
  readonly source: CandidateSource;
  /** An upgrade: the id of the existing site that gets the template's sectors. */
  readonly upgradeOf?: string;
  /** A gap centre: the people living in its block's gap (rounded). */
  readonly gapPeople?: number;
}

export interface CandidateProblem {
  readonly row: number;
  readonly column: string;
  readonly reason: string;
}

export interface CandidateFile {
  readonly candidates: Candidate[];
  /** Bad rows, in row order; each as `<file>: row <r>, column <c>: <reason>` in {@link problemText}. */
  readonly problems: CandidateProblem[];
  /** CSV columns not used (ignored). */
  readonly ignoredColumns: string[];
}

export class CandidateFileError extends Error {
  constructor(readonly fileName: string, message: string) {
    super(`${fileName}: ${message}`);
    this.name = 'CandidateFileError';
  }
}

/** Most candidates a file may hold. */
export const CANDIDATE_MAX_ROWS = 100_000;

const ID_PATTERN = /^[\p{L}\p{N}._-]{1,64}$/u;
const COLUMNS: Readonly<Record<string, string>> = {
  id: 'id', site_id: 'id', lon: 'lon', longitude: 'lon', lng: 'lon', lon_deg: 'lon', lat: 'lat', latitude: 'lat', lat_deg: 'lat',
  height_m: 'height_m', template: 'template', cost: 'cost', name: 'name',
};
const TEMPLATE_IDS = SITE_TEMPLATES.map((t) => t.id as string);

/** One problem as a line: file, row, column, reason. */
export function problemText(fileName: string, p: CandidateProblem): string {
  return `${fileName}: row ${p.row}, column ${p.column}: ${p.reason}`;
}

type Raw = Partial<Record<'id' | 'lon' | 'lat' | 'height_m' | 'template' | 'cost' | 'name', unknown>>;

const text = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : null);

function num(v: unknown): number | null {
  if (typeof v === 'number') return v;
  const s = text(v);
  if (s === null || s === '') return null;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
}

/** Checks one record; pushes its problems, returns the candidate or null. */
function readRecord(r: Raw, row: number, seen: Map<string, number>, problems: CandidateProblem[], fromGeometry: boolean): Candidate | null {
  const bad = (column: string, reason: string) => {
    problems.push({ row, column, reason });
    return null;
  };
  const before = problems.length;
  const id = text(r.id);
  if (id === null || id === '') bad('id', 'required (1–64 letters, digits, ".", "_" or "-")');
  else if (!ID_PATTERN.test(id)) bad('id', `${quoteShort(id)} must be 1–64 letters, digits, ".", "_" or "-" (no spaces)`);
  else if (seen.has(id)) bad('id', `${quoteShort(id)} is already the id of row ${seen.get(id)}`);
  const lonCol = fromGeometry ? 'geometry' : 'lon', latCol = fromGeometry ? 'geometry' : 'lat';
  const lon = num(r.lon), lat = num(r.lat);
  if (lon === null) bad(lonCol, 'longitude required (WGS 84 degrees)');
  else if (!Number.isFinite(lon) || Math.abs(lon) > 180) bad(lonCol, `longitude must be a number of degrees in −180…180, got ${quoteShort(String(r.lon))}`);
  if (lat === null) bad(latCol, 'latitude required (WGS 84 degrees)');
  else if (!Number.isFinite(lat) || Math.abs(lat) > 90) {
    const swapped = lon !== null && Number.isFinite(lon) && Math.abs(lon) <= 90 && Number.isFinite(lat) && Math.abs(lat) <= 180;
    bad(latCol, `latitude must be a number of degrees in −90…90, got ${quoteShort(String(r.lat))}${swapped ? ' (latitude and longitude look swapped)' : ''}`);
  }
  const h = num(r.height_m);
  if (h !== null && !(h > 0 && h < 300)) bad('height_m', `antenna height must be more than 0 and less than 300 m, got ${quoteShort(String(r.height_m))}`);
  const tpl = text(r.template);
  if (tpl && !TEMPLATE_IDS.includes(tpl)) bad('template', `unknown template ${quoteShort(tpl)} (known: ${TEMPLATE_IDS.join(', ')})`);
  const cost = num(r.cost);
  if (cost !== null && !(Number.isFinite(cost) && cost >= 0)) bad('cost', `cost must be a number ≥ 0, got ${quoteShort(String(r.cost))}`);
  const name = text(r.name);
  if (problems.length > before) return null;
  seen.set(id!, row);
  return {
    id: id!, name: name ? sanitizeText(name).slice(0, 200) : '', lonDeg: lon!, latDeg: lat!, heightM: h, template: (tpl || null) as SiteTemplateId | null,
    cost: cost ?? 1, source: 'file',
  };
}

/** Candidates from CSV text (comma-separated, header row, "." as decimal point). */
export function parseCandidatesCsv(csv: string, fileName: string): CandidateFile {
  if (csv.charCodeAt(0) === 0xfeff) csv = csv.slice(1);
  if (csv.trim() === '') throw new CandidateFileError(fileName, 'the file is empty (a header row with id, lon, lat and one row per candidate are expected)');
  const res = Papa.parse<string[]>(csv, { delimiter: ',', skipEmptyLines: false });
  if (res.errors.some((e) => e.type === 'Quotes')) throw new CandidateFileError(fileName, `row ${(res.errors.find((e) => e.type === 'Quotes')!.row ?? 0) + 1}: unbalanced quotes`);
  const rows = res.data;
  const header = rows[0].map((h) => h.trim().toLowerCase());
  if (header.length === 1 && /[;\t]/.test(header[0])) throw new CandidateFileError(fileName, 'header row: one column found and it holds ";" or a tab: save the file as comma-separated CSV with "." as decimal point');
  const cols = header.map((h) => COLUMNS[h]);
  for (const need of ['id', 'lon', 'lat']) if (!cols.includes(need)) throw new CandidateFileError(fileName, `header row: column "${need}" is missing (found: ${header.join(', ')})`);
  if (rows.length - 1 > CANDIDATE_MAX_ROWS) throw new CandidateFileError(fileName, `${rows.length - 1} rows; at most ${CANDIDATE_MAX_ROWS} candidates are read`);
  const problems: CandidateProblem[] = [];
  const candidates: Candidate[] = [];
  const seen = new Map<string, number>();
  // Line numbers: papaparse keeps quoted line breaks inside a field, so count them.
  let line = 1 + (rows[0].join(',').match(/\n/g)?.length ?? 0);
  for (let k = 1; k < rows.length; k++) {
    const fields = rows[k];
    line++;
    const row = line;
    line += fields.join(',').match(/\n/g)?.length ?? 0;
    if (fields.every((f) => f.trim() === '')) continue;
    if (fields.length !== header.length) {
      problems.push({ row, column: '(row)', reason: `${fields.length} fields, the header has ${header.length}` });
      continue;
    }
    const rec: Raw = {};
    cols.forEach((c, i) => {
      if (c) (rec as Record<string, unknown>)[c] = fields[i];
    });
    const cand = readRecord(rec, row, seen, problems, false);
    if (cand) candidates.push(cand);
  }
  return { candidates, problems, ignoredColumns: header.filter((_, i) => !cols[i]) };
}

/** Candidates from a GeoJSON FeatureCollection of Points (`id` from the properties or the feature). */
export function parseCandidatesGeoJson(json: string, fileName: string): CandidateFile {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new CandidateFileError(fileName, `not valid JSON (${(e as Error).message})`);
  }
  const fc = doc as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new CandidateFileError(fileName, 'expected a GeoJSON FeatureCollection of Point features');
  if (fc.features.length > CANDIDATE_MAX_ROWS) throw new CandidateFileError(fileName, `${fc.features.length} features; at most ${CANDIDATE_MAX_ROWS} candidates are read`);
  const problems: CandidateProblem[] = [];
  const candidates: Candidate[] = [];
  const seen = new Map<string, number>();
  fc.features.forEach((f: unknown, k: number) => {
    const row = k + 1;
    const feat = f as { id?: unknown; properties?: Record<string, unknown> | null; geometry?: { type?: unknown; coordinates?: unknown } | null };
    const g = feat?.geometry;
    if (!g || g.type !== 'Point' || !Array.isArray(g.coordinates) || g.coordinates.length < 2) {
      problems.push({ row, column: 'geometry', reason: 'must be a Point [longitude, latitude]' });
      return;
    }
    const p = feat.properties ?? {};
    const [lon, lat] = g.coordinates as unknown[];
    const cand = readRecord({ id: p.id ?? feat.id, lon, lat, height_m: p.height_m, template: p.template, cost: p.cost, name: p.name }, row, seen, problems, true);
    if (cand) candidates.push(cand);
  });
  return { candidates, problems, ignoredColumns: [] };
}

/** By file type: `.geojson` / `.json`, or text starting with `{`, is GeoJSON; else CSV. */
export function parseCandidates(textIn: string, fileName: string): CandidateFile {
  const isJson = /\.(geo)?json$/i.test(fileName) || (!/\.csv$/i.test(fileName) && textIn.trimStart().startsWith('{'));
  return isJson ? parseCandidatesGeoJson(textIn, fileName) : parseCandidatesCsv(textIn, fileName);
}
