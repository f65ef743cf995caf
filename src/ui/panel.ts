/**
 * The side panel, laid out by task: a head (title, language, sample banner, network summary,
 * undo / redo, the scenario's status line, errors, the mode tabs) and one pane per mode
 * (coverage · planning · communes · files and export), each made of collapsible sections.
 * Built with h() (texts from the dictionary through data-i18n, re-rendered on a language
 * change), plus helpers to show the clicked feature's details.
 */
import { LAYER_IDS } from '../core/coverage/layers.ts';
import { GROUND_LAYERS } from '../core/coverage/layer-registry.ts';
import { PATH_LOSS_MODELS } from '../core/propagation/registry.ts';
import { LAYER_STYLES } from './layer-styles.ts';
import { formatNumber, onLangChange, setLang, getLang, t, type Lang, type MessageKey } from '../i18n/i18n.ts';
import { h } from './dom.ts';
import { featureTitle, unitListText, unitTypeText } from '../i18n/names.ts';

export interface PanelElements {
  readonly boundaryRadios: NodeListOf<HTMLInputElement>;
  readonly basemapRadios: NodeListOf<HTMLInputElement>;
  readonly carrierSelect: HTMLSelectElement;
  readonly cellSelect: HTMLSelectElement;
  readonly layerSelect: HTMLSelectElement;
  readonly modelSelect: HTMLSelectElement;
  readonly statsRoot: HTMLElement;
  readonly choroplethSelect: HTMLSelectElement;
  readonly thresholdsInput: HTMLInputElement;
  readonly sinrThresholdInput: HTMLInputElement;
  readonly thresholdsError: HTMLElement;
  readonly exportZipButton: HTMLButtonElement;
  readonly exportStatus: HTMLElement;
  readonly pnSelect: HTMLSelectElement;
  readonly distArea: HTMLSelectElement;
  readonly distRoot: HTMLElement;
  readonly undoButton: HTMLButtonElement;
  readonly redoButton: HTMLButtonElement;
  readonly saveScenarioButton: HTMLButtonElement;
  readonly openScenarioInput: HTMLInputElement;
  readonly shareButton: HTMLButtonElement;
  readonly resetButton: HTMLButtonElement;
  readonly shareUrl: HTMLInputElement;
  readonly scenarioStatus: HTMLElement;
  readonly plannerRoot: HTMLElement;
  readonly opacityInput: HTMLInputElement;
  readonly legendEdges: HTMLInputElement;
  readonly legendEdgesReset: HTMLButtonElement;
  readonly legendEdgesError: HTMLElement;
  readonly pnName: HTMLInputElement;
  readonly pnDrawButton: HTMLButtonElement;
  readonly pnFile: HTMLInputElement;
  readonly pnStatus: HTMLElement;
  readonly gapsRoot: HTMLElement;
  readonly pnRoot: HTMLElement;
  readonly statsStatus: HTMLElement;
  readonly exportCsvButton: HTMLButtonElement;
  readonly exportGeojsonButton: HTMLButtonElement;
  readonly printButton: HTMLButtonElement;
  readonly modelWarnings: HTMLElement;
  readonly computeButton: HTMLButtonElement;
  readonly cancelButton: HTMLButtonElement;
  readonly progress: HTMLProgressElement;
  readonly status: HTMLElement;
  readonly errors: HTMLElement;
  readonly info: HTMLElement;
  readonly banner: HTMLElement;
  readonly networkSummary: HTMLElement;
  readonly langSelect: HTMLSelectElement;
  readonly planningRoot: HTMLElement;
  readonly groundRoot: HTMLElement;
  readonly measurementsRoot: HTMLElement;
  readonly workspaceRecent: HTMLElement;
  readonly reportIssuer: HTMLInputElement;
}

/** The panel's modes, one per task (issue 15); each fits a 1366 × 768 screen. */
export const PANEL_MODES = ['coverage', 'planning', 'communes', 'files'] as const;
export type PanelMode = (typeof PANEL_MODES)[number];
const MODE_TITLES: Record<PanelMode, MessageKey> = { coverage: 'modeCoverage', planning: 'modePlanning', communes: 'modeCommunes', files: 'modeFiles' };

