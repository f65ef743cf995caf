/**
 * Vector and table exports: commune statistics (GeoJSON, CSV), sites (GeoJSON, CSV), any
 * FeatureCollection as GeoJSON text (gaps, bands), and coverage bands as KML for Google Earth.
 * Pure string builders: the caller (UI download, CLI file write) decides where bytes go.
 *
 * Conventions, for every file here:
 * - GeoJSON is RFC 7946: WGS 84 lon/lat, exterior rings counter-clockwise (@turf/rewind),
 *   coordinates to 6 decimals, no `crs` member; one feature per line.
 * - CSV is UTF-8 with a byte-order mark (so Excel opens Vietnamese names correctly), comma
 *   separated, CRLF line ends, written by papaparse `unparse`; an unknown value (population
 *   not published, percentile in no service) is an empty cell, never 0. Text cells starting
 *   with = + - @ (tab, CR) that are not plain numbers ({@link FORMULA_CELL}) are prefixed with
 *   ' (papaparse `escapeFormulae`) against spreadsheet formula injection; numbers are left alone.
 * - KML is 2.2 (`http://www.opengis.net/kml/2.2`), text XML-escaped.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import Papa from 'papaparse';
import rewind from '@turf/rewind';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import type { Site } from '../scenario/scenario.ts';
import type { AreaStats, CommuneStatsResult } from '../stats/commune-stats.ts';
import type { BandCollection, BandProperties } from './bands.ts';
import { roundTo } from './cell-regions.ts';

/** The UTF-8 byte-order mark that starts every CSV written here. */
export const CSV_BOM = '\uFEFF';

/**
 * A CSV cell a spreadsheet would run as a formula (OWASP "CSV injection"): text starting with
 * `=`, `+`, `-`, `@`, TAB or CR — unless the whole cell is a plain decimal number such as
 * `-7.5` or `+1e3`, which a spreadsheet reads as that number. Given to papaparse's
 * `escapeFormulae` (which then prefixes `'` and quotes the cell) by every CSV phusong writes:
 * the app's exports here and the command line's outputs (src/cli/csv.ts). Unlike papaparse's
 * default pattern `/^[=+\-@\t\r].*$/`, it also catches a formula followed by a line break.
 */
