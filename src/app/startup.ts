/**
 * Loading what the app starts from: the boundary files (communes, province outline, former
 * districts), then the scenario (the autosave, else the sample network; a shared link opens on
 * top as one undo step). Bad data is reported in the store by file and reason, never a blank map.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import Papa from 'papaparse';
import { BoundaryFileError, parseBoundaryGeoJson, ringsOf, type BoundaryFeature } from '../core/boundaries/boundaries.ts';
import { CommuneSearch, formerUnitsFrom, type FormerUnit } from '../core/boundaries/search.ts';
import { parseScenario, type InsideTest, type Scenario } from '../core/scenario/scenario.ts';
import { enforceFieldRules } from '../core/scenario/fields.ts';
import { PATH_LOSS_MODEL_IDS } from '../core/propagation/registry.ts';
import { isGroundLayerId, isLayerId } from '../core/coverage/layer-registry.ts';
import type { UiState } from '../state/autosave.ts';
import { formatTime, type WorkspaceController } from './workspace-controller.ts';
import { decodeScenarioFragment } from '../state/share-url.ts';
import { t } from '../i18n/i18n.ts';
import { reportErrors, setStatus } from './context.ts';
import { historyLabel, legendEdgesOf, type ScenarioController } from './scenario-controller.ts';
import { msg, type AppState, type UiSettings } from './state.ts';
import type { Store } from './store.ts';
import { LAYER_STYLES, withEdges } from '../ui/layer-styles.ts';

export const DATA_URL = `${import.meta.env.BASE_URL}data/`;
export const COMMUNES_FILE = 'vinh-long-communes-2025.geojson';
export const PROVINCE_FILE = 'vinh-long-province-2025.geojson';
export const DISTRICTS_FILE = 'vinh-long-old-districts-pre2025.geojson';
export const CROSSWALK_FILE = 'vinh-long-commune-crosswalk-2025.csv';
const SCENARIO_FILE = 'sample-network.json';

/** Map-side data of the boundaries (the views draw them). */
export interface BoundaryMapData {
  readonly communes: FeatureCollection;
  readonly nameProperty: string;
  readonly outline: FeatureCollection | null;
  readonly districts: FeatureCollection | null;
}

async function fetchText(file: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(DATA_URL + file);
  } catch (e) {
    throw new BoundaryFileError(file, `could not be read (${(e as Error).message})`);
  }
  if (!res.ok) throw new BoundaryFileError(file, res.status === 404 ? 'file not found (run `npm run data`; see README "Data")' : `HTTP ${res.status}`);
  const text = await res.text();
  // Vite's servers answer unknown paths with index.html: that is "not found" too.
  if (/^\s*<(!doctype|html)/i.test(text)) throw new BoundaryFileError(file, 'file not found (run `npm run data`; see README "Data")');
  return text;
}

/**
 * Makes a commune collection the statistics' communes and the coverage mask (the outline when
 * given; communes do not overlap, so the even–odd union of their rings is the province).
 * @param url - a URL of the same file for the workers (a blob URL is made otherwise)
 */
export function boundariesFrom(communes: FeatureCollection, nameProperty: string, outline: FeatureCollection | null, url?: string, prepared = false, former: readonly FormerUnit[] = []): NonNullable<AppState['boundaries']> {
  const features = communes.features as Feature<Polygon | MultiPolygon>[];
  const maskFeatures = (outline ?? communes).features as Feature<Polygon | MultiPolygon>[];
  const named = features.map((f) => ({ ...f, properties: { ...f.properties, name: f.properties?.[nameProperty] ?? '' } })) as BoundaryFeature[];
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  return {
    communes: named,
    search: new CommuneSearch(named.map((f, index) => ({ index, code: text(f.properties.code), name: text(f.properties.name), nameFull: text(f.properties.name_full) || text(f.properties.name) })), former),
    communeSource: { url: url ?? URL.createObjectURL(new Blob([JSON.stringify(communes)], { type: 'application/geo+json' })), nameProperty },
    maskRings: maskFeatures.flatMap((f) => ringsOf(f.geometry)),
    inside: (lon, lat) => maskFeatures.some((f) => booleanPointInPolygon([lon, lat], f)),
    prepared,
  };
}

