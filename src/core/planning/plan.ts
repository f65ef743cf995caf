/**
 * A site plan end to end, the same in the command line, the app's planning worker, the
 * benchmark and the tests (docs/planning.md): the existing network's coverage of the target,
 * candidates (the user's, generated, screened with reasons), their sites (template, model by
 * clutter), the search (lazy greedy, local search, ranking) through the engine oracle, and the
 * result — ranked sites with what each adds and the communes it serves, the curve, before /
 * after figures, and the scenario with the chosen sites added.
 */
import type { Position } from 'geojson';
import type { BoundaryFeature } from '../boundaries/boundaries.ts';
import { DEFAULT_ENGINE_OPTIONS, planScene, sceneMask, type Scene } from '../coverage/scene.ts';
import { gridForBBox, type Grid } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import type { Carrier, Scenario, Site } from '../scenario/scenario.ts';
import type { SiteTemplateId } from '../scenario/templates.ts';
import type { CommuneLabels } from '../stats/commune-stats.ts';
import type { Candidate } from './candidates.ts';
import { coveredCells, EngineOracle, type TileRunner } from './engine-oracle.ts';
import { gapCentreCandidates, gapGridCandidates, screenCandidates, upgradeCandidates, type Exclusion, type ExclusionZone } from './generate.ts';
import type { LocalSearchMoves, LocalSearchOptions } from './local-search.ts';
import type { Measure, SearchProgress } from './oracle.ts';
import { searchSites } from './search.ts';
import { candidateSite, clutterAt, type CandidateSite, type ModelChoice } from './site-model.ts';
import { targetMask, targetWeights, type GoalKind, type TargetArea } from './target.ts';

export interface PlanningTarget {
  readonly carrierId: string;
  readonly thresholdDbm: number;
  /** SINR threshold, dB; null: RSRP alone. */
  readonly sinrDb?: number | null;
  readonly area: TargetArea;
  readonly goal: GoalKind;
  /** Goal share (0–1] of the area's people or land; null: spend the budget. */
  readonly share?: number | null;
  readonly maxSites: number;
  /** Budget in cost (Σ of the candidates' `cost`); null: none. */
  readonly maxCost?: number | null;
}

export interface CandidateOptions {
  /** The user's candidates. */
  readonly list?: readonly Candidate[];
  /** Gap grid spacing, m (null: none). */
  readonly gapGridSpacingM?: number | null;
  /** Gap centres by blocks (null: none). */
  readonly gapCentres?: { readonly spacingM: number; readonly minPeople: number } | null;
  /** Offer upgrades of existing sites lacking the carrier. */
  readonly upgrades?: boolean;
  /** Template of candidates that name none. */
  readonly defaultTemplate: SiteTemplateId;
  readonly zones?: readonly ExclusionZone[];
  /** Generated new sites closer than this to an existing site are left out, m (default 300). */
  readonly minDistanceM?: number;
}

/** The ground on the scene's grid (src/core/ground/ground.ts `buildGround`). */
export interface PlanGround {
  readonly peoplePerCell: ArrayLike<number>;
  readonly water: ArrayLike<number>;
  readonly clutter: Uint8Array;
  readonly labels: CommuneLabels;
}

export type PlanProgress = Omit<SearchProgress, 'stage'> & { readonly stage: SearchProgress['stage'] | 'coverage' | 'candidates' };

