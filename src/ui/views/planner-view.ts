/**
 * The planner's panel: templates (placing a site is a mode the input dispatcher handles),
 * site import with its preview, the selection, the site editor, and the point-to-point check.
 * Every change goes through the scenario controller's commit.
 */
import type { AppContext } from '../../app/context.ts';
import { setStatus } from '../../app/context.ts';
import { historyLabel } from '../../app/scenario-controller.ts';
import { msg, raw, type AppState } from '../../app/state.ts';
import { addCarrierForSite, deleteSites, duplicateSite, replaceSite } from '../../core/scenario/edits.ts';
import { applyImport, decodeImportBytes, importSites } from '../../core/scenario/import.ts';
import { pointToPoint, type P2pResult } from '../../core/coverage/p2p.ts';
import { PATH_LOSS_MODEL_IDS } from '../../core/propagation/registry.ts';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { h } from '../dom.ts';
import { ImportPreviewDialog, validRowCount } from '../import-preview.ts';
import { p2pNodes } from '../p2p-view.ts';
import { SiteEditor } from '../site-editor.ts';
import { TemplatePicker } from '../template-picker.ts';

/** The point-to-point result of the store's p2p target (the chosen sector, else the best one toward the point). */
export function p2pResult(s: AppState): { result: P2pResult; sectorIds: string[] } | null {
  const p = s.p2p;
  const sc = s.scenario;
  const site = p && sc?.sites.find((x) => x.id === p.siteId);
  if (!p || !sc || !site) return null;
  const carrierId = s.ui.carrierId ?? sc.carriers[0]?.id;
  const own = site.sectors.filter((x) => x.carrierId === carrierId);
  const sectors = own.length ? own : site.sectors;
  if (!sectors.length) return null;
  const results = sectors.map((sec) => pointToPoint({ site, sector: sec, carriers: sc.carriers, ueHeightM: sc.ueHeightM, targetLonDeg: p.target[0], targetLatDeg: p.target[1], options: s.coverage?.options }));
  const result = results.find((x) => x.sectorId === p.sectorId) ?? results.reduce((a, b) => (b.budget.rsrpDbm > a.budget.rsrpDbm ? b : a));
  return { result, sectorIds: sectors.map((x) => x.id) };
}

/** Deletes the selected sites as one undoable step. */
export function deleteSelected({ store, scenarios }: Pick<AppContext, 'store' | 'scenarios'>): void {
  const s = store.get();
  if (!s.scenario || s.selection.length === 0) return;
  const ids = [...s.selection];
  store.set({ selection: [] });
  scenarios.commit(deleteSites(s.scenario, ids), historyLabel('hDelete', { ids: ids.join(', ') }));
}

