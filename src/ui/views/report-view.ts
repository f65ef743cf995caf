/**
 * The printable report (Vietnamese by default): network, province summary, the map, the legend,
 * the ten worst communes and the private networks, from the statistics of the coverage on the
 * map. Built with DOM nodes (text is text, never HTML).
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { AppContext } from '../../app/context.ts';
import { isCurrent, type AppState } from '../../app/state.ts';
import type { AreaStats } from '../../core/stats/commune-stats.ts';
import { formatNumber, getLang, t } from '../../i18n/i18n.ts';
import { populationThreshold } from '../commune-table.ts';
import { h } from '../dom.ts';
import { pnLines } from './pn-view.ts';

/** The map as a PNG data URL, read inside a render (the WebGL buffer is only readable then). */
export function mapSnapshot(map: MlMap): Promise<string> {
  return new Promise((resolve) => {
    map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
    map.triggerRepaint();
  });
}

/** Fills the print-only report element; false when there are no current statistics. */
export function fillReport(s: AppState, el: HTMLElement, legend: HTMLElement, mapImage: string): boolean {
  const stats = isCurrent(s.derived.stats, s) ? s.derived.stats.value : null;
  const cov = s.coverage;
  if (!stats || !cov) return false;
  const scenario = cov.scenario;
  const p = stats.province;
  const thresholds = stats.thresholds;
  const popThr = populationThreshold(thresholds) ?? -110;
  const pctOf = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumber(v * 100, 1)}%`);
  const shareAt = (a: AreaStats, thr: number) => a.thresholds.find((x) => x.threshold === thr)?.share ?? null;
  const pop = p.thresholds.find((x) => x.threshold === popThr)?.populationCovered;
  const worst = [...stats.communes].filter((c) => c.cells > 0).sort((a, b) => (shareAt(a, popThr) ?? 0) - (shareAt(b, popThr) ?? 0)).slice(0, 10);
  const carrier = cov.scene.carriers.find((c) => c.id === s.ui.carrierId) ?? cov.scene.carriers[0];
  const sinrDb = s.ui.statsOptions.sinrThresholdDb ?? 0;
  const pns = isCurrent(s.derived.privateNetworks, s) ? pnLines(s, s.derived.privateNetworks.value) : [];
  const date = new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'vi-VN').format(new Date());
  const legendCopy = legend.cloneNode(true) as HTMLElement;
  legendCopy.removeAttribute('id');
  legendCopy.className = 'report-legend';
  el.replaceChildren(
    h('h1', {}, t('reportTitle')),
    ...(scenario.sample ? [h('p', { class: 'banner' }, t('reportSample'))] : []),
    h('p', {}, t('reportNetwork', { name: scenario.name, carrier: carrier.label, cell: cov.scene.grid.cellSizeM, date })),
    h('p', {}, t('reportProvince', {
      area: formatNumber(p.areaKm2, 0), shares: thresholds.map((thr) => `RSRP ≥ ${formatNumber(thr, 0)} dBm: ${pctOf(shareAt(p, thr))}`).join(', '),
      sinr: formatNumber(sinrDb, 0), sSinr: pctOf(p.booleanShares.sinr), sUl: pctOf(p.booleanShares.uplink), v: formatNumber(popThr, 0), pop: pop === undefined ? '—' : formatNumber(pop, 0),
    })),
    ...(scenario.privateNetworks.length ? [h('p', {}, t('reportPrivate', { names: scenario.privateNetworks.map((n) => n.name).join(', ') })), ...pns.map((l) => h('p', {}, l))] : []),
    ...(mapImage ? [h('img', { class: 'report-map', alt: '', src: mapImage })] : []),
    legendCopy,
    h('h2', {}, t('reportWorst')),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, t('communeName')), ...thresholds.map((thr) => h('th', {}, `≥ ${formatNumber(thr, 0)}`)), h('th', {}, t('medianDbm')), h('th', {}, t('col_sinr', { v: formatNumber(sinrDb, 0) })))),
      h('tbody', {}, ...worst.map((c) => h('tr', {}, h('td', {}, c.name), ...c.thresholds.map((x) => h('td', {}, pctOf(x.share))), h('td', {}, c.median === null ? '—' : formatNumber(c.median, 1)), h('td', {}, pctOf(c.booleanShares.sinr))))),
    ),
    h('p', { class: 'note' }, t('populationNote')),
  );
  return true;
}

export function mountReport({ store, els, map }: AppContext, reportEl: HTMLElement, legendEl: HTMLElement): () => Promise<boolean> {
  const prepare = async () => fillReport(store.get(), reportEl, legendEl, await mapSnapshot(map));
  els.printButton.addEventListener('click', () => {
    void prepare().then((ok) => ok && window.print());
  });
  return prepare;
}
