/**
 * Laid out by task (issue 15): each mode of the panel at 1366 × 768 and 1920 × 1080 without
 * horizontal overflow and without text under 12 px; the commune search as an official types;
 * the report framed on the whole province whatever the screen shows, printed to PDF and read
 * back with pdftotext; a loading state in the first frame.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { assert, idle, openApp, RESULTS, shot, type Env, type Journey } from './harness.ts';

const MODES = ['coverage', 'planning', 'communes', 'files'] as const;

/** What overflows the panel sideways, and text under 12 px, in the mode shown. */
function auditPanel(page: Page) {
  return page.evaluate(() => {
    const body = document.querySelector<HTMLElement>('.panel-body')!;
    const pane = document.querySelector<HTMLElement>('.mode:not([hidden])')!;
    const right = body.getBoundingClientRect().right + 0.5;
    const overflow: string[] = [];
    const small: string[] = [];
    for (const el of [...pane.querySelectorAll<HTMLElement | SVGElement>('*'), ...document.querySelectorAll<HTMLElement>('.panel-head *')]) {
      // (no named helper functions in here: the test runner's transpiler would wrap them)
      const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // Wide tables scroll inside their own wrapper, which is itself inside the panel.
      if (!el.closest('.table-wrap') && r.right > right) overflow.push(`${label} right ${Math.round(r.right)} > ${Math.round(right)}`);
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (ownText) {
        const px = parseFloat(getComputedStyle(el).fontSize);
        // SVG text is scaled with its chart: its size on screen is what the reader sees.
        const scale = el instanceof SVGElement && el.ownerSVGElement ? el.ownerSVGElement.getBoundingClientRect().width / (el.ownerSVGElement.viewBox.baseVal?.width || el.ownerSVGElement.getBoundingClientRect().width) : 1;
        if (px * scale < 11.95) small.push(`${label} ${(px * scale).toFixed(1)}px "${el.textContent!.trim().slice(0, 30)}"`);
      }
    }
    return { scrollWidth: body.scrollWidth, clientWidth: body.clientWidth, overflow: overflow.slice(0, 8), small: small.slice(0, 8) };
  });
}

async function modesAt(env: Env, width: number, height: number): Promise<string[]> {
  const { page, errors } = await openApp(env, 'cell=200', { modes: 'tabs' });
  await page.setViewportSize({ width, height });
  const shots: string[] = [];
  for (const mode of MODES) {
    await page.click(`#mode-${mode}`);
    if (mode === 'communes') {
      // A commune picked: its details and histogram are part of what the mode shows.
      await page.click('#commune-table tbody tr >> nth=0');
      await idle(page);
    }
    await page.waitForTimeout(300);
    const a = await auditPanel(page);
    const file = `layout-${mode}-${width}.png`;
    await shot(page, file);
    shots.push(file);
    assert(a.scrollWidth === a.clientWidth && a.overflow.length === 0, `${mode} at ${width}: overflow ${JSON.stringify(a)}`);
    assert(a.small.length === 0, `${mode} at ${width}: text under 12 px: ${a.small.join('; ')}`);
  }
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  await page.close();
  return shots;
}

async function search(env: Env): Promise<void> {
  const { page } = await openApp(env, 'cell=500', { modes: 'tabs' });
  await page.click('#mode-communes');
  const rowsFor = async (q: string) => {
    await page.fill('#commune-search', q);
    return page.evaluate(() => [...document.querySelectorAll('#commune-table tbody tr')].map((tr) => tr.textContent ?? ''));
  };
  for (const q of ['Phường Long Châu', 'phuong long chau', '29551']) {
    const rows = await rowsFor(q);
    assert(rows.length === 1 && rows[0].startsWith('Long Châu'), `"${q}" found ${JSON.stringify(rows.map((r) => r.slice(0, 40)))}`);
  }
  // A former ward (merged into Long Châu in 2025, crosswalk of ../shared) finds it, and says so.
  const former = await rowsFor('Trường An');
  assert(former.length === 1 && former[0].startsWith('Long Châu') && /Trường An/.test(former[0]), `former name: ${JSON.stringify(former)}`);
  await shot(page, 'search-former.png');
  const none = await rowsFor('qqq zzz');
  assert(none.length === 1 && /Không có xã, phường nào khớp/.test(none[0]), `nonsense: ${JSON.stringify(none)}`);
}

