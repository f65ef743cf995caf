/**
 * Field-level validation for the site / sector / carrier editor and for every other door into a
 * scenario (CSV and GeoJSON import, templates, shared links, autosave). One rule per editable
 * field, each returning `{ ok: true, value }` or `{ ok: false, message }`, so that nothing the
 * engine cannot evaluate (a 400° azimuth, a 3.5 MHz "n78" carrier, a 30 m-tall "3000 m" mast)
 * ever reaches it.
 *
 * Messages are language-neutral: a {@link ValidationMessage} is a key plus parameters, and
 * {@link VALIDATION_MESSAGES} holds the Vietnamese and English text of every key with `{name}`
 * placeholders, the convention of `src/i18n/i18n.ts` (`t(key, params)`): the UI can spread
 * `VALIDATION_MESSAGES.vi` / `.en` into its dictionaries and call `t(m.key, m.params)`, and code
 * without the UI (import previews, the command line, tests) calls {@link formatValidationMessage}.
 * Messages do not name the field: the caller shows them next to the input, or prefixes the
 * field / column name.
 *
 * Band table: downlink ranges from 3GPP TS 36.101 Table 5.5-1 ("E-UTRA operating bands") and
 * TS 38.101-1 Table 5.2-1 ("NR operating bands in FR1"), for the bands usable in Vietnam that
 * this planner offers (LTE B1, B3, B7, B8, B28, B40; NR n1, n3, n28, n41, n77, n78, n79). Which
 * operator holds which block is not encoded here.
 */
import type { Carrier, InsideTest, Scenario, ScenarioCheck, Site, Technology } from './scenario.ts';
import { resourceBlockCount, LTE_RB_BY_BANDWIDTH, NR_FR1_BANDWIDTHS_MHZ, NR_FR1_RB_TABLE } from '../linkbudget/carriers.ts';
import { PATH_LOSS_MODEL_IDS } from '../propagation/registry.ts';
import { ScenarioFieldError } from './scenario-error.ts';
import { sanitizeText } from './text.ts';
import { formatValidationMessage, msg, type MessageParams, type ValidationMessage, type ValidationMessageKey } from './messages.ts';

// Messages (messages.ts), re-exported: callers import them from here.
export { formatValidationMessage, msg, VALIDATION_MESSAGES, type MessageParams, type ValidationMessage, type ValidationMessageKey } from './messages.ts';

/** Result of one field rule. */
export type FieldResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: ValidationMessage };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T = never>(key: ValidationMessageKey, params: MessageParams = {}): FieldResult<T> => ({ ok: false, message: msg(key, params) });

/**
 * Text of a primitive value (a CSV cell, a JSON scalar); '' for null / undefined; null for a
 * list or an object. Never calls `toString` on an object: a GeoJSON property `{"toString": 1}`
 * would make `String()` throw "Cannot convert object to primitive value".
 */
export function scalarText(raw: unknown): string | null {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') return String(raw);
  return null;
}

/** A value as quoted in a message: sanitised (no bidi overrides), at most 60 characters. */
function shown(raw: unknown): string {
  const text = scalarText(raw);
  if (text === null) return Array.isArray(raw) ? '[…]' : '{…}';
  const clean = sanitizeText(text.length > 240 ? text.slice(0, 240) : text);
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}

/** `valNotScalar` for a list or an object, else `valNotNumber` quoting the value. */
const notANumber = <T = never>(raw: unknown): FieldResult<T> => (scalarText(raw) === null ? fail('valNotScalar') : fail('valNotNumber', { value: shown(raw) }));

// ---------------------------------------------------------------------------------------------
// Numbers

/**
 * Reads a number typed by a user: a finite number, or a string like `46`, ` -2.5 `, `1e3` or, for
 * Vietnamese keyboards, `2,5` (a single comma is taken as decimal point when there is no `.`).
 * `NaN`, `Infinity`, `10°`, `1.000,5` and empty strings are not numbers. Returns null for empty.
 */
