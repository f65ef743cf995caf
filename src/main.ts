/**
 * App bootstrap: map, boundaries, sample scenario, coverage through the compute client.
 * Everything heavy runs in workers; this file only wires data to views.
 */
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/style.css';
import { Map as MlMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { BoundaryFileError, parseBoundaryGeoJson, ringsOf, type BoundaryFeature } from './core/boundaries/boundaries.ts';
import { parseScenario, type Scenario } from './core/scenario/scenario.ts';
import { planCoverage, type CoveragePlan } from './core/coverage/plan.ts';
import { PATH_LOSS_MODEL_IDS, getPathLossModel } from './core/propagation/registry.ts';
import { ComputeClient, JobCancelledError, type JobSummary } from './compute/client.ts';
import { baseStyle } from './ui/map-style.ts';
import { addBoundaryLayer, addProvinceOutline, setBoundaryKind, type BoundaryKind } from './ui/boundary-layers.ts';
import { CoverageLayer } from './ui/coverage-layer.ts';
import { renderLegend } from './ui/legend.ts';
import { buildPanel, showErrors, showFeatureInfo, type PanelElements } from './ui/panel.ts';
import { formatNumber, onLangChange, t } from './i18n/i18n.ts';
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
  lastJob: (JobSummary & { paintedCells: number; mainThreadLongTasksMs: number[]; cells: number; sectors: number }) | null;
  client: ComputeClient;
  map: MlMap;
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
const debug: AppDebug = { ready: false, communeNames: [], errors: [], lastJob: null, client, map };
window.__phusong = debug;

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
  useBoundaries({ type: 'FeatureCollection', features: communes }, 'name', outline);
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
}

/** Puts a commune FeatureCollection on the map and makes it the coverage mask. */
function useBoundaries(communes: FeatureCollection, nameProperty: string, outline: FeatureCollection | null): void {
  const features = communes.features as Feature<Polygon | MultiPolygon>[];
  const maskFeatures = (outline ?? communes).features as Feature<Polygon | MultiPolygon>[];
  if (outline) addProvinceOutline(map, outline);
  addBoundaryLayer(map, 'communes', communes, { nameProperty, onClick: onFeatureClick }, true);
  // Communes do not overlap, so the even–odd union of all their rings is the province.
  maskRings = maskFeatures.flatMap((f) => ringsOf(f.geometry));
  debug.communeNames = features.map((f) => String(f.properties?.[nameProperty] ?? ''));
  const inside = (lon: number, lat: number) => maskFeatures.some((f) => booleanPointInPolygon([lon, lat], f));
  void loadScenario(inside);
}

async function loadScenario(inside: (lon: number, lat: number) => boolean): Promise<void> {
  try {
    const res = await fetch(DATA + SCENARIO_FILE);
    if (!res.ok) throw new Error(`${SCENARIO_FILE}: HTTP ${res.status}`);
    const check = parseScenario(await res.text(), SCENARIO_FILE, inside, PATH_LOSS_MODEL_IDS);
    scenario = check.scenario;
    if (check.problems.length) reportErrors(t('scenarioProblems', { n: check.problems.length }), check.problems);
  } catch (e) {
    reportErrors(t('errors'), [(e as Error).message]);
    return;
  }
  els.banner.hidden = !scenario.sample;
  const sectorCount = scenario.sites.reduce((a, s) => a + s.sectors.length, 0);
  const summary = () => {
    els.networkSummary.textContent = `${scenario!.name}: ${t('sites', { n: scenario!.sites.length, m: sectorCount })}`;
  };
  summary();
  onLangChange(summary);
  els.carrierSelect.replaceChildren(...scenario.carriers.map((c) => new Option(`${c.tech} ${c.band} · ${formatNumber(c.freqMHz, 1)} MHz · ${c.bandwidthMHz} MHz`, c.id)));
  addSitesLayer(scenario);
  debug.ready = true;
  // Start once the map has drawn its first frames, so that the computation does not compete
  // with the initial rendering for the main thread.
  void runCoverage(true);
}