/** English words of the dictionary that Vietnamese text never uses (units and acronyms are in both). */
async function englishOnlyWords(page: Page): Promise<Set<string>> {
  const d = await page.evaluate(() => window.__phusong.dictionaries);
  const words = (o: Record<string, string>) => new Set(Object.values(o).flatMap((v) => v.replace(/\{[^}]*\}/g, ' ').toLowerCase().match(/[a-z]{4,}/g) ?? []));
  const vi = words(d.vi);
  return new Set([...words(d.en)].filter((w) => !vi.has(w)));
}

async function report(env: Env): Promise<void> {
  const { page, errors } = await openApp(env, 'cell=200');
  // Zoom into a ward: the report must still show the whole province.
  await page.evaluate(() => window.__phusong.map.jumpTo({ center: [105.973, 10.245], zoom: 14 }));
  const zoom = await page.evaluate(() => window.__phusong.map.getZoom());
  await page.fill('#report-issuer', 'Sở Khoa học và Công nghệ tỉnh Vĩnh Long');
  assert(await page.evaluate(() => window.__phusong.prepareReport()), 'no report');
  const r = await page.evaluate(() => ({ bounds: JSON.parse(document.getElementById('report')!.dataset.bounds || 'null'), img: (document.querySelector('#report img.report-map') as HTMLImageElement | null)?.src.length ?? 0, zoom: window.__phusong.map.getZoom() }));
  const [[w, s], [e, n]] = r.bounds as [[number, number], [number, number]];
  // The province's bbox (SOURCES.md): 105.68–106.79 E, 9.53–10.34 N.
  assert(Math.abs(w - 105.68) < 0.02 && Math.abs(e - 106.79) < 0.02 && Math.abs(s - 9.53) < 0.02 && Math.abs(n - 10.34) < 0.02, `report framed on ${JSON.stringify(r.bounds)}`);
  assert(r.img > 10000 && Math.abs(r.zoom - zoom) < 1e-6, `map image ${r.img} chars; view after ${r.zoom} vs ${zoom}`);
  const pdfPath = join(RESULTS, 'report.pdf');
  writeFileSync(pdfPath, await page.pdf({ format: 'A4', printBackground: true }));
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString('utf8');
  writeFileSync(join(RESULTS, 'report.txt'), text);
  const gaps = await page.evaluate(() => window.__phusong.gapCollection!.features.slice(0, 3).map((f) => f.properties.area_km2));
  assert(/Các vùng lõm sóng/.test(text) && /Số dân/.test(text), 'the PDF has no gap list');
  const vi2 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
  for (const a of gaps) assert(text.includes(vi2.format(a)), `gap of ${a} km² (${vi2.format(a)}) not in the PDF`);
  assert(/Giải thích thuật ngữ/.test(text) && /RSRP \(công suất tín hiệu thu\)/.test(text), 'the PDF has no glossary');
  assert(/Sở Khoa học và Công nghệ tỉnh Vĩnh Long/.test(text), 'no issuer in the PDF');
  assert(/\b1 ?\/ ?\d+\b/.test(text), "no page numbers in the PDF");
  assert(!/\bDBM\b|KM²/.test(text), 'upper-cased units in the PDF');
  // No English word outside proper names: the dictionary's English-only words must not appear.
  const english = await englishOnlyWords(page);
  const names = new Set((await page.evaluate(() => [window.__phusong.scenario()!.name, ...window.__phusong.scenario()!.sites.map((x) => x.id)])).flatMap((x) => x.toLowerCase().match(/[a-z]{4,}/g) ?? []));
  const found = [...new Set((text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => english.has(w) && !names.has(w)))];
  assert(found.length === 0, `English words in the Vietnamese report: ${found.join(', ')}`);
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
}

async function firstFrame(env: Env): Promise<void> {
  const page = await env.context.newPage();
  const t0 = Date.now();
  await page.goto(`${env.url}?debug&autosave=off&cell=500`, { waitUntil: 'commit' });
  await page.waitForSelector('#loading:not([hidden])', { timeout: 5000 });
  const seenMs = Date.now() - t0;
  const paint = await page.evaluate(() => new Promise<number>((resolve) => {
    new PerformanceObserver((list) => {
      const e = list.getEntries().find((x) => x.name === 'first-contentful-paint');
      if (e) resolve(e.startTime);
    }).observe({ type: 'paint', buffered: true });
  }));
  const text = await page.locator('#loading').textContent();
  console.log(`      first contentful paint ${paint.toFixed(0)} ms after navigation (loading card seen by the test after ${seenMs} ms): "${text}"`);
  assert(paint > 0 && paint < 500, `first contentful paint at ${paint} ms`);
  await page.waitForFunction(() => window.__phusong?.coverageSeq > 0, null, { timeout: 240000 });
  assert(await page.locator('#loading').isHidden(), 'the loading card stays after the first coverage');
  await page.close();
}

