/**
 * The columns of a measurement file: canonical fields, the header names of common measurement
 * apps that map to each, and the resolution of a file's header into column indices.
 *
 * Header names are compared after {@link normalizeHeader}: lower case, Vietnamese diacritics
 * removed, one trailing unit group such as `(dBm)` or `[dB]` removed, then everything but a–z and
 * 0–9 removed. So `RSRP (dBm)` and `rsrp` are both `rsrp`; `rsrp_dbm` becomes `rsrpdbm` (an
 * alias of its own); `SS-RSRP`, `ss_rsrp` and `ssRsrp` are all `ssrsrp`.
 *
 * Aliases come from the export formats of measurement apps and drive-test tools (docs/measurements.md
 * lists them with their sources): Network Survey (`latitude`, `longitude`, `rsrp`, `rsrq`, `snr`,
 * `pci`, `earfcn`, `eci`, `servingCell`; NR: `ssRsrp`, `ssRsrq`, `ssSinr`, `narfcn`, `nci`),
 * G-NetTrack (`Latitude`, `Longitude`, `Level` = RSRP on LTE, `Qual` = RSRQ, `SNR`, `CellID`,
 * `ARFCN`), TEMS / QualiPoc-style exports (`Serving Cell RSRP (dBm)`, `LTE RSRP`, `PCI`,
 * `EARFCN`, `NR-ARFCN`, `SS-RSRP`), router site-survey logs (`Time`, `Latitude`, `Longitude`,
 * `Cell ID`, `RSRP`, `RSRQ`, `SINR`) and the phusong CLI contract (`lat`, `lon`, `rsrp_dbm`,
 * `pci`, `cell_id`).
 *
 * When several columns match one field, the one whose alias comes first in the field's list wins
 * and the others are reported as ignored (e.g. `rsrp` beats `level`). A caller can name the
 * column of any field explicitly, or switch a field off with null.
 */
import { MeasurementFileError } from './messages.ts';

/** Canonical fields of a measurement row. */
export type MeasurementField = 'lat' | 'lon' | 'rsrp' | 'pci' | 'cellId' | 'earfcn' | 'nrArfcn' | 'time' | 'sinr' | 'rsrq' | 'serving';

export interface MeasurementFieldSpec {
  readonly field: MeasurementField;
  readonly required: boolean;
  /** What the field holds, with its unit, for messages and docs. */
  readonly description: string;
  /** Normalised header names ({@link normalizeHeader}), by priority. */
  readonly aliases: readonly string[];
}

/** Every field with its accepted header names (normalised), by priority. */
export const MEASUREMENT_FIELDS: readonly MeasurementFieldSpec[] = [
  { field: 'lat', required: true, description: 'latitude, degrees WGS 84', aliases: ['lat', 'latitude', 'latdeg', 'latitudedeg', 'gpslat', 'gpslatitude', 'latwgs84', 'vido'] },
  { field: 'lon', required: true, description: 'longitude, degrees WGS 84', aliases: ['lon', 'lng', 'long', 'longitude', 'londeg', 'longitudedeg', 'gpslon', 'gpslng', 'gpslong', 'gpslongitude', 'lonwgs84', 'kinhdo'] },
  {
    field: 'rsrp', required: true, description: 'RSRP of the serving cell, dBm',
    aliases: ['rsrp', 'rsrpdbm', 'servingrsrp', 'servingcellrsrp', 'rsrpserving', 'pcellrsrp', 'ltersrp', 'lteservingrsrp', 'ssrsrp', 'nrssrsrp', 'ssbrsrp', 'nrrsrp', 'level'],
  },
  { field: 'pci', required: false, description: 'physical cell id (LTE 0–503, NR 0–1007)', aliases: ['pci', 'physcellid', 'physicalcellid', 'servingpci', 'servingcellpci', 'pcellpci', 'ltepci', 'nrpci'] },
  { field: 'cellId', required: false, description: 'cell identity (ECI, NCI or the operator\'s cell name)', aliases: ['cellid', 'cellidentity', 'eci', 'ecellid', 'ecgi', 'cgi', 'nci', 'ncgi', 'nrcellid', 'globalcellid', 'ltecellid', 'servingcellid'] },
  { field: 'earfcn', required: false, description: 'E-UTRA downlink channel number (EARFCN)', aliases: ['earfcn', 'dlearfcn', 'earfcndl', 'servingearfcn', 'servingcellearfcn', 'lteearfcn', 'arfcn'] },
  { field: 'nrArfcn', required: false, description: 'NR channel number (NR-ARFCN) of the SSB or carrier', aliases: ['nrarfcn', 'narfcn', 'ssbarfcn', 'ssbnrarfcn', 'nrarfcndl', 'arfcnnr', 'servingnrarfcn'] },
  { field: 'time', required: false, description: 'time of the sample (ISO 8601, or seconds / milliseconds since 1970)', aliases: ['time', 'timestamp', 'datetime', 'devicetime', 'utc', 'utctime', 'timeutc', 'gpstime', 'localtime', 'timelocal'] },
  { field: 'sinr', required: false, description: 'SINR, dB', aliases: ['sinr', 'sinrdb', 'rssinr', 'servingsinr', 'servingcellsinr', 'ltesinr', 'sssinr', 'nrsssinr', 'snr'] },
  { field: 'rsrq', required: false, description: 'RSRQ, dB', aliases: ['rsrq', 'rsrqdb', 'servingrsrq', 'servingcellrsrq', 'ltersrq', 'ssrsrq', 'nrssrsrq', 'qual'] },
  { field: 'serving', required: false, description: 'true for the serving cell\'s row, false for a neighbour\'s (neighbour rows are skipped)', aliases: ['servingcell', 'isserving', 'serving'] },
];

