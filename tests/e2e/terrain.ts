/**
 * Terrain-aware prediction and the link profile (issue 12, acceptance 3), in the app.
 *
 * A one-site scenario (site T at a sample site's position, 30 m, one LTE 1800 sector facing
 * east, 38.901 RMa) and a SYNTHETIC DEM made by data/make-synthetic-dem.ts (`mesaDemGeoTiff`):
 * flat ground at 2 m with a flat-topped hill 150 m high (top at 152 m, top radius 500 m, foot
 * radius 900 m) centred 2 km east of the site. The link profile from the site to a point 4.5 km
 * east (behind the hill) must show, at its worst obstruction, the figures of a hand calculation:
 *
 *   d = 4.5 km (site and point on the same UTM row), d1 the obstruction's distance, d2 = d − d1
 *   F1 = 17.3145·√(d1·d2 / (f_GHz·d)) m, d in km (17.3145 = √(c/10⁶ · 10³) with c = 299 792 458
 *        m/s; 17.32 with c rounded to 3·10⁸)
 *   bulge = d1·d2 / (2·k·6371 km), k = 4/3
 *   line of sight = (2 + 30) + ((2 + 1.5) − (2 + 30))·d1/d   (both ends on 2 m ground)
 *   clearance = line of sight − (terrain + R + bulge): the terrain bilinear between the four
 *        grid cells around the obstruction (the app's resampled DEM: 152 m on the hill top,
 *        less on its slope), R the clutter height of the obstruction cell's class (P.1812
 *        Table 2 defaults of the clutter table: 0, 0, 10, 15, 15, 20 m)
 *
 * The PNG and CSV exports are checked (PNG signature; the CSV row of the obstruction holds the
 * same F1 and clearance).
 *
 * Then terrain prediction (ITM) is switched on: behind the hill the coverage drops — relative
 * to cells at the same distance 40° off the hill (clear of it: 2 km·sin 40° = 1.29 km > 0.9 km),
 * where flat earth gives behind ≈ side + A_H(40°) (4.5 dB of antenna pattern in favour of the
 * cells behind), the cells behind lose more than 10 dB with ITM. Finally the site is dragged with
 * terrain on and the layers after release equal a full recompute (invariant of the incremental
 * engine).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mesaDemGeoTiff } from '../../data/make-synthetic-dem.ts';
import { lonLatToUtm, utmToLonLat } from '../../src/core/grid/projection.ts';
import { assert, idle, openApp, RESULTS, ROOT, shot, type Journey } from './harness.ts';
import { dragSite } from './coverage.ts';

const R_BY_CLASS = [0, 0, 10, 15, 15, 20];
/** The engine's floor (EngineOptions.floorDbm default): signals below it are no service (NaN). */
const FLOOR_DBM = -140;

