/**
 * The point-to-point check's panel: geometry (UTM and geodesic distance, azimuth, boresight
 * offset, elevation), every path-loss model side by side with its validity verdict, and the
 * chosen model's link budget as named terms adding up to the RSRP.
 */
import type { P2pResult } from '../core/coverage/p2p.ts';
import { formatNumber, t, type MessageKey } from '../i18n/i18n.ts';
import { h } from './dom.ts';

// `+ 0` turns −0 (a zero loss negated) into 0.
const n = (v: number, d = 1) => (Number.isFinite(v) ? formatNumber(v + 0, d) : '—');

/** Term ids of src/core/linkbudget/rsrp.ts → dictionary keys. */
const TERM_KEYS: Readonly<Record<string, MessageKey>> = {
  powerPerRe: 'p2pTermPowerPerRe', feederLoss: 'p2pTermFeeder', antennaMaxGain: 'p2pTermMaxGain', antennaPattern: 'p2pTermPattern',
  pathLoss: 'p2pTermPathLoss', clutterLoss: 'p2pTermClutter', buildingEntryLoss: 'p2pTermBel', bodyLoss: 'p2pTermBody', ueAntennaGain: 'p2pTermUeGain',
};

/**
 * The panel's elements. Names (site, sectors, models) are the user's text or ours: text nodes only.
 * @param onSector - called with the sector chosen in the list
 */
export function p2pNodes(r: P2pResult, sectorIds: readonly string[], onSector: (id: string) => void): HTMLElement[] {
  const models = r.models.map((m) => h('tr', m.id === r.modelId ? { class: 'chosen' } : {},
    h('td', {}, m.name),
    h('td', { 'data-model': m.id, 'data-value': String(m.pathLossDb) }, n(m.pathLossDb)),
    h('td', {}, m.inRange ? '✓' : h('span', { class: 'warn', title: m.warnings.join('; ') }, `⚠ ${t('p2pOutOfRange')}`))));
  const terms = r.budget.terms.map((x) => h('tr', {},
    h('th', { scope: 'row' }, t(TERM_KEYS[x.id] ?? 'p2pTermPathLoss')),
    h('td', { 'data-term': x.id, 'data-value': String(x.valueDb) }, `${x.valueDb > 0 && x.id !== 'powerPerRe' ? '+' : ''}${n(x.valueDb)}`),
    h('td', {}, x.id === 'powerPerRe' ? 'dBm' : 'dB')));
  const sectorSel = h('select', { id: 'p2p-sector' }, ...sectorIds.map((id) => {
    const o = h('option', { value: id }, id);
    o.selected = id === r.sectorId;
    return o;
  }));
  sectorSel.addEventListener('change', () => onSector(sectorSel.value));
  return [
    h('div', { class: 'p2p-geom' }, t('p2pGeometry', {
      site: r.siteId, d: n(r.distanceM / 1000, 3), g: n(r.geodesicDistanceM / 1000, 3), az: n(r.geodesicAzimuthDeg, 1), off: n(r.azimuthOffDeg, 1), el: n(r.elevDownDeg, 2),
    })),
    h('label', {}, `${t('p2pSector')} `, sectorSel),
    h('table', { class: 'p2p-models' }, h('thead', {}, h('tr', {}, h('th', {}, t('p2pModel')), h('th', {}, t('p2pPathLoss')), h('th', {}, t('p2pValidity')))), h('tbody', {}, ...models)),
    h('div', { class: 'readout-sub' }, t('p2pBudget', { model: r.models.find((m) => m.id === r.modelId)?.name ?? r.modelId })),
    h('table', { class: 'p2p-budget' }, ...terms, h('tr', { class: 'total' }, h('th', { scope: 'row' }, 'RSRP'), h('td', { 'data-term': 'rsrp', 'data-value': String(r.budget.rsrpDbm) }, n(r.budget.rsrpDbm)), h('td', {}, 'dBm'))),
  ];
}
