/**
 * Fuzzing the service-area reader (src/core/scenario/service-area.ts): mutations of the sample
 * network's private-network campus polygon as a Feature, a FeatureCollection and a bare
 * geometry. Expected: only ServiceAreaError is thrown; an accepted polygon has closed rings of
 * finite lon/lat inside the test province and at most MAX_SERVICE_AREA_VERTICES vertices.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { MAX_SERVICE_AREA_VERTICES, parseServiceArea, ServiceAreaError } from '../../src/core/scenario/service-area.ts';
import { applyMutations, FUZZ_RUNS, mutations, nastyJson, onlyNamedErrors, pathsOf, textMutations } from './fuzz-helpers.ts';

const sample = JSON.parse(readFileSync(new URL('../../data/scenarios/sample-network.json', import.meta.url), 'utf8'));
const polygon = sample.privateNetworks[0].serviceArea;
const base = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'campus' }, geometry: polygon }, { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [polygon.coordinates] } }] };
const paths = pathsOf(base);
const inside = (lon: number, lat: number) => lon >= 105.68 && lon <= 106.8 && lat >= 9.52 && lat <= 10.35;

describe('fuzz: service areas', () => {
  it(`${FUZZ_RUNS} mutated service-area files → ServiceAreaError or a valid polygon`, () => {
    const input = fc.oneof(
      mutations(paths.length, nastyJson).map((m) => JSON.stringify(applyMutations(base, paths, m)) ?? 'null'),
      mutations(paths.length, nastyJson).map((m) => JSON.stringify((applyMutations(base, paths, m) as { features?: { geometry?: unknown }[] })?.features?.[0]?.geometry ?? null)),
      textMutations(JSON.stringify(base)),
    );
    fc.assert(
      fc.property(input, (text) => {
        const p = onlyNamedErrors(() => parseServiceArea(text, 'area.geojson', inside), [ServiceAreaError]);
        if (!p) return;
        let n = 0;
        for (const ring of p.coordinates) {
          n += ring.length;
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          for (const [lon, lat] of ring) expect(inside(lon, lat)).toBe(true);
        }
        expect(n).toBeLessThanOrEqual(MAX_SERVICE_AREA_VERTICES + p.coordinates.length);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
