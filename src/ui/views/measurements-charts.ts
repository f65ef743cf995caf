/**
 * The two charts of the measurements section (d3-scale, SVG built with dom.ts `svg`, text as
 * text): predicted × measured as a density of 1 dB cells (a million points are drawn as the few
 * thousand cells they fill, stats.ts `scatterDensity`, one pixel each in a picture scaled into the
 * chart) with the line measured = predicted, and
 * the histogram of the error measured − predicted coloured like the error layer.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { interpolateBlues } from 'd3-scale-chromatic';
import { rgb } from 'd3-color';
import type { ErrorHistogram, ScatterDensity } from '../../core/measurements/stats.ts';
import { pointClass } from '../../core/measurements/raster.ts';
import { formatNumber, t } from '../../i18n/i18n.ts';
import { h, svg } from '../dom.ts';

/** The density chart: x predicted, y measured, dBm; only the square that holds points is drawn. */
export function scatterChart(d: ScatterDensity, id: string): HTMLElement {
  const W = 300, H = 300, pad = { l: 40, r: 10, t: 10, b: 30 };
  let lo = d.size, hi = -1, maxCount = 0;
  for (let iy = 0; iy < d.size; iy++) {
    for (let ix = 0; ix < d.size; ix++) {
      const c = d.counts[iy * d.size + ix];
      if (!c) continue;
      lo = Math.min(lo, ix, iy);
      hi = Math.max(hi, ix, iy);
      maxCount = Math.max(maxCount, c);
    }
  }
  const chart = svg('svg', { id, viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': t('measScatterTitle') });
  if (hi < 0) return h('div', {}, h('div', { class: 'hist-title' }, t('measScatterTitle')), chart);
  const v0 = Math.floor((d.minDbm + lo * d.binDb) / 10) * 10, v1 = Math.ceil((d.minDbm + (hi + 1) * d.binDb) / 10) * 10;
  const x = scaleLinear().domain([v0, v1]).range([pad.l, W - pad.r]);
  const y = scaleLinear().domain([v0, v1]).range([H - pad.b, pad.t]);
  const shade = scaleLog().domain([1, Math.max(2, maxCount)]).range([0.25, 1]).clamp(true);
  // The cells as one picture (a pixel per cell, scaled up without smoothing): thousands of SVG
  // rectangles would cost the main thread ~0.1 s for a million points.
  const side = hi - lo + 1;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side;
  const ctx2 = canvas.getContext('2d')!;
  const img = ctx2.createImageData(side, side);
  const px = new Uint32Array(img.data.buffer);
  // 64 shades, each colour parsed once.
  const words = Uint32Array.from({ length: 64 }, (_, k) => {
    const { r, g, b } = rgb(interpolateBlues(0.25 + (0.75 * k) / 63));
    return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
  });
  let cells = 0;
  for (let iy = lo; iy <= hi; iy++) {
    for (let ix = lo; ix <= hi; ix++) {
      const c = d.counts[iy * d.size + ix];
      if (!c) continue;
      px[(hi - iy) * side + (ix - lo)] = words[Math.round(((shade(c) - 0.25) / 0.75) * 63)];
      cells++;
    }
  }
  ctx2.putImageData(img, 0, 0);
  const x0 = d.minDbm + lo * d.binDb, x1 = d.minDbm + (hi + 1) * d.binDb;
  const ticks = x.ticks(5);
  chart.setAttribute('data-cells', String(cells));
  chart.append(
    svg('rect', { x: pad.l, y: pad.t, width: W - pad.l - pad.r, height: H - pad.t - pad.b, fill: 'none', stroke: '#ccc' }),
    svg('image', { class: 'density', href: canvas.toDataURL('image/png'), x: x(x0), y: y(x1), width: x(x1) - x(x0), height: y(x0) - y(x1), preserveAspectRatio: 'none', style: 'image-rendering: pixelated' }),
    svg('line', { class: 'diagonal', x1: x(v0), y1: y(v0), x2: x(v1), y2: y(v1), stroke: '#e6550d', 'stroke-width': 1.2 }),
    ...ticks.map((v) => svg('text', { x: x(v), y: H - 14, 'text-anchor': 'middle' }, formatNumber(v, 0))),
    ...ticks.map((v) => svg('text', { x: pad.l - 4, y: y(v) + 3, 'text-anchor': 'end' }, formatNumber(v, 0))),
  );
  return h('div', {}, h('div', { class: 'hist-title' }, t('measScatterTitle')), chart, h('div', { class: 'note' }, t('measScatterFoot')));
}

/** The error histogram, bars coloured by the error layer's classes. */
export function histogramChart(hist: ErrorHistogram, colours: { readonly edges: readonly number[]; readonly colours: readonly string[] }, mean: number, std: number, id: string): HTMLElement {
  const W = 300, H = 150, pad = { l: 34, r: 8, t: 10, b: 24 };
  const n = hist.counts.length;
  const total = hist.counts.reduce((a, b) => a + b, 0) + hist.below + hist.above;
  const x = scaleLinear().domain([hist.minDb, hist.minDb + n * hist.binWidthDb]).range([pad.l, W - pad.r]);
  const shares = hist.counts.map((c) => (total ? c / total : 0));
  const y = scaleLinear().domain([0, Math.max(0.01, ...shares)]).nice(4).range([H - pad.b, pad.t]);
  const bars = shares.map((s, k) => {
    const x0 = hist.minDb + k * hist.binWidthDb;
    const colour = colours.colours[Math.max(0, pointClass(colours.edges, x0 + hist.binWidthDb / 2))];
    return svg('rect', { x: x(x0) + 0.2, y: y(s), width: Math.max(0.5, x(x0 + hist.binWidthDb) - x(x0) - 0.4), height: y(0) - y(s), fill: colour },
      svg('title', {}, `${formatNumber(x0, 0)} … ${formatNumber(x0 + hist.binWidthDb, 0)} dB: ${formatNumber(s * 100, 1)}%`));
  });
  const chart = svg('svg', { id, viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': t('measHistTitle') },
    svg('line', { x1: pad.l, x2: W - pad.r, y1: y(0), y2: y(0), stroke: '#999' }), ...bars,
    ...(Number.isFinite(mean) ? [svg('line', { class: 'mean', x1: x(mean), x2: x(mean), y1: pad.t, y2: y(0), stroke: '#1d2a33', 'stroke-dasharray': '3 2' })] : []),
    svg('line', { x1: x(0), x2: x(0), y1: pad.t, y2: y(0), stroke: '#999', 'stroke-width': 0.5 }),
    ...x.ticks(8).map((v) => svg('text', { x: x(v), y: H - 8, 'text-anchor': 'middle' }, formatNumber(v, 0))),
    ...y.ticks(3).map((v) => svg('text', { x: pad.l - 3, y: y(v) + 3, 'text-anchor': 'end' }, `${formatNumber(v * 100, 0)}%`)));
  return h('div', {}, h('div', { class: 'hist-title' }, t('measHistTitle')), chart, h('div', { class: 'note' }, t('measHistFoot', { mean: formatNumber(mean, 2), std: formatNumber(std, 2) })));
}
