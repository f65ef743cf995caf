/**
 * The point-to-point check's panel: geometry (UTM and geodesic distance, azimuth, boresight
 * offset, elevation), every path-loss model side by side with its validity verdict, and the
 * chosen model's link budget as named terms adding up to the RSRP.
 */
import type { P2pResult } from '../core/coverage/p2p.ts';
import { formatNumber, t, type MessageKey } from '../i18n/i18n.ts';

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
// `+ 0` turns −0 (a zero loss negated) into 0.
const n = (v: number, d = 1) => (Number.isFinite(v) ? formatNumber(v + 0, d) : '—');

/** Term ids of src/core/linkbudget/rsrp.ts → dictionary keys. */
const TERM_KEYS: Readonly<Record<string, MessageKey>> = {
  powerPerRe: 'p2pTermPowerPerRe', feederLoss: 'p2pTermFeeder', antennaMaxGain: 'p2pTermMaxGain', antennaPattern: 'p2pTermPattern',
  pathLoss: 'p2pTermPathLoss', clutterLoss: 'p2pTermClutter', buildingEntryLoss: 'p2pTermBel', bodyLoss: 'p2pTermBody', ueAntennaGain: 'p2pTermUeGain',
};

export function p2pHtml(r: P2pResult, sectorIds: readonly string[]): string {
  const models = r.models.map((m) => `<tr${m.id === r.modelId ? ' class="chosen"' : ''}><td>${esc(m.name)}</td><td data-model="${esc(m.id)}" data-value="${m.pathLossDb}">${n(m.pathLossDb)}</td><td>${m.inRange ? '✓' : `<span class="warn" title="${esc(m.warnings.join('; '))}">⚠ ${t('p2pOutOfRange')}</span>`}</td></tr>`).join('');
  const terms = r.budget.terms.map((x) => `<tr><th scope="row">${t(TERM_KEYS[x.id] ?? 'p2pTermPathLoss')}</th><td data-term="${x.id}" data-value="${x.valueDb}">${x.valueDb > 0 && x.id !== 'powerPerRe' ? '+' : ''}${n(x.valueDb)}</td><td>${x.id === 'powerPerRe' ? 'dBm' : 'dB'}</td></tr>`).join('');
  const sectorSel = `<select id="p2p-sector">${sectorIds.map((id) => `<option value="${esc(id)}"${id === r.sectorId ? ' selected' : ''}>${esc(id)}</option>`).join('')}</select>`;
  return `<div class="p2p-geom">${t('p2pGeometry', {
    site: esc(r.siteId), d: n(r.distanceM / 1000, 3), g: n(r.geodesicDistanceM / 1000, 3), az: n(r.geodesicAzimuthDeg, 1), off: n(r.azimuthOffDeg, 1), el: n(r.elevDownDeg, 2),
  })}</div>
    <label>${t('p2pSector')} ${sectorSel}</label>
    <table class="p2p-models"><thead><tr><th>${t('p2pModel')}</th><th>${t('p2pPathLoss')}</th><th>${t('p2pValidity')}</th></tr></thead><tbody>${models}</tbody></table>
    <div class="readout-sub">${t('p2pBudget', { model: esc(r.models.find((m) => m.id === r.modelId)?.name ?? r.modelId) })}</div>
    <table class="p2p-budget">${terms}<tr class="total"><th scope="row">RSRP</th><td data-term="rsrp" data-value="${r.budget.rsrpDbm}">${n(r.budget.rsrpDbm)}</td><td>dBm</td></tr></table>`;
}
