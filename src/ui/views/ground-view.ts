/**
 * The ground section: how the population and the clutter were made (and their notes), the
 * user's land-cover map and DEM (imported or removed; a refused file is named with its problem
 * and changes nothing), the class shares, the level of the coverage-probability layer, and the
 * clutter table, whose edits are undoable and saved with the scenario.
 */
import type { AppContext } from '../../app/context.ts';
import { setUi } from '../../app/context.ts';
import type { GroundController } from '../../app/ground-controller.ts';
import { historyLabel } from '../../app/scenario-controller.ts';
import { CLUTTER_TYPES, type ClutterType } from '../../core/clutter/p2108.ts';
import { checkClutterTable, DEFAULT_CLUTTER_TABLE, type ClutterRow, type ClutterTable } from '../../core/clutter/table.ts';
import { formatNumber, t, type MessageKey } from '../../i18n/i18n.ts';
import { h } from '../dom.ts';
import { renderMsg } from '../msg.ts';

const classLabel = (c: ClutterType) => t(`clutter-${c}` as MessageKey);

function fileButton(id: string, key: MessageKey, accept: string, onFile: (f: File) => void): HTMLElement {
  const input = h('input', { type: 'file', id, accept, hidden: '' });
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) onFile(f);
    input.value = '';
  });
  const label = h('label', { class: 'button secondary', tabindex: '0', 'data-i18n': key }, t(key), input);
  label.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    input.click();
  });
  return label;
}

