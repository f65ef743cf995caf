/**
 * App bootstrap: map, boundaries, sample scenario, coverage through the compute client.
 * Everything heavy runs in workers; this file only wires data to views.
 */
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/style.css';
import { transfer } from 'comlink';
import { Map as MlMap, NavigationControl, ScaleControl, type GeoJSONSource, type MapMouseEvent } from 'maplibre-gl';
import { lonLatToUtm } from './core/grid/projection.ts';
import { cellAt } from './core/grid/grid.ts';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { BoundaryFileError, parseBoundaryGeoJson, ringsOf, type BoundaryFeature } from './core/boundaries/boundaries.ts';
import { parseScenario, privateNetworkCarrierId, type Carrier, type InsideTest, type PrivateNetwork, type Scenario, type Site } from './core/scenario/scenario.ts';
import { enforceFieldRules } from './core/scenario/fields.ts';
import { checkServiceArea, parseServiceArea } from './core/scenario/service-area.ts';
import { PolygonDraw, showServiceAreas } from './ui/service-areas.ts';
import turfArea from '@turf/area';
import { engineSectorsForSite, planScene, sceneWarnings, tilesTouchedByDisc, type EngineOptions, type EngineSector, type Scene } from './core/coverage/scene.ts';
import { planIncremental, remapServerAfterRemoval } from './core/coverage/incremental.ts';
import { layerArray, newCoverageLayers, scatterChunk, tileBands, type CoverageLayers, type LayerId } from './core/coverage/layers.ts';
import { provinceBenchScenario } from './core/coverage/fixtures.ts';
import { PATH_LOSS_MODEL_IDS, getPathLossModel } from './core/propagation/registry.ts';
import { ComputeClient, JobCancelledError, type JobSummary } from './compute/client.ts';
import { LAYER_STYLES, withEdges, type LayerStyle } from './ui/layer-styles.ts';
import { CommuneTable, populationThreshold } from './ui/commune-table.ts';
import { addChoroplethLayer, type ChoroplethStat, renderChoroplethLegend, renderGapList, renderHistogram, setChoropleth, showGaps } from './ui/commune-views.ts';
import type { AreaStats, CommuneStatsResult } from './core/stats/commune-stats.ts';
import type { GapCollection } from './core/stats/gaps.ts';
import type { CommuneInput, StatsOptions } from '../workers/engine-api.ts';
import type { PrivateNetworkStats } from './core/stats/private-network.ts';
import { communeStatsCsv, communeStatsGeoJson, geoJsonText } from './core/export/vector.ts';
import turfBbox from '@turf/bbox';
import { SiteEditor, TemplatePicker } from './ui/site-editor.ts';
import { ImportPreviewDialog, validRowCount } from './ui/import-preview.ts';
import { sectorWedges } from './core/scenario/wedges.ts';
import { newSiteFromTemplate, type SiteTemplateId } from './core/scenario/templates.ts';
import { applyImport, decodeImportBytes, importSites } from './core/scenario/import.ts';
import { History } from './state/history.ts';
import { Autosaver, clearAutosave, loadAutosave, type UiState } from './state/autosave.ts';
import { buildShareUrl, decodeScenarioFragment, encodeScenarioFragment, SHARE_URL_MAX_CHARS, ShareUrlError, sitesThatFit } from './state/share-url.ts';
import { pointReadoutLonLat, type PointReadout } from './core/coverage/readout.ts';
import { readoutHtml } from './ui/readout-view.ts';
import { p2pHtml } from './ui/p2p-view.ts';
import { pointToPoint, type P2pResult } from './core/coverage/p2p.ts';
import { renderDistribution } from './ui/distribution-chart.ts';
import { LAYER_BINS, type Distribution } from './core/stats/distribution.ts';
import { baseStyle } from './ui/map-style.ts';
import { addBoundaryLayer, addProvinceOutline, setBoundaryKind, type BoundaryKind } from './ui/boundary-layers.ts';
import { CoverageLayer } from './ui/coverage-layer.ts';
import { renderLegend } from './ui/legend.ts';
import { buildPanel, showErrors, showFeatureInfo, type PanelElements } from './ui/panel.ts';
import { dictionary, formatNumber, getLang, onLangChange, t, type MessageKey } from './i18n/i18n.ts';
import { installDropZone } from './ui/dropzone.ts';

const DATA = `${import.meta.env.BASE_URL}data/`;
const COMMUNES_FILE = 'vinh-long-communes-2025.geojson';
const PROVINCE_FILE = 'vinh-long-province-2025.geojson';
const DISTRICTS_FILE = 'vinh-long-old-districts-pre2025.geojson';
const SCENARIO_FILE = 'sample-network.json';
/** Vĩnh Long province bbox (SOURCES.md), used to frame the map before data arrives. */
const VINH_LONG_BBOX: [number, number, number, number] = [105.681642, 9.527162, 106.791831, 10.34014];

/** Test and debugging hook: state that e2e tests read. */
interface AppDebug {
  ready: boolean;
  communeNames: string[];
  errors: string[];
  lastJob: (JobSummary & { paintedCells: number; mainThreadLongTasksMs: number[]; longTaskStartsMs: number[]; mergeMsMax: number; cells: number; sectors: number; totalMs: number; version: number }) | null;
  /** The last finished drag: update latencies (move → layer updated), ms. */
  lastDrag: { site: string; moves: number; latenciesMs: number[]; primeMs: number; mainThreadLongTasksMs: number[] } | null;
  client: ComputeClient;
  map: MlMap;
  /** Value of a layer of the computed carrier at a point (NaN outside or no service). */
  layerAt(layer: LayerId, lon: number, lat: number): number;
  /** Copy of a layer of the computed carrier. */
  layerCopy(layer: LayerId): number[];
  /** Runs a full recompute and compares every cell with the layers as they are now. */
  compareWithFullRecompute(): Promise<{ cells: number; compared: number; maxAbsDiffDb: number; mismatches: number }>;
  communeStats?: CommuneStatsResult;
  gaps?: number;
  communeGaps?: number;
  history?: { undo: number; canRedo: boolean; undoLabel: string | null; redoLabel: string | null };
  /** Increases each time the coverage on the map changes (a job finished, or an edit merged). */
  coverageSeq: number;
  lastEdit?: { site: string; tiles: number; ms: number; incremental: boolean; kind?: 'change' | 'add' | 'remove' };
  readout?: PointReadout;
  p2p?: P2pResult;
  distribution?: { layer: string; area: number; cells: number; noService: number; counts: number[]; cdf: number[] };
  selected?: string[];
  importPreview?: { valid: number; problems: number };
  scenario?: () => Scenario | null;
  selectSites?: (ids: string[]) => void;
  dictionaries?: { vi: Readonly<Record<string, string>>; en: Readonly<Record<string, string>> };
  serviceAreas?: { id: string; name: string; vertices: number }[];
  drawer?: PolygonDraw;
  exportZip?: { bytes: number; files: string[] };
  privateNetworkStats?: PrivateNetworkStats;
  histogramCells?: number;
  /** Fills the print report (the print button does this, then opens the print dialog). */
  prepareReport?: () => Promise<void>;
  zoomedCommune?: string;
  /** Screen position of a site (for drag tests). */
  sitePixel(siteId: string): [number, number] | null;
  /**
   * Benchmark hook (bench/browser.mjs): moves ONE sector in `moves` steps of `stepM` metres east,
   * through the same path as a mouse drag (edit in the workers, merge, repaint); returns each
   * step's time from move to repainted layer, and the priming time, ms.
   */
  benchSectorDrag(moves: number, stepM: number): Promise<{ sector: string; primeMs: number; latenciesMs: number[]; workersMs: number[]; frameMs: number[] }>;
}
declare global {
  interface Window {
    __phusong: AppDebug;
  }
}

const els = buildPanel(document.getElementById('panel')!);
const map = new MlMap({ container: 'map', style: baseStyle(), bounds: VINH_LONG_BBOX, fitBoundsOptions: { padding: 20 }, attributionControl: { compact: false } });
map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
const client = new ComputeClient();
const coverage = new CoverageLayer(map, 'communes-fill');
const debug: AppDebug = {
  ready: false, communeNames: [], errors: [], lastJob: null, coverageSeq: 0, lastDrag: null, client, map,
  layerAt: (layer, lon, lat) => {
    if (!cov) return NaN;
    const [x, y] = lonLatToUtm(lon, lat);
    const c = cellAt(cov.scene.grid, x, y);
    return c ? layerArray(cov.layers.carriers[0], layer)[c.row * cov.scene.grid.width + c.col] : NaN;
  },
  scenario: () => scenario,
  selectSites: (ids) => {
    selectedIds = ids.filter((id) => scenario?.sites.some((x) => x.id === id));
    plannerViews.refresh();
  },
  dictionaries: { vi: dictionary('vi'), en: dictionary('en') },
  layerCopy: (layer) => (cov ? Array.from(layerArray(cov.layers.carriers[0], layer)) : []),
  compareWithFullRecompute: async () => {
    const before = cov!.layers.carriers[0];
    const rsrp = Float64Array.from(before.rsrpDbm), sinr = Float64Array.from(before.sinrDb), server = Int32Array.from(before.server);
    await runCoverage();
    const after = cov!.layers.carriers[0];
    let compared = 0, mismatches = 0, maxAbsDiffDb = 0;
    for (let i = 0; i < rsrp.length; i++) {
      const nanA = Number.isNaN(rsrp[i]), nanB = Number.isNaN(after.rsrpDbm[i]);
      if (nanA !== nanB || server[i] !== after.server[i]) {
        mismatches++;
        continue;
      }
      if (nanA) continue;
      compared++;
      maxAbsDiffDb = Math.max(maxAbsDiffDb, Math.abs(rsrp[i] - after.rsrpDbm[i]), Math.abs(sinr[i] - after.sinrDb[i]));
    }
    return { cells: rsrp.length, compared, maxAbsDiffDb, mismatches };
  },
  benchSectorDrag: async (moves, stepM) => {
    if (!cov || !scenario) throw new Error('no coverage yet');
    // From an idle app: the statistics that follow a computation are finished.
    await statsInFlight;
    await distInFlight;
    const scene = cov.scene;
    const g = scene.grid;
    const cx = g.originX + (g.width * g.cellSizeM) / 2, cy = g.originY - (g.height * g.cellSizeM) / 2;
    let sec = scene.sectors[0];
    for (const s of scene.sectors) if (Math.hypot(s.xM - cx, s.yM - cy) < Math.hypot(sec.xM - cx, sec.yM - cy)) sec = s;
    const primeMs = await client.beginEdit([sec.index], footprintTiles(scene, [{ ...sec, rangeM: sec.rangeM + 3000 }]));
    let shown = footprintTiles(scene, [sec]);
    const latenciesMs: number[] = [];
    const workersMs: number[] = [];
    // What one map frame costs here (software WebGL in headless chromium): a repaint with nothing changed.
    const frameMs: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      await new Promise<void>((res) => {
        map.once('render', () => res());
        map.triggerRepaint();
      });
      frameMs.push(performance.now() - t0);
    }
    for (let k = 1; k <= moves; k++) {
      const t0 = performance.now();
      const moved = { ...sec, xM: sec.xM + k * stepM };
      const tiles = [...new Set([...shown, ...footprintTiles(scene, [moved])])];
      const chunks = await client.editMove(tiles, [moved], [currentLayer()]);
      workersMs.push(Math.max(0, ...(chunks ?? []).map((c) => c.elapsedMs)));
      let box: [number, number, number, number] | null = null;
      for (const c of chunks ?? []) {
        const r = scatterChunk(scene, cov.layers, c);
        if (r) box = box ? [Math.min(box[0], r[0]), Math.min(box[1], r[1]), Math.max(box[2], r[2]), Math.max(box[3], r[3])] : r;
      }
      if (box) repaint(box);
      shown = footprintTiles(scene, [moved]);
      latenciesMs.push(performance.now() - t0);
    }
    await client.endEdit();
    return { sector: sec.id, primeMs, latenciesMs, workersMs, frameMs };
  },
  sitePixel: (siteId) => {
    const site = scenario?.sites.find((s) => s.id === siteId);
    if (!site) return null;
    const p = map.project([site.lonDeg, site.latDeg]);
    return [p.x, p.y];
  },
};
window.__phusong = debug;
debug.prepareReport = async () => fillReport(await mapSnapshot());

