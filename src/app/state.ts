/**
 * The app's whole state (one value in the store, src/app/store.ts). Views render from it;
 * controllers are its only writers. Results derived from the coverage carry the coverage
 * sequence number they were computed for: a view shows them only while that number is current,
 * so nothing older than the map can be shown.
 */
import type { Position } from 'geojson';
import type { Grid } from '../core/grid/grid.ts';
import { DEFAULT_CLUTTER_TABLE, type ClutterTable } from '../core/clutter/table.ts';
import type { BoundaryFeature } from '../core/boundaries/boundaries.ts';
import type { CommuneSearch } from '../core/boundaries/search.ts';
import type { InsideTest, Scenario } from '../core/scenario/scenario.ts';
import type { Scene } from '../core/coverage/scene.ts';
import type { SceneValidityGroup } from '../core/coverage/scene-validity.ts';
import type { LayerId, ShownLayerId } from '../core/coverage/layer-registry.ts';
import type { SiteTemplateId } from '../core/scenario/templates.ts';
import type { CommuneStatsResult } from '../core/stats/commune-stats.ts';
import type { GapCollection } from '../core/stats/gaps.ts';
import type { Distribution } from '../core/stats/distribution.ts';
import type { PrivateNetworkFigures, StatsOptions } from '../core/export/contract.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import type { CommuneInput } from '../compute/facade.ts';
import type { PlanningState } from './planning-controller.ts';
import type { MeasurementsState } from './measurements-controller.ts';
import type { CalibratedModel } from '../core/measurements/calibrate.ts';
import type { TerrainDiffraction, TerrainMode } from '../core/coverage/terrain-loss.ts';
import type { TerrainReport } from '../core/coverage/terrain-loss-report.ts';
import { INITIAL_WORKSPACE, type WorkspaceState } from './workspace-controller.ts';

/** What the pointer and keys do on the map: one value, never a set of flags. */
export type Mode =
  | { readonly kind: 'idle' }
  | { readonly kind: 'placing'; readonly template: SiteTemplateId }
  | { readonly kind: 'p2p-site' }
  | { readonly kind: 'p2p-point'; readonly siteId: string }
  | { readonly kind: 'drawing' }
  | { readonly kind: 'dragging'; readonly siteId: string };

/** A line shown to the user: a dictionary message (re-rendered in the current language) or a text as it is (a file's error). */
export type Msg =
  | {
    readonly key: MessageKey;
    readonly params?: Readonly<Record<string, string | number>>;
    /** Parameters that are history labels (scenario-controller.ts `historyLabel`), translated when shown. */
    readonly labels?: Readonly<Record<string, string>>;
  }
  | { readonly text: string }
  | null;

export const msg = (key: MessageKey, params?: Record<string, string | number>): Msg => ({ key, params });
export const raw = (text: string): Msg => ({ text });

export interface Boundaries {
  /** Communes of the statistics, their name in `name`. */
  readonly communes: readonly BoundaryFeature[];
  /** Search by name, code and former names (src/core/boundaries/search.ts). */
  readonly search: CommuneSearch;
  /** The same communes for the workers (a URL they fetch once). */
  readonly communeSource: CommuneInput;
  /** The computed area's rings (WGS 84): the province outline, or the communes' union. */
  readonly maskRings: Position[][];
  readonly inside: InsideTest;
  /** The prepared Vĩnh Long files (the WorldPop and water rasters cover them); false for a file the user dropped. */
  readonly prepared: boolean;
}

/** The ground of the wanted grid (src/app/ground-controller.ts): what the engine and the map use. */
export interface GroundState {
  /** `gridKey` of the grid it was made for (scene.ts). */
  readonly key: string;
  readonly grid: Grid;
  /** Clutter class per cell (CLUTTER_TYPES), and terrain height per cell with a DEM (else null: flat at 2 m). */
  readonly clutter: Uint8Array;
  readonly dem: Float32Array | null;
  readonly clutterSource: 'rules' | 'land-cover';
  readonly shares: Readonly<Record<string, number>>;
  readonly people: number;
  readonly notes: readonly string[];
  /** Names of the user's files in use. */
  readonly landCoverName: string | null;
  readonly demName: string | null;
}

/** The user's ground files (kept so that a change of cell size resamples them again). */
export interface GroundFiles {
  readonly landCover: { readonly name: string; readonly bytes: ArrayBuffer } | null;
  readonly dem: { readonly name: string; readonly bytes: ArrayBuffer } | null;
}

/** What the user chose to compute. */
export interface CoverageOptions {
  /** Carriers computed (null: every carrier of the scenario). */
  readonly carrierIds: readonly string[] | null;
  readonly cellSizeM: number;
  readonly modelOverride: string | null;
  /** The scenario's clutter table (the defaults when it has none). */
  readonly clutterTable: ClutterTable;
  /** Level of the coverage-probability layer, dBm. */
  readonly probabilityThresholdDbm: number;
  /** Terrain-aware prediction where a DEM is loaded (src/core/coverage/terrain-loss.ts). */
  readonly terrain?: TerrainMode;
  readonly terrainDiffraction?: TerrainDiffraction;
  /** The scenario's calibrated model (issue 14), applied by the engine; null: none. */
  readonly calibration?: CalibratedModel | null;
}

