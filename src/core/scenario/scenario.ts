/**
 * The scenario: carriers, sites with their sectors, and private networks. Stored as JSON
 * (`data/scenarios/*.json`) with a schema version. {@link validateScenario} keeps every valid
 * site and reports each invalid one by id and field, so one bad row never loses the rest.
 */
import type { Polygon } from 'geojson';
import { CURRENT_SCENARIO_SCHEMA_VERSION, migrateScenarioJson } from './migrate.ts';

/** Current schema version (older files are upgraded by migrate.ts when parsed). */
export const SCENARIO_SCHEMA_VERSION = CURRENT_SCENARIO_SCHEMA_VERSION;

export type Technology = 'LTE' | 'NR';

export interface Carrier {
  readonly id: string;
  readonly tech: Technology;
  /** 3GPP band name, e.g. `B3`, `n78`. */
  readonly band: string;
  /** Downlink centre frequency, MHz. */
  readonly freqMHz: number;
  readonly bandwidthMHz: number;
  /** Subcarrier spacing, kHz (15 for LTE). */
  readonly scsKHz: number;
}

export interface SectorAntenna {
  readonly type: '3gpp-sector' | 'omni';
  readonly maxGainDbi: number;
  /** Horizontal half-power beamwidth φ3dB, degrees (3GPP sector only). */
  readonly hBeamwidthDeg?: number;
  /** Vertical half-power beamwidth θ3dB, degrees (3GPP sector only). */
  readonly vBeamwidthDeg?: number;
  /** Front-to-back / maximum attenuation Am, dB. */
  readonly frontToBackDb?: number;
  /** Vertical side-lobe attenuation limit SLA_V, dB. */
  readonly sideLobeDb?: number;
}

export interface Sector {
  readonly id: string;
  readonly carrierId: string;
  readonly azimuthDeg: number;
  readonly mechanicalTiltDeg: number;
  readonly electricalTiltDeg: number;
  /** Total transmit power at the antenna port before feeder loss, dBm. */
  readonly txPowerDbm: number;
  readonly feederLossDb: number;
  readonly antenna: SectorAntenna;
  /** Path-loss model id (see src/core/propagation/registry.ts). */
  readonly modelId: string;
}

export interface Site {
  readonly id: string;
  readonly name: string;
  readonly lonDeg: number;
  readonly latDeg: number;
  /** Antenna height above ground, m. */
  readonly heightM: number;
  readonly kind: 'macro' | 'small-cell' | 'private-outdoor' | 'private-indoor';
  readonly status: 'existing' | 'candidate' | 'planned';
  readonly privateNetworkId?: string;
  readonly sectors: readonly Sector[];
}

export interface PrivateNetwork {
  readonly id: string;
  readonly name: string;
  /** Service area, WGS 84. */
  readonly serviceArea: Polygon;
}

export interface Scenario {
  readonly schemaVersion: number;
  readonly name: string;
  /** True for generated sample networks: the UI labels them as such, never as real sites. */
  readonly sample: boolean;
  readonly description: string;
  readonly ueHeightM: number;
  readonly carriers: readonly Carrier[];
  readonly sites: readonly Site[];
  readonly privateNetworks: readonly PrivateNetwork[];
}

export interface ScenarioCheck {
  readonly scenario: Scenario;
  /** One message per dropped site or sector: `<file>: site <id>, field <name>: <reason>`. */
  readonly problems: string[];
}

/** Inside-province test supplied by the caller (so this module needs no geometry library). */
export type InsideTest = (lonDeg: number, latDeg: number) => boolean;

export class ScenarioFileError extends Error {
  constructor(fileName: string, message: string) {
    super(`${fileName}: ${message}`);
    this.name = 'ScenarioFileError';
  }
}

/**
 * Parses and validates a scenario JSON text (older schema versions are upgraded first, see
 * migrate.ts; a newer version is refused). Whole-file problems throw ScenarioFileError;
 * a site with missing or swapped coordinates, or outside the province (when `inside` is
 * given), or with an invalid field, is dropped and reported; its valid neighbours load.
 */
