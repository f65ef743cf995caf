/**
 * Site planning (issue 13, acceptance 4): a target for the wards, run (progress, then the curve
 * and the ranked list), accept — the proposed sites appear in the scenario and on the map, the
 * commune table changes — and undo removes them (the table comes back to its figures).
 */
import { assert, idle, openApp, shot, type Journey } from './harness.ts';

/** Points of the map's preview layer of the proposed sites (null: no such layer). */
const previewPoints = async () => {
  const src = window.__phusong.map.getSource('planning-proposal') as unknown as { getData(): Promise<{ features: unknown[] }> } | undefined;
  return src ? (await src.getData()).features.length : null;
};

/** Σ over the communes of the covered share at −110 dBm (the commune table's column). */
const tableSum = () => {
  const s = window.__phusong.communeStats;
  if (!s) return null;
  return s.communes.reduce((a, c) => a + (c.thresholds.find((x) => x.threshold === -110)?.share ?? 0), 0);
};

export const planningJourneys: Journey[] = [
  {
    name: 'site planning: a target for the wards, run, the curve is shown, accept (sites appear, the commune table changes), undo removes them',
    async run(env) {
      const { page, errors } = await openApp(env, 'cell=200');
      await page.selectOption('#carrier', 'nr3500');
      await idle(page);
      const before = await page.evaluate(tableSum);
      const sitesBefore = await page.evaluate(() => window.__phusong.scenario()!.sites.length);
      assert(before !== null, 'no commune table');
      // The target: the wards, NR 3500 at −105 dBm, 95 % of their people, at most 6 sites, 200 m cells.
      await page.selectOption('#plan-area', 'wards');
      await page.selectOption('#plan-carrier', 'nr3500');
      await page.fill('#plan-threshold', '-105');
      await page.selectOption('#plan-goal', 'population');
      await page.fill('#plan-share', '95');
      await page.fill('#plan-max-sites', '6');
      await page.selectOption('#plan-cell', '200');
      await page.fill('#plan-spacing', '1000');
      // A run cancelled at once: the worker is stopped, nothing is proposed, the next run starts afresh.
      await page.click('#plan-run');
      await page.click('#plan-cancel');
      await page.waitForFunction(() => window.__phusong.store.get().planning?.phase === 'cancelled', null, { timeout: 10000 });
      assert(/Đã hủy/.test((await page.locator('#plan-status').textContent()) ?? ''), 'cancel not said');
      await page.click('#plan-run');
      await page.waitForFunction(() => window.__phusong.store.get().planning?.phase === 'running', null, { timeout: 10000 });
      assert(await page.isEnabled('#plan-cancel'), 'cancel is not offered while planning');
      await page.waitForFunction(() => /Chọn trạm|Tìm kiếm cục bộ|Xếp hạng|Đang/.test(document.querySelector('#plan-status')?.textContent ?? ''), null, { timeout: 60000 });
      await page.waitForFunction(() => window.__phusong.store.get().planning?.phase !== 'running', null, { timeout: 240000, polling: 500 });
      const plan = await page.evaluate(() => {
        const p = window.__phusong.store.get().planning!;
        return { phase: p.phase, picks: p.result?.picks.map((k) => ({ id: k.candidate.id, people: k.gainPopulation, communes: k.communes.map((c) => c.name) })) ?? [], message: JSON.stringify(p.message), before: p.result?.before.population, after: p.result?.after.population, total: p.result?.totals.population };
      });
      assert(plan.phase === 'done' && plan.picks.length > 0 && plan.picks.length <= 6, `plan: ${JSON.stringify(plan)}`);
      assert(plan.after! > plan.before! && plan.after! <= plan.total!, `figures: ${JSON.stringify(plan)}`);
      const ui = await page.evaluate(() => ({
        points: document.querySelectorAll('#planning-curve circle').length, path: document.querySelector('#planning-curve path')?.getAttribute('d') ?? '',
        rows: document.querySelectorAll('#plan-table tbody tr').length, summary: document.querySelector('#plan-summary')?.textContent ?? '',
      }));
      assert(ui.points === plan.picks.length + 1 && ui.path.startsWith('M') && ui.rows === plan.picks.length && /→/.test(ui.summary), `result view: ${JSON.stringify(ui)}`);
      assert(await page.evaluate(previewPoints) === plan.picks.length, 'the preview layer does not show the proposed sites');
      // Every proposed site serves at least one ward's people.
      assert(plan.picks.every((k) => k.people > 0 && k.communes.length > 0), `gains: ${JSON.stringify(plan.picks)}`);
      await page.evaluate(() => window.__phusong.map.fitBounds([[105.85, 9.9], [106.45, 10.3]], { duration: 0 }));
      await page.waitForTimeout(800);
      await shot(page, 'planning.png');
      // Accept: one undoable step; the sites appear; the coverage and the commune table follow.
      const seq = await page.evaluate(() => window.__phusong.coverageSeq);
      await page.click('#plan-accept');
      await page.waitForFunction((n) => window.__phusong.scenario()!.sites.length > n, sitesBefore, { timeout: 10000 });
      await page.waitForFunction((q) => window.__phusong.coverageSeq > q, seq, { timeout: 120000 });
      await idle(page);
      const accepted = await page.evaluate(() => ({ sites: window.__phusong.scenario()!.sites.map((s) => s.id), history: window.__phusong.history, disabled: (document.querySelector('#plan-accept') as HTMLButtonElement).disabled }));
      const ids = plan.picks.map((k) => k.id);
      assert(ids.every((id) => accepted.sites.includes(id) || (id.startsWith('UP-') && accepted.sites.includes(id.slice(3)))), `accepted sites ${JSON.stringify(ids)} not in ${accepted.sites.length} sites`);
      assert(/quy hoạch tự động/.test(accepted.history.undoLabel ?? '') || /hPlanAccept/.test(accepted.history.undoLabel ?? ''), `history label: ${JSON.stringify(accepted.history)}`);
      assert(accepted.disabled, 'accept still offered after accepting');
      assert(await page.evaluate(previewPoints) === 0, 'the preview still shows the sites once they are in the scenario');
      const after = await page.evaluate(tableSum);
      assert(after !== null && after > before + 1e-6, `commune table did not change: ${before} → ${after}`);
      await shot(page, 'planning-accepted.png');
      // Undo: the sites go, the table comes back.
      const seq2 = await page.evaluate(() => window.__phusong.coverageSeq);
      await page.click('#undo');
      await page.waitForFunction((n) => window.__phusong.scenario()!.sites.length === n, sitesBefore, { timeout: 10000 });
      await page.waitForFunction((q) => window.__phusong.coverageSeq > q, seq2, { timeout: 120000 });
      await idle(page);
      const undone = await page.evaluate(tableSum);
      assert(undone !== null && Math.abs(undone - before) < 1e-9, `after undo the table is ${undone}, before ${before}`);
      assert(await page.isEnabled('#plan-accept'), 'accept not offered again after undo');
      assert(await page.evaluate(previewPoints) === plan.picks.length, 'the preview is not back after undo');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    },
  },
];