// The first character is tested first, so an ordinary cell fails at once (the command line
// tests millions of cells).
export const FORMULA_CELL = /^(?=[=+\-@\t\r])(?![+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$)/;

/**
 * A FeatureCollection as GeoJSON text, one feature per line (diff-friendly, like the boundary
 * files), ending with a newline. Use it for gaps (`gapPolygons`) and bands (`coverageBands`).
 */
export function geoJsonText(fc: FeatureCollection): string {
  // Everything but the features, written with a placeholder, then the list put in its place.
  const [before, after] = JSON.stringify({ ...fc, features: '\u0000' }).split('"\\u0000"');
  if (fc.features.length === 0) return `${before}[]${after}\n`;
  return `${before}[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]${after}\n`;
}

/** `-100` → `m100`, `2.5` → `2p5`: a threshold as a column-name suffix. */
export function thresholdSuffix(t: number): string {
  return `${t < 0 ? 'm' : ''}${String(Math.abs(t)).replace('.', 'p')}`;
}

/** One commune (or province) row: CSV cells / GeoJSON properties, null = unknown. */
export type StatsRow = Record<string, string | number | null>;

/**
 * Commune statistics columns, in this order (the CSV header and the GeoJSON properties):
 * - `code`, `name` — official commune code and name (Vietnamese, with diacritics); the province
 *   row has an empty code and the name given as `totalName`;
 * - `cells` — grid cells whose centre is in the commune; `area_km2` — cells × cell², km²;
 * - `served_share` — share of cells with any service, 0…1;
 * - `share_ge_<t>` per threshold t (e.g. `share_ge_m100` for ≥ −100 dBm) — share of area at or
 *   above t, 0…1;
 * - `median`, `p5` — median and 5th percentile of the layer (dBm for RSRP) with no service as
 *   −∞; empty when they fall in no service (see `AreaStats.median`);
 * - `share_<layer>` per boolean layer (e.g. `share_uplink`) — share of area where it is set;
 * - `population` — published population, empty when not published;
 * - `pop_cov_ge_<t>` per threshold — population × share (uniform density, see
 *   `POPULATION_COVERED_NOTE`), rounded to whole people, empty when population is unknown.
 * Shares have 6 decimals, areas 6, percentiles 2.
 */
export function communeStatsColumns(stats: CommuneStatsResult): string[] {
  const boolNames = Object.keys(stats.province.booleanShares);
  return [
    'code', 'name', 'cells', 'area_km2', 'served_share',
    ...stats.thresholds.map((t) => `share_ge_${thresholdSuffix(t)}`),
    'median', 'p5',
    ...boolNames.map((b) => `share_${b}`),
    'population',
    ...stats.thresholds.map((t) => `pop_cov_ge_${thresholdSuffix(t)}`),
  ];
}

function statsRow(code: string, name: string, s: AreaStats, stats: CommuneStatsResult): StatsRow {
  const share = (v: number | null): number | null => (v === null ? null : roundTo(v, 6));
  const row: StatsRow = { code, name, cells: s.cells, area_km2: roundTo(s.areaKm2, 6), served_share: share(s.servedShare) };
  s.thresholds.forEach((t) => { row[`share_ge_${thresholdSuffix(t.threshold)}`] = share(t.share); });
  row.median = s.median === null ? null : roundTo(s.median, 2);
  row.p5 = s.p5 === null ? null : roundTo(s.p5, 2);
  for (const b of Object.keys(stats.province.booleanShares)) row[`share_${b}`] = share(s.booleanShares[b] ?? null);
  row.population = s.population ?? null;
  s.thresholds.forEach((t) => {
    row[`pop_cov_ge_${thresholdSuffix(t.threshold)}`] = t.populationCovered === undefined ? null : Math.round(t.populationCovered);
  });
  return row;
}

/**
 * Commune statistics as CSV (columns: {@link communeStatsColumns}), one row per commune in
 * input order, then one province row.
 * @param stats - from `communeLayerStats`
 * @param totalName - name written in the province row (default `Toàn tỉnh`)
 * @returns CSV text starting with a BOM
 * @example writeFileSync('communes.csv', communeStatsCsv(stats))
 */
export function communeStatsCsv(stats: CommuneStatsResult, totalName = 'Toàn tỉnh'): string {
  const fields = communeStatsColumns(stats);
  const rows = stats.communes.map((c) => statsRow(c.code ?? '', c.name, c, stats));
  rows.push(statsRow('', totalName, stats.province, stats));
  return CSV_BOM + Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f])) }, { escapeFormulae: FORMULA_CELL, newline: '\r\n' });
}

/**
 * Commune statistics as GeoJSON: each commune's polygon with the CSV columns as properties
 * (null where the CSV cell is empty). No province feature (its outline is a separate file).
 * @param communes - the features the statistics were computed for (same order)
 * @param stats - from `communeLayerStats`
 * @example geoJsonText(communeStatsGeoJson(communes, stats))
 */
export function communeStatsGeoJson(communes: readonly BoundaryFeature[], stats: CommuneStatsResult): FeatureCollection<Polygon | MultiPolygon, StatsRow> {
  if (communes.length !== stats.communes.length) throw new RangeError(`${communes.length} communes but ${stats.communes.length} statistics`);
  const features: Feature<Polygon | MultiPolygon, StatsRow>[] = stats.communes.map((c) => ({
    type: 'Feature',
    properties: statsRow(c.code ?? '', c.name, c, stats),
    geometry: roundGeometry(communes[c.index].geometry),
  }));
  const fc: FeatureCollection<Polygon | MultiPolygon, StatsRow> = { type: 'FeatureCollection', features };
  rewind(fc, { mutate: true }); // in place: exterior rings counter-clockwise, holes clockwise
  return fc;
}