export function parseScenario(text: string, fileName: string, inside?: InsideTest, knownModelIds?: readonly string[]): ScenarioCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ScenarioFileError(fileName, `not valid JSON (${(e as Error).message})`);
  }
  if (!isObj(json)) throw new ScenarioFileError(fileName, 'expected a JSON object');
  try {
    json = migrateScenarioJson(json).json as Record<string, unknown>;
  } catch (e) {
    throw new ScenarioFileError(fileName, (e as Error).message);
  }
  if (!isObj(json)) throw new ScenarioFileError(fileName, 'expected a JSON object');
  if (!Array.isArray(json.carriers) || !Array.isArray(json.sites)) throw new ScenarioFileError(fileName, 'expected arrays "carriers" and "sites"');
  const problems: string[] = [];
  const carriers: Carrier[] = [];
  json.carriers.forEach((c: unknown, i: number) => {
    const where = `${fileName}: carrier ${isObj(c) && typeof c.id === 'string' ? c.id : `#${i + 1}`}`;
    if (!isObj(c) || typeof c.id !== 'string') return problems.push(`${where}, field id: missing`);
    for (const k of ['freqMHz', 'bandwidthMHz', 'scsKHz'] as const) {
      if (!(typeof c[k] === 'number' && Number.isFinite(c[k]) && (c[k] as number) > 0)) return problems.push(`${where}, field ${k}: must be a number > 0, got ${JSON.stringify(c[k])}`);
    }
    if (c.tech !== 'LTE' && c.tech !== 'NR') return problems.push(`${where}, field tech: must be "LTE" or "NR", got ${JSON.stringify(c.tech)}`);
    carriers.push(c as unknown as Carrier);
  });
  const carrierIds = new Set(carriers.map((c) => c.id));
  const sites: Site[] = [];
  const seen = new Set<string>();
  json.sites.forEach((s: unknown, i: number) => {
    const id = isObj(s) && typeof s.id === 'string' && s.id ? s.id : `#${i + 1}`;
    const where = `${fileName}: site ${id}`;
    if (!isObj(s)) return problems.push(`${where}: not an object`);
    if (seen.has(id)) return problems.push(`${where}, field id: duplicate id`);
    const problem = siteProblem(s, carrierIds, inside, knownModelIds);
    if (problem) return problems.push(`${where}, ${problem}`);
    seen.add(id);
    sites.push(s as unknown as Site);
  });
  const privateNetworks = Array.isArray(json.privateNetworks) ? (json.privateNetworks as PrivateNetwork[]) : [];
  const scenario: Scenario = {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    name: typeof json.name === 'string' ? json.name : fileName,
    sample: json.sample === true,
    description: typeof json.description === 'string' ? json.description : '',
    ueHeightM: typeof json.ueHeightM === 'number' && json.ueHeightM > 0 ? json.ueHeightM : 1.5,
    carriers,
    sites,
    privateNetworks,
  };
  return { scenario, problems };
}

function siteProblem(s: Record<string, unknown>, carrierIds: Set<string>, inside?: InsideTest, knownModelIds?: readonly string[]): string | null {
  const lat = s.latDeg;
  const lon = s.lonDeg;
  if (lat === undefined || lat === null) return 'field latDeg: missing';
  if (lon === undefined || lon === null) return 'field lonDeg: missing';
  if (typeof lat !== 'number' || !Number.isFinite(lat)) return `field latDeg: not a number (${JSON.stringify(lat)})`;
  if (typeof lon !== 'number' || !Number.isFinite(lon)) return `field lonDeg: not a number (${JSON.stringify(lon)})`;
  if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) return `fields latDeg/lonDeg: latDeg=${lat} is not a latitude; latitude and longitude look swapped`;
  if (Math.abs(lat) > 90) return `field latDeg: ${lat} is outside −90…90`;
  if (Math.abs(lon) > 180) return `field lonDeg: ${lon} is outside −180…180`;
  if (inside && !inside(lon, lat)) {
    if (inside(lat, lon)) return `fields latDeg/lonDeg: (${lat}, ${lon}) is outside the province; swapped it would be inside`;
    return `fields latDeg/lonDeg: (${lat}, ${lon}) is outside the province`;
  }
  if (!(typeof s.heightM === 'number' && s.heightM > 0 && s.heightM < 1000)) return `field heightM: must be a number in (0, 1000) m, got ${JSON.stringify(s.heightM)}`;
  if (!Array.isArray(s.sectors) || s.sectors.length === 0) return 'field sectors: must be a non-empty array';
  for (const sec of s.sectors as unknown[]) {
    if (!isObj(sec)) return 'field sectors: an entry is not an object';
    const sid = typeof sec.id === 'string' ? sec.id : '?';
    if (!carrierIds.has(sec.carrierId as string)) return `sector ${sid}, field carrierId: unknown carrier ${JSON.stringify(sec.carrierId)}`;
    for (const k of ['azimuthDeg', 'mechanicalTiltDeg', 'electricalTiltDeg', 'txPowerDbm', 'feederLossDb'] as const) {
      if (!(typeof sec[k] === 'number' && Number.isFinite(sec[k]))) return `sector ${sid}, field ${k}: not a number (${JSON.stringify(sec[k])})`;
    }
    const az = sec.azimuthDeg as number;
    if (az < 0 || az >= 360) return `sector ${sid}, field azimuthDeg: ${az} is outside 0–360`;
    if (knownModelIds && !knownModelIds.includes(sec.modelId as string)) return `sector ${sid}, field modelId: unknown model ${JSON.stringify(sec.modelId)}`;
    const ant = sec.antenna;
    if (!isObj(ant) || (ant.type !== '3gpp-sector' && ant.type !== 'omni') || typeof ant.maxGainDbi !== 'number') {
      return `sector ${sid}, field antenna: needs type "3gpp-sector" or "omni" and maxGainDbi`;
    }
  }
  return null;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The carrier a private network's sites transmit on (the first sector's), or null. */
export function privateNetworkCarrierId(scenario: Scenario, networkId: string): string | null {
  for (const site of scenario.sites) if (site.privateNetworkId === networkId && site.sectors.length) return site.sectors[0].carrierId;
  return null;
}

