/**
 * Fuzzing the site GeoJSON import (src/core/scenario/import.ts `importSitesGeoJson`):
 * structural and text mutations of data/examples/sites.geojson. Expectations: see
 * site-import-shared.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ImportFileError, importSitesGeoJson } from '../../src/core/scenario/import.ts';
import { applyMutations, FUZZ_RUNS, mutations, nastyJson, onlyNamedErrors, pathsOf, textMutations } from './fuzz-helpers.ts';
import { checkPreview, current, inside, read } from './site-import-shared.ts';

describe('fuzz: site import, GeoJSON', () => {
  it(`GeoJSON: ${FUZZ_RUNS} mutated files → ImportFileError or a preview whose sites the gate accepts`, () => {
    const all = JSON.parse(read('data/examples/sites.geojson'));
    const geo = { ...all, features: all.features.filter((f: { properties: { site_id: string } }) => ['SYN02', 'SYN03', 'SYN06'].includes(f.properties.site_id)) };
    expect(geo.features).toHaveLength(7);
    const paths = pathsOf(geo);
    const byValues = mutations(paths.length, nastyJson).map((m) => JSON.stringify(applyMutations(geo, paths, m)) ?? 'null');
    fc.assert(
      fc.property(fc.oneof(byValues, textMutations(JSON.stringify(geo))), (text) => {
        const p = onlyNamedErrors(() => importSitesGeoJson(text, 'sites.geojson', current, { inside }), [ImportFileError]);
        if (p) checkPreview(p);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