export const terrainJourneys: Journey[] = [
  {
    name: 'terrain: a synthetic hill in the DEM, the link profile behind it (Fresnel zone and clearance as by hand), ITM coverage drops behind the hill',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=100');
      // One site at a sample site near the middle of the province.
      const sample = JSON.parse(readFileSync(join(ROOT, 'data', 'scenarios', 'sample-network.json'), 'utf8')) as { carriers: unknown[]; sites: { lonDeg: number; latDeg: number }[] };
      const mid = sample.sites.reduce((a, b) => (Math.hypot(b.lonDeg - 106.1, b.latDeg - 10.05) < Math.hypot(a.lonDeg - 106.1, a.latDeg - 10.05) ? b : a));
      const [sx, sy] = lonLatToUtm(mid.lonDeg, mid.latDeg);
      const [siteLon, siteLat] = utmToLonLat(sx, sy);
      const scenario = {
        schemaVersion: 1, name: 'SYNTHETIC terrain test', sample: true, description: 'one site in front of a synthetic hill', ueHeightM: 1.5,
        carriers: sample.carriers.slice(0, 1),
        sites: [{
          id: 'T', name: 'SYNTHETIC T', lonDeg: siteLon, latDeg: siteLat, heightM: 30, kind: 'macro', status: 'planned',
          sectors: [{ id: 'T1', carrierId: 'lte1800', azimuthDeg: 90, mechanicalTiltDeg: 0, electricalTiltDeg: 2, txPowerDbm: 46, feederLossDb: 2, modelId: '38901-rma-expected',
            antenna: { type: '3gpp-sector', maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 } }],
        }],
        privateNetworks: [],
      };
      await page.setInputFiles('#open-scenario', { name: 'terrain-test.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
      await page.waitForFunction(() => window.__phusong.scenario()!.sites.length === 1, null, { timeout: 20000 });
      await idle(page);
      // The DEM: the hill 2 km east of the site.
      const tif = mesaDemGeoTiff({ xM: sx + 2000, yM: sy, topRadiusM: 500, baseRadiusM: 900, topM: 152, groundM: 2 }, 6000, 25);
      const seq0 = await page.evaluate(() => window.__phusong.coverageSeq);
      await page.setInputFiles('#dem-file', { name: 'synthetic-mesa.tif', mimeType: 'image/tiff', buffer: Buffer.from(tif) });
      await page.waitForFunction((q) => window.__phusong.coverageSeq > q && window.__phusong.store.get().ground?.demName === 'synthetic-mesa.tif', seq0, { timeout: 120000 });
      await idle(page);

      // The point-to-point check: the site, then a point behind the hill (4.5 km east).
      const [tLon, tLat] = utmToLonLat(sx + 4500, sy);
      await page.evaluate(([lon, lat]) => window.__phusong.map.jumpTo({ center: [lon, lat], zoom: 12.3 }), utmToLonLat(sx + 2250, sy));
      await page.waitForTimeout(500);
      // The point-to-point check is in the planning pane (the panel's tabs, issue 15).
      if (await page.locator('#mode-planning').count()) await page.click('#mode-planning');
      await page.locator('#p2p-start').scrollIntoViewIfNeeded();
      await page.click('#p2p-start');
      const px = await page.evaluate(() => window.__phusong.sitePixel('T')!);
      const tp = await page.evaluate(([lon, lat]) => { const p = window.__phusong.map.project([lon, lat]); return [p.x, p.y]; }, [tLon, tLat]);
      const box = (await page.locator('#map').boundingBox())!;
      await page.mouse.click(box.x + px[0], box.y + px[1]);
      await page.mouse.click(box.x + tp[0], box.y + tp[1]);
      await page.waitForFunction(() => window.__phusong.store.get().p2p?.siteId === 'T', null, { timeout: 10000 });
      // The click lands within a pixel of the point; the hand calculation wants it exactly 4.5 km east.
      await page.evaluate(([lon, lat]) => window.__phusong.store.set({ p2p: { siteId: 'T', target: [lon, lat], sectorId: null } }), [tLon, tLat]);
      await page.waitForFunction(() => document.querySelector('#lp-worst') !== null && document.querySelector('#link-profile-chart') !== null, null, { timeout: 10000 });
      const shown = await page.evaluate(() => {
        const w = (document.querySelector('#lp-worst') as HTMLElement).dataset;
        return {
          d1: Number(w.d1), d: Number(w.d), f1: Number(w.f1), bulge: Number(w.bulge), clearance: Number(w.clearance), fraction: Number(w.fraction), ground: Number(w.ground), clutter: Number(w.clutter),
          text: document.querySelector('#lp-worst')!.textContent ?? '', itm: (document.querySelector('#lp-itm') as HTMLElement).dataset, source: document.querySelector('#lp-source')!.textContent ?? '',
          verdict: document.querySelector('#lp-verdict')!.textContent ?? '',
        };
      });
      // Distance between the site as the app holds it (the scenario gate may round coordinates) and the point.
      const held = await page.evaluate(() => { const x = window.__phusong.scenario()!.sites[0]; return [x.lonDeg, x.latDeg]; });
      const [hx, hy] = lonLatToUtm(held[0], held[1]);
      const [tx, ty] = lonLatToUtm(tLon, tLat);
      const d = Math.hypot(tx - hx, ty - hy);
      const d1 = shown.d1, d2 = d - d1;
      // Where the obstruction is, and what the app's ground holds around it: the four terrain
      // heights of the grid cells around the sample (the imported DEM resampled to the grid) and
      // the clutter class of the cell holding it.
      const ox = hx + ((tx - hx) * d1) / d, oy = hy + ((ty - hy) * d1) / d;
      const around = await page.evaluate(([x, y]) => {
        const g = window.__phusong.store.get().ground!;
        const { originX, originY, cellSizeM: cs, width } = g.grid;
        const fc = (x - originX) / cs - 0.5, fr = (originY - y) / cs - 0.5;
        const c0 = Math.floor(fc), r0 = Math.floor(fr);
        const dem = g.dem!;
        // (no helper functions in here: the page runs this text as it is)
        return { tx: fc - c0, ty: fr - r0, h: [dem[r0 * width + c0], dem[r0 * width + c0 + 1], dem[(r0 + 1) * width + c0], dem[(r0 + 1) * width + c0 + 1]], cls: g.clutter[Math.floor(fr + 0.5) * width + Math.floor(fc + 0.5)] };
      }, [ox, oy]);
      // Bilinear by hand: (1 − ty)·[(1 − tx)·h00 + tx·h10] + ty·[(1 − tx)·h01 + tx·h11].
      const [h00, h10, h01, h11] = around.h;
      const ground = (1 - around.ty) * ((1 - around.tx) * h00 + around.tx * h10) + around.ty * ((1 - around.tx) * h01 + around.tx * h11);
      const R = R_BY_CLASS[around.cls];
      const f = 1.8425;
      const f1 = 17.3145 * Math.sqrt(((d1 / 1000) * (d2 / 1000)) / (f * (d / 1000)));
      const bulge = (d1 * d2) / (2 * (4 / 3) * 6371e3);
      const los = 32 + (3.5 - 32) * (d1 / d);
      const clearance = los - (ground + R + bulge);
      assert(Math.abs(d - 4500) < 0.5 && Math.abs(shown.d - d) < 1e-6, `distance ${shown.d} vs ${d}`);
      assert(Math.abs(d1 - 2000) <= 900 && ground > 100 && Math.abs(shown.ground - ground) < 1e-3, `worst obstruction at ${d1} m on ground ${shown.ground} m (by hand ${ground} m): not on the hill`);
      assert(Math.abs(shown.clutter - R) < 1e-9, `clutter at the obstruction ${shown.clutter} m, class ${around.cls} → R ${R} m`);
      assert(Math.abs(shown.f1 - f1) < 0.005, `F1 shown ${shown.f1} m, by hand ${f1} m`);
      assert(Math.abs(shown.bulge - bulge) < 1e-6, `bulge shown ${shown.bulge} m, by hand ${bulge} m`);
      assert(Math.abs(shown.clearance - clearance) < 0.005, `clearance shown ${shown.clearance} m, by hand ${clearance} m`);
      assert(Math.abs(shown.fraction - clearance / f1) < 1e-3, `clearance / F1 shown ${shown.fraction}, by hand ${clearance / f1}`);
      // The text says the same (metres to 2 decimals, % of F1 to 1).
      const fmt = (v: number, n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: n }).format(v);
      assert(shown.text.includes(fmt(clearance, 2)) && shown.text.includes(fmt((clearance / f1) * 100, 1)) && shown.text.includes(fmt(f1, 2)), `text: ${shown.text}`);
      assert(/synthetic-mesa\.tif/.test(shown.source) && Number(shown.itm.loss) > 100 && shown.itm.mode !== undefined, `source ${shown.source}; ITM ${JSON.stringify(shown.itm)}`);
      await page.evaluate(() => document.querySelector('#link-profile-chart')!.scrollIntoView({ block: 'center' }));
      await shot(page, 'terrain-link-profile.png');
      // The exports: a PNG (its signature) and the CSV (one row per sample, the clearance column).
      const [png] = await Promise.all([page.waitForEvent('download'), page.click('#lp-png')]);
      const pngBytes = readFileSync((await png.path())!);
      writeFileSync(join(RESULTS, 'terrain-link-profile-export.png'), pngBytes);
      assert(png.suggestedFilename() === 'profile-T-T1.png' && pngBytes.subarray(1, 4).toString() === 'PNG' && pngBytes.length > 2000, `PNG export: ${png.suggestedFilename()}, ${pngBytes.length} bytes`);
      const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#lp-csv')]);
      const rows = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
      const worstRow = rows.find((r) => Math.abs(Number(r.split(',')[0]) - d1) < 1e-3)?.split(',').map(Number);
      assert(rows[0].startsWith('distance_m,ground_m') && rows.length > 40 && worstRow && Math.abs(worstRow[10] - clearance) < 0.01 && Math.abs(worstRow[6] - f1) < 0.01, `CSV export: ${rows.length} rows; worst ${worstRow}`);

      // Terrain prediction on: the coverage behind the hill drops.
      const at = (dx: number, dy: number) => utmToLonLat(sx + dx, sy + dy);
      const probes = [3400, 3800, 4200].flatMap((D) => [[D, 0], [D * Math.cos((40 * Math.PI) / 180), D * Math.sin((40 * Math.PI) / 180)], [D * Math.cos((40 * Math.PI) / 180), -D * Math.sin((40 * Math.PI) / 180)]]);
      const read = () => page.evaluate(async (pts) => Promise.all(pts.map(([lon, lat]) => window.__phusong.layerAt('rsrp', lon, lat))), probes.map(([dx, dy]) => at(dx, dy)));
      const off = await read();
      const seq1 = await page.evaluate(() => window.__phusong.coverageSeq);
      if (await page.locator('#mode-coverage').count()) await page.click('#mode-coverage');
      await page.selectOption('#terrain', 'itm');
      await page.waitForFunction((q) => window.__phusong.coverageSeq > q && window.__phusong.store.get().coverage!.scene.options.terrain === 'itm', seq1, { timeout: 180000 });
      await idle(page);
      const itm = await read();
      const drops: string[] = [];
      for (let k = 0; k < 3; k++) {
        const [b0, s0, t0] = off.slice(3 * k, 3 * k + 3);
        const [b1, s1, t1] = itm.slice(3 * k, 3 * k + 3);
        // No service (NaN) behind the hill means below the floor (−140 dBm): at most that.
        const behind = Number.isFinite(b1) ? b1 : FLOOR_DBM;
        const flatGap = b0 - (s0 + t0) / 2;
        const itmGap = behind - (s1 + t1) / 2;
        drops.push(`${probes[3 * k][0]} m: flat ${flatGap.toFixed(1)} dB, ITM ${Number.isFinite(b1) ? '' : '≤ '}${itmGap.toFixed(1)} dB`);
        assert([b0, s0, t0, s1, t1].every(Number.isFinite), `RSRP missing at the probes: ${JSON.stringify({ off, itm })}`);
        assert(flatGap > 0 && itmGap < flatGap - 10, `behind the hill vs 40° off: ${drops.join('; ')}`);
      }
      // Dragging the site with terrain on: its maps are made again at each move; after release
      // the layers equal a full recompute (the incremental engine with terrain maps).
      const drag = await dragSite(page, 'T', 8, 4, 2);
      const moved = await page.evaluate(() => window.__phusong.lastDrag!);
      const cmp = await page.evaluate(() => window.__phusong.compareWithFullRecompute());
      assert(moved.moves >= 1 && cmp.mismatches === 0 && cmp.compared > 10000 && cmp.maxAbsDiffDb < 1e-6, `drag with terrain: ${JSON.stringify({ moves: moved.moves, cmp, drag })}`);
      const status = await page.evaluate(() => ({ on: document.querySelector('#terrain-on')?.textContent ?? '', warn: document.querySelector('#terrain-warnings')?.textContent ?? '' }));
      assert(/ITM/.test(status.on) && /ITM/.test(status.warn), `terrain status: ${JSON.stringify(status)}`);
      await page.evaluate(([lon, lat]) => window.__phusong.map.jumpTo({ center: [lon, lat], zoom: 11.6 }), at(2500, 0));
      await idle(page);
      await page.waitForTimeout(800);
      await page.locator('#terrain-status').scrollIntoViewIfNeeded();
      await shot(page, 'terrain-itm-coverage.png');
      console.log(`      ${drops.join('; ')}; drag: ${moved.moves} moves, median ${[...moved.latenciesMs].sort((a, b) => a - b)[Math.floor(moved.latenciesMs.length / 2)].toFixed(0)} ms, then equal to a full recompute (${cmp.compared} cells)`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
];
