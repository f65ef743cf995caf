/**
 * The side panel: static skeleton whose texts come from the dictionary (data-i18n), plus
 * small helpers to show status, errors and the clicked feature's details.
 */
import { LAYER_IDS } from '../core/coverage/layers.ts';
import { GROUND_LAYERS } from '../core/coverage/layer-registry.ts';
import { PATH_LOSS_MODELS } from '../core/propagation/registry.ts';
import { LAYER_STYLES } from './layer-styles.ts';
import { formatNumber, onLangChange, setLang, getLang, t, type Lang, type MessageKey } from '../i18n/i18n.ts';

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
  readonly groundRoot: HTMLElement;
}

export function buildPanel(root: HTMLElement): PanelElements {
  root.innerHTML = `
    <div class="title-row"><h1 data-i18n="appTitle"></h1><select id="lang" data-i18n-aria="language"><option value="vi">Tiếng Việt</option><option value="en">English</option></select></div>
    <p class="subtitle" data-i18n="appSubtitle"></p>
    <div class="banner" id="sample-banner" data-i18n="sampleBanner" hidden></div>
    <div class="status" id="network-summary"></div>
    <div class="errors" id="errors" hidden></div>
    <h2 data-i18n="coverage"></h2>
    <label><span data-i18n="carrier"></span> <select id="carrier"></select></label>
    <label><span data-i18n="cellSize"></span>
      <select id="cell-size"><option value="25">25 m</option><option value="50" selected>50 m</option><option value="100">100 m</option><option value="200">200 m</option><option value="500">500 m</option></select></label>
    <label class="stack"><span data-i18n="modelChoice"></span>
      <select id="model"><option value="" data-i18n="modelPerSector"></option>${PATH_LOSS_MODELS.map((m) => `<option value="${m.id}">${m.id}</option>`).join('')}</select></label>
    <label><span data-i18n="layer"></span>
      <select id="layer">${[...LAYER_IDS, ...GROUND_LAYERS.map((l) => l.id)].map((id) => `<option value="${id}" data-i18n="${LAYER_STYLES[id].titleKey}"></option>`).join('')}</select></label>
    <label><span data-i18n="opacity"></span> <input type="range" id="opacity" min="0" max="1" step="0.05" value="0.85"></label>
    <label class="stack"><span data-i18n="legendEdges"></span>
      <span class="row"><input id="legend-edges" aria-describedby="legend-edges-error"><button id="legend-edges-reset" class="secondary" data-i18n="legendEdgesReset"></button></span></label>
    <div class="field-error" id="legend-edges-error" role="alert" hidden></div>
    <div class="row"><button id="compute" data-i18n="compute"></button><button id="cancel" class="secondary" data-i18n="cancel" disabled></button></div>
    <progress id="progress" max="1" value="0"></progress>
    <div class="status" id="status" role="status" aria-live="polite"></div>
    <div class="warnings" id="model-warnings" hidden></div>
    <h2 data-i18n="groundTitle"></h2>
    <div id="ground"></div>
    <h2 data-i18n="scenarioTitle"></h2>
    <div class="row"><button id="undo" class="secondary" data-i18n="undo" disabled></button><button id="redo" class="secondary" data-i18n="redo" disabled></button></div>
    <div class="row"><button id="save-scenario" class="secondary" data-i18n="saveScenario"></button><label class="button secondary" tabindex="0"><span data-i18n="openScenario"></span><input type="file" id="open-scenario" accept=".json,application/json" hidden></label></div>
    <div class="row"><button id="share-link" class="secondary" data-i18n="shareLink"></button><button id="reset-scenario" class="secondary" data-i18n="resetScenario"></button></div>
    <input id="share-url" readonly hidden>
    <div class="status" id="scenario-status" role="status" aria-live="polite"></div>
    <div id="planner"></div>
    <h2 data-i18n="communeStats"></h2>
    <div class="status" id="stats-status"></div>
    <label class="stack"><span data-i18n="thresholdsLabel"></span>
      <input id="rsrp-thresholds" value="−100, −110, −120" inputmode="text" aria-describedby="thresholds-error"></label>
    <label><span data-i18n="sinrThresholdLabel"></span> <input id="sinr-threshold" type="number" value="0" min="-20" max="40" step="1" aria-describedby="thresholds-error"></label>
    <div class="field-error" id="thresholds-error" role="alert" hidden></div>
    <label class="stack"><span data-i18n="choropleth"></span> <select id="choropleth" disabled></select></label>
    <div id="commune-stats"></div>
    <div class="row"><button id="export-csv" class="secondary" data-i18n="exportCsv" disabled></button><button id="export-geojson" class="secondary" data-i18n="exportGeojson" disabled></button><button id="print-report" class="secondary" data-i18n="printReport" disabled></button></div>
    <div class="row"><button id="export-zip" class="secondary" data-i18n="exportZip" disabled></button></div>
    <div class="status" id="export-status" role="status"></div>
    <h2 data-i18n="distribution"></h2>
    <label><span data-i18n="distArea"></span> <select id="dist-area"><option value="-1" data-i18n="provinceTotal"></option></select></label>
    <div id="distribution"><p class="status" data-i18n="distWaiting"></p></div>
    <h2 data-i18n="privateNetworks"></h2>
    <div id="private-networks-info" class="status"></div>
    <div class="row pn-controls"><select id="pn-select" aria-label="network"></select><input id="pn-name" hidden></div>
    <div class="row"><button id="pn-draw" class="secondary" data-i18n="pnDraw"></button><label class="button secondary" tabindex="0"><span data-i18n="pnImport"></span><input type="file" id="pn-file" accept=".geojson,.json,application/geo+json" hidden></label></div>
    <div class="status" id="pn-status" role="status" aria-live="polite"></div>
    <h2 data-i18n="gaps"></h2>
    <div id="gaps"></div>
    <h2 data-i18n="boundaries"></h2>
    <fieldset>
      <label><input type="radio" name="boundary" value="communes" checked> <span data-i18n="communes2025"></span></label>
      <label><input type="radio" name="boundary" value="districts"> <span data-i18n="districtsPre2025"></span></label>
    </fieldset>
    <h2 data-i18n="basemap"></h2>
    <fieldset>
      <label><input type="radio" name="basemap" value="none" checked> <span data-i18n="basemapNone"></span></label>
      <label><input type="radio" name="basemap" value="osm"> <span data-i18n="basemapOsm"></span></label>
    </fieldset>
    <h2 data-i18n="communeInfo"></h2>
    <div id="info"><p class="status" data-i18n="clickHint"></p></div>
    <p class="source" data-i18n="dataSource"></p>
  `;
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
    groundRoot: q('#ground'),
  };
  translateStatic(document.body);
  onLangChange(() => translateStatic(document.body));
  els.langSelect.value = getLang();
  els.langSelect.addEventListener('change', () => setLang(els.langSelect.value as Lang));
  return els;
}

