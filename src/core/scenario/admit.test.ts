/**
 * The scenario gate (admit.ts). Expected values: the refusals and paths the gate's contract
 * names (issue 16: two sites with the numeric id 123, `privateNetworks: [null]`,
 * `ueHeightM: 1e308`, a self-crossing service area, duplicate carrier ids, deep nesting), the
 * import path's own message for the same service area (service-area.ts, an independent door),
 * and invariants: a refusal leaves the input unchanged; a scenario the gate accepts is accepted
 * again unchanged (idempotence) and survives JSON.stringify / structuredClone.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { admitScenario, admitScenarioText, checkScenarioText, gateScenario, SCENARIO_LIMITS } from './admit.ts';
import { parseScenario, ScenarioFieldError, ScenarioFileError } from './scenario.ts';
import { parseServiceArea, ServiceAreaError } from './service-area.ts';

const sampleText = readFileSync(new URL('../../../data/scenarios/sample-network.json', import.meta.url), 'utf8');
const sample = () => JSON.parse(sampleText);

/** The message of the error `fn` throws (it must be a ScenarioFileError). */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioFileError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

/** Deep-freezes a JSON value, so that any write by the gate would throw. */
function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

describe('refusals name the file and the path of the field', () => {
  const bowTie = [[106, 10.25], [106.01, 10.26], [106.01, 10.25], [106, 10.26], [106, 10.25]];
  it.each<[string, (j: ReturnType<typeof sample>) => void, string]>([
    ['two sites with the numeric id 123', (j) => { j.sites[0].id = 123; j.sites[1].id = 123; }, 'scenario.json: sites[0].id: must be text (an id such as "S001"), got the number 123'],
    ['a repeated site id', (j) => { j.sites[7].id = j.sites[2].id; }, `scenario.json: sites[7].id: "S003" is also the id of sites[2]; site ids must be unique`],
    ['a numeric sector id', (j) => { j.sites[3].sectors[1].id = 7; }, 'scenario.json: sites[3].sectors[1].id: must be text (an id such as "S001-L1"), got the number 7'],
    ['a numeric carrier reference', (j) => { j.sites[3].sectors[1].carrierId = 1; }, 'scenario.json: sites[3].sectors[1].carrierId: must be text (the id of a carrier), got the number 1'],
    ['a null sector', (j) => { j.sites[3].sectors[1] = null; }, 'scenario.json: sites[3].sectors[1]: must be an object, got null'],
    ['a null private network', (j) => { j.privateNetworks = [null]; }, 'scenario.json: privateNetworks[0]: must be an object with id, name and serviceArea, got null'],
    ['private networks not a list', (j) => { j.privateNetworks = {}; }, 'scenario.json: privateNetworks: must be a list, got an object'],
    ['a service area without coordinates', (j) => { j.privateNetworks[0].serviceArea = { type: 'Polygon' }; }, 'scenario.json: privateNetworks[0].serviceArea: must be a GeoJSON Polygon, got type the text "Polygon"'],
    ['a self-crossing service area', (j) => { j.privateNetworks[0].serviceArea.coordinates = [bowTie]; }, 'scenario.json: privateNetworks[0].serviceArea: the polygon is not valid (its edges cross or a hole lies outside)'],
    ['a service-area vertex that is not a pair', (j) => { j.privateNetworks[0].serviceArea.coordinates[0][2] = [106]; }, 'scenario.json: privateNetworks[0].serviceArea.coordinates[0][2]: not a [lon, lat] pair of numbers ([106])'],
    ['a duplicate carrier id with another frequency', (j) => { j.carriers.push({ ...j.carriers[0], freqMHz: 1850 }); }, 'scenario.json: carriers[3].id: "lte1800" is also the id of carriers[0]; carrier ids must be unique'],
    ['ueHeightM 1e308', (j) => { j.ueHeightM = 1e308; }, 'scenario.json: ueHeightM: must be greater than 0 and at most 30 m, got 1e+308'],
    ['ueHeightM as text', (j) => { j.ueHeightM = '1.5'; }, 'scenario.json: ueHeightM: must be a number of metres, got the text "1.5"'],
    ['a name that is not text', (j) => { j.name = ['x']; }, 'scenario.json: name: must be text, got a list'],
    ['sample as text', (j) => { j.sample = 'yes'; }, 'scenario.json: sample: must be true or false, got the text "yes"'],
    ['sites but no valid carrier', (j) => { for (const c of j.carriers) c.freqMHz = -1; }, 'scenario.json: carriers: none of the 3 carriers is valid, so no site could be kept (carrier lte1800, field freqMHz: must be a number > 0, got -1)'],
  ])('%s', (_what, mutate, message) => {
    const json = sample();
    mutate(json);
    deepFreeze(json);
    const before = JSON.stringify(json);
    expect(refusal(() => admitScenario(json, 'scenario.json'))).toBe(message);
    // The same refusal through the text door, and the input untouched.
    expect(refusal(() => parseScenario(JSON.stringify(json), 'scenario.json'))).toBe(message);
    expect(JSON.stringify(json)).toBe(before);
  });

  it('the self-crossing service area gets the reason the service-area import gives', () => {
    const bow = { type: 'Polygon', coordinates: [bowTie] };
    let importReason = '';
    try {
      parseServiceArea(JSON.stringify(bow), 'campus.geojson');
    } catch (e) {
      expect(e).toBeInstanceOf(ServiceAreaError);
      importReason = (e as ServiceAreaError).reason;
    }
    const json = sample();
    json.privateNetworks[0].serviceArea = bow;
    try {
      admitScenario(json, 'scenario.json');
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioFieldError);
      expect((e as ScenarioFieldError).reason).toBe(importReason);
      expect((e as ScenarioFieldError).path).toBe('privateNetworks[0].serviceArea');
    }
  });

  it('the enforced field rules refuse sites without any valid carrier (all carriers outside their band)', () => {
    const json = sample();
    for (const c of json.carriers) c.freqMHz = 99999;
    expect(refusal(() => admitScenario(json, 'f.json'))).toMatch(/^f\.json: carriers: none of the 3 carriers is valid, so none of the 335 sites could be kept \(carrier lte1800, field freqMHz: centre frequency 99999 MHz is outside/);
  });
});

