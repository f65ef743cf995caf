/**
 * Hardening in a real browser (issue 16): the saved work across tabs, a full storage and share
 * links (both versions kept, the user told each time); script payloads through every door run
 * nothing and an inline script is blocked by the Content-Security-Policy; a worker that silently
 * stops mid-job is replaced.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { assert, idle, openApp, RESULTS, ROOT, shot, type Env, type Journey } from './harness.ts';
import { clearAutosave } from './planner.ts';

/** A payload that runs if any name reaches the page as HTML. */
const PAYLOAD = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1"><script>window.__pwned=1</script>';
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0);

const rename = (page: Page, name: string) => page.evaluate(async (n) => {
  window.__phusong.renameScenario(n);
  await window.__phusong.flushAutosave();
}, name);
const workspace = (page: Page) => page.evaluate(async () => {
  await window.__phusong.refreshWorkspace();
  return window.__phusong.workspace;
});
/** The notice card's kind once it shows one. */
const cardShows = (page: Page, kind: string) => page.waitForSelector(`#workspace-card:not([hidden]) [data-ws="${kind}"]`, { timeout: 15000 });

async function shareLinkOf(page: Page): Promise<string> {
  const two = await page.evaluate(() => window.__phusong.scenario()!.sites.slice(0, 2).map((x) => x.id));
  await page.evaluate((ids) => window.__phusong.selectSites(ids), two);
  await page.click('#share-link');
  await page.waitForFunction(() => /#s=/.test((document.querySelector('#share-url') as HTMLInputElement).value), null, { timeout: 10000 });
  return page.inputValue('#share-url');
}

async function savedWork(env: Env): Promise<void> {
  await clearAutosave(env);
  const a = await openApp(env, 'cell=500', { autosave: true, wait: 'ready' });
  await rename(a.page, 'Tab A work');
  // A second tab opens the same (newest) document: it is told, and chooses to edit there too.
  const b = await openApp(env, 'cell=500', { autosave: true, wait: 'ready' });
  await cardShows(b.page, 'open-elsewhere');
  await shot(b.page, 'workspace-second-tab.png');
  assert((await b.page.evaluate(() => window.__phusong.scenario()!.name)) === 'Tab A work', 'the second tab did not open the saved work');
  await b.page.click('#workspace-card button[data-choice="wsEditHere"]');
  // Tab A saves: tab B is told that its document changed.
  await rename(a.page, 'Tab A edit 2');
  await cardShows(b.page, 'changed-elsewhere');
  // Tab B edits without choosing: its write would overwrite A's, so it is kept as a copy instead.
  await rename(b.page, 'Tab B edit');
  await cardShows(b.page, 'kept-as-copy');
  await shot(b.page, 'workspace-kept-as-copy.png');
  const bName = await b.page.evaluate(() => window.__phusong.scenario()!.name);
  assert(bName.startsWith('Tab B edit (bản sao'), `tab B's copy: ${bName}`);
  const titles = (await workspace(a.page)).titles;
  assert(titles.includes('Tab A edit 2') && titles.includes(bName), `both versions kept: ${JSON.stringify(titles)}`);
  await b.page.close();

  // A share link opened in a new tab opens beside the saved work, which stays listed.
  const link = await shareLinkOf(a.page);
  const c = await env.context.newPage();
  await c.goto(`${env.url}?debug&cell=500#${link.split('#')[1]}`);
  await c.waitForFunction(() => window.__phusong?.ready === true, null, { timeout: 60000 });
  const note = (await c.locator('#scenario-status').textContent())!;
  assert(/thành một kịch bản mới/.test(note) && /vẫn được giữ/.test(note), `link note: ${note}`);
  await c.evaluate(() => window.__phusong.flushAutosave());
  const cw = await workspace(c);
  assert(cw.titles.length === 3 && cw.titles.includes('Tab A edit 2') && cw.titles.includes(bName), `after the link: ${JSON.stringify(cw.titles)}`);
  await c.close();

  // Storage full: the failure stays on screen; the saved version is intact; a retry once space is back writes.
  await a.page.evaluate(() => {
    const w = window as unknown as { __restorePut?: () => void };
    const put = IDBObjectStore.prototype.put;
    w.__restorePut = () => {
      IDBObjectStore.prototype.put = put;
    };
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await a.page.evaluate(() => window.__phusong.renameScenario('Tab A edit 3'));
  await cardShows(a.page, 'storage-error');
  await a.page.waitForTimeout(2000);
  const stillShown = await a.page.isVisible('#workspace-card [data-ws="storage-error"]');
  const card = (await a.page.locator('#workspace-card').textContent())!;
  await shot(a.page, 'workspace-storage-full.png');
  assert(stillShown && /bộ nhớ của trình duyệt đã đầy/.test(card), `storage error: ${card}`);
  const during = (await workspace(a.page)).titles;
  assert(during.includes('Tab A edit 2') && !during.includes('Tab A edit 3'), `the saved version changed: ${JSON.stringify(during)}`);
  await a.page.evaluate(() => (window as unknown as { __restorePut: () => void }).__restorePut());
  await a.page.click('#workspace-card button[data-choice="wsRetry"]');
  await a.page.waitForSelector('#workspace-card', { state: 'hidden', timeout: 10000 });
  const after = (await workspace(a.page)).titles;
  assert(after.includes('Tab A edit 3') && after.includes(bName), `after the retry: ${JSON.stringify(after)}`);
  assert(a.errors.length === 0, `console errors: ${a.errors.join(' | ')}`);
  await clearAutosave(env);
}

/** A simple MSI antenna file (a 3GPP-like pattern) with the payload in its name. */
function msiFile(): string {
  const lines = [`NAME ${PAYLOAD}`, 'GAIN 16 dBi', 'HORIZONTAL 360'];
  for (let a = 0; a < 360; a++) lines.push(`${a} ${Math.min(12 * ((a > 180 ? 360 - a : a) / 65) ** 2, 30).toFixed(2)}`);
  lines.push('VERTICAL 360');
  for (let a = 0; a < 360; a++) lines.push(`${a} ${Math.min(12 * (((a > 180 ? a - 360 : a) - 4) / 10) ** 2, 30).toFixed(2)}`);
  return lines.join('\n');
}

async function scriptPayloads(env: Env): Promise<void> {
  const sample = JSON.parse(readFileSync(join(ROOT, 'data', 'scenarios', 'sample-network.json'), 'utf8'));
  const s = structuredClone(sample);
  s.name = `Scenario ${PAYLOAD}`;
  s.sites[0].name = `Site ${PAYLOAD}`;
  s.carriers[0].name = `Carrier ${PAYLOAD}`;
  const { page, errors } = await openApp(env, 'cell=500');
  // Door 1: a scenario file.
  await page.setInputFiles('#open-scenario', { name: `x${PAYLOAD.slice(0, 20)}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(s)) });
  await page.waitForFunction(() => window.__phusong.scenario()!.name.startsWith('Scenario <img'), null, { timeout: 10000 });
  await idle(page);
  const site = s.sites[0];
  await page.evaluate((id) => window.__phusong.selectSites([id]), site.id);
  await page.evaluate(([lon, lat]) => window.__phusong.map.jumpTo({ center: [lon, lat], zoom: 12 }), [site.lonDeg, site.latDeg]);
  await page.mouse.move(700, 400);
  await page.waitForTimeout(500);
  // Door 2: an MSI antenna file on the selected site's first sector.
  await page.setInputFiles('#site-editor input.se-file >> nth=0', { name: `${PAYLOAD}.msi`, mimeType: 'text/plain', buffer: Buffer.from(msiFile()) });
  await page.waitForFunction(() => (document.querySelector('#site-editor .se-msi')?.textContent ?? '').length > 0, null, { timeout: 10000 });
  const msiNote = (await page.locator('#site-editor .se-msi').first().textContent())!;
  assert(msiNote.includes('<img'), `the MSI note does not show the name as text: ${msiNote}`);
  // Door 3: a CSV import whose site name is a payload.
  const csv = readFileSync(join(ROOT, 'data', 'examples', 'sites-with-errors.csv'), 'utf8').split('\n');
  const [head, first] = csv;
  const cols = head.split(',');
  const row = first.split(',');
  row[cols.indexOf('site_name')] = `"${PAYLOAD.replace(/"/g, '""')}"`;
  row[cols.indexOf('site_id')] = 'XSS01';
  row[cols.indexOf('sector_id')] = 'XSS01-1';
  const file = join(RESULTS, 'payload-sites.csv');
  writeFileSync(file, `${head}\n${row.join(',')}\n`);
  await page.setInputFiles('#import-sites', file);
  await page.waitForSelector('dialog[open]', { timeout: 10000 });
  await page.click('dialog[open] button.imp-import');
  await page.waitForFunction(() => window.__phusong.scenario()!.sites.some((x) => x.id === 'XSS01'), null, { timeout: 10000 });
  await idle(page);
  assert(await page.evaluate(() => window.__phusong.prepareReport()), 'the report was not prepared');
  assert(await pwned(page) === 0, 'a payload ran (file, MSI, CSV or report)');
  // Door 4: a share link carrying the payload names.
  await page.evaluate(() => window.__phusong.selectSites([window.__phusong.scenario()!.sites[0].id]));
  await page.click('#share-link');
  await page.waitForFunction(() => /#s=/.test((document.querySelector('#share-url') as HTMLInputElement).value), null, { timeout: 10000 });
  const link = await page.inputValue('#share-url');
  const p2 = await env.context.newPage();
  await p2.goto(`${env.url}?debug&autosave=off&cell=500#${link.split('#')[1]}`);
  await p2.waitForFunction(() => window.__phusong?.ready === true, null, { timeout: 60000 });
  await idle(p2);
  const p2name = await p2.evaluate(() => window.__phusong.scenario()!.sites[0].name);
  assert(p2name.includes('<img') && await pwned(p2) === 0, `share link: name ${p2name}, ran ${await pwned(p2)}`);
  // An inline script is refused by the Content-Security-Policy.
  const csp = await p2.evaluate(() => new Promise<{ violated: string; ran: boolean }>((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve({ violated: e.violatedDirective, ran: (window as unknown as { __inline?: number }).__inline === 1 }), { once: true });
    const el = document.createElement('script');
    el.textContent = 'window.__inline = 1';
    document.body.append(el);
    setTimeout(() => resolve({ violated: '', ran: (window as unknown as { __inline?: number }).__inline === 1 }), 3000);
  }));
  assert(csp.violated.startsWith('script-src') && !csp.ran, `CSP: ${JSON.stringify(csp)}`);
  await p2.close();
  assert(errors.filter((e) => !/Content Security Policy|Content-Security-Policy/.test(e)).length === 0, `console errors: ${errors.join(' | ')}`);
  await page.close();

  // Door 5: a dropped boundary file whose commune names are payloads.
  const { page: p3 } = await openApp(env, 'cell=500', { wait: 'none', routes: [['**/vinh-long-communes-2025.geojson', (route) => route.fulfill({ status: 404, body: '' })]] });
  await p3.waitForSelector('#dropzone:not([hidden])');
  const sq = (x: number, y: number) => [[[x, y], [x + 0.05, y], [x + 0.05, y + 0.05], [x, y + 0.05], [x, y]]];
  const fc = { type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { ten: `A ${PAYLOAD}` }, geometry: { type: 'Polygon', coordinates: sq(105.95, 10.2) } },
    { type: 'Feature', properties: { ten: `B ${PAYLOAD}` }, geometry: { type: 'Polygon', coordinates: sq(106.0, 10.2) } },
  ] };
  await p3.setInputFiles('#dz-file', { name: 'payload-communes.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(fc)) });
  await p3.waitForSelector('#dz-choose:not([hidden])');
  await p3.selectOption('#dz-prop', 'ten');
  await p3.click('#dz-use');
  await p3.waitForFunction(() => window.__phusong?.ready === true, null, { timeout: 60000 });
  await idle(p3);
  // The commune's histogram and distribution carry its name in titles and labels.
  await p3.click('#commune-table tbody tr[data-index="0"]');
  await p3.selectOption('#dist-area', '0');
  await idle(p3);
  await p3.waitForSelector('#commune-histogram', { timeout: 20000 });
  const title = (await p3.locator('#distribution .hist-title').textContent())!;
  await shot(p3, 'payload-boundary.png');
  assert(title.includes('<img') && await pwned(p3) === 0, `boundary drop: title ${title}, ran ${await pwned(p3)}`);
}

async function silentWorker(env: Env): Promise<void> {
  const { page, errors } = await openApp(env, 'cell=200');
  const before = await page.evaluate(() => window.__phusong.lastJob!.jobId);
  await page.evaluate(() => window.__phusong.compute.hangOnNextTask());
  const t0 = Date.now();
  await page.selectOption('#cell-size', '100');
  await page.waitForFunction((id) => (window.__phusong.lastJob?.jobId ?? 0) > id, before, { timeout: 60000 });
  await idle(page);
  const ms = Date.now() - t0;
  const job = await page.evaluate(() => window.__phusong.lastJob!);
  console.log(`      silent workers: job ${job.jobId} done ${ms} ms after the change (job ${Math.round(job.finishedAt - job.startedAt)} ms), ${job.retries} groups retried on replacements`);
  assert(job.retries >= 1 && job.groups > 0, `no replacement: ${JSON.stringify(job)}`);
  assert(ms < 20000, `the job took ${ms} ms after the workers stopped`);
  assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
}

export const hardeningJourneys: Journey[] = [
  { name: 'saved work: a second tab is told and chooses; two tabs editing keep both versions; a share link opens beside the saved work; a full storage stays shown until a write succeeds', run: savedWork },
  { name: 'untrusted text: script payloads through a scenario file, an MSI file, a CSV import, a share link and a dropped boundary run nothing; an inline script is blocked by the CSP', smoke: true, run: scriptPayloads },
  { name: 'a worker that silently stops mid-job is noticed and replaced; the job completes', run: silentWorker },
];