/** A text from the dictionary (re-rendered on a language change). */
const tx = (key: MessageKey, tag: 'span' | 'p' | 'h1' | 'h2' | 'div' = 'span', attrs: Record<string, string> = {}) => h(tag, { ...attrs, 'data-i18n': key });
const labelled = (key: MessageKey, control: HTMLElement, cls = '') => h('label', cls ? { class: cls } : {}, tx(key), ' ', control);
const button = (id: string, key: MessageKey, cls = 'secondary', disabled = false) => {
  const b = h('button', { id, class: cls, 'data-i18n': key });
  b.disabled = disabled;
  return b;
};
const options = (...xs: [string, string | MessageKey, boolean?][]) => xs.map(([value, text, i18n]) => (i18n ? h('option', { value, 'data-i18n': text }) : h('option', { value }, text)));
const status = (id: string, live = true) => h('div', { class: 'status', id, ...(live ? { role: 'status', 'aria-live': 'polite' } : {}) });
const fileButton = (key: MessageKey, id: string, accept: string) => {
  const input = h('input', { type: 'file', id, accept });
  input.hidden = true;
  return h('label', { class: 'button secondary', tabindex: '0' }, tx(key), input);
};
/** A collapsible section of a mode (open by default). */
const section = (id: string, title: MessageKey, ...children: (Node | string)[]) => {
  const d = h('details', { class: 'section', id: `section-${id}`, open: '' }, h('summary', {}, tx(title, 'h2')), ...children);
  return d;
};
const radio = (name: string, value: string, key: MessageKey, checked = false) => {
  const r = h('input', { type: 'radio', name, value });
  r.checked = checked;
  return h('label', {}, r, ' ', tx(key));
};

