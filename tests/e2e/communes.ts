/** Officials' journeys: the commune table, its exports, the report, thresholds, and the export bundle (the same as the command line's). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { fromArrayBuffer } from 'geotiff';
import { assert, idle, openApp, ROOT, shot, type Journey } from './harness.ts';
import { EXPECTED_NAMES } from './load.ts';

const fold = (n: string) => n.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const FRAME: [[number, number], [number, number]] = [[105.681642, 9.527162], [106.791831, 10.34014]];

/** best-server.tif values, row-major. */
async function serverRaster(bytes: Uint8Array): Promise<{ width: number; values: Int32Array }> {
  const tiff = await fromArrayBuffer(bytes.slice().buffer);
  const img = await tiff.getImage();
  const [band] = (await img.readRasters()) as unknown as Int32Array[];
  return { width: img.getWidth(), values: Int32Array.from(band) };
}

/** sectors.csv: value → "site/sector/carrier". */
function sectorTable(text: string): Map<number, string> {
  const [head, ...rows] = text.trim().split('\n');
  assert(head === 'value,site_id,sector_id,carrier_id', `sectors.csv header: ${head}`);
  return new Map(rows.map((r) => {
    const [v, site, sector, carrier] = r.split(',');
    return [Number(v), `${site}/${sector}/${carrier}`];
  }));
}

