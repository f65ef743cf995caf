/**
 * The printable report an official hands to the provincial committee, in the language shown:
 * a title and issuer/date block, the scenario (network, carrier, grid, models, ground data),
 * the province summary, a map of the whole province (whatever the screen shows: the map is
 * framed on the province for the snapshot, then put back), the legend, the coverage gaps with
 * the people living in each, the communes with the least coverage, the private networks, a
 * short glossary in plain words, and the notes once. Page numbers come from the print CSS
 * (`@page` margin boxes). Built with DOM nodes (text is text, never HTML).
 */
import type { LngLatBoundsLike, Map as MlMap } from 'maplibre-gl';
import type { AppContext } from '../../app/context.ts';
import { isCurrent, type AppState } from '../../app/state.ts';
import type { AreaStats } from '../../core/stats/commune-stats.ts';
import { sceneTerrainMode } from '../../core/coverage/terrain-loss.ts';
import { sectorModelName } from '../../i18n/validity.ts';
import { formatDateTime, formatNumber, formatPercent, t, type MessageKey } from '../../i18n/i18n.ts';
import { featureTitle, scenarioTitle } from '../../i18n/names.ts';
import { populationThreshold } from '../commune-table.ts';
import { h } from '../dom.ts';
import { carrierOptionLabel } from './controls-view.ts';
import { pnLines } from './pn-view.ts';

/** Gaps listed in the report. */
const REPORT_GAPS = 15;
/** Communes listed among the least covered. */
const REPORT_WORST = 10;
/** Terms the glossary explains, in this order. */
const GLOSSARY: readonly [MessageKey, MessageKey][] = [
  ['glossRsrpTerm', 'glossRsrp'], ['glossSinrTerm', 'glossSinr'], ['glossProbabilityTerm', 'glossProbability'],
  ['glossGapTerm', 'glossGap'], ['glossGridCellTerm', 'glossGridCell'], ['glossSectorTerm', 'glossSector'], ['glossServingTerm', 'glossServing'],
  ['glossaryCarrierTerm', 'glossaryCarrier'],
];

/** The map as a PNG data URL, read inside a render (the WebGL buffer is only readable then). */
export function mapSnapshot(map: MlMap): Promise<string> {
  return new Promise((resolve) => {
    map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
    map.triggerRepaint();
  });
}

/** The map framed on `bounds` for one snapshot; the user's view is put back afterwards. */
export async function framedSnapshot(map: MlMap, bounds: LngLatBoundsLike): Promise<string> {
  const camera = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  map.fitBounds(bounds, { padding: 16, duration: 0 });
  await new Promise<void>((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
  const url = await mapSnapshot(map);
  map.jumpTo(camera);
  return url;
}

/** The bounding box of rings, [[west, south], [east, north]]. */
function boundsOf(rings: readonly (readonly (readonly number[])[])[]): [[number, number], [number, number]] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const r of rings) for (const [x, y] of r) {
    w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
  }
  return [[w, s], [e, n]];
}

/** Name with its type word in the current language ("Phường Long Châu" / "Long Châu Ward") where the boundary file has it. */
function fullNames(s: AppState): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of s.boundaries?.communes ?? []) {
    const p = f.properties as Record<string, unknown>;
    m.set(String(p.name ?? ''), featureTitle(p));
  }
  return m;
}

/** Communes a gap touches (largest share first): the first few, then how many more. */
const GAP_COMMUNES_SHOWN = 5;
function communesText(names: readonly string[]): string {
  if (names.length === 0) return '—';
  const shown = names.slice(0, GAP_COMMUNES_SHOWN).join('; ');
  return names.length > GAP_COMMUNES_SHOWN ? `${shown} ${t('reportGapMoreCommunes', { n: names.length - GAP_COMMUNES_SHOWN })}` : shown;
}

export interface ReportInput {
  /** Who issues the report (typed by the user; a blank line to fill in by hand when empty). */
  readonly issuer: string;
  /** PNG data URL of the province map. */
  readonly mapImage: string;
}

