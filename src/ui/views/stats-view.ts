/**
 * Commune statistics: the table (sortable, searchable), the thresholds, the choropleth choice,
 * the downloads (CSV, GeoJSON, the export bundle) and the printed report. Everything shows the
 * statistics of the coverage on the map, or says they are being computed.
 */
import turfBbox from '@turf/bbox';
import type { AppContext } from '../../app/context.ts';
import { setUi } from '../../app/context.ts';
import { isCurrent, type AppState } from '../../app/state.ts';
import type { StatsOptions } from '../../core/export/contract.ts';
import type { CommuneStatsResult } from '../../core/stats/commune-stats.ts';
import { communeStatsCsv, communeStatsGeoJson, geoJsonText } from '../../core/export/vector.ts';
import { formatNumber, t } from '../../i18n/i18n.ts';
import { CommuneTable } from '../commune-table.ts';
import { download } from '../download.ts';
import type { CoverageView } from './coverage-view.ts';

/** Parses the thresholds fields; shows the reason at the fields and returns null when invalid. */
function readStatsOptions(els: AppContext['els']): StatsOptions | null {
  const parts = els.thresholdsInput.value.replace(/[−–]/g, '-').split(/[;,\s]+/).filter(Boolean).map(Number);
  const okRsrp = parts.length >= 1 && parts.length <= 4 && parts.every((v) => Number.isFinite(v) && v >= -150 && v <= -40);
  const sinr = Number(els.sinrThresholdInput.value);
  const okSinr = els.sinrThresholdInput.value.trim() !== '' && Number.isFinite(sinr) && sinr >= -20 && sinr <= 40;
  els.thresholdsInput.setAttribute('aria-invalid', String(!okRsrp));
  els.sinrThresholdInput.setAttribute('aria-invalid', String(!okSinr));
  const msgs = [okRsrp ? '' : t('thresholdsInvalid'), okSinr ? '' : t('sinrThresholdInvalid')].filter(Boolean);
  els.thresholdsError.hidden = msgs.length === 0;
  els.thresholdsError.textContent = msgs.join(' ');
  if (!okRsrp || !okSinr) return null;
  return { indoorThresholdDbm: -110, rsrpThresholdsDbm: [...new Set(parts)].sort((a, b) => b - a), sinrThresholdDb: sinr };
}

/** The choropleth choices a statistics result offers: [value, label]. */
function choroplethOptions(stats: CommuneStatsResult, o: StatsOptions): [string, string][] {
  const opts: [string, string][] = [['', t('choroplethNone')], ...stats.thresholds.map((thr): [string, string] => [`share:${thr}`, t('choroplethShare', { v: formatNumber(thr, 0) })])];
  const titles = { uplink: 'col_uplink_title', indoor: 'col_indoor_title', sinr: 'col_sinr_title' } as const;
  for (const k of ['uplink', 'indoor', 'sinr'] as const) {
    if (k in stats.province.booleanShares) opts.push([`bool:${k}`, t('choroplethBool', { what: t(titles[k], { v: formatNumber(o.sinrThresholdDb ?? 0, 0) }) })]);
  }
  return opts;
}

/** Zooms the map to a commune and makes it the focus (details, histogram, distribution area). */
export function focusCommune({ store, map }: Pick<AppContext, 'store' | 'map'>, index: number): void {
  const f = store.get().boundaries?.communes[index];
  if (!f) return;
  const [w, s, e, n] = turfBbox(f);
  map.fitBounds([[w, s], [e, n]], { padding: 40, duration: 0 });
  store.set({ focus: { index, name: String(f.properties?.name ?? '') }, picked: { kind: 'communes', props: f.properties ?? {} } });
}

export function mountStats(ctx: AppContext, view: CoverageView): void {
  const { store, els, exporter } = ctx;
  const table = new CommuneTable(els.statsRoot, (index) => focusCommune(ctx, index));
  store.subscribe((s) => s.boundaries, (b) => b && table.setSearch(b.search), { immediate: true });
  const current = (s: AppState) => (isCurrent(s.derived.stats, s) ? s.derived.stats.value : null);

  store.subscribe((s) => [current(s), s.lang, s.coverage !== null] as const, ([stats, , hasCoverage]) => {
    const s = store.get();
    els.statsStatus.textContent = stats || !hasCoverage ? '' : t('statsComputing');
    for (const b of [els.exportCsvButton, els.exportGeojsonButton, els.printButton, els.choroplethSelect]) b.disabled = !stats;
    els.exportZipButton.disabled = !hasCoverage;
    if (!stats) return;
    table.set(stats, s.ui.statsOptions.sinrThresholdDb ?? 0, s.coverage?.options.probabilityThresholdDbm);
    const opts = choroplethOptions(stats, s.ui.statsOptions);
    els.choroplethSelect.replaceChildren(...opts.map(([v, label]) => new Option(label, v)));
    els.choroplethSelect.value = opts.some(([v]) => v === s.ui.choropleth) ? s.ui.choropleth : '';
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2], immediate: true });

  const onThresholds = () => {
    const o = readStatsOptions(els);
    if (o) setUi(store, { statsOptions: o }); // else the message stands at the field; the last valid statistics stay
  };
  els.thresholdsInput.addEventListener('change', onThresholds);
  els.sinrThresholdInput.addEventListener('change', onThresholds);
  store.subscribe((s) => s.ui.statsOptions, (o) => {
    els.thresholdsInput.value = (o.rsrpThresholdsDbm ?? []).map((v) => formatNumber(v, 1)).join(', ');
    els.sinrThresholdInput.value = String(o.sinrThresholdDb ?? 0);
  });

  els.choroplethSelect.addEventListener('change', () => setUi(store, { choropleth: els.choroplethSelect.value }));
  view.choroplethLabel = () => els.choroplethSelect.selectedOptions[0]?.textContent ?? '';
  store.subscribe((s) => s.ui.choropleth !== '' && current(s) !== null, (on) => view.setVisible(!on), { immediate: true });

  els.exportCsvButton.addEventListener('click', () => {
    const stats = current(store.get());
    if (stats) download('communes.csv', communeStatsCsv(stats), 'text/csv;charset=utf-8');
  });
  els.exportGeojsonButton.addEventListener('click', () => {
    const s = store.get();
    const stats = current(s);
    if (stats && s.boundaries) download('communes.geojson', geoJsonText(communeStatsGeoJson(s.boundaries.communes, stats)), 'application/geo+json');
  });
  els.exportZipButton.addEventListener('click', () => void exporter.exportBundle());
}