export function buildPanel(root: HTMLElement): PanelElements {
  const lang = h('select', { id: 'lang', 'data-i18n-aria': 'language' }, ...options(['vi', 'Tiếng Việt'], ['en', 'English']));
  const cell = h('select', { id: 'cell-size' }, ...[25, 50, 100, 200, 500].map((m) => h('option', { value: String(m) }, `${m} m`)));
  cell.value = '50';
  const opacity = h('input', { type: 'range', id: 'opacity', min: '0', max: '1', step: '0.05', value: '0.85' });
  const errors = h('div', { class: 'errors', id: 'errors' });
  errors.hidden = true;
  const banner = tx('sampleBanner', 'div', { class: 'banner', id: 'sample-banner' });
  banner.hidden = true;
  const fieldError = (id: string) => {
    const e = h('div', { class: 'field-error', id, role: 'alert' });
    e.hidden = true;
    return e;
  };
  const warnings = h('div', { class: 'warnings', id: 'model-warnings' });
  warnings.hidden = true;
  const shareUrl = h('input', { id: 'share-url', readonly: '' });
  shareUrl.hidden = true;
  const pnName = h('input', { id: 'pn-name' });
  pnName.hidden = true;
  const sinr = h('input', { id: 'sinr-threshold', type: 'number', value: '0', min: '-20', max: '40', step: '1', 'aria-describedby': 'thresholds-error' });
  const choropleth = h('select', { id: 'choropleth' });
  choropleth.disabled = true;

  const modes: Record<PanelMode, HTMLElement[]> = {
    coverage: [
      section('coverage', 'coverage',
        labelled('carrier', h('select', { id: 'carrier' })),
        labelled('cellSize', cell),
        labelled('modelChoice', h('select', { id: 'model' }, ...options(['', 'modelPerSector', true]), ...PATH_LOSS_MODELS.map((m) => h('option', { value: m.id, 'data-i18n': `model-${m.id}` }))), 'stack'),
        labelled('terrainChoice', h('select', { id: 'terrain' }, ...options(['off', 'terrainOff', true], ['itm', 'terrainItm', true], ['bullington', 'terrainBullington', true], ['deygout', 'terrainDeygout', true])), 'stack'),
        status('terrain-status', false),
        labelled('layer', h('select', { id: 'layer' }, ...[...LAYER_IDS, ...GROUND_LAYERS.map((l) => l.id)].map((id) => h('option', { value: id, 'data-i18n': LAYER_STYLES[id].titleKey })))),
        labelled('opacity', opacity),
        h('label', { class: 'stack' }, tx('legendEdges'), h('span', { class: 'row' }, h('input', { id: 'legend-edges', 'aria-describedby': 'legend-edges-error' }), button('legend-edges-reset', 'legendEdgesReset'))),
        fieldError('legend-edges-error'),
        h('div', { class: 'row' }, button('compute', 'compute', ''), button('cancel', 'cancel', 'secondary', true)),
        h('progress', { id: 'progress', max: '1', value: '0' }),
        status('status'),
        warnings,
      ),
      section('ground', 'groundTitle', h('div', { id: 'ground' })),
    ],
    planning: [
      section('planner', 'plannerTitle', h('div', { id: 'planner' }), h('div', { id: 'link-profile' })),
      section('planning', 'planningTitle', h('div', { id: 'planning' })),
      section('pn', 'privateNetworks',
        h('div', { id: 'private-networks-info', class: 'status' }),
        h('div', { class: 'row pn-controls' }, h('select', { id: 'pn-select', 'data-i18n-aria': 'privateNetworks' }), pnName),
        h('div', { class: 'row' }, button('pn-draw', 'pnDraw'), fileButton('pnImport', 'pn-file', '.geojson,.json,application/geo+json')),
        status('pn-status'),
      ),
      section('measurements', 'measTitle', h('div', { id: 'measurements' })),
    ],
    communes: [
      section('stats', 'communeStats',
        status('stats-status', false),
        h('label', { class: 'stack' }, tx('thresholdsLabel'), h('input', { id: 'rsrp-thresholds', value: '−100, −110, −120', inputmode: 'text', 'aria-describedby': 'thresholds-error' })),
        labelled('sinrThresholdLabel', sinr),
        fieldError('thresholds-error'),
        labelled('choropleth', choropleth, 'stack'),
        h('div', { id: 'commune-stats' }),
      ),
      section('info', 'communeInfo', h('div', { id: 'info' }, tx('clickHint', 'p', { class: 'status' }))),
      section('distribution', 'distribution',
        labelled('distArea', h('select', { id: 'dist-area' }, ...options(['-1', 'provinceTotal', true]))),
        h('div', { id: 'distribution' }, tx('distWaiting', 'p', { class: 'status' })),
      ),
      section('gaps', 'gaps', h('div', { id: 'gaps' })),
    ],
    files: [
      section('scenario', 'scenarioTitle',
        h('div', { class: 'row' }, button('save-scenario', 'saveScenario'), fileButton('openScenario', 'open-scenario', '.json,application/json')),
        h('div', { class: 'row' }, button('share-link', 'shareLink'), button('reset-scenario', 'resetScenario')),
        shareUrl,
        h('div', { id: 'workspace-recent' }),
      ),
      section('export', 'exportTitle',
        h('div', { class: 'row' }, button('export-csv', 'exportCsv', 'secondary', true), button('export-geojson', 'exportGeojson', 'secondary', true), button('export-zip', 'exportZip', 'secondary', true)),
        h('label', { class: 'stack' }, tx('reportIssuer'), h('input', { id: 'report-issuer', 'data-i18n-placeholder': 'reportIssuerPlaceholder', maxlength: '200' })),
        h('div', { class: 'row' }, button('print-report', 'printReport', 'secondary', true)),
        status('export-status', false),
      ),
      section('map', 'mapTitle',
        h('fieldset', {}, h('legend', {}, tx('boundaries')), radio('boundary', 'communes', 'communes2025', true), radio('boundary', 'districts', 'districtsPre2025')),
        h('fieldset', {}, h('legend', {}, tx('basemap')), radio('basemap', 'none', 'basemapNone', true), radio('basemap', 'osm', 'basemapOsm')),
      ),
      tx('dataSource', 'p', { class: 'source' }),
    ],
  };
  const tabs = h('div', { class: 'mode-tabs', role: 'tablist', 'data-i18n-aria': 'modesLabel' }, ...PANEL_MODES.map((m) => h('button', { role: 'tab', id: `mode-${m}`, 'data-mode': m, 'aria-controls': `panel-${m}`, 'data-i18n': MODE_TITLES[m] })));
  const panes = PANEL_MODES.map((m) => h('div', { class: 'mode', id: `panel-${m}`, role: 'tabpanel', 'aria-labelledby': `mode-${m}`, 'data-mode': m }, ...modes[m]));
  root.replaceChildren(
    h('div', { class: 'panel-head' },
      h('div', { class: 'title-row' }, tx('appTitle', 'h1'), lang),
      tx('appSubtitle', 'p', { class: 'subtitle' }),
      banner,
      h('div', { class: 'row head-row' }, status('network-summary', false), button('undo', 'undo', 'secondary small', true), button('redo', 'redo', 'secondary small', true)),
      status('scenario-status'),
      h('div', { id: 'first-run' }),
      errors,
      tabs,
    ),
    h('div', { class: 'panel-body' }, ...panes),
  );
  wireModes(root, tabs, panes);
  // File pickers styled as buttons open with Enter or Space too.
  for (const l of root.querySelectorAll<HTMLLabelElement>('label.button')) {
    l.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      l.querySelector('input')?.click();
    });
  }
  const q = <T extends Element>(sel: string) => root.querySelector(sel) as T;
  const els: PanelElements = {
    boundaryRadios: root.querySelectorAll('input[name=boundary]'),
    basemapRadios: root.querySelectorAll('input[name=basemap]'),
    carrierSelect: q('#carrier'),
    cellSelect: q('#cell-size'),
    layerSelect: q('#layer'),
    modelSelect: q('#model'),
    statsRoot: q('#commune-stats'),
    choroplethSelect: q('#choropleth'),
    thresholdsInput: q('#rsrp-thresholds'),
    sinrThresholdInput: q('#sinr-threshold'),
    thresholdsError: q('#thresholds-error'),
    exportZipButton: q('#export-zip'),
    exportStatus: q('#export-status'),
    pnSelect: q('#pn-select'),
    distArea: q('#dist-area'),
    distRoot: q('#distribution'),
    undoButton: q('#undo'),
    redoButton: q('#redo'),
    saveScenarioButton: q('#save-scenario'),
    openScenarioInput: q('#open-scenario'),
    shareButton: q('#share-link'),
    resetButton: q('#reset-scenario'),
    shareUrl: q('#share-url'),
    scenarioStatus: q('#scenario-status'),
    plannerRoot: q('#planner'),
    opacityInput: q('#opacity'),
    legendEdges: q('#legend-edges'),
    legendEdgesReset: q('#legend-edges-reset'),
    legendEdgesError: q('#legend-edges-error'),
    pnName: q('#pn-name'),
    pnDrawButton: q('#pn-draw'),
    pnFile: q('#pn-file'),
    pnStatus: q('#pn-status'),
    gapsRoot: q('#gaps'),
    pnRoot: q('#private-networks-info'),
    statsStatus: q('#stats-status'),
    exportCsvButton: q('#export-csv'),
    exportGeojsonButton: q('#export-geojson'),
    printButton: q('#print-report'),
    modelWarnings: q('#model-warnings'),
    computeButton: q('#compute'),
    cancelButton: q('#cancel'),
    progress: q('#progress'),
    status: q('#status'),
    errors: q('#errors'),
    info: q('#info'),
    banner: q('#sample-banner'),
    networkSummary: q('#network-summary'),
    langSelect: q('#lang'),
    planningRoot: q('#planning'),
    groundRoot: q('#ground'),
    measurementsRoot: q('#measurements'),
    workspaceRecent: q('#workspace-recent'),
    reportIssuer: q('#report-issuer'),
  };
  // The page's landmarks (index.html names them in English before the app starts).
  root.dataset.i18nAria = 'panelLabel';
  document.getElementById('report')?.setAttribute('data-i18n-aria', 'reportLabel');
  translateStatic(document.body);
  onLangChange(() => translateStatic(document.body));
  els.langSelect.value = getLang();
  els.langSelect.addEventListener('change', () => setLang(els.langSelect.value as Lang));
  return els;
}