export function readNumber(raw: unknown): number | null | 'invalid' {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : 'invalid';
  if (typeof raw !== 'string') return 'invalid';
  let s = raw.trim();
  if (s === '') return null;
  if (!s.includes('.') && /^[+-]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return 'invalid';
  const v = Number(s);
  return Number.isFinite(v) ? v : 'invalid';
}

/** A numeric field: unit and bounds (inclusive unless marked exclusive). */
export interface NumberFieldSpec {
  readonly kind: 'number';
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  readonly integer?: boolean;
  /** Value the editor / importer uses when the field is left empty; absent = required. */
  readonly defaultValue?: number;
}

/** A field with a fixed list of allowed values. */
export interface EnumFieldSpec {
  readonly kind: 'enum';
  readonly values: readonly string[];
  readonly defaultValue?: string;
}

/**
 * Numeric and enumerated fields of a site, a sector (with its antenna) and a carrier, keyed by the
 * scenario's field name. Ranges (why):
 * - `heightM` 0 < h < 300 m: masts and rooftops in the Mekong delta are well under 300 m; larger
 *   values are unit mistakes (cm, mm).
 * - `azimuthDeg` 0 ≤ az < 360, clockwise from north.
 * - tilts −10…+20°, downtilt positive (uptilt of a few degrees is allowed for tall buildings).
 * - `txPowerDbm` 0…60 dBm: 1 mW to 1 kW at the antenna port covers indoor cells to massive-MIMO
 *   macros (a macro is 43–49 dBm per carrier, 3GPP TR 36.814 Table A.2.1.1-2).
 * - `feederLossDb` 0…20 dB, antenna gain −10…30 dBi, beamwidths (0, 360] / (0, 180]°,
 *   front-to-back and side-lobe limits 0…60 dB: the ranges of real panel and omni data sheets.
 * - `scsKHz` 15 / 30 / 60 kHz: numerology μ = 0 / 1 / 2 of FR1 (TS 38.211 Table 4.2-1); LTE 15.
 * - `ueHeightM` (scenario) 0 < h ≤ 30 m: a handset from street level to a 10th-floor window;
 *   TR 38.901 UMa takes 1.5–22.5 m. 1e308 is a typing or a hostile file, not a height.
 */
export const FIELD_SPECS = {
  latDeg: { kind: 'number', unit: '°', min: -90, max: 90 },
  ueHeightM: { kind: 'number', unit: 'm', min: 0, max: 30, minExclusive: true },
  lonDeg: { kind: 'number', unit: '°', min: -180, max: 180 },
  heightM: { kind: 'number', unit: 'm', min: 0, max: 300, minExclusive: true, maxExclusive: true },
  kind: { kind: 'enum', values: ['macro', 'small-cell', 'private-outdoor', 'private-indoor'], defaultValue: 'macro' },
  status: { kind: 'enum', values: ['existing', 'candidate', 'planned'], defaultValue: 'candidate' },
  azimuthDeg: { kind: 'number', unit: '°', min: 0, max: 360, maxExclusive: true },
  mechanicalTiltDeg: { kind: 'number', unit: '°', min: -10, max: 20, defaultValue: 0 },
  electricalTiltDeg: { kind: 'number', unit: '°', min: -10, max: 20, defaultValue: 0 },
  txPowerDbm: { kind: 'number', unit: 'dBm', min: 0, max: 60 },
  feederLossDb: { kind: 'number', unit: 'dB', min: 0, max: 20, defaultValue: 0 },
  antennaType: { kind: 'enum', values: ['3gpp-sector', 'omni'], defaultValue: '3gpp-sector' },
  maxGainDbi: { kind: 'number', unit: 'dBi', min: -10, max: 30 },
  hBeamwidthDeg: { kind: 'number', unit: '°', min: 0, max: 360, minExclusive: true, defaultValue: 65 },
  vBeamwidthDeg: { kind: 'number', unit: '°', min: 0, max: 180, minExclusive: true, defaultValue: 10 },
  frontToBackDb: { kind: 'number', unit: 'dB', min: 0, max: 60, defaultValue: 30 },
  sideLobeDb: { kind: 'number', unit: 'dB', min: 0, max: 60, defaultValue: 20 },
  tech: { kind: 'enum', values: ['LTE', 'NR'] },
  freqMHz: { kind: 'number', unit: 'MHz', min: 0, max: 7125, minExclusive: true },
  bandwidthMHz: { kind: 'number', unit: 'MHz', min: 0, max: 100, minExclusive: true },
  scsKHz: { kind: 'enum', values: ['15', '30', '60'] },
} as const satisfies Record<string, NumberFieldSpec | EnumFieldSpec>;

export type NumberFieldName = { [K in keyof typeof FIELD_SPECS]: (typeof FIELD_SPECS)[K] extends NumberFieldSpec ? K : never }[keyof typeof FIELD_SPECS];

/** Every field a {@link FieldProblem} can name (scenario field names; antenna type is `antennaType`). */
export type FieldName = keyof typeof FIELD_SPECS | 'id' | 'name' | 'privateNetworkId' | 'sectors' | 'carrierId' | 'modelId' | 'band' | 'antenna';

function rangeMessage(spec: NumberFieldSpec, value: number): FieldResult<never> {
  // `{max}{unit}`: degrees take no space (360°), other units one (300 m).
  const params = { min: spec.min, max: spec.max, unit: spec.unit === '°' ? '°' : ` ${spec.unit}`, value };
  if (spec.minExclusive && spec.maxExclusive) return fail('valRangeOpen', params);
  if (spec.maxExclusive) return fail('valRangeHalfOpen', params);
  if (spec.minExclusive) return fail('valRangeOpenClosed', params);
  return fail('valRangeClosed', params);
}

/** Checks a number (or numeric text) against a spec; empty input takes the spec's default if any. */
export function checkNumber(spec: NumberFieldSpec, raw: unknown): FieldResult<number> {
  const v = readNumber(raw);
  if (v === null) return spec.defaultValue !== undefined ? ok(spec.defaultValue) : fail('valRequired');
  if (v === 'invalid') return notANumber(raw);
  if (spec.integer && !Number.isInteger(v)) return fail('valNotInteger', { value: v });
  const belowMin = spec.minExclusive ? v <= spec.min : v < spec.min;
  const aboveMax = spec.maxExclusive ? v >= spec.max : v > spec.max;
  if (belowMin || aboveMax) return rangeMessage(spec, v);
  return ok(v);
}

/** Checks a value against an enumerated spec (exact match after trimming). */
export function checkEnum<T extends string>(spec: EnumFieldSpec, raw: unknown): FieldResult<T> {
  const text = scalarText(raw);
  if (text === null) return fail('valNotScalar');
  const s = text.trim();
  if (s === '') return spec.defaultValue !== undefined ? ok(spec.defaultValue as T) : fail('valRequired');
  if (!spec.values.includes(s)) return fail('valNotOneOf', { value: shown(s), allowed: spec.values.join(', ') });
  return ok(s as T);
}

/** Checks one numeric field of a site, sector, antenna or carrier by its scenario name. */
export function checkNumberField(field: NumberFieldName, raw: unknown): FieldResult<number> {
  return checkNumber(FIELD_SPECS[field], raw);
}

/**
 * Antenna height above ground, m: 0 < h < 300. A value ≥ 300 that would be plausible in cm or mm
 * gets a message saying so (a 30 m mast typed as 3000 or 30000).
 */
export function checkHeightM(raw: unknown): FieldResult<number> {
  const r = checkNumber(FIELD_SPECS.heightM, raw);
  if (!r.ok && r.message.key === 'valRangeOpen') {
    const v = r.message.params.value as number;
    if (v >= FIELD_SPECS.heightM.max) return fail('valHeightUnits', { value: v, max: FIELD_SPECS.heightM.max, cm: v / 100, mm: v / 1000 });
  }
  return r;
}

/** Azimuth clockwise from north, degrees: 0 ≤ az < 360. */
export const checkAzimuthDeg = (raw: unknown): FieldResult<number> => checkNumber(FIELD_SPECS.azimuthDeg, raw);
/** Mechanical or electrical downtilt, degrees: −10…+20. */
export const checkTiltDeg = (raw: unknown): FieldResult<number> => checkNumber(FIELD_SPECS.mechanicalTiltDeg, raw);
/** Transmit power at the antenna port, dBm: 0…60. */
export const checkTxPowerDbm = (raw: unknown): FieldResult<number> => checkNumber(FIELD_SPECS.txPowerDbm, raw);

const ID_PATTERN = /^[\p{L}\p{N}._-]{1,64}$/u;

/** Site, sector and carrier ids: 1–64 letters, digits, `.`, `_`, `-`. */
export function checkId(raw: unknown): FieldResult<string> {
  const text = scalarText(raw);
  if (text === null) return fail('valNotScalar');
  const s = text.trim();
  if (s === '') return fail('valRequired');
  if (!ID_PATTERN.test(s)) return fail('valIdFormat', { value: shown(s) });
  return ok(s);
}

/**
 * Display name: any text up to 200 characters (empty is allowed: the UI then shows the id).
 * The value returned is sanitised (text.ts: no bidi overrides or zero-width characters, controls
 * as spaces, NFC) and trimmed; the length counts what remains.
 */
export function checkName(raw: unknown): FieldResult<string> {
  if (raw === undefined || raw === null) return ok('');
  if (typeof raw !== 'string') return fail('valNotText');
  const clean = sanitizeText(raw).trim();
  if (clean.length > 200) return fail('valTextTooLong', { max: 200, length: clean.length });
  return ok(clean);
}

/** Path-loss model id among `src/core/propagation/registry.ts` (or a caller's list). */
export function checkModelId(raw: unknown, knownModelIds: readonly string[] = PATH_LOSS_MODEL_IDS): FieldResult<string> {
  const text = scalarText(raw);
  if (text === null) return fail('valNotScalar');
  const s = text.trim();
  if (s === '') return fail('valRequired');
  if (!knownModelIds.includes(s)) return fail('valUnknownModel', { value: shown(s), allowed: knownModelIds.join(', ') });
  return ok(s);
}

/** Latitude and longitude together: ranges, swap detection, and the caller's inside test. */
export function checkLonLat(rawLon: unknown, rawLat: unknown, inside?: InsideTest): { readonly lon: FieldResult<number>; readonly lat: FieldResult<number>; readonly pair: FieldResult<readonly [number, number]> } {
  const lat = checkNumber(FIELD_SPECS.latDeg, rawLat);
  const lon = checkNumber(FIELD_SPECS.lonDeg, rawLon);
  const latV = readNumber(rawLat);
  const lonV = readNumber(rawLon);
  if (typeof latV === 'number' && typeof lonV === 'number') {
    if (Math.abs(latV) > 90 && Math.abs(lonV) <= 90) {
      const swapped = fail<readonly [number, number]>('valLatLonSwapped', { lat: String(latV), lon: String(lonV) });
      return { lat: fail('valLatLonSwapped', { lat: String(latV), lon: String(lonV) }), lon: ok(lonV), pair: swapped };
    }
  }
  if (!lat.ok || !lon.ok) return { lat, lon, pair: !lat.ok ? (lat as FieldResult<never>) : (lon as FieldResult<never>) };
  if (inside && !inside(lon.value, lat.value)) {
    const params = { lat: String(lat.value), lon: String(lon.value) };
    return { lat, lon, pair: fail(inside(lat.value, lon.value) ? 'valSwappedInside' : 'valOutsideProvince', params) };
  }
  return { lat, lon, pair: ok([lon.value, lat.value] as const) };
}

// ---------------------------------------------------------------------------------------------
// Bands and carriers

/** One 3GPP operating band: downlink range, duplex mode, and the document table it comes from. */
export interface BandSpec {
  /** `B3` (LTE, E-UTRA band 3) or `n78` (NR band n78). */
  readonly band: string;
  readonly tech: Technology;
  readonly dlLowMHz: number;
  readonly dlHighMHz: number;
  readonly duplex: 'FDD' | 'TDD';
  /** Common name in Vietnam, e.g. "1800". */
  readonly label: string;
}

/**
 * Downlink operating ranges: LTE from TS 36.101 Table 5.5-1, NR FR1 from TS 38.101-1 Table
 * 5.2-1 (TDD bands: the same range up and down).
 */
export const BANDS: readonly BandSpec[] = [
  { band: 'B1', tech: 'LTE', dlLowMHz: 2110, dlHighMHz: 2170, duplex: 'FDD', label: '2100' },
  { band: 'B3', tech: 'LTE', dlLowMHz: 1805, dlHighMHz: 1880, duplex: 'FDD', label: '1800' },
  { band: 'B7', tech: 'LTE', dlLowMHz: 2620, dlHighMHz: 2690, duplex: 'FDD', label: '2600' },
  { band: 'B8', tech: 'LTE', dlLowMHz: 925, dlHighMHz: 960, duplex: 'FDD', label: '900' },
  { band: 'B28', tech: 'LTE', dlLowMHz: 758, dlHighMHz: 803, duplex: 'FDD', label: '700' },
  { band: 'B40', tech: 'LTE', dlLowMHz: 2300, dlHighMHz: 2400, duplex: 'TDD', label: '2300' },
  { band: 'n1', tech: 'NR', dlLowMHz: 2110, dlHighMHz: 2170, duplex: 'FDD', label: '2100' },
  { band: 'n3', tech: 'NR', dlLowMHz: 1805, dlHighMHz: 1880, duplex: 'FDD', label: '1800' },
  { band: 'n28', tech: 'NR', dlLowMHz: 758, dlHighMHz: 803, duplex: 'FDD', label: '700' },
  { band: 'n41', tech: 'NR', dlLowMHz: 2496, dlHighMHz: 2690, duplex: 'TDD', label: '2600' },
  { band: 'n77', tech: 'NR', dlLowMHz: 3300, dlHighMHz: 4200, duplex: 'TDD', label: '3700' },
  { band: 'n78', tech: 'NR', dlLowMHz: 3300, dlHighMHz: 3800, duplex: 'TDD', label: '3500' },
  { band: 'n79', tech: 'NR', dlLowMHz: 4400, dlHighMHz: 5000, duplex: 'TDD', label: '4700' },
];

/** The band spec for `B3` / `b3` / `n78` / `N78`; LTE bands are written `B<n>`, NR `n<n>`. */
export function findBand(name: string): BandSpec | undefined {
  const s = name.trim();
  const norm = /^[bB]\d+$/.test(s) ? `B${s.slice(1)}` : /^[nN]\d+$/.test(s) ? `n${s.slice(1)}` : s;
  return BANDS.find((b) => b.band === norm);
}

/** Band name, normalised (`b3` → `B3`); for a given tech, the band must be of that tech. */
export function checkBand(raw: unknown, tech?: Technology): FieldResult<BandSpec> {
  const text = scalarText(raw);
  if (text === null) return fail('valNotScalar');
  const s = text.trim();
  if (s === '') return fail('valRequired');
  const spec = findBand(s);
  if (!spec) return fail('valUnknownBand', { value: shown(s), allowed: BANDS.map((b) => b.band).join(', ') });
  if (tech && spec.tech !== tech) return fail('valBandTech', { band: spec.band, bandTech: spec.tech, tech });
  return ok(spec);
}

/** Subcarrier spacings by technology: LTE 15 kHz; NR FR1 μ = 0, 1, 2 (15, 30, 60 kHz). */
export const SCS_KHZ_BY_TECH: Readonly<Record<Technology, readonly number[]>> = { LTE: [15], NR: [15, 30, 60] };

export function checkScsKHz(raw: unknown, tech: Technology): FieldResult<number> {
  const v = readNumber(raw);
  if (v === null) return fail('valRequired');
  if (v === 'invalid') return notANumber(raw);
  if (!SCS_KHZ_BY_TECH[tech].includes(v)) return fail('valScs', { tech, allowed: SCS_KHZ_BY_TECH[tech].join(', '), value: v });
  return ok(v);
}

/** Channel bandwidths defined for a tech and SCS (TS 36.101 Table 5.6-1, TS 38.101-1 Table 5.3.2-1). */
export function validBandwidthsMHz(tech: Technology, scsKHz: number): number[] {
  if (tech === 'LTE') return scsKHz === 15 ? LTE_RB_BY_BANDWIDTH.map(([bw]) => bw) : [];
  const row = NR_FR1_RB_TABLE[scsKHz as 15 | 30 | 60];
  return row ? NR_FR1_BANDWIDTHS_MHZ.filter((_, i) => row[i] > 0) : [];
}

/** Channel bandwidth valid for the tech and SCS, by {@link resourceBlockCount}. */
export function checkBandwidthMHz(raw: unknown, tech: Technology, scsKHz: number): FieldResult<number> {
  const v = readNumber(raw);
  if (v === null) return fail('valRequired');
  if (v === 'invalid') return notANumber(raw);
  try {
    resourceBlockCount(tech, v, scsKHz);
  } catch {
    return fail('valBandwidth', { value: v, tech, scs: scsKHz, allowed: validBandwidthsMHz(tech, scsKHz).join(', ') });
  }
  return ok(v);
}

/**
 * Downlink centre frequency, MHz: inside the band's downlink range, and the whole channel
 * (centre ± bandwidth / 2) too when the bandwidth is known. A value that would fit in GHz says so.
 */
export function checkFreqMHz(raw: unknown, band: BandSpec, bandwidthMHz?: number): FieldResult<number> {
  const v = readNumber(raw);
  if (v === null) return fail('valRequired');
  if (v === 'invalid') return notANumber(raw);
  const range = { band: band.band, low: band.dlLowMHz, high: band.dlHighMHz };
  if (v < band.dlLowMHz || v > band.dlHighMHz) {
    if (v * 1000 >= band.dlLowMHz && v * 1000 <= band.dlHighMHz) return fail('valFreqLooksGHz', { ...range, value: v, mhz: v * 1000 });
    return fail('valFreqOutsideBand', { ...range, value: v });
  }
  if (bandwidthMHz !== undefined) {
    const lowEdge = v - bandwidthMHz / 2;
    const highEdge = v + bandwidthMHz / 2;
    // 1 kHz slack: a channel placed exactly at a band edge typed with rounded decimals.
    if (lowEdge < band.dlLowMHz - 1e-3 || highEdge > band.dlHighMHz + 1e-3) {
      return fail('valChannelOutsideBand', { ...range, value: v, bandwidth: bandwidthMHz, lowEdge, highEdge });
    }
  }
  return ok(v);
}

/** A problem of one field; `sectorId` set for sector fields, `carrierId` for carrier fields. */
export interface FieldProblem {
  readonly field: FieldName;
  readonly sectorId?: string;
  readonly carrierId?: string;
  readonly message: ValidationMessage;
}

/** Every problem of a carrier: id, tech, band of that tech, SCS, bandwidth, frequency in the band. */
export function validateCarrier(carrier: Carrier): FieldProblem[] {
  const c = carrier as unknown as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const carrierId = typeof c.id === 'string' ? c.id : undefined;
  const add = (field: FieldName, r: FieldResult<unknown>): void => {
    if (!r.ok) problems.push({ field, carrierId, message: r.message });
  };
  add('id', checkId(c.id));
  const tech = checkEnum<Technology>(FIELD_SPECS.tech, c.tech);
  add('tech', tech);
  if (!tech.ok) return problems;
  const band = checkBand(c.band, tech.value);
  add('band', band);
  const scs = checkScsKHz(c.scsKHz, tech.value);
  add('scsKHz', scs);
  const bw = scs.ok ? checkBandwidthMHz(c.bandwidthMHz, tech.value, scs.value) : null;
  if (bw) add('bandwidthMHz', bw);
  if (band.ok) add('freqMHz', checkFreqMHz(c.freqMHz, band.value, bw?.ok ? bw.value : undefined));
  return problems;
}

/** Checks the site's context can supply: the scenario's carriers, known models, the province. */
export interface SiteContext {
  /** When given, every sector's carrierId must be one of them. */
  readonly carriers?: readonly Carrier[];
  /** Defaults to every model of the registry. */
  readonly knownModelIds?: readonly string[];
  readonly inside?: InsideTest;
}

/**
 * Every problem of a site and its sectors, field by field (empty = the engine can take it).
 * Unlike parseScenario's structural check, this applies the editor's ranges (height < 300 m,
 * tilts −10…20°, power 0…60 dBm, …) and, with `context.carriers`, the carrier references.
 */
export function validateSite(site: Site, context: SiteContext = {}): FieldProblem[] {
  const s = site as unknown as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const add = (field: FieldName, r: FieldResult<unknown>, sectorId?: string): void => {
    if (!r.ok) problems.push(sectorId === undefined ? { field, message: r.message } : { field, sectorId, message: r.message });
  };
  add('id', checkId(s.id));
  add('name', checkName(s.name));
  const ll = checkLonLat(s.lonDeg, s.latDeg, context.inside);
  if (!ll.lat.ok) add('latDeg', ll.lat);
  if (!ll.lon.ok) add('lonDeg', ll.lon);
  if (ll.lat.ok && ll.lon.ok && !ll.pair.ok) add('latDeg', ll.pair);
  add('heightM', checkHeightM(s.heightM));
  // A stored site has every field: the editor's defaults do not apply here.
  add('kind', checkEnum(required(FIELD_SPECS.kind), s.kind));
  add('status', checkEnum(required(FIELD_SPECS.status), s.status));
  if (s.privateNetworkId !== undefined) add('privateNetworkId', checkId(s.privateNetworkId));
  if (!Array.isArray(s.sectors) || s.sectors.length === 0) {
    add('sectors', fail('valNoSectors'));
    return problems;
  }
  const carrierIds = context.carriers ? new Set(context.carriers.map((c) => c.id)) : null;
  const sectorIds = new Set<string>();
  for (const raw of s.sectors as unknown[]) {
    const sec = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const sid = typeof sec.id === 'string' ? sec.id : '?';
    const id = checkId(sec.id);
    add('id', id, sid);
    if (id.ok) {
      if (sectorIds.has(id.value)) add('id', fail('valDuplicateId', { value: id.value }), sid);
      sectorIds.add(id.value);
    }
    if (typeof sec.carrierId !== 'string' || sec.carrierId === '') add('carrierId', fail('valRequired'), sid);
    else if (carrierIds && !carrierIds.has(sec.carrierId)) add('carrierId', fail('valUnknownCarrier', { value: sec.carrierId }), sid);
    for (const f of ['azimuthDeg', 'mechanicalTiltDeg', 'electricalTiltDeg', 'txPowerDbm', 'feederLossDb'] as const) {
      // Sector numbers are stored as numbers: text such as "46" is a defect here, not an input.
      add(f, typeof sec[f] === 'number' ? checkNumberField(f, sec[f]) : sec[f] === undefined ? fail('valRequired') : notANumber(sec[f]), sid);
    }
    add('modelId', checkModelId(sec.modelId, context.knownModelIds), sid);
    const ant = (typeof sec.antenna === 'object' && sec.antenna !== null ? sec.antenna : null) as Record<string, unknown> | null;
    if (!ant) {
      add('antenna', fail('valRequired'), sid);
      continue;
    }
    add('antennaType', checkEnum(required(FIELD_SPECS.antennaType), ant.type), sid);
    add('maxGainDbi', typeof ant.maxGainDbi === 'number' ? checkNumberField('maxGainDbi', ant.maxGainDbi) : fail('valRequired'), sid);
    for (const f of ['hBeamwidthDeg', 'vBeamwidthDeg', 'frontToBackDb', 'sideLobeDb'] as const) {
      if (ant[f] !== undefined) add(f, typeof ant[f] === 'number' ? checkNumberField(f, ant[f]) : notANumber(ant[f]), sid);
    }
  }
  return problems;
}

const required = (spec: EnumFieldSpec): EnumFieldSpec => ({ kind: 'enum', values: spec.values });

/** `field <name>: <reason>` or `sector <id>, field <name>: <reason>` in English, as parseScenario words it. */
export function describeFieldProblem(p: FieldProblem, lang: 'vi' | 'en' = 'en'): string {
  const where = p.sectorId !== undefined ? `sector ${p.sectorId}, field ${p.field}` : `field ${p.field}`;
  return `${where}: ${formatValidationMessage(p.message, lang)}`;
}

/**
 * Applies the field rules to an already parsed scenario (parseScenario checks structure and
 * keeps looser ranges): invalid carriers are dropped, then every site failing
 * {@link validateSite} against the remaining carriers, each reported in parseScenario's
 * `<file>: site <id>, …` / `<file>: carrier <id>, …` wording. Used by every door (file, shared
 * link, autosave, command line: admit.ts); valid sites are kept as they are.
 * @throws ScenarioFieldError (path `carriers`) when the scenario has sites but no valid
 *   carrier: every site would be dropped, and an empty network must not replace the user's work
 */
export function enforceFieldRules(check: ScenarioCheck, fileName: string, context: Omit<SiteContext, 'carriers'> = {}): ScenarioCheck {
  const problems = [...check.problems];
  const carrierProblems: string[] = [];
  const carriers = check.scenario.carriers.filter((c) => {
    const cp = validateCarrier(c);
    for (const p of cp) carrierProblems.push(`carrier ${c.id}, field ${p.field}: ${formatValidationMessage(p.message)}`);
    return cp.length === 0;
  });
  const siteCount = check.scenario.sites.length;
  if (siteCount > 0 && carriers.length === 0) {
    const all = check.scenario.carriers.length;
    throw new ScenarioFieldError(fileName, 'carriers', all === 0
      ? `the scenario has ${siteCount} site${siteCount === 1 ? '' : 's'} but no carrier`
      : `none of the ${all} carrier${all === 1 ? ' is' : 's is'} valid, so none of the ${siteCount} site${siteCount === 1 ? '' : 's'} could be kept (${carrierProblems[0]})`);
  }
  for (const p of carrierProblems) problems.push(`${fileName}: ${p}`);
  const sites = check.scenario.sites.filter((s) => {
    const sp = validateSite(s, { ...context, carriers });
    if (sp.length > 0) problems.push(`${fileName}: site ${s.id}, ${describeFieldProblem(sp[0])}`);
    return sp.length === 0;
  });
  const scenario: Scenario = { ...check.scenario, carriers, sites };
  return { scenario, problems };
}
