/**
 * Accepting a plan onto the current scenario (withPlan) and the target of a form value
 * (areaOf): expected scenarios written out by hand from the fixtures below.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario, Site } from '../core/scenario/scenario.ts';
import type { PlanResult } from '../core/planning/plan.ts';
import { areaOf, withPlan } from './planning-controller.ts';

const site = (id: string, sectors: string[] = []): Site => ({
  id, name: id, lonDeg: 106, latDeg: 10, heightM: 30, kind: 'macro', status: 'existing',
  sectors: sectors.map((s) => ({ id: s, carrierId: 'lte', azimuthDeg: 0, mechanicalTiltDeg: 0, electricalTiltDeg: 0, txPowerDbm: 46, feederLossDb: 0, antenna: { type: 'omni', maxGainDbi: 5 }, modelId: 'fspl' })),
});
const lte = { id: 'lte', tech: 'LTE' as const, band: 'B3', freqMHz: 1842.5, bandwidthMHz: 20, scsKHz: 15 };
const nr = { id: 'nr', tech: 'NR' as const, band: 'n78', freqMHz: 3500, bandwidthMHz: 100, scsKHz: 30 };
const square = { type: 'Polygon' as const, coordinates: [[[106, 10], [106.01, 10], [106.01, 10.01], [106, 10.01], [106, 10]]] };
const scenario: Scenario = { schemaVersion: 1, name: 's', sample: false, description: '', ueHeightM: 1.5, carriers: [lte], sites: [site('A', ['A-L1']), site('B', ['B-L1'])], privateNetworks: [{ id: 'PN1', name: 'Khu', serviceArea: square }] };

function pick(id: string, s: Site, upgradeOf?: string): PlanResult['picks'][number] {
  return { rank: 1, candidate: { id, name: id, lonDeg: s.lonDeg, latDeg: s.latDeg, heightM: null, template: null, cost: 1, source: upgradeOf ? 'upgrade' : 'file', ...(upgradeOf ? { upgradeOf } : {}) }, template: 'macro-lte1800-nr3500', site: s, model: { modelId: 'fspl', clutter: null, environment: null, reason: '' }, tweak: { azDeg: 0, tiltDeg: 0 }, gainObjective: 1, gainPopulation: 1, gainKm2: 0, after: { objective: 1, population: 1, areaKm2: 0 }, communes: [] };
}

describe('accepting a plan', () => {
  it('adds the new sites at the end, replaces an upgraded site in place, adds the missing carriers, skips an id now taken', () => {
    const upgradedB = { ...site('B', ['B-L1', 'B-N1']) };
    const result = { picks: [pick('P1', site('P1', ['P1-L1'])), pick('UP-B', upgradedB, 'B'), pick('A', site('A', ['A-x']))], scenarioAfter: { ...scenario, carriers: [lte, nr] } } as unknown as PlanResult;
    const { next, added } = withPlan(scenario, result);
    expect(next.sites.map((s) => s.id)).toEqual(['A', 'B', 'P1']);
    expect(next.sites[1].sectors.map((s) => s.id)).toEqual(['B-L1', 'B-N1']);
    expect(next.sites[0]).toBe(scenario.sites[0]);
    expect(next.carriers.map((c) => c.id)).toEqual(['lte', 'nr']);
    expect(added).toBe(2);
  });

  it('the target of a form value: wards, a private network\'s service area, else the province', () => {
    expect(areaOf(scenario, 'wards')).toEqual({ kind: 'wards' });
    expect(areaOf(scenario, 'pn:PN1')).toEqual({ kind: 'polygon', name: 'Khu', rings: square.coordinates });
    expect(areaOf(scenario, 'pn:gone')).toEqual({ kind: 'province' });
    expect(areaOf(scenario, 'province')).toEqual({ kind: 'province' });
  });
});
