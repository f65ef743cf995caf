/**
 * Histogram and CDF of the shown layer over the province or a commune (d3-scale): bars are the
 * share of the area's cells per bin, coloured like the map; the line is the share of cells at or
 * below each value (no-service cells counted as the lowest), read on the right axis. The area's
 * name is the user's text (a dropped boundary file): it goes in as text only.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { Distribution } from '../core/stats/distribution.ts';
import { formatNumber, t, type MessageKey } from '../i18n/i18n.ts';
import { h, svg } from './dom.ts';
import { classOf, type LayerStyle } from './layer-styles.ts';

export function renderDistribution(el: HTMLElement, d: Distribution, style: LayerStyle, areaName: string, unit: string): void {
  const W = 300, H = 150, pad = { l: 34, r: 30, t: 18, b: 24 };
  const { min, max, step } = d.bins;
  const x = scaleLinear().domain([min, max]).range([pad.l, W - pad.r]);
  const shares = Array.from(d.counts, (c) => (d.cells ? c / d.cells : 0));
  const yMax = Math.max(0.01, ...shares);
  const y = scaleLinear().domain([0, yMax]).nice(4).range([H - pad.b, pad.t]);
  const yc = scaleLinear().domain([0, 1]).range([H - pad.b, pad.t]);
  const bars = shares.map((s, k) => {
    const x0 = min + k * step;
    const colour = style.colours[Math.max(0, classOf(style, x0 + step / 2))];
    const tip = `${formatNumber(x0, 1)} … ${formatNumber(x0 + step, 1)} ${unit}: ${formatNumber(s * 100, 1)}%`;
    return svg('rect', { x: x(x0) + 0.3, y: y(s), width: Math.max(0.5, x(x0 + step) - x(x0) - 0.6), height: y(0) - y(s), fill: colour === 'transparent' ? '#bbb' : colour }, svg('title', {}, tip));
  });
  const pts: [number, number][] = [[x(min), yc(d.cells ? d.noService / d.cells : 0)], ...Array.from(d.cdf, (c, k): [number, number] => [x(min + (k + 1) * step), yc(c)])];
  const xt = x.ticks(5).map((v) => svg('text', { x: x(v), y: H - 8, 'text-anchor': 'middle' }, formatNumber(v, 0)));
  const yt = y.ticks(3).map((v) => svg('text', { x: pad.l - 3, y: y(v) + 3, 'text-anchor': 'end' }, `${formatNumber(v * 100, 0)}%`));
  const ct = [0, 0.5, 1].map((v) => svg('text', { x: W - pad.r + 3, y: yc(v) + 3, class: 'cdf-tick' }, `${formatNumber(v * 100, 0)}%`));
  const head = t('distTitle', { layer: t(style.titleKey as MessageKey), area: areaName });
  const foot = t('distFoot', { cells: formatNumber(d.cells, 0), none: formatNumber(d.cells ? (d.noService / d.cells) * 100 : 0, 1) });
  const chart = svg('svg', { id: 'distribution-chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': head },
    svg('line', { x1: pad.l, x2: W - pad.r, y1: y(0), y2: y(0), stroke: '#999' }), ...bars,
    svg('path', { d: line()(pts) ?? '', fill: 'none', stroke: '#1d2a33', 'stroke-width': 1.5 }), ...xt, ...yt, ...ct,
    svg('text', { x: W - pad.r, y: pad.t - 6, 'text-anchor': 'end' }, t('distLegend', { unit })));
  el.replaceChildren(h('div', { class: 'hist-title' }, head), chart, h('div', { class: 'note' }, foot));
}