const longTasks: { start: number; duration: number }[] = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: false });
} catch {
  // longtask timing is a Chromium feature; other browsers simply report none.
}

let scenario: Scenario | null = null;
let maskRings: Position[][] | null = null;
let legendModelNote = '';
let legendNoteParams: Record<string, string | number> | null = null;
const params = new URLSearchParams(location.search);

/** The computed coverage shown on the map. */
interface CoverageState {
  scene: Scene;
  layers: CoverageLayers;
  options: Partial<EngineOptions>;
}
let cov: CoverageState | null = null;
/** Communes of the statistics table (name in `name`). */
let statsCommunes: BoundaryFeature[] = [];
/** The same communes for the workers: a URL they fetch and parse once (never cloned per call). */
let statsSource: CommuneInput = [];

/**
 * A copy of big layers for a worker, made in slices between which the main thread yields, then
 * transferred (moved, not cloned): a structured clone of a 4.4-million-cell Float64 layer costs
 * ~60 ms of main thread, four of them a long task.
 */
async function layersForWorker<T extends Record<string, Float64Array | Float32Array | Int32Array | Uint8Array>>(layers: T): Promise<T> {
  const out = {} as Record<string, Float64Array | Float32Array | Int32Array | Uint8Array>;
  const buffers: ArrayBuffer[] = [];
  const step = 1 << 20;
  for (const [k, a] of Object.entries(layers)) {
    const copy = new (a.constructor as new (n: number) => typeof a)(a.length);
    for (let i = 0; i < a.length; i += step) {
      copy.set(a.subarray(i, Math.min(a.length, i + step)) as never, i);
      await new Promise((r) => setTimeout(r, 0));
    }
    out[k] = copy;
    buffers.push(copy.buffer as ArrayBuffer);
  }
  return transfer(out as T, buffers);
}
let lastStats: CommuneStatsResult | null = null;
let lastGaps: GapCollection | null = null;
const communeTable = new CommuneTable(els.statsRoot, (index) => zoomToCommune(index));
let sceneVersion = 0;
/** Scene versions up to this one were cancelled by the user (even before their job started). */
let cancelledVersion = 0;
const legendEl = () => document.getElementById('legend')!;
const currentLayer = (): LayerId => els.layerSelect.value as LayerId;

/** The statistics and charts being computed after a job (the bench waits for them: an idle app). */
let statsInFlight: Promise<void> = Promise.resolve();
/** Commune statistics of the shown carrier, computed in a worker; then the table, exports and report are enabled. */
function updateCommuneStats(): Promise<void> {
  const run = communeStatsNow();
  statsInFlight = statsInFlight.then(() => run).catch(() => undefined);
  return run;
}

async function communeStatsNow(): Promise<void> {
  if (!cov || statsCommunes.length === 0) return;
  const state = cov;
  const c = state.layers.carriers[0];
  say(els.statsStatus, 'statsComputing');
  // Figures of the previous computation must not stand beside a new map.
  if (map.getSource('gaps')) showGaps(map, { type: 'FeatureCollection', features: [] });
  const waiting = () => {
    const p = document.createElement('p');
    say(p, 'statsComputing');
    return p;
  };
  els.gapsRoot.replaceChildren(waiting());
  els.pnRoot.replaceChildren(waiting());
  const o = statsOptions;
  const statsLayers = await layersForWorker({ rsrpDbm: c.rsrpDbm, sinrDb: c.sinrDb, indoorDbm: c.indoorDbm, ulMarginDb: c.ulMarginDb });
  if (cov !== state) return;
  const stats = await client.call((api) => api.communeStats(state.scene.grid, statsSource, statsLayers, o));
  if (cov !== state) return;
  lastStats = stats;
  debug.communeStats = stats;
  communeTable.set(stats, o.sinrThresholdDb);
  sayRaw(els.statsStatus, '');
  for (const b of [els.exportCsvButton, els.exportGeojsonButton, els.printButton, els.choroplethSelect, els.exportZipButton]) b.disabled = false;
  addChoroplethLayer(map);
  fillChoroplethSelect(stats);
  applyChoropleth();
  await updatePrivateNetworks(state);
  const shownId = state.scene.carriers[0]?.id;
  if (scenario && scenario.privateNetworks.some((pn) => privateNetworkCarrierId(scenario!, pn.id) === shownId)) {
    // A private carrier serves its campus only: province-wide "gaps" of it would be the whole province.
    debug.gaps = 0;
    showGaps(map, { type: 'FeatureCollection', features: [] });
    const note = document.createElement('p');
    say(note, 'gapsPrivateCarrier');
    els.gapsRoot.replaceChildren(note);
    return;
  }
  const sites = scenario?.sites.map((s) => ({ id: s.id, lonDeg: s.lonDeg, latDeg: s.latDeg })) ?? [];
  const { rsrpDbm: gapRsrp } = await layersForWorker({ rsrpDbm: c.rsrpDbm });
  const gaps = await client.call((api) => api.gaps(state.scene.grid, statsSource, transfer(gapRsrp, [gapRsrp.buffer as ArrayBuffer]), -110, 0.05, sites));
  if (cov !== state) return;
  debug.gaps = gaps.features.length;
  lastGaps = gaps;
  showGaps(map, gaps);
  renderGapList(els.gapsRoot, map, gaps);
}

/** Views of the planner (site editor, wedges); replaced when the planner UI is installed. */
const plannerViews = { refresh(): void {} };

/** Legend classes the user set, per layer (else the defaults of src/ui/layer-styles.ts). */
const customEdges: Partial<Record<LayerId, number[]>> = {};
function styleOf(layer: LayerId): LayerStyle {
  const e = customEdges[layer];
  return (e && withEdges(LAYER_STYLES[layer], e)) || LAYER_STYLES[layer];
}

/** The legend-classes field shows the shown layer's edges (empty and disabled for the best server). */
function showLegendEdges(): void {
  const style = styleOf(currentLayer());
  els.legendEdges.disabled = !!style.categorical;
  els.legendEdges.value = style.categorical ? '' : style.edges.join('; ');
  els.legendEdgesError.hidden = true;
  els.legendEdges.setAttribute('aria-invalid', 'false');
}

function onLegendEdges(reset = false): void {
  const layer = currentLayer();
  if (reset) delete customEdges[layer];
  else {
    const edges = els.legendEdges.value.replace(/[−–]/g, '-').split(/[;\s]+/).filter(Boolean).map((x) => Number(x.replace(',', '.')));
    if (!withEdges(LAYER_STYLES[layer], edges)) {
      els.legendEdges.setAttribute('aria-invalid', 'true');
      say(els.legendEdgesError, 'legendEdgesInvalid');
      els.legendEdgesError.hidden = false;
      return;
    }
    customEdges[layer] = edges;
  }
  showLegendEdges();
  if (els.choroplethSelect.value === '') renderLegend(legendEl(), styleOf(layer), legendModelNote);
  void paintSliced();
  if (lastDist && lastDist.layer === layer) renderDistribution(els.distRoot, lastDist.d, styleOf(layer), lastDist.area < 0 ? t('provinceTotal') : String(statsCommunes[lastDist.area]?.properties?.name ?? ''), LAYER_UNITS[layer]);
  if (scenario) autosaver?.save(scenario, uiState());
}
/** Units of the layers, for charts. */
const LAYER_UNITS: Readonly<Record<LayerId, string>> = { rsrp: 'dBm', indoor: 'dBm', sinr: 'dB', throughput: 'Mbit/s', overlap: '', uplink: 'dB', server: '' };

/** Point-in-province test of the loaded boundaries (null before they load). */
let insideProvince: InsideTest | null = null;
const drawer = new PolygonDraw(map);

function fillPnSelect(): void {
  if (!scenario) return;
  const prev = els.pnSelect.value;
  els.pnSelect.replaceChildren(...scenario.privateNetworks.map((n) => new Option(n.name, n.id)), new Option(t('pnNew'), ''));
  els.pnSelect.value = [...els.pnSelect.options].some((o) => o.value === prev) ? prev : (scenario.privateNetworks[0]?.id ?? '');
  els.pnName.hidden = els.pnSelect.value !== '';
  els.pnName.placeholder = t('pnNameLabel');
  els.pnName.setAttribute('aria-label', t('pnNameLabel'));
  els.pnSelect.setAttribute('aria-label', t('privateNetworks'));
}

/** Sets the chosen (or a new) private network's service area; the figures follow. */
function setServiceArea(area: Polygon): void {
  if (!scenario) return;
  const id = els.pnSelect.value;
  let networks: PrivateNetwork[];
  let name: string;
  if (id) {
    networks = scenario.privateNetworks.map((n) => (n.id === id ? { ...n, serviceArea: area } : n));
    name = scenario.privateNetworks.find((n) => n.id === id)?.name ?? id;
  } else {
    name = els.pnName.value.trim() || t('pnDefaultName', { n: scenario.privateNetworks.length + 1 });
    const taken = new Set(scenario.privateNetworks.map((n) => n.id));
    let k = scenario.privateNetworks.length + 1;
    while (taken.has(`pn-${k}`)) k++;
    networks = [...scenario.privateNetworks, { id: `pn-${k}`, name, serviceArea: area }];
    els.pnSelect.append(new Option(name, `pn-${k}`));
    els.pnSelect.value = `pn-${k}`;
  }
  // Undoable and autosaved like any edit; the figures follow (no coverage recompute: no site changed).
  void commitScenario({ ...scenario, privateNetworks: networks }, hLabel('hServiceArea', { name }));
  say(els.pnStatus, 'pnAreaSet', { name, area: formatNumber(turfArea(area) / 1e6, 3) });
  debug.serviceAreas = networks.map((n) => ({ id: n.id, name: n.name, vertices: n.serviceArea.coordinates[0].length }));
}

