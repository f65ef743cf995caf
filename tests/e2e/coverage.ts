/** Journeys of the coverage layers: switching layers and legend classes, boundaries, cancelling, dragging a site. */
import type { Page } from 'playwright-core';
import { assert, idle, openApp, shot, type Journey } from './harness.ts';

/** The macro site nearest the middle of the map, in page pixels. */
export async function middleSite(page: Page): Promise<{ id: string; x: number; y: number; left: number; top: number }> {
  return page.evaluate(() => {
    const app = window.__phusong;
    const c = app.map.getCanvas().getBoundingClientRect();
    let best: { id: string; p: number[]; d: number } | null = null;
    for (const s of app.scenario()!.sites) {
      const p = app.sitePixel(s.id)!;
      const d = Math.hypot(p[0] - c.width / 2, p[1] - c.height / 2);
      if (!best || d < best.d) best = { id: s.id, p, d };
    }
    return { id: best!.id, x: best!.p[0] + c.left, y: best!.p[1] + c.top, left: c.left, top: c.top };
  });
}

/** Drags a site by the mouse in `steps` moves of (dx, dy) px; returns the RSRP probed at `probe` px from the start during the drag. */
export async function dragSite(page: Page, id: string, steps: number, dx: number, dy: number, probe?: [number, number]): Promise<{ before: number; during: number }> {
  const p = await page.evaluate((sid) => window.__phusong.sitePixel(sid)!, id);
  const box = (await page.locator('#map').boundingBox())!;
  const at = probe ? await page.evaluate(([x, y]) => window.__phusong.map.unproject([x, y]), [p[0] + probe[0], p[1] + probe[1]]) : null;
  const before = at ? await page.evaluate(([lon, lat]) => window.__phusong.layerAt('rsrp', lon, lat), [at.lng, at.lat]) : NaN;
  await page.mouse.move(box.x + p[0], box.y + p[1]);
  await page.mouse.down();
  for (let k = 1; k <= steps; k++) {
    await page.mouse.move(box.x + p[0] + dx * k, box.y + p[1] + dy * k);
    await page.waitForTimeout(60);
  }
  await page.waitForFunction(() => /ms/.test(document.querySelector('#status')!.textContent ?? ''), null, { timeout: 30000 });
  await page.waitForTimeout(1500);
  // The drawn layer (patched move by move) under the probe, while the mouse is still down.
  const during = at ? await page.evaluate(([lon, lat]) => window.__phusong.drawnAt(lon, lat), [at.lng, at.lat]) : NaN;
  await page.mouse.up();
  await page.waitForFunction((sid) => window.__phusong.lastDrag?.site === sid, id, { timeout: 60000 });
  await idle(page);
  return { before, during };
}

export const coverageJourneys: Journey[] = [
  {
    name: 'layer switch: SINR with its own legend; legend classes editable (refused when not ascending), Default restores',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=200');
      await page.selectOption('#layer', 'sinr');
      await idle(page);
      const legend = (await page.locator('#legend').textContent())!;
      assert(/SINR/.test(legend) && /dB/.test(legend), `legend: ${legend}`);
      await shot(page, 'sinr.png');
      await page.selectOption('#layer', 'rsrp');
      await idle(page);
      const rows = () => page.$$eval('#legend .legend-row[data-min]', (r) => r.map((x) => (x as HTMLElement).dataset.min));
      const before = await rows();
      await page.fill('#legend-edges', '-100; -110');
      await page.dispatchEvent('#legend-edges', 'change');
      assert(await page.isVisible('#legend-edges-error') && (await rows()).length === before.length, 'descending edges accepted');
      await page.fill('#legend-edges', '-115; -105; -95');
      await page.dispatchEvent('#legend-edges', 'change');
      await page.waitForFunction(() => document.querySelectorAll('#legend .legend-row[data-min]').length === 4, null, { timeout: 10000 });
      const after = await rows();
      assert(JSON.stringify(after) === JSON.stringify(['-95', '-105', '-115', '-Infinity']), `legend rows: ${after}`);
      await page.waitForTimeout(1000);
      await shot(page, 'legend-edges.png');
      await page.click('#legend-edges-reset');
      await page.waitForFunction((n) => document.querySelectorAll('#legend .legend-row[data-min]').length === n, before.length, { timeout: 10000 });
      assert((await page.inputValue('#legend-edges')) === '-130; -120; -110; -100; -90; -80', `default edges: ${await page.inputValue('#legend-edges')}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'the boundary switch shows the 26 pre-2025 districts',
    async run(env) {
      const { page } = await openApp(env, 'cell=500');
      await page.locator('input[name=boundary][value=districts]').check();
      await page.waitForTimeout(500);
      const st = await page.evaluate(async () => {
        const m = window.__phusong.map;
        const d = await (m.getSource('districts') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> }).getData();
        return { n: d.features.length, vis: m.getLayoutProperty('districts-line', 'visibility'), cvis: m.getLayoutProperty('communes-line', 'visibility') };
      });
      await shot(page, 'districts.png');
      assert(st.n === 26 && st.vis === 'visible' && st.cvis === 'none', JSON.stringify(st));
    },
  },
  {
    name: 'a cancelled job never reaches the map',
    async run(env) {
      const { page } = await openApp(env, 'cell=100');
      const r = await page.evaluate(async () => {
        const app = window.__phusong;
        const before = { job: app.lastJob!.jobId, seq: app.coverageSeq };
        (document.querySelector('#compute') as HTMLButtonElement).click();
        await new Promise((res) => setTimeout(res, 50));
        (document.querySelector('#cancel') as HTMLButtonElement).click();
        await new Promise((res) => setTimeout(res, 3000));
        return { before, after: { job: app.lastJob!.jobId, seq: app.coverageSeq }, status: document.querySelector('#status')!.textContent, held: await app.compute.held() };
      });
      assert(r.before.job === r.after.job && r.before.seq === r.after.seq, `a cancelled job was recorded as finished: ${JSON.stringify(r)}`);
      assert(/Đã hủy|Cancelled/.test(r.status ?? ''), `status: ${r.status}`);
      assert(r.held.length === 1, `the cancelled job's layers are still held: versions ${r.held}`);
    },
  },
  {
    name: 'drag a site: the layer under it changes while dragging and equals a full recompute after release',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=200');
      const pick = await middleSite(page);
      const { before, during } = await dragSite(page, pick.id, 20, 3, 1.5, [60, 30]);
      await shot(page, 'drag.png');
      const drag = (await page.evaluate(() => window.__phusong.lastDrag))!;
      assert(Math.abs(during - before) > 1 || Number.isNaN(before) !== Number.isNaN(during), `RSRP at the new site position did not change during the drag: ${before} → ${during}`);
      assert(drag.moves >= 1, `no move applied: ${JSON.stringify(drag)}`);
      const cmp = await page.evaluate(() => window.__phusong.compareWithFullRecompute());
      assert(cmp.mismatches === 0 && cmp.compared > 100000 && cmp.maxAbsDiffDb < 1e-6, `after release, the layers differ from a full recompute: ${JSON.stringify(cmp)}`);
      const med = [...drag.latenciesMs].sort((a, b) => a - b)[Math.floor(drag.latenciesMs.length / 2)];
      console.log(`    drag of ${drag.site}: ${drag.moves} updates, median ${med.toFixed(0)} ms; full recompute matches (${cmp.compared} cells, max diff ${cmp.maxAbsDiffDb.toExponential(1)} dB)`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
];
