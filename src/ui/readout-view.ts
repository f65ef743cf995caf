/**
 * The hover readout: at the cursor, the best server with every term of its downlink budget
 * (RE power, antenna gain toward the point, feeder loss, path loss and its model, clutter,
 * building entry loss), the RSRP they add up to, SINR, throughput, uplink margin, and the next
 * two servers. Values come from src/core/coverage/readout.ts (the engine's own terms); each
 * value cell carries `data-term` and `data-value` (unrounded) for tests. Names (sites, sectors,
 * models) are the user's text: they go in as text nodes only.
 */
import type { PointReadout, SectorTerms } from '../core/coverage/readout.ts';
import { formatNumber, t, type MessageKey } from '../i18n/i18n.ts';
import { sectorModelName, validityIssuesText } from '../i18n/validity.ts';
import { h } from './dom.ts';

const dB = (v: number, d = 1) => (Number.isFinite(v) ? formatNumber(v + 0, d) : '—');

/** Rows the small (unpinned) tooltip shows; the pinned card shows them all. */
const KEY_TERMS = new Set(['rsrp', 'sinr', 'throughput', 'probability']);

function row(term: string, label: string | Node, value: number, unit: string, sign = ''): HTMLTableRowElement {
  return h('tr', KEY_TERMS.has(term) ? { class: 'key' } : {}, h('th', { scope: 'row' }, label), h('td', { 'data-term': term, 'data-value': String(value) }, `${sign}${dB(Math.abs(value) === 0 ? 0 : value)}`), h('td', {}, unit));
}

/** How the readout names things: the terrain term the scene computes with, the carrier's label, a site's name. */
export interface ReadoutWords {
  readonly terrain?: Parameters<typeof sectorModelName>[1];
  readonly carrierLabel?: (carrierId: string) => string;
  readonly siteName?: (siteId: string) => string;
}

/** The model's name in the current language, with a warning mark (its problems worded in its title) when the point is outside its validity range. */
function modelOf(s: SectorTerms, words: ReadoutWords): (Node | string)[] {
  const name = sectorModelName(s.modelId, words.terrain ?? null);
  if (s.modelValidity.inRange) return [name];
  return [name, ' ', h('span', { class: 'warn', title: validityIssuesText(s.modelValidity.issues) }, `⚠ ${t('roOutOfRange')}`)];
}

/** The readout's elements (a caption, the best server's budget table, the next servers). */
export function readoutNodes(r: PointReadout, words: ReadoutWords = {}): HTMLElement[] {
  if (!r.insideArea) return [h('div', { class: 'readout-title' }, t('roOutside'))];
  const best = r.servers[0];
  if (!best) return [h('div', { class: 'readout-title' }, t('roNoServer'))];
  const pathLabel = h('span', {}, `${t('roPathLoss')} (`, ...modelOf(best, words), `, ${dB(best.distanceM / 1000, 2)} km)`);
  const budget = [
    row('pRe', t('roPRe'), best.pReDbm, 'dBm'),
    row('gain', t('roGain', { max: dB(best.maxGainDbi), att: dB(best.attenuationDb) }), best.gainTowardDbi, 'dBi', best.gainTowardDbi >= 0 ? '+' : ''),
    row('feeder', t('roFeeder'), -best.feederLossDb, 'dB'),
    row('pathLoss', pathLabel, -best.pathLossDb, 'dB'),
    row('clutter', r.clutterApplied && best.clutterClass ? t('roClutterClass', { class: t(`clutter-${best.clutterClass}` as MessageKey), h: formatNumber(best.rxHeightM, 1) }) : t('roClutterNone'), -best.clutterLossDb, 'dB'),
    row('rsrp', h('b', {}, t('roRsrp')), best.rsrpDbm, 'dBm'),
    row('bel', t('roBel'), -best.buildingEntryLossDb, 'dB'),
    row('indoor', t('roIndoor'), best.indoorRsrpDbm, 'dBm'),
    row('sinr', t('roSinr', { load: formatNumber(r.neighbourLoad * 100, 0) }), r.sinrDb, 'dB'),
    row('throughput', t('roThroughput'), r.throughputMbps, 'Mbit/s'),
    row('ulMargin', t('roUlMargin'), r.ulMarginDb, 'dB'),
    row('probability', t('roProbability', { t: formatNumber(r.probabilityThresholdDbm, 0), sigma: formatNumber(r.shadowSigmaDb, 1) }), r.coverageProbabilityPct, '%'),
  ];
  const next = r.servers.slice(1).map((s, k) => h('li', { 'data-rank': String(k + 2) }, `${s.sectorId} · ${dB(s.rsrpDbm)} dBm · ${dB(s.distanceM / 1000, 2)} km · `, ...modelOf(s, words)));
  return [
    h('div', { class: 'readout-title' }, `${t('roBest')}: `, h('b', { 'data-term': 'server' }, best.sectorId), ` (${words.siteName?.(best.siteId) ?? best.siteId}) · ${words.carrierLabel?.(r.carrierId) ?? r.carrierId}`),
    h('table', { class: 'readout-table' }, ...budget),
    ...(next.length ? [h('div', { class: 'readout-sub' }, t('roNext')), h('ol', { class: 'readout-next' }, ...next)] : [h('div', { class: 'readout-sub' }, t('roNoNext'))]),
  ];
}
