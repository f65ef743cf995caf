/**
 * The model a template gets by the clutter at its site (table of site-model.ts, from TR 38.901
 * Table 7.4.1-1's scenarios), the candidate's site built from its template, and the reason of
 * the rule as an invariant of the engine: at the same threshold, a macro with RMa reaches
 * farther than with UMa (the issue: a UMa template in a rural gap "barely shrinks it").
 */
import { describe, expect, it } from 'vitest';
import { engineCarrier, engineSectorsForSite, DEFAULT_ENGINE_OPTIONS } from '../coverage/scene.ts';
import type { Carrier, Site } from '../scenario/scenario.ts';
import { candidateSite, environmentOf, modelForClutter, withModel } from './site-model.ts';
import type { Candidate } from './candidates.ts';

const LTE: Carrier = { id: 'lte1800', tech: 'LTE', band: 'B3', freqMHz: 1842.5, bandwidthMHz: 20, scsKHz: 15 };
const NR: Carrier = { id: 'nr3500', tech: 'NR', band: 'n78', freqMHz: 3500, bandwidthMHz: 100, scsKHz: 30 };
const cand: Candidate = { id: 'C-7', name: 'Đề xuất C-7', lonDeg: 106.0, latDeg: 10.2, heightM: 35, template: null, cost: 1, source: 'file' };

describe('model by clutter', () => {
  it('rural clutter → RMa; urban → UMa (macro) or UMi (small cells); indoor keeps InH; unknown keeps the template\'s', () => {
    expect(['water-sea', 'open-rural', 'trees-forest'].map((c) => environmentOf(c as never))).toEqual(['rural', 'rural', 'rural']);
    expect(['suburban', 'urban', 'dense-urban'].map((c) => environmentOf(c as never))).toEqual(['urban', 'urban', 'urban']);
    expect(modelForClutter('macro-lte1800-nr3500', 'open-rural').modelId).toBe('38901-rma-expected');
    expect(modelForClutter('macro-lte1800-nr3500', 'dense-urban').modelId).toBe('38901-uma-expected');
    expect(modelForClutter('macro-lte700', 'suburban').modelId).toBe('38901-uma-expected');
    expect(modelForClutter('small-cell-lte1800', 'urban').modelId).toBe('38901-umi-expected');
    expect(modelForClutter('private-5g-outdoor', 'trees-forest').modelId).toBe('38901-rma-expected');
    expect(modelForClutter('private-5g-indoor', 'open-rural').modelId).toBe('38901-inh-nlos');
    expect(modelForClutter('macro-lte1800-nr3500', null).modelId).toBe('38901-uma-expected');
    expect(modelForClutter('macro-lte1800-nr3500', 'trees-forest').reason).toBe('trees-forest clutter at the site (rural): TR 38.901 RMa (rural macro)');
  });

  it('why: at −110 dBm a 30 m macro sector reaches farther with RMa than with UMa', () => {
    const made = candidateSite(cand, 'macro-lte1800-nr3500', [LTE, NR], 'urban').site;
    const o = { ...DEFAULT_ENGINE_OPTIONS, floorDbm: -110 };
    const reach = (s: Site) => engineSectorsForSite(s, [engineCarrier(LTE, o)], ['lte1800'], 1.5, o, 0)[0].rangeM;
    expect(reach(withModel(made, '38901-rma-expected'))).toBeGreaterThan(1.5 * reach(withModel(made, '38901-uma-expected')));
  });
});

describe('candidate sites', () => {
  it('a new site keeps the candidate id, its height and name; sector ids <id>-L1…; every sector on the chosen model', () => {
    const r = candidateSite(cand, 'macro-lte1800-nr3500', [LTE, NR], 'open-rural');
    expect(r.site.id).toBe('C-7');
    expect(r.site.heightM).toBe(35);
    expect(r.site.status).toBe('candidate');
    expect(r.site.sectors.map((s) => s.id)).toEqual(['C-7-L1', 'C-7-L2', 'C-7-L3', 'C-7-N1', 'C-7-N2', 'C-7-N3']);
    expect(new Set(r.site.sectors.map((s) => s.modelId))).toEqual(new Set(['38901-rma-expected']));
    expect(r.newCarriers).toEqual([]);
    expect(r.added).toBe(r.site);
  });

  it('an upgrade adds the template\'s sectors on the carrier to the existing site, turned to its first azimuth', () => {
    const lteSector = (id: string, az: number) => ({ id, carrierId: 'lte1800', azimuthDeg: az, mechanicalTiltDeg: 2, electricalTiltDeg: 3, txPowerDbm: 46, feederLossDb: 2, antenna: { type: '3gpp-sector' as const, maxGainDbi: 17 }, modelId: '38901-rma-expected' });
    const existing: Site = { id: 'S001', name: 'S001', lonDeg: 106, latDeg: 10.2, heightM: 40, kind: 'macro', status: 'existing', sectors: [lteSector('S001-L1', 69), lteSector('S001-L2', 189), lteSector('S001-L3', 309)] };
    const up = { ...cand, id: 'UP-S001', source: 'upgrade' as const, upgradeOf: 'S001' };
    const r = candidateSite(up, 'macro-lte1800-nr3500', [LTE, NR], 'suburban', existing, 'nr3500');
    expect(r.added.sectors.map((s) => [s.id, s.carrierId, s.azimuthDeg, s.modelId])).toEqual([
      ['S001-N1', 'nr3500', 69, '38901-uma-expected'], ['S001-N2', 'nr3500', 189, '38901-uma-expected'], ['S001-N3', 'nr3500', 309, '38901-uma-expected'],
    ]);
    expect(r.site.id).toBe('S001');
    expect(r.site.heightM).toBe(40);
    expect(r.site.sectors).toHaveLength(6);
  });
});
