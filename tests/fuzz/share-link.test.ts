/**
 * Fuzzing share-link decoding (src/state/share-url.ts `decodeScenarioFragment`): fragments
 * made by Node's own zlib (an independent deflate-raw) from mutated scenario JSON, damaged
 * base64url (cut, characters replaced, padding), raw garbage and other `&` parameters.
 * Expected: only ShareUrlError (a damaged link) or ScenarioFileError (a scenario the gate
 * refuses) is thrown; a decoded scenario re-encodes and decodes to itself (round trip).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { ScenarioFileError } from '../../src/core/scenario/scenario.ts';
import { decodeScenarioFragment, encodeScenarioFragment, ShareUrlError } from '../../src/state/share-url.ts';
import { applyMutations, FUZZ_RUNS, mutations, nastyJson, nastyText, onlyNamedErrorsAsync, pathsOf, textMutations } from './fuzz-helpers.ts';

const sample = JSON.parse(readFileSync(new URL('../../data/scenarios/sample-network.json', import.meta.url), 'utf8'));
const base = { ...sample, sites: sample.sites.slice(0, 3) };
const paths = pathsOf(base);
const b64 = (text: string) => Buffer.from(deflateRawSync(Buffer.from(text, 'utf8'))).toString('base64url');
const valid = b64(JSON.stringify(base));

describe('fuzz: share links', () => {
  it(`${FUZZ_RUNS} fragments → ShareUrlError, ScenarioFileError or a scenario that round-trips`, async () => {
    const fragment = fc.oneof(
      { weight: 4, arbitrary: mutations(paths.length, nastyJson).map((m) => `#s=${b64(JSON.stringify(applyMutations(base, paths, m)) ?? 'null')}`) },
      { weight: 2, arbitrary: textMutations(valid).map((s) => `#s=${s}`) },
      { weight: 1, arbitrary: fc.tuple(nastyText, nastyText).map(([a, b]) => `#layer=${encodeURIComponent(a)}&s=${encodeURIComponent(b)}`) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => `#s=${Buffer.from(bytes).toString('base64url')}`) },
      { weight: 1, arbitrary: textMutations(JSON.stringify(base)).map((t) => `#s=${b64(t)}`) },
    );
    await fc.assert(
      fc.asyncProperty(fragment, async (f) => {
        const check = await onlyNamedErrorsAsync(() => decodeScenarioFragment(f), [ShareUrlError, ScenarioFileError]);
        if (!check) return;
        const again = await decodeScenarioFragment(await encodeScenarioFragment(check.scenario));
        expect(again?.problems).toEqual([]);
        expect(again?.scenario).toEqual(check.scenario);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