/** The coverage the map shows: complete, and of `scenario` exactly. */
export interface CoverageState {
  /** Key of its layers in the analysis worker. */
  readonly version: number;
  /** Increases with every change of what the map shows (a job done, an edit merged). */
  readonly seq: number;
  readonly scene: Scene;
  readonly scenario: Scenario;
  readonly options: CoverageOptions;
  /** The ground it was computed on (null: none, flat earth without clutter). */
  readonly ground: GroundState | null;
  /** How it was made (for the status line and tests). */
  readonly how: { readonly kind: 'full' | 'change' | 'add' | 'remove' | 'drag'; readonly sites: string; readonly ms: number; readonly tiles: number };
}

export interface JobState {
  readonly phase: 'idle' | 'computing' | 'cancelled' | 'failed';
  readonly done: number;
  readonly total: number;
}

/** A result computed from coverage `seq` (and the inputs named in `key`). */
export interface Derived<T> {
  readonly seq: number;
  readonly key: string;
  readonly value: T;
}

export interface DistributionResult {
  readonly layer: LayerId;
  readonly area: number;
  readonly areaName: string;
  readonly d: Distribution;
}

export interface CommuneFocus {
  readonly index: number;
  readonly name: string;
}

export interface UiSettings {
  readonly carrierId: string | null;
  readonly layer: ShownLayerId;
  readonly cellSizeM: number;
  readonly modelOverride: string | null;
  /** `?carriers=all`: every carrier computed (benchmarks). */
  readonly allCarriers: boolean;
  readonly opacity: number;
  /** Legend classes set by the user, per layer. */
  readonly legendEdges: Readonly<Partial<Record<ShownLayerId, readonly number[]>>>;
  readonly statsOptions: StatsOptions;
  /** Commune statistic shown as a choropleth ('' = the coverage layer). */
  readonly choropleth: string;
  readonly boundaryKind: 'communes' | 'districts';
  readonly basemap: 'none' | 'osm';
  /** Level of the coverage-probability layer and of the area reliability, dBm. */
  /** False: the coverage ignores the ground's clutter classes and terrain (uniform ground, as the first round computed). */
  readonly useGround?: boolean;
  readonly probabilityThresholdDbm: number;
  /** Terrain-aware prediction chosen (used where a DEM is loaded), and the diffraction method of the empirical variant. */
  readonly terrain?: TerrainMode;
  readonly terrainDiffraction?: TerrainDiffraction;
}

export interface AppState {
  readonly boundaries: Boundaries | null;
  readonly scenario: Scenario | null;
  /** Undo / redo availability (the History itself belongs to the scenario controller). */
  readonly history: { readonly canUndo: boolean; readonly canRedo: boolean; readonly undoLabel: string | null; readonly redoLabel: string | null; readonly depth: number };
  readonly coverage: CoverageState | null;
  readonly ground: GroundState | null;
  /** The grid whose ground could not be made (the coverage goes on without one). */
  readonly groundFailedKey: string | null;
  readonly groundFiles: GroundFiles;
  readonly job: JobState;
  readonly ui: UiSettings;
  readonly mode: Mode;
  /** Where the dragged site is drawn while it is dragged (its coverage follows). */
  readonly dragAt: readonly [number, number] | null;
  /** The pointer over the map (the link-budget readout follows it), or null. */
  readonly hoverAt: readonly [number, number] | null;
  /** Where the link-budget readout is pinned (key P), or null: it follows the pointer. */
  readonly readoutPin?: readonly [number, number] | null;
  /** The language shown (views re-render when it changes). */
  readonly lang: 'vi' | 'en';
  readonly selection: readonly string[];
  readonly focus: CommuneFocus | null;
  /** The boundary feature whose details are shown (a clicked commune or former district). */
  readonly picked: { readonly kind: 'communes' | 'districts'; readonly props: Readonly<Record<string, unknown>>; /** Where it was clicked on the map (the identify popup opens there). */ readonly at?: readonly [number, number] } | null;
  readonly p2p: { readonly siteId: string; readonly target: readonly [number, number]; readonly sectorId: string | null } | null;
  readonly derived: {
    readonly stats: Derived<CommuneStatsResult> | null;
    readonly gaps: Derived<GapCollection> | null;
    readonly privateNetworks: Derived<PrivateNetworkFigures[]> | null;
    readonly distribution: Derived<DistributionResult> | null;
    readonly communeValues: Derived<{ readonly index: number; readonly values: Float64Array }> | null;
  };
  /** Model-validity problems of the coverage's scene, as data (the status view words them in the current language). */
  readonly warnings: readonly SceneValidityGroup[];
  readonly status: {
    readonly ground: Msg;
    readonly coverage: Msg;
    readonly scenario: Msg;
    readonly export: Msg;
    readonly pn: Msg;
  };
  /** Data problems shown in the error box (each names its file, feature or site, and field). */
  readonly errors: readonly { readonly title: Msg; readonly messages: readonly string[] }[];
  /** Counts of the last site-import preview (valid rows, problems). */
  readonly importPreview: { readonly valid: number; readonly problems: number } | null;
  /** Set once the boundaries and the scenario are loaded (tests wait for it). */
  readonly ready: boolean;
  /** The saved documents and this tab's (src/app/workspace-controller.ts). */
  readonly workspace: WorkspaceState;
  /** The terrain maps of the coverage on the map and their ITM warnings (src/core/coverage/terrain-loss-report.ts), or null without terrain. */
  readonly terrain?: TerrainReport | null;
  /** Site planning (issue 13): the last plan, its progress, whether it was accepted (src/app/planning-controller.ts). */
  readonly planning?: PlanningState | null;
  /** Drive-test measurements (issue 14): the import, the comparison with the coverage, the last fit (src/app/measurements-controller.ts). */
  readonly measurements?: MeasurementsState | null;
}

