import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario, ScenarioFileError } from './scenario.ts';

const sample = readFileSync(new URL('../../../data/scenarios/sample-network.json', import.meta.url), 'utf8');
// A box around Vĩnh Long (SOURCES.md bbox) as a stand-in province for the inside test.
const inside = (lon: number, lat: number) => lon >= 105.68 && lon <= 106.8 && lat >= 9.52 && lat <= 10.35;

describe('parseScenario', () => {
  it('loads the committed sample network, flagged as sample, without problems', () => {
    const { scenario, problems } = parseScenario(sample, 'sample-network.json', inside);
    expect(problems).toEqual([]);
    expect(scenario.sample).toBe(true);
    expect(scenario.sites.length).toBeGreaterThan(100);
    expect(scenario.carriers.map((c) => c.id)).toEqual(['lte1800', 'nr3500', 'pn3700']);
    expect(scenario.sites.filter((s) => s.privateNetworkId === 'PN1')).toHaveLength(2);
  });
  it('names each bad site and field, and keeps the rest', () => {
    const json = JSON.parse(sample);
    const n = json.sites.length;
    delete json.sites[0].latDeg;
    [json.sites[1].latDeg, json.sites[1].lonDeg] = [json.sites[1].lonDeg, json.sites[1].latDeg];
    json.sites[2].lonDeg = 104.2;
    json.sites[3].sectors[0].azimuthDeg = 400;
    json.sites[4].heightM = -3;
    json.sites[5].lonDeg = 'x';
    const { scenario, problems } = parseScenario(JSON.stringify(json), 'f.json', inside);
    expect(scenario.sites).toHaveLength(n - 6);
    expect(problems).toEqual([
      `f.json: site ${json.sites[0].id}, field latDeg: missing`,
      expect.stringMatching(new RegExp(`^f\\.json: site ${json.sites[1].id}, fields latDeg/lonDeg: latDeg=1\\d\\d\\.\\d+ is not a latitude; latitude and longitude look swapped$`)),
      expect.stringMatching(new RegExp(`^f\\.json: site ${json.sites[2].id}, fields latDeg/lonDeg: .* is outside the province$`)),
      `f.json: site ${json.sites[3].id}, sector ${json.sites[3].sectors[0].id}, field azimuthDeg: 400 is outside 0–360`,
      `f.json: site ${json.sites[4].id}, field heightM: must be a number in (0, 1000) m, got -3`,
      `f.json: site ${json.sites[5].id}, field lonDeg: not a number ("x")`,
    ]);
  });
  it('says when swapped coordinates would fall inside the province', () => {
    const json = JSON.parse(sample);
    // both within ±90 so not caught by the latitude range, but swapped: inside-test decides
    const ins = (lon: number, lat: number) => lon > 40 && lon < 50 && lat > 10 && lat < 20;
    json.sites = [{ ...json.sites[0], lonDeg: 15, latDeg: 45 }];
    const { problems } = parseScenario(JSON.stringify(json), 'f.json', ins);
    expect(problems[0]).toMatch(/outside the province; swapped it would be inside/);
  });
  it('rejects whole-file problems with the file name', () => {
    expect(() => parseScenario('{', 'a.json')).toThrow(ScenarioFileError);
    expect(() => parseScenario('{"schemaVersion": 9}', 'a.json')).toThrow(/a\.json: schemaVersion must be 1, found 9/);
  });
});