export function mountGround(ctx: AppContext, ground: GroundController): void {
  const { store, els, scenarios } = ctx;
  const status = h('div', { class: 'status', id: 'ground-status', role: 'status', 'aria-live': 'polite' });
  const notes = h('ul', { class: 'note', id: 'ground-notes' });
  const shares = h('div', { class: 'note', id: 'ground-shares' });
  const dem = h('p', { class: 'note', id: 'ground-dem' });
  const removeLc = h('button', { class: 'secondary', id: 'landcover-remove', hidden: '' });
  const removeDem = h('button', { class: 'secondary', id: 'dem-remove', hidden: '' });
  removeLc.addEventListener('click', () => void ground.useFile('landCover', null));
  removeDem.addEventListener('click', () => void ground.useFile('dem', null));
  const prob = h('input', { id: 'prob-threshold', inputmode: 'decimal', 'aria-describedby': 'prob-threshold-error' });
  const probErr = h('div', { class: 'field-error', id: 'prob-threshold-error', role: 'alert', hidden: '' });
  const probLabel = h('label', { class: 'stack' }, h('span', {}, ''), prob);
  const table = h('table', { id: 'clutter-table', class: 'compact' });
  const tableErr = h('div', { class: 'field-error', id: 'clutter-table-error', role: 'alert', hidden: '' });
  const tableTitle = h('div', { class: 'hist-title' });
  // The ground in the link budget, or not (uniform ground: no clutter classes, flat earth).
  const use = h('input', { type: 'checkbox', id: 'use-ground' });
  const useText = h('span', {});
  use.addEventListener('change', () => store.set((s) => ({ ui: { ...s.ui, useGround: use.checked } })));
  store.subscribe((s) => [s.ui.useGround, s.lang] as const, ([u]) => {
    use.checked = u !== false;
    useText.textContent = t('groundUse');
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1], immediate: true });
  els.groundRoot.replaceChildren(h('label', {}, use, ' ', useText), status, notes, shares, dem,
    h('div', { class: 'row' }, fileButton('landcover-file', 'groundImportLandCover', '.tif,.tiff,image/tiff', (f) => void ground.useFile('landCover', f)), removeLc),
    h('div', { class: 'row' }, fileButton('dem-file', 'groundImportDem', '.tif,.tiff,.hgt,.zip,.gz,image/tiff', (f) => void ground.useFile('dem', f)), removeDem),
    probLabel, probErr, tableTitle, h('div', { class: 'table-wrap' }, table), tableErr);

  store.subscribe((s) => [s.status.ground, s.ground, s.lang] as const, ([m, g]) => {
    renderMsg(status, m);
    notes.replaceChildren(...(g?.notes ?? []).map((n) => h('li', {}, n)));
    shares.textContent = g ? `${t('groundShares')} ${CLUTTER_TYPES.map((c) => `${classLabel(c)} ${formatNumber((g.shares[c] ?? 0) * 100, 1)}%`).join(' · ')}` : '';
    dem.textContent = g?.demName ? t('groundDem', { name: g.demName }) : t('groundNoDem');
    removeLc.hidden = !g?.landCoverName;
    removeDem.hidden = !g?.demName;
    removeLc.textContent = t('groundRemoveLandCover');
    removeDem.textContent = t('groundRemoveDem');
    (probLabel.firstChild as HTMLElement).textContent = t('probThresholdLabel');
    tableTitle.textContent = t('clutterTableTitle');
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2], immediate: true });

  store.subscribe((s) => s.ui.probabilityThresholdDbm, (v) => (prob.value = String(v)), { immediate: true });
  prob.addEventListener('change', () => {
    const v = Number(prob.value.replace(/[−–]/g, '-').replace(',', '.'));
    const ok = prob.value.trim() !== '' && Number.isFinite(v) && v >= -150 && v <= -40;
    prob.setAttribute('aria-invalid', String(!ok));
    probErr.hidden = ok;
    probErr.textContent = ok ? '' : t('probThresholdInvalid');
    if (ok) setUi(store, { probabilityThresholdDbm: v });
  });

  // The clutter table: one row per class; a valid edit is committed as one undoable step.
  const commitRow = (type: ClutterType, row: ClutterRow) => {
    const sc = store.get().scenario;
    if (!sc) return;
    const next: ClutterTable = { ...(sc.clutterTable ?? DEFAULT_CLUTTER_TABLE), [type]: row };
    const problems = checkClutterTable(next);
    tableErr.hidden = problems.length === 0;
    tableErr.textContent = problems.length ? `${t('clutterTableInvalid')} ${problems.join('; ')}` : '';
    if (problems.length) return;
    scenarios.commit({ ...sc, clutterTable: next }, historyLabel('hClutterTable', { class: classLabel(type) }));
  };
  /** The column header that labels each field's control (screen readers read it with the class). */
  const COLUMN_OF = { clutterHeightM: 'clutterColHeight', loss: 'clutterColLoss', fixedLossDb: 'clutterColFixed', building: 'clutterColBuilding', shadowSigmaDb: 'clutterColSigma' } as const satisfies Record<string, MessageKey>;
  const render = () => {
    const tbl = store.get().scenario?.clutterTable ?? DEFAULT_CLUTTER_TABLE;
    const head = h('tr', {}, ...(['clutterColClass', 'clutterColHeight', 'clutterColLoss', 'clutterColFixed', 'clutterColBuilding', 'clutterColSigma'] as const).map((k) => h('th', {}, t(k))));
    const rows = CLUTTER_TYPES.map((type) => {
      const r = tbl[type];
      const num = (field: 'clutterHeightM' | 'fixedLossDb' | 'shadowSigmaDb') => {
        const input = h('input', { inputmode: 'decimal', 'data-class': type, 'data-field': field, 'aria-label': `${classLabel(type)}: ${t(COLUMN_OF[field])}`, size: '4' });
        input.value = String(r[field]);
        input.addEventListener('change', () => commitRow(type, { ...r, [field]: Number(input.value.replace(',', '.')) }));
        return input;
      };
      const select = <K extends 'loss' | 'building'>(field: K, options: [ClutterRow[K], MessageKey][]) => {
        const sel = h('select', { 'data-class': type, 'data-field': field, 'aria-label': `${classLabel(type)}: ${t(COLUMN_OF[field])}` }, ...options.map(([v, k]) => h('option', { value: v }, t(k))));
        sel.value = r[field];
        sel.addEventListener('change', () => commitRow(type, { ...r, [field]: sel.value as ClutterRow[K] }));
        return sel;
      };
      return h('tr', {}, h('td', {}, classLabel(type)), h('td', {}, num('clutterHeightM')),
        h('td', {}, select('loss', [['p2108', 'clutterLossP2108'], ['fixed', 'clutterLossFixed']])), h('td', {}, num('fixedLossDb')),
        h('td', {}, select('building', [['traditional', 'clutterBuildingTraditional'], ['thermally-efficient', 'clutterBuildingEfficient']])), h('td', {}, num('shadowSigmaDb')));
    });
    table.replaceChildren(h('thead', {}, head), h('tbody', {}, ...rows));
  };
  store.subscribe((s) => [s.scenario?.clutterTable, s.lang] as const, render, { equals: (a, b) => a[0] === b[0] && a[1] === b[1], immediate: true });
}
