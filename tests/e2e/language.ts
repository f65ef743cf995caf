/**
 * One language at a time (issue 15, acceptance 4): after switching to English no Vietnamese is
 * left on the page, after switching back no English, with a site placed from a template, a model
 * override out of its validity range (the warnings box), the readout, a commune's popup and
 * details, a former name found by the search and the printed report all on screen; numbers in
 * the language's format and English plurals. Also: the readout at the cursor; the histogram /
 * CDF; the point-to-point check; share links.
 *
 * What counts as Vietnamese: a letter with a Vietnamese diacritic (ă â đ ê ô ơ ư or a tone mark)
 * outside proper names — the names of communes, wards, former districts and provinces of the
 * boundary files and the crosswalk (../shared/data/vinh-long, copied to public/data), the app's
 * name "phủ sóng" and the language menu's "Tiếng Việt". What counts as English: a word of the
 * English dictionary that the Vietnamese dictionary never uses (units and acronyms such as dBm,
 * RSRP, SINR, LTE, NR are in both), outside the same proper names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { assert, idle, openApp, RESULTS, ROOT, shot, type Journey } from './harness.ts';
import { middleSite } from './coverage.ts';

/** Vietnamese type words of administrative units, stripped to get a unit's own name. */
const TYPE_WORDS = /^(thành phố|thị xã|thị trấn|phường|xã|huyện|tỉnh)\s+/i;

