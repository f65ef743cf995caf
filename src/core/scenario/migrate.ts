/**
 * Scenario file versions, and the upgrade of older files to the current one, so that a scenario
 * saved by an earlier phusong (a file, an autosave, a shared link) still opens.
 *
 * Versions:
 * - **1** (current): `schemaVersion: 1`; sites carry `latDeg` / `lonDeg`; every carrier has
 *   `scsKHz`; `sample` and `privateNetworks` present (see scenario.ts).
 * - **0** (the pre-release format, before the scenario schema was versioned): no
 *   `schemaVersion` field (or `schemaVersion: 0`); sites carry `lat` / `lon` (WGS 84 degrees)
 *   instead of `latDeg` / `lonDeg`; carriers may lack `scsKHz` (it was implied: 15 kHz for LTE,
 *   30 kHz for NR); `sample` and `privateNetworks` may be absent (false, none).
 *
 * A version newer than the current one is refused, never guessed at: the file was written by a
 * newer phusong and may mean things this one does not know.
 */

/** The schema version this code writes. scenario.ts re-exports it as SCENARIO_SCHEMA_VERSION. */
import { quoteShort } from './text.ts';

export const CURRENT_SCENARIO_SCHEMA_VERSION = 1;

/** Thrown for a version that is not a known one; the message is meant for the user. */
export class ScenarioVersionError extends Error {
  readonly foundVersion: unknown;
  constructor(foundVersion: unknown, message: string) {
    super(message);
    this.name = 'ScenarioVersionError';
    this.foundVersion = foundVersion;
  }
}

export interface MigrationResult {
  /** The scenario JSON in the current schema (a new object; the input is not modified). */
  readonly json: unknown;
  /** The version the input was in (0 for the pre-release format). */
  readonly fromVersion: number;
}

/**
 * Upgrades a parsed scenario JSON object to the current schema version. Non-objects are
 * returned unchanged with `fromVersion` = current (the caller's structural check reports them).
 * @throws ScenarioVersionError for a schemaVersion that is newer, negative, or not an integer
 */
export function migrateScenarioJson(json: unknown): MigrationResult {
  if (!isObj(json)) return { json, fromVersion: CURRENT_SCENARIO_SCHEMA_VERSION };
  const version = json.schemaVersion === undefined ? 0 : json.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    // Quoted only when a primitive: a list or an object (even a cyclic one) is named by its kind.
    const found = version !== null && typeof version === 'object' ? (Array.isArray(version) ? 'a list' : 'an object') : typeof version === 'string' ? quoteShort(version) : String(JSON.stringify(version));
    throw new ScenarioVersionError(version, `schemaVersion must be ${CURRENT_SCENARIO_SCHEMA_VERSION}, found ${found} (not a schema version)`);
  }
  if (version > CURRENT_SCENARIO_SCHEMA_VERSION) {
    throw new ScenarioVersionError(
      version,
      `schemaVersion must be ${CURRENT_SCENARIO_SCHEMA_VERSION}, found ${version}: the file was written by a newer phusong (this one reads versions 0–${CURRENT_SCENARIO_SCHEMA_VERSION}); update phusong to open it`,
    );
  }
  let out: Record<string, unknown> = json;
  if (version === 0) out = migrate0to1(out);
  return { json: out, fromVersion: version };
}

/** Version 0 → 1: `lat`/`lon` → `latDeg`/`lonDeg`, implied `scsKHz`, explicit defaults. */
function migrate0to1(v0: Record<string, unknown>): Record<string, unknown> {
  const carriers = Array.isArray(v0.carriers)
    ? v0.carriers.map((c: unknown) => {
        if (!isObj(c) || c.scsKHz !== undefined) return c;
        return { ...c, scsKHz: c.tech === 'NR' ? 30 : 15 };
      })
    : v0.carriers;
  const sites = Array.isArray(v0.sites)
    ? v0.sites.map((s: unknown) => {
        if (!isObj(s)) return s;
        const { lat, lon, ...rest } = s;
        // A site that already has latDeg / lonDeg keeps them; lat / lon are dropped either way.
        return { ...rest, latDeg: s.latDeg ?? lat, lonDeg: s.lonDeg ?? lon };
      })
    : v0.sites;
  return {
    ...v0,
    schemaVersion: 1,
    sample: v0.sample === true,
    carriers,
    sites,
    privateNetworks: Array.isArray(v0.privateNetworks) ? v0.privateNetworks : [],
  };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
