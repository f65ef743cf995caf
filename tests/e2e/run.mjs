/**
 * End-to-end tests in real chromium (issue 2). Run: npm run test:e2e (after npm run data).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { ROOT, RESULTS, assert, launchBrowser, openPage, run, startServer, waitForJob } from './harness.mjs';

const COMMUNES_CSV = readFileSync(join(ROOT, 'public', 'data', 'vinh-long-communes-2025.csv'), 'utf8');
/** The 124 names from the committed-manifest source (CSV column 2), read independently of the app. */
const expectedNames = COMMUNES_CSV.trim().split('\n').slice(1).map((line) => line.split(',')[1]).sort();

const { server, url } = await startServer();
const browser = await launchBrowser();
const ctx = browser.context;

let main; // the page with the full app, shared by the first tests

function saturation([r, g, b]) {
  const max = Math.max(r, g, b), min = Math.min(r, g, b);
  return max === 0 ? 0 : (max - min) / max;
}

const tests = [
  ['loads without console errors and frames Vĩnh Long', async () => {
    main = await openPage(ctx, url);
    await main.page.waitForFunction(() => window.__phusong?.ready === true, null, { timeout: 60000 });
    const job = await waitForJob(main.page);
    await main.page.waitForTimeout(800);
    await main.page.screenshot({ path: join(RESULTS, 'app-loaded.png') });
    assert(main.consoleErrors.length === 0, `console errors: ${main.consoleErrors.join(' | ')}`);
    assert(job.groups > 0, 'no tiles computed');
  }],
  ['124 communes in the map source with their official names', async () => {
    const names = await main.page.evaluate(async () => {
      const data = await window.__phusong.map.getSource('communes').getData();
      return data.features.map((f) => f.properties.name);
    });
    assert(names.length === 124, `expected 124 features, got ${names.length}`);
    const got = [...names].sort();
    assert(JSON.stringify(got) === JSON.stringify(expectedNames), `names differ from ../shared CSV; first diff: ${got.find((n, i) => n !== expectedNames[i])}`);
    assert(names.includes('Thới Thuận') && names.includes('Hưng Khánh Trung'), 'diacritics lost');
  }],
  ['coverage computed in workers, drawn inside the province, main thread responsive', async () => {
    const job = await main.page.evaluate(() => ({ ...window.__phusong.lastJob, groupsByWorker: { ...window.__phusong.lastJob.groupsByWorker } }));
    assert(job.allInWorkers === true, 'a tile did not run in a worker');
    const workers = Object.keys(job.groupsByWorker);
    assert(workers.length >= 1 && workers.every((w) => w.startsWith('engine-worker-')), `workers: ${workers}`);
    assert(job.paintedCells > 100000, `only ${job.paintedCells} cells painted`);
    const maxLong = Math.max(0, ...job.mainThreadLongTasksMs);
    assert(job.mainThreadLongTasksMs.length === 0, `main-thread tasks over 50 ms during the computation: ${job.mainThreadLongTasksMs.map((d) => d.toFixed(0)).join(', ')} ms (max ${maxLong.toFixed(0)})`);
    // Pixels 800 m east and west of 40 sites must show a coverage colour (saturated), not the
    // pale province fill (#f6f3ea, saturation 0.05) or the background.
    const points = await main.page.evaluate(async () => {
      const m = window.__phusong.map;
      const data = await m.getSource('sites').getData();
      const feats = data.features.filter((_, i) => i % 7 === 0).slice(0, 40);
      return feats.flatMap((f) => [0.0073, -0.0073].map((d) => m.project([f.geometry.coordinates[0] + d, f.geometry.coordinates[1]])));
    });
    const shot = PNG.sync.read(await main.page.locator('#map').screenshot({ path: join(RESULTS, 'coverage.png') }));
    let coloured = 0, inView = 0;
    for (const p of points) {
      const x = Math.round(p.x), y = Math.round(p.y);
      if (x < 0 || y < 0 || x >= shot.width || y >= shot.height) continue;
      inView++;
      const o = (y * shot.width + x) * 4;
      if (saturation([shot.data[o], shot.data[o + 1], shot.data[o + 2]]) > 0.25) coloured++;
    }
    assert(inView >= 40, `only ${inView} sample points in view`);
    assert(coloured / inView >= 0.8, `only ${coloured}/${inView} sample pixels near sites show coverage colour`);
  }],
  ['legend lists every RSRP band', async () => {
    const rows = await main.page.locator('#legend .legend-row').count();
    const visible = await main.page.locator('#legend').isVisible();
    const title = await main.page.locator('#legend .title').textContent();
    assert(visible && rows === 7, `legend visible=${visible}, rows=${rows}`);
    assert(title.includes('RSRP'), `legend title: ${title}`);
  }],
  ['sample network is labelled as sample', async () => {
    const banner = await main.page.locator('#sample-banner').textContent();
    assert(await main.page.locator('#sample-banner').isVisible() && banner.includes('MẠNG MẪU'), `banner: ${banner}`);
  }],
  ['hover highlights and click shows commune details', async () => {
    const pt = await main.page.evaluate(async () => {
      const m = window.__phusong.map;
      const data = await m.getSource('communes').getData();
      const f = data.features.find((x) => x.properties.name === 'Cầu Kè');
      // a point well inside: the vertex average of the outer ring
      const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
      const c = ring.reduce((a, p) => [a[0] + p[0] / ring.length, a[1] + p[1] / ring.length], [0, 0]);
      return m.project(c);
    });
    const box = await main.page.locator('#map').boundingBox();
    await main.page.mouse.move(box.x + pt.x, box.y + pt.y);
    await main.page.waitForTimeout(300);
    const hovered = await main.page.evaluate(() => window.__phusong.map.queryRenderedFeatures({ layers: ['communes-fill'] }).filter((f) => f.state.hover).map((f) => f.properties.name));
    assert(hovered.includes('Cầu Kè'), `hovered: ${hovered}`);
    await main.page.mouse.click(box.x + pt.x, box.y + pt.y);
    await main.page.waitForSelector('#feature-info');
    const info = await main.page.locator('#feature-info').textContent();
    for (const s of ['Xã Cầu Kè', 'Xã', 'km²', 'Hợp nhất từ']) assert(info.includes(s), `info lacks "${s}": ${info}`);
    await main.page.screenshot({ path: join(RESULTS, 'commune-click.png') });
  }],
  ['drag a site: the layer under it changes while dragging and equals a full recompute after release', async () => {
    const page = main.page;
    const pick = await page.evaluate(() => {
      const app = window.__phusong;
      const c = app.map.getCanvas().getBoundingClientRect();
      // a macro site near the middle of the map
      const ids = app.map.querySourceFeatures('sites').map((f) => f.properties.id);
      let best = null;
      for (const id of ids) {
        const p = app.sitePixel(id);
        const d = Math.hypot(p[0] - c.width / 2, p[1] - c.height / 2);
        if (!best || d < best.d) best = { id, p, d };
      }
      return { id: best.id, x: best.p[0] + c.left, y: best.p[1] + c.top, left: c.left, top: c.top };
    });
    const target = [pick.x + 60, pick.y + 30];
    const probe = await page.evaluate(([x, y]) => {
      const ll = window.__phusong.map.unproject([x, y]);
      return { lon: ll.lng, lat: ll.lat, before: window.__phusong.layerAt('rsrp', ll.lng, ll.lat) };
    }, [target[0] - pick.left, target[1] - pick.top]);
    await page.mouse.move(pick.x, pick.y);
    await page.mouse.down();
    for (let k = 1; k <= 20; k++) {
      await page.mouse.move(pick.x + 3 * k, pick.y + 1.5 * k);
      await page.waitForTimeout(60);
    }
    await page.waitForFunction(() => document.querySelector('#status').textContent.match(/ms/), null, { timeout: 30000 });
    await page.waitForTimeout(1500);
    const during = await page.evaluate(({ lon, lat }) => ({ v: window.__phusong.layerAt('rsrp', lon, lat), dragDone: window.__phusong.lastDrag !== null }), probe);
    await page.screenshot({ path: join(RESULTS, 'drag.png') });
    await page.mouse.up();
    await page.waitForFunction((id) => window.__phusong.lastDrag?.site === id, pick.id, { timeout: 60000 });
    const drag = await page.evaluate(() => window.__phusong.lastDrag);
    assert(!during.dragDone, 'the drag finished before the mouse was released');
    assert(Math.abs(during.v - probe.before) > 1 || (Number.isNaN(probe.before) !== Number.isNaN(during.v)), `RSRP at the new site position did not change during the drag: ${probe.before} → ${during.v}`);
    assert(drag.moves >= 1, `no move applied: ${JSON.stringify(drag)}`);
    const cmp = await page.evaluate(() => window.__phusong.compareWithFullRecompute());
    assert(cmp.mismatches === 0 && cmp.compared > 100000 && cmp.maxAbsDiffDb < 1e-6, `after release, the layers differ from a full recompute: ${JSON.stringify(cmp)}`);
    console.log(`    drag of ${drag.site}: ${drag.moves} updates, median ${[...drag.latenciesMs].sort((a, b) => a - b)[Math.floor(drag.latenciesMs.length / 2)].toFixed(0)} ms; full recompute matches (${cmp.compared} cells, max diff ${cmp.maxAbsDiffDb.toExponential(1)} dB)`);
  }],
  ['layer switch: SINR with its own legend', async () => {
    await main.page.selectOption('#layer', 'sinr');
    await main.page.waitForTimeout(800);
    const legend = await main.page.locator('#legend').textContent();
    assert(/SINR/.test(legend) && /dB/.test(legend), `legend: ${legend}`);
    await main.page.screenshot({ path: join(RESULTS, 'sinr.png') });
    await main.page.selectOption('#layer', 'rsrp');
    await main.page.waitForTimeout(300);
  }],
  ['commune table: sorts, finds without diacritics, zooms to a row; exports parse; the report prints', async () => {
    const page = main.page;
    await page.waitForFunction(() => window.__phusong.communeStats?.communes.length === 124, null, { timeout: 60000 });
    const firstCol = async (n = 124) => page.$$eval('#commune-table tbody tr', (rows, k) => rows.slice(0, k).map((r) => r.children[0].textContent), n);
    const shareCol = async () => page.$$eval('#commune-table tbody tr', (rows) => rows.map((r) => Number.parseFloat(r.children[2].textContent.replace(',', '.'))));
    // default: ascending by share ≥ −110 (worst first); clicking the header flips it
    let shares = await shareCol();
    assert(shares.length === 124 && shares.every((v, i) => i === 0 || v >= shares[i - 1]), `not ascending: ${shares.slice(0, 5)}`);
    await page.click('#commune-table th[data-key="share:-110"]');
    shares = await shareCol();
    assert(shares.every((v, i) => i === 0 || v <= shares[i - 1]), 'not descending after a header click');
    await page.click('#commune-table th[data-key="name"]');
    const names = await firstCol();
    const sorted = [...names].sort((a, b) => a.localeCompare(b, 'vi'));
    assert(JSON.stringify(names) === JSON.stringify(sorted), 'names not sorted');
    const fold = (n) => n.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    await page.fill('#commune-search', 'vinh');
    const vinh = await firstCol();
    const expectedVinh = expectedNames.filter((n) => fold(n).includes('vinh'));
    assert(vinh.length === expectedVinh.length && expectedVinh.every((n) => vinh.includes(n)), `search "vinh": ${vinh} (expected ${expectedVinh})`);
    await page.fill('#commune-search', 'tra vinh');
    const found = await firstCol();
    assert(found.length === 1 && found[0] === 'Trà Vinh', `search "tra vinh": ${found}`);
    const zoomBefore = await page.evaluate(() => window.__phusong.map.getZoom());
    await page.click('#commune-table tbody tr');
    const z = await page.evaluate(() => ({ zoom: window.__phusong.map.getZoom(), name: window.__phusong.zoomedCommune, info: document.querySelector('#feature-info').textContent }));
    assert(z.zoom > zoomBefore + 1 && z.name === found[0] && z.info.includes(found[0]), `row click: ${JSON.stringify(z)} (zoom before ${zoomBefore})`);
    await page.waitForFunction(() => window.__phusong.histogramCells > 0 && document.querySelector('#commune-histogram'), null, { timeout: 30000 });
    const hist = await page.evaluate(() => ({ bars: document.querySelectorAll('#commune-histogram rect').length, cells: window.__phusong.histogramCells, stats: window.__phusong.communeStats.communes.find((c) => c.name === 'Trà Vinh').cells }));
    assert(hist.bars > 5 && hist.cells === hist.stats, `histogram: ${JSON.stringify(hist)}`);
    // its worst gaps under the histogram: exactly the province's gaps that touch Trà Vinh
    await page.waitForFunction(() => document.querySelector('#commune-gaps'), null, { timeout: 30000 });
    const cg = await page.evaluate(async () => ({
      shown: window.__phusong.communeGaps, items: document.querySelectorAll('#commune-gap-list li').length,
      expected: (await window.__phusong.map.getSource('gaps').getData()).features.filter((f) => f.properties.communes.split('; ').includes('Trà Vinh')).length,
    }));
    assert(cg.shown === cg.expected && cg.items === Math.min(5, cg.expected), `commune gaps: ${JSON.stringify(cg)}`);
    // the province total row: its area is the sum of the communes' (same cells)
    const tot = await page.evaluate(() => ({ row: document.querySelector('#province-total')?.textContent ?? '', s: window.__phusong.communeStats }));
    const sumKm2 = tot.s.communes.reduce((a, c) => a + c.areaKm2, 0);
    assert(/Toàn tỉnh/.test(tot.row) && Math.abs(tot.s.province.areaKm2 / sumKm2 - 1) < 1e-9, `province row: ${tot.row}`);
    await page.screenshot({ path: join(RESULTS, 'commune-table.png') });
    await page.fill('#commune-search', '');
    // gaps listed and drawn; the choropleth with its own legend
    await page.waitForFunction(() => typeof window.__phusong.gaps === 'number', null, { timeout: 60000 });
    const gaps = await page.evaluate(async () => ({ n: window.__phusong.gaps, items: document.querySelectorAll('#gap-list li').length, src: (await window.__phusong.map.getSource('gaps').getData()).features.length }));
    assert(gaps.n > 0 && gaps.src === gaps.n && gaps.items === Math.min(10, gaps.n), `gaps: ${JSON.stringify(gaps)}`);
    await page.evaluate(() => window.__phusong.map.fitBounds([[105.681642, 9.527162], [106.791831, 10.34014]], { padding: 20, duration: 0 }));
    await page.selectOption('#choropleth', 'share:-110');
    await page.waitForTimeout(800);
    const legend = await page.locator('#legend').textContent();
    assert(/Tỷ lệ diện tích/.test(legend), `choropleth legend: ${legend}`);
    // every commune carries its share as map feature state (the fill colour reads it)
    const states = await page.evaluate(async () => {
      const m = window.__phusong.map;
      const feats = (await m.getSource('communes').getData()).features;
      return feats.map((f, i) => m.getFeatureState({ source: 'communes', id: f.id ?? i }).share);
    });
    assert(states.length === 124 && states.every((v) => typeof v === 'number' && v >= 0 && v <= 1), `feature states: ${states.slice(0, 5)}`);
    await page.screenshot({ path: join(RESULTS, 'choropleth.png') });
    await page.selectOption('#choropleth', '');
    // the private network: a hint on LTE, its figures on its own carrier
    const hint = await page.locator('#private-networks-info').textContent();
    assert(/pn3700/.test(hint), `private network hint: ${hint}`);
    // exports
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csv = readFileSync(await csvDl.path(), 'utf8');
    assert(csv.charCodeAt(0) === 0xfeff, 'CSV without BOM');
    const lines = csv.slice(1).trim().split(/\r?\n/);
    assert(lines.length === 126 && lines[0].startsWith('code,name,') && lines.some((l) => l.includes(',Trà Vinh,')) && lines[125].includes('Toàn tỉnh'), `CSV: ${lines.length} lines, header ${lines[0]}`);
    const [gjDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-geojson')]);
    const gj = JSON.parse(readFileSync(await gjDl.path(), 'utf8'));
    assert(gj.type === 'FeatureCollection' && gj.features.length === 124, `GeoJSON features: ${gj.features?.length}`);
    // the printed report
    await page.evaluate(() => window.__phusong.prepareReport());
    await page.emulateMedia({ media: 'print' });
    const report = await page.locator('#report').textContent();
    await page.screenshot({ path: join(RESULTS, 'print-report.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    assert(/Báo cáo vùng phủ/.test(report) && /MẠNG MẪU/.test(report) && /Toàn tỉnh/.test(report), `report: ${report.slice(0, 200)}`);
    const rows = await page.$$eval('#report tbody tr', (r) => r.length);
    assert(rows === 10, `report lists ${rows} worst communes`);
    await page.evaluate(() => window.__phusong.map.fitBounds([[105.681642, 9.527162], [106.791831, 10.34014]], { padding: 20, duration: 0 }));
  }],
  ['thresholds are editable; the export bundle downloads as a zip of the contract files', async () => {
    const page = main.page;
    // an invalid list is refused at the field, the statistics stay
    const before = await page.evaluate(() => window.__phusong.communeStats);
    await page.fill('#rsrp-thresholds', '-100, abc');
    await page.dispatchEvent('#rsrp-thresholds', 'change');
    const err = await page.evaluate(() => ({ text: document.querySelector('#thresholds-error').textContent, hidden: document.querySelector('#thresholds-error').hidden, inv: document.querySelector('#rsrp-thresholds').getAttribute('aria-invalid') }));
    assert(!err.hidden && /Ngưỡng không hợp lệ/.test(err.text) && err.inv === 'true', `threshold error: ${JSON.stringify(err)}`);
    assert(await page.evaluate((b) => window.__phusong.communeStats === b || JSON.stringify(window.__phusong.communeStats.thresholds) === JSON.stringify(b.thresholds), before), 'stats changed on invalid input');
    // −95 / −105: the table follows, shares agree with a direct count of the RSRP layer
    await page.fill('#rsrp-thresholds', '−95, −105');
    await page.dispatchEvent('#rsrp-thresholds', 'change');
    await page.waitForFunction(() => JSON.stringify(window.__phusong.communeStats?.thresholds) === '[-95,-105]', null, { timeout: 60000 });
    const heads = await page.$$eval('#commune-table th', (t) => t.map((x) => x.dataset.key));
    assert(heads.includes('share:-95') && heads.includes('share:-105') && !heads.includes('share:-110') && heads.includes('bool:sinr'), `columns: ${heads}`);
    const check = await page.evaluate(() => {
      const d = window.__phusong;
      const rsrp = d.layerCopy('rsrp');
      const p = d.communeStats.province;
      let n = 0;
      for (const v of rsrp) if (v >= -95) n++;
      return { share: p.thresholds[0].share, cells: p.cells, n };
    });
    // cells outside every commune polygon are not in the province statistics: compare as counts
    assert(Math.abs(check.share * check.cells - check.n) / check.n < 0.01, `share ≥ −95: ${JSON.stringify(check)}`);
    await page.fill('#rsrp-thresholds', '−100, −110, −120');
    await page.dispatchEvent('#rsrp-thresholds', 'change');
    await page.waitForFunction(() => JSON.stringify(window.__phusong.communeStats?.thresholds) === '[-100,-110,-120]', null, { timeout: 60000 });
    // the bundle
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.click('#export-zip')]);
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(new Uint8Array(readFileSync(await dl.path())));
    const names = Object.keys(files).sort();
    const contract = ['best-server.tif', 'communes.csv', 'communes.geojson', 'coverage-bands.geojson', 'coverage.kml', 'gaps.geojson', 'rsrp.tif', 'scenario.json', 'sinr.tif', 'sites.csv', 'sites.geojson', 'summary.json'];
    assert(JSON.stringify(names) === JSON.stringify(contract), `zip files: ${names}`);
    const summary = JSON.parse(strFromU8(files['summary.json']));
    const bands = JSON.parse(strFromU8(files['coverage-bands.geojson']));
    assert(summary.province.cells > 0 && summary.carrier === 'lte1800' && bands.features.length > 0 && strFromU8(files['rsrp.tif'].subarray(0, 2)) === 'MM', `bundle: ${JSON.stringify(summary).slice(0, 200)}`);
    assert(/\.zip \(/.test(await page.locator('#export-status').textContent()), 'export status');
  }],
  ['private-network service area: drawn on the map, imported from GeoJSON, refused with the file and reason', async () => {
    const page = main.page;
    await page.waitForFunction(() => window.__phusong.map.getSource('service-areas'), null, { timeout: 30000 });
    // a bad file changes nothing and names the file
    const before = await page.evaluate(() => JSON.stringify(window.__phusong.serviceAreas ?? null));
    await page.setInputFiles('#pn-file', { name: 'swapped.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'Polygon', coordinates: [[[10.25, 106.0], [10.25, 106.01], [10.26, 106.01], [10.25, 106.0]]] })) });
    await page.waitForFunction(() => /swapped\.geojson/.test(document.querySelector('#pn-status').textContent), null, { timeout: 10000 });
    const msg = await page.locator('#pn-status').textContent();
    assert(/swapped\.geojson: geometry, ring 1, vertex 1: .*swapped/.test(msg), `refusal: ${msg}`);
    assert(await page.evaluate(() => JSON.stringify(window.__phusong.serviceAreas ?? null)) === before, 'a refused file changed the service areas');
    // a new network drawn by clicks: zoom to Trà Vinh ward and click four vertices, Enter
    await page.selectOption('#pn-select', '');
    await page.fill('#pn-name', 'Khu thử nghiệm (vẽ)');
    await page.evaluate(() => window.__phusong.map.jumpTo({ center: [106.34, 9.935], zoom: 13 }));
    await page.waitForTimeout(300);
    await page.click('#pn-draw');
    const box = await page.locator('#map').boundingBox();
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    for (const [dx, dy] of [[-60, -40], [60, -40], [60, 40], [-60, 40]]) await page.mouse.click(cx + dx, cy + dy);
    await page.screenshot({ path: join(RESULTS, 'service-area-drawing.png') });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__phusong.serviceAreas?.some((a) => a.name === 'Khu thử nghiệm (vẽ)'), null, { timeout: 10000 });
    const drawn = await page.evaluate(async () => (await window.__phusong.map.getSource('service-areas').getData()).features.find((f) => f.properties.name === 'Khu thử nghiệm (vẽ)'));
    assert(drawn.geometry.coordinates[0].length === 5, `drawn ring: ${JSON.stringify(drawn.geometry)}`);
    const info = await page.locator('#private-networks-info').textContent();
    assert(/Khu thử nghiệm \(vẽ\): chưa có trạm/.test(info), `new network line: ${info}`);
    await page.screenshot({ path: join(RESULTS, 'service-area.png') });
    // import replaces the example campus's area
    await page.selectOption('#pn-select', { index: 0 });
    // the campus's own bounding box grown by ~100 m, so its sites still serve it
    const bb = await page.evaluate(async () => {
      const c = (await window.__phusong.map.getSource('service-areas').getData()).features[0].geometry.coordinates[0];
      return [Math.min(...c.map((p) => p[0])), Math.min(...c.map((p) => p[1])), Math.max(...c.map((p) => p[0])), Math.max(...c.map((p) => p[1]))];
    });
    const r6 = (v) => Math.round(v * 1e6) / 1e6;
    const [w, so, e, n] = [r6(bb[0] - 0.001), r6(bb[1] - 0.001), r6(bb[2] + 0.001), r6(bb[3] + 0.001)];
    const ring = [[w, so], [e, so], [e, n], [w, n], [w, so]];
    await page.setInputFiles('#pn-file', { name: 'campus.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] })) });
    await page.waitForFunction(() => /Đã đặt vùng phục vụ/.test(document.querySelector('#pn-status').textContent), null, { timeout: 10000 });
    const areas = await page.evaluate(async () => (await window.__phusong.map.getSource('service-areas').getData()).features.map((f) => f.geometry.coordinates[0]));
    assert(JSON.stringify(areas[0]) === JSON.stringify(ring), `imported ring: ${JSON.stringify(areas[0])}`);
    await page.evaluate(() => window.__phusong.map.fitBounds([[105.681642, 9.527162], [106.791831, 10.34014]], { padding: 20, duration: 0 }));
  }],
  ['private network: coverage inside its service area and the spill-over, on its own carrier', async () => {
    const page = main.page;
    const prev = await page.evaluate(() => window.__phusong.lastJob.jobId);
    await page.selectOption('#carrier', 'pn3700');
    await page.waitForFunction((id) => window.__phusong.lastJob?.jobId !== id && window.__phusong.privateNetworkStats, prev, { timeout: 120000 });
    await page.waitForFunction(() => /km²/.test(document.querySelector('#private-networks-info').textContent), null, { timeout: 60000 });
    const st = await page.evaluate(() => window.__phusong.privateNetworkStats);
    const text = await page.locator('#private-networks-info').textContent();
    assert(st.serviceCells > 0 && st.outdoorCoveredShare > 0 && st.spillAreaKm2 >= 0 && /Thanh Đức|—/.test(text), `private network: ${JSON.stringify(st)} ${text}`);
    // Province-wide gaps of a campus carrier would be the whole province: the list says so instead.
    await page.waitForFunction(() => document.querySelectorAll('#gap-list li').length === 0 && /private|riêng/.test(document.querySelector('#gaps').textContent), null, { timeout: 60000 });
    await page.screenshot({ path: join(RESULTS, 'private-network.png') });
    const prev2 = await page.evaluate(() => window.__phusong.lastJob.jobId);
    await page.selectOption('#carrier', 'lte1800');
    await page.waitForFunction((id) => window.__phusong.lastJob?.jobId !== id, prev2, { timeout: 120000 });
    await page.waitForFunction(() => document.querySelectorAll('#gap-list li').length > 0, null, { timeout: 60000 });
  }],
  ['planner: place a site by click, drag it (layer changes while dragging), edit its azimuth (wedge and layer turn)', async () => {
    const page = main.page;
    const app = () => page.evaluate(() => ({ n: window.__phusong.scenario().sites.length, sel: window.__phusong.selected, job: window.__phusong.lastJob?.jobId, seq: window.__phusong.coverageSeq }));
    const before = await app();
    // an empty spot between sites: the point of the Trà Vinh commune farthest from every site, on a coarse lattice
    const spot = await page.evaluate(() => {
      const d = window.__phusong;
      const sites = d.scenario().sites;
      const m = d.map;
      m.jumpTo({ center: [106.30, 9.95], zoom: 12 });
      let best = null;
      for (let i = 0; i <= 10; i++) for (let j = 0; j <= 10; j++) {
        const lon = 106.25 + i * 0.01, lat = 9.90 + j * 0.01;
        const v = d.layerAt('rsrp', lon, lat);
        if (Number.isNaN(v) && !d.communeStats) continue;
        const near = Math.min(...sites.map((x) => Math.hypot((x.lonDeg - lon) * 109.6, (x.latDeg - lat) * 110.6)));
        if (!Number.isNaN(v) && (!best || near > best.near)) best = { lon, lat, near, v };
      }
      m.jumpTo({ center: [best.lon, best.lat], zoom: 13 });
      return best;
    });
    await page.waitForTimeout(400);
    await page.check('#template-picker input[value="macro-lte1800-nr3500"]');
    const box = await page.locator('#map').boundingBox();
    const px = await page.evaluate(({ lon, lat }) => window.__phusong.map.project([lon, lat]), spot);
    await page.mouse.click(box.x + px.x, box.y + px.y);
    await page.waitForFunction((n) => window.__phusong.scenario().sites.length === n + 1, before.n, { timeout: 10000 });
    // an added site is merged into the layers (its footprint only), not a full recompute
    await page.waitForFunction((q) => window.__phusong.coverageSeq > q, before.seq, { timeout: 120000 });
    const merge = await page.evaluate(() => window.__phusong.lastEdit);
    assert(merge?.incremental && merge.kind === 'add' && before.job === (await page.evaluate(() => window.__phusong.lastJob?.jobId)), `placement was not merged: ${JSON.stringify(merge)}`);
    const placed = await app();
    const newId = placed.sel[0];
    const atSite = await page.evaluate(({ lon, lat }) => window.__phusong.layerAt('rsrp', lon, lat), spot);
    assert(placed.sel.length === 1 && /^M\d+/.test(newId) && atSite > spot.v + 10, `placed ${newId}: RSRP ${spot.v} → ${atSite}`);
    // the status no longer says the coverage is being computed
    await page.waitForFunction((id) => document.querySelector('#scenario-status').textContent === `Đã đặt trạm ${id}; vùng phủ đã cập nhật.`, newId, { timeout: 10000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(RESULTS, 'planner-placed.png') });
    // drag it 60 px east: the layer at the new place changes while the mouse is still down
    const p0 = await page.evaluate((id) => window.__phusong.sitePixel(id), newId);
    const probe = await page.evaluate(([x, y]) => { const ll = window.__phusong.map.unproject([x + 60, y]); return { lon: ll.lng, lat: ll.lat, v: window.__phusong.layerAt('rsrp', ll.lng, ll.lat) }; }, p0);
    await page.mouse.move(box.x + p0[0], box.y + p0[1]);
    await page.mouse.down();
    for (let k = 1; k <= 12; k++) {
      await page.mouse.move(box.x + p0[0] + 5 * k, box.y + p0[1]);
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(1500);
    const during = await page.evaluate(({ lon, lat }) => window.__phusong.layerAt('rsrp', lon, lat), probe);
    await page.mouse.up();
    await page.waitForFunction((id) => window.__phusong.lastDrag?.site === id, newId, { timeout: 60000 });
    assert(during > probe.v + 3, `layer under the dragged site did not change during the drag: ${probe.v} → ${during}`);
    // azimuth of sector 1: 0° → 90°; its wedge turns and the layer east of the site rises
    const site = await page.evaluate((id) => window.__phusong.scenario().sites.find((x) => x.id === id), newId);
    const sec0 = site.sectors[0];
    const target = (sec0.azimuthDeg + 60) % 360;
    const probes = await page.evaluate(({ site, az, target }) => {
      const d = window.__phusong;
      const at = (bearing) => {
        const r = 700, b = (bearing * Math.PI) / 180;
        const lon = site.lonDeg + (r * Math.sin(b)) / (111320 * Math.cos((site.latDeg * Math.PI) / 180)), lat = site.latDeg + (r * Math.cos(b)) / 110574;
        return { lon, lat, v: d.layerAt('rsrp', lon, lat) };
      };
      // the NR sector of the same azimuth would mask the LTE one on the LTE layer? no: layers are per carrier (shown: LTE)
      return { newDir: at(target), between: at((az + target) / 2) };
    }, { site, az: sec0.azimuthDeg, target });
    const sel = `#site-editor [data-field="azimuthDeg"][data-sector="0"]`;
    await page.fill(sel, String(target));
    await page.press(sel, 'Enter');
    await page.waitForFunction(({ id, target }) => window.__phusong.scenario().sites.find((x) => x.id === id).sectors[0].azimuthDeg === target, { id: newId, target }, { timeout: 10000 });
    await page.waitForFunction((id) => window.__phusong.lastEdit?.site === id && window.__phusong.lastEdit.incremental, newId, { timeout: 60000 });
    await page.waitForTimeout(500);
    const after = await page.evaluate(({ id, pts }) => {
      const d = window.__phusong;
      const w = d.map.getSource('wedges').serialize().data.features.filter((f) => f.properties.siteId === id);
      return { wedgeAz: w.map((f) => f.properties.azimuthDeg), newDir: d.layerAt('rsrp', pts.newDir.lon, pts.newDir.lat) };
    }, { id: newId, pts: probes });
    assert(after.wedgeAz[0] === target, `wedge azimuth: ${after.wedgeAz}`);
    assert(after.newDir > probes.newDir.v + 1, `RSRP in the new boresight direction did not rise: ${probes.newDir.v} → ${after.newDir}`);
    await page.screenshot({ path: join(RESULTS, 'planner-azimuth.png') });
  }],
  ['planner: undo and redo restore the exact states; a reload brings the last state back', async () => {
    const page = main.page;
    const snap = () => page.evaluate(() => JSON.stringify(window.__phusong.scenario()));
    const s2 = await snap();
    await page.click('#map', { position: { x: 5, y: 5 } }).catch(() => {});
    await page.keyboard.press('Control+z'); // the azimuth edit
    await page.waitForFunction((s) => JSON.stringify(window.__phusong.scenario()) !== s, s2);
    const s1 = await snap();
    await page.keyboard.press('Control+z'); // the drag
    await page.waitForFunction((s) => JSON.stringify(window.__phusong.scenario()) !== s, s1);
    const s0 = await snap();
    await page.keyboard.press('Control+y');
    await page.waitForFunction((s) => JSON.stringify(window.__phusong.scenario()) !== s, s0);
    assert(await snap() === s1, 'redo did not restore the state after the drag');
    await page.click('#redo');
    await page.waitForFunction((s) => JSON.stringify(window.__phusong.scenario()) === s, s2, { timeout: 10000 });
    await page.click('#undo');
    await page.waitForFunction((s) => JSON.stringify(window.__phusong.scenario()) === s, s1, { timeout: 10000 });
    const az = JSON.parse(s1);
    const az2 = JSON.parse(s2);
    assert(JSON.stringify(az.sites.map((x) => x.id)) === JSON.stringify(az2.sites.map((x) => x.id)), 'undo changed the site list');
    // wait for the coverage of the undone state, then reload: the same scenario comes back
    await page.waitForFunction(() => window.__phusong.lastEdit && document.querySelector('#status').textContent.length > 0, null, { timeout: 60000 });
    await page.waitForTimeout(800); // the autosave debounce (300 ms)
    await page.reload();
    await page.waitForFunction(() => window.__phusong?.ready === true, null, { timeout: 60000 });
    const restored = await snap();
    const note = await page.locator('#scenario-status').textContent();
    assert(restored === s1, `reload: scenario differs (${restored.length} vs ${s1.length} chars)`);
    assert(/khôi phục/.test(note), `restore note: ${note}`);
    await waitForJob(page);
    await page.waitForFunction(() => window.__phusong.communeStats?.communes.length === 124, null, { timeout: 90000 });
  }],
  ['planner: a CSV with one bad row: the preview names row and column; import adds exactly the valid rows; cancel adds none', async () => {
    const page = main.page;
    const file = join(ROOT, 'data', 'examples', 'sites-with-errors.csv');
    const n0 = await page.evaluate(() => window.__phusong.scenario().sites.length);
    await page.setInputFiles('#import-sites', file);
    await page.waitForSelector('dialog[open]', { timeout: 10000 });
    const text = await page.locator('dialog[open]').textContent();
    assert(/4/.test(text) && /azimuth_deg/.test(text), `preview: ${text.slice(0, 300)}`);
    await page.screenshot({ path: join(RESULTS, 'import-preview.png') });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    await page.waitForTimeout(300);
    assert(await page.evaluate(() => window.__phusong.scenario().sites.length) === n0, 'cancel added sites');
    await page.setInputFiles('#import-sites', []);
    await page.setInputFiles('#import-sites', file);
    await page.waitForSelector('dialog[open]', { timeout: 10000 });
    const expected = await page.evaluate(() => window.__phusong.importPreview);
    // expected by hand from the file: every site but the one whose row has azimuth_deg = 400
    const [head, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
    const col = (name) => head.indexOf(name);
    const bad = new Set(rows.filter((r) => Number(r[col('azimuth_deg')]) >= 360).map((r) => r[col('site_id')]));
    const csvSites = new Set(rows.map((r) => r[col('site_id')]).filter((id) => !bad.has(id)));
    const seq = await page.evaluate(() => window.__phusong.coverageSeq);
    await page.click('dialog[open] button.imp-import');
    await page.waitForFunction((n) => window.__phusong.scenario().sites.length > n, n0, { timeout: 10000 });
    const ids = await page.evaluate((n) => window.__phusong.scenario().sites.slice(n).map((x) => x.id), n0);
    assert(bad.size === 1 && ids.length === csvSites.size && ids.every((id) => csvSites.has(id)), `imported: ${ids}; expected ${[...csvSites]} (preview ${JSON.stringify(expected)})`);
    await page.waitForFunction((q) => window.__phusong.coverageSeq > q, seq, { timeout: 120000 });
    // by keyboard: focus a template, Space picks it, Enter places the site at the map centre
    const n1 = await page.evaluate(() => window.__phusong.scenario().sites.length);
    await page.evaluate(() => window.__phusong.map.jumpTo({ center: [106.0, 10.1], zoom: 11 }));
    await page.focus('#template-picker input[value="small-cell-lte1800"]');
    await page.keyboard.press('Space');
    const seq2 = await page.evaluate(() => window.__phusong.coverageSeq);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => window.__phusong.scenario().sites.length === n + 1, n1, { timeout: 10000 });
    const kb = await page.evaluate(() => window.__phusong.scenario().sites.at(-1));
    assert(Math.abs(kb.lonDeg - 106.0) < 1e-5 && Math.abs(kb.latDeg - 10.1) < 1e-5 && kb.kind === 'small-cell', `keyboard placement: ${JSON.stringify([kb.id, kb.lonDeg, kb.latDeg, kb.kind])}`);
    await page.waitForFunction((q) => window.__phusong.coverageSeq > q, seq2, { timeout: 120000 });
  }],
  ['English and back: no untranslated string; the hover readout\u2019s terms add up to the RSRP it shows', async () => {
    const page = main.page;
    await page.selectOption('#lang', 'en');
    await page.waitForTimeout(300);
    const leftovers = await page.evaluate(() => {
      const d = window.__phusong.dictionaries;
      const names = new Set([...window.__phusong.communeNames, ...window.__phusong.scenario().sites.flatMap((x) => [x.name, x.id]), ...window.__phusong.scenario().privateNetworks.map((n) => n.name)]);
      // Vietnamese fragments of the dictionary (between placeholders) that English does not share: with a
      // Vietnamese letter (ASCII-only fragments such as "cell" are English words too).
      const viOnly = Object.keys(d.vi).filter((k) => d.vi[k] !== d.en[k]).flatMap((k) => d.vi[k].split(/\{[a-z0-9]+\}/i)).map((x) => x.trim()).filter((x) => x.length >= 4 && /[À-ỹĐđ]/.test(x) && !Object.values(d.en).some((e) => e.includes(x)));
      const texts = [];
      const walk = document.createTreeWalker(document.getElementById('panel'), NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('[hidden], option:not(:checked), #report, .maplibregl-ctrl-attrib')) continue;
        const v = n.textContent.trim();
        if (v) texts.push(v);
      }
      for (const el of document.querySelectorAll('#panel [placeholder], #panel [aria-label], #panel [title]')) for (const a of ['placeholder', 'aria-label', 'title']) if (el.getAttribute(a)) texts.push(el.getAttribute(a));
      const legend = document.getElementById('legend').textContent;
      texts.push(legend);
      return texts.filter((x) => !names.has(x) && viOnly.some((v) => x.includes(v)));
    });
    assert(leftovers.length === 0, `Vietnamese left in the English UI: ${leftovers.slice(0, 5).join(' | ')}`);
    await page.screenshot({ path: join(RESULTS, 'english.png') });
    // hover the map: the readout shows the best server's budget; its terms add up to its RSRP
    const box = await page.locator('#map').boundingBox();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20);
    await page.waitForFunction(() => document.querySelector('#readout td[data-term="rsrp"]'), null, { timeout: 10000 });
    const terms = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#readout td[data-term]')].map((td) => [td.dataset.term, Number(td.dataset.value)])));
    const sum = terms.pRe + terms.gain + terms.feeder + terms.pathLoss + terms.clutter;
    assert(Math.abs(sum - terms.rsrp) < 1e-9 && Math.abs(terms.rsrp + terms.bel - terms.indoor) < 1e-9, `readout terms: ${JSON.stringify(terms)}, sum ${sum}`);
    const shown = await page.evaluate(() => document.querySelector('#readout td[data-term="rsrp"]').textContent);
    assert(Math.abs(Number.parseFloat(shown.replace(',', '.')) - terms.rsrp) < 0.051, `shown RSRP ${shown} vs ${terms.rsrp}`);
    // the readout is the map's value at that cell
    const map = await page.evaluate(() => { const r = window.__phusong.readout; const ll = window.__phusong.map.unproject([0, 0]); void ll; return { r: r.servers[0].rsrpDbm, x: r.xM, y: r.yM }; });
    assert(Number.isFinite(map.r), 'no readout');
    await page.screenshot({ path: join(RESULTS, 'readout.png') });
    await page.selectOption('#lang', 'vi');
    await page.waitForTimeout(300);
    const back = await page.locator('#panel h2').first().textContent();
    assert(/Vùng phủ/i.test(back), `back to Vietnamese: ${back}`);
  }],
  ['histogram and CDF of the layer; point-to-point check with every model and a budget that adds up; a share link opens the same scenario', async () => {
    const page = main.page;
    await page.selectOption('#dist-area', '-1');
    await page.waitForFunction(() => window.__phusong.distribution?.area === -1 && window.__phusong.distribution.layer === 'rsrp' && window.__phusong.communeStats, null, { timeout: 60000 });
    const dd = await page.evaluate(() => ({ d: window.__phusong.distribution, p: window.__phusong.communeStats.province }));
    // same cells as the province statistics; the CDF at −110 dBm (end of bin [−112, −110)) = 1 − share(RSRP ≥ −110)
    const share110 = dd.p.thresholds.find((x) => x.threshold === -110).share;
    assert(dd.d.cells === dd.p.cells && Math.abs(dd.d.noService - Math.round(dd.p.cells * (1 - dd.p.servedShare))) <= 1, `distribution cells: ${dd.d.cells} vs ${dd.p.cells}`);
    assert(Math.abs(dd.d.cdf[(-110 + 140) / 2 - 1] - (1 - share110)) < 1e-9, `CDF at −110: ${dd.d.cdf[14]} vs ${1 - share110}`);
    await page.locator('#distribution').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'distribution.png') });
    // point-to-point: the site nearest the map centre, a point 80 px east
    await page.click('#p2p-start');
    const pick = await page.evaluate(() => {
      const app = window.__phusong;
      const c = app.map.getCanvas().getBoundingClientRect();
      let best = null;
      for (const s of app.scenario().sites) {
        const p = app.sitePixel(s.id);
        const d = Math.hypot(p[0] - c.width / 2, p[1] - c.height / 2);
        if (!best || d < best.d) best = { id: s.id, x: p[0] + c.left, y: p[1] + c.top, d };
      }
      return best;
    });
    await page.mouse.click(pick.x, pick.y);
    await page.mouse.click(pick.x + 80, pick.y + 10);
    await page.waitForFunction((id) => window.__phusong.p2p?.siteId === id, pick.id, { timeout: 10000 });
    const r = await page.evaluate(() => {
      const r = window.__phusong.p2p;
      const carrier = window.__phusong.scenario().carriers.find((c) => c.id === r.carrierId);
      const terms = Object.fromEntries([...document.querySelectorAll('#p2p td[data-term]')].map((td) => [td.dataset.term, Number(td.dataset.value)]));
      const models = [...document.querySelectorAll('#p2p td[data-model]')].map((td) => [td.dataset.model, Number(td.dataset.value)]);
      return { r, f: carrier.freqMHz, terms, models };
    });
    const sum = Object.entries(r.terms).filter(([k]) => k !== 'rsrp').reduce((a, [, v]) => a + v, 0);
    assert(Math.abs(sum - r.terms.rsrp) < 1e-9 && Math.abs(r.terms.rsrp - r.r.budget.rsrpDbm) < 1e-9, `p2p budget: ${JSON.stringify(r.terms)}`);
    // free space by hand: 32.45 + 20 log10(f / MHz) + 20 log10(d3d / km)
    const fspl = 32.45 + 20 * Math.log10(r.f) + 20 * Math.log10(r.r.distance3dM / 1000);
    const fsplRow = r.models.find(([id]) => id === 'fspl');
    assert(r.models.length >= 6 && fsplRow && Math.abs(fsplRow[1] - fspl) < 0.01, `models: ${JSON.stringify(r.models)}; FSPL by hand ${fspl}`);
    assert(r.r.distanceM > 100 && Math.abs(r.r.distanceM / r.r.geodesicDistanceM - 1) < 0.002, `distances: ${r.r.distanceM} / ${r.r.geodesicDistanceM}`);
    await page.locator('#p2p').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'p2p.png') });
    // share link: the whole sample is too long for a link (the message says how many sites fit);
    // with two sites selected, the link carries those two, and a new page opens them
    await page.evaluate(() => window.__phusong.selectSites([]));
    await page.click('#share-link');
    await page.waitForFunction(() => /characters|ký tự/.test(document.querySelector('#scenario-status').textContent), null, { timeout: 10000 });
    const tooLong = await page.locator('#scenario-status').textContent();
    assert(/\d+ (trong|of the) \d+/.test(tooLong) && /Shift/.test(tooLong), `share of the whole sample: ${tooLong}`);
    const two = await page.evaluate(() => window.__phusong.scenario().sites.slice(0, 2).map((x) => x.id));
    await page.evaluate((ids) => window.__phusong.selectSites(ids), two);
    await page.click('#share-link');
    await page.waitForFunction(() => /#s=/.test(document.querySelector('#share-url').value), null, { timeout: 10000 });
    const link = await page.inputValue('#share-url');
    const want = await page.evaluate((ids) => window.__phusong.scenario().sites.filter((x) => ids.includes(x.id)).map((x) => [x.id, x.lonDeg, x.latDeg, x.sectors.map((k) => k.azimuthDeg)]), two);
    const p2 = await openPage(ctx, link.replace(/^[^?#]*/, `${url}`).replace(url + '#', `${url}?autosave=off#`));
    await p2.page.waitForFunction(() => window.__phusong?.ready === true, null, { timeout: 60000 });
    const got = await p2.page.evaluate(() => window.__phusong.scenario().sites.map((x) => [x.id, x.lonDeg, x.latDeg, x.sectors.map((k) => k.azimuthDeg)]));
    const note = await p2.page.locator('#scenario-status').textContent();
    // the link opened on top of the previous work as one undo step, and left the address bar
    const after = await p2.page.evaluate(() => ({ hash: location.hash, undo: !document.querySelector('#undo').disabled }));
    await p2.page.close();
    assert(after.hash === '' && after.undo, `after opening a link: ${JSON.stringify(after)}`);
    assert(want.length === 2 && JSON.stringify(got) === JSON.stringify(want), `shared scenario differs: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
    assert(/liên kết chia sẻ \(2 trạm\)/.test(note), `shared note: ${note}`);
  }],
  ['scenario file: saved as JSON, opened back as one undoable step; a broken file is named and changes nothing', async () => {
    const page = main.page;
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#save-scenario')]);
    const saved = JSON.parse(readFileSync(await dl.path(), 'utf8'));
    const now = await page.evaluate(() => window.__phusong.scenario());
    assert(JSON.stringify(saved) === JSON.stringify(now) && saved.schemaVersion >= 1, 'saved scenario differs from the app state');
    const before = JSON.stringify(now);
    await page.setInputFiles('#open-scenario', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"schemaVersion": 1, "sites": [') });
    await page.waitForFunction(() => /broken\.json/.test(document.querySelector('#scenario-status').textContent), null, { timeout: 10000 });
    assert(await page.evaluate(() => JSON.stringify(window.__phusong.scenario())) === before, 'a broken file changed the scenario');
    const smaller = { ...saved, sites: saved.sites.slice(1) };
    const seq = await page.evaluate(() => window.__phusong.coverageSeq);
    await page.setInputFiles('#open-scenario', { name: 'smaller.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(smaller)) });
    await page.waitForFunction((n) => window.__phusong.scenario().sites.length === n, smaller.sites.length, { timeout: 10000 });
    await page.waitForFunction((q) => window.__phusong.coverageSeq > q, seq, { timeout: 120000 });
    // one site fewer: merged (that site's footprint only), and the map equals a full recompute
    const removal = await page.evaluate(() => window.__phusong.lastEdit);
    assert(removal?.incremental && removal.kind === 'remove', `removal was not merged: ${JSON.stringify(removal)}`);
    const cmp = await page.evaluate(() => window.__phusong.compareWithFullRecompute());
    assert(cmp.compared > 1e5 && cmp.maxAbsDiffDb < 1e-6 && cmp.mismatches === 0, `merged removal vs full recompute: ${JSON.stringify(cmp)}`);
    const seq2 = await page.evaluate(() => window.__phusong.coverageSeq);
    await page.click('#undo');
    await page.waitForFunction((b) => JSON.stringify(window.__phusong.scenario()) === b, before, { timeout: 10000 });
    await page.waitForFunction((q) => window.__phusong.coverageSeq > q, seq2, { timeout: 120000 });
  }],
  ['sector editor: a new carrier (band, frequency, SCS, bandwidth) refused at the field when wrong, added with its sector as one undoable step', async () => {
    const page = main.page;
    const before = await page.evaluate(() => window.__phusong.scenario());
    const site = before.sites[0];
    await page.evaluate((id) => window.__phusong.selectSites([id]), site.id);
    const form = page.locator('#site-editor details.se-new-carrier').nth(1);
    await form.locator('summary').click();
    await form.locator('select[id$="-nc-band"]').selectOption('B7');
    await form.locator('input[id$="-nc-freqMHz"]').fill('2.655');
    await form.locator('button[id$="-nc-add"]').click();
    const err = await form.locator('[id$="-nc-freqMHz-err"]').textContent();
    assert(/2655 MHz/.test(err), `GHz frequency not named at the field: ${err}`);
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'new-carrier.png') });
    assert(await page.evaluate((n) => window.__phusong.scenario().carriers.length === n, before.carriers.length), 'a refused carrier was added');
    await form.locator('input[id$="-nc-freqMHz"]').fill('2655');
    const job = await page.evaluate(() => window.__phusong.lastJob.jobId);
    await form.locator('button[id$="-nc-add"]').click();
    await page.waitForFunction((n) => window.__phusong.scenario().carriers.length === n + 1, before.carriers.length, { timeout: 10000 });
    const now = await page.evaluate(() => window.__phusong.scenario());
    const added = now.carriers[now.carriers.length - 1];
    assert(added.band === 'B7' && added.freqMHz === 2655 && added.bandwidthMHz === 20 && added.scsKHz === 15 && added.tech === 'LTE', `carrier: ${JSON.stringify(added)}`);
    const sec = now.sites.find((x) => x.id === site.id).sectors[1];
    assert(sec.carrierId === added.id, `sector carrier: ${sec.carrierId}`);
    const options = await page.locator('#carrier option').evaluateAll((os) => os.map((o) => o.value));
    assert(options.includes(added.id), `coverage carrier list: ${options}`);
    await page.waitForFunction((j) => window.__phusong.lastJob.jobId !== j, job, { timeout: 120000 });
    await page.click('#undo');
    await page.waitForFunction((b) => JSON.stringify(window.__phusong.scenario()) === b, JSON.stringify(before), { timeout: 10000 });
    const job2 = await page.evaluate(() => window.__phusong.lastJob.jobId);
    await page.waitForFunction((j) => window.__phusong.lastJob.jobId !== j, job2, { timeout: 120000 });
  }],
  ['legend classes are editable per layer: refused when not ascending, the legend and the map follow, Default restores', async () => {
    const page = main.page;
    await page.evaluate(() => window.__phusong.map.fitBounds([[105.681642, 9.527162], [106.791831, 10.34014]], { padding: 20, duration: 0 }));
    const rows = () => page.$$eval('#legend .legend-row[data-min]', (r) => r.map((x) => x.dataset.min));
    const before = await rows();
    await page.fill('#legend-edges', '-100; -110');
    await page.dispatchEvent('#legend-edges', 'change');
    assert(await page.isVisible('#legend-edges-error') && (await rows()).length === before.length, 'descending edges accepted');
    await page.fill('#legend-edges', '-115; -105; -95');
    await page.dispatchEvent('#legend-edges', 'change');
    await page.waitForFunction(() => document.querySelectorAll('#legend .legend-row[data-min]').length === 4, null, { timeout: 10000 });
    const after = await rows();
    assert(JSON.stringify(after) === JSON.stringify(['-95', '-105', '-115', '-Infinity']), `legend rows: ${after}`);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(RESULTS, 'legend-edges.png') });
    await page.click('#legend-edges-reset');
    await page.waitForFunction((n) => document.querySelectorAll('#legend .legend-row[data-min]').length === n, before.length, { timeout: 10000 });
    assert((await page.inputValue('#legend-edges')) === '-130; -120; -110; -100; -90; -80', `default edges: ${await page.inputValue('#legend-edges')}`);
  }],
  ['layer switch shows the 26 pre-2025 districts', async () => {
    await main.page.locator('input[name=boundary][value=districts]').check();
    await main.page.waitForTimeout(500);
    const st = await main.page.evaluate(async () => {
      const m = window.__phusong.map;
      const d = await m.getSource('districts').getData();
      return { n: d.features.length, vis: m.getLayoutProperty('districts-line', 'visibility'), cvis: m.getLayoutProperty('communes-line', 'visibility') };
    });
    await main.page.screenshot({ path: join(RESULTS, 'districts.png') });
    assert(st.n === 26 && st.vis === 'visible' && st.cvis === 'none', JSON.stringify(st));
    await main.page.locator('input[name=boundary][value=communes]').check();
  }],
  ['a cancelled job never reaches the map', async () => {
    const r = await main.page.evaluate(async () => {
      const app = window.__phusong;
      const before = app.lastJob.jobId;
      document.querySelector('#compute').click();
      await new Promise((res) => setTimeout(res, 50));
      document.querySelector('#cancel').click();
      await new Promise((res) => setTimeout(res, 3000));
      return { before, after: app.lastJob.jobId, status: document.querySelector('#status').textContent };
    });
    assert(r.before === r.after, `a cancelled job was recorded as finished: ${JSON.stringify(r)}`);
    assert(/Đã hủy|Cancelled/.test(r.status), `status: ${r.status}`);
  }],
  ['corrupt, empty and missing boundary files are named with the reason', async () => {
    const cases = [
      ['{"type":"FeatureCollection","features":[', 'not valid JSON'],
      ['', 'the file is empty'],
      [null, 'file not found'],
    ];
    for (const [body, expected] of cases) {
      const p = await openPage(ctx, `${url}?autosave=off`, { routes: [['**/vinh-long-communes-2025.geojson', (route) => (body === null ? route.fulfill({ status: 404, body: 'not found' }) : route.fulfill({ status: 200, body, contentType: 'application/json' }))]] });
      await p.page.waitForSelector('#dropzone:not([hidden])', { timeout: 30000 });
      const text = await p.page.locator('#errors').textContent();
      const dz = await p.page.locator('#dropzone').textContent();
      assert(text.includes('vinh-long-communes-2025.geojson') && text.includes(expected), `error text: ${text}`);
      assert(dz.includes('vinh-long-communes-2025.geojson'), `drop zone: ${dz}`);
      if (expected === 'not valid JSON') await p.page.screenshot({ path: join(RESULTS, 'boundary-error.png') });
      await p.page.close();
    }
  }],
  ['a user boundary file can be dropped in instead, with a chosen name property', async () => {
    const p = await openPage(ctx, `${url}?autosave=off`, { routes: [['**/vinh-long-communes-2025.geojson', (route) => route.fulfill({ status: 404, body: '' })]] });
    await p.page.waitForSelector('#dropzone:not([hidden])');
    const sq = (x, y) => [[[x, y], [x + 0.05, y], [x + 0.05, y + 0.05], [x, y + 0.05], [x, y]]];
    const fc = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { ten: 'Khu thử A (synthetic)', ma: 1 }, geometry: { type: 'Polygon', coordinates: sq(105.95, 10.2) } },
      { type: 'Feature', properties: { ten: 'Khu thử B (synthetic)', ma: 2 }, geometry: { type: 'Polygon', coordinates: sq(106.0, 10.2) } },
    ] };
    const file = join(RESULTS, 'synthetic-boundary.geojson');
    writeFileSync(file, JSON.stringify(fc));
    await p.page.setInputFiles('#dz-file', file);
    await p.page.waitForSelector('#dz-choose:not([hidden])');
    await p.page.selectOption('#dz-prop', 'ten');
    await p.page.click('#dz-use');
    await p.page.waitForFunction(() => window.__phusong.communeNames.length === 2);
    const names = await p.page.evaluate(() => window.__phusong.communeNames);
    assert(names.join('|') === 'Khu thử A (synthetic)|Khu thử B (synthetic)', `names: ${names}`);
    await p.page.close();
  }],
  ['invalid scenario sites are named by site and field; the rest load', async () => {
    const original = JSON.parse(readFileSync(join(ROOT, 'data', 'scenarios', 'sample-network.json'), 'utf8'));
    const s = structuredClone(original);
    const [a, b, c] = s.sites;
    delete a.latDeg;
    [b.latDeg, b.lonDeg] = [b.lonDeg, b.latDeg];
    c.lonDeg = 104.2; c.latDeg = 11.9; // Phnom Penh area, outside the province
    const p = await openPage(ctx, `${url}?autosave=off`, { routes: [['**/sample-network.json', (route) => route.fulfill({ status: 200, body: JSON.stringify(s), contentType: 'application/json' })]] });
    await p.page.waitForFunction(() => window.__phusong?.ready === true, null, { timeout: 60000 });
    const errors = await p.page.evaluate(() => window.__phusong.errors);
    const summary = await p.page.locator('#network-summary').textContent();
    assert(errors.some((e) => e.includes(`site ${a.id}`) && e.includes('latDeg')), `no error for ${a.id}: ${errors}`);
    assert(errors.some((e) => e.includes(`site ${b.id}`) && /swapped/.test(e)), `no swap error for ${b.id}: ${errors}`);
    assert(errors.some((e) => e.includes(`site ${c.id}`) && e.includes('outside the province')), `no outside error for ${c.id}: ${errors}`);
    assert(summary.includes(`${original.sites.length - 3} trạm`), `summary: ${summary}`);
    await p.page.screenshot({ path: join(RESULTS, 'scenario-errors.png') });
    await p.page.close();
  }],
];

const failed = await run(tests);
await browser.close();
await server.close();
process.exit(failed ? 1 : 0);
