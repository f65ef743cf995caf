/**
 * Private networks: the network chooser, drawing or importing a service area (a refused file is
 * named with the feature and reason and changes nothing), and each network's figures on its own
 * carrier (coverage inside the service area, spill-over outside) for the coverage on the map.
 */
import turfArea from '@turf/area';
import type { Polygon, Position } from 'geojson';
import type { AppContext } from '../../app/context.ts';
import { setStatus } from '../../app/context.ts';
import { historyLabel } from '../../app/scenario-controller.ts';
import { isCurrent, msg, raw, type AppState } from '../../app/state.ts';
import { setServiceArea } from '../../core/scenario/edits.ts';
import { checkServiceArea, parseServiceArea } from '../../core/scenario/service-area.ts';
import type { PrivateNetworkFigures } from '../../core/export/contract.ts';
import { formatNumber, formatPercent, t } from '../../i18n/i18n.ts';
import { carrierLabel } from '../../i18n/names.ts';
import { h } from '../dom.ts';
import type { PolygonDraw } from '../service-areas.ts';

/** The figures of every network, as lines in the current language. */
export function pnLines(s: AppState, figures: readonly PrivateNetworkFigures[]): string[] {
  const shown = s.coverage?.scene.carriers.map((c) => c.id) ?? [];
  const pct = (v: number | null | undefined) => formatPercent(v);
  const label = (id: string) => { const c = s.scenario?.carriers.find((x) => x.id === id); return c ? carrierLabel(c) : id; };
  return figures.map((f) => {
    const pn = s.scenario?.privateNetworks.find((n) => n.id === f.id);
    const area = pn ? formatNumber(turfArea(pn.serviceArea) / 1e6, 3) : '—';
    if (!f.carrier) return t('pnNoSites', { name: f.name, area });
    if (!f.stats || !shown.includes(f.carrier)) return t('pnPickCarrier', { name: f.name, carrier: label(f.carrier) });
    const st = f.stats;
    return t('pnFigures', {
      name: f.name, carrier: label(f.carrier), area: formatNumber(st.serviceAreaKm2, 2), out: f.outdoorThresholdDbm, sOut: pct(st.outdoorCoveredShare), in: f.indoorThresholdDbm, sIn: pct(st.indoorCoveredShare),
      spill: f.spillThresholdDbm, spillArea: formatNumber(st.spillAreaKm2, 2), communes: st.spillCommunes.map((x) => x.name).join(', ') || '—',
    });
  });
}

export function mountPrivateNetworks(ctx: AppContext, drawer: PolygonDraw): void {
  const { store, els, scenarios } = ctx;
  store.subscribe((s) => [s.scenario?.privateNetworks, s.lang] as const, ([pns]) => {
    if (!pns) return;
    const prev = els.pnSelect.value;
    els.pnSelect.replaceChildren(...pns.map((n) => new Option(n.name, n.id)), new Option(t('pnNew'), ''));
    els.pnSelect.value = [...els.pnSelect.options].some((o) => o.value === prev) ? prev : (pns[0]?.id ?? '');
    els.pnName.hidden = els.pnSelect.value !== '';
    els.pnName.placeholder = t('pnNameLabel');
    els.pnName.setAttribute('aria-label', t('pnNameLabel'));
    els.pnSelect.setAttribute('aria-label', t('privateNetworks'));
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1], immediate: true });
  els.pnSelect.addEventListener('change', () => (els.pnName.hidden = els.pnSelect.value !== ''));

  store.subscribe((s) => [isCurrent(s.derived.privateNetworks, s) ? s.derived.privateNetworks.value : null, s.lang, s.coverage?.seq] as const, ([figures]) => {
    const s = store.get();
    if (!s.coverage) return;
    const lines = figures ? pnLines(s, figures) : [t('statsComputing')];
    els.pnRoot.replaceChildren(...lines.map((l) => h('p', {}, l)));
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] });

  /** Sets the chosen (or a new) network's service area, as one undoable step. */
  const useArea = (area: Polygon) => {
    const sc = store.get().scenario;
    if (!sc) return;
    const id = els.pnSelect.value || null;
    const name = els.pnName.value.trim() || t('pnDefaultName', { n: sc.privateNetworks.length + 1 });
    const r = setServiceArea(sc, id, name, area);
    scenarios.commit(r.scenario, historyLabel('hServiceArea', { name: r.name }));
    els.pnSelect.value = r.id;
    els.pnName.hidden = true;
    setStatus(store, 'pn', msg('pnAreaSet', { name: r.name, area: formatNumber(turfArea(area) / 1e6, 3) }));
  };

  els.pnDrawButton.addEventListener('click', () => {
    if (drawer.active) {
      drawer.stop(null);
      return;
    }
    void (async () => {
      setStatus(store, 'pn', msg('pnDrawHint'));
      els.pnDrawButton.textContent = t('pnDrawCancel');
      store.set({ mode: { kind: 'drawing' } });
      const ring: Position[] | null = await drawer.start();
      store.set({ mode: { kind: 'idle' } });
      els.pnDrawButton.textContent = t('pnDraw');
      if (!ring) {
        setStatus(store, 'pn', msg('pnDrawCancelled'));
        return;
      }
      try {
        useArea(checkServiceArea({ type: 'Polygon', coordinates: [ring] }, t('pnDrawnName'), 'polygon', store.get().boundaries?.inside));
      } catch (e) {
        setStatus(store, 'pn', raw((e as Error).message));
      }
    })();
  });
  els.pnFile.addEventListener('change', () => {
    const f = els.pnFile.files?.[0];
    if (!f) return;
    void f.text().then((text) => {
      try {
        useArea(parseServiceArea(text, f.name, store.get().boundaries?.inside));
      } catch (e) {
        // A refused file changes nothing: the message names the file, the feature and the reason.
        setStatus(store, 'pn', raw((e as Error).message));
      }
    }).finally(() => (els.pnFile.value = ''));
  });
}
