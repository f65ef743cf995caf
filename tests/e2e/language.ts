/** One language at a time; the readout at the cursor; the histogram / CDF; the point-to-point check; share links. */
import { assert, idle, openApp, shot, type Journey } from './harness.ts';
import { middleSite } from './coverage.ts';

export const languageJourneys: Journey[] = [
  {
    name: 'English and back: no untranslated string; the hover readout\u2019s terms add up to the RSRP it shows',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=200');
      await page.selectOption('#lang', 'en');
      await page.waitForTimeout(300);
      const leftovers = await page.evaluate(() => {
        const d = window.__phusong.dictionaries;
        const sc = window.__phusong.scenario()!;
        const names = new Set([...window.__phusong.communeNames, ...sc.sites.flatMap((x) => [x.name, x.id]), ...sc.privateNetworks.map((n) => n.name)]);
        const en = Object.values(d.en) as string[];
        // Vietnamese fragments of the dictionary (between placeholders) that English does not share, with a Vietnamese letter.
        const viOnly = (Object.keys(d.vi) as (keyof typeof d.vi)[]).filter((k) => d.vi[k] !== d.en[k]).flatMap((k) => d.vi[k].split(/\{[a-z0-9]+\}/i)).map((x) => x.trim()).filter((x) => x.length >= 4 && /[À-ỹĐđ]/.test(x) && !en.some((e) => e.includes(x)));
        const texts: string[] = [];
        const walk = document.createTreeWalker(document.getElementById('panel')!, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const el = n.parentElement;
          if (!el || el.closest('[hidden], option:not(:checked), #report, .maplibregl-ctrl-attrib')) continue;
          const v = (n.textContent ?? '').trim();
          if (v) texts.push(v);
        }
        for (const el of document.querySelectorAll('#panel [placeholder], #panel [aria-label], #panel [title]')) for (const a of ['placeholder', 'aria-label', 'title']) if (el.getAttribute(a)) texts.push(el.getAttribute(a)!);
        texts.push(document.getElementById('legend')!.textContent ?? '');
        return texts.filter((x) => !names.has(x) && viOnly.some((v) => x.includes(v)));
      });
      assert(leftovers.length === 0, `Vietnamese left in the English UI: ${leftovers.slice(0, 5).join(' | ')}`);
      await shot(page, 'english.png');
      const box = (await page.locator('#map').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20);
      await page.waitForFunction(() => document.querySelector('#readout td[data-term="rsrp"]'), null, { timeout: 10000 });
      const terms = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll<HTMLElement>('#readout td[data-term]')].map((td) => [td.dataset.term!, Number(td.dataset.value)])));
      const sum = terms.pRe + terms.gain + terms.feeder + terms.pathLoss + terms.clutter;
      assert(Math.abs(sum - terms.rsrp) < 1e-9 && Math.abs(terms.rsrp + terms.bel - terms.indoor) < 1e-9, `readout terms: ${JSON.stringify(terms)}, sum ${sum}`);
      const shown = (await page.evaluate(() => document.querySelector('#readout td[data-term="rsrp"]')!.textContent))!;
      assert(Math.abs(Number.parseFloat(shown.replace(',', '.')) - terms.rsrp) < 0.051, `shown RSRP ${shown} vs ${terms.rsrp}`);
      // the readout at a cell centre is the map's value there
      const cmp = await page.evaluate(async () => {
        const r = window.__phusong.readout!;
        const c = window.__phusong.store.get().coverage!.scene.grid;
        const map = r.cell ? await window.__phusong.compute.valueAt(window.__phusong.store.get().coverage!.version, 0, 'rsrp', r.cell.row * c.width + r.cell.col) : NaN;
        return { r: r.servers[0]?.rsrpDbm ?? NaN, map };
      });
      assert(Number.isFinite(cmp.r) && Math.abs(cmp.r - cmp.map) < 1e-6, `readout vs the map's cell: ${JSON.stringify(cmp)}`);
      await shot(page, 'readout.png');
      await page.selectOption('#lang', 'vi');
      await page.waitForTimeout(300);
      const back = (await page.locator('#panel h2').first().textContent())!;
      assert(/Vùng phủ/i.test(back), `back to Vietnamese: ${back}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'histogram and CDF of the layer; point-to-point check with every model and a budget that adds up (the target click selects nothing); a share link opens the same scenario',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=100');
      const dd = await page.evaluate(() => ({ d: window.__phusong.distribution!, p: window.__phusong.communeStats!.province }));
      // same cells as the province statistics; the CDF at −110 dBm (end of bin [−112, −110)) = 1 − share(RSRP ≥ −110)
      const share110 = dd.p.thresholds.find((x) => x.threshold === -110)!.share!;
      assert(dd.d.area === -1 && dd.d.layer === 'rsrp' && dd.d.cells === dd.p.cells && Math.abs(dd.d.noService - Math.round(dd.p.cells * (1 - dd.p.servedShare!))) <= 1, `distribution cells: ${dd.d.cells} vs ${dd.p.cells}`);
      assert(Math.abs(dd.d.cdf[(-110 + 140) / 2 - 1] - (1 - share110)) < 1e-9, `CDF at −110: ${dd.d.cdf[14]} vs ${1 - share110}`);
      await page.locator('#distribution').scrollIntoViewIfNeeded();
      await shot(page, 'distribution.png');
      await page.click('#p2p-start');
      const pick = await middleSite(page);
      await page.mouse.click(pick.x, pick.y);
      await page.mouse.click(pick.x + 80, pick.y + 10);
      await page.waitForFunction((id) => window.__phusong.p2p?.siteId === id, pick.id, { timeout: 10000 });
      const r = await page.evaluate(() => {
        const r = window.__phusong.p2p!;
        const carrier = window.__phusong.scenario()!.carriers.find((c) => c.id === r.carrierId)!;
        const terms = Object.fromEntries([...document.querySelectorAll<HTMLElement>('#p2p td[data-term]')].map((td) => [td.dataset.term!, Number(td.dataset.value)]));
        const models = [...document.querySelectorAll<HTMLElement>('#p2p td[data-model]')].map((td) => [td.dataset.model!, Number(td.dataset.value)] as const);
        return { r, f: carrier.freqMHz, terms, models, selected: window.__phusong.selected, picked: window.__phusong.store.get().picked };
      });
      const sum = Object.entries(r.terms).filter(([k]) => k !== 'rsrp').reduce((a, [, v]) => a + v, 0);
      assert(Math.abs(sum - r.terms.rsrp) < 1e-9 && Math.abs(r.terms.rsrp - r.r.budget.rsrpDbm) < 1e-9, `p2p budget: ${JSON.stringify(r.terms)}`);
      // free space by hand: 32.45 + 20 log10(f / MHz) + 20 log10(d3d / km)
      const fspl = 32.45 + 20 * Math.log10(r.f) + 20 * Math.log10(r.r.distance3dM / 1000);
      const fsplRow = r.models.find(([id]) => id === 'fspl');
      assert(r.models.length >= 6 && fsplRow && Math.abs(fsplRow[1] - fspl) < 0.01, `models: ${JSON.stringify(r.models)}; FSPL by hand ${fspl}`);
      assert(r.r.distanceM > 100 && Math.abs(r.r.distanceM / r.r.geodesicDistanceM - 1) < 0.002, `distances: ${r.r.distanceM} / ${r.r.geodesicDistanceM}`);
      assert(r.picked === null, `the target click picked a feature: ${JSON.stringify(r.picked)}`);
      await page.locator('#p2p').scrollIntoViewIfNeeded();
      await shot(page, 'p2p.png');
      // the whole sample is too long for a link (the message says how many sites fit); two selected sites open on a new page
      await page.evaluate(() => window.__phusong.selectSites([]));
      await page.click('#share-link');
      await page.waitForFunction(() => /characters|ký tự/.test(document.querySelector('#scenario-status')!.textContent ?? ''), null, { timeout: 10000 });
      const tooLong = (await page.locator('#scenario-status').textContent())!;
      assert(/\d+ (trong|of the) \d+/.test(tooLong) && /Shift/.test(tooLong), `share of the whole sample: ${tooLong}`);
      const two = await page.evaluate(() => window.__phusong.scenario()!.sites.slice(0, 2).map((x) => x.id));
      await page.evaluate((ids) => window.__phusong.selectSites(ids), two);
      await page.click('#share-link');
      await page.waitForFunction(() => /#s=/.test((document.querySelector('#share-url') as HTMLInputElement).value), null, { timeout: 10000 });
      const link = await page.inputValue('#share-url');
      const want = await page.evaluate((ids) => window.__phusong.scenario()!.sites.filter((x) => ids.includes(x.id)).map((x) => [x.id, x.lonDeg, x.latDeg, x.sectors.map((k) => k.azimuthDeg)]), two);
      const p2 = await env.context.newPage();
      await p2.goto(`${env.url}?debug&autosave=off&cell=500#${link.split('#')[1]}`);
      await p2.waitForFunction(() => window.__phusong?.ready === true, null, { timeout: 60000 });
      const got = await p2.evaluate(() => window.__phusong.scenario()!.sites.map((x) => [x.id, x.lonDeg, x.latDeg, x.sectors.map((k) => k.azimuthDeg)]));
      const note = (await p2.locator('#scenario-status').textContent())!;
      const after = await p2.evaluate(() => ({ hash: location.hash, undo: !(document.querySelector('#undo') as HTMLButtonElement).disabled }));
      await idle(p2);
      await p2.close();
      assert(after.hash === '' && after.undo, `after opening a link: ${JSON.stringify(after)}`);
      assert(want.length === 2 && JSON.stringify(got) === JSON.stringify(want), `shared scenario differs: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
      assert(/liên kết chia sẻ \(2 trạm\)/.test(note), `shared note: ${note}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
];
