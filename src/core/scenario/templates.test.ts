import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseScenario, type Carrier, type Scenario } from './scenario.ts';
import { validateCarrier, validateSite } from './fields.ts';
import { newSiteFromTemplate, SITE_TEMPLATES, type SiteTemplateId } from './templates.ts';
import { PATH_LOSS_MODEL_IDS } from '../propagation/registry.ts';

const sample = parseScenario(readFileSync(new URL('../../../data/scenarios/sample-network.json', import.meta.url), 'utf8'), 'sample-network.json').scenario;
const empty: Scenario = { ...sample, sites: [], carriers: [], privateNetworks: [] };
const THANH_DUC: [number, number] = [106.00279, 10.23514];

function roundTrip(s: Scenario) {
  return parseScenario(JSON.stringify(s), 'templated.json', undefined, PATH_LOSS_MODEL_IDS);
}

describe('site templates', () => {
  it.each(SITE_TEMPLATES.map((t) => t.id))('%s gives a site that passes validateSite and parseScenario, in an empty scenario and in the sample', (id) => {
    for (const base of [empty, sample]) {
      const { site, newCarriers } = newSiteFromTemplate(id, THANH_DUC, base.sites.map((s) => s.id), base.carriers);
      const carriers = [...base.carriers, ...newCarriers];
      for (const c of newCarriers) expect(validateCarrier(c)).toEqual([]);
      expect(validateSite(site, { carriers })).toEqual([]);
      const scenario: Scenario = { ...base, carriers, sites: [...base.sites, site] };
      const { scenario: parsed, problems } = roundTrip(scenario);
      expect(problems).toEqual([]);
      expect(parsed.sites.at(-1)).toEqual(site);
      expect(site.status).toBe('candidate');
      expect([site.lonDeg, site.latDeg]).toEqual(THANH_DUC);
    }
  });
  it('the macro template: 3 LTE 1800 sectors and 3 NR 3500 sectors at 0/120/240°, on the sample carriers', () => {
    const { site, newCarriers } = newSiteFromTemplate('macro-lte1800-nr3500', THANH_DUC, ['M001'], sample.carriers);
    expect(newCarriers).toEqual([]); // lte1800 (B3) and nr3500 (n78) exist in the sample
    expect(site.id).toBe('M002');
    // No name in any language: the app shows one from its dictionary (issue 15).
    expect(site.name).toBe('');
    expect(site.sectors.map((s) => [s.id, s.carrierId, s.azimuthDeg])).toEqual([
      ['M002-L1', 'lte1800', 0], ['M002-L2', 'lte1800', 120], ['M002-L3', 'lte1800', 240],
      ['M002-N1', 'nr3500', 0], ['M002-N2', 'nr3500', 120], ['M002-N3', 'nr3500', 240],
    ]);
  });
  it('adds the carrier a template needs, renamed if its id is taken by another carrier', () => {
    const other: Carrier = { id: 'lte700', tech: 'LTE', band: 'B28', freqMHz: 790.5, bandwidthMHz: 15, scsKHz: 15 };
    const { site, newCarriers } = newSiteFromTemplate('macro-lte700', THANH_DUC, [], [other]);
    expect(newCarriers.map((c) => [c.id, c.band, c.freqMHz])).toEqual([['lte700-2', 'B28', 778]]);
    expect(new Set(site.sectors.map((s) => s.carrierId))).toEqual(new Set(['lte700-2']));
    // An equal carrier under another name is reused.
    const same = newSiteFromTemplate('macro-lte700', THANH_DUC, [], [{ ...newCarriers[0], id: 'my700' }]);
    expect(same.newCarriers).toEqual([]);
    expect(same.site.sectors[0].carrierId).toBe('my700');
  });
  it('ids stay unique over any sequence of placements (property)', () => {
    const ids = SITE_TEMPLATES.map((t) => t.id);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ids), { maxLength: 30 }), fc.uniqueArray(fc.constantFrom('M001', 'M003', 'SC001', 'PO002', 'PI001', 'LB001'), { maxLength: 6 }), (seq: SiteTemplateId[], pre) => {
        const taken: string[] = [...pre];
        let carriers: Carrier[] = [];
        for (const id of seq) {
          const { site, newCarriers } = newSiteFromTemplate(id, THANH_DUC, taken, carriers);
          expect(taken).not.toContain(site.id);
          taken.push(site.id);
          carriers = [...carriers, ...newCarriers];
          expect(new Set(carriers.map((c) => c.id)).size).toBe(carriers.length);
        }
      }),
    );
  });
  it('refuses a position that is not [longitude, latitude]', () => {
    expect(() => newSiteFromTemplate('small-cell-lte1800', [Number.NaN, 10], [], [])).toThrow(/\[longitude, latitude\]/);
    expect(() => newSiteFromTemplate('small-cell-lte1800', [106, 100], [], [])).toThrow(RangeError);
    expect(() => newSiteFromTemplate('nope' as SiteTemplateId, THANH_DUC, [], [])).toThrow(/unknown site template "nope"/);
  });
});