/** Fills the print-only report element; false when there are no current statistics. */
export function fillReport(s: AppState, el: HTMLElement, legend: HTMLElement, input: ReportInput): boolean {
  const stats = isCurrent(s.derived.stats, s) ? s.derived.stats.value : null;
  const cov = s.coverage;
  if (!stats || !cov) return false;
  const scenario = cov.scenario;
  const p = stats.province;
  const thresholds = stats.thresholds;
  const popThr = populationThreshold(thresholds) ?? -110;
  const full = fullNames(s);
  const nameOf = (n: string) => full.get(n) ?? n;
  const pctOf = (v: number | null | undefined) => formatPercent(v);
  const shareAt = (a: AreaStats, thr: number) => a.thresholds.find((x) => x.threshold === thr)?.share ?? null;
  const pop = p.thresholds.find((x) => x.threshold === popThr)?.populationCovered;
  const worst = [...stats.communes].filter((c) => c.cells > 0).sort((a, b) => (shareAt(a, popThr) ?? 0) - (shareAt(b, popThr) ?? 0)).slice(0, REPORT_WORST);
  const carrier = scenario.carriers.find((c) => c.id === s.ui.carrierId) ?? scenario.carriers[0];
  const sinrDb = s.ui.statsOptions.sinrThresholdDb ?? 0;
  const pns = isCurrent(s.derived.privateNetworks, s) ? pnLines(s, s.derived.privateNetworks.value) : [];
  const gaps = isCurrent(s.derived.gaps, s) ? s.derived.gaps.value.features : [];
  const date = formatDateTime(new Date(), 'long');
  const models = [...new Set([...new Set(cov.scene.modelIds)].map((id) => sectorModelName(id, { mode: sceneTerrainMode(cov.scene), diffraction: cov.scene.options.terrainDiffraction })))].join('; ');
  const withReliability = typeof p.means?.reliabilityPct === 'number';
  const legendCopy = legend.cloneNode(true) as HTMLElement;
  legendCopy.removeAttribute('id');
  legendCopy.className = 'report-legend';
  const row = (label: string, value: string) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, value));
  const sharesText = thresholds.map((thr) => t('reportShareAt', { v: formatNumber(thr, 0), share: pctOf(shareAt(p, thr)) })).join('; ');

  el.replaceChildren(
    h('header', { class: 'report-head' },
      h('h1', {}, t('reportTitle')),
      h('table', { class: 'report-meta' },
        row(t('reportIssuer'), input.issuer.trim() || '……………………………………………'),
        row(t('reportDate'), date),
        row(t('reportScenario'), scenarioTitle(scenario)),
        row(t('reportCarrier'), carrierOptionLabel(carrier)),
        row(t('reportGrid'), t('reportGridValue', { cell: cov.scene.grid.cellSizeM })),
        row(t('reportModels'), models),
        row(t('reportGround'), t(s.coverage?.scene.clutter ? 'reportGroundClutter' : 'reportGroundFlat')),
      ),
      ...(scenario.sample ? [h('p', { class: 'banner' }, t('reportSample'))] : []),
    ),
    h('h2', {}, t('reportSummaryTitle')),
    h('p', {}, t('reportSummary', {
      area: formatNumber(p.areaKm2, 0), shares: sharesText, sinr: formatNumber(sinrDb, 0), sSinr: pctOf(p.booleanShares.sinr), sUl: pctOf(p.booleanShares.uplink),
      v: formatNumber(popThr, 0), pop: pop === undefined ? '—' : formatNumber(pop, 0), total: p.population === undefined ? '—' : formatNumber(p.population, 0),
    })),
    ...(typeof p.means?.reliabilityPct === 'number' ? [h('p', {}, t('reportReliability', { v: formatNumber(s.coverage?.options.probabilityThresholdDbm ?? -110, 0), pct: formatNumber(p.means.reliabilityPct, 1) }))] : []),
    h('h2', {}, t('reportMapTitle')),
    ...(input.mapImage ? [h('img', { class: 'report-map', alt: t('reportMapTitle'), src: input.mapImage })] : []),
    legendCopy,
    h('h2', {}, t('reportGapsTitle', { v: formatNumber(-110, 0) })),
    gaps.length === 0 ? h('p', {}, t('reportNoGaps')) : h('table', { class: 'report-gaps' },
      h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, t('reportGapArea')), h('th', {}, t('reportGapPeople')), h('th', {}, t('reportGapCommunes')), h('th', {}, t('reportGapNearest')))),
      h('tbody', {}, ...gaps.slice(0, REPORT_GAPS).map((g) => h('tr', {},
        h('td', {}, String(g.properties.id)),
        h('td', {}, formatNumber(g.properties.area_km2, 2)),
        h('td', {}, g.properties.people === undefined ? '—' : formatNumber(g.properties.people, 0)),
        h('td', {}, communesText(g.properties.communes.split('; ').filter(Boolean).map(nameOf))),
        h('td', {}, g.properties.nearest_site_km === undefined ? '—' : t('reportGapSite', { site: g.properties.nearest_site_id ?? '', km: formatNumber(g.properties.nearest_site_km, 1) })),
      ))),
    ),
    ...(gaps.length > REPORT_GAPS ? [h('p', { class: 'note' }, t('reportGapsMore', { n: gaps.length - REPORT_GAPS }))] : []),
    h('h2', {}, t('reportWorstTitle', { n: REPORT_WORST, v: formatNumber(popThr, 0) })),
    h('table', { class: 'report-worst' },
      h('thead', {}, h('tr', {}, h('th', {}, t('communeName')), ...thresholds.map((thr) => h('th', {}, `≥ ${formatNumber(thr, 0)} dBm`)), h('th', {}, t('medianDbm')), h('th', {}, t('col_sinr', { v: formatNumber(sinrDb, 0) })), ...(withReliability ? [h('th', {}, t('col_reliability'))] : []))),
      h('tbody', {}, ...worst.map((c) => h('tr', {}, h('td', {}, nameOf(c.name)), ...c.thresholds.map((x) => h('td', {}, pctOf(x.share))), h('td', {}, c.median === null ? '—' : formatNumber(c.median, 1)), h('td', {}, pctOf(c.booleanShares.sinr)),
        ...(withReliability ? [h('td', {}, typeof c.means?.reliabilityPct === 'number' ? `${formatNumber(c.means.reliabilityPct, 1)}%` : '—')] : [])))),
    ),
    ...(scenario.privateNetworks.length ? [h('h2', {}, t('reportPrivateTitle')), h('p', {}, t('reportPrivate', { names: scenario.privateNetworks.map((n) => n.name).join(', ') })), ...pns.map((l) => h('p', {}, l))] : []),
    h('h2', {}, t('reportGlossaryTitle')),
    h('dl', { class: 'report-glossary' }, ...GLOSSARY.flatMap(([term, text]) => [h('dt', {}, t(term)), h('dd', {}, t(text))])),
    h('p', { class: 'note' }, t('populationNote')),
  );
  return true;
}

export function mountReport({ store, els, map }: AppContext, reportEl: HTMLElement, legendEl: HTMLElement): () => Promise<boolean> {
  const prepare = async () => {
    const s = store.get();
    const rings = s.boundaries?.maskRings ?? [];
    const bounds = rings.length ? boundsOf(rings) : null;
    const mapImage = bounds ? await framedSnapshot(map, bounds) : await mapSnapshot(map);
    // The extent the map was framed on (the tests read it).
    reportEl.dataset.bounds = bounds ? JSON.stringify(bounds) : '';
    return fillReport(store.get(), reportEl, legendEl, { issuer: els.reportIssuer.value, mapImage });
  };
  els.printButton.addEventListener('click', () => {
    void prepare().then((ok) => ok && window.print());
  });
  return prepare;
}