export interface PlanInputs {
  readonly scenario: Scenario;
  /** From {@link planningScene}. */
  readonly scene: Scene;
  readonly mask?: Uint8Array;
  readonly ground: PlanGround;
  /** The communes the ground's labels index (names and phường type). */
  readonly communes: readonly BoundaryFeature[];
  /** Inside the computed area (the province). */
  readonly inside: (lonDeg: number, latDeg: number) => boolean;
  readonly target: PlanningTarget;
  readonly candidates: CandidateOptions;
  readonly seed: number;
  /** Local search settings (default on); false: greedy alone. */
  readonly localSearch?: LocalSearchOptions | false;
  /** Tweak steps (default 20° azimuth, 1° tilt); null: none. */
  readonly tweak?: { readonly azimuthStepDeg: number; readonly tiltStepDeg: number } | null;
  /** Greedy starts (search.ts, default 3). */
  readonly starts?: number;
  /** Nearest candidates tried in a swap (default 12). */
  readonly swapNeighbours?: number;
  readonly onProgress?: (p: PlanProgress) => void;
  readonly signal?: AbortSignal;
}

export interface PlanPick {
  readonly rank: number;
  readonly candidate: Candidate;
  readonly template: SiteTemplateId;
  /** The site as it goes into the scenario (tweaks applied). */
  readonly site: Site;
  readonly model: ModelChoice;
  readonly tweak: { readonly azDeg: number; readonly tiltDeg: number };
  readonly gainObjective: number;
  readonly gainPopulation: number;
  readonly gainKm2: number;
  readonly after: Measure;
  /** Communes where it adds people, most first (net people gained). */
  readonly communes: readonly { readonly name: string; readonly people: number }[];
}

export interface PlanResult {
  readonly picks: PlanPick[];
  /** Figures before (index 0) and after each ranked site. */
  readonly curve: Measure[];
  readonly before: Measure;
  readonly after: Measure;
  readonly totals: { readonly population: number; readonly areaKm2: number };
  readonly goalObjective: number | null;
  readonly goalReached: boolean | null;
  readonly offered: { readonly file: number; readonly gapGrid: number; readonly gapCentres: number; readonly upgrades: number; readonly kept: number };
  readonly excluded: Exclusion[];
  readonly scenarioAfter: Scenario;
  readonly evaluations: number;
  readonly kernelEvaluations: number;
  readonly greedyObjective: number;
  readonly moves: LocalSearchMoves;
  /** Candidates by the environment of their site's clutter (site-model.ts): how many got RMa (rural) and UMa / UMi (urban). */
  readonly models: { readonly rural: number; readonly urban: number };
  readonly notes: string[];
  readonly runtimeS: number;
}

/** The grid of a plan's scene (that of `planScene` for these rings): the ground is built on it first. */
export function planningGrid(boundaryRings: readonly Position[][], cellSizeM: number): Grid {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of boundaryRings) for (const p of ring) {
    const [x, y] = lonLatToUtm(p[0], p[1]);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return gridForBBox([minX, minY, maxX, maxY], cellSizeM);
}

/**
 * The scene a plan computes on: the scenario's network on the target carrier only, with the
 * ground's clutter classes when given (the engine's P.2108 clutter loss per cell, as the app's
 * and the command line's coverage). With RSRP alone the floor is the threshold (same covered
 * cells, footprints cut to the threshold's reach: engine-oracle.ts); with SINR the engine's
 * default floor (interference reaches far).
 * @param clutter - clutter class per cell of {@link planningGrid} (ground.ts), or null
 */
export function planningScene(scenario: Scenario, boundaryRings: Position[][], cellSizeM: number, t: Pick<PlanningTarget, 'carrierId' | 'thresholdDbm' | 'sinrDb'>, clutter: Uint8Array | null = null): Scene {
  const floorDbm = t.sinrDb == null ? t.thresholdDbm : Math.min(DEFAULT_ENGINE_OPTIONS.floorDbm, t.thresholdDbm);
  return planScene(scenario, boundaryRings, { cellSizeM, carrierIds: [t.carrierId], floorDbm }, clutter);
}

/** The k nearest other candidates of each (by distance), for the swaps. */
function nearest(points: readonly [number, number][], k: number): number[][] {
  return points.map((p, i) => points.map((q, j) => [j, (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2] as const).filter(([j]) => j !== i).sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, k).map(([j]) => j));
}

