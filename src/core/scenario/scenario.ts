/**
 * The scenario: carriers, sites with their sectors, and private networks. Stored as JSON
 * (`data/scenarios/*.json`) with a schema version. {@link parseScenario} keeps every valid
 * site and reports each invalid one by id and field, so one bad row never loses the rest; what
 * makes a file not a scenario is refused whole (admit.ts, the one gate of every door).
 */
import type { ClutterTable } from '../clutter/table.ts';
import type { CalibratedModel } from '../measurements/calibrate.ts';
import type { Polygon } from 'geojson';
import { CURRENT_SCENARIO_SCHEMA_VERSION } from './migrate.ts';
import { ScenarioFileError } from './scenario-error.ts';
import { checkScenarioText, gateScenario } from './admit.ts';

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
  /** Physical cell id (LTE 0–503, NR 0–1007): drive-test points are matched to the sector by it (docs/measurements.md). */
  readonly pci?: number;
  /** The operator's cell identity (ECI / NCI in decimal, or a cell name), 1–64 characters: matched before the PCI. */
  readonly cellId?: string;
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
  /** The clutter table of this scenario (clutter/table.ts); absent: the defaults. Edits are undoable. */
  readonly clutterTable?: ClutterTable;
  /**
   * The named calibrated model (per path-loss model and clutter class: offset K1 and distance
   * slope K2, src/core/measurements/calibrate.ts) that the engine adds to every prediction;
   * absent: none. Set by the measurements section or `phusong calibrate`; undoable.
   */
  readonly calibration?: CalibratedModel;
}

export interface ScenarioCheck {
  readonly scenario: Scenario;
  /** One message per dropped site or sector: `<file>: site <id>, field <name>: <reason>`. */
  readonly problems: string[];
}

/** Inside-province test supplied by the caller (so this module needs no geometry library). */
export type InsideTest = (lonDeg: number, latDeg: number) => boolean;

export { ScenarioFieldError, ScenarioFileError } from './scenario-error.ts';

/**
 * Parses and validates a scenario JSON text through the structure gate (admit.ts: size and
 * nesting limits, schema migration — older versions are upgraded, a newer one is refused —,
 * ids and references, private networks and their service areas, names sanitised). Whole-file
 * problems throw ScenarioFileError (a ScenarioFieldError names the field's path); a site with
 * missing or swapped coordinates, or outside the province (when `inside` is given), or with an
 * invalid field, is dropped and reported; its valid neighbours load. The editor's stricter
 * ranges are fields.ts `enforceFieldRules`, which every door applies next (admit.ts
 * `admitScenarioText` does both).
 */
export function parseScenario(text: string, fileName: string, inside?: InsideTest, knownModelIds?: readonly string[]): ScenarioCheck {
  checkScenarioText(text, fileName);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ScenarioFileError(fileName, `not valid JSON (${(e as Error).message})`);
  }
  return gateScenario(json, fileName, { inside, knownModelIds });
}

/** The carrier a private network's sites transmit on (the first sector's), or null. */
export function privateNetworkCarrierId(scenario: Scenario, networkId: string): string | null {
  for (const site of scenario.sites) if (site.privateNetworkId === networkId && site.sectors.length) return site.sectors[0].carrierId;
  return null;
}