/**
 * Tabs switch the mode shown (remembered); arrow keys move between tabs. `showMode` is also
 * how other views bring a mode forward (a clicked commune opens the communes mode).
 */
function wireModes(root: HTMLElement, tabs: HTMLElement, panes: HTMLElement[]): void {
  const buttons = [...tabs.querySelectorAll<HTMLButtonElement>('[role=tab]')];
  const show = (mode: PanelMode, focus = false) => {
    for (const b of buttons) {
      const on = b.dataset.mode === mode;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      if (on && focus) b.focus();
    }
    for (const p of panes) p.hidden = p.dataset.mode !== mode;
    root.dataset.mode = mode;
    try {
      localStorage.setItem(MODE_KEY, mode);
    } catch {
      // Storage refused: the mode is simply not remembered.
    }
  };
  root.addEventListener('phusong-mode', (e) => show((e as CustomEvent<PanelMode>).detail));
  for (const b of buttons) {
    b.addEventListener('click', () => show(b.dataset.mode as PanelMode));
    b.addEventListener('keydown', (e) => {
      const i = buttons.indexOf(b);
      const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : -1;
      if (next < 0 && e.key !== 'ArrowLeft') return;
      e.preventDefault();
      show(buttons[(next + buttons.length) % buttons.length].dataset.mode as PanelMode, true);
    });
  }
  const saved = savedMode();
  show(saved ?? 'coverage');
}