async function drawServiceArea(): Promise<void> {
  if (drawer.active) {
    drawer.stop(null);
    return;
  }
  say(els.pnStatus, 'pnDrawHint');
  say(els.pnDrawButton, 'pnDrawCancel');
  const ring = await drawer.start();
  say(els.pnDrawButton, 'pnDraw');
  if (!ring) {
    say(els.pnStatus, 'pnDrawCancelled');
    return;
  }
  try {
    setServiceArea(checkServiceArea({ type: 'Polygon', coordinates: [ring] }, t('pnDrawnName'), 'polygon', insideProvince ?? undefined));
  } catch (e) {
    sayRaw(els.pnStatus, (e as Error).message);
  }
}

async function importServiceArea(file: File): Promise<void> {
  try {
    setServiceArea(parseServiceArea(await file.text(), file.name, insideProvince ?? undefined));
  } catch (e) {
    // A refused file changes nothing: the message names the file, the feature and the reason.
    sayRaw(els.pnStatus, (e as Error).message);
  }
}

/** Private networks: coverage inside the service area at their own thresholds and spill-over, when their carrier is shown. */
let pnLines: string[] = [];
async function updatePrivateNetworks(state: CoverageState): Promise<void> {
  if (!scenario) return;
  const lines: string[] = [];
  const T = { out: -100, in: -110, spill: -110 };
  for (const pn of scenario.privateNetworks) {
    const carrierId = privateNetworkCarrierId(scenario, pn.id);
    if (!carrierId) {
      lines.push(t('pnNoSites', { name: pn.name, area: formatNumber(turfArea(pn.serviceArea) / 1e6, 3) }));
      continue;
    }
    if (state.scene.carriers[0]?.id !== carrierId) {
      lines.push(t('pnPickCarrier', { name: pn.name, carrier: carrierId ?? '—' }));
      continue;
    }
    const c = state.layers.carriers[0];
    const pl = await layersForWorker({ rsrpDbm: c.rsrpDbm, indoorDbm: c.indoorDbm });
    const st = await client.call((api) => api.privateNetwork(state.scene.grid, statsSource, pn.serviceArea, transfer(pl.rsrpDbm, [pl.rsrpDbm.buffer as ArrayBuffer]), transfer(pl.indoorDbm, [pl.indoorDbm.buffer as ArrayBuffer]), T.out, T.in, T.spill));
    const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumber(v * 100, 1)}%`);
    lines.push(t('pnFigures', {
      name: pn.name, carrier: carrierId, area: formatNumber(st.serviceAreaKm2, 2), out: T.out, sOut: pct(st.outdoorCoveredShare), in: T.in, sIn: pct(st.indoorCoveredShare),
      spill: T.spill, spillArea: formatNumber(st.spillAreaKm2, 2), communes: st.spillCommunes.map((x) => x.name).join(', ') || '—',
    }));
    debug.privateNetworkStats = st;
  }
  if (cov !== state) return;
  pnLines = lines;
  els.pnRoot.replaceChildren(...lines.map((l) => Object.assign(document.createElement('p'), { textContent: l })));
}

/** The histogram of a commune's RSRP under its details. */
async function showCommuneHistogram(index: number, name: string): Promise<void> {
  if (!cov || !statsCommunes.length) return;
  const state = cov;
  const { rsrpDbm } = await layersForWorker({ rsrpDbm: state.layers.carriers[0].rsrpDbm });
  const values = await client.call((api) => api.communeValues(state.scene.grid, statsSource, index, transfer(rsrpDbm, [rsrpDbm.buffer as ArrayBuffer])));
  const el = document.getElementById('commune-hist');
  if (el && cov === state) {
    renderHistogram(el, values, name);
    debug.histogramCells = values.length;
    showCommuneGaps(name);
  }
}

/** Thresholds of the commune statistics (editable in the panel). */
let statsOptions: StatsOptions = { indoorThresholdDbm: -110, rsrpThresholdsDbm: [-100, -110, -120], sinrThresholdDb: 0 };

/** Parses the thresholds fields; shows the reason at the fields and returns null when invalid. */
function readStatsOptions(): StatsOptions | null {
  const parts = els.thresholdsInput.value.replace(/[−–]/g, '-').split(/[;,\s]+/).filter(Boolean).map(Number);
  const okRsrp = parts.length >= 1 && parts.length <= 4 && parts.every((v) => Number.isFinite(v) && v >= -150 && v <= -40);
  const sinr = Number(els.sinrThresholdInput.value);
  const okSinr = els.sinrThresholdInput.value.trim() !== '' && Number.isFinite(sinr) && sinr >= -20 && sinr <= 40;
  els.thresholdsInput.setAttribute('aria-invalid', String(!okRsrp));
  els.sinrThresholdInput.setAttribute('aria-invalid', String(!okSinr));
  const msgs = [okRsrp ? '' : t('thresholdsInvalid'), okSinr ? '' : t('sinrThresholdInvalid')].filter(Boolean);
  els.thresholdsError.hidden = msgs.length === 0;
  els.thresholdsError.textContent = msgs.join(' ');
  if (!okRsrp || !okSinr) return null;
  return { indoorThresholdDbm: -110, rsrpThresholdsDbm: [...new Set(parts)].sort((a, b) => b - a), sinrThresholdDb: sinr };
}

function fillChoroplethSelect(stats: CommuneStatsResult): void {
  const sel = els.choroplethSelect;
  const prev = sel.value;
  const opts: [string, string][] = [['', t('choroplethNone')], ...stats.thresholds.map((thr): [string, string] => [`share:${thr}`, t('choroplethShare', { v: formatNumber(thr, 0) })])];
  for (const k of ['uplink', 'indoor', 'sinr']) {
    if (k in stats.province.booleanShares) opts.push([`bool:${k}`, t('choroplethBool', { what: t(({ uplink: 'col_uplink_title', indoor: 'col_indoor_title', sinr: 'col_sinr_title' } as const)[k as 'uplink' | 'indoor' | 'sinr'], { v: formatNumber(statsOptions.sinrThresholdDb ?? 0, 0) }) })]);
  }
  sel.replaceChildren(...opts.map(([v, label]) => new Option(label, v)));
  sel.value = opts.some(([v]) => v === prev) ? prev : '';
}

/** Shows the chosen commune statistic (or the coverage layer when none is chosen). */
function applyChoropleth(): void {
  if (!map.getLayer('communes-choropleth')) return;
  const stat = els.choroplethSelect.value as ChoroplethStat | '';
  map.setLayoutProperty('communes-choropleth', 'visibility', stat ? 'visible' : 'none');
  coverage.setVisible(!stat);
  if (stat && lastStats) {
    const withIds = statsCommunes.every((f) => f.id !== undefined);
    setChoropleth(map, lastStats, stat, statsCommunes.map((f, i) => (withIds ? f.id! : i)));
    renderChoroplethLegend(legendEl(), els.choroplethSelect.selectedOptions[0]?.textContent ?? '', t('populationNote'));
  } else renderLegend(legendEl(), styleOf(currentLayer()), legendModelNote);
}

function zoomToCommune(index: number): void {
  const f = statsCommunes[index];
  if (!f) return;
  const [w, s, e, n] = turfBbox(f);
  map.fitBounds([[w, s], [e, n]], { padding: 40, duration: 0 });
  showFeatureInfo(els, 'communes', f.properties ?? {});
  debug.zoomedCommune = String(f.properties?.name ?? '');
  void showCommuneHistogram(index, String(f.properties?.name ?? ''));
  offerDistributionArea(index, String(f.properties?.name ?? ''));
}

/** The worst gaps touching a commune, under its histogram (click zooms to the gap). */
function showCommuneGaps(name: string): void {
  const host = document.getElementById('commune-hist')?.parentElement;
  if (!host || !lastGaps || !name) return;
  let el = document.getElementById('commune-gaps');
  if (!el) {
    el = Object.assign(document.createElement('div'), { id: 'commune-gaps' });
    host.append(el);
  }
  const mine = lastGaps.features.filter((g) => g.properties.communes.split('; ').includes(name));
  const title = Object.assign(document.createElement('div'), { className: 'hist-title', textContent: mine.length ? t('communeGaps', { name }) : t('communeGapsNone', { name }) });
  const list = document.createElement('div');
  if (mine.length) renderGapList(list, map, { ...lastGaps, features: mine }, 5, 'commune-gap-list');
  el.replaceChildren(title, list);
  debug.communeGaps = mine.length;
}

/** Builds the export bundle (same files as `phusong coverage --out`) in a worker and downloads it as a zip. */
async function exportBundle(): Promise<void> {
  if (!cov || !scenario) return;
  const state = cov;
  const c = state.layers.carriers[0];
  const carrier = state.scene.carriers[0];
  els.exportZipButton.disabled = true;
  say(els.exportStatus, 'exportZipWorking');
  try {
    const summary = {
      tool: 'phusong (app)', created: new Date().toISOString(), scenario: scenario.name, sample: scenario.sample, carrier: carrier.id,
      cellSizeM: state.scene.grid.cellSizeM, grid: { width: state.scene.grid.width, height: state.scene.grid.height, crs: 'EPSG:32648' },
      modelOverride: state.options.modelOverride ?? null, thresholds: statsOptions,
    };
    const zipLayers = await layersForWorker({ rsrpDbm: c.rsrpDbm, sinrDb: c.sinrDb, server: c.server, indoorDbm: c.indoorDbm, ulMarginDb: c.ulMarginDb });
    const { zip, files } = await client.call((api) => api.exportZip(state.scene.grid, statsSource, zipLayers, scenario!, {
      carrierId: carrier.id, carrierLabel: carrier.label, gapThresholdDbm: -110, gapMinAreaKm2: 0.05, indoorThresholdDbm: statsOptions.indoorThresholdDbm,
      rsrpThresholdsDbm: statsOptions.rsrpThresholdsDbm, sinrThresholdDb: statsOptions.sinrThresholdDb,
    }, summary));
    const name = `phusong-${carrier.id}-${state.scene.grid.cellSizeM}m.zip`;
    download(name, zip, 'application/zip');
    say(els.exportStatus, 'exportZipDone', { name, mb: formatNumber(zip.byteLength / 1e6, 1), n: files.length });
    debug.exportZip = { bytes: zip.byteLength, files };
  } catch (err) {
    sayRaw(els.exportStatus, String((err as Error).message ?? err));
  } finally {
    els.exportZipButton.disabled = false;
  }
}

function download(name: string, data: string | Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** The map as a PNG data URL, read inside a render (the WebGL buffer is only readable then). */
function mapSnapshot(): Promise<string> {
  return new Promise((resolve) => {
    map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
    map.triggerRepaint();
  });
}

/** Fills the print-only report: network, province summary, the map, the 10 worst communes. */
function fillReport(mapImage = ''): void {
  const el = document.getElementById('report')!;
  if (!lastStats || !scenario || !cov) return;
  const p = lastStats.province;
  const thresholds = lastStats.thresholds;
  const popThr = populationThreshold(thresholds) ?? -110;
  const pctOf = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumber(v * 100, 1)}%`);
  const shareAt = (s: AreaStats, thr: number) => s.thresholds.find((x) => x.threshold === thr)?.share ?? null;
  const pop = p.thresholds.find((x) => x.threshold === popThr)?.populationCovered;
  const worst = [...lastStats.communes].filter((c) => c.cells > 0).sort((a, b) => (shareAt(a, popThr) ?? 0) - (shareAt(b, popThr) ?? 0)).slice(0, 10);
  const carrier = cov.scene.carriers[0];
  const esc = (x: string) => x.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
  el.innerHTML = `<h1>${t('reportTitle')}</h1>
    ${scenario.sample ? `<p class="banner">${t('reportSample')}</p>` : ''}
    <p>${esc(t('reportNetwork', { name: scenario.name, carrier: carrier.label, cell: cov.scene.grid.cellSizeM, date: new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN').format(new Date()) }))}</p>
    <p>${esc(t('reportProvince', {
    area: formatNumber(p.areaKm2, 0), shares: thresholds.map((thr) => `RSRP ≥ ${formatNumber(thr, 0)} dBm: ${pctOf(shareAt(p, thr))}`).join(', '),
    sinr: formatNumber(statsOptions.sinrThresholdDb ?? 0, 0), sSinr: pctOf(p.booleanShares.sinr), sUl: pctOf(p.booleanShares.uplink), v: formatNumber(popThr, 0), pop: pop === undefined ? '—' : formatNumber(pop, 0),
  }))}</p>
    ${scenario.privateNetworks.length ? `<p>${esc(t('reportPrivate', { names: scenario.privateNetworks.map((n) => n.name).join(', ') }))}</p>${pnLines.map((l) => `<p>${esc(l)}</p>`).join('')}` : ''}
    ${mapImage ? `<img class="report-map" alt="" src="${mapImage}">` : ''}
    <div class="report-legend">${legendEl().innerHTML}</div>
    <h2>${t('reportWorst')}</h2>
    <table><thead><tr><th>${t('communeName')}</th>${thresholds.map((thr) => `<th>≥ ${formatNumber(thr, 0)}</th>`).join('')}<th>${t('medianDbm')}</th><th>${t('col_sinr', { v: formatNumber(statsOptions.sinrThresholdDb ?? 0, 0) })}</th></tr></thead><tbody>
    ${worst.map((c) => `<tr><td>${esc(c.name)}</td>${c.thresholds.map((x) => `<td>${x.share === null ? '—' : `${formatNumber(x.share * 100, 1)}%`}</td>`).join('')}<td>${c.median === null ? '—' : formatNumber(c.median, 1)}</td><td>${pctOf(c.booleanShares.sinr)}</td></tr>`).join('')}
    </tbody></table><p class="note">${t('populationNote')}</p>`;
}

