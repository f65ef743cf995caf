/**
 * The measurements section (issue 14): import a drive-test file (read in the measurement worker;
 * a preview lists every bad row; a header without the required columns gets a column-mapping
 * form), the comparison with the coverage on the map (counts, statistics overall / per class /
 * per distance / per sector, the scatter plot and the error histogram), the measurement and
 * error layers on the map (pictures made in the worker, drawn through a canvas source), and the
 * calibration (fit with k-fold hold-out, before / after on held-out points, outliers and groups
 * not fitted; "apply" commits it into the scenario, undoable). DOM built with h() and text only.
 */
import type { ImageSource, Map as MlMap } from 'maplibre-gl';
import { schemeRdBu } from 'd3-scale-chromatic';
import type { AppContext } from '../../app/context.ts';
import type { MeasurementsController, MeasurementsState } from '../../app/measurements-controller.ts';
import { INITIAL_MEASUREMENTS } from '../../app/measurements-controller.ts';
import type { AppState } from '../../app/state.ts';
import type { MeasurementComparisonView, PointPicture } from '../../compute/facade.ts';
import { CLUTTER_TYPES } from '../../core/clutter/p2108.ts';
import type { ColumnMapping } from '../../core/measurements/columns.ts';
import { formatMeasurementMessage, type MeasurementProblem } from '../../core/measurements/messages.ts';
import type { ErrorSummary, MeasurementStats } from '../../core/measurements/stats.ts';
import { DEFAULT_MAX_SLOPE_STD_ERROR, DEFAULT_MIN_LOG_DISTANCE_SPREAD } from '../../core/measurements/calibrate.ts';
import { modelName as modelNameOf } from '../../i18n/validity.ts';
import { carrierLabel } from '../../i18n/names.ts';
import { formatNumber, getLang, t, type MessageKey } from '../../i18n/i18n.ts';
import { h } from '../dom.ts';
import { rgbaWord } from '../layer-styles.ts';
import { renderMsg } from '../msg.ts';
import { styleOf } from './controls-view.ts';
import { histogramChart, scatterChart } from './measurements-charts.ts';

/** The error layer's classes: measured − predicted, dB, diverging (red: the model predicts too much signal). */
export const ERROR_STYLE = { edges: [-15, -10, -5, -2, 2, 5, 10, 15], colours: [...schemeRdBu[9]] } as const;
/** Measured points below the RSRP legend's first edge are drawn in grey (the coverage leaves that class empty). */
const BELOW_COLOUR = '#555555';

const f1 = (v: number) => (Number.isFinite(v) ? formatNumber(v, 1) : '—');
const f2 = (v: number) => (Number.isFinite(v) ? formatNumber(v, 2) : '—');
const classLabel = (c: number) => (c === 255 ? t('measClassAll') : t(`clutter-${CLUTTER_TYPES[c]}` as MessageKey));
const problemText = (p: MeasurementProblem) => formatMeasurementMessage(p.message, getLang());
const modelName = (id: string) => (id === 'all' ? t('measModelAll') : modelNameOf(id));

function measuredStyle(s: AppState) {
  const st = styleOf(s, 'rsrp');
  const colours = st.colours.map((c, k) => (k === 0 && c === 'transparent' ? BELOW_COLOUR : c));
  return { edges: st.edges, colours };
}

function legendRows(edges: readonly number[], colours: readonly string[], unit: string): HTMLElement[] {
  const sw = (c: string) => {
    const s = h('span', {});
    s.style.cssText = `display:inline-block;width:16px;height:10px;margin-right:6px;vertical-align:middle;background:${c}`;
    return s;
  };
  const rows: HTMLElement[] = [];
  for (let k = edges.length; k >= 0; k--) {
    const label = k === edges.length ? `≥ ${formatNumber(edges[k - 1], 0)}` : k === 0 ? `< ${formatNumber(edges[0], 0)}` : `${formatNumber(edges[k - 1], 0)} … ${formatNumber(edges[k], 0)}`;
    rows.push(h('div', { class: 'legend-row' }, sw(colours[k]), `${label} ${unit}`));
  }
  return rows;
}