/** Unique ids: a generated id already taken gets `-2`, `-3`… */
function uniqueIds(cands: Candidate[], taken: Set<string>): Candidate[] {
  return cands.map((c) => {
    let id = c.id;
    for (let k = 2; taken.has(id); k++) id = `${c.id}-${k}`;
    taken.add(id);
    return id === c.id ? c : { ...c, id, name: c.name.replace(c.id, id) };
  });
}

/** Runs a plan (module comment); `runner` computes tiles on the scene's network. */
export async function runPlan(inp: PlanInputs, runner: TileRunner): Promise<PlanResult> {
  const t0 = performance.now();
  const { scenario, scene, ground, target: tg, candidates: co } = inp;
  const sinrDb = tg.sinrDb ?? null;
  const grid = scene.grid;
  const progress = (stage: PlanProgress['stage']) => inp.onProgress?.({ stage, step: 0, steps: 1, evaluations: 0, objective: 0 });
  progress('coverage');
  const mask = inp.mask ?? sceneMask(scene);
  const tmask = targetMask(grid, mask, tg.area, ground.labels, inp.communes);
  const w = targetWeights(grid, tmask, ground.peoplePerCell, ground.water, tg.goal);
  const covered = await coveredCells(scene, runner, tg.thresholdDbm, sinrDb);
  inp.signal?.throwIfAborted();

  progress('candidates');
  const gaps = { grid, covered, target: tmask, water: ground.water, people: ground.peoplePerCell };
  const siteIds = new Set(scenario.sites.map((s) => s.id));
  const excluded: Exclusion[] = [];
  const file = (co.list ?? []).filter((c) => {
    if (!siteIds.has(c.id)) return true;
    excluded.push({ id: c.id, reason: `id ${c.id} is already a site of the scenario` });
    return false;
  });
  const taken = new Set([...siteIds, ...file.map((c) => c.id)]);
  const gapGrid = co.gapGridSpacingM ? uniqueIds(gapGridCandidates(gaps, co.gapGridSpacingM), taken) : [];
  const gapCentres = co.gapCentres ? uniqueIds(gapCentreCandidates(gaps, co.gapCentres.spacingM, co.gapCentres.minPeople), taken) : [];
  const upgrades = co.upgrades ? uniqueIds(upgradeCandidates(scenario, tg.carrierId), taken) : [];
  const screened = screenCandidates([...file, ...gapGrid, ...gapCentres, ...upgrades], { grid, water: ground.water, inside: inp.inside, zones: co.zones, sites: scenario.sites, minDistanceM: co.minDistanceM });
  excluded.push(...screened.excluded);
  const built: { c: Candidate; s: CandidateSite }[] = [];
  for (const c of screened.kept) {
    const templateId = c.template ?? co.defaultTemplate;
    const existing = c.upgradeOf ? scenario.sites.find((s) => s.id === c.upgradeOf) : undefined;
    const s = candidateSite(c, templateId, scenario.carriers, clutterAt(grid, ground.clutter, c.lonDeg, c.latDeg), existing, existing ? tg.carrierId : undefined);
    if (!s.added.sectors.some((x) => x.carrierId === tg.carrierId)) excluded.push({ id: c.id, reason: `template ${templateId} has no sector on carrier ${tg.carrierId}` });
    else built.push({ c, s });
  }

  const oracle = await EngineOracle.create({
    scene, runner, thresholdDbm: tg.thresholdDbm, sinrDb, objective: w.objective, population: w.population, areaKm2: w.areaKm2,
    sites: built.map((b) => b.s.added), tweak: inp.tweak === undefined ? { azimuthStepDeg: 20, tiltStepDeg: 1 } : inp.tweak, labels: ground.labels, initialCovered: covered,
  });
  const before = oracle.measure();
  const total = tg.goal === 'population' ? w.totalPopulation : w.totalAreaKm2;
  const goalObjective = tg.share == null ? null : tg.share * total;
  const points = built.map((b) => lonLatToUtm(b.c.lonDeg, b.c.latDeg));
  const near = nearest(points, inp.swapNeighbours ?? 12);
  const ls = inp.localSearch === false ? false : { neighbours: (g: number) => near[g], ...inp.localSearch };
  const result = await searchSites(oracle, {
    maxSites: tg.maxSites, costs: Float64Array.from(built, (b) => b.c.cost), maxCost: tg.maxCost ?? null, targetObjective: goalObjective,
    seed: inp.seed, localSearch: ls, starts: inp.starts, onProgress: inp.onProgress, signal: inp.signal,
  });

  // The ranked sites once more, one by one, for the communes each serves.
  await oracle.apply({ add: [], remove: result.ranked });
  const picks: PlanPick[] = [];
  const names = inp.communes.map((f) => String(f.properties?.name ?? ''));
  for (const [k, opt] of result.ranked.entries()) {
    const prev = oracle.measure();
    const { measure, peopleByLabel } = await oracle.applyDetailed({ add: [opt], remove: [] });
    const b = built[oracle.groupOf(opt)];
    const tweak = oracle.tweakOf(opt);
    const turned = oracle.siteOf(opt);
    const site: Site = b.c.upgradeOf ? { ...b.s.site, sectors: [...b.s.site.sectors.filter((x) => !turned.sectors.some((y) => y.id === x.id)), ...turned.sectors] } : turned;
    picks.push({
      rank: k + 1, candidate: b.c, template: b.s.template, site, model: b.s.model, tweak,
      gainObjective: measure.objective - prev.objective, gainPopulation: measure.population - prev.population, gainKm2: measure.areaKm2 - prev.areaKm2, after: measure,
      communes: [...peopleByLabel].filter(([, p]) => p > 0.5).sort((a, b2) => b2[1] - a[1]).map(([l, p]) => ({ name: names[l] ?? `#${l}`, people: p })),
    });
  }
  const after = oracle.measure();
  const newCarriers: Carrier[] = [];
  for (const p of picks) for (const c of built[oracle.groupOf(result.ranked[p.rank - 1])].s.newCarriers) if (!newCarriers.some((x) => x.id === c.id)) newCarriers.push(c);
  const upgraded = new Map(picks.filter((p) => p.candidate.upgradeOf).map((p) => [p.candidate.upgradeOf!, p.site]));
  const scenarioAfter: Scenario = {
    ...scenario,
    carriers: [...scenario.carriers, ...newCarriers],
    sites: [...scenario.sites.map((s) => upgraded.get(s.id) ?? s), ...picks.filter((p) => !p.candidate.upgradeOf).map((p) => p.site)],
  };
  const rural = built.filter((b) => b.s.model.environment === 'rural').length, urban = built.filter((b) => b.s.model.environment === 'urban').length;
  const notes = [
    `propagation model by clutter at the site: ${rural} candidates in rural clutter (RMa), ${urban} in urban clutter (UMa macro / UMi small cells)`,
    ...(sinrDb === null ? [] : ['a SINR condition makes the objective non-submodular (a site can uncover cells by its interference): the lazy greedy then uses old gains as estimates and the local search repairs; figures are exact']),
  ];
  return {
    picks, curve: result.curve, before, after, totals: { population: w.totalPopulation, areaKm2: w.totalAreaKm2 },
    goalObjective, goalReached: goalObjective === null ? null : after.objective >= goalObjective,
    offered: { file: file.length, gapGrid: gapGrid.length, gapCentres: gapCentres.length, upgrades: upgrades.length, kept: built.length },
    excluded, scenarioAfter, evaluations: oracle.evaluations, kernelEvaluations: oracle.kernelEvaluations, greedyObjective: result.greedy.objective,
    moves: result.moves, models: { rural, urban }, notes, runtimeS: (performance.now() - t0) / 1000,
  };
}