export function mountPlanner(ctx: AppContext): { picker: TemplatePicker } {
  const { store, els, scenarios } = ctx;
  const root = els.plannerRoot;
  const importInput = h('input', { type: 'file', id: 'import-sites', accept: '.csv,.geojson,.json,text/csv,application/geo+json', hidden: '' });
  const importLabel = h('label', { class: 'button secondary', tabindex: '0' }, h('span', { 'data-i18n': 'importSites' }), importInput);
  const selStatus = h('div', { class: 'status', id: 'selection-status' });
  const delButton = h('button', { id: 'delete-selected', class: 'secondary', 'data-i18n': 'deleteSelected', disabled: '' });
  const editorEl = h('div', { id: 'site-editor' });
  const p2pButton = h('button', { id: 'p2p-start', class: 'secondary', 'data-i18n': 'p2pStart' });
  const p2pEl = h('div', { id: 'p2p' });
  const pickerEl = h('div', { id: 'template-picker' });
  root.replaceChildren(pickerEl, h('div', { class: 'row' }, importLabel), selStatus, h('div', { class: 'row' }, delButton), editorEl,
    h('h3', { 'data-i18n': 'p2pTitle' }), h('div', { class: 'row' }, p2pButton), p2pEl);
  const translate = () => {
    for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  };
  translate();
  importLabel.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    importInput.click();
  });

  const picker = new TemplatePicker(pickerEl, (template) => {
    store.set({ mode: { kind: 'placing', template } });
    setStatus(store, 'scenario', msg('placeHint'));
  });
  store.subscribe((s) => s.mode.kind, (kind) => kind !== 'placing' && picker.clear());

  const editor = new SiteEditor(editorEl, {
    carriers: [], privateNetworks: [],
    onCommit: (site) => {
      const sc = store.get().scenario;
      if (sc) scenarios.commit(replaceSite(sc, site), historyLabel('hEdit', { site: site.id }));
    },
    onDelete: (id) => {
      store.set({ selection: [id] });
      deleteSelected(ctx);
    },
    onDuplicate: (id) => {
      const sc = store.get().scenario;
      const r = sc && duplicateSite(sc, id);
      if (!r) return;
      store.set({ selection: [r.newId] });
      scenarios.commit(r.scenario, historyLabel('hDuplicate', { site: id }));
    },
    onAddCarrier: (carrier, site) => {
      const sc = store.get().scenario;
      if (!sc) return;
      setStatus(store, 'scenario', msg('carrierAdded', { carrier: carrier.id, site: site.id }));
      scenarios.commit(addCarrierForSite(sc, carrier, site), historyLabel('hAddCarrier', { carrier: carrier.id }));
    },
  });
  store.subscribe((s) => [s.scenario, s.selection, s.boundaries, s.lang] as const, ([sc, sel, b]) => {
    if (!sc) return;
    editor.setContext({ carriers: sc.carriers, privateNetworks: sc.privateNetworks, inside: b?.inside });
    editor.show(sel.length === 1 ? sc.sites.find((x) => x.id === sel[0]) ?? null : null);
    // A few ids, then how many more (an import of thousands of sites selects them all).
    const ids = sel.length > 6 ? `${sel.slice(0, 5).join(', ')} ${t('andMore', { n: sel.length - 5 })}` : sel.join(', ');
    selStatus.textContent = sel.length ? t('selected', { ids, n: sel.length }) : t('selectHint');
    delButton.disabled = sel.length === 0;
  }, { equals: (a, b) => a.every((x, i) => x === b[i]), immediate: true });
  store.subscribe((s) => s.lang, () => {
    translate();
    picker.render();
    editor.render();
  });
  delButton.addEventListener('click', () => deleteSelected(ctx));

  const dialog = new ImportPreviewDialog();
  importInput.addEventListener('change', () => {
    const f = importInput.files?.[0];
    if (!f) return;
    void (async () => {
      const sc = store.get().scenario;
      if (!sc) return;
      try {
        const bytes = new Uint8Array(await f.arrayBuffer());
        const preview = importSites(decodeImportBytes(bytes, f.name), f.name, sc, { inside: store.get().boundaries?.inside, knownModelIds: PATH_LOSS_MODEL_IDS });
        store.set({ importPreview: { valid: validRowCount(preview), problems: preview.problems.length } });
        if ((await dialog.open(preview, f.name)) !== 'valid') {
          setStatus(store, 'scenario', msg('importCancelled', { name: f.name }));
          return;
        }
        const now = store.get().scenario!;
        const next = applyImport(now, preview);
        const added = next.sites.length - now.sites.length;
        setStatus(store, 'scenario', msg('imported', { name: f.name, n: added }));
        scenarios.commit(next, historyLabel('hImport', { name: f.name, n: added }));
      } catch (e) {
        // A file that cannot be read changes nothing; the message names it.
        setStatus(store, 'scenario', raw((e as Error).message));
      }
    })().finally(() => (importInput.value = ''));
  });

  p2pButton.addEventListener('click', () => {
    store.set({ mode: { kind: 'p2p-site' } });
    setStatus(store, 'scenario', msg('p2pPickSite'));
  });
  store.subscribe((s) => [s.p2p, s.scenario, s.ui.carrierId, s.coverage?.options, s.lang] as const, () => {
    const r = p2pResult(store.get());
    if (!r) return;
    p2pEl.replaceChildren(...p2pNodes(r.result, r.sectorIds, (sectorId) => {
      const p = store.get().p2p;
      if (p) store.set({ p2p: { ...p, sectorId } });
    }));
  }, { equals: (a, b) => a.every((x, i) => x === b[i]) });
  return { picker };
}

