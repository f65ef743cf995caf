/**
 * The engine-backed oracle against the engine itself: every incremental answer (a gain, a
 * removal, a swap, a tweak) equals a full recompute of the network with the change made, to
 * 1e-9 relative — with RSRP alone (where the oracle's scene uses the threshold as its floor,
 * the reference keeps the default −140 dBm floor: the covered cells must be the same) and with a
 * SINR condition (where a new site's interference can uncover cells). SYNTHETIC network and
 * weights (src/core/coverage/fixtures.ts); the reference is EngineCore.computeTiles over every
 * tile of a scene planned with the sites added, an independent path through the engine.
 */
import { describe, expect, it } from 'vitest';
import { EngineCore } from '../coverage/engine.ts';
import { smallScenario, SMALL_BOUNDARY } from '../coverage/fixtures.ts';
import { allTiles, newCoverageLayers, scatterChunk } from '../coverage/layers.ts';
import { planScene, sceneMask, type EngineOptions } from '../coverage/scene.ts';
import type { Scenario, Site } from '../scenario/scenario.ts';
import { EngineOracle, engineRunner, tweakedSite } from './engine-oracle.ts';

const scen = smallScenario();
const OPTS: Partial<EngineOptions> = { cellSizeM: 100, tileSize: 16, carrierIds: ['l18'] };
const grid = planScene(scen, SMALL_BOUNDARY, OPTS).grid;
const n = grid.width * grid.height;
// Synthetic weights: people 1–13 per cell by a fixed pattern, 0.01 km² of land per cell.
const people = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 13));
const area = new Float64Array(n).fill(0.01);

/** Candidate sites: site A's LTE sectors moved to other points of the box. */
const A = scen.sites[0];
const cand = (id: string, lon: number, lat: number, azOff = 0): Site => ({
  ...A, id, name: `SYNTHETIC ${id}`, lonDeg: lon, latDeg: lat, status: 'candidate',
  sectors: A.sectors.filter((s) => s.carrierId === 'l18').map((s) => ({ ...s, id: `${id}${s.id.slice(1)}`, azimuthDeg: (s.azimuthDeg + azOff) % 360 })),
});
const SITES = [cand('P', 105.955, 10.24, 30), cand('Q', 105.985, 10.228), cand('R', 105.94, 10.226, 60), cand('S', 105.97, 10.262, 10)];

/** Objective, people and km² covered, by a full recompute of the network plus `extra` (default −140 dBm floor unless given). */
function fullFigures(extra: readonly Site[], thresholdDbm: number, sinrDb: number | null, floorDbm?: number): [number, number, number] {
  const s: Scenario = { ...scen, sites: [...scen.sites, ...extra] };
  const scene = planScene(s, SMALL_BOUNDARY, { ...OPTS, ...(floorDbm === undefined ? {} : { floorDbm }) });
  const layers = newCoverageLayers(scene);
  scatterChunk(scene, layers, new EngineCore(scene).computeTiles(allTiles(scene)));
  const mask = sceneMask(scene);
  const c = layers.carriers[0];
  let pop = 0, km2 = 0;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    if (c.rsrpDbm[i] >= thresholdDbm && (sinrDb === null || c.sinrDb[i] >= sinrDb)) {
      pop += people[i];
      km2 += area[i];
    }
  }
  return [pop, pop, km2];
}

async function oracleFor(thresholdDbm: number, sinrDb: number | null, floorDbm: number) {
  const scene = planScene(scen, SMALL_BOUNDARY, { ...OPTS, floorDbm });
  const mask = sceneMask(scene);
  const w = people.map((v, i) => (mask[i] ? v : 0));
  const a = area.map((v, i) => (mask[i] ? v : 0));
  return EngineOracle.create({
    scene, runner: engineRunner(new EngineCore(scene, mask)), thresholdDbm, sinrDb, objective: w, population: w, areaKm2: a,
    sites: SITES, tweak: { azimuthStepDeg: 20, tiltStepDeg: 1 },
  });
}

const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));

describe('engine oracle = full recompute with the change made', () => {
  for (const mode of [
    { name: 'RSRP ≥ −95 dBm (oracle floor = threshold, reference floor −140 dBm)', thr: -95, sinr: null, floor: -95, refFloor: undefined },
    { name: 'RSRP ≥ −105 dBm and SINR ≥ 3 dB (floor −125 dBm in both)', thr: -105, sinr: 3, floor: -125, refFloor: -125 },
  ] as const) {
    it(`${mode.name}: existing coverage, gains, an applied site, a removal, a swap, a tweak`, async () => {
      const o = await oracleFor(mode.thr, mode.sinr, mode.floor);
      const f = (sites: Site[]) => fullFigures(sites, mode.thr, mode.sinr, mode.refFloor);
      const f0 = f([]);
      close(o.measure().objective, f0[0]);
      close(o.measure().areaKm2, f0[2]);
      const gains = await o.evaluate(SITES.map((_, i) => ({ add: [i], remove: [] })));
      SITES.forEach((s, i) => close(gains[i], f([s])[0] - f0[0]));
      expect(Math.max(...gains)).toBeGreaterThan(0);
      // Apply P, then gains of the others given P.
      const m = await o.apply({ add: [0], remove: [] });
      const fP = f([SITES[0]]);
      close(m.objective, fP[0]);
      close(m.population, fP[1]);
      close(m.areaKm2, fP[2]);
      const given = await o.evaluate([1, 2, 3].map((i) => ({ add: [i], remove: [] })));
      [1, 2, 3].forEach((i, k) => close(given[k], f([SITES[0], SITES[i]])[0] - fP[0]));
      // Removal of P, and a swap P → Q.
      const [rem, swap] = await o.evaluate([{ add: [], remove: [0] }, { add: [1], remove: [0] }]);
      close(rem, f0[0] - fP[0]);
      close(swap, f([SITES[1]])[0] - fP[0]);
      // A tweak of P: its sectors turned by +20°.
      const tw = o.tweaks(0);
      const turned = tw.find((t) => o.tweakOf(t).azDeg === 20)!;
      const [dt] = await o.evaluate([{ add: [turned], remove: [0] }]);
      close(dt, f([tweakedSite(SITES[0], 20, 0)])[0] - fP[0]);
      // Apply two more and compare the running figures with a full recompute.
      await o.apply({ add: [2, 3], remove: [] });
      close(o.measure().objective, f([SITES[0], SITES[2], SITES[3]])[0]);
    });
  }

  it('with SINR a new site uncovers cells elsewhere (interference); with RSRP alone it never does', async () => {
    const lost = async (o: EngineOracle) => {
      let worst = 0;
      for (let i = 0; i < SITES.length; i++) {
        const before = o.covered.slice();
        await o.apply({ add: [i], remove: [] });
        let k = 0;
        for (let c = 0; c < n; c++) if (before[c] === 1 && o.covered[c] === 0) k++;
        worst = Math.max(worst, k);
        await o.apply({ add: [], remove: [i] });
        expect(o.covered).toEqual(before);
      }
      return worst;
    };
    expect(await lost(await oracleFor(-105, 3, -125))).toBeGreaterThan(0);
    expect(await lost(await oracleFor(-105, null, -105))).toBe(0);
  });
});