describe('limits: refused quickly, never by a stack overflow', () => {
  it('JSON nested deeper than the limit is refused before parsing', () => {
    const deep = `{"sites": ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    const t0 = performance.now();
    // `{"sites": ` is 10 characters (the `{` is level 1); the `[` at character 11 + k is level
    // 2 + k, so level 17 (the first beyond 16) is the `[` at character 26.
    expect(SCENARIO_LIMITS.maxDepth).toBe(16);
    expect(refusal(() => admitScenarioText(deep, 'deep.json'))).toBe('deep.json: nested more than 16 levels deep at character 26: not a scenario (a scenario nests 7 levels)');
    // A linear scan over 2 MB: well under a second even on a loaded 2-core machine.
    expect(performance.now() - t0).toBeLessThan(5000);
    // Brackets inside strings do not count.
    expect(() => checkScenarioText(JSON.stringify({ name: '['.repeat(100) }), 'ok.json')).not.toThrow();
  });
  it('a deeply nested service area given as a value (autosave) is refused at the first vertex', () => {
    const json = sample();
    let v: unknown = [106, 10];
    for (let i = 0; i < 100_000; i++) v = [v];
    json.privateNetworks[0].serviceArea.coordinates = v;
    expect(refusal(() => admitScenario(json, 'autosave'))).toBe('autosave: privateNetworks[0].serviceArea.coordinates[0]: needs at least 3 vertices');
  });
  it('more sites, sectors or carriers than the limits', () => {
    const json = sample();
    json.sites = Array.from({ length: SCENARIO_LIMITS.maxSites + 1 }, () => json.sites[0]);
    expect(refusal(() => admitScenario(json, 'big.json'))).toBe(`big.json: sites: ${SCENARIO_LIMITS.maxSites + 1} sites, more than the ${SCENARIO_LIMITS.maxSites} a scenario may hold`);
    const j2 = sample();
    j2.sites[0].sectors = Array.from({ length: 33 }, (_, k) => ({ ...j2.sites[0].sectors[0], id: `x${k}` }));
    expect(refusal(() => admitScenario(j2, 'f.json'))).toBe('f.json: sites[0].sectors: 33 sectors, more than the 32 a scenario may hold');
  });
  it('a megabyte-long id is refused without being quoted whole', () => {
    const json = sample();
    json.sites[0].id = 'x'.repeat(1_000_000);
    const m = refusal(() => admitScenario(json, 'f.json'));
    expect(m).toBe('f.json: sites[0].id: 1000000 characters, more than the 256 an id may have');
  });
  it('cyclic and deep unknown members are left out, so the result serialises', () => {
    const json = sample();
    json.self = json;
    json.sites[0].sectors[0].antenna.self = json;
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    json.sites[1].extra = deep;
    const { scenario } = admitScenario(json, 'autosave');
    expect(() => JSON.stringify(scenario)).not.toThrow();
    expect(() => structuredClone(scenario)).not.toThrow();
    expect(scenario.sites[0].sectors[0].antenna).toEqual({ type: '3gpp-sector', maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 });
    expect(Object.keys(scenario.sites[1])).toEqual(['id', 'name', 'lonDeg', 'latDeg', 'heightM', 'kind', 'status', 'sectors']);
  });
});

describe('accepted scenarios', () => {
  it('the sample passes unchanged, and the gate is idempotent', () => {
    const first = admitScenario(sample(), 'sample-network.json');
    expect(first.problems).toEqual([]);
    expect(first.scenario).toEqual(parseScenario(sampleText, 'sample-network.json').scenario);
    const again = admitScenario(JSON.parse(JSON.stringify(first.scenario)), 'again');
    expect(again).toEqual({ scenario: first.scenario, problems: [] });
  });
  it('bidi overrides and zero-width characters are removed from names, diacritics kept', () => {
    const json = sample();
    json.sites[0].name = 'Tr\u202Eạm\u200B Long\u2066 Hồ\u00AD';
    json.name = '\uFEFFKịch bản';
    json.privateNetworks[0].name = 'Khu\u200D A';
    const { scenario } = admitScenario(json, 'f.json');
    expect(scenario.sites[0].name).toBe('Trạm Long Hồ');
    expect(scenario.name).toBe('Kịch bản');
    expect(scenario.privateNetworks[0].name).toBe('Khu A');
  });
  it('a bad value still drops only its site (historical wording), not the scenario', () => {
    const json = sample();
    json.sites[4].sectors[0].azimuthDeg = 400;
    const check = gateScenario(json, 'f.json');
    expect(check.scenario.sites).toHaveLength(json.sites.length - 1);
    expect(check.problems).toEqual([`f.json: site ${json.sites[4].id}, sector ${json.sites[4].sectors[0].id}, field azimuthDeg: 400 is outside 0–360`]);
  });
});

describe('the clutter table travels with the scenario (issue 11)', () => {
  const sample = JSON.parse(sampleText);
  it('a valid table is kept field for field, unknown members left out', async () => {
    const { DEFAULT_CLUTTER_TABLE } = await import('../clutter/table.ts');
    const table = { ...DEFAULT_CLUTTER_TABLE, urban: { ...DEFAULT_CLUTTER_TABLE.urban, loss: 'fixed', fixedLossDb: 12, shadowSigmaDb: 7.5, extra: 'x' } };
    const r = admitScenario({ ...sample, clutterTable: table }, 's.json');
    expect(r.scenario.clutterTable?.urban).toEqual({ clutterHeightM: 15, loss: 'fixed', fixedLossDb: 12, building: 'traditional', shadowSigmaDb: 7.5 });
    expect(r.scenario.clutterTable?.['dense-urban']).toEqual(DEFAULT_CLUTTER_TABLE['dense-urban']);
    // and back through the text door unchanged
    expect(admitScenarioText(JSON.stringify(r.scenario), 's.json').scenario.clutterTable).toEqual(r.scenario.clutterTable);
  });
  it('a bad row is refused with the path of its field', async () => {
    const { DEFAULT_CLUTTER_TABLE } = await import('../clutter/table.ts');
    const table = { ...DEFAULT_CLUTTER_TABLE, suburban: { ...DEFAULT_CLUTTER_TABLE.suburban, shadowSigmaDb: -3 } };
    expect(() => admitScenario({ ...sample, clutterTable: table }, 's.json')).toThrow(/s\.json: clutterTable\.suburban\.shadowSigmaDb/);
    const { 'dense-urban': _gone, ...missing } = DEFAULT_CLUTTER_TABLE;
    expect(() => admitScenario({ ...sample, clutterTable: missing }, 's.json')).toThrow(/clutterTable\.dense-urban/);
  });
});

/**
 * Issue 14: the sector's PCI and cell identity, and the scenario's calibrated model. Expected
 * values: the ranges of TS 36.211 §6.11 (LTE PCI 0–503) and TS 38.211 §7.4.2.1 (NR 0–1007), the
 * gate's own contract (a refusal names the path; a bad value drops its site) and round trips
 * (JSON.stringify, which writes NaN as null, then the gate again).
 */
describe('drive-test fields: sector PCI and cell id, the calibrated model (issue 14)', () => {
  const calibrated = () => ({
    format: 'phusong-calibration', version: 1, name: 'Drive test 2026-01', referenceDistanceKm: 1, minDistanceKm: 0.01, folds: 5, seed: 1, minPoints: 30, outlierMadFactor: 3,
    perClass: [
      { modelId: '38901-rma-expected', class: 1, className: 'open-rural', offsetDb: 2.95, slopeDbPerDecade: -3.94, nPoints: 23702, nOutliers: 40, rmseBeforeDb: 7.26, rmseAfterDb: 6.89, meanErrorBeforeDb: 2.1, meanErrorAfterDb: 0.01, logDistanceSpreadDecades: 0.3, slopeStdErrorDbPerDecade: 0.1, fitted: true, slopeFitted: true, extra: 'dropped' },
      { modelId: '38901-rma-expected', class: 5, className: 'dense-urban', offsetDb: 0, slopeDbPerDecade: 0, nPoints: 8, nOutliers: 0, rmseBeforeDb: 9.08, rmseAfterDb: 9.08, meanErrorBeforeDb: -3, meanErrorAfterDb: -3, logDistanceSpreadDecades: null, slopeStdErrorDbPerDecade: null, fitted: false, slopeFitted: false, reason: 'too few points: 8 < 30' },
    ],
  });
  it('PCI and cell id are kept, the cell id trimmed and sanitised', () => {
    const json = sample();
    json.sites[0].sectors[0].pci = 503;
    json.sites[0].sectors[0].cellId = ' 452040\u200B123456 ';
    const { scenario, problems } = admitScenario(json, 's.json');
    expect(problems).toEqual([]);
    expect(scenario.sites[0].sectors[0].pci).toBe(503);
    expect(scenario.sites[0].sectors[0].cellId).toBe('452040123456');
    expect(scenario.sites[0].sectors[1].pci).toBeUndefined();
    expect('cellId' in scenario.sites[0].sectors[1]).toBe(false);
  });
  it('a PCI out of its technology\'s range drops the site and says why; 504 is valid on NR', () => {
    const json = sample();
    const lte = json.sites[0].sectors.findIndex((s: { carrierId: string }) => s.carrierId === 'lte1800');
    json.sites[0].sectors[lte].pci = 504;
    const nrSite = json.sites.findIndex((s: { sectors: { carrierId: string }[] }) => s.sectors.some((x) => x.carrierId === 'nr3500'));
    const nr = json.sites[nrSite].sectors.findIndex((s: { carrierId: string }) => s.carrierId === 'nr3500');
    json.sites[nrSite].sectors[nr].pci = 504;
    const check = gateScenario(json, 'f.json');
    expect(check.problems).toEqual([`f.json: site ${json.sites[0].id}, sector ${json.sites[0].sectors[lte].id}, field pci: must be a whole number 0–503 (LTE physical cell id), got 504`]);
    expect(check.scenario.sites.find((s) => s.id === json.sites[nrSite].id)!.sectors[nr].pci).toBe(504);
    const j2 = sample();
    j2.sites[1].sectors[0].pci = 12.5;
    expect(gateScenario(j2, 'f.json').problems[0]).toMatch(/field pci: must be a whole number 0–503 .*got 12\.5$/);
    const j3 = sample();
    j3.sites[1].sectors[0].cellId = '   ';
    expect(gateScenario(j3, 'f.json').problems[0]).toMatch(/field cellId: must be 1–64 characters/);
  });
  it('a cell id that is not text is refused with its path', () => {
    const json = sample();
    json.sites[2].sectors[1].cellId = 123;
    expect(refusal(() => admitScenario(json, 's.json'))).toBe('s.json: sites[2].sectors[1].cellId: must be text (a cell identity such as "452040123456"), got the number 123');
  });
  it('a calibrated model is kept, rebuilt from its known members, and survives JSON (null figures read back as NaN)', () => {
    const { scenario } = admitScenario({ ...sample(), calibration: calibrated() }, 's.json');
    const cal = scenario.calibration!;
    expect(cal.name).toBe('Drive test 2026-01');
    expect(cal.perClass).toHaveLength(2);
    expect(cal.perClass[0]).not.toHaveProperty('extra');
    expect(cal.perClass[0].offsetDb).toBe(2.95);
    expect(cal.perClass[1].logDistanceSpreadDecades).toBeNaN();
    expect(cal.perClass[1].reason).toBe('too few points: 8 < 30');
    // round trip: JSON writes NaN as null, the gate reads it back as NaN
    const again = admitScenarioText(JSON.stringify(scenario), 's.json').scenario.calibration;
    expect(again).toEqual(cal);
    expect(structuredClone(scenario).calibration).toEqual(cal);
  });
  it.each<[string, (c: ReturnType<typeof calibrated>) => void, string]>([
    ['a wrong format', (c) => { c.format = 'x'; }, 's.json: calibration.format: must be "phusong-calibration", got the text "x"'],
    ['an offset that is not finite', (c) => { (c.perClass[0] as Record<string, unknown>).offsetDb = null; }, 's.json: calibration.perClass[0].offsetDb: must be a finite number of dB within ±100, got null'],
    ['a slope of 1000 dB/decade', (c) => { c.perClass[0].slopeDbPerDecade = 1000; }, 's.json: calibration.perClass[0].slopeDbPerDecade: must be a finite number of dB/decade within ±100, got the number 1000'],
    ['a class of 256', (c) => { c.perClass[1].class = 256; }, 's.json: calibration.perClass[1].class: must be a whole number 0–255 (255: every class), got the number 256'],
    ['the same model and class twice', (c) => { c.perClass[1].class = 1; }, 's.json: calibration.perClass[1].class: model "38901-rma-expected" class 1 is also .perClass[0]; each (model, class) may appear once'],
    ['fitted as text', (c) => { (c.perClass[0] as Record<string, unknown>).fitted = 'yes'; }, 's.json: calibration.perClass[0].fitted: must be true or false, got the text "yes"'],
    ['perClass not a list', (c) => { (c as Record<string, unknown>).perClass = {}; }, 's.json: calibration.perClass: must be a list, got an object'],
    ['an empty name', (c) => { c.name = ' '; }, 's.json: calibration.name: must be 1–200 characters, got 0'],
    ['one fold', (c) => { c.folds = 1; }, 's.json: calibration.folds: must be a whole number 2–100, got the number 1'],
  ])('%s is refused with the path of the member', (_what, mutate, message) => {
    const cal = calibrated();
    mutate(cal);
    expect(refusal(() => admitScenario({ ...sample(), calibration: cal }, 's.json'))).toBe(message);
  });
  it('a calibration that is not an object is refused', () => {
    expect(refusal(() => admitScenario({ ...sample(), calibration: [1] }, 's.json'))).toBe('s.json: calibration: must be a calibrated model (an object), got a list');
  });
});