export const communeJourneys: Journey[] = [
  {
    name: 'commune table: sorts, finds without diacritics, zooms to a row (details, histogram, its gaps); CSV / GeoJSON parse; the report prints',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=200');
      const firstCol = () => page.$$eval('#commune-table tbody tr', (rows) => rows.map((r) => r.children[0].textContent ?? ''));
      const shareCol = () => page.$$eval('#commune-table tbody tr', (rows) => rows.map((r) => Number.parseFloat((r.children[2].textContent ?? '').replace(',', '.'))));
      let shares = await shareCol();
      assert(shares.length === 124 && shares.every((v, i) => i === 0 || v >= shares[i - 1]), `not ascending: ${shares.slice(0, 5)}`);
      await page.click('#commune-table th[data-key="share:-110"]');
      shares = await shareCol();
      assert(shares.every((v, i) => i === 0 || v <= shares[i - 1]), 'not descending after a header click');
      await page.click('#commune-table th[data-key="name"]');
      const names = await firstCol();
      assert(JSON.stringify(names) === JSON.stringify([...names].sort((a, b) => a.localeCompare(b, 'vi'))), 'names not sorted');
      // Rows found by their own name carry no note; rows found through a former unit (crosswalk)
      // say which one, and that unit's name has the query in it.
      const rowsOf = () => page.$$eval('#commune-table tbody tr', (rows) => rows.map((r) => ({ name: (r.children[0].firstChild?.textContent ?? '').trim(), via: r.children[0].querySelector('.via')?.textContent ?? '' })));
      await page.fill('#commune-search', 'vinh');
      const vinh = await rowsOf();
      const direct = vinh.filter((r) => !r.via).map((r) => r.name);
      const expectedVinh = EXPECTED_NAMES.filter((n) => fold(n).includes('vinh'));
      assert(direct.length === expectedVinh.length && expectedVinh.every((n) => direct.includes(n)), `search "vinh" by name: ${direct} (expected ${expectedVinh})`);
      assert(vinh.every((r) => !r.via || (fold(r.via).includes('vinh') && !fold(r.name).includes('vinh'))), `search "vinh" through former units: ${JSON.stringify(vinh.filter((r) => r.via))}`);
      await page.fill('#commune-search', 'tra vinh');
      const tv = await rowsOf();
      const found = tv.filter((r) => !r.via).map((r) => r.name);
      assert(found.length === 1 && found[0] === 'Trà Vinh' && tv.every((r) => !r.via || fold(r.via).includes('tra vinh')), `search "tra vinh": ${JSON.stringify(tv)}`);
      const zoomBefore = await page.evaluate(() => window.__phusong.map.getZoom());
      await page.locator('#commune-table tbody tr', { hasNot: page.locator('.via') }).first().click();
      const z = await page.evaluate(() => ({ zoom: window.__phusong.map.getZoom(), name: window.__phusong.zoomedCommune, info: document.querySelector('#feature-info')!.textContent ?? '' }));
      assert(z.zoom > zoomBefore + 1 && z.name === found[0] && z.info.includes(found[0]), `row click: ${JSON.stringify(z)} (zoom before ${zoomBefore})`);
      await idle(page);
      await page.waitForFunction(() => window.__phusong.histogramCells! > 0 && document.querySelector('#commune-histogram') && document.querySelector('#commune-gaps'), null, { timeout: 30000 });
      const hist = await page.evaluate(() => ({ bars: document.querySelectorAll('#commune-histogram rect').length, cells: window.__phusong.histogramCells, stats: window.__phusong.communeStats!.communes.find((c) => c.name === 'Trà Vinh')!.cells }));
      assert(hist.bars > 5 && hist.cells === hist.stats, `histogram: ${JSON.stringify(hist)}`);
      // its worst gaps: exactly the province's gaps that touch Trà Vinh
      const cg = await page.evaluate(() => ({
        shown: window.__phusong.communeGaps, items: document.querySelectorAll('#commune-gap-list li').length,
        expected: window.__phusong.gapCollection!.features.filter((f) => f.properties.communes.split('; ').includes('Trà Vinh')).length,
      }));
      assert(cg.shown === cg.expected && cg.items === Math.min(5, cg.expected), `commune gaps: ${JSON.stringify(cg)}`);
      const tot = await page.evaluate(() => ({ row: document.querySelector('#province-total')?.textContent ?? '', s: window.__phusong.communeStats! }));
      const sumKm2 = tot.s.communes.reduce((a, c) => a + c.areaKm2, 0);
      assert(/Toàn tỉnh/.test(tot.row) && Math.abs(tot.s.province.areaKm2 / sumKm2 - 1) < 1e-9, `province row: ${tot.row}`);
      await shot(page, 'commune-table.png');
      await page.fill('#commune-search', '');
      const gaps = await page.evaluate(() => ({ n: window.__phusong.gaps, items: document.querySelectorAll('#gap-list li').length, drawn: window.__phusong.map.querySourceFeatures('gaps').length }));
      assert(gaps.n! > 0 && gaps.items === Math.min(10, gaps.n!), `gaps: ${JSON.stringify(gaps)}`);
      await page.evaluate((f) => window.__phusong.map.fitBounds(f, { padding: 20, duration: 0 }), FRAME);
      await page.selectOption('#choropleth', 'share:-110');
      await page.waitForTimeout(800);
      const legend = (await page.locator('#legend').textContent())!;
      assert(/Tỷ lệ diện tích/.test(legend), `choropleth legend: ${legend}`);
      const states = await page.evaluate(() => {
        const m = window.__phusong.map;
        const feats = window.__phusong.store.get().boundaries!.communes;
        return feats.map((f, i) => m.getFeatureState({ source: 'communes', id: f.id ?? i }).share as number);
      });
      assert(states.length === 124 && states.every((v) => typeof v === 'number' && v >= 0 && v <= 1), `feature states: ${states.slice(0, 5)}`);
      await shot(page, 'choropleth.png');
      await page.selectOption('#choropleth', '');
      const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
      const csv = readFileSync((await csvDl.path())!, 'utf8');
      assert(csv.charCodeAt(0) === 0xfeff, 'CSV without BOM');
      const lines = csv.slice(1).trim().split(/\r?\n/);
      assert(lines.length === 126 && lines[0].startsWith('code,name,') && lines.some((l) => l.includes(',Trà Vinh,')) && lines[125].includes('Toàn tỉnh'), `CSV: ${lines.length} lines, header ${lines[0]}`);
      const [gjDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-geojson')]);
      const gj = JSON.parse(readFileSync((await gjDl.path())!, 'utf8'));
      assert(gj.type === 'FeatureCollection' && gj.features.length === 124, `GeoJSON features: ${gj.features?.length}`);
      assert(await page.evaluate(() => window.__phusong.prepareReport()), 'no report');
      await page.emulateMedia({ media: 'print' });
      const report = (await page.locator('#report').textContent())!;
      await shot(page, 'print-report.png', true);
      await page.emulateMedia({ media: 'screen' });
      assert(/Báo cáo vùng phủ/.test(report) && /MẠNG MẪU/.test(report) && /Diện tích tính: [\d.]+ km²/.test(report), `report (title ${/Báo cáo vùng phủ/.test(report)}, sample banner ${/MẠNG MẪU/.test(report)}, province area ${/Diện tích tính: [\d.]+ km²/.test(report)}): ${report.slice(0, 200)}`);
      assert((await page.$$eval('#report table.report-worst tbody tr', (r) => r.length)) === 10, 'the report does not list 10 worst communes');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'thresholds are editable (an invalid list refused at the field); the shares follow a direct count of the layer',
    async run(env) {
      const { page } = await openApp(env, 'cell=200');
      const before = await page.evaluate(() => JSON.stringify(window.__phusong.communeStats!.thresholds));
      await page.fill('#rsrp-thresholds', '-100, abc');
      await page.dispatchEvent('#rsrp-thresholds', 'change');
      const err = await page.evaluate(() => ({ text: document.querySelector('#thresholds-error')!.textContent ?? '', hidden: (document.querySelector('#thresholds-error') as HTMLElement).hidden, inv: document.querySelector('#rsrp-thresholds')!.getAttribute('aria-invalid') }));
      assert(!err.hidden && /Ngưỡng không hợp lệ/.test(err.text) && err.inv === 'true', `threshold error: ${JSON.stringify(err)}`);
      assert(await page.evaluate((b) => JSON.stringify(window.__phusong.communeStats!.thresholds) === b, before), 'stats changed on invalid input');
      await page.fill('#rsrp-thresholds', '−95, −105');
      await page.dispatchEvent('#rsrp-thresholds', 'change');
      await page.waitForFunction(() => JSON.stringify(window.__phusong.communeStats?.thresholds) === '[-95,-105]', null, { timeout: 60000 });
      const heads = await page.$$eval('#commune-table th', (t) => t.map((x) => (x as HTMLElement).dataset.key));
      assert(heads.includes('share:-95') && heads.includes('share:-105') && !heads.includes('share:-110') && heads.includes('bool:sinr'), `columns: ${heads}`);
      const check = await page.evaluate(async () => {
        const d = window.__phusong;
        const rsrp = await d.layerCopy('rsrp');
        const p = d.communeStats!.province;
        let n = 0;
        for (const v of rsrp) if (v >= -95) n++;
        return { share: p.thresholds[0].share!, cells: p.cells, n };
      });
      // cells outside every commune polygon are not in the province statistics: compare as counts
      assert(Math.abs(check.share * check.cells - check.n) / check.n < 0.01, `share ≥ −95: ${JSON.stringify(check)}`);
    },
  },
  {
    name: 'the export bundle: the same files and summary.json keys as `phusong coverage --out`; best-server.tif decoded through sectors.csv names the same sector at 100 cells',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=500');
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 180000 }), page.click('#export-zip')]);
      const app = unzipSync(new Uint8Array(readFileSync((await dl.path())!)));
      assert(/\.zip \(/.test((await page.locator('#export-status').textContent()) ?? ''), 'export status');
      const dir = mkdtempSync(join(tmpdir(), 'phusong-parity-'));
      try {
        const summary = JSON.parse(strFromU8(app['summary.json']));
        writeFileSync(join(dir, 'scenario.json'), app['scenario.json']);
        execFileSync(process.execPath, [join(ROOT, 'bin', 'phusong.mjs'), 'coverage', '--scenario', join(dir, 'scenario.json'), '--cell', '500', '--carrier', summary.exportCarrier, '--out', join(dir, 'cli')], { stdio: 'pipe' });
        const cliFiles = readdirSync(join(dir, 'cli')).sort();
        const appFiles = Object.keys(app).sort();
        assert(JSON.stringify(cliFiles) === JSON.stringify(appFiles), `files differ:\n app ${appFiles}\n cli ${cliFiles}`);
        assert(appFiles.includes('sectors.csv') && appFiles.some((f) => /^lte1800-rsrp\.tif$/.test(f)) && appFiles.length > 20, `files: ${appFiles}`);
        const cliSummary = JSON.parse(readFileSync(join(dir, 'cli', 'summary.json'), 'utf8'));
        assert(JSON.stringify(Object.keys(cliSummary).sort()) === JSON.stringify(Object.keys(summary).sort()), `summary keys differ:\n app ${Object.keys(summary).sort()}\n cli ${Object.keys(cliSummary).sort()}`);
        const appRaster = await serverRaster(app['best-server.tif']);
        const cliRaster = await serverRaster(new Uint8Array(readFileSync(join(dir, 'cli', 'best-server.tif'))));
        const appSectors = sectorTable(strFromU8(app['sectors.csv']));
        const cliSectors = sectorTable(readFileSync(join(dir, 'cli', 'sectors.csv'), 'utf8'));
        const served = [...appRaster.values.keys()].filter((i) => appRaster.values[i] >= 0);
        let same = 0;
        for (let k = 0; k < 100; k++) {
          const i = served[Math.floor(((k + 0.5) * served.length) / 100)];
          const a = appSectors.get(appRaster.values[i]), c = cliSectors.get(cliRaster.values[i]);
          assert(a !== undefined && a === c, `cell ${i}: app names ${a}, CLI names ${c}`);
          same++;
        }
        console.log(`    bundle: ${appFiles.length} files in both; ${same}/100 sampled best-server cells name the same sector`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
];
