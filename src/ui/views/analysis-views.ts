/**
 * Views of the analysis results for the coverage on the map: the gap list, the histogram / CDF
 * of the shown layer, and the focused commune's details (its RSRP histogram and worst gaps).
 * Each shows the result of the current coverage, or that it is being computed.
 */
import type { AppContext } from '../../app/context.ts';
import { isCurrent, type AppState } from '../../app/state.ts';
import { isLayerId, layerDef } from '../../core/coverage/layer-registry.ts';
import { privateNetworkCarrierId } from '../../core/scenario/scenario.ts';
import { t } from '../../i18n/i18n.ts';
import { featureTitle } from '../../i18n/names.ts';
import { renderGapList, renderHistogram } from '../commune-views.ts';
import { renderDistribution } from '../distribution-chart.ts';
import { h } from '../dom.ts';
import { showFeatureInfo } from '../panel.ts';
import { styleOf } from './controls-view.ts';

const waiting = (key: 'statsComputing' | 'distWaiting' = 'statsComputing') => h('p', { class: 'status' }, t(key));

/** True when the shown carrier is a private network's (its gaps would be the whole province). */
function privateCarrierShown(s: AppState): boolean {
  const sc = s.coverage?.scenario;
  const id = s.coverage?.scene.carriers.find((c) => c.id === s.ui.carrierId)?.id ?? s.coverage?.scene.carriers[0]?.id;
  return !!sc && sc.privateNetworks.some((pn) => privateNetworkCarrierId(sc, pn.id) === id);
}

/** The focused commune's name with its type word in the current language ("Phường Long Châu" / "Long Châu Ward"). */
function focusTitle(s: AppState): string {
  const f = s.focus ? s.boundaries?.communes[s.focus.index] : undefined;
  return f ? featureTitle((f.properties ?? {}) as Record<string, unknown>) : (s.focus?.name ?? '');
}

export function mountAnalysisViews({ store, els, map }: AppContext): void {
  store.subscribe((s) => [isCurrent(s.derived.gaps, s) ? s.derived.gaps.value : null, s.lang, s.coverage?.seq] as const, ([gaps]) => {
    const s = store.get();
    if (!s.coverage) return;
    if (!gaps) els.gapsRoot.replaceChildren(waiting());
    else if (privateCarrierShown(s)) els.gapsRoot.replaceChildren(h('p', {}, t('gapsPrivateCarrier')));
    else renderGapList(els.gapsRoot, map, gaps);
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] });

  // The distribution's area: the province, or the focused commune.
  store.subscribe((s) => [s.focus, s.lang] as const, ([focus]) => {
    const sel = els.distArea;
    for (const o of [...sel.options]) if (o.value !== '-1') o.remove();
    if (focus) sel.append(new Option(focusTitle(store.get()), String(focus.index)));
    sel.value = String(focus?.index ?? -1);
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1] });
  els.distArea.addEventListener('change', () => {
    if (els.distArea.value === '-1') store.set({ focus: null });
  });
  store.subscribe((s) => [isCurrent(s.derived.distribution, s) ? s.derived.distribution.value : null, s.lang, s.ui.legendEdges, s.ui.layer, s.coverage?.seq] as const, ([dist]) => {
    const s = store.get();
    if (!s.coverage) return;
    if (!isLayerId(s.ui.layer) || !layerDef(s.ui.layer).bins) {
      els.distRoot.replaceChildren(h('p', { class: 'status' }, t('distCategorical')));
      return;
    }
    if (!dist || dist.layer !== s.ui.layer) {
      els.distRoot.replaceChildren(waiting());
      return;
    }
    const name = dist.area < 0 ? t('provinceTotal') : focusTitle(s);
    renderDistribution(els.distRoot, dist.d, styleOf(s, dist.layer), name, layerDef(dist.layer).unit);
  }, { equals: (a, b) => a.every((x, i) => x === b[i]) });

  // The picked feature's details; for the focused commune its RSRP histogram and worst gaps under them.
  store.subscribe((s) => [isCurrent(s.derived.communeValues, s) ? s.derived.communeValues.value : null, isCurrent(s.derived.gaps, s) ? s.derived.gaps.value : null, s.focus, s.lang, s.picked] as const, ([cv, gaps, focus, , picked]) => {
    if (!picked) return;
    showFeatureInfo(els, picked.kind, picked.props as Record<string, unknown>);
    const hist = document.getElementById('commune-hist');
    if (!hist || !focus || picked.kind !== 'communes') return;
    if (!cv || cv.index !== focus.index) {
      hist.replaceChildren(waiting());
      return;
    }
    const title = focusTitle(store.get());
    renderHistogram(hist, cv.values, title);
    if (!gaps) return;
    const mine = gaps.features.filter((g) => g.properties.communes.split('; ').includes(focus.name));
    const list = h('div');
    if (mine.length) renderGapList(list, map, { ...gaps, features: mine }, 5, 'commune-gap-list');
    hist.append(h('div', { id: 'commune-gaps' }, h('div', { class: 'hist-title' }, mine.length ? t('communeGaps', { name: title }) : t('communeGapsNone', { name: title })), list));
  }, { equals: (a, b) => a.every((x, i) => x === b[i]) });
}