function roundGeometry(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const ring = (r: Position[]) => r.map((p) => [roundTo(p[0], 6), roundTo(p[1], 6)]);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

export interface SiteExportOptions {
  /** True for generated sample networks: every row and feature says `sample` = true. */
  readonly sample?: boolean;
}

/**
 * Site CSV columns: ONE ROW PER SECTOR (what planners edit and compare), with its site's
 * fields repeated: `site_id, site_name, lon, lat, height_m, kind, status, private_network_id,
 * sample, sector_id, carrier_id, azimuth_deg, mech_tilt_deg, elec_tilt_deg, tx_power_dbm,
 * feeder_loss_db, antenna_type, max_gain_dbi, h_beamwidth_deg, v_beamwidth_deg,
 * front_to_back_db, side_lobe_db, model_id`. A site without sectors still gets one row, with
 * the sector columns empty. A site without a name (made from a template) is named by its id:
 * export files are the same whatever language the app shows.
 */
export const SITE_CSV_COLUMNS: readonly string[] = [
  'site_id', 'site_name', 'lon', 'lat', 'height_m', 'kind', 'status', 'private_network_id', 'sample',
  'sector_id', 'carrier_id', 'azimuth_deg', 'mech_tilt_deg', 'elec_tilt_deg', 'tx_power_dbm', 'feeder_loss_db',
  'antenna_type', 'max_gain_dbi', 'h_beamwidth_deg', 'v_beamwidth_deg', 'front_to_back_db', 'side_lobe_db', 'model_id',
];

/**
 * Sites as CSV, one row per sector ({@link SITE_CSV_COLUMNS}).
 * @example writeFileSync('sites.csv', sitesCsv(scenario.sites, { sample: scenario.sample }))
 */
export function sitesCsv(sites: readonly Site[], options: SiteExportOptions = {}): string {
  const data: (string | number | boolean | null)[][] = [];
  for (const s of sites) {
    const site = [s.id, s.name || s.id, roundTo(s.lonDeg, 6), roundTo(s.latDeg, 6), s.heightM, s.kind, s.status, s.privateNetworkId ?? null, options.sample === true];
    if (s.sectors.length === 0) data.push([...site, ...new Array<null>(SITE_CSV_COLUMNS.length - site.length).fill(null)]);
    for (const k of s.sectors) {
      const a = k.antenna;
      data.push([...site, k.id, k.carrierId, k.azimuthDeg, k.mechanicalTiltDeg, k.electricalTiltDeg, k.txPowerDbm, k.feederLossDb,
        a.type, a.maxGainDbi, a.hBeamwidthDeg ?? null, a.vBeamwidthDeg ?? null, a.frontToBackDb ?? null, a.sideLobeDb ?? null, k.modelId]);
    }
  }
  return CSV_BOM + Papa.unparse({ fields: [...SITE_CSV_COLUMNS], data }, { escapeFormulae: FORMULA_CELL, newline: '\r\n' });
}

/**
 * Sites as GeoJSON: ONE POINT PER SITE (sites do not overlap on a map), sectors summarised in
 * `;`-joined lists in sector order: properties `id, name, height_m, kind, status,
 * private_network_id (null if none), sample, sector_count, sector_ids, carrier_ids (distinct),
 * azimuths_deg, tx_power_dbm` (a site without a name named by its id). The per-sector table is
 * {@link sitesCsv}.
 */
export function sitesGeoJson(sites: readonly Site[], options: SiteExportOptions = {}): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: sites.map((s) => ({
      type: 'Feature',
      properties: {
        id: s.id,
        name: s.name || s.id,
        height_m: s.heightM,
        kind: s.kind,
        status: s.status,
        private_network_id: s.privateNetworkId ?? null,
        sample: options.sample === true,
        sector_count: s.sectors.length,
        sector_ids: s.sectors.map((k) => k.id).join(';'),
        carrier_ids: [...new Set(s.sectors.map((k) => k.carrierId))].join(';'),
        azimuths_deg: s.sectors.map((k) => k.azimuthDeg).join(';'),
        tx_power_dbm: s.sectors.map((k) => k.txPowerDbm).join(';'),
      },
      geometry: { type: 'Point', coordinates: [roundTo(s.lonDeg, 6), roundTo(s.latDeg, 6)] },
    })),
  };
}