/** Status lines written from the dictionary, re-rendered when the language changes. */
const sayings = new Map<HTMLElement, [MessageKey, Record<string, string | number> | undefined]>();
/** A line that is not from the dictionary (a file's error message, an empty line). */
function sayRaw(el: HTMLElement, text: string): void {
  sayings.delete(el);
  el.textContent = text;
}
function say(el: HTMLElement, key: MessageKey, params?: Record<string, string | number>): void {
  sayings.set(el, [key, params]);
  el.textContent = t(key, params);
}
onLangChange(() => {
  for (const [el, [key, params]] of sayings) {
    if (el.isConnected) el.textContent = t(key, params);
    else sayings.delete(el);
  }
  showModelWarnings(lastModelWarnings);
});

let lastModelWarnings: string[] = [];
/** The models' validity warnings of the scene, under the status line. */
function showModelWarnings(lines: string[]): void {
  lastModelWarnings = lines;
  const el = els.modelWarnings;
  el.hidden = lines.length === 0;
  el.replaceChildren();
  if (!lines.length) return;
  // Folded by default (one line), so that the panel below stays on a 1366×768 screen.
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = `${t('validityWarnings')} ${lines.length}`;
  const ul = document.createElement('ul');
  for (const l of lines) {
    const li = document.createElement('li');
    li.textContent = l;
    ul.append(li);
  }
  details.append(summary, ul);
  el.append(details);
}

/** Recolours the whole shown layer in slices of ~200k cells with a yield between them, then hands it to the map. */
async function paintSliced(): Promise<void> {
  if (!cov) return;
  const g = cov.scene.grid;
  const rows = Math.max(1, Math.floor(200000 / g.width));
  for (let r = 0; r < g.height; r += rows) {
    if (!cov) return;
    coverage.paint(layerArray(cov.layers.carriers[0], currentLayer()), styleOf(currentLayer()), [0, r, g.width, Math.min(g.height, r + rows)]);
    await new Promise((res) => setTimeout(res, 0));
  }
  coverage.refresh();
}

/** Recolours the shown layer (in a region of cells, or everywhere) and hands it to the map. */
function repaint(region?: readonly [number, number, number, number], refresh = true): void {
  if (!cov) return;
  coverage.paint(layerArray(cov.layers.carriers[0], currentLayer()), styleOf(currentLayer()), region);
  if (refresh) coverage.refresh(region);
}

function reportErrors(title: string, messages: string[]): void {
  debug.errors.push(...messages);
  showErrors(els, title, messages);
}

async function fetchText(file: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(DATA + file);
  } catch (e) {
    throw new BoundaryFileError(file, `could not be read (${(e as Error).message})`);
  }
  if (!res.ok) throw new BoundaryFileError(file, res.status === 404 ? 'file not found (run `npm run data`; see README "Data")' : `HTTP ${res.status}`);
  const text = await res.text();
  // Vite's dev server answers unknown paths with index.html: treat that as "not found".
  if (text.trimStart().startsWith('<!doctype') || text.trimStart().startsWith('<html')) throw new BoundaryFileError(file, 'file not found (run `npm run data`; see README "Data")');
  return text;
}

async function loadBoundaries(): Promise<void> {
  let communes: BoundaryFeature[];
  try {
    const r = parseBoundaryGeoJson(await fetchText(COMMUNES_FILE), COMMUNES_FILE, 'name');
    communes = r.features;
    if (r.problems.length) reportErrors(t('errors'), r.problems);
  } catch (e) {
    const reason = e instanceof BoundaryFileError ? e.message.slice(COMMUNES_FILE.length + 2) : String(e);
    reportErrors(t('errors'), [(e as Error).message]);
    installDropZone(document.getElementById('dropzone')!, COMMUNES_FILE, reason, (fc, nameProperty) => useBoundaries(fc, nameProperty, null));
    return;
  }
  let outline: FeatureCollection | null = null;
  try {
    outline = { type: 'FeatureCollection', features: parseBoundaryGeoJson(await fetchText(PROVINCE_FILE), PROVINCE_FILE).features };
  } catch (e) {
    reportErrors(t('errors'), [(e as Error).message]);
  }
  useBoundaries({ type: 'FeatureCollection', features: communes }, 'name', outline, new URL(DATA + COMMUNES_FILE, location.href).href);
  try {
    const d = parseBoundaryGeoJson(await fetchText(DISTRICTS_FILE), DISTRICTS_FILE, 'name');
    addBoundaryLayer(map, 'districts', { type: 'FeatureCollection', features: d.features }, { nameProperty: 'name', onClick: onFeatureClick }, false);
    if (d.problems.length) reportErrors(t('errors'), d.problems);
  } catch (e) {
    reportErrors(t('errors'), [(e as Error).message]);
    for (const r of els.boundaryRadios) if (r.value === 'districts') r.disabled = true;
  }
}

function onFeatureClick(kind: BoundaryKind, props: Record<string, unknown>): void {
  showFeatureInfo(els, kind, props);
  if (kind !== 'communes') return;
  const index = statsCommunes.findIndex((f) => f.properties?.name === props.name && (props.code === undefined || String(f.properties?.code) === String(props.code)));
  if (index >= 0) {
    void showCommuneHistogram(index, String(props.name ?? ''));
    offerDistributionArea(index, String(props.name ?? ''));
  }
}

/** Puts a commune FeatureCollection on the map and makes it the coverage mask. */
function useBoundaries(communes: FeatureCollection, nameProperty: string, outline: FeatureCollection | null, url?: string): void {
  const features = communes.features as Feature<Polygon | MultiPolygon>[];
  const maskFeatures = (outline ?? communes).features as Feature<Polygon | MultiPolygon>[];
  if (outline) addProvinceOutline(map, outline);
  addBoundaryLayer(map, 'communes', communes, { nameProperty, onClick: onFeatureClick }, true);
  // Communes do not overlap, so the even–odd union of all their rings is the province.
  maskRings = maskFeatures.flatMap((f) => ringsOf(f.geometry));
  debug.communeNames = features.map((f) => String(f.properties?.[nameProperty] ?? ''));
  // Statistics read the name from `name`: copy the chosen property there for a user's own file.
  statsCommunes = features.map((f) => ({ ...f, properties: { ...f.properties, name: f.properties?.[nameProperty] ?? '' } })) as BoundaryFeature[];
  // The workers read the same file (a user's dropped file through a blob URL) and parse it once.
  statsSource = { url: url ?? URL.createObjectURL(new Blob([JSON.stringify(communes)], { type: 'application/geo+json' })), nameProperty };
  const inside = (lon: number, lat: number) => maskFeatures.some((f) => booleanPointInPolygon([lon, lat], f));
  insideProvince = inside;
  void loadScenario(inside);
}

async function loadScenario(inside: (lon: number, lat: number) => boolean): Promise<void> {
  let ui: UiState | null;
  try {
    const start = await initialScenario(inside);
    scenario = start.scenario;
    ui = start.ui;
    if (start.note) say(els.scenarioStatus, ...start.note);
    // Benchmarks (bench/browser.mjs): the SYNTHETIC province-wide network of issue 4 instead.
    if (params.get('scenario') === 'bench' && maskRings) scenario = provinceBenchScenario(maskRings, inside, Number(params.get('sites') ?? 400));
    if (start.problems.length) reportErrors(t('scenarioProblems', { n: start.problems.length }), start.problems);
  } catch (e) {
    reportErrors(t('errors'), [(e as Error).message]);
    return;
  }
  history.reset(scenario);
  // A shared link opens on top of the work in progress, as one undo step (Ctrl+Z brings the
  // work back), and leaves the address bar so that a reload restores the autosave, edits included.
  const linked = await linkedScenario(inside);
  if (linked) {
    if (linked.problems.length) reportErrors(t('scenarioProblems', { n: linked.problems.length }), linked.problems);
    scenario = linked.scenario;
    history.push(scenario, hLabel('hOpenLink', { n: scenario.sites.length }));
    autosaver?.save(scenario, uiState());
    window.history.replaceState(null, '', location.pathname + location.search);
    say(els.scenarioStatus, 'openedFromLink', { n: scenario.sites.length });
  }
  updateUndoButtons();
  showNetworkSummary();
  onLangChange(showNetworkSummary);
  els.carrierSelect.replaceChildren(...scenario.carriers.map((c) => new Option(`${c.tech} ${c.band} · ${formatNumber(c.freqMHz, 1)} MHz · ${c.bandwidthMHz} MHz`, c.id)));
  if (ui) applyUiState(ui);
  addSitesLayer(scenario);
  installPlanner();
  debug.ready = true;
  // Start once the map has drawn its first frames, so that the computation does not compete
  // with the initial rendering for the main thread.
  void runCoverage(true);
}