export const DEFAULT_STATS_OPTIONS: StatsOptions = { indoorThresholdDbm: -110, rsrpThresholdsDbm: [-100, -110, -120], sinrThresholdDb: 0 };

export function initialState(o: { cellSizeM?: number; allCarriers?: boolean } = {}): AppState {
  return {
    boundaries: null, scenario: null,
    history: { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null, depth: 0 },
    coverage: null, ground: null, groundFailedKey: null, groundFiles: { landCover: null, dem: null }, job: { phase: 'idle', done: 0, total: 0 },
    ui: {
      carrierId: null, layer: 'rsrp', cellSizeM: o.cellSizeM ?? 50, modelOverride: null, allCarriers: o.allCarriers ?? false, opacity: 0.85,
      legendEdges: {}, statsOptions: DEFAULT_STATS_OPTIONS, choropleth: '', boundaryKind: 'communes', basemap: 'none', probabilityThresholdDbm: -110,
    },
    mode: { kind: 'idle' }, dragAt: null, hoverAt: null, lang: 'vi', selection: [], focus: null, picked: null, p2p: null,
    derived: { stats: null, gaps: null, privateNetworks: null, distribution: null, communeValues: null },
    warnings: [], status: { ground: null, coverage: null, scenario: null, export: null, pn: null }, errors: [], importPreview: null, ready: false,
    planning: null, workspace: INITIAL_WORKSPACE,
  };
}

/** The coverage options the UI asks for (what the coverage controller reconciles to). */
export function wantedOptions(s: AppState): CoverageOptions | null {
  if (!s.scenario || s.scenario.carriers.length === 0) return null;
  const carrierId = s.ui.carrierId && s.scenario.carriers.some((c) => c.id === s.ui.carrierId) ? s.ui.carrierId : s.scenario.carriers[0].id;
  return {
    carrierIds: s.ui.allCarriers ? null : [carrierId], cellSizeM: s.ui.cellSizeM, modelOverride: s.ui.modelOverride,
    clutterTable: s.scenario.clutterTable ?? DEFAULT_CLUTTER_TABLE, probabilityThresholdDbm: s.ui.probabilityThresholdDbm,
    terrain: s.ui.terrain ?? 'off', terrainDiffraction: s.ui.terrainDiffraction ?? 'bullington',
    calibration: s.scenario.calibration ?? null,
  };
}

export const sameOptions = (a: CoverageOptions | null, b: CoverageOptions | null): boolean =>
  a === b || (!!a && !!b && a.cellSizeM === b.cellSizeM && a.modelOverride === b.modelOverride && JSON.stringify(a.carrierIds) === JSON.stringify(b.carrierIds)
    && a.probabilityThresholdDbm === b.probabilityThresholdDbm && (a.terrain ?? 'off') === (b.terrain ?? 'off') && (a.terrainDiffraction ?? 'bullington') === (b.terrainDiffraction ?? 'bullington') && (a.clutterTable === b.clutterTable || JSON.stringify(a.clutterTable) === JSON.stringify(b.clutterTable))
    && ((a.calibration ?? null) === (b.calibration ?? null) || JSON.stringify(a.calibration ?? null) === JSON.stringify(b.calibration ?? null)));

/** The index in the coverage scene of the carrier the UI shows. */
export function shownCarrier(s: AppState): number {
  const cov = s.coverage;
  if (!cov) return 0;
  const i = cov.scene.carriers.findIndex((c) => c.id === s.ui.carrierId);
  return i < 0 ? 0 : i;
}

/** True when a derived result belongs to the coverage on the map. */
export const isCurrent = <T>(d: Derived<T> | null, s: AppState): d is Derived<T> => !!d && !!s.coverage && d.seq === s.coverage.seq;
