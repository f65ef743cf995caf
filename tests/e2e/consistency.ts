/**
 * Every view follows the coverage on the map: after a drag, an incremental add, a delete, an
 * undo, a redo, and a cancelled job followed by a one-site edit, the commune table, the
 * histogram / CDF, the gaps, the private-network figures and the hover readout equal those of a
 * fresh full recompute of the same scenario (values compared, not "changed").
 */
import type { Page } from 'playwright-core';
import { assert, idle, openApp, type Journey } from './harness.ts';
import { dragSite, middleSite } from './coverage.ts';

interface ViewsSnapshot {
  readonly seq: number;
  readonly table: string[];
  readonly stats: unknown;
  readonly distribution: unknown;
  readonly gaps: unknown;
  readonly privateNetworks: unknown;
  readonly gapList: string;
  readonly pnText: string;
  readonly readout: unknown;
}

/** What the views show now, with the pointer held at a fixed point of the map. */
async function snapshot(page: Page): Promise<ViewsSnapshot> {
  const box = (await page.locator('#map').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.45);
  await page.waitForTimeout(200);
  await idle(page);
  return page.evaluate(() => {
    const a = window.__phusong;
    const r = a.readout;
    return {
      seq: a.coverageSeq,
      table: [...document.querySelectorAll('#commune-table tbody tr, #commune-table tfoot tr')].map((tr) => tr.textContent ?? ''),
      stats: a.communeStats, distribution: a.distribution, gaps: a.gapCollection, privateNetworks: a.privateNetworkFigures,
      gapList: document.querySelector('#gaps')!.textContent ?? '', pnText: document.querySelector('#private-networks-info')!.textContent ?? '',
      readout: r && { servers: r.servers.map((s) => [s.sectorId, s.rsrpDbm, s.pathLossDb]), sinr: r.sinrDb, ul: r.ulMarginDb, indoor: r.indoorBestDbm, overlap: r.overlap },
    };
  });
}

