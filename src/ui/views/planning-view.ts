/**
 * The site-planning section of the panel (issue 13): the target form (area, carrier, threshold,
 * goal, budget, candidates), run with progress and cancel, then the result — before / after
 * figures, the curve of coverage against the number of sites (d3), the ranked sites with the
 * people and km² each adds and the communes it serves, a preview of them on the map, accept
 * (one undoable step) and the CSV / GeoJSON exports. Renders from the store's `planning`.
 */
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { AppContext } from '../../app/context.ts';
import { PlanningController, type PlanningForm, type PlanningState } from '../../app/planning-controller.ts';
import type { AppState } from '../../app/state.ts';
import { parseCandidates, type Candidate } from '../../core/planning/candidates.ts';
import { proposalCsv, proposalGeoJson } from '../../core/planning/output.ts';
import type { GoalKind } from '../../core/planning/target.ts';
import { SITE_TEMPLATES, type SiteTemplateId } from '../../core/scenario/templates.ts';
import { formatNumber, t, type MessageKey } from '../../i18n/i18n.ts';
import { candidateName, carrierLabel } from '../../i18n/names.ts';
import { modelName } from '../../i18n/validity.ts';
import { TEMPLATE_NAME_KEYS } from '../template-picker.ts';
import { h, svg } from '../dom.ts';
import { download } from '../download.ts';

type PlanResult = NonNullable<PlanningState['result']>;

const SOURCE = 'planning-proposal';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const pct = (v: number, total: number) => formatNumber(total > 0 ? (100 * v) / total : 0, 2);

