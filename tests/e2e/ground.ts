/** The ground under the coverage (issue 11): population, clutter and probability layers; a land-cover tile; a refused file. */
import { join } from 'node:path';
import { assert, idle, openApp, ROOT, shot, type Journey } from './harness.ts';

const FRAME: [[number, number], [number, number]] = [[105.681642, 9.527162], [106.791831, 10.34014]];

export const groundJourneys: Journey[] = [
  {
    name: 'ground: population, clutter and coverage-probability layers, each with its legend',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=200');
      const g = await page.evaluate(() => window.__phusong.store.get().ground!);
      assert(Math.abs(g.people / 4257581 - 1) < 0.005 && g.clutterSource === 'rules', `ground: ${g.people} people, ${g.clutterSource}`);
      const check = async (layer: string, title: RegExp, rows: (n: number) => boolean, file: string) => {
        await page.selectOption('#layer', layer);
        await idle(page);
        await page.waitForTimeout(600);
        const legend = await page.evaluate(() => ({ text: document.getElementById('legend')!.textContent ?? '', rows: document.querySelectorAll('#legend .legend-row').length }));
        assert(title.test(legend.text) && rows(legend.rows), `${layer} legend: ${legend.rows} rows: ${legend.text.slice(0, 160)}`);
        const painted = await page.evaluate(() => window.__phusong.lastJob!.paintedCells);
        assert(painted > 10000, `${layer}: only ${painted} cells painted`);
        await shot(page, file);
      };
      await check('population', /Mật độ dân số.*WorldPop/s, (n) => n === 7, 'layer-population.png');
      await check('clutter', /Lớp phủ.*mặt nước.*đô thị dày đặc/s, (n) => n === 6, 'layer-clutter.png');
      await check('probability', /Xác suất phủ sóng/, (n) => n === 7, 'layer-probability.png');
      // the commune table has the area reliability; the readout the class and the probability
      const heads = await page.$$eval('#commune-table th', (t) => t.map((x) => (x as HTMLElement).dataset.key));
      assert(heads.includes('mean:reliabilityPct'), `columns: ${heads}`);
      const box = (await page.locator('#map').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
      await page.waitForFunction(() => document.querySelector('#readout td[data-term="probability"]'), null, { timeout: 10000 });
      const ro = await page.evaluate(() => window.__phusong.readout!);
      assert(ro.clutterApplied && ro.clutterClass !== null && ro.coverageProbabilityPct >= 0 && ro.coverageProbabilityPct <= 100, `readout: ${JSON.stringify({ c: ro.clutterClass, p: ro.coverageProbabilityPct })}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'ground: a WorldCover tile (synthetic) changes the coverage where its classes differ and nowhere else; a file that is not a GeoTIFF is refused with its name and reason',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=200');
      // A bad file: named with its problem; nothing changes.
      const seq0 = await page.evaluate(() => window.__phusong.coverageSeq);
      await page.setInputFiles('#landcover-file', { name: 'not-a-map.tif', mimeType: 'image/tiff', buffer: Buffer.from('this is not a TIFF file at all') });
      await page.waitForFunction(() => /not-a-map\.tif/.test(document.querySelector('#ground-status')!.textContent ?? ''), null, { timeout: 20000 });
      const refused = (await page.locator('#ground-status').textContent())!;
      const after0 = await page.evaluate(() => ({ seq: window.__phusong.coverageSeq, source: window.__phusong.store.get().ground!.clutterSource }));
      assert(after0.seq === seq0 && after0.source === 'rules' && /TIFF|GeoTIFF|tiff/i.test(refused), `refusal: ${refused}; ${JSON.stringify(after0)}`);
      await shot(page, 'ground-refused.png');
      const before = await page.evaluate(async () => ({ rsrp: await window.__phusong.layerCopy('rsrp'), classes: Array.from(window.__phusong.store.get().ground!.clutter) }));
      await page.setInputFiles('#landcover-file', join(ROOT, 'tests', 'fixtures', 'ground', 'synthetic-worldcover-4326.tif'));
      await page.waitForFunction((q) => window.__phusong.coverageSeq > q && window.__phusong.store.get().ground?.clutterSource === 'land-cover', seq0, { timeout: 120000 });
      await idle(page);
      const after = await page.evaluate(async () => ({ rsrp: await window.__phusong.layerCopy('rsrp'), classes: Array.from(window.__phusong.store.get().ground!.clutter) }));
      // The clutter term applies at the UE's cell: RSRP may change only where the class changed.
      let classChanged = 0, rsrpChanged = 0, rsrpChangedElsewhere = 0;
      for (let i = 0; i < after.rsrp.length; i++) {
        const c = after.classes[i] !== before.classes[i];
        const r = !(after.rsrp[i] === before.rsrp[i] || (Number.isNaN(after.rsrp[i]) && Number.isNaN(before.rsrp[i])));
        if (c) classChanged++;
        if (r) rsrpChanged++;
        if (r && !c) rsrpChangedElsewhere++;
      }
      // The tile covers about 2.2 × 2.2 km (≈ 480 cells of 100 m).
      assert(classChanged > 20 && classChanged < 600, `cells whose class changed: ${classChanged}`);
      assert(rsrpChanged > 20 && rsrpChangedElsewhere === 0, `RSRP changed in ${rsrpChanged} cells, ${rsrpChangedElsewhere} of them where the class did not change`);
      await page.evaluate((f) => window.__phusong.map.fitBounds(f, { padding: 20, duration: 0 }), FRAME);
      await page.selectOption('#layer', 'clutter');
      await page.evaluate(() => window.__phusong.map.jumpTo({ center: [106.01, 10.01], zoom: 12.5 }));
      await idle(page);
      await page.waitForTimeout(800);
      await shot(page, 'ground-worldcover.png');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
];
