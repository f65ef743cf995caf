/** Private 5G networks: service areas drawn, imported and refused; figures on the network's own carrier. */
import { assert, idle, openApp, shot, type Journey } from './harness.ts';

type Ring = number[][];

export const privateNetworkJourneys: Journey[] = [
  {
    name: 'private-network service area: drawn on the map, imported from GeoJSON, refused with the file and reason (nothing changed)',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=200');
      const hint = (await page.locator('#private-networks-info').textContent())!;
      // The hint names the network's carrier as the carrier menu shows it (issue 15: not its id).
      const label = await page.evaluate(() => [...(document.querySelector('#carrier') as HTMLSelectElement).options].find((o) => o.value === 'pn3700')!.text);
      assert(hint.includes(label) && !/pn3700/.test(hint), `private network hint on the public carrier: ${hint} (menu: ${label})`);
      const before = await page.evaluate(() => JSON.stringify(window.__phusong.serviceAreas ?? null));
      await page.setInputFiles('#pn-file', { name: 'swapped.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'Polygon', coordinates: [[[10.25, 106.0], [10.25, 106.01], [10.26, 106.01], [10.25, 106.0]]] })) });
      await page.waitForFunction(() => /swapped\.geojson/.test(document.querySelector('#pn-status')!.textContent ?? ''), null, { timeout: 10000 });
      const msg = (await page.locator('#pn-status').textContent())!;
      assert(/swapped\.geojson: geometry, ring 1, vertex 1: .*swapped/.test(msg), `refusal: ${msg}`);
      assert(await page.evaluate(() => JSON.stringify(window.__phusong.serviceAreas ?? null)) === before, 'a refused file changed the service areas');
      // a new network drawn by clicks: four vertices in Trà Vinh ward, Enter
      await page.selectOption('#pn-select', '');
      await page.fill('#pn-name', 'Khu thử nghiệm (vẽ)');
      await page.evaluate(() => window.__phusong.map.jumpTo({ center: [106.34, 9.935], zoom: 13 }));
      await page.waitForTimeout(300);
      await page.click('#pn-draw');
      const box = (await page.locator('#map').boundingBox())!;
      const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
      for (const [dx, dy] of [[-60, -40], [60, -40], [60, 40], [-60, 40]]) await page.mouse.click(cx + dx, cy + dy);
      await shot(page, 'service-area-drawing.png');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.__phusong.serviceAreas?.some((a) => a.name === 'Khu thử nghiệm (vẽ)'), null, { timeout: 10000 });
      const drawn = await page.evaluate(() => window.__phusong.scenario()!.privateNetworks.find((n) => n.name === 'Khu thử nghiệm (vẽ)')!.serviceArea.coordinates[0]);
      assert(drawn.length === 5, `drawn ring: ${JSON.stringify(drawn)}`);
      await idle(page);
      const info = (await page.locator('#private-networks-info').textContent())!;
      assert(/Khu thử nghiệm \(vẽ\): chưa có trạm/.test(info), `new network line: ${info}`);
      await shot(page, 'service-area.png');
      // an imported area replaces the example campus's: its own bounding box grown by ~100 m
      await page.selectOption('#pn-select', { index: 0 });
      const bb = await page.evaluate(() => {
        const c = window.__phusong.scenario()!.privateNetworks[0].serviceArea.coordinates[0];
        return [Math.min(...c.map((p) => p[0])), Math.min(...c.map((p) => p[1])), Math.max(...c.map((p) => p[0])), Math.max(...c.map((p) => p[1]))];
      });
      const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
      const [w, so, e, n] = [r6(bb[0] - 0.001), r6(bb[1] - 0.001), r6(bb[2] + 0.001), r6(bb[3] + 0.001)];
      const ring: Ring = [[w, so], [e, so], [e, n], [w, n], [w, so]];
      await page.setInputFiles('#pn-file', { name: 'campus.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] })) });
      await page.waitForFunction(() => /Đã đặt vùng phục vụ/.test(document.querySelector('#pn-status')!.textContent ?? ''), null, { timeout: 10000 });
      const first = await page.evaluate(() => window.__phusong.scenario()!.privateNetworks[0].serviceArea.coordinates[0]);
      assert(JSON.stringify(first) === JSON.stringify(ring), `imported ring: ${JSON.stringify(first)}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
  {
    name: 'private network: coverage inside its service area and the spill-over, on its own carrier (no province gaps for a campus carrier)',
    async run(env) {
      const { page } = await openApp(env, 'cell=100');
      await page.selectOption('#carrier', 'pn3700');
      await idle(page);
      const st = await page.evaluate(() => window.__phusong.privateNetworkStats!);
      const text = (await page.locator('#private-networks-info').textContent())!;
      assert(st.serviceCells > 0 && st.outdoorCoveredShare! > 0 && st.spillAreaKm2 >= 0 && /km²/.test(text) && /Thanh Đức|—/.test(text), `private network: ${JSON.stringify(st)} ${text}`);
      const gaps = await page.evaluate(() => ({ items: document.querySelectorAll('#gap-list li').length, text: document.querySelector('#gaps')!.textContent ?? '' }));
      assert(gaps.items === 0 && /riêng/.test(gaps.text), `gaps of a campus carrier: ${JSON.stringify(gaps)}`);
      await shot(page, 'private-network.png');
      await page.selectOption('#carrier', 'lte1800');
      await idle(page);
      assert(await page.evaluate(() => document.querySelectorAll('#gap-list li').length > 0), 'no gaps listed back on the public carrier');
    },
  },
];
