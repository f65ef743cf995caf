/** The RSRP legend: one swatch per d3 threshold band, labelled with its dBm interval. */
import { formatNumber, t } from '../i18n/i18n.ts';
import { RSRP_FLOOR_DBM, RSRP_THRESHOLDS_DBM, rsrpColourScale } from './coverage-layer.ts';

export function renderLegend(el: HTMLElement, modelNote: string): void {
  const scale = rsrpColourScale();
  const edges = [RSRP_FLOOR_DBM, ...RSRP_THRESHOLDS_DBM];
  const rows: string[] = [];
  for (let i = edges.length - 1; i >= 0; i--) {
    const lo = edges[i];
    const colour = scale(lo + 0.01);
    const label = i === edges.length - 1 ? `≥ ${formatNumber(lo)}` : `${formatNumber(lo)} … ${formatNumber(edges[i + 1])}`;
    rows.push(`<div class="legend-row" data-min-dbm="${lo}"><span class="swatch" style="background:${colour}"></span>${label}</div>`);
  }
  rows.push(`<div class="legend-row"><span class="swatch" style="background:transparent"></span>${t('legendBelow', { v: formatNumber(RSRP_FLOOR_DBM) })}</div>`);
  el.innerHTML = `<div class="title">${t('legendTitle')}</div>${rows.join('')}<div class="note">${modelNote}</div>`;
  el.hidden = false;
}
