import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { parseScenario, ScenarioFileError, type Scenario } from '../core/scenario/scenario.ts';
import { newSiteFromTemplate, SITE_TEMPLATES } from '../core/scenario/templates.ts';
import { buildShareUrl, decodeScenarioFragment, encodeScenarioFragment, fromBase64Url, SHARE_URL_MAX_CHARS, ShareUrlError, sitesThatFit, toBase64Url } from './share-url.ts';

const sample = parseScenario(readFileSync(new URL('../../data/scenarios/sample-network.json', import.meta.url), 'utf8'), 'sample-network.json').scenario;
const BASE = 'https://phusong.example/app/?lang=vi';
const empty: Scenario = { ...sample, name: 'Chia sẻ', sample: false, sites: [], carriers: [], privateNetworks: [] };
/** The fragment Node's own zlib would write: an independent deflate-raw implementation. */
const nodeFragment = (text: string) => `#s=${Buffer.from(deflateRawSync(Buffer.from(text, 'utf8'))).toString('base64url')}`;

describe('base64url', () => {
  it('matches Node Buffer base64url for any bytes, and reads back (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const s = toBase64Url(bytes);
        expect(s).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(s)).toEqual(bytes);
      }),
    );
  });
  it('refuses characters outside the alphabet', () => {
    expect(() => fromBase64Url('ab+c')).toThrow(ShareUrlError);
    expect(() => fromBase64Url('a')).toThrow('the link is damaged (not base64url)');
  });
});

describe('share links', () => {
  const scenarioArb = fc
    .record({
      name: fc.string({ maxLength: 40 }),
      sites: fc.array(fc.record({ template: fc.constantFrom(...SITE_TEMPLATES.map((t) => t.id)), lon: fc.double({ min: 105.7, max: 106.7, noNaN: true }), lat: fc.double({ min: 9.6, max: 10.3, noNaN: true }), name: fc.string({ maxLength: 20 }) }), { maxLength: 8 }),
    })
    .map(({ name, sites }) => {
      let s: Scenario = { ...empty, name };
      for (const x of sites) {
        const { site, newCarriers } = newSiteFromTemplate(x.template, [x.lon, x.lat], s.sites.map((y) => y.id), s.carriers);
        s = { ...s, carriers: [...s.carriers, ...newCarriers], sites: [...s.sites, { ...site, name: x.name }] };
      }
      return s;
    });
  it('round trip: encode → URL → decode gives the same scenario (property)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const url = await buildShareUrl(scenario, BASE + '#old');
        expect(url.startsWith(BASE + '#s=')).toBe(true);
        expect(url.length).toBeLessThanOrEqual(SHARE_URL_MAX_CHARS);
        const check = await decodeScenarioFragment(new URL(url).hash);
        expect(check?.problems).toEqual([]);
        expect(check?.scenario).toEqual(scenario);
      }),
      { numRuns: 60 },
    );
  });
  it('the fragment is deflate-raw as zlib writes and reads it', async () => {
    const text = JSON.stringify({ ...sample, sites: sample.sites.slice(0, 3) });
    const ours = await encodeScenarioFragment(JSON.parse(text));
    const { inflateRawSync } = await import('node:zlib');
    expect(inflateRawSync(Buffer.from(ours.slice(3), 'base64url')).toString('utf8')).toBe(text);
    const check = await decodeScenarioFragment(nodeFragment(text) + '&layer=sinr');
    expect(check?.scenario.sites).toEqual(sample.sites.slice(0, 3));
  });
  it('refuses a link over 8,000 characters, saying how many sites fit', async () => {
    const url = buildShareUrl(sample, BASE);
    await expect(url).rejects.toThrow(ShareUrlError);
    const fit = await sitesThatFit(sample, BASE);
    await expect(url).rejects.toThrow(new RegExp(`^the link would be \\d+ characters, more than the 8000 .*; ${fit} of the scenario's ${sample.sites.length} sites would fit\\. Save the scenario as a file`));
    // Checked by encoding: `fit` sites fit, one more does not.
    const len = async (k: number) => BASE.length + (await encodeScenarioFragment({ ...sample, sites: sample.sites.slice(0, k) })).length;
    expect(await len(fit)).toBeLessThanOrEqual(SHARE_URL_MAX_CHARS);
    expect(await len(fit + 1)).toBeGreaterThan(SHARE_URL_MAX_CHARS);
    expect(fit).toBeGreaterThan(20);
    expect(fit).toBeLessThan(sample.sites.length);
  });
  it('no s= → null; damaged links and non-scenarios are refused with a message', async () => {
    expect(await decodeScenarioFragment('#layer=rsrp')).toBeNull();
    expect(await decodeScenarioFragment('')).toBeNull();
    await expect(decodeScenarioFragment('#s=')).rejects.toThrow('the link has an empty scenario (#s=)');
    await expect(decodeScenarioFragment('#s=%%%')).rejects.toThrow('the link is damaged (not base64url)');
    await expect(decodeScenarioFragment('#s=AAAAAAAA')).rejects.toThrow(/^the link is damaged \(the scenario cannot be unpacked/);
    await expect(decodeScenarioFragment(nodeFragment('hello'))).rejects.toThrow(ScenarioFileError);
    await expect(decodeScenarioFragment(nodeFragment('hello'))).rejects.toThrow(/^shared link: not valid JSON/);
    await expect(decodeScenarioFragment(nodeFragment(JSON.stringify({ ...sample, schemaVersion: 5 })))).rejects.toThrow(/^shared link: schemaVersion must be 1, found 5: .*newer phusong/);
    // 8 MB of spaces deflate to a few kB: refused once unpacked past the cap.
    await expect(decodeScenarioFragment(nodeFragment(' '.repeat(8 * 1024 * 1024)))).rejects.toThrow(/larger than \d+ bytes once unpacked/);
  });
  it('invalid sites in a link are dropped and listed, as in a file', async () => {
    const json = { ...sample, sites: [{ ...sample.sites[0], sectors: [{ ...sample.sites[0].sectors[0], txPowerDbm: 75 }] }, sample.sites[1]] };
    const box = (lon: number, lat: number) => lon >= 105.68 && lon <= 106.8 && lat >= 9.52 && lat <= 10.35;
    const check = await decodeScenarioFragment(nodeFragment(JSON.stringify(json)), { inside: box });
    expect(check?.scenario.sites.map((s) => s.id)).toEqual([sample.sites[1].id]);
    expect(check?.problems).toEqual([`shared link: site ${sample.sites[0].id}, sector ${sample.sites[0].sectors[0].id}, field txPowerDbm: must be from 0 to 60 dBm, got 75`]);
  });
});