/** Escapes the five XML special characters. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Default band colours, best band first (ColorBrewer RdYlGn, 6 classes, reversed). */
export const DEFAULT_BAND_COLORS: readonly string[] = ['#1a9850', '#91cf60', '#d9ef8b', '#fee08b', '#fc8d59', '#d73027'];

export interface KmlOptions {
  /** Document name (e.g. scenario and carrier). */
  readonly name: string;
  /** `#rrggbb` for a band; default {@link DEFAULT_BAND_COLORS} by band position (best first). */
  readonly colorOf?: (band: BandProperties, index: number) => string;
  /** Fill opacity 0…1, default 0.6. */
  readonly opacity?: number;
}

/** `#rrggbb` + opacity → KML `aabbggrr`. */
export function kmlColor(hex: string, opacity: number): string {
  const m = /^#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/.exec(hex);
  if (!m) throw new RangeError(`colour must be #rrggbb, got ${hex}`);
  const a = Math.round(Math.min(1, Math.max(0, opacity)) * 255).toString(16).padStart(2, '0');
  return `${a}${m[3]}${m[2]}${m[1]}`.toLowerCase();
}

function bandLabel(p: BandProperties): string {
  return p.max_dbm === null ? `${p.layer} ≥ ${p.min_dbm} dB` : `${p.layer} ${p.min_dbm} … ${p.max_dbm} dB`;
}

/**
 * Coverage bands as KML 2.2: one Style per band (fill colour, no outline) and one Placemark per
 * band with a MultiGeometry of its polygons and the band's properties as ExtendedData.
 * @param bands - from `coverageBands` (one or several layers)
 * @param options - document name, colours, opacity
 * @returns KML text (UTF-8)
 * @example writeFileSync('rsrp.kml', bandsKml([coverageBands(grid, rsrp, { layer: 'rsrp' })], { name: 'LTE 1800 RSRP' }))
 */
export function bandsKml(bands: readonly BandCollection[], options: KmlOptions): string {
  const opacity = options.opacity ?? 0.6;
  const colorOf = options.colorOf ?? ((_b: BandProperties, i: number) => DEFAULT_BAND_COLORS[Math.min(i, DEFAULT_BAND_COLORS.length - 1)]);
  const styles: string[] = [];
  const placemarks: string[] = [];
  const coords = (r: Position[]) => r.map((p) => `${p[0]},${p[1]}`).join(' ');
  bands.forEach((fc, li) => {
    fc.features.forEach((f, bi) => {
      const id = `band-${li}-${bi}`;
      const color = kmlColor(colorOf(f.properties, bi), opacity);
      styles.push(`<Style id="${id}"><LineStyle><width>0</width></LineStyle><PolyStyle><color>${color}</color><outline>0</outline></PolyStyle></Style>`);
      const data = Object.entries(f.properties)
        .map(([k, v]) => `<Data name="${xmlEscape(k)}"><value>${xmlEscape(v === null ? '' : String(v))}</value></Data>`)
        .join('');
      const polys = f.geometry.coordinates.map((poly) => {
        const inner = poly.slice(1).map((r) => `<innerBoundaryIs><LinearRing><coordinates>${coords(r)}</coordinates></LinearRing></innerBoundaryIs>`).join('');
        return `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(poly[0])}</coordinates></LinearRing></outerBoundaryIs>${inner}</Polygon>`;
      }).join('');
      placemarks.push(`<Placemark><name>${xmlEscape(bandLabel(f.properties))}</name><styleUrl>#${id}</styleUrl>` +
        `<ExtendedData>${data}</ExtendedData><MultiGeometry>${polys}</MultiGeometry></Placemark>`);
    });
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${xmlEscape(options.name)}</name>`,
    ...styles,
    ...placemarks,
    '</Document>',
    '</kml>',
    '',
  ].join('\n');
}
