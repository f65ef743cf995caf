/**
 * Builds the app: store → controllers → compute facade → workers (docs/ARCHITECTURE.md). The
 * panel and map views render from the store; the input dispatcher turns pointer and keys into
 * controller calls. Nothing here holds state of its own: it wires.
 */
import { localizeMapControls } from '../ui/map-locale.ts';
import { Map as MlMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { browserAnalysisWorker, Compute } from '../compute/facade.ts';
import { ComputeClient } from '../compute/client.ts';
import { DocStore } from '../state/autosave.ts';
import { PATH_LOSS_MODEL_IDS } from '../core/propagation/registry.ts';
import { WorkspaceController } from './workspace-controller.ts';
import type { AddressParams } from './address.ts';
import { getLang, onLangChange, t } from '../i18n/i18n.ts';
import { buildPanel } from '../ui/panel.ts';
import { baseStyle } from '../ui/map-style.ts';
import { download } from '../ui/download.ts';
import { PolygonDraw } from '../ui/service-areas.ts';
import { mountInput } from '../ui/input.ts';
import { CoverageView } from '../ui/views/coverage-view.ts';
import { mountControls } from '../ui/views/controls-view.ts';
import { mountStatus } from '../ui/views/status-view.ts';
import { mountStats } from '../ui/views/stats-view.ts';
import { mountAnalysisViews } from '../ui/views/analysis-views.ts';
import { mountPrivateNetworks } from '../ui/views/pn-view.ts';
import { mountPlanner } from '../ui/views/planner-view.ts';
import { mountReadout } from '../ui/views/readout-view.ts';
import { mountReport } from '../ui/views/report-view.ts';
import { mountMapLayers } from '../ui/views/map-layers-view.ts';
import { drawBoundaries, offerDropZone } from '../ui/views/boundaries-view.ts';
import { mountScenarioFiles } from '../ui/views/scenario-files-view.ts';
import { mountPlanning } from '../ui/views/planning-view.ts';
import { AnalysisController } from './analysis-controller.ts';
import { GroundController } from './ground-controller.ts';
import { mountGround } from '../ui/views/ground-view.ts';
import { MeasurementsController } from './measurements-controller.ts';
import { mountMeasurements } from '../ui/views/measurements-view.ts';
import { mountTerrain } from '../ui/views/terrain-view.ts';
import { mountLinkProfile } from '../ui/views/link-profile-view.ts';
import { mountWorkspace } from '../ui/views/workspace-view.ts';
import { mountLoading } from '../ui/views/loading-view.ts';
import { mountIdentify } from '../ui/views/identify-view.ts';
import { mountPlacementPreview } from '../ui/views/placement-view.ts';
import { CoverageController } from './coverage-controller.ts';
import { ExportController } from './export-controller.ts';
import { ScenarioController } from './scenario-controller.ts';
import { loadBoundaryFiles, loadScenario, type BoundaryMapData } from './startup.ts';
import { initialState, msg, type AppState } from './state.ts';
import { Store } from './store.ts';
import type { AppContext } from './context.ts';

/** Vĩnh Long province bbox (SOURCES.md), to frame the map before data arrives. */
const VINH_LONG_BBOX: [number, number, number, number] = [105.681642, 9.527162, 106.791831, 10.34014];

export function createApp(params: AddressParams): { ctx: AppContext; view: CoverageView; drawer: PolygonDraw; readout: ReturnType<typeof mountReadout>; prepareReport: () => Promise<boolean>; ground: GroundController } {
  // MapLibre's own worker, shipped by the build as an asset of its own.
  setWorkerUrl(maplibreWorkerUrl);
  const store = new Store<AppState>({ ...initialState({ allCarriers: params.allCarriers }), lang: getLang() });
  onLangChange(() => store.set({ lang: getLang() }));
  const els = buildPanel(document.getElementById('panel')!);
  const map = new MlMap({ container: 'map', style: baseStyle(), bounds: VINH_LONG_BBOX, fitBoundsOptions: { padding: 20 }, attributionControl: { compact: false } });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  // MapLibre's own labels in the language shown (again on each switch, and for popups opened later).
  localizeMapControls(map);
  onLangChange(() => localizeMapControls(map));
  const workerFailed = (e: Error) => store.set((s) => ({ errors: [...s.errors, { title: msg('errors'), messages: [t('workerStartFailed', { reason: e.message })] }] }));
  const compute = new Compute(new ComputeClient(undefined, undefined, workerFailed), browserAnalysisWorker(workerFailed));
  const scenarios = new ScenarioController(store);
  // The saved work (autosave documents, other tabs); none with ?autosave=off.
  const workspace = params.autosave ? new WorkspaceController(store, new DocStore(), { inside: (lon, lat) => store.get().boundaries?.inside(lon, lat) ?? true, knownModelIds: PATH_LOSS_MODEL_IDS }) : null;
  if (workspace) workspace.onReplace = (doc, undoLabel) => scenarios.commit(doc.scenario, undoLabel ?? '', { record: undoLabel !== null });
  if (!params.useGround) store.set((s) => ({ ui: { ...s.ui, useGround: false } }));
  // Address values the app cannot use are named (the defaults are kept).
  if (params.problems.length) store.set({ errors: [{ title: msg('addressProblems'), messages: params.problems.map((p) => t(p.key, p.params)) }] });
  const legendEl = document.getElementById('legend')!;
  const view = new CoverageView(store, map, compute, legendEl);
  // The first job waits for the map's first frames, so that they do not compete for the main thread.
  const firstFrames = () => new Promise<void>((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
  const coverage = new CoverageController(store, compute, scenarios, (scene, chunks, layer) => view.patch(scene, chunks, layer), firstFrames);
  const analysis = new AnalysisController(store, compute);
  const exporter = new ExportController(store, compute, coverage, (name, data) => download(name, data, 'application/zip'));
  const ground = new GroundController(store, compute);
  const measurements = new MeasurementsController(store, compute, scenarios);
  const ctx: AppContext = { store, els, map, compute, scenarios, workspace, coverage, analysis, exporter };
  const drawer = new PolygonDraw(map);
  mountStatus(ctx);
  mountControls(ctx);
  mountStats(ctx, view);
  mountAnalysisViews(ctx);
  mountPrivateNetworks(ctx, drawer);
  mountPlanner(ctx);
  mountScenarioFiles(ctx);
  mountPlanning(ctx);
  mountGround(ctx, ground);
  mountMeasurements(ctx, measurements);
  mountTerrain(ctx);
  mountLinkProfile(ctx);
  mountWorkspace(ctx, document.getElementById('workspace-card')!, els.workspaceRecent);
  mountIdentify(ctx);
  mountPlacementPreview(ctx);
  mountLoading(ctx, document.getElementById('loading')!, document.getElementById('loading-text')!, document.getElementById('first-run')!, document.getElementById('dropzone')!);
  const readout = mountReadout(ctx, document.getElementById('readout')!);
  const prepareReport = mountReport(ctx, document.getElementById('report')!, legendEl);
  mountInput(ctx, drawer);

  const start = async (data: BoundaryMapData, boundaries: NonNullable<AppState['boundaries']>) => {
    drawBoundaries(map, data);
    mountMapLayers(store, map);
    store.set({ boundaries });
    await loadScenario(store, scenarios, workspace, params);
  };
  map.on('load', () => {
    void loadBoundaryFiles(store).then((r) => {
      if ('problem' in r) offerDropZone(document.getElementById('dropzone')!, r.problem.file, r.problem.reason, (b, data) => void start(data, b));
      else return start(r.map, r.boundaries);
    });
  });
  return { ctx, view, drawer, readout, prepareReport, ground };
}
