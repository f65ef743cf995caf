/** The legend of the layer on the map: one swatch per class of its style, labelled with its interval and unit. */
import { formatNumber, t, type MessageKey } from '../i18n/i18n.ts';
import { CLUTTER_TYPES } from '../core/clutter/p2108.ts';
import type { LayerStyle } from './layer-styles.ts';

export function renderLegend(el: HTMLElement, style: LayerStyle, modelNote: string): void {
  const rows: string[] = [];
  const e = style.edges;
  const d = style.decimals ?? 1;
  if (style.id === 'clutter') {
    // One row per clutter class, in CLUTTER_TYPES order.
    CLUTTER_TYPES.forEach((type, k) => rows.push(`<div class="legend-row" data-class="${type}"><span class="swatch" style="background:${style.colours[k]}"></span>${t(`clutter-${type}` as MessageKey)}</div>`));
  } else if (style.categorical) {
    rows.push(`<div class="legend-row">${style.colours.slice(0, 6).map((c) => `<span class="swatch" style="background:${c}"></span>`).join('')}</div>`);
    rows.push(`<div class="note">${t('legendCategorical')}</div>`);
  } else {
    for (let k = e.length; k >= 1; k--) {
      const label = k === e.length ? `≥ ${formatNumber(e[k - 1], d)}` : `${formatNumber(e[k - 1], d)} … ${formatNumber(e[k], d)}`;
      rows.push(`<div class="legend-row" data-min="${e[k - 1]}"><span class="swatch" style="background:${style.colours[k]}"></span>${label}</div>`);
    }
    const below = style.belowKey ? t(style.belowKey, { v: formatNumber(e[0], d) }) : `< ${formatNumber(e[0], d)}`;
    rows.push(`<div class="legend-row" data-min="-Infinity"><span class="swatch" style="background:${style.colours[0]}"></span>${below}</div>`);
  }
  el.innerHTML = `<div class="title">${t(style.titleKey)}</div>${rows.join('')}<div class="note">${modelNote}</div>`;
  el.hidden = false;
}