function statsRow(label: string, e: ErrorSummary, cls = ''): HTMLElement {
  return h('tr', cls ? { class: cls } : {}, h('td', {}, label), h('td', {}, formatNumber(e.n, 0)), h('td', {}, f2(e.meanErrorDb)), h('td', {}, f2(e.stdErrorDb)), h('td', {}, f2(e.rmseDb)), h('td', {}, f2(e.correlation)));
}

function statsTable(stats: MeasurementStats, id: string): HTMLElement {
  const head = h('tr', {}, ...(['measColGroup', 'measColN', 'measColMean', 'measColStd', 'measColRmse', 'measColR'] as const).map((k) => h('th', {}, t(k))));
  const section = (key: MessageKey, n?: number) => h('tr', {}, h('th', { colspan: '6' }, t(key, n === undefined ? undefined : { n })));
  const rows: HTMLElement[] = [statsRow(t('measOverall'), stats.overall, 'overall'), section('measPerClass'), ...stats.perClass.map((g) => statsRow(classLabel(g.key), g))];
  rows.push(section('measPerDistance'), ...stats.perDistanceBin.map((b) => statsRow(t('measDistanceBin', { min: f2(b.minKm), max: f2(b.maxKm) }), b)));
  const sectors = [...stats.perSector].sort((a, b) => b.n - a.n);
  rows.push(section('measPerSector', sectors.length), ...sectors.slice(0, 30).map((g) => statsRow(g.label, g)));
  return h('div', { class: 'table-wrap' }, h('table', { id, class: 'compact' }, h('thead', {}, head), h('tbody', {}, ...rows)));
}

function problemsTable(problems: readonly MeasurementProblem[], more: number): HTMLElement {
  const body = h('tbody', {}, ...problems.slice(0, 200).map((p) => h('tr', { 'data-row': String(p.row) }, h('td', {}, String(p.row)), h('td', {}, p.column ?? t('measWholeRow')), h('td', {}, problemText(p)))));
  const table = h('table', { class: 'imp-problems' }, h('thead', {}, h('tr', {}, h('th', {}, t('measColRow')), h('th', {}, t('measColColumn')), h('th', {}, t('measColReason')))), body);
  const rest = more + Math.max(0, problems.length - 200);
  return h('div', { class: 'imp-table-wrap' }, table, ...(rest > 0 ? [h('p', { class: 'note' }, t('measPreviewMore', { n: rest }))] : []));
}

/**
 * The two measurement pictures on the map, through one image source: the worker's PNG (an object
 * URL) is fetched and decoded by the map off the main thread.
 */
class PointsLayer {
  private shown: PointPicture | null = null;
  constructor(private readonly map: MlMap) {}

  show(img: PointPicture | null): void {
    if (img === this.shown) return;
    this.shown = img;
    const map = this.map;
    if (!img) {
      if (map.getLayer('measurements')) map.setLayoutProperty('measurements', 'visibility', 'none');
      return;
    }
    const coordinates: [[number, number], [number, number], [number, number], [number, number]] = [[img.westDeg, img.northDeg], [img.eastDeg, img.northDeg], [img.eastDeg, img.southDeg], [img.westDeg, img.southDeg]];
    const src = map.getSource('measurements') as ImageSource | undefined;
    if (src) void src.updateImage({ url: img.url, coordinates });
    else {
      map.addSource('measurements', { type: 'image', url: img.url, coordinates });
      map.addLayer({ id: 'measurements', type: 'raster', source: 'measurements', paint: { 'raster-opacity': 1, 'raster-resampling': 'nearest', 'raster-fade-duration': 0 } }, map.getLayer('sites') ? 'sites' : undefined);
    }
    map.setLayoutProperty('measurements', 'visibility', 'visible');
  }
}

