/**
 * Fuzzing the scenario gate (src/core/scenario/admit.ts) through its two doors: JSON text
 * (`parseScenario` + `enforceFieldRules`, as the app's file open and `phusong coverage` do;
 * `admitScenarioText`, as the share link does) and a value (`admitScenario`, as the autosave
 * does). Inputs: structured mutations of a valid scenario (4 sites of the committed sample, its
 * 3 carriers and private network) and text mutations of its JSON. Expected (invariants of the
 * gate's contract): only ScenarioFileError is thrown; the input value is never written (it is
 * deep-frozen); an accepted scenario serialises, references only its own carriers, has unique
 * text ids and sanitised names, and is accepted again unchanged.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { admitScenario, admitScenarioText } from '../../src/core/scenario/admit.ts';
import { enforceFieldRules } from '../../src/core/scenario/fields.ts';
import { parseScenario, ScenarioFileError, type Scenario, type ScenarioCheck } from '../../src/core/scenario/scenario.ts';
import { applyMutations, deepFreeze, FUZZ_RUNS, mutations, nastyJson, nastyValue, onlyNamedErrors, pathsOf, textMutations } from './fuzz-helpers.ts';

const sample = JSON.parse(readFileSync(new URL('../../data/scenarios/sample-network.json', import.meta.url), 'utf8'));
const base = { ...sample, sites: [sample.sites[0], sample.sites[1], ...sample.sites.filter((s: { privateNetworkId?: string }) => s.privateNetworkId).slice(0, 2)] };
const baseText = JSON.stringify(base);
const paths = pathsOf(base);
// A box around Vĩnh Long (SOURCES.md bbox) as the inside test.
const inside = (lon: number, lat: number) => lon >= 105.68 && lon <= 106.8 && lat >= 9.52 && lat <= 10.35;
const ctx = { inside };

/** The invariants of an accepted scenario. */
function checkAccepted(check: ScenarioCheck): void {
  expect(Array.isArray(check.problems) && check.problems.every((p) => typeof p === 'string')).toBe(true);
  const s: Scenario = check.scenario;
  const text = JSON.stringify(s);
  const carrierIds = new Set(s.carriers.map((c) => c.id));
  expect(carrierIds.size).toBe(s.carriers.length);
  expect(new Set(s.sites.map((x) => x.id)).size).toBe(s.sites.length);
  for (const site of s.sites) {
    expect(typeof site.id).toBe('string');
    expect(/\p{Cf}/u.test(site.name)).toBe(false);
    for (const sec of site.sectors) expect(carrierIds.has(sec.carrierId)).toBe(true);
  }
  expect(s.ueHeightM > 0 && s.ueHeightM <= 30).toBe(true);
  // Idempotent: what the gate lets in, it lets in again unchanged.
  const again = admitScenarioText(text, 'again', ctx);
  expect(again.problems).toEqual([]);
  expect(JSON.stringify(again.scenario)).toBe(text);
}

describe('fuzz: scenario gate', () => {
  it(`text door: ${FUZZ_RUNS} mutated scenario files → ScenarioFileError or a valid scenario`, () => {
    const input = fc.oneof(
      mutations(paths.length, nastyJson).map((m) => JSON.stringify(applyMutations(base, paths, m)) ?? 'null'),
      textMutations(baseText),
    );
    fc.assert(
      fc.property(input, (text) => {
        const check = onlyNamedErrors(() => enforceFieldRules(parseScenario(text, 'f.json', inside), 'f.json', ctx), [ScenarioFileError]);
        if (check) checkAccepted(check);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
  it(`value door (autosave): ${FUZZ_RUNS} mutated values, cycles included, deep-frozen → ScenarioFileError or a valid scenario`, () => {
    fc.assert(
      fc.property(mutations(paths.length, nastyValue, true), (m) => {
        const value = deepFreeze(applyMutations(base, paths, m));
        const check = onlyNamedErrors(() => admitScenario(value, 'autosave', ctx), [ScenarioFileError]);
        if (check) checkAccepted(check);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