async function placement(env: Env): Promise<void> {
  const { page, errors } = await openApp(env, 'cell=200');
  // A point deep in the largest gap (RSRP under −115 dBm), away from the sites.
  const spot = await page.evaluate(async () => {
    const d = window.__phusong;
    const g = d.gapCollection!.features[0];
    const xs = g.geometry.coordinates[0].map((p) => p[0]), ys = g.geometry.coordinates[0].map((p) => p[1]);
    let best: { lon: number; lat: number; v: number } | null = null;
    for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
      const lon = Math.min(...xs) + ((Math.max(...xs) - Math.min(...xs)) * i) / 12, lat = Math.min(...ys) + ((Math.max(...ys) - Math.min(...ys)) * j) / 12;
      const v = await d.layerAt('rsrp', lon, lat);
      if (!Number.isNaN(v) && v < -115 && (!best || v < best.v)) best = { lon, lat, v };
    }
    d.map.jumpTo({ center: [best!.lon, best!.lat], zoom: 12 });
    return best!;
  });
  await page.waitForTimeout(400);
  await page.check('#template-picker input[value="macro-lte1800-nr3500"]');
  const box = (await page.locator('#map').boundingBox())!;
  const px = await page.evaluate(({ lon, lat }) => window.__phusong.map.project([lon, lat]), spot);
  await page.mouse.move(box.x + px.x - 30, box.y + px.y);
  await page.mouse.move(box.x + px.x, box.y + px.y, { steps: 3 });
  await page.waitForFunction(({ x, y }) => window.__phusong.map.queryRenderedFeatures([x, y], { layers: ['placement-preview-fill'] }).length > 0, px, { timeout: 10000 });
  await shot(page, 'placement-preview.png');
  await page.mouse.click(box.x + px.x, box.y + px.y);
  const first = (await page.locator('#scenario-status').textContent())!;
  const site = await page.evaluate(() => window.__phusong.scenario()!.sites.at(-1)!);
  // Rice fields and orchards: the macro takes the rural model (RMa) and the status says so.
  assert(site.sectors.every((x) => x.modelId === '38901-rma-expected') && /RMa/.test(first) && /nông thôn/.test(first), `placed: ${first}; models ${site.sectors.map((x) => x.modelId)}`);
  await page.waitForFunction(() => /vùng lõm ở đó giảm từ/.test(document.querySelector('#scenario-status')!.textContent ?? ''), null, { timeout: 120000 });
  const said = (await page.locator('#scenario-status').textContent())!;
  const m = said.match(/giảm từ ([\d.,]+) km² \(([\d.]+) người\) còn ([\d.,]+) km² \(([\d.]+) người\)/);
  const num = (v: string) => Number(v.replace(/\./g, '').replace(',', '.'));
  assert(m && num(m[3]) < num(m[1]) && num(m[4]) <= num(m[2]), `gap change: ${said}`);
  await shot(page, 'placement-gap.png');
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
}

export const layoutJourneys: Journey[] = [
  {
    name: 'layout: every mode at 1366 × 768 and 1920 × 1080 without horizontal overflow or text under 12 px',
    async run(env) {
      const shots = [...await modesAt(env, 1366, 768), ...await modesAt(env, 1920, 1080)];
      console.log(`      screenshots: ${shots.join(', ')}`);
    },
  },
  { name: 'layout: the commune search finds a full name, a name without diacritics, a code and a former name; nonsense says no match', run: search },
  { name: 'layout: the report is framed on the whole province, prints with the gap list, glossary, issuer and page numbers, in Vietnamese only', run: report },
  { name: 'layout: the first frame shows a loading state within 500 ms', smoke: true, run: firstFrame },
  { name: 'planner: a template\'s footprint is previewed under the cursor; placed in a rural gap it takes the rural model; the status gives the gap\'s change in km² and people', run: placement },
];