/** The sites as GeoJSON points; `moving` is drawn at its dragged position. */
function sitesCollection(s: Scenario, movingId?: string, at?: [number, number]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: s.sites.map((site) => ({ type: 'Feature', properties: { id: site.id, kind: site.kind }, geometry: { type: 'Point', coordinates: site.id === movingId && at ? at : [site.lonDeg, site.latDeg] } })),
  };
}

function addSitesLayer(s: Scenario): void {
  map.addSource('sites', { type: 'geojson', data: sitesCollection(s) });
  map.addLayer({ id: 'sites', type: 'circle', source: 'sites', paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2.5, 13, 6], 'circle-color': ['match', ['get', 'kind'], 'macro', '#1d2a33', '#7a1fa2'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } });
  showServiceAreas(map, s.privateNetworks);
  fillPnSelect();
}

async function runCoverage(waitForIdleMap = false): Promise<void> {
  if (!scenario || !maskRings) return;
  const carrierId = els.carrierSelect.value || scenario.carriers[0].id;
  const options: Partial<EngineOptions> = { cellSizeM: Number(els.cellSelect.value), carrierIds: params.get('carriers') === 'all' ? null : [carrierId], modelOverride: els.modelSelect.value || null };
  let scene: Scene;
  try {
    scene = planScene(scenario, maskRings, options);
  } catch (e) {
    reportErrors(t('errors'), [(e as Error).message]);
    return;
  }
  const version = ++sceneVersion;
  await coverage.reset(scene.grid, (g, w) => client.call((api) => api.mercatorIndex(g, w)));
  legendNoteParams = { model: scene.modelIds.map((id) => getPathLossModel(id)?.name ?? id).join(', '), ue: scenario.ueHeightM, load: scene.options.neighbourLoad * 100 };
  legendModelNote = t('legendNote', legendNoteParams);
  renderLegend(legendEl(), styleOf(currentLayer()), legendModelNote);
  showModelWarnings(sceneWarnings(scene));
  if (waitForIdleMap) {
    // First run: let the map finish drawing its initial frames (and the new coverage source)
    // before the computation starts, so they do not compete for the main thread.
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
  }
  els.progress.value = 0;
  els.cancelButton.disabled = false;
  const groups = tileBands(scene);
  say(els.status, 'computing', { done: 0, total: groups.length });
  const t0 = performance.now();
  // Layers are allocated zeroed (cheap) and every cell is written by its tile; tiles are
  // coloured as they arrive, but handed to the map only once the job is done: with software
  // WebGL each upload and re-render is a main-thread task of several hundred ms.
  const layers = newCoverageLayers(scene, false);
  const next: CoverageState = { scene, layers, options };
  /** Main-thread time spent merging each returned group, ms (shown to tests). */
  const chunkMs: number[] = [];
  let done: Promise<JobSummary>;
  try {
    await client.setScene({ scenario, boundaryRings: maskRings, options, version });
    if (version !== sceneVersion) return;
    if (version <= cancelledVersion) {
      say(els.status, 'cancelled');
      els.cancelButton.disabled = true;
      return;
    }
    ({ done } = client.start(groups, {
      onChunk(chunk) {
        const tc = performance.now();
        scatterChunk(scene, layers, chunk);
        chunkMs.push(performance.now() - tc);
      },
      onProgress(d, total) {
        els.progress.value = d / total;
        say(els.status, 'computing', { done: d, total });
      },
    }));
    cov = next;
  } catch (e) {
    reportErrors(t('errors'), [(e as Error).message]);
    return;
  }
  try {
    const summary = await done;
    const t1 = performance.now();
    // Colour the finished layer in slices of rows, yielding between them: no long task.
    await paintSliced();
    const tasks = longTasks.filter((l) => l.start >= t0 && l.start <= t1).map((l) => l.duration);
    const workers = Object.keys(summary.groupsByWorker).length;
    coverageChanged();
    debug.lastJob = { ...summary, totalMs: t1 - t0, version, mergeMsMax: Math.max(0, ...chunkMs), longTaskStartsMs: longTasks.filter((l) => l.start >= t0 && l.start <= t1).map((l) => l.start - t0), paintedCells: coverage.paintedCells, mainThreadLongTasksMs: tasks, cells: scene.grid.width * scene.grid.height, sectors: scene.sectors.length };
    say(els.status, 'computed', { cells: scene.grid.width * scene.grid.height, sectors: scene.sectors.length, seconds: formatNumber((t1 - t0) / 1000, 1), workers });
    void updateCommuneStats();
    void updateDistribution();
  } catch (e) {
    if (e instanceof JobCancelledError) say(els.status, 'cancelled');
    else reportErrors(t('errors'), [(e as Error).message]);
  } finally {
    els.cancelButton.disabled = true;
  }
}

/** A site being dragged: each mouse move replaces its sectors in the workers' edit. */
interface DragState {
  site: Site;
  indices: number[];
  ready: Promise<void>;
  shownTiles: number[];
  /** Footprint tiles where the site was when the drag began. */
  origTiles: number[];
  pending: [number, number] | null;
  inflight: Promise<void> | null;
  latencies: number[];
  moves: number;
  t0: number;
  /** Time the workers took to compute the bases when the drag began, ms. */
  primeMs: number;
  last: [number, number];
}
let drag: DragState | null = null;

function footprintTiles(scene: Scene, secs: readonly EngineSector[]): number[] {
  return [...new Set(secs.flatMap((s) => tilesTouchedByDisc(scene, s.xM, s.yM, s.rangeM)))];
}

/** Degrees to 6 decimals (≈ 0.1 m): positions from the mouse carry no more. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function movedSite(site: Site, lon: number, lat: number): Site {
  return { ...site, lonDeg: round6(lon), latDeg: round6(lat) };
}

function setSiteOnMap(siteId: string, lon: number, lat: number): void {
  const src = map.getSource('sites') as GeoJSONSource | undefined;
  if (!src || !scenario) return;
  src.setData(sitesCollection(scenario, siteId, [lon, lat]));
}

async function pumpDrag(d: DragState): Promise<void> {
  await d.ready;
  while (d.pending && cov) {
    const [lon, lat] = d.pending;
    d.pending = null;
    const tMove = performance.now();
    const scene = cov.scene;
    const repl = engineSectorsForSite(movedSite(d.site, lon, lat), scene.carriers, scene.carriers.map((c) => c.id), scene.ueHeightM, scene.options, d.indices[0]);
    const tiles = [...new Set([...d.shownTiles, ...footprintTiles(scene, repl)])];
    // While dragging only the layer on screen is computed; the others follow on release.
    const chunks = await client.editMove(tiles, repl, [currentLayer()]);
    if (!chunks || !cov || cov.scene !== scene) continue;
    let box: [number, number, number, number] | null = null;
    for (const c of chunks) {
      const r = scatterChunk(scene, cov.layers, c);
      if (r) box = box ? [Math.min(box[0], r[0]), Math.min(box[1], r[1]), Math.max(box[2], r[2]), Math.max(box[3], r[3])] : r;
    }
    if (box) repaint(box);
    d.shownTiles = footprintTiles(scene, repl);
    d.last = [lon, lat];
    d.latencies.push(performance.now() - tMove);
    d.moves++;
    say(els.status, 'dragging', { site: d.site.id, ms: Math.round(d.latencies[d.latencies.length - 1]) });
  }
}

function onDragMove(e: MapMouseEvent): void {
  if (!drag) return;
  drag.pending = [e.lngLat.lng, e.lngLat.lat];
  setSiteOnMap(drag.site.id, e.lngLat.lng, e.lngLat.lat);
  const d = drag;
  if (!d.inflight) d.inflight = pumpDrag(d).finally(() => {
    d.inflight = null;
    if (d.pending && drag === d) onDragMove({ lngLat: { lng: d.pending[0], lat: d.pending[1] } } as MapMouseEvent);
  });
}

async function onDragEnd(): Promise<void> {
  const d = drag;
  if (!d) return;
  map.off('mousemove', onDragMove);
  while (d.inflight) await d.inflight;
  drag = null;
  map.dragPan.enable();
  if (!scenario || !maskRings || !cov || d.moves === 0) {
    await client.endEdit();
    return;
  }
  const [lon, lat] = d.last;
  {
    // Every layer where the site was and where it is now.
    const scene = cov.scene;
    const repl = engineSectorsForSite(movedSite(d.site, lon, lat), scene.carriers, scene.carriers.map((c) => c.id), scene.ueHeightM, scene.options, d.indices[0]);
    const chunks = await client.editMove([...new Set([...d.origTiles, ...footprintTiles(scene, repl)])], repl, null);
    for (const c of chunks ?? []) scatterChunk(scene, cov.layers, c);
    repaint();
  }
  await client.endEdit();
  scenario = { ...scenario, sites: scenario.sites.map((s) => (s.id === d.site.id ? movedSite(s, lon, lat) : s)) };
  history.push(scenario, hLabel('hMove', { site: d.site.id }));
  autosaver?.save(scenario, uiState());
  updateUndoButtons();
  setSiteOnMap(d.site.id, lon, lat);
  plannerViews.refresh();
  // The workers take the edited scenario; the layers already show it, so nothing is recomputed.
  const version = ++sceneVersion;
  cov = { ...cov, scene: planScene(scenario, maskRings, cov.options) };
  await client.setScene({ scenario, boundaryRings: maskRings, options: cov.options, version });
  debug.lastDrag = { site: d.site.id, moves: d.moves, latenciesMs: d.latencies, primeMs: d.primeMs, mainThreadLongTasksMs: longTasks.filter((l) => l.start >= d.t0).map((l) => l.duration) };
  say(els.status, 'moved', { site: d.site.id });
}

function wireSiteDrag(): void {
  map.on('mousedown', 'sites', (e) => {
    if (!cov || !scenario || drag) return;
    const id = String(e.features?.[0]?.properties?.id ?? '');
    if (placing || drawer.active) return;
    if (p2pMode === 'site') {
      p2pSite = scenario.sites.find((x) => x.id === id) ?? null;
      if (!p2pSite) return;
      e.preventDefault();
      p2pMode = 'point';
      p2pSkipClick = true;
      say(els.scenarioStatus, 'p2pPickPoint', { site: id });
      return;
    }
    selectSite(id, e.originalEvent.shiftKey || e.originalEvent.ctrlKey);
    if (e.originalEvent.shiftKey || e.originalEvent.ctrlKey) return;
    const site = scenario.sites.find((s) => s.id === id);
    const indices = cov.scene.sectors.filter((s) => s.siteId === id).map((s) => s.index);
    if (!site || indices.length === 0) return;
    e.preventDefault();
    map.dragPan.disable();
    client.cancel();
    const own = cov.scene.sectors.filter((s) => s.siteId === id);
    // Prime the bases of the footprint and a margin around it (a drag rarely goes further).
    const margin = 3000;
    const prime = footprintTiles(cov.scene, own.map((s) => ({ ...s, rangeM: s.rangeM + margin })));
    drag = {
      site, indices, ready: client.beginEdit(indices, prime).then((ms) => {
        if (drag) drag.primeMs = ms;
      }), shownTiles: footprintTiles(cov.scene, own), origTiles: footprintTiles(cov.scene, own), primeMs: 0,
      pending: null, inflight: null, latencies: [], moves: 0, t0: performance.now(), last: [site.lonDeg, site.latDeg],
    };
    map.on('mousemove', onDragMove);
    map.once('mouseup', () => void onDragEnd());
  });
  map.on('mouseenter', 'sites', () => (map.getCanvas().style.cursor = 'move'));
  map.on('mouseleave', 'sites', () => (map.getCanvas().style.cursor = ''));
}


// ─── The planner's state: one path for every scenario change (history, autosave, map, coverage) ───

const history = new History<Scenario | null>(null);
/** `?autosave=off` (tests that need the default network) neither restores nor writes. */
const autosaver = params.get('autosave') === 'off' ? null : new Autosaver();
let editQueue: Promise<void> = Promise.resolve();

