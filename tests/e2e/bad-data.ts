/** Bad data is reported by file, feature, site and field, never a blank map. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, openApp, RESULTS, ROOT, shot, type Journey } from './harness.ts';

export const badDataJourneys: Journey[] = [
  {
    name: 'corrupt, empty and missing boundary files are named with the reason',
    async run(env) {
      const cases: [string | null, string][] = [
        ['{"type":"FeatureCollection","features":[', 'not valid JSON'],
        ['', 'the file is empty'],
        [null, 'file not found'],
      ];
      for (const [body, expected] of cases) {
        const { page } = await openApp(env, '', { wait: 'none', routes: [['**/vinh-long-communes-2025.geojson', (route) => (body === null ? route.fulfill({ status: 404, body: 'not found' }) : route.fulfill({ status: 200, body, contentType: 'application/json' }))]] });
        await page.waitForSelector('#dropzone:not([hidden])', { timeout: 30000 });
        const text = (await page.locator('#errors').textContent())!;
        const dz = (await page.locator('#dropzone').textContent())!;
        assert(text.includes('vinh-long-communes-2025.geojson') && text.includes(expected), `error text: ${text}`);
        assert(dz.includes('vinh-long-communes-2025.geojson'), `drop zone: ${dz}`);
        if (expected === 'not valid JSON') await shot(page, 'boundary-error.png');
        await page.close();
      }
    },
  },
  {
    name: 'a user boundary file can be dropped in instead, with a chosen name property',
    async run(env) {
      const { page } = await openApp(env, 'cell=100', { wait: 'none', routes: [['**/vinh-long-communes-2025.geojson', (route) => route.fulfill({ status: 404, body: '' })]] });
      await page.waitForSelector('#dropzone:not([hidden])');
      const sq = (x: number, y: number) => [[[x, y], [x + 0.05, y], [x + 0.05, y + 0.05], [x, y + 0.05], [x, y]]];
      const fc = { type: 'FeatureCollection', features: [
        { type: 'Feature', properties: { ten: 'Khu thử A (synthetic)', ma: 1 }, geometry: { type: 'Polygon', coordinates: sq(105.95, 10.2) } },
        { type: 'Feature', properties: { ten: 'Khu thử B (synthetic)', ma: 2 }, geometry: { type: 'Polygon', coordinates: sq(106.0, 10.2) } },
      ] };
      const file = join(RESULTS, 'synthetic-boundary.geojson');
      writeFileSync(file, JSON.stringify(fc));
      await page.setInputFiles('#dz-file', file);
      await page.waitForSelector('#dz-choose:not([hidden])');
      await page.selectOption('#dz-prop', 'ten');
      await page.click('#dz-use');
      await page.waitForFunction(() => window.__phusong.communeNames.length === 2);
      const names = await page.evaluate(() => window.__phusong.communeNames);
      assert(names.join('|') === 'Khu thử A (synthetic)|Khu thử B (synthetic)', `names: ${names}`);
    },
  },
  {
    name: 'invalid scenario sites are named by site and field; the rest load',
    async run(env) {
      const original = JSON.parse(readFileSync(join(ROOT, 'data', 'scenarios', 'sample-network.json'), 'utf8'));
      const s = structuredClone(original);
      const [a, b, c] = s.sites;
      delete a.latDeg;
      [b.latDeg, b.lonDeg] = [b.lonDeg, b.latDeg];
      c.lonDeg = 104.2;
      c.latDeg = 11.9; // Phnom Penh area, outside the province
      const { page } = await openApp(env, 'cell=500', { wait: 'ready', routes: [['**/sample-network.json', (route) => route.fulfill({ status: 200, body: JSON.stringify(s), contentType: 'application/json' })]] });
      const errors = await page.evaluate(() => window.__phusong.errors);
      const summary = (await page.locator('#network-summary').textContent())!;
      assert(errors.some((e) => e.includes(`site ${a.id}`) && e.includes('latDeg')), `no error for ${a.id}: ${errors}`);
      assert(errors.some((e) => e.includes(`site ${b.id}`) && /swapped/.test(e)), `no swap error for ${b.id}: ${errors}`);
      assert(errors.some((e) => e.includes(`site ${c.id}`) && e.includes('outside the province')), `no outside error for ${c.id}: ${errors}`);
      assert(summary.includes(`${original.sites.length - 3} trạm`), `summary: ${summary}`);
      await shot(page, 'scenario-errors.png');
    },
  },
];
