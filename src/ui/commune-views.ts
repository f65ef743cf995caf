/**
 * Map and panel views of the commune statistics: the choropleth of a commune statistic (with
 * its legend), the gap areas drawn on the map and listed (click = zoom), and a commune's RSRP
 * histogram (d3). Data come from src/core/stats via the workers; nothing is computed here but
 * the drawing.
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { bin, max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import turfBbox from '@turf/bbox';
import type { AreaStats, CommuneStatsResult } from '../core/stats/commune-stats.ts';
import type { GapCollection } from '../core/stats/gaps.ts';
import { formatNumber, t } from '../i18n/i18n.ts';
import { h, svg } from './dom.ts';
import { legendTitle, swatch } from './legend.ts';
import { LAYER_STYLES, classOf } from './layer-styles.ts';

/** Choropleth classes of a coverage share (0–1). */
export const SHARE_EDGES = [0.5, 0.7, 0.8, 0.9, 0.95, 0.99] as const;
export const SHARE_COLOURS = ['#a50026', '#f46d43', '#fdae61', '#fee08b', '#d9ef8b', '#66bd63', '#1a9850'] as const;

export function addChoroplethLayer(map: MlMap): void {
  if (map.getLayer('communes-choropleth')) return;
  const expr: unknown[] = ['step', ['coalesce', ['feature-state', 'share'], -1], '#cccccc', 0, SHARE_COLOURS[0]];
  SHARE_EDGES.forEach((e, k) => expr.push(e, SHARE_COLOURS[k + 1]));
  map.addLayer({ id: 'communes-choropleth', type: 'fill', source: 'communes', layout: { visibility: 'none' }, paint: { 'fill-color': expr as never, 'fill-opacity': 0.85 } }, 'communes-line');
}

/**
 * Puts each commune's share (≥ threshold) on its feature state; the layer shows it. `ids` are
 * the map features' ids by commune index (the GeoJSON ids, or the index when the source
 * generated them).
 */
/**
 * A choropleth statistic: `share:<dBm>` (area share with RSRP ≥ the threshold) or
 * `bool:<name>` (area share of a boolean layer: uplink, indoor, sinr). All are shares 0…1.
 */
export type ChoroplethStat = `share:${number}` | `bool:${string}`;

/** The share a statistic gives for one commune (null without cells). */
export function choroplethValue(c: AreaStats, stat: ChoroplethStat): number | null {
  if (stat.startsWith('share:')) {
    const thr = Number(stat.slice(6));
    return c.thresholds.find((x) => x.threshold === thr)?.share ?? null;
  }
  return c.booleanShares[stat.slice(5)] ?? null;
}

export function setChoropleth(map: MlMap, stats: CommuneStatsResult, stat: ChoroplethStat, ids: readonly (string | number)[]): void {
  for (const c of stats.communes) map.setFeatureState({ source: 'communes', id: ids[c.index] }, { share: choroplethValue(c, stat) ?? -1 });
}

export function renderChoroplethLegend(el: HTMLElement, title: string, note: string): void {
  const rows: HTMLElement[] = [];
  const edges: readonly number[] = SHARE_EDGES;
  for (let k = edges.length; k >= 0; k--) {
    const lo = k === 0 ? 0 : edges[k - 1];
    const hi = k === edges.length ? 1 : edges[k];
    rows.push(h('div', { class: 'legend-row' }, swatch(SHARE_COLOURS[k]), `${formatNumber(lo * 100, 0)}% … ${formatNumber(hi * 100, 0)}%`));
  }
  rows.push(h('div', { class: 'legend-row' }, swatch('#cccccc'), t('noCells')));
  el.replaceChildren(legendTitle(el, title), h('div', { class: 'legend-body' }, ...rows, h('div', { class: 'note' }, note)));
  el.hidden = false;
}