const MODE_KEY = 'phusong-mode';

/** The mode remembered from the last visit, if any. */
function savedMode(): PanelMode | null {
  try {
    const v = localStorage.getItem(MODE_KEY);
    return (PANEL_MODES as readonly string[]).includes(v ?? '') ? (v as PanelMode) : null;
  } catch {
    return null;
  }
}

/** Brings a mode of the panel forward (e.g. the communes mode for a clicked commune). */
export function showMode(mode: PanelMode): void {
  document.getElementById('panel')?.dispatchEvent(new CustomEvent('phusong-mode', { detail: mode }));
}

export function translateStatic(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder as MessageKey);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria as MessageKey));
}

type InfoRow = [MessageKey, string];

/** Details of a clicked commune (2025) or former district. */
export function showFeatureInfo(els: PanelElements, kind: 'communes' | 'districts', p: Record<string, unknown>): void {
  const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
  const rows: InfoRow[] = [[`fieldName`, featureTitle(p)]];
  if (kind === 'communes') {
    if (p.type_vi) rows.push(['fieldType', unitTypeText(String(p.type_vi))]);
    if (p.code) rows.push(['fieldCode', String(p.code)]);
    if (p.area_km2 != null) rows.push(['fieldArea', t('km2', { v: formatNumber(num(p.area_km2)) })]);
    if (p.area_km2_geom != null) rows.push(['fieldAreaGeom', t('km2', { v: formatNumber(num(p.area_km2_geom)) })]);
    if (p.population != null) rows.push(['fieldPopulation', formatNumber(num(p.population), 0)]);
    if (p.merged_from) rows.push(['fieldMergedFrom', unitListText(String(p.merged_from))]);
  } else {
    if (p.type_vi) rows.push(['fieldType', unitTypeText(String(p.type_vi))]);
    if (p.code) rows.push(['fieldCode', String(p.code)]);
    if (p.old_province_name) rows.push(['fieldProvince', String(p.old_province_name)]);
    if (p.area_km2 != null) rows.push(['fieldAreaGeom', t('km2', { v: formatNumber(num(p.area_km2)) })]);
    if (p.commune_count != null) rows.push(['fieldDistrictCommunes', formatNumber(Number(p.commune_count), 0)]);
  }
  const dl = document.createElement('dl');
  dl.className = 'info';
  dl.id = 'feature-info';
  for (const [k, v] of rows) {
    const dt = document.createElement('dt');
    dt.dataset.i18n = k;
    dt.textContent = t(k);
    const dd = document.createElement('dd');
    dd.textContent = v;
    dl.append(dt, dd);
  }
  const hist = document.createElement('div');
  hist.id = 'commune-hist';
  els.info.replaceChildren(dl, hist);
}