export function translateStatic(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria as MessageKey));
}

type InfoRow = [MessageKey, string];

/** Details of a clicked commune (2025) or former district. */
export function showFeatureInfo(els: PanelElements, kind: 'communes' | 'districts', p: Record<string, unknown>): void {
  const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
  const rows: InfoRow[] = [[`fieldName`, String(p.name_full ?? p.name ?? '')]];
  if (kind === 'communes') {
    if (p.type_vi) rows.push(['fieldType', String(p.type_vi)]);
    if (p.code) rows.push(['fieldCode', String(p.code)]);
    if (p.area_km2 != null) rows.push(['fieldArea', t('km2', { v: formatNumber(num(p.area_km2)) })]);
    if (p.area_km2_geom != null) rows.push(['fieldAreaGeom', t('km2', { v: formatNumber(num(p.area_km2_geom)) })]);
    if (p.population != null) rows.push(['fieldPopulation', formatNumber(num(p.population), 0)]);
    if (p.merged_from) rows.push(['fieldMergedFrom', String(p.merged_from)]);
  } else {
    if (p.type_vi) rows.push(['fieldType', String(p.type_vi)]);
    if (p.code) rows.push(['fieldCode', String(p.code)]);
    if (p.old_province_name) rows.push(['fieldProvince', String(p.old_province_name)]);
    if (p.area_km2 != null) rows.push(['fieldAreaGeom', t('km2', { v: formatNumber(num(p.area_km2)) })]);
    if (p.commune_count != null) rows.push(['fieldDistrictCommunes', String(p.commune_count)]);
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