/** Explicit column names by field (compared after normalisation); null switches a field off. */
export type ColumnMapping = Partial<Record<MeasurementField, string | null>>;

/** The column index of every field in a header (−1 when absent). */
export type ColumnIndex = Readonly<Record<MeasurementField, number>>;

export interface ResolvedColumns {
  readonly index: ColumnIndex;
  /** Field → header as written, for the preview. */
  readonly used: readonly { readonly field: MeasurementField; readonly column: string }[];
  /** Header names not used (unknown, or a lower-priority match of a used field). */
  readonly ignored: readonly string[];
}

/**
 * The comparison form of a header name: lower case, diacritics removed (`đ` → `d`), a trailing
 * unit in round or square brackets removed, then only a–z and 0–9 kept.
 * @example normalizeHeader('Serving Cell RSRP (dBm)') === 'servingcellrsrp'
 */
export function normalizeHeader(name: string): string {
  const s = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  return s.replace(/\s*[([][^()[\]]*[)\]]\s*$/, '').replace(/[^a-z0-9]/g, '');
}

const NO_COLUMNS: Record<MeasurementField, number> = { lat: -1, lon: -1, rsrp: -1, pci: -1, cellId: -1, earfcn: -1, nrArfcn: -1, time: -1, sinr: -1, rsrq: -1, serving: -1 };

/**
 * Maps a header to fields: explicit mapping first, then aliases by priority.
 * @param header - header names as written in the file
 * @param mapping - explicit column per field (names compared after normalisation); null = not read
 * @throws MeasurementFileError when a required field has no column, or a mapped column is not in the header
 */
export function resolveColumns(header: readonly string[], fileName: string, mapping: ColumnMapping = {}): ResolvedColumns {
  const norm = header.map(normalizeHeader);
  const index: Record<MeasurementField, number> = { ...NO_COLUMNS };
  const taken = new Set<number>();
  for (const spec of MEASUREMENT_FIELDS) {
    const explicit = mapping[spec.field];
    if (explicit === null || explicit === undefined) continue;
    const want = normalizeHeader(explicit);
    const at = norm.findIndex((n, i) => n === want && !taken.has(i));
    if (at < 0) throw new MeasurementFileError(fileName, `header row: column "${explicit}" given for ${spec.field} is not in the header (the header has: ${header.join(', ')})`, { header, missing: [spec.field] });
    index[spec.field] = at;
    taken.add(at);
  }
  for (const spec of MEASUREMENT_FIELDS) {
    if (index[spec.field] >= 0 || mapping[spec.field] === null) continue;
    for (const alias of spec.aliases) {
      const at = norm.findIndex((n, i) => n === alias && !taken.has(i));
      if (at >= 0) {
        index[spec.field] = at;
        taken.add(at);
        break;
      }
    }
  }
  const missing = MEASUREMENT_FIELDS.filter((s) => s.required && index[s.field] < 0);
  if (missing.length > 0) {
    const what = missing.map((s) => `${s.field} (${s.description}; accepted names: ${s.aliases.slice(0, 6).join(', ')}…)`).join('; ');
    throw new MeasurementFileError(fileName, `header row: required column${missing.length > 1 ? 's' : ''} missing: ${what}; name the column explicitly if the file calls it otherwise (the header has: ${header.join(', ')})`, { header, missing: missing.map((m) => m.field) });
  }
  const used = MEASUREMENT_FIELDS.filter((s) => index[s.field] >= 0).map((s) => ({ field: s.field, column: header[index[s.field]] }));
  const ignored = header.filter((h, i) => !taken.has(i) && h.trim() !== '');
  return { index, used, ignored };
}