/**
 * Reads the three boundary files. Resolves with the map data, or with the communes file's
 * problem (the drop zone offers a file of the user's instead).
 */
export async function loadBoundaryFiles(store: Store<AppState>): Promise<{ map: BoundaryMapData; boundaries: NonNullable<AppState['boundaries']> } | { problem: { file: string; reason: string } }> {
  let communes: BoundaryFeature[];
  try {
    const r = parseBoundaryGeoJson(await fetchText(COMMUNES_FILE), COMMUNES_FILE, 'name');
    communes = r.features;
    reportErrors(store, msg('errors'), r.problems);
  } catch (e) {
    const reason = e instanceof BoundaryFileError ? e.message.slice(COMMUNES_FILE.length + 2) : String(e);
    reportErrors(store, msg('errors'), [(e as Error).message]);
    return { problem: { file: COMMUNES_FILE, reason } };
  }
  let outline: FeatureCollection | null = null;
  try {
    outline = { type: 'FeatureCollection', features: parseBoundaryGeoJson(await fetchText(PROVINCE_FILE), PROVINCE_FILE).features };
  } catch (e) {
    reportErrors(store, msg('errors'), [(e as Error).message]);
  }
  let districts: FeatureCollection | null = null;
  try {
    const d = parseBoundaryGeoJson(await fetchText(DISTRICTS_FILE), DISTRICTS_FILE, 'name');
    districts = { type: 'FeatureCollection', features: d.features };
    reportErrors(store, msg('errors'), d.problems);
  } catch (e) {
    reportErrors(store, msg('errors'), [(e as Error).message]);
  }
  // Former units (the 2025 merger's crosswalk) for the commune search; optional.
  let former: FormerUnit[] = [];
  try {
    former = formerUnitsFrom(Papa.parse<string[]>(await fetchText(CROSSWALK_FILE), { skipEmptyLines: true }).data);
  } catch (e) {
    reportErrors(store, msg('errors'), [(e as Error).message]);
  }
  const fc: FeatureCollection = { type: 'FeatureCollection', features: communes };
  return { map: { communes: fc, nameProperty: 'name', outline, districts }, boundaries: boundariesFrom(fc, 'name', outline, new URL(DATA_URL + COMMUNES_FILE, location.href).href, true, former) };
}

/** The autosave's UI settings, back as the store's. */
function uiFrom(ui: UiState, base: UiSettings): UiSettings {
  const rsrp = ui.thresholds.rsrp;
  const sinr = ui.thresholds.sinr?.[0];
  const edges = Object.fromEntries(Object.entries(legendEdgesOf(ui.thresholds)).filter(([k, v]) => (isLayerId(k) || isGroundLayerId(k)) && v && withEdges(LAYER_STYLES[k], v)));
  return {
    ...base, carrierId: ui.carrierId, layer: isLayerId(ui.layer) || isGroundLayerId(ui.layer) ? ui.layer : base.layer, cellSizeM: [25, 50, 100, 200, 500].includes(ui.cellSizeM) ? ui.cellSizeM : base.cellSizeM,
    opacity: Number.isFinite(ui.opacity) ? Math.min(1, Math.max(0, ui.opacity)) : base.opacity, legendEdges: edges,
    statsOptions: {
      ...base.statsOptions,
      rsrpThresholdsDbm: rsrp?.length && rsrp.every((v) => Number.isFinite(v) && v >= -150 && v <= -40) ? [...new Set(rsrp)].sort((a, b) => b - a) : base.statsOptions.rsrpThresholdsDbm,
      sinrThresholdDb: sinr !== undefined && Number.isFinite(sinr) && sinr >= -20 && sinr <= 40 ? sinr : base.statsOptions.sinrThresholdDb,
    },
  };
}