/** The curve of coverage (share of the goal's kind, %) against the number of sites: a title and an SVG chart. */
export function curveChart(r: PlanResult, goal: GoalKind, goalShare: number | null): HTMLElement {
  const W = 300, H = 160, pad = { l: 36, r: 10, t: 14, b: 28 };
  const total = goal === 'population' ? r.totals.population : r.totals.areaKm2;
  const ys = r.curve.map((m) => (100 * (goal === 'population' ? m.population : m.areaKm2)) / (total || 1));
  const n = Math.max(1, r.curve.length - 1);
  const x = scaleLinear().domain([0, n]).range([pad.l, W - pad.r]);
  // The y range follows the curve (returns falling off must be visible); a goal far above it is named at the top.
  const goalPct = goalShare === null ? null : 100 * goalShare;
  let lo = Math.min(...ys), hi = Math.max(...ys);
  const span = Math.max(1, hi - lo);
  if (goalPct !== null && goalPct > hi && goalPct - hi <= span) hi = goalPct;
  const y = scaleLinear().domain([Math.max(0, lo - 0.1 * span), Math.min(100, hi + 0.1 * span)]).nice(4).range([H - pad.b, pad.t]);
  [lo, hi] = y.domain();
  const path = line()(ys.map((v, k): [number, number] => [x(k), y(v)])) ?? '';
  const dots = ys.map((v, k) => svg('circle', { cx: x(k), cy: y(v), r: 2.5, fill: '#e6550d' }, svg('title', {}, `${k}: ${formatNumber(v, 2)}%`)));
  const xt = x.ticks(Math.min(n, 6)).filter(Number.isInteger).map((v) => svg('text', { x: x(v), y: H - pad.b + 12, 'text-anchor': 'middle' }, String(v)));
  const yt = y.ticks(4).map((v) => svg('text', { x: pad.l - 3, y: y(v) + 3, 'text-anchor': 'end' }, `${formatNumber(v, 0)}%`));
  const goalText = goalPct === null ? '' : `${t('planCurveGoal')} ${formatNumber(goalPct, 1)}%`;
  const g = goalPct === null ? [] : goalPct <= hi && goalPct >= lo
    ? [svg('line', { x1: pad.l, x2: W - pad.r, y1: y(goalPct), y2: y(goalPct), stroke: '#3182bd', 'stroke-dasharray': '4 3' }), svg('text', { x: W - pad.r, y: y(goalPct) - 3, 'text-anchor': 'end', fill: '#3182bd' }, goalText)]
    : [svg('text', { x: W - pad.r, y: pad.t - 3, 'text-anchor': 'end', fill: '#3182bd' }, `${goalText} ${goalPct > hi ? '↑' : '↓'}`)];
  const title = t('planCurveTitle');
  return h('div', { id: 'plan-curve' }, h('div', { class: 'hist-title' }, title),
    svg('svg', { id: 'planning-curve', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': title },
      svg('line', { x1: pad.l, x2: W - pad.r, y1: H - pad.b, y2: H - pad.b, stroke: '#999' }), ...g,
      svg('path', { d: path, fill: 'none', stroke: '#1d2a33', 'stroke-width': 1.5 }), ...dots, ...xt, ...yt,
      svg('text', { x: (pad.l + W - pad.r) / 2, y: H - 3, 'text-anchor': 'middle' }, t('planCurveX'))));
}

function stageText(p: NonNullable<PlanningState['progress']>): string {
  const params = { step: p.step, steps: p.steps, evaluations: p.evaluations };
  const key: Record<string, MessageKey> = { coverage: 'planStageCoverage', candidates: 'planStageCandidates', greedy: 'planStageGreedy', 'local-search': 'planStageLocal', rank: 'planStageRank' };
  return t(key[p.stage] ?? 'planRunning', params);
}

/** Draws the proposed sites (a circle layer added on first use; before the style is ready, once the map is idle). */
function showProposal(map: MlMap, fc: FeatureCollection): void {
  const put = () => {
    if (!map.getSource(SOURCE)) {
      map.addSource(SOURCE, { type: 'geojson', data: EMPTY });
      map.addLayer({ id: SOURCE, type: 'circle', source: SOURCE, paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 5, 13, 9], 'circle-color': '#e6550d', 'circle-opacity': 0.85, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
    }
    void (map.getSource(SOURCE) as GeoJSONSource).setData(fc);
  };
  try {
    put();
  } catch {
    // The style is still loading: addSource refuses until it is done.
    map.once('idle', () => put());
  }
}

export function mountPlanning(ctx: AppContext): PlanningController {
  const { store, els, map, compute, scenarios } = ctx;
  const planning = new PlanningController(store, compute, scenarios);
  const root = els.planningRoot;
  const labelled = (key: MessageKey, control: HTMLElement, stack = false) => h('label', stack ? { class: 'stack' } : {}, h('span', { 'data-i18n': key }), ' ', control);
  const area = h('select', { id: 'plan-area' });
  const carrier = h('select', { id: 'plan-carrier' });
  const threshold = h('input', { id: 'plan-threshold', type: 'number', value: '-110', min: '-140', max: '-40', step: '1' });
  const goal = h('select', { id: 'plan-goal' }, h('option', { value: 'population', 'data-i18n': 'planGoalPopulation' }), h('option', { value: 'area', 'data-i18n': 'planGoalArea' }));
  const share = h('input', { id: 'plan-share', type: 'number', value: '95', min: '1', max: '100', step: '0.5' });
  const maxSites = h('input', { id: 'plan-max-sites', type: 'number', value: '10', min: '1', max: '200', step: '1' });
  const cell = h('select', { id: 'plan-cell' }, ...[100, 200, 500].map((v) => h('option', { value: String(v) }, `${v} m`)));
  const spacing = h('input', { id: 'plan-spacing', type: 'number', value: '1000', min: '0', max: '20000', step: '100' });
  const upgrades = h('input', { id: 'plan-upgrades', type: 'checkbox', checked: '' });
  const template = h('select', { id: 'plan-template' });
  const file = h('input', { id: 'plan-file', type: 'file', accept: '.csv,.geojson,.json,text/csv,application/geo+json', hidden: '' });
  const fileLabel = h('label', { class: 'button secondary', tabindex: '0' }, h('span', { 'data-i18n': 'planCandidatesFile' }), file);
  const fileStatus = h('div', { class: 'status', id: 'plan-file-status' });
  const run = h('button', { id: 'plan-run', 'data-i18n': 'planRun' });
  const cancel = h('button', { id: 'plan-cancel', class: 'secondary', 'data-i18n': 'planCancel', disabled: '' });
  const progress = h('progress', { id: 'plan-progress', max: '1', value: '0' });
  const status = h('div', { class: 'status', id: 'plan-status', role: 'status', 'aria-live': 'polite' });
  const result = h('div', { id: 'plan-result' });
  root.replaceChildren(
    h('p', { class: 'note', 'data-i18n': 'planIntro' }),
    labelled('planArea', area), labelled('planCarrier', carrier), labelled('planThreshold', threshold),
    labelled('planGoal', goal, true), labelled('planShare', share), labelled('planMaxSites', maxSites), labelled('planCell', cell),
    labelled('planSpacing', spacing, true), h('label', {}, upgrades, ' ', h('span', { 'data-i18n': 'planUpgrades' })), labelled('planTemplate', template, true),
    h('div', { class: 'row' }, fileLabel), fileStatus,
    h('div', { class: 'row' }, run, cancel), progress, status, result,
  );
  const translate = () => {
    for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  };
  const candidates: { list: Candidate[] } = { list: [] };
  const fill = (s: AppState) => {
    const sc = s.scenario;
    if (!sc) return;
    const keep = (sel: HTMLSelectElement, options: [string, string][], wanted?: string | null) => {
      const prev = sel.value || wanted || '';
      sel.replaceChildren(...options.map(([v, label]) => h('option', { value: v }, label)));
      if (options.some(([v]) => v === prev)) sel.value = prev;
    };
    keep(area, [['province', t('planAreaProvince')], ['wards', t('planAreaWards')], ...sc.privateNetworks.map((pn): [string, string] => [`pn:${pn.id}`, t('planAreaPn', { name: pn.name })])], 'wards');
    keep(carrier, sc.carriers.map((c): [string, string] => [c.id, carrierLabel(c)]), s.ui.carrierId);
    keep(template, SITE_TEMPLATES.map((x): [string, string] => [x.id, t(TEMPLATE_NAME_KEYS[x.id])]), 'macro-lte1800-nr3500');
  };
  cell.value = String(Math.max(100, [100, 200, 500].find((v) => v >= store.get().ui.cellSizeM) ?? 500));
  translate();

  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    void f.text().then((text) => {
      try {
        const r = parseCandidates(text, f.name);
        candidates.list = r.candidates;
        fileStatus.textContent = t('planCandidatesLoaded', { name: f.name, n: r.candidates.length, bad: r.problems.length });
      } catch (e) {
        candidates.list = [];
        fileStatus.textContent = (e as Error).message;
      }
    }).finally(() => (file.value = ''));
  });
  const form = (): PlanningForm => ({
    area: area.value, carrierId: carrier.value, thresholdDbm: Number(threshold.value), goal: goal.value as GoalKind,
    share: Number(share.value) > 0 ? Math.min(1, Number(share.value) / 100) : null, maxSites: Math.max(1, Math.round(Number(maxSites.value) || 1)),
    cellSizeM: Number(cell.value), spacingM: Math.max(0, Number(spacing.value) || 0), upgrades: upgrades.checked, template: template.value as SiteTemplateId,
    candidates: candidates.list, seed: 1,
  });
  run.addEventListener('click', () => planning.run(form()));
  cancel.addEventListener('click', () => planning.cancel());

  const renderResult = (s: AppState) => {
    const p = s.planning;
    const r = p?.result;
    if (!p || !r || !p.form) {
      result.replaceChildren();
      return;
    }
    const accepted = !!p.acceptedScenario && p.acceptedScenario === s.scenario;
    const summary = h('p', { class: 'status', id: 'plan-summary' }, t('planSummary', {
      before: pct(r.before.population, r.totals.population), after: pct(r.after.population, r.totals.population), total: formatNumber(r.totals.population, 0),
      areaBefore: pct(r.before.areaKm2, r.totals.areaKm2), areaAfter: pct(r.after.areaKm2, r.totals.areaKm2),
    }), r.goalReached === null ? '' : ` ${t(r.goalReached ? 'planGoalReached' : 'planGoalMissed')}`);
    const notes = h('p', { class: 'note' }, t('planCounts', { kept: r.offered.kept, excluded: r.excluded.length, evaluations: r.evaluations }), ' ', t('planModels', r.models),
      p.base !== s.scenario && !accepted ? ` ${t('planStale')}` : '');
    const curve = curveChart(r, p.form.goal, p.form.share);
    const head = h('tr', {}, ...(['#', t('planColSite'), t('planColPeople'), t('planColKm2'), t('planColCommunes')]).map((x) => h('th', {}, x)));
    const rows = r.picks.map((k) => h('tr', { 'data-site': k.candidate.id },
      h('td', { class: 'imp-row' }, String(k.rank)), h('td', { title: `${candidateName(k.candidate)} — ${modelName(k.model.modelId)}` }, k.candidate.id),
      h('td', { class: 'imp-row' }, formatNumber(k.gainPopulation, 0)), h('td', { class: 'imp-row' }, formatNumber(k.gainKm2, 2)),
      h('td', {}, k.communes.slice(0, 3).map((c) => `${c.name} (${formatNumber(c.people, 0)})`).join('; '))));
    const table = h('div', { class: 'imp-table-wrap' }, h('table', { class: 'imp-problems', id: 'plan-table' }, h('thead', {}, head), h('tbody', {}, ...rows)));
    const accept = h('button', { id: 'plan-accept' }, t('planAccept'));
    accept.disabled = accepted || r.picks.length === 0;
    accept.addEventListener('click', () => planning.accept());
    const csv = h('button', { id: 'plan-export-csv', class: 'secondary' }, t('planExportCsv'));
    csv.disabled = r.picks.length === 0;
    csv.addEventListener('click', () => download('proposal.csv', proposalCsv(r), 'text/csv;charset=utf-8'));
    const gj = h('button', { id: 'plan-export-geojson', class: 'secondary' }, t('planExportGeojson'));
    gj.disabled = r.picks.length === 0;
    gj.addEventListener('click', () => download('proposal.geojson', JSON.stringify(proposalGeoJson(r), null, 1), 'application/geo+json'));
    result.replaceChildren(summary, curve, table, h('div', { class: 'row' }, accept), h('div', { class: 'row' }, csv, gj), notes, h('p', { class: 'note' }, t('planAttribution')));
    showProposal(map, accepted ? EMPTY : proposalGeoJson(r));
  };

  store.subscribe((s) => [s.scenario, s.lang] as const, () => {
    fill(store.get());
    translate();
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1], immediate: true });
  store.subscribe((s) => [s.planning, s.scenario, s.lang] as const, () => {
    const s = store.get();
    const p = s.planning;
    const running = p?.phase === 'running';
    run.disabled = running || !s.scenario || !s.boundaries;
    cancel.disabled = !running;
    progress.value = p?.progress ? (p.progress.stage === 'greedy' || p.progress.stage === 'rank' ? p.progress.step / Math.max(1, p.progress.steps) : 0) : running ? 0 : p?.phase === 'done' ? 1 : 0;
    const m = p?.message;
    status.textContent = running && p?.progress ? stageText(p.progress) : m ? ('text' in m ? m.text : t(m.key, m.params)) : '';
    renderResult(s);
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2], immediate: true });
  store.subscribe((s) => s.boundaries, () => (run.disabled = store.get().planning?.phase === 'running' || !store.get().boundaries));
  return planning;
}