export function showGaps(map: MlMap, gaps: GapCollection): void {
  const data = gaps as unknown as FeatureCollection;
  const src = map.getSource('gaps') as { setData(d: FeatureCollection): void } | undefined;
  if (src) src.setData(data);
  else {
    map.addSource('gaps', { type: 'geojson', data });
    map.addLayer({ id: 'gaps-fill', type: 'fill', source: 'gaps', paint: { 'fill-color': '#b2182b', 'fill-opacity': 0.18 } }, 'communes-line');
    map.addLayer({ id: 'gaps-line', type: 'line', source: 'gaps', paint: { 'line-color': '#b2182b', 'line-width': 1.5 } }, 'communes-line');
  }
}

/** The largest gaps as a list; a click zooms the map to the gap. */
export function renderGapList(el: HTMLElement, map: MlMap, gaps: GapCollection, limit = 10, listId = 'gap-list'): void {
  const list = document.createElement('ol');
  list.id = listId;
  for (const f of gaps.features.slice(0, limit)) {
    const p = f.properties;
    const li = document.createElement('li');
    li.tabIndex = 0;
    li.textContent = t('gapItem', {
      area: formatNumber(p.area_km2, 2), communes: p.communes || '—',
      site: p.nearest_site_id ?? '—', km: p.nearest_site_km === undefined ? '—' : formatNumber(p.nearest_site_km, 1),
    });
    const zoom = () => {
      const [w, s, e, n] = turfBbox(f);
      map.fitBounds([[w, s], [e, n]], { padding: 60, duration: 0, maxZoom: 14 });
    };
    li.addEventListener('click', zoom);
    li.addEventListener('keydown', (ev) => ev.key === 'Enter' && zoom());
    list.append(li);
  }
  const head = document.createElement('div');
  head.className = 'status';
  head.textContent = t('gapSummary', { n: gaps.features.length, shown: Math.min(limit, gaps.features.length), area: formatNumber(gaps.features.reduce((a, f) => a + f.properties.area_km2, 0), 1) });
  el.replaceChildren(head, list);
}

/** Histogram of a commune's RSRP (5 dB bins, no-service cells as their own bar), coloured like the RSRP layer. */
export function renderHistogram(el: HTMLElement, values: Float64Array, name: string): void {
  const served = Array.from(values).filter((v) => v === v);
  const noService = values.length - served.length;
  const bins = bin().domain([-140, -40]).thresholds(Array.from({ length: 19 }, (_, k) => -135 + 5 * k))(served);
  const W = 290, H = 110, pad = { l: 34, r: 6, t: 16, b: 22 };
  const x = scaleLinear().domain([-140, -40]).range([pad.l, W - pad.r]);
  const y = scaleLinear().domain([0, Math.max(1, max(bins, (b) => b.length) ?? 1)]).nice().range([H - pad.b, pad.t]);
  const style = LAYER_STYLES.rsrp;
  const bars = bins.map((b) => {
    const colour = style.colours[Math.max(0, classOf(style, ((b.x0 ?? 0) + (b.x1 ?? 0)) / 2))];
    return svg('rect', { x: x(b.x0 ?? 0) + 0.5, y: y(b.length), width: Math.max(0, x(b.x1 ?? 0) - x(b.x0 ?? 0) - 1), height: y(0) - y(b.length), fill: colour === 'transparent' ? '#bbb' : colour }, svg('title', {}, `${b.x0}…${b.x1} dBm: ${b.length}`));
  });
  const ticks = [-140, -120, -100, -80, -60, -40].map((v) => svg('text', { x: x(v), y: H - 6, 'text-anchor': 'middle' }, String(v)));
  const yt = y.ticks(3).map((v) => svg('text', { x: pad.l - 4, y: y(v) + 3, 'text-anchor': 'end' }, formatNumber(v, 0)));
  const cells = svg('text', { x: W - pad.r, y: pad.t - 4, 'text-anchor': 'end' }, t('histCells', { n: values.length, none: noService }));
  const title = t('histTitle', { name });
  el.replaceChildren(h('div', { class: 'hist-title' }, title), svg('svg', { id: 'commune-histogram', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': title }, ...bars, ...ticks, ...yt, cells));
}