function addSitesLayer(s: Scenario): void {
  const sites: FeatureCollection = {
    type: 'FeatureCollection',
    features: s.sites.map((site) => ({ type: 'Feature', properties: { id: site.id, kind: site.kind }, geometry: { type: 'Point', coordinates: [site.lonDeg, site.latDeg] } })),
  };
  map.addSource('sites', { type: 'geojson', data: sites });
  map.addLayer({ id: 'sites', type: 'circle', source: 'sites', paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2, 13, 5], 'circle-color': ['match', ['get', 'kind'], 'macro', '#1d2a33', '#7a1fa2'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } });
  const pn: FeatureCollection = { type: 'FeatureCollection', features: s.privateNetworks.map((p) => ({ type: 'Feature', properties: { id: p.id, name: p.name }, geometry: p.serviceArea })) };
  map.addSource('private-networks', { type: 'geojson', data: pn });
  map.addLayer({ id: 'private-networks', type: 'line', source: 'private-networks', paint: { 'line-color': '#7a1fa2', 'line-width': 2, 'line-dasharray': [2, 1] } });
}

async function runCoverage(waitForIdleMap = false): Promise<void> {
  if (!scenario || !maskRings) return;
  const carrierId = els.carrierSelect.value || scenario.carriers[0].id;
  let plan: CoveragePlan;
  try {
    plan = planCoverage(scenario, carrierId, maskRings, { cellSizeM: Number(els.cellSelect.value) });
  } catch (e) {
    reportErrors(t('errors'), [(e as Error).message]);
    return;
  }
  await coverage.reset(plan.grid, (g, w) => client.call((api) => api.mercatorIndex(g, w)));
  legendModelNote = t('legendNote', { model: plan.modelIds.map((id) => getPathLossModel(id)?.name ?? id).join(', '), ue: scenario.ueHeightM });
  renderLegend(document.getElementById('legend')!, legendModelNote);
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
  els.status.textContent = t('computing', { done: 0, total: plan.requests.length });
  const t0 = performance.now();
  // Tiles are coloured as they arrive, but handed to the map only once the job is done: with
  // software WebGL (headless chromium, machines without a GPU) each upload of the coverage
  // canvas and re-render is a main-thread task of several hundred ms, which would make the page
  // stutter during the computation. The progress bar shows the job advancing meanwhile.
  const { done } = client.start(plan.requests, {
    onTile(tile) {
      coverage.paintRows(tile.rowStart, tile.rowEnd, tile.rsrpDbm);
    },
    onProgress(d, total) {
      els.progress.value = d / total;
      els.status.textContent = t('computing', { done: d, total });
    },
  });
  try {
    const summary = await done;
    const t1 = performance.now();
    coverage.refresh();
    const tasks = longTasks.filter((l) => l.start >= t0 && l.start <= t1).map((l) => l.duration);
    const workers = Object.keys(summary.tilesByWorker).length;
    debug.lastJob = { ...summary, paintedCells: coverage.paintedCells, mainThreadLongTasksMs: tasks, cells: plan.grid.width * plan.grid.height, sectors: plan.sectors.length };
    els.status.textContent = t('computed', { cells: plan.grid.width * plan.grid.height, sectors: plan.sectors.length, seconds: formatNumber(summary.elapsedMs / 1000, 1), workers });
  } catch (e) {
    if (e instanceof JobCancelledError) els.status.textContent = t('cancelled');
    else reportErrors(t('errors'), [(e as Error).message]);
  } finally {
    els.cancelButton.disabled = true;
  }
}

function wireControls(p: PanelElements): void {
  p.computeButton.addEventListener('click', () => void runCoverage());
  p.carrierSelect.addEventListener('change', () => void runCoverage());
  p.cellSelect.addEventListener('change', () => void runCoverage());
  p.cancelButton.addEventListener('click', () => client.cancel());
  for (const r of p.boundaryRadios) r.addEventListener('change', () => r.checked && setBoundaryKind(map, r.value as BoundaryKind));
  for (const r of p.basemapRadios) {
    r.addEventListener('change', () => {
      if (!r.checked) return;
      map.setLayoutProperty('osm', 'visibility', r.value === 'osm' ? 'visible' : 'none');
    });
  }
  onLangChange(() => legendModelNote && renderLegend(document.getElementById('legend')!, legendModelNote));
}

wireControls(els);
map.on('load', () => void loadBoundaries());
