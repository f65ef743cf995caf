/**
 * Identify, as in QGIS: a click on a commune (or a former district) opens a small popup at the
 * click with its name, type, code, population and area and, for a commune, its coverage from
 * the current statistics (share of the area at the middle threshold, people covered, median
 * RSRP). "Details" brings the communes mode forward with the full details and the histogram.
 */
import { Popup } from 'maplibre-gl';
import type { AppContext } from '../../app/context.ts';
import { isCurrent } from '../../app/state.ts';
import { formatNumber, formatPercent, t, type MessageKey } from '../../i18n/i18n.ts';
import { featureTitle, unitTypeText } from '../../i18n/names.ts';
import { localizeMapControls } from '../map-locale.ts';
import { populationThreshold } from '../commune-table.ts';
import { h } from '../dom.ts';
import { showMode } from '../panel.ts';

export function mountIdentify({ store, map }: AppContext): void {
  const popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '280px', className: 'identify' });
  store.subscribe((s) => [s.picked, isCurrent(s.derived.stats, s) ? s.derived.stats.value : null, s.lang] as const, ([picked, stats]) => {
    if (!picked?.at) {
      popup.remove();
      return;
    }
    const p = picked.props as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
    const rows: [MessageKey, string][] = [];
    if (p.type_vi) rows.push(['fieldType', unitTypeText(String(p.type_vi))]);
    if (p.code) rows.push(['fieldCode', String(p.code)]);
    if (p.population != null && Number.isFinite(num(p.population))) rows.push(['fieldPopulation', formatNumber(num(p.population), 0)]);
    if (p.area_km2 != null) rows.push(['fieldArea', t('km2', { v: formatNumber(num(p.area_km2)) })]);
    const focus = store.get().focus;
    const c = picked.kind === 'communes' && focus && stats ? stats.communes.find((x) => x.index === focus.index) : undefined;
    if (c && stats) {
      const thr = populationThreshold(stats.thresholds);
      const at = c.thresholds.find((x) => x.threshold === thr);
      if (at && at.share !== null) rows.push(['idShare', `${formatPercent(at.share)} (≥ ${formatNumber(thr!, 0)} dBm)`]);
      if (at?.populationCovered !== undefined) rows.push(['idPeople', formatNumber(at.populationCovered, 0)]);
      if (c.median !== null) rows.push(['medianDbm', formatNumber(c.median, 1)]);
    }
    const details = h('button', { class: 'secondary small', id: 'identify-details' }, t('idDetails'));
    details.addEventListener('click', () => {
      showMode('communes');
      document.getElementById('section-info')?.scrollIntoView({ block: 'start' });
    });
    const body = h('div', { id: 'identify' },
      h('div', { class: 'identify-title' }, featureTitle(p)),
      h('dl', { class: 'info' }, ...rows.flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)])),
      details);
    popup.setLngLat([picked.at[0], picked.at[1]]).setDOMContent(body);
    if (!popup.isOpen()) popup.addTo(map);
    localizeMapControls(map);
  }, { equals: (a, b) => a.every((x, i) => x === b[i]) });
  popup.on('close', () => {
    if (store.get().picked?.at) store.set((s) => ({ picked: s.picked ? { kind: s.picked.kind, props: s.picked.props } : null }));
  });
}