/** The first difference between two values (numbers within 1e-6 relative), or null. */
function diff(a: unknown, b: unknown, path = ''): string | null {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) && Number.isNaN(b)) return null;
    return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b)) ? null : `${path}: ${a} vs ${b}`;
  }
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return Object.is(a, b) ? null : `${path}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`;
  const ka = Object.keys(a as object), kb = Object.keys(b as object);
  if (ka.length !== kb.length) return `${path}: keys ${ka.length} vs ${kb.length}`;
  for (const k of ka) {
    const d = diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/** Snapshot now, then after a full recompute (Compute), and compare every view. */
async function expectEqualToFullRecompute(page: Page, what: string): Promise<void> {
  const now = await snapshot(page);
  assert(now.stats && now.distribution && now.gaps && now.privateNetworks && now.readout, `${what}: a view has no current result: ${JSON.stringify({ stats: !!now.stats, dist: !!now.distribution, gaps: !!now.gaps, pn: !!now.privateNetworks, readout: !!now.readout })}`);
  await page.click('#compute');
  await page.waitForFunction((q) => window.__phusong.coverageSeq > q, now.seq, { timeout: 120000 });
  const fresh = await snapshot(page);
  const { seq: _a, ...x } = now;
  const { seq: _b, ...y } = fresh;
  const d = diff(x, y);
  assert(d === null, `${what}: the views differ from a fresh full recompute at ${d}`);
  const lastEdit = await page.evaluate(() => window.__phusong.lastEdit);
  assert(lastEdit && !lastEdit.incremental, `${what}: the comparison was not a full recompute: ${JSON.stringify(lastEdit)}`);
}

const QUERY = 'cell=200';

export const consistencyJourneys: Journey[] = [
  {
    name: 'after a drag, every view equals a fresh full recompute',
    async run(env) {
      const { page, errors } = await openApp(env, QUERY);
      const pick = await middleSite(page);
      await dragSite(page, pick.id, 10, 4, 2);
      await expectEqualToFullRecompute(page, 'after a drag');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'after an incremental add, every view equals a fresh full recompute',
    async run(env) {
      const { page, errors } = await openApp(env, QUERY);
      const seq = await page.evaluate(() => window.__phusong.coverageSeq);
      await page.evaluate(() => window.__phusong.map.jumpTo({ center: [106.25, 10.05], zoom: 11 }));
      await page.check('#template-picker input[value="macro-lte1800-nr3500"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction((q) => window.__phusong.coverageSeq > q, seq, { timeout: 120000 });
      const edit = await page.evaluate(() => window.__phusong.lastEdit);
      assert(edit?.incremental && edit.kind === 'add', `not merged: ${JSON.stringify(edit)}`);
      await expectEqualToFullRecompute(page, 'after an add');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'after a delete, every view equals a fresh full recompute',
    async run(env) {
      const { page, errors } = await openApp(env, QUERY);
      const pick = await middleSite(page);
      await page.evaluate((id) => window.__phusong.selectSites([id]), pick.id);
      await page.click('#delete-selected');
      await page.waitForFunction(() => window.__phusong.lastEdit?.kind === 'remove', null, { timeout: 120000 });
      await expectEqualToFullRecompute(page, 'after a delete');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'after an undo (of a delete), every view equals a fresh full recompute',
    async run(env) {
      const { page, errors } = await openApp(env, QUERY);
      const pick = await middleSite(page);
      await page.evaluate((id) => window.__phusong.selectSites([id]), pick.id);
      await page.click('#delete-selected');
      await idle(page);
      const seq = await page.evaluate(() => window.__phusong.coverageSeq);
      await page.click('#undo');
      await page.waitForFunction((q) => window.__phusong.coverageSeq > q, seq, { timeout: 120000 });
      await expectEqualToFullRecompute(page, 'after an undo');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'after a redo (of a delete), every view equals a fresh full recompute',
    async run(env) {
      const { page, errors } = await openApp(env, QUERY);
      const pick = await middleSite(page);
      await page.evaluate((id) => window.__phusong.selectSites([id]), pick.id);
      await page.click('#delete-selected');
      await idle(page);
      await page.click('#undo');
      await idle(page);
      const seq = await page.evaluate(() => window.__phusong.coverageSeq);
      await page.click('#redo');
      await page.waitForFunction((q) => window.__phusong.coverageSeq > q, seq, { timeout: 120000 });
      await expectEqualToFullRecompute(page, 'after a redo');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'after cancelling the first job at about 20 % and editing one site, every view equals a fresh full recompute (no cell at 0 dBm)',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=100', { wait: 'ready' });
      await page.waitForFunction(() => { const j = window.__phusong.store.get().job; return j.phase === 'computing' && j.done / j.total >= 0.2; }, null, { timeout: 120000, polling: 20 });
      await page.click('#cancel');
      await page.waitForFunction(() => window.__phusong.store.get().job.phase === 'cancelled', null, { timeout: 10000 });
      assert(await page.evaluate(() => window.__phusong.coverageSeq === 0 && window.__phusong.store.get().coverage === null), 'a cancelled job became the coverage');
      const site = await page.evaluate(() => window.__phusong.scenario()!.sites[5]);
      await page.evaluate((id) => window.__phusong.selectSites([id]), site.id);
      const field = '#site-editor [data-field="azimuthDeg"][data-sector="0"]';
      await page.fill(field, String((site.sectors[0].azimuthDeg + 40) % 360));
      await page.press(field, 'Enter');
      await idle(page);
      const st = await page.evaluate(() => ({ median: window.__phusong.communeStats!.province.median, max: Math.max(...window.__phusong.communeStats!.communes.map((c) => c.median ?? -200)) }));
      assert(st.median !== null && st.median < -40 && st.max < -40, `RSRP medians look like unfilled cells: ${JSON.stringify(st)}`);
      await expectEqualToFullRecompute(page, 'after cancel and a one-site edit');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'a quick click on a site (and a burst of them) raises no error and leaves the coverage as it was',
    async run(env) {
      const { page, errors } = await openApp(env, QUERY);
      const pick = await middleSite(page);
      const seq = await page.evaluate(() => window.__phusong.coverageSeq);
      for (let k = 0; k < 5; k++) {
        await page.mouse.move(pick.x, pick.y);
        await page.mouse.down();
        await page.mouse.up();
      }
      await page.waitForTimeout(1000);
      await idle(page);
      const after = await page.evaluate(() => ({ seq: window.__phusong.coverageSeq, mode: window.__phusong.store.get().mode.kind, selected: window.__phusong.selected }));
      assert(after.seq === seq && after.mode === 'idle' && after.selected[0] === pick.id, `after quick clicks: ${JSON.stringify(after)}`);
      assert(errors.length === 0, `errors: ${errors.join(' | ')}`);
    },
  },
];