function uiState(): UiState {
  return {
    carrierId: els.carrierSelect.value || null, layer: currentLayer(), cellSizeM: Number(els.cellSelect.value),
    opacity: Number(els.opacityInput.value), thresholds: { rsrp: [...(statsOptions.rsrpThresholdsDbm ?? [])], sinr: [statsOptions.sinrThresholdDb ?? 0], ...Object.fromEntries(Object.entries(customEdges).map(([k, v]) => [`legend-${k}`, v])) },
  };
}

/** Sites added, removed or changed between two scenarios (by id; unchanged objects are shared). */
function changedSites(prev: Scenario, next: Scenario): { before?: Site; after?: Site }[] {
  const a = new Map(prev.sites.map((x) => [x.id, x]));
  const b = new Map(next.sites.map((x) => [x.id, x]));
  const out: { before?: Site; after?: Site }[] = [];
  for (const [id, x] of a) if (b.get(id) !== x) out.push({ before: x, after: b.get(id) });
  for (const [id, y] of b) if (!a.has(id)) out.push({ after: y });
  return out;
}

/** Map and panel views of the scenario (sites, wedges, service areas, summary, editor). */
function refreshScenarioViews(): void {
  if (!scenario) return;
  (map.getSource('sites') as GeoJSONSource | undefined)?.setData(sitesCollection(scenario));
  showServiceAreas(map, scenario.privateNetworks);
  fillPnSelect();
  showNetworkSummary();
  plannerViews.refresh();
}

/** A history step's label: a dictionary key and its parameters, shown in the current language. */
function hLabel(key: MessageKey, params: Record<string, string | number>): string {
  return JSON.stringify([key, params]);
}
function labelText(label: string | null): string {
  if (!label) return '';
  try {
    const [key, params] = JSON.parse(label) as [MessageKey, Record<string, string | number>];
    return t(key, params);
  } catch {
    return label;
  }
}

function updateUndoButtons(): void {
  els.undoButton.disabled = !history.canUndo;
  els.redoButton.disabled = !history.canRedo;
  els.undoButton.title = history.undoLabel ? t('undoWhat', { what: labelText(history.undoLabel) }) : '';
  els.redoButton.title = history.redoLabel ? t('redoWhat', { what: labelText(history.redoLabel) }) : '';
  debug.history = { undo: history.undoDepth, canRedo: history.canRedo, undoLabel: history.undoLabel, redoLabel: history.redoLabel };
}

/**
 * Makes `next` the scenario: recorded for undo (unless `record` is false), autosaved, drawn,
 * and its coverage updated — one edited site incrementally (only its old and new footprint),
 * anything else by a full recompute.
 */
function commitScenario(next: Scenario, label: string, o: { record?: boolean; coverage?: 'auto' | 'none' } = {}): Promise<void> {
  const prev = scenario;
  scenario = next;
  if (o.record !== false) history.push(next, label);
  autosaver?.save(next, uiState());
  refreshScenarioViews();
  updateUndoButtons();
  if (!prev || o.coverage === 'none') return Promise.resolve();
  editQueue = editQueue.then(() => recomputeFor(prev, next)).catch((e: unknown) => reportErrors(t('errors'), [(e as Error).message]));
  return editQueue;
}

async function recomputeFor(prev: Scenario, next: Scenario): Promise<void> {
  if (scenario !== next) return; // a newer edit follows
  const diff = changedSites(prev, next);
  const carriersChanged = prev.carriers !== next.carriers || prev.ueHeightM !== next.ueHeightM;
  if (!carriersChanged && diff.length === 0) {
    if (cov && prev.privateNetworks !== next.privateNetworks) await updatePrivateNetworks(cov);
    return;
  }
  if (cov && maskRings) {
    // One site changed, sites added at the end, or one site removed: merged, not recomputed
    // (planIncremental compares by value: a file opened over the same carriers still merges).
    const scene = cov.scene;
    const nextScene = planScene(next, maskRings, cov.options);
    const plan = planIncremental(scene, prev, next, nextScene);
    if (plan) {
      const t0 = performance.now();
      const own = plan.excluded.map((i) => scene.sectors[i]);
      const tiles = [...new Set([...footprintTiles(scene, own), ...footprintTiles(scene, plan.replacements)])];
      client.cancel();
      await client.beginEdit(plan.excluded, tiles);
      const chunks = await client.editMove(tiles, plan.replacements, null);
      await client.endEdit();
      if (!chunks || !cov || cov.scene !== scene || scenario !== next) return;
      for (const c of chunks) scatterChunk(scene, cov.layers, c);
      if (plan.removed) for (const c of cov.layers.carriers) remapServerAfterRemoval(c.server, plan.removed.first, plan.removed.count);
      const version = ++sceneVersion;
      cov = { ...cov, scene: nextScene };
      showModelWarnings(sceneWarnings(nextScene));
      repaint();
      await client.setScene({ scenario: next, boundaryRings: maskRings, options: cov.options, version });
      const site = plan.siteIds.join(', ');
      debug.lastEdit = { site, tiles: tiles.length, ms: performance.now() - t0, incremental: true, kind: plan.kind };
      coverageChanged();
      say(els.status, plan.kind === 'add' ? 'editedAdd' : plan.kind === 'remove' ? 'editedRemove' : 'edited', { site, ms: Math.round(performance.now() - t0) });
      void updateCommuneStats();
      return;
    }
  }
  debug.lastEdit = { site: diff[0]?.after?.id ?? diff[0]?.before?.id ?? '', tiles: 0, ms: 0, incremental: false };
  await runCoverage();
}

async function undoRedo(dir: 'undo' | 'redo'): Promise<void> {
  if (drag) return;
  const label = dir === 'undo' ? history.undoLabel : history.redoLabel;
  const next = dir === 'undo' ? history.undo() : history.redo();
  if (!next) return;
  say(els.scenarioStatus, dir === 'undo' ? 'undone' : 'redone', { what: labelText(label) });
  await commitScenario(next, '', { record: false });
}

function showNetworkSummary(): void {
  if (!scenario) return;
  const sectors = scenario.sites.reduce((a, x) => a + x.sectors.length, 0);
  els.networkSummary.textContent = `${scenario.name}: ${t('sites', { n: scenario.sites.length, m: sectors })}`;
  els.banner.hidden = !scenario.sample;
}

/** The scenario to start with: a shared link, else the autosave, else the sample network file. */
/** The scenario of a shared link in the URL (`#s=…`), or null; a damaged link is reported. */
async function linkedScenario(inside: InsideTest): Promise<{ scenario: Scenario; problems: string[] } | null> {
  if (!/[#&]s=/.test(location.hash)) return null;
  try {
    return await decodeScenarioFragment(location.hash, { inside, knownModelIds: PATH_LOSS_MODEL_IDS });
  } catch (e) {
    reportErrors(t('errors'), [(e as Error).message]);
    return null;
  }
}

/** The scenario to start with: the autosave, else the sample network file. */
async function initialScenario(inside: InsideTest): Promise<{ scenario: Scenario; problems: string[]; note: [MessageKey, Record<string, string | number>] | null; ui: UiState | null }> {
  if (autosaver) {
    const a = await loadAutosave({ inside, knownModelIds: PATH_LOSS_MODEL_IDS });
    if (a?.status === 'ok') {
      const at = new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(a.record.savedAt));
      return { scenario: a.record.scenario, problems: a.problems, note: ['restored', { at }], ui: a.record.ui };
    }
    if (a?.status === 'corrupt') reportErrors(t('errors'), [t('autosaveCorrupt', { reason: a.message })]);
  }
  const res = await fetch(DATA + SCENARIO_FILE);
  if (!res.ok) throw new Error(`${SCENARIO_FILE}: HTTP ${res.status}`);
  // The strict field rules of the sector editor too: nothing invalid reaches the engine.
  const check = enforceFieldRules(parseScenario(await res.text(), SCENARIO_FILE, inside, PATH_LOSS_MODEL_IDS), SCENARIO_FILE, { knownModelIds: PATH_LOSS_MODEL_IDS, inside });
  return { scenario: check.scenario, problems: check.problems, note: null, ui: null };
}

function applyUiState(ui: UiState): void {
  const has = (sel: HTMLSelectElement, v: string) => [...sel.options].some((o) => o.value === v);
  if (ui.carrierId && has(els.carrierSelect, ui.carrierId)) els.carrierSelect.value = ui.carrierId;
  if (has(els.layerSelect, ui.layer)) els.layerSelect.value = ui.layer;
  if (has(els.cellSelect, String(ui.cellSizeM))) els.cellSelect.value = String(ui.cellSizeM);
  if (Number.isFinite(ui.opacity)) {
    els.opacityInput.value = String(ui.opacity);
    coverage.setOpacity(ui.opacity);
  }
  const rsrp = ui.thresholds.rsrp;
  if (rsrp?.length) els.thresholdsInput.value = rsrp.map((v) => formatNumber(v, 1)).join(', ');
  const sinr = ui.thresholds.sinr?.[0];
  if (sinr !== undefined) els.sinrThresholdInput.value = String(sinr);
  statsOptions = readStatsOptions() ?? statsOptions;
  for (const [k, v] of Object.entries(ui.thresholds)) {
    const layer = k.startsWith('legend-') ? (k.slice(7) as LayerId) : null;
    if (layer && layer in LAYER_STYLES && withEdges(LAYER_STYLES[layer], v)) customEdges[layer] = [...v];
  }
  showLegendEdges();
}

async function openScenarioFile(file: File): Promise<void> {
  try {
    const inside = insideProvince ?? undefined;
    const check = enforceFieldRules(parseScenario(await file.text(), file.name, inside, PATH_LOSS_MODEL_IDS), file.name, { knownModelIds: PATH_LOSS_MODEL_IDS, inside });
    if (check.problems.length) reportErrors(t('scenarioProblems', { n: check.problems.length }), check.problems);
    say(els.scenarioStatus, 'openedFile', { name: file.name, n: check.scenario.sites.length });
    // One undo step: Ctrl+Z brings back the work the file replaced (and the autosave follows).
    selectedIds = [];
    await commitScenario(check.scenario, hLabel('hOpen', { name: file.name }));
  } catch (e) {
    // Nothing changes: the message names the file and what is wrong.
    sayRaw(els.scenarioStatus, (e as Error).message);
  }
}

async function copyShareLink(): Promise<void> {
  if (!scenario) return;
  try {
    const base = location.href.split('#')[0];
    let url: string;
    let only = 0;
    try {
      url = await buildShareUrl(scenario, base);
    } catch (e) {
      // Too long for a link: the selected sites alone, when some are selected (the message says so).
      if (!(e instanceof ShareUrlError) || selectedIds.length === 0) throw e;
      const keep = new Set(selectedIds);
      url = await buildShareUrl({ ...scenario, sites: scenario.sites.filter((x) => keep.has(x.id)) }, base);
      only = keep.size;
    }
    els.shareUrl.hidden = false;
    els.shareUrl.value = url;
    els.shareUrl.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      /* no clipboard permission: the link stays selected in the field */
    }
    if (only) say(els.scenarioStatus, copied ? 'shareCopiedSelected' : 'shareShownSelected', { n: url.length, k: only });
    else say(els.scenarioStatus, copied ? 'shareCopied' : 'shareShown', { n: url.length });
  } catch (e) {
    if (!(e instanceof ShareUrlError)) {
      sayRaw(els.scenarioStatus, (e as Error).message);
      return;
    }
    const base = location.href.split('#')[0];
    const length = base.length + (await encodeScenarioFragment(scenario)).length;
    const fit = await sitesThatFit(scenario, base);
    say(els.scenarioStatus, 'shareTooLong', { length, max: SHARE_URL_MAX_CHARS, fit, total: scenario.sites.length });
  }
}


