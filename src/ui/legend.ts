/** The legend of the layer on the map: one swatch per class of its style, labelled with its interval and unit. */
import { formatNumber, t, type MessageKey } from '../i18n/i18n.ts';
import { CLUTTER_TYPES } from '../core/clutter/p2108.ts';
import { h } from './dom.ts';
import type { LayerStyle } from './layer-styles.ts';

/** A colour swatch (the colour is ours, never user text). */
export function swatch(colour: string): HTMLSpanElement {
  const s = h('span', { class: 'swatch' });
  s.style.background = colour;
  return s;
}

export function renderLegend(el: HTMLElement, style: LayerStyle, modelNote: string): void {
  const rows: HTMLElement[] = [];
  const e = style.edges;
  const d = style.decimals ?? 1;
  if (style.id === 'clutter') {
    // One row per clutter class, in CLUTTER_TYPES order.
    CLUTTER_TYPES.forEach((type, k) => rows.push(h('div', { class: 'legend-row', 'data-class': type }, swatch(style.colours[k]), t(`clutter-${type}` as MessageKey))));
  } else if (style.categorical) {
    rows.push(h('div', { class: 'legend-row' }, ...style.colours.slice(0, 6).map(swatch)));
    rows.push(h('div', { class: 'note' }, t('legendCategorical')));
  } else {
    for (let k = e.length; k >= 1; k--) {
      const label = k === e.length ? `≥ ${formatNumber(e[k - 1], d)}` : `${formatNumber(e[k - 1], d)} … ${formatNumber(e[k], d)}`;
      rows.push(h('div', { class: 'legend-row', 'data-min': String(e[k - 1]) }, swatch(style.colours[k]), label));
    }
    const below = style.belowKey ? t(style.belowKey, { v: formatNumber(e[0], d) }) : `< ${formatNumber(e[0], d)}`;
    rows.push(h('div', { class: 'legend-row', 'data-min': '-Infinity' }, swatch(style.colours[0]), below));
  }
  el.replaceChildren(legendTitle(el, t(style.titleKey)), h('div', { class: 'legend-body' }, ...rows, h('div', { class: 'note' }, modelNote)));
  el.hidden = false;
}

/**
 * A legend's title, which folds the legend away (and back) so that it does not cover the map;
 * the choice is kept on the element across re-renders.
 */
export function legendTitle(el: HTMLElement, title: string): HTMLButtonElement {
  const collapsed = el.dataset.collapsed === '1';
  const b = h('button', { class: 'title legend-toggle', 'aria-expanded': String(!collapsed), title: t(collapsed ? 'legendShow' : 'legendHide') }, `${collapsed ? '▸' : '▾'} ${title}`);
  b.addEventListener('click', () => {
    const now = el.dataset.collapsed !== '1';
    el.dataset.collapsed = now ? '1' : '0';
    b.setAttribute('aria-expanded', String(!now));
    b.textContent = `${now ? '▸' : '▾'} ${title}`;
    b.title = t(now ? 'legendShow' : 'legendHide');
  });
  return b;
}
