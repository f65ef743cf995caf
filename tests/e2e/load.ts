/** The first journey of every user: the app loads, frames Vĩnh Long, computes and draws coverage. Also run against the production build. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { assert, idle, openApp, ROOT, shot, type Journey } from './harness.ts';

const COMMUNES_CSV = readFileSync(join(ROOT, 'public', 'data', 'vinh-long-communes-2025.csv'), 'utf8');
/** The 124 names from the shared data (CSV column 2), read independently of the app. */
export const EXPECTED_NAMES = COMMUNES_CSV.trim().split('\n').slice(1).map((line) => line.split(',')[1]).sort();

function saturation([r, g, b]: number[]): number {
  const max = Math.max(r, g, b), min = Math.min(r, g, b);
  return max === 0 ? 0 : (max - min) / max;
}

export const loadJourneys: Journey[] = [
  {
    name: 'load: map, 124 communes, coverage computed in workers and drawn inside the province, legend, sample banner, no console error',
    smoke: true,
    async run(env) {
      const app = await openApp(env, '', { wait: 'ready' });
      const { page } = app;
      await idle(page);
      await page.waitForTimeout(800);
      await shot(page, env.build ? 'build-loaded.png' : 'app-loaded.png');
      const names = await page.evaluate(async () => {
        const src = window.__phusong.map.getSource('communes') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> };
        return (await src.getData()).features.map((f) => String(f.properties?.name));
      });
      assert(names.length === 124, `expected 124 features, got ${names.length}`);
      const got = [...names].sort();
      assert(JSON.stringify(got) === JSON.stringify(EXPECTED_NAMES), `names differ from ../shared CSV; first diff: ${got.find((n, i) => n !== EXPECTED_NAMES[i])}`);
      assert(names.includes('Thới Thuận') && names.includes('Hưng Khánh Trung'), 'diacritics lost');
      const job = await page.evaluate(() => window.__phusong.lastJob!);
      assert(job.allInWorkers && job.groups > 0, `job: ${JSON.stringify(job)}`);
      const workers = Object.keys(job.groupsByWorker);
      assert(workers.length >= 1 && workers.every((w) => w.startsWith('engine-worker-')), `workers: ${workers}`);
      assert(job.paintedCells > 100000, `only ${job.paintedCells} cells painted`);
      assert(job.mainThreadLongTasksMs.length === 0, `main-thread tasks over 50 ms during the computation: ${job.mainThreadLongTasksMs.map((d) => d.toFixed(0)).join(', ')} ms`);
      // Pixels 800 m east and west of 40 sites show a coverage colour (saturated), not the pale province fill.
      const points = await page.evaluate(() => {
        const m = window.__phusong.map;
        const sites = window.__phusong.scenario()!.sites.filter((_, i) => i % 7 === 0).slice(0, 40);
        return sites.flatMap((s) => [0.0073, -0.0073].map((d) => m.project([s.lonDeg + d, s.latDeg])));
      });
      const img = PNG.sync.read(await page.locator('#map').screenshot());
      let coloured = 0, inView = 0;
      for (const p of points) {
        const x = Math.round(p.x), y = Math.round(p.y);
        if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
        inView++;
        const o = (y * img.width + x) * 4;
        if (saturation([img.data[o], img.data[o + 1], img.data[o + 2]]) > 0.25) coloured++;
      }
      assert(inView >= 40 && coloured / inView >= 0.8, `only ${coloured}/${inView} sample pixels near sites show coverage colour`);
      const legend = await page.evaluate(() => ({ rows: document.querySelectorAll('#legend .legend-row').length, visible: !document.getElementById('legend')!.hidden, title: document.querySelector('#legend .title')?.textContent ?? '' }));
      assert(legend.visible && legend.rows === 7 && legend.title.includes('RSRP'), `legend: ${JSON.stringify(legend)}`);
      const banner = await page.locator('#sample-banner').textContent();
      assert(await page.locator('#sample-banner').isVisible() && banner!.includes('MẠNG MẪU'), `banner: ${banner}`);
      assert(app.errors.length === 0, `console errors: ${app.errors.join(' | ')}`);
    },
  },
  {
    name: 'hover highlights a commune and a click shows its details',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=200');
      const pt = await page.evaluate(async () => {
        const m = window.__phusong.map;
        const f = window.__phusong.store.get().boundaries!.communes.find((x) => x.properties?.name === 'Cầu Kè')!;
        const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
        const c = ring.reduce((a, p) => [a[0] + p[0] / ring.length, a[1] + p[1] / ring.length], [0, 0]);
        return m.project(c as [number, number]);
      });
      const box = (await page.locator('#map').boundingBox())!;
      await page.mouse.move(box.x + pt.x, box.y + pt.y);
      await page.waitForTimeout(300);
      const hovered = await page.evaluate(() => window.__phusong.map.queryRenderedFeatures({ layers: ['communes-fill'] }).filter((f) => f.state.hover).map((f) => f.properties.name));
      assert(hovered.includes('Cầu Kè'), `hovered: ${hovered}`);
      await page.mouse.click(box.x + pt.x, box.y + pt.y);
      await page.waitForSelector('#feature-info');
      const info = (await page.locator('#feature-info').textContent())!;
      for (const s of ['Xã Cầu Kè', 'Xã', 'km²', 'Hợp nhất từ']) assert(info.includes(s), `info lacks "${s}": ${info}`);
      await page.waitForFunction(() => document.querySelector('#commune-histogram'), null, { timeout: 30000 });
      await shot(page, 'commune-click.png');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
];