/** The proper names of the boundary data and the crosswalk (bare, without the type word), longest first. */
function properNames(): string[] {
  const data = join(ROOT, 'public', 'data');
  const names = new Set<string>(['phủ sóng', 'Tiếng Việt', 'Vĩnh Long']);
  const bare = (s: unknown) => {
    const v = String(s ?? '').trim().replace(TYPE_WORDS, '');
    if (v) names.add(v);
  };
  for (const file of ['vinh-long-communes-2025.geojson', 'vinh-long-old-districts-pre2025.geojson']) {
    const fc = JSON.parse(readFileSync(join(data, file), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    for (const f of fc.features) {
      bare(f.properties.name);
      bare(f.properties.old_province_name);
      bare(f.properties.province_name);
      // merged_from: "Phường 8 (thành phố Bến Tre), Xã Phú Hưng": each unit and its parent.
      for (const part of String(f.properties.merged_from ?? '').split(/,|\(|\)/)) bare(part);
    }
  }
  const [head, ...rows] = readFileSync(join(data, 'vinh-long-commune-crosswalk-2025.csv'), 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  for (const row of rows) {
    const cells = row.split(',');
    for (const c of ['new_name_full', 'old_name_full', 'old_district_name_full', 'old_province_name_full']) bare(cells[cols.indexOf(c)]);
  }
  return [...names].sort((a, b) => b.length - a.length);
}

/** Letters only Vietnamese uses here: ă â đ ê ô ơ ư and the tone marks on any vowel. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/**
 * Every text a user sees: visible text nodes of the page (panel in every mode, map cards,
 * warnings, readout, popups), titles, placeholders and labels of visible elements, every option
 * of visible menus; folded sections are opened first. With `report`, also the printed report.
 */
async function visibleTexts(page: Page, report = false): Promise<{ where: string; text: string }[]> {
  return page.evaluate((withReport) => {
    // (no named helper functions in here: the test runner's transpiler would wrap them)
    for (const d of document.querySelectorAll('details')) d.open = true;
    const found: [Element, string, string][] = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (!el || !text || el.closest('script, style, option, #report') || !el.checkVisibility({ checkVisibilityCSS: true })) continue;
      found.push([el, text, '']);
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      if (el.closest('#report') || !el.checkVisibility({ checkVisibilityCSS: true })) continue;
      for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
        const v = el.getAttribute(a)?.trim();
        if (v) found.push([el, v, ` @${a}`]);
      }
    }
    for (const sel of document.querySelectorAll('select')) {
      if (!sel.checkVisibility({ checkVisibilityCSS: true })) continue;
      for (const o of sel.options) if (o.text.trim()) found.push([sel, o.text.trim(), ' option']);
    }
    if (withReport && document.getElementById('report')) found.push([document.getElementById('report')!, document.getElementById('report')!.textContent ?? '', ' (printed)']);
    return found.map(([el, text, what]) => ({ where: `${el.tagName.toLowerCase()}${el.closest('[id]') ? ` in #${el.closest('[id]')!.id}` : ''}${what}`, text }));
  }, report);
}

/** Texts with Vietnamese outside proper names. */
function vietnameseLeft(texts: readonly { where: string; text: string }[], names: readonly string[]): string[] {
  return texts.filter(({ text }) => VIETNAMESE.test(names.reduce((s, n) => s.split(n).join(' '), text))).map(({ where, text }) => `${where}: "${text.slice(0, 90)}"`);
}

/** Words of the English dictionary that the Vietnamese one never uses (4 letters or more). */
async function englishOnlyWords(page: Page): Promise<Set<string>> {
  const d = await page.evaluate(() => window.__phusong.dictionaries);
  // Placeholders and the plural syntax ("{n, plural, one {# site} other {# sites}}") are not words of the text.
  const words = (o: Record<string, string>) => new Set(Object.values(o).flatMap((v) => v.replace(/\{[A-Za-z0-9_]+(, plural,)?\}?/g, ' ').replace(/\b(one|other)\s*\{/g, ' ').toLowerCase().match(/[a-z]{4,}/g) ?? []));
  const vi = words(d.vi);
  return new Set([...words(d.en)].filter((w) => !vi.has(w)));
}

/** Texts with an English-only word outside proper names. */
function englishLeft(texts: readonly { where: string; text: string }[], names: readonly string[], english: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const { where, text } of texts) {
    const words = (names.reduce((s, n) => s.split(n).join(' '), text).toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => english.has(w));
    if (words.length) out.push(`${where}: [${[...new Set(words)].join(', ')}] in "${text.slice(0, 90)}"`);
  }
  return out;
}

/**
 * Puts on screen what a switch must re-word: a site from a template (no name of its own), a
 * model override out of its validity range (the warnings box), a commune's popup and details,
 * a former name found by the search, the pinned readout.
 */
async function fillScreen(page: Page): Promise<{ siteId: string }> {
  const box = (await page.locator('#map').boundingBox())!;
  // A point inside a commune (the middle of its first ring's bounding box, checked inside).
  const spot = await page.evaluate(() => {
    const d = window.__phusong;
    const sites = d.scenario()!.sites;
    for (const f of d.store.get().boundaries!.communes) {
      const g = f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
      const ring = (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]);
      const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
      const lon = (Math.min(...xs) + Math.max(...xs)) / 2, lat = (Math.min(...ys) + Math.max(...ys)) / 2;
      const far = sites.every((x) => Math.hypot((x.lonDeg - lon) * 110, (x.latDeg - lat) * 110) > 1.5);
      if (far && d.store.get().boundaries!.inside(lon, lat)) return { lon, lat };
    }
    throw new Error('no commune point away from the sites');
  });
  await page.evaluate(({ lon, lat }) => window.__phusong.map.jumpTo({ center: [lon, lat], zoom: 11 }), spot);
  await page.waitForTimeout(300);
  const n0 = await page.evaluate(() => window.__phusong.scenario()!.sites.length);
  await page.check('#template-picker input[value="small-cell-lte1800"]');
  const at = await page.evaluate(({ lon, lat }) => window.__phusong.map.project([lon, lat]), spot);
  await page.mouse.click(box.x + at.x, box.y + at.y);
  await page.waitForFunction((n) => window.__phusong.scenario()!.sites.length === n + 1, n0, { timeout: 10000 });
  const siteId = await page.evaluate(() => window.__phusong.scenario()!.sites.at(-1)!.id);
  // Okumura–Hata at 1842.5 MHz and over tens of km: out of its 150–1500 MHz and 1–20 km ranges.
  await page.selectOption('#model', 'hata-urban-small');
  await page.waitForFunction(() => window.__phusong.store.get().coverage?.options.modelOverride === 'hata-urban-small', null, { timeout: 120000 });
  await idle(page);
  // A click on the commune away from the new site: the popup and the details.
  await page.mouse.click(box.x + at.x + 60, box.y + at.y + 40);
  await page.waitForSelector('#identify', { timeout: 10000 });
  // A former name found by the search (merged into Long Châu in 2025, crosswalk).
  await page.fill('#commune-search', 'Trường An');
  // The readout pinned beside the new site (below it: the popup opens above its point).
  await page.mouse.move(box.x + at.x - 50, box.y + at.y + 60, { steps: 3 });
  await page.waitForFunction(() => document.querySelector('#readout:not([hidden]) td[data-term="rsrp"]'), null, { timeout: 10000 });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('p');
  await page.waitForSelector('#readout.pinned', { timeout: 5000 });
  assert(await page.evaluate(() => window.__phusong.prepareReport()), 'no report');
  return { siteId };
}

export const languageJourneys: Journey[] = [
  {
    name: 'one language at a time: no Vietnamese left in English, no English left in Vietnamese (template site, model warnings, readout, popup, search, report), numbers and plurals of the language',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=200');
      const names = properNames();
      const { siteId } = await fillScreen(page);
      await page.selectOption('#lang', 'en');
      await page.waitForTimeout(400);
      assert(await page.evaluate(() => window.__phusong.prepareReport()), 'no report in English');
      const en = await visibleTexts(page, true);
      await shot(page, 'language-en.png');
      const vietnamese = vietnameseLeft(en, names);
      // Everything scanned, for a reader checking what the test saw.
      writeFileSync(join(RESULTS, 'language-en.txt'), en.map((x) => `${x.where}\t${x.text}`).join('\n'));
      assert(vietnamese.length === 0, `Vietnamese left in the English UI (${vietnamese.length}):\n        ${vietnamese.slice(0, 25).join('\n        ')}`);
      const all = en.map((x) => x.text).join('\n');
      // What the switch re-worded: the template site's name, the warnings, numbers, plurals.
      const site = await page.evaluate(() => (document.querySelector('#site-editor input[data-field="name"]') as HTMLInputElement | null)?.placeholder ?? '');
      assert(site === `Site ${siteId}`, `the template site's name in English: "${site}"`);
      const warnings = await page.evaluate(() => [...document.querySelectorAll('#model-warnings li')].map((li) => li.textContent ?? ''));
      assert(warnings.length > 0 && warnings.every((w) => /Okumura–Hata/.test(w) && /outside the model's range/.test(w)) && warnings.some((w) => /frequency 1,842\.5 MHz outside the model's range 150–1,500 MHz/.test(w)) && warnings.some((w) => /distance [\d.,]+ km outside the model's range 1–20 km/.test(w)), `model warnings in English: ${warnings.join(' | ')}`);
      assert(/1,842\.5 MHz/.test(all) && !/1\.842,5/.test(all), 'English number format (1,842.5 MHz)');
      assert(!/\b1 (sites|sectors|areas|gaps|cells|grid cells|points|files|people|candidates)\b/.test(all), `an English plural after 1: ${all.match(/\b1 (sites|sectors|areas|gaps|cells|grid cells|points|files|people|candidates)\b/)?.[0]}`);
      await page.selectOption('#lang', 'vi');
      await page.waitForTimeout(400);
      assert(await page.evaluate(() => window.__phusong.prepareReport()), 'no report in Vietnamese');
      const vi = await visibleTexts(page, true);
      await shot(page, 'language-vi.png');
      const english = englishLeft(vi, names, await englishOnlyWords(page));
      writeFileSync(join(RESULTS, 'language-vi.txt'), vi.map((x) => `${x.where}\t${x.text}`).join('\n'));
      writeFileSync(join(RESULTS, 'language-leftovers.txt'), english.join('\n'));
      assert(english.length === 0, `English left in the Vietnamese UI (${english.length}):\n        ${english.slice(0, 25).join('\n        ')}`);
      const allVi = vi.map((x) => x.text).join('\n');
      const siteVi = await page.evaluate(() => (document.querySelector('#site-editor input[data-field="name"]') as HTMLInputElement | null)?.placeholder ?? '');
      assert(siteVi === `Trạm ${siteId}`, `the template site's name in Vietnamese: "${siteVi}"`);
      assert(/1\.842,5 MHz/.test(allVi) && /tần số 1\.842,5 MHz ngoài phạm vi 150–1\.500 MHz của mô hình/.test(allVi), 'Vietnamese number format and warning (1.842,5 MHz)');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'the hover readout\u2019s terms add up to the RSRP it shows, in English too',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=200');
      await page.selectOption('#lang', 'en');
      await page.waitForTimeout(300);
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
      // The app holds its layers as Float32 (layer-registry.ts newHeldCarrierLayers): within the
      // readout's 1e-6 dB of the engine plus half a Float32 step (2^−24 relative) of rounding.
      assert(Number.isFinite(cmp.r) && Math.abs(cmp.r - cmp.map) < 1e-6 + Math.abs(cmp.r) * 2 ** -24, `readout vs the map's cell: ${JSON.stringify(cmp)}`);
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
      const { page, errors } = await openApp(env, 'cell=200');
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
