/**
 * The hover readout: at the cursor, the best server with every term of its downlink budget
 * (RE power, antenna gain toward the point, feeder loss, path loss and its model, clutter,
 * building entry loss), the RSRP they add up to, SINR, throughput, uplink margin, and the next
 * two servers. Values come from src/core/coverage/readout.ts (the engine's own terms); each
 * value cell carries `data-term` and `data-value` (unrounded) for tests.
 */
import type { PointReadout, SectorTerms } from '../core/coverage/readout.ts';
import { formatNumber, t, type MessageKey } from '../i18n/i18n.ts';

const dB = (v: number, d = 1) => (Number.isFinite(v) ? formatNumber(v + 0, d) : '—');

function row(term: string, label: string, value: number, unit: string, sign = ''): string {
  return `<tr><th scope="row">${label}</th><td data-term="${term}" data-value="${value}">${sign}${dB(Math.abs(value) === 0 ? 0 : value)}</td><td>${unit}</td></tr>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

/** The readout's HTML (a caption, the best server's budget table, the next servers). */
export function readoutHtml(r: PointReadout): string {
  if (!r.insideArea) return `<div class="readout-title">${t('roOutside')}</div>`;
  const best = r.servers[0];
  if (!best) return `<div class="readout-title">${t('roNoServer')}</div>`;
  const model = (s: SectorTerms) => `${esc(s.modelName)}${s.modelValidity.inRange ? '' : ` <span class="warn" title="${esc(s.modelValidity.warnings.join('; '))}">⚠ ${t('roOutOfRange')}</span>`}`;
  const budget = [
    row('pRe', t('roPRe'), best.pReDbm, 'dBm'),
    row('gain', t('roGain', { max: dB(best.maxGainDbi), att: dB(best.attenuationDb) }), best.gainTowardDbi, 'dBi', best.gainTowardDbi >= 0 ? '+' : ''),
    row('feeder', t('roFeeder'), -best.feederLossDb, 'dB'),
    row('pathLoss', `${t('roPathLoss')} (${model(best)}, ${dB(best.distanceM / 1000, 2)} km)`, -best.pathLossDb, 'dB'),
    row('clutter', r.clutterApplied && best.clutterClass ? t('roClutterClass', { class: t(`clutter-${best.clutterClass}` as MessageKey), h: formatNumber(best.rxHeightM, 1) }) : t('roClutterNone'), -best.clutterLossDb, 'dB'),
    row('rsrp', `<b>${t('roRsrp')}</b>`, best.rsrpDbm, 'dBm'),
    row('bel', t('roBel'), -best.buildingEntryLossDb, 'dB'),
    row('indoor', t('roIndoor'), best.indoorRsrpDbm, 'dBm'),
    row('sinr', t('roSinr', { load: formatNumber(r.neighbourLoad * 100, 0) }), r.sinrDb, 'dB'),
    row('throughput', t('roThroughput'), r.throughputMbps, 'Mbit/s'),
    row('ulMargin', t('roUlMargin'), r.ulMarginDb, 'dB'),
    row('probability', t('roProbability', { t: formatNumber(r.probabilityThresholdDbm, 0), sigma: formatNumber(r.shadowSigmaDb, 1) }), r.coverageProbabilityPct, '%'),
  ].join('');
  const next = r.servers.slice(1).map((s, k) => `<li data-rank="${k + 2}">${esc(s.sectorId)} · ${dB(s.rsrpDbm)} dBm · ${dB(s.distanceM / 1000, 2)} km · ${model(s)}</li>`).join('');
  return `<div class="readout-title">${t('roBest')}: <b data-term="server">${esc(best.sectorId)}</b> (${esc(best.siteId)}) · ${r.carrierId}</div>
    <table class="readout-table">${budget}</table>
    ${next ? `<div class="readout-sub">${t('roNext')}</div><ol class="readout-next">${next}</ol>` : `<div class="readout-sub">${t('roNoNext')}</div>`}`;
}
