import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { migrateScenarioJson, ScenarioVersionError } from './migrate.ts';
import { parseScenario, ScenarioFileError } from './scenario.ts';

const sampleText = readFileSync(new URL('../../../data/scenarios/sample-network.json', import.meta.url), 'utf8');

/** A pre-release (version 0) file written by hand: no schemaVersion, lat/lon, no scsKHz. */
const V0 = {
  name: 'Pre-release test',
  description: '',
  ueHeightM: 1.5,
  carriers: [
    { id: 'l18', tech: 'LTE', band: 'B3', freqMHz: 1842.5, bandwidthMHz: 20 },
    { id: 'n35', tech: 'NR', band: 'n78', freqMHz: 3500, bandwidthMHz: 100 },
  ],
  sites: [
    {
      id: 'A1', name: 'A1', lat: 10.23514, lon: 106.00279, heightM: 30, kind: 'macro', status: 'existing',
      sectors: [{ id: 'A1-1', carrierId: 'n35', azimuthDeg: 10, mechanicalTiltDeg: 2, electricalTiltDeg: 4, txPowerDbm: 49, feederLossDb: 1, antenna: { type: 'omni', maxGainDbi: 5 }, modelId: 'fspl' }],
    },
  ],
};

describe('migrateScenarioJson', () => {
  it('upgrades version 0 to 1 without touching the input', () => {
    const input = structuredClone(V0);
    const { json, fromVersion } = migrateScenarioJson(input);
    expect(fromVersion).toBe(0);
    expect(input).toEqual(V0);
    const out = json as Record<string, unknown> & { sites: Record<string, unknown>[]; carriers: Record<string, unknown>[] };
    expect(out.schemaVersion).toBe(1);
    expect(out.sample).toBe(false);
    expect(out.privateNetworks).toEqual([]);
    expect(out.carriers.map((c) => c.scsKHz)).toEqual([15, 30]);
    expect(out.sites[0]).toMatchObject({ latDeg: 10.23514, lonDeg: 106.00279 });
    expect(out.sites[0]).not.toHaveProperty('lat');
    expect(out.sites[0]).not.toHaveProperty('lon');
  });
  it('leaves version 1 as it is', () => {
    const v1 = JSON.parse(sampleText);
    const { json, fromVersion } = migrateScenarioJson(v1);
    expect(fromVersion).toBe(1);
    expect(json).toEqual(JSON.parse(sampleText));
  });
  it('refuses newer and malformed versions with a clear message', () => {
    expect(() => migrateScenarioJson({ schemaVersion: 2 })).toThrow(ScenarioVersionError);
    expect(() => migrateScenarioJson({ schemaVersion: 2 })).toThrow('schemaVersion must be 1, found 2: the file was written by a newer phusong (this one reads versions 0–1); update phusong to open it');
    expect(() => migrateScenarioJson({ schemaVersion: '1' })).toThrow('found "1" (not a schema version)');
    expect(() => migrateScenarioJson({ schemaVersion: 0.5 })).toThrow(ScenarioVersionError);
  });
  it('parseScenario opens a version-0 file and validates it like a current one', () => {
    const { scenario, problems } = parseScenario(JSON.stringify(V0), 'old.json');
    expect(problems).toEqual([]);
    expect(scenario.schemaVersion).toBe(1);
    expect(scenario.sites[0]).toMatchObject({ id: 'A1', latDeg: 10.23514, lonDeg: 106.00279 });
    expect(scenario.carriers[1].scsKHz).toBe(30);
    // A version-0 site without coordinates is reported as a v1 one would be.
    const broken = structuredClone(V0) as { sites: Record<string, unknown>[] };
    delete broken.sites[0].lat;
    expect(parseScenario(JSON.stringify(broken), 'old.json').problems).toEqual(['old.json: site A1, field latDeg: missing']);
    expect(() => parseScenario('{"schemaVersion": 3, "carriers": [], "sites": []}', 'new.json')).toThrow(ScenarioFileError);
    expect(() => parseScenario('{"schemaVersion": 3, "carriers": [], "sites": []}', 'new.json')).toThrow(/^new\.json: schemaVersion must be 1, found 3: .*newer phusong/);
  });
});