// ─── Planner UI: add sites from templates, select, edit, delete, duplicate, import ───
let selectedIds: string[] = [];
let placing: SiteTemplateId | null = null;
const importDialog = new ImportPreviewDialog();

function carrierOptionLabel(c: Carrier): string {
  return `${c.tech} ${c.band} · ${formatNumber(c.freqMHz, 1)} MHz · ${c.bandwidthMHz} MHz`;
}

function installPlanner(): void {
  const root = els.plannerRoot;
  root.innerHTML = `<div id="template-picker"></div>
    <div class="row"><label class="button secondary" tabindex="0"><span data-i18n="importSites"></span><input type="file" id="import-sites" accept=".csv,.geojson,.json,text/csv,application/geo+json" hidden></label></div>
    <div class="status" id="selection-status"></div>
    <div class="row"><button id="delete-selected" class="secondary" data-i18n="deleteSelected" disabled></button></div>
    <div id="site-editor"></div>
    <h3 data-i18n="p2pTitle"></h3>
    <div class="row"><button id="p2p-start" class="secondary" data-i18n="p2pStart"></button></div>
    <div id="p2p"></div>`;
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  const label = root.querySelector<HTMLLabelElement>('label.button')!;
  label.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    label.querySelector('input')?.click();
  });
  const picker = new TemplatePicker(root.querySelector('#template-picker')!, (id) => {
    placing = id;
    map.getCanvas().style.cursor = 'crosshair';
    say(els.scenarioStatus, 'placeHint');
  });
  const editor = new SiteEditor(root.querySelector('#site-editor')!, {
    carriers: scenario?.carriers ?? [], privateNetworks: scenario?.privateNetworks ?? [], inside: insideProvince ?? undefined,
    onCommit: (site) => {
      if (!scenario) return;
      void commitScenario({ ...scenario, sites: scenario.sites.map((x) => (x.id === site.id ? site : x)) }, hLabel('hEdit', { site: site.id }));
    },
    onDelete: (id) => deleteSites([id]),
    onDuplicate: (id) => duplicateSite(id),
    onAddCarrier: (carrier, site) => {
      if (!scenario) return;
      say(els.scenarioStatus, 'carrierAdded', { carrier: carrier.id, site: site.id });
      void commitScenario({ ...scenario, carriers: [...scenario.carriers, carrier], sites: scenario.sites.map((x) => (x.id === site.id ? site : x)) }, hLabel('hAddCarrier', { carrier: carrier.id }));
    },
  });
  const input = root.querySelector<HTMLInputElement>('#import-sites')!;
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) void importSitesFile(f).finally(() => (input.value = ''));
  });
  root.querySelector('#delete-selected')!.addEventListener('click', () => deleteSites(selectedIds));
  root.querySelector('#p2p-start')!.addEventListener('click', () => p2pStart());
  /** Places a site of the chosen template at `at` (a map click, or Enter: the map centre). */
  const placeSiteAt = (at: [number, number]): void => {
    if (!placing || !scenario) return;
    if (insideProvince && !insideProvince(at[0], at[1])) {
      say(els.scenarioStatus, 'placeOutside');
      return;
    }
    const made = newSiteFromTemplate(placing, at, scenario.sites.map((x) => x.id), scenario.carriers);
    placing = null;
    picker.clear();
    map.getCanvas().style.cursor = '';
    selectedIds = [made.site.id];
    say(els.scenarioStatus, 'placed', { site: made.site.id });
    const next = { ...scenario, carriers: [...scenario.carriers, ...made.newCarriers], sites: [...scenario.sites, made.site] };
    void commitScenario(next, hLabel('hAdd', { site: made.site.id })).then(() => {
      // Still about this placement (nothing said since): the coverage is no longer being computed.
      if (scenario === next && sayings.get(els.scenarioStatus)?.[0] === 'placed') say(els.scenarioStatus, 'placedDone', { site: made.site.id });
    });
  };
  map.on('click', (e) => {
    if (p2pSkipClick) {
      p2pSkipClick = false;
      return;
    }
    if (p2pMode === 'point' && p2pSite) {
      p2pTarget = [round6(e.lngLat.lng), round6(e.lngLat.lat)];
      p2pMode = null;
      sayRaw(els.scenarioStatus, '');
      p2pShow();
      return;
    }
    if (!placing || !scenario || drawer.active) return;
    placeSiteAt([round6(e.lngLat.lng), round6(e.lngLat.lat)]);
  });
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && p2pMode) {
      p2pMode = null;
      sayRaw(els.scenarioStatus, '');
    } else if (e.key === 'Enter' && placing && !(e.target as HTMLElement).closest('input:not([type=radio]), textarea, select, button')) {
      const c = map.getCenter();
      placeSiteAt([round6(c.lng), round6(c.lat)]);
      e.preventDefault();
    } else if (e.key === 'Escape' && placing) {
      placing = null;
      picker.clear();
      map.getCanvas().style.cursor = '';
      sayRaw(els.scenarioStatus, '');
    } else if (e.key === 'Delete' && selectedIds.length && !(e.target as HTMLElement).closest('input, textarea, select')) {
      deleteSites(selectedIds);
    }
  });
  map.addSource('wedges', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  // Wedges of 350 m are a few pixels below zoom 11: not drawn there (they would only cost frame time).
  map.addLayer({
    id: 'wedges', type: 'fill', source: 'wedges', minzoom: 11,
    paint: { 'fill-color': ['case', ['get', 'selected'], '#e6550d', ['match', ['get', 'status'], 'existing', '#1d2a33', 'planned', '#3182bd', '#7a1fa2']], 'fill-opacity': ['case', ['get', 'selected'], 0.55, 0.3] },
  }, 'sites');
  map.addLayer({ id: 'wedges-line', type: 'line', source: 'wedges', minzoom: 11, paint: { 'line-color': ['case', ['get', 'selected'], '#e6550d', '#1d2a33'], 'line-width': ['case', ['get', 'selected'], 1.5, 0.5] } }, 'sites');
  plannerViews.refresh = () => {
    if (!scenario) return;
    selectedIds = selectedIds.filter((id) => scenario!.sites.some((x) => x.id === id));
    const sel = new Set(selectedIds);
    const wedges = sectorWedges(scenario.sites, { radiusM: 350 });
    for (const f of wedges.features) (f.properties as { selected: boolean }).selected = sel.has(String(f.properties?.siteId));
    (map.getSource('wedges') as GeoJSONSource).setData(wedges as FeatureCollection);
    editor.setContext({ carriers: scenario.carriers, privateNetworks: scenario.privateNetworks, inside: insideProvince ?? undefined });
    const one = selectedIds.length === 1 ? scenario.sites.find((x) => x.id === selectedIds[0]) ?? null : null;
    editor.show(one);
    const status = root.querySelector('#selection-status')!;
    status.textContent = selectedIds.length ? t('selected', { ids: selectedIds.join(', '), n: selectedIds.length }) : t('selectHint');
    root.querySelector<HTMLButtonElement>('#delete-selected')!.disabled = selectedIds.length === 0;
    const prev = els.carrierSelect.value;
    if ([...els.carrierSelect.options].map((o) => o.value).join('\n') !== scenario.carriers.map((c) => c.id).join('\n')) {
      els.carrierSelect.replaceChildren(...scenario.carriers.map((c) => new Option(carrierOptionLabel(c), c.id)));
      els.carrierSelect.value = scenario.carriers.some((c) => c.id === prev) ? prev : scenario.carriers[0].id;
    }
    debug.selected = [...selectedIds];
  };
  onLangChange(() => {
    picker.render();
    editor.render();
    for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
    plannerViews.refresh();
    if (p2pSite && p2pTarget) p2pShow();
  });
  plannerViews.refresh();
}

function selectSite(id: string, additive: boolean): void {
  if (additive) selectedIds = selectedIds.includes(id) ? selectedIds.filter((x) => x !== id) : [...selectedIds, id];
  else selectedIds = [id];
  plannerViews.refresh();
}

function deleteSites(ids: readonly string[]): void {
  if (!scenario || ids.length === 0) return;
  const gone = new Set(ids);
  selectedIds = [];
  void commitScenario({ ...scenario, sites: scenario.sites.filter((x) => !gone.has(x.id)) }, hLabel('hDelete', { ids: [...gone].join(', ') }));
}

function duplicateSite(id: string): void {
  if (!scenario) return;
  const src = scenario.sites.find((x) => x.id === id);
  if (!src) return;
  const taken = new Set(scenario.sites.map((x) => x.id));
  let k = 2;
  while (taken.has(`${id}-${k}`)) k++;
  const newId = `${id}-${k}`;
  // 200 m east of the original, so that both stay visible and draggable.
  const lon = src.lonDeg + 200 / (111320 * Math.cos((src.latDeg * Math.PI) / 180));
  const copy: Site = { ...src, id: newId, name: `${src.name} (2)`, lonDeg: lon, status: 'candidate', sectors: src.sectors.map((sec) => ({ ...sec, id: `${newId}-${sec.id.split('-').pop()}` })) };
  selectedIds = [newId];
  void commitScenario({ ...scenario, sites: [...scenario.sites, copy] }, hLabel('hDuplicate', { site: id }));
}