export interface StartOptions {
  /** `?autosave=off`: neither restore nor save. */
  readonly autosave: boolean;
  /** `?scenario=bench&sites=N`: the SYNTHETIC province-wide bench network instead. */
  readonly bench: number | null;
  /** `?cell=`: a cell size asked in the address. */
  readonly cellSizeM: number | null;
}

/**
 * The scenario to start with: this tab's saved document (a reload) or the newest one, else the
 * sample network; a shared link opens as a new document beside it (the saved work stays in the
 * list of recent scenarios). Then the app is made ready.
 */
export async function loadScenario(store: Store<AppState>, scenarios: ScenarioController, workspace: WorkspaceController | null, o: StartOptions): Promise<void> {
  const b = store.get().boundaries!;
  const inside: InsideTest = b.inside;
  let scenario: Scenario;
  let ui: UiState | null = null;
  try {
    const opened = workspace ? await workspace.open() : null;
    if (opened?.skipped.length) reportErrors(store, msg('errors'), opened.skipped.map((reason) => t('autosaveCorrupt', { reason })));
    if (opened?.doc) {
      scenario = opened.doc.scenario;
      ui = opened.doc.ui;
      reportErrors(store, msg('scenarioProblems', { n: opened.doc.problems.length }), opened.doc.problems);
      setStatus(store, 'scenario', msg('restored', { at: formatTime(opened.doc.savedAt) }));
    } else {
      const res = await fetch(DATA_URL + SCENARIO_FILE);
      if (!res.ok) throw new Error(`${SCENARIO_FILE}: HTTP ${res.status}`);
      // The strict field rules of the sector editor too: nothing invalid reaches the engine.
      const check = enforceFieldRules(parseScenario(await res.text(), SCENARIO_FILE, inside, PATH_LOSS_MODEL_IDS), SCENARIO_FILE, { knownModelIds: PATH_LOSS_MODEL_IDS, inside });
      scenario = check.scenario;
      reportErrors(store, msg('scenarioProblems', { n: check.problems.length }), check.problems);
    }
    if (o.bench !== null) {
      // Loaded only when asked: the bench network never ships in the default code path.
      const { provinceBenchScenario } = await import('../core/coverage/fixtures.ts');
      scenario = provinceBenchScenario(b.maskRings, inside, o.bench);
    }
  } catch (e) {
    reportErrors(store, msg('errors'), [(e as Error).message]);
    return;
  }
  scenarios.reset(scenario);
  if (ui) store.set((s) => ({ ui: uiFrom(ui!, s.ui) }));
  if (o.cellSizeM !== null) store.set((s) => ({ ui: { ...s.ui, cellSizeM: o.cellSizeM! } }));
  // A shared link opens as a new document beside the work in progress (which stays listed), and
  // leaves the address bar so that a reload reopens this tab's document, edits included.
  if (/[#&]s=/.test(location.hash)) {
    try {
      const linked = await decodeScenarioFragment(location.hash, { inside, knownModelIds: PATH_LOSS_MODEL_IDS });
      if (linked) {
        reportErrors(store, msg('scenarioProblems', { n: linked.problems.length }), linked.problems);
        const kept = workspace ? await workspace.beside() : null;
        const n = linked.scenario.sites.length;
        if (kept !== null) {
          scenarios.reset(linked.scenario);
          setStatus(store, 'scenario', msg('openedFromLinkBeside', { n, kept }));
        } else {
          // Without saved work (autosave off, or nothing saved yet): one undo step on top.
          scenarios.commit(linked.scenario, historyLabel('hOpenLink', { n }));
          setStatus(store, 'scenario', msg('openedFromLink', { n }));
        }
      }
    } catch (e) {
      reportErrors(store, msg('errors'), [(e as Error).message]);
    }
    window.history.replaceState(null, '', location.pathname + location.search);
  }
  store.set({ ready: true });
}
