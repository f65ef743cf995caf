/**
 * Fuzzing the boundary reader (src/core/boundaries/boundaries.ts) and the compute-area check
 * (compute-area.ts): mutations of three Vĩnh Long communes (public/data, from the shared
 * data; rings thinned to every 50th vertex so a run stays fast). Expected: only
 * BoundaryFileError is thrown; a kept feature has finite lon/lat positions and scalar
 * properties without NUL or format characters; `nameProblem` is set exactly when
 * `nameProperties` is empty; and the compute-area check on the kept rings also throws only
 * BoundaryFileError.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { Position } from 'geojson';
import { BoundaryFileError, parseBoundaryGeoJson, ringsOf } from '../../src/core/boundaries/boundaries.ts';
import { checkComputeArea } from '../../src/core/boundaries/compute-area.ts';
import { applyMutations, FUZZ_RUNS, mutations, nastyJson, onlyNamedErrors, pathsOf, textMutations } from './fuzz-helpers.ts';

const communes = JSON.parse(readFileSync(new URL('../../public/data/vinh-long-communes-2025.geojson', import.meta.url), 'utf8'));
const thin = (ring: Position[]) => [...ring.filter((_, i) => i % 50 === 0), ring[0]];
const base = {
  type: 'FeatureCollection',
  features: communes.features.slice(0, 3).map((f: { properties: Record<string, unknown>; geometry: { coordinates: Position[][][] } }) => ({
    type: 'Feature',
    properties: { code: f.properties.code, name: f.properties.name, population: f.properties.population },
    geometry: { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map((poly) => poly.map(thin)) },
  })),
};
const paths = pathsOf(base);
const sites = [{ id: 'S1', lonDeg: 106.0, latDeg: 10.2 }];

describe('fuzz: boundary files', () => {
  it(`${FUZZ_RUNS} mutated boundary files → BoundaryFileError or checked features`, () => {
    const input = fc.oneof(mutations(paths.length, nastyJson).map((m) => JSON.stringify(applyMutations(base, paths, m)) ?? 'null'), textMutations(JSON.stringify(base)));
    fc.assert(
      fc.property(input, fc.boolean(), (text, named) => {
        const r = onlyNamedErrors(() => parseBoundaryGeoJson(text, 'b.geojson', named ? 'name' : undefined), [BoundaryFileError]);
        if (!r) return;
        expect(r.features.length).toBeGreaterThan(0);
        for (const f of r.features) {
          for (const ring of ringsOf(f.geometry)) for (const p of ring) expect(Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90).toBe(true);
          for (const v of Object.values(f.properties)) {
            expect(v === null || ['string', 'number', 'boolean'].includes(typeof v)).toBe(true);
            if (typeof v === 'string') expect(/[\0\p{Cf}]/u.test(v)).toBe(false);
          }
        }
        expect(r.nameProblem === null).toBe(r.nameProperties.length > 0);
        onlyNamedErrors(() => checkComputeArea(r.features.flatMap((f) => ringsOf(f.geometry)), sites, 500, 'b.geojson'), [BoundaryFileError]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
