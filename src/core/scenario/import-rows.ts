/**
 * The second half of the site import (import.ts): from the records a CSV or GeoJSON reader
 * produced to the preview — each cell checked by the field rules, carriers resolved, rows
 * grouped into sites, a site refused whole when any of its rows is bad. See import.ts for the
 * rules and docs/sites-import.md for the columns.
 */
import type { Carrier, Scenario, Sector, SectorAntenna, Site, Technology } from './scenario.ts';
import {
  checkBand, checkBandwidthMHz, checkEnum, checkFreqMHz, checkHeightM, checkId, checkLonLat, checkModelId, checkName, checkNumberField, checkScsKHz,
  FIELD_SPECS, formatValidationMessage, msg, scalarText, validateSite, type FieldName, type FieldResult, type NumberFieldName, type ValidationMessage,
} from './fields.ts';
import { SCENARIO_LIMITS } from './admit.ts';
import type { ImportOptions, ImportPreview, ImportProblem, RefusedSite } from './import.ts';

/** One data row, by canonical column name; values as read (CSV: strings). */
export interface InRecord {
  readonly row: number;
  readonly cells: ReadonlyMap<string, unknown>;
  /** Problem already found while reading (field count, GeoJSON geometry). */
  readonly readProblems: ImportProblem[];
  /** Column to name for coordinate problems: `lat` (CSV) or `geometry` (GeoJSON). */
  readonly coordColumn: string;
}

/** Site columns: read on a site's first row; later rows leave them empty or repeat them. */
const SITE_COLUMNS = ['site_name', 'lat', 'lon', 'height_m', 'kind', 'status', 'private_network_id'] as const;

/** A problem of `row` (line or feature number) in `column`, with its English text. */
export function problem(row: number, column: string | null, message: ValidationMessage, siteId?: string): ImportProblem {
  const p = { row, column, reason: formatValidationMessage(message, 'en'), message };
  return siteId === undefined ? p : { ...p, siteId };
}

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
const cellText = (v: unknown): string => (scalarText(v) ?? '').trim();

export const sameRadio = (a: Radio, b: Radio): boolean =>
  a.tech === b.tech && a.band === b.band && a.freqMHz === b.freqMHz && a.bandwidthMHz === b.bandwidthMHz && a.scsKHz === b.scsKHz;
const describeRadio = (r: Radio): string => `${r.tech} ${r.band} ${r.freqMHz} MHz, ${r.bandwidthMHz} MHz, ${r.scsKHz} kHz`;

/** Column named in a problem for each field validateSite can report. */
const COLUMN_OF_FIELD: Partial<Record<FieldName, string>> = {
  id: 'site_id', name: 'site_name', latDeg: 'lat', lonDeg: 'lon', heightM: 'height_m', kind: 'kind', status: 'status', privateNetworkId: 'private_network_id',
  carrierId: 'carrier_id', azimuthDeg: 'azimuth_deg', mechanicalTiltDeg: 'mech_tilt_deg', electricalTiltDeg: 'elec_tilt_deg', txPowerDbm: 'tx_power_dbm',
  feederLossDb: 'feeder_loss_db', antennaType: 'antenna_type', maxGainDbi: 'antenna_gain_dbi', hBeamwidthDeg: 'h_beamwidth_deg', vBeamwidthDeg: 'v_beamwidth_deg',
  frontToBackDb: 'front_to_back_db', sideLobeDb: 'side_lobe_db', modelId: 'model',
};

export function buildPreview(records: InRecord[], fileName: string, format: 'csv' | 'geojson', scenario: Pick<Scenario, 'carriers' | 'sites'>, options: ImportOptions, ignoredColumns: string[]): ImportPreview {
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
    if (rows.length > SCENARIO_LIMITS.maxSectorsPerSite) {
      const over = rows[SCENARIO_LIMITS.maxSectorsPerSite];
      over.problems.push(problem(over.row, 'sector_id', msg('valTooManySectors', { site: siteId, count: rows.length, max: SCENARIO_LIMITS.maxSectorsPerSite }), siteId));
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
  // A cell refused while reading (a list, an object, a NUL) already has its problem.
  const refusedColumns = new Set(r.readProblems.map((q) => q.column));
  const add = <T>(column: string, res: FieldResult<T>): T | undefined => {
    if (res.ok) return res.value;
    if (refusedColumns.has(column)) return undefined;
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