export function mountMeasurements(ctx: AppContext, mc: MeasurementsController): void {
  const { store, els, map } = ctx;
  const input = h('input', { type: 'file', id: 'meas-file', accept: '.csv,.txt,.tsv,.geojson,.json,text/csv', hidden: '' });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void mc.importFile(file);
  });
  const importLabel = h('label', { class: 'button secondary', tabindex: '0' }, h('span', {}, ''), input);
  importLabel.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    input.click();
  });
  const cancel = h('button', { class: 'secondary', id: 'meas-cancel', hidden: '' });
  cancel.addEventListener('click', () => mc.cancelImport());
  const clear = h('button', { class: 'secondary', id: 'meas-clear', hidden: '' });
  clear.addEventListener('click', () => void mc.clear());
  const intro = h('p', { class: 'note' });
  const status = h('div', { class: 'status', id: 'meas-status', role: 'status', 'aria-live': 'polite' });
  const mapping = h('div', { id: 'meas-mapping', hidden: '' });
  const summary = h('div', { class: 'status', id: 'meas-summary' });
  const leftOut = h('details', { id: 'meas-left-out', hidden: '' });
  const layerSelect = h('select', { id: 'meas-layer' });
  const layerLabel = h('label', {}, h('span', {}, ''), ' ', layerSelect);
  const legend = h('div', { id: 'meas-legend', class: 'note' });
  const stats = h('div', { id: 'meas-stats' });
  const charts = h('div', { id: 'meas-charts' });
  const calRoot = h('div', { id: 'meas-calibration', hidden: '' });
  const current = h('div', { class: 'status', id: 'meas-current' });
  const remove = h('button', { class: 'secondary', id: 'meas-remove', hidden: '' });
  remove.addEventListener('click', () => mc.removeCalibration());
  els.measurementsRoot.replaceChildren(intro, h('div', { class: 'row' }, importLabel, cancel, clear), status, mapping, summary, leftOut, layerLabel, legend, stats, charts, calRoot,
    h('div', { class: 'row' }, current, remove));

  // Calibration controls (built once; texts follow the language).
  const calTitle = h('div', { class: 'hist-title' });
  const calIntro = h('p', { class: 'note' });
  const calName = h('input', { id: 'meas-cal-name', size: '24' });
  const calFolds = h('input', { id: 'meas-cal-folds', inputmode: 'numeric', size: '3', value: '5' });
  const calNameLabel = h('label', { class: 'stack' }, h('span', {}, ''), calName);
  const calFoldsLabel = h('label', {}, h('span', {}, ''), ' ', calFolds);
  const calRun = h('button', { id: 'meas-calibrate' });
  const calResult = h('div', { id: 'meas-cal-result' });
  const calApply = h('button', { id: 'meas-apply', hidden: '' });
  calRun.addEventListener('click', () => {
    const name = calName.value.trim() || calName.placeholder;
    const folds = Math.min(20, Math.max(2, Math.round(Number(calFolds.value)) || 5));
    void mc.calibrate(name.slice(0, 200), folds);
  });
  calApply.addEventListener('click', () => mc.apply());
  calRoot.replaceChildren(calTitle, calIntro, calNameLabel, calFoldsLabel, h('div', { class: 'row' }, calRun), calResult, h('div', { class: 'row' }, calApply));

  const points = new PointsLayer(map);
  const syncStyles = (s: AppState) => {
    const m = measuredStyle(s);
    mc.styles = { measured: { edges: m.edges, words: m.colours.map((c) => rgbaWord(c, 235)) }, error: { edges: ERROR_STYLE.edges, words: ERROR_STYLE.colours.map((c) => rgbaWord(c, 235)) } };
  };
  syncStyles(store.get());
  store.subscribe((s) => s.ui.legendEdges.rsrp, () => {
    syncStyles(store.get());
    if (mc.state().dataset) mc.pending = mc.compare();
  });

  let dialog: HTMLDialogElement | null = null;
  const openPreview = (m: MeasurementsState) => {
    const p = m.preview!;
    dialog?.remove();
    const bad = new Set(p.problems.map((x) => x.row)).size;
    const dropped = new Set(p.problems.filter((x) => x.dropped).map((x) => x.row)).size;
    const ok = h('button', { type: 'button', class: 'imp-import', id: 'meas-preview-import' }, t('measPreviewImport', { n: formatNumber(p.pointsKept, 0) }));
    ok.disabled = p.pointsKept === 0;
    const no = h('button', { type: 'button', class: 'secondary imp-cancel' }, t('cancel' as MessageKey));
    const d = h('dialog', { class: 'import-preview', id: 'meas-preview' },
      h('h2', {}, t('measPreviewTitle', { file: p.fileName })),
      h('p', { class: 'imp-summary' }, t('measPreviewSummary', { rows: formatNumber(p.rowsRead, 0), kept: formatNumber(p.pointsKept, 0), bad: p.problemCount > p.problems.length ? `${formatNumber(bad, 0)}+` : formatNumber(bad, 0), dropped: formatNumber(dropped, 0) })),
      h('p', { class: 'note' }, t('measPreviewColumns', { list: p.columns.map((c) => `${c.column} → ${c.field}`).join(', ') })),
      ...(p.ignoredColumns.length ? [h('p', { class: 'note' }, t('measPreviewIgnored', { list: p.ignoredColumns.join(', ') }))] : []),
      ...(p.neighbourRowsSkipped ? [h('p', { class: 'note' }, t('measPreviewNeighbours', { n: p.neighbourRowsSkipped }))] : []),
      ...p.notes.map((n) => h('p', { class: 'note' }, n)),
      ...(p.problems.length ? [problemsTable(p.problems, p.problemCount - p.problems.length)] : []),
      ...(p.pointsKept === 0 ? [h('p', { class: 'imp-nothing' }, t('measNothingValid'))] : []),
      h('div', { class: 'row imp-actions' }, ok, no));
    const close = (accept: boolean) => {
      d.remove();
      if (dialog === d) dialog = null;
      void (accept ? mc.accept() : mc.discardPreview());
    };
    ok.addEventListener('click', () => close(true));
    no.addEventListener('click', () => close(false));
    d.addEventListener('cancel', (e) => {
      e.preventDefault();
      close(false);
    });
    document.body.append(d);
    dialog = d;
    try {
      d.showModal();
    } catch {
      d.setAttribute('open', '');
    }
    (ok.disabled ? no : ok).focus();
  };

  const renderMapping = (m: MeasurementsState) => {
    const cp = m.columnProblem;
    mapping.hidden = !cp;
    if (!cp) return mapping.replaceChildren();
    const fields: [keyof ColumnMapping, MessageKey][] = [['lat', 'measFieldLat'], ['lon', 'measFieldLon'], ['rsrp', 'measFieldRsrp'], ['pci', 'measFieldPci'], ['cellId', 'measFieldCellId']];
    const selects = fields.map(([field, key]) => {
      const sel = h('select', { 'data-field': field }, h('option', { value: '' }, t('measMappingNone')), ...cp.header.map((c) => h('option', { value: c }, c)));
      return { field, el: h('label', {}, h('span', {}, t(key)), ' ', sel), sel };
    });
    const read = h('button', { id: 'meas-mapping-read' }, t('measMappingRead'));
    read.addEventListener('click', () => {
      const cols: ColumnMapping = {};
      for (const s of selects) if (s.sel.value) cols[s.field] = s.sel.value;
      void mc.retryWithColumns(cols);
    });
    mapping.replaceChildren(h('div', { class: 'hist-title' }, t('measMappingTitle', { file: cp.fileName })), h('p', { class: 'note' }, t('measMappingHint', { missing: cp.missing.join(', ') })), ...selects.map((s) => s.el), h('div', { class: 'row' }, read));
  };

  const renderComparison = (c: MeasurementComparisonView | null, s: AppState) => {
    const carrierOf = (id: string) => { const k = s.scenario?.carriers.find((x) => x.id === id); return k ? carrierLabel(k) : id; };
    leftOut.hidden = !c || c.problemCount === 0;
    if (!c) {
      summary.textContent = '';
      stats.replaceChildren();
      charts.replaceChildren();
      return;
    }
    summary.replaceChildren(
      h('div', {}, t('measCompared', { file: c.fileName, carrier: carrierOf(c.carrierId), from: t(c.carrierFrom === 'channels' ? 'measFromChannels' : 'measFromShown'), compared: c.compared, cellId: c.countBy.cellId, pci: c.countBy.pci, best: c.countBy.bestServer, left: c.problemCount })),
      ...(c.cellIdSource === 'sector-id' ? [h('div', { class: 'note' }, t('measCellIdsAreSectors'))] : []));
    leftOut.replaceChildren(h('summary', {}, t('measLeftOut', { n: formatNumber(c.problemCount, 0) })), problemsTable(c.problems, c.problemCount - c.problems.length));
    const onMap = c.current ?? c.before;
    stats.replaceChildren(h('div', { class: 'hist-title' }, t('measStatsTitle')),
      ...(c.current ? [h('div', { class: 'note' }, t('measStatsOnMap', { name: c.calibrationName ?? '' })), statsTable(c.current, 'meas-stats-map')] : []),
      h('div', { class: 'note' }, t('measStatsModel')), statsTable(c.before, 'meas-stats-model'));
    charts.replaceChildren(scatterChart(c.scatter, 'meas-scatter'), histogramChart(onMap.histogram, ERROR_STYLE, onMap.overall.meanErrorDb, onMap.overall.stdErrorDb, 'meas-histogram'));
    void s;
  };

  const renderCalibration = (m: MeasurementsState, s: AppState) => {
    calRoot.hidden = !m.comparison;
    calTitle.textContent = t('measCalTitle');
    calIntro.textContent = t('measCalIntro');
    (calNameLabel.firstChild as HTMLElement).textContent = t('measCalName');
    (calFoldsLabel.firstChild as HTMLElement).textContent = t('measCalFolds');
    calName.placeholder = t('measCalNameDefault', { file: m.dataset?.fileName ?? '' });
    calRun.textContent = t('measCalRun');
    calRun.disabled = m.phase === 'calibrating' || !m.comparison;
    calApply.textContent = t('measCalApply');
    const fit = m.calibration;
    const applied = !!fit && s.scenario?.calibration === fit.model;
    calApply.hidden = !fit || applied;
    if (!fit) return calResult.replaceChildren();
    const su = fit.summary;
    const head = h('tr', {}, ...(['measCalColModel', 'measCalColClass', 'measCalColN', 'measCalColK1', 'measCalColK2', 'measCalColRmse'] as const).map((k) => h('th', {}, t(k))));
    const rows = fit.model.perClass.flatMap((e) => {
      // Why a group or its slope was not fitted, in the user's language (the entry's figures, calibrate.ts rules).
      const why = !e.fitted ? t('measCalTooFew', { n: e.nPoints, min: fit.model.minPoints })
        : e.slopeFitted ? '' : e.logDistanceSpreadDecades < DEFAULT_MIN_LOG_DISTANCE_SPREAD ? t('measCalSpread', { spread: f2(e.logDistanceSpreadDecades), min: DEFAULT_MIN_LOG_DISTANCE_SPREAD })
          : t('measCalSlopeSe', { se: f2(e.slopeStdErrorDbPerDecade), max: DEFAULT_MAX_SLOPE_STD_ERROR });
      const notes = [e.nOutliers ? t('measCalOutliers', { n: e.nOutliers }) : '', why].filter(Boolean).join('; ');
      const row = h('tr', { 'data-class': String(e.class), 'data-fitted': String(e.fitted) }, h('td', {}, modelName(e.modelId)), h('td', {}, classLabel(e.class)), h('td', {}, formatNumber(e.nPoints, 0)),
        h('td', {}, e.fitted ? f2(e.offsetDb) : '—'), h('td', {}, e.fitted && e.slopeFitted ? f2(e.slopeDbPerDecade) : '—'), h('td', {}, `${f1(e.rmseBeforeDb)} → ${f1(e.rmseAfterDb)}`));
      return notes ? [row, h('tr', { class: 'note' }, h('td', { colspan: '6' }, notes))] : [row];
    });
    calResult.replaceChildren(
      h('p', { id: 'meas-cal-summary' }, t('measCalSummary', { before: f2(su.rmseBeforeDb), after: f2(su.rmseAfterDb), meanBefore: f2(su.meanErrorBeforeDb), meanAfter: f2(su.meanErrorAfterDb), used: formatNumber(su.nUsed, 0), outliers: formatNumber(su.nOutliers, 0) })),
      h('div', { class: 'table-wrap' }, h('table', { id: 'meas-cal-table', class: 'compact' }, h('thead', {}, head), h('tbody', {}, ...rows))),
      ...(applied ? [h('p', { class: 'note' }, t('measCalAppliedNow'))] : []));
  };

  const renderLayer = (m: MeasurementsState, s: AppState) => {
    const c = m.comparison;
    const which = layerSelect.value || 'error';
    layerLabel.hidden = !c;
    const img = c ? (which === 'measured' ? c.images.measured : which === 'error' ? c.images.error : null) : null;
    points.show(img);
    if (!c || which === 'none') return legend.replaceChildren();
    const st = which === 'measured' ? measuredStyle(s) : ERROR_STYLE;
    legend.replaceChildren(h('div', { class: 'title' }, t(which === 'measured' ? 'measLayerMeasured' : 'measLayerError')), ...legendRows(st.edges, st.colours, which === 'measured' ? 'dBm' : 'dB'),
      h('div', {}, `${t('measLegendPoints', { n: formatNumber(img?.drawn ?? 0, 0) })}${which === 'error' ? ` — ${t('measLegendErrorNote')}` : ''}`));
  };
  layerSelect.addEventListener('change', () => renderLayer(mc.state(), store.get()));

  // Each part re-renders only when what it shows changes (the comparison's tables and charts are the costly part).
  const same = (a: readonly unknown[], b: readonly unknown[]) => a.every((x, i) => x === b[i]);
  const m = () => store.get().measurements ?? INITIAL_MEASUREMENTS;
  let shownPreview: unknown = null;
  store.subscribe((s) => [s.measurements?.phase, s.measurements?.message, s.measurements?.dataset, s.measurements?.preview, s.measurements?.columnProblem, s.lang, s.scenario?.calibration] as const, () => {
    const s = store.get();
    const ms = m();
    intro.textContent = t('measIntro');
    (importLabel.firstChild as HTMLElement).textContent = t('measImport');
    cancel.textContent = t('measCancel');
    cancel.hidden = ms.phase !== 'reading';
    clear.textContent = t('measClear');
    clear.hidden = !ms.dataset;
    renderMsg(status, ms.message);
    const value = layerSelect.value || 'error';
    layerSelect.replaceChildren(...(['error', 'measured', 'none'] as const).map((v) => h('option', { value: v }, t(v === 'error' ? 'measLayerError' : v === 'measured' ? 'measLayerMeasured' : 'measLayerNone'))));
    layerSelect.value = value;
    (layerLabel.firstChild as HTMLElement).textContent = t('measLayer');
    if (ms.phase === 'preview' && ms.preview && ms.preview !== shownPreview) {
      shownPreview = ms.preview;
      openPreview(ms);
    }
    renderMapping(ms);
    const cal = s.scenario?.calibration;
    current.textContent = cal ? t('measCalCurrent', { name: cal.name, n: cal.perClass.filter((e) => e.fitted).length }) : t('measCalNone');
    remove.textContent = t('measCalRemove');
    remove.hidden = !cal;
  }, { equals: same, immediate: true });
  store.subscribe((s) => [s.measurements?.comparison, s.lang] as const, () => renderComparison(m().comparison, store.get()), { equals: same, immediate: true });
  store.subscribe((s) => [s.measurements?.comparison, s.measurements?.calibration, s.measurements?.phase, s.scenario?.calibration, s.lang] as const, () => renderCalibration(m(), store.get()), { equals: same, immediate: true });
  store.subscribe((s) => [s.measurements?.comparison, s.lang] as const, () => renderLayer(m(), store.get()), { equals: same, immediate: true });
}