async function importSitesFile(file: File): Promise<void> {
  if (!scenario) return;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const preview = importSites(decodeImportBytes(bytes, file.name), file.name, scenario, { inside: insideProvince ?? undefined, knownModelIds: PATH_LOSS_MODEL_IDS });
    debug.importPreview = { valid: validRowCount(preview), problems: preview.problems.length };
    const choice = await importDialog.open(preview, file.name);
    if (choice !== 'valid' || !scenario) {
      say(els.scenarioStatus, 'importCancelled', { name: file.name });
      return;
    }
    const next = applyImport(scenario, preview);
    const added = next.sites.length - scenario.sites.length;
    say(els.scenarioStatus, 'imported', { name: file.name, n: added });
    await commitScenario(next, hLabel('hImport', { name: file.name, n: added }));
  } catch (e) {
    // A file that cannot be read changes nothing; the message names it.
    sayRaw(els.scenarioStatus, (e as Error).message);
  }
}

// ─── Histogram and CDF of the shown layer ───
let distVersion = 0;
let distInFlight: Promise<void> = Promise.resolve();
let lastDist: { d: Distribution; layer: LayerId; area: number } | null = null;
function updateDistribution(): Promise<void> {
  const run = distributionNow();
  distInFlight = distInFlight.then(() => run).catch(() => undefined);
  return run;
}

async function distributionNow(): Promise<void> {
  if (!cov || !statsCommunes.length) return;
  const layer = currentLayer();
  const bins = LAYER_BINS[layer];
  const mine = ++distVersion;
  if (!bins) {
    const p = document.createElement('p');
    p.className = 'status';
    say(p, 'distCategorical');
    els.distRoot.replaceChildren(p);
    return;
  }
  const state = cov;
  const area = Number(els.distArea.value);
  const { values } = await layersForWorker({ values: layerArray(state.layers.carriers[0], layer) });
  if (mine !== distVersion) return;
  const d = await client.call((api) => api.distribution(state.scene.grid, statsSource, area, transfer(values, [values.buffer as ArrayBuffer]), bins));
  if (mine !== distVersion || cov !== state) return;
  const name = area < 0 ? t('provinceTotal') : String(statsCommunes[area]?.properties?.name ?? '');
  renderDistribution(els.distRoot, d, styleOf(layer), name, LAYER_UNITS[layer]);
  lastDist = { d, layer, area };
  debug.distribution = { layer, area, cells: d.cells, noService: d.noService, counts: Array.from(d.counts), cdf: Array.from(d.cdf) };
}

/** Offers a commune as the distribution's area (after a click or a table row), and shows it. */
function offerDistributionArea(index: number, name: string): void {
  const sel = els.distArea;
  for (const o of [...sel.options]) if (o.value !== '-1') o.remove();
  sel.append(new Option(name, String(index)));
  sel.value = String(index);
  void updateDistribution();
}

// ─── Point-to-point check ───
let p2pMode: 'site' | 'point' | null = null;
let p2pSite: Site | null = null;
let p2pTarget: [number, number] | null = null;
/** The click that ends the site's mousedown is not the target. */
let p2pSkipClick = false;

function p2pStart(): void {
  p2pMode = 'site';
  p2pSite = null;
  say(els.scenarioStatus, 'p2pPickSite');
}

function p2pShow(sectorId?: string): void {
  const root = document.getElementById('p2p');
  if (!root || !scenario || !p2pSite || !p2pTarget) return;
  const carrierId = els.carrierSelect.value || scenario.carriers[0].id;
  const own = p2pSite.sectors.filter((x) => x.carrierId === carrierId);
  const sectors = own.length ? own : p2pSite.sectors;
  const run = (sec: Site['sectors'][number]) => pointToPoint({ site: p2pSite!, sector: sec, carriers: scenario!.carriers, ueHeightM: scenario!.ueHeightM, targetLonDeg: p2pTarget![0], targetLatDeg: p2pTarget![1], options: cov?.options });
  const results = sectors.map(run);
  // The sector named, else the one that serves the point best.
  const r = results.find((x) => x.sectorId === sectorId) ?? results.reduce((a, b) => (b.budget.rsrpDbm > a.budget.rsrpDbm ? b : a));
  root.innerHTML = p2pHtml(r, sectors.map((x) => x.id));
  root.querySelector<HTMLSelectElement>('#p2p-sector')?.addEventListener('change', (e) => p2pShow((e.target as HTMLSelectElement).value));
  const line: FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[p2pSite.lonDeg, p2pSite.latDeg], p2pTarget] } }] };
  const src = map.getSource('p2p') as GeoJSONSource | undefined;
  if (src) src.setData(line);
  else {
    map.addSource('p2p', { type: 'geojson', data: line });
    map.addLayer({ id: 'p2p', type: 'line', source: 'p2p', paint: { 'line-color': '#e6550d', 'line-width': 2, 'line-dasharray': [3, 2] } });
  }
  debug.p2p = r;
}

// ─── Hover readout ───
let readoutPending: [number, number] | null = null;
function onReadoutMove(e: MapMouseEvent): void {
  if (drag || drawer.active) return;
  const first = readoutPending === null;
  readoutPending = [e.lngLat.lng, e.lngLat.lat];
  if (first) requestAnimationFrame(showReadout);
}
let readoutAt: [number, number] | null = null;
/** The coverage on the map changed (a job finished, an edit merged): a shown readout follows. */
function coverageChanged(): void {
  debug.coverageSeq++;
  if (readoutAt && !document.getElementById('readout')!.hidden) showReadout();
}
function showReadout(): void {
  const at = readoutPending ?? readoutAt;
  readoutPending = null;
  readoutAt = at;
  const el = document.getElementById('readout')!;
  if (!at || !cov) return;
  const r = pointReadoutLonLat(cov.scene, 0, at[0], at[1], 'cell-centre');
  el.innerHTML = `<div class="readout-sub">${t('roTitle')}</div>${readoutHtml(r)}`;
  el.hidden = false;
  debug.readout = r;
}

function wireControls(p: PanelElements): void {
  p.computeButton.addEventListener('click', () => void runCoverage());
  p.carrierSelect.addEventListener('change', () => void runCoverage());
  p.cellSelect.addEventListener('change', () => void runCoverage());
  p.modelSelect.addEventListener('change', () => void runCoverage());
  p.exportCsvButton.addEventListener('click', () => lastStats && download('communes.csv', communeStatsCsv(lastStats), 'text/csv;charset=utf-8'));
  p.exportGeojsonButton.addEventListener('click', () => lastStats && download('communes.geojson', geoJsonText(communeStatsGeoJson(statsCommunes, lastStats)), 'application/geo+json'));
  p.printButton.addEventListener('click', () => {
    void mapSnapshot().then((img) => {
      fillReport(img);
      window.print();
    });
  });
  onLangChange(() => {
    communeTable.render();
    if (cov) void updatePrivateNetworks(cov);
    if (readoutAt && !document.getElementById('readout')!.hidden) showReadout();
    if (lastDist) renderDistribution(els.distRoot, lastDist.d, styleOf(lastDist.layer), lastDist.area < 0 ? t('provinceTotal') : String(statsCommunes[lastDist.area]?.properties?.name ?? ''), LAYER_UNITS[lastDist.layer]);
    if (lastGaps && lastGaps.features.length) renderGapList(els.gapsRoot, map, lastGaps);
    fillPnSelect();
    if (lastStats) fillChoroplethSelect(lastStats);
  });
  p.choroplethSelect.addEventListener('change', () => applyChoropleth());
  const onThresholds = () => {
    const o = readStatsOptions();
    if (!o) return; // the message stands at the field; the last valid statistics stay
    statsOptions = o;
    void updateCommuneStats();
  };
  p.thresholdsInput.addEventListener('change', onThresholds);
  p.sinrThresholdInput.addEventListener('change', onThresholds);
  p.exportZipButton.addEventListener('click', () => void exportBundle());
  p.undoButton.addEventListener('click', () => void undoRedo('undo'));
  p.redoButton.addEventListener('click', () => void undoRedo('redo'));
  window.addEventListener('keydown', (e) => {
    const el = e.target as HTMLElement;
    if (el.closest('input, textarea, select, [contenteditable="true"]')) return; // the field's own undo
    if (!(e.ctrlKey || e.metaKey)) return;
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) void undoRedo('undo');
    else if (k === 'y' || (k === 'z' && e.shiftKey)) void undoRedo('redo');
    else return;
    e.preventDefault();
  });
  p.saveScenarioButton.addEventListener('click', () => scenario && download(`${scenario.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'scenario'}.json`, `${JSON.stringify(scenario, null, 1)}\n`, 'application/json'));
  p.openScenarioInput.addEventListener('change', () => {
    const f = p.openScenarioInput.files?.[0];
    if (f) void openScenarioFile(f).finally(() => (p.openScenarioInput.value = ''));
  });
  p.shareButton.addEventListener('click', () => void copyShareLink());
  p.resetButton.addEventListener('click', () => {
    if (!window.confirm(t('resetConfirm'))) return;
    void (async () => {
      await autosaver?.flush();
      await clearAutosave();
      location.hash = '';
      location.reload();
    })();
  });
  p.opacityInput.addEventListener('input', () => {
    coverage.setOpacity(Number(p.opacityInput.value));
    if (scenario) autosaver?.save(scenario, uiState());
  });
  map.on('mousemove', onReadoutMove);
  map.on('mouseout', () => (document.getElementById('readout')!.hidden = true));
  p.pnSelect.addEventListener('change', () => (p.pnName.hidden = p.pnSelect.value !== ''));
  p.pnDrawButton.addEventListener('click', () => void drawServiceArea());
  p.pnFile.addEventListener('change', () => {
    const f = p.pnFile.files?.[0];
    if (f) void importServiceArea(f).finally(() => (p.pnFile.value = ''));
  });
  p.cancelButton.addEventListener('click', () => {
    cancelledVersion = sceneVersion;
    client.cancel();
  });
  for (const r of p.boundaryRadios) r.addEventListener('change', () => r.checked && setBoundaryKind(map, r.value as BoundaryKind));
  for (const r of p.basemapRadios) {
    r.addEventListener('change', () => {
      if (!r.checked) return;
      map.setLayoutProperty('osm', 'visibility', r.value === 'osm' ? 'visible' : 'none');
    });
  }
  p.distArea.addEventListener('change', () => void updateDistribution());
  p.legendEdges.addEventListener('change', () => onLegendEdges());
  p.legendEdgesReset.addEventListener('click', () => onLegendEdges(true));
  p.layerSelect.addEventListener('change', () => {
    showLegendEdges();
    renderLegend(legendEl(), styleOf(currentLayer()), legendModelNote);
    void updateDistribution();
    void paintSliced();
  });
  onLangChange(() => {
    updateUndoButtons();
    if (!legendNoteParams) return;
    legendModelNote = t('legendNote', legendNoteParams);
    if (els.choroplethSelect.value) applyChoropleth();
    else renderLegend(legendEl(), styleOf(currentLayer()), legendModelNote);
  });
  if (params.get('cell')) p.cellSelect.value = params.get('cell')!;
}

wireControls(els);
showLegendEdges();
wireSiteDrag();
map.on('load', () => void loadBoundaries());
