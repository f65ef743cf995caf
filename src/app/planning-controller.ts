/**
 * Site planning in the app (issue 13): runs a plan for a target in the planning worker (through
 * the compute facade), keeps it in the store (`planning`), cancels it, and accepts it — the
 * proposed sites added to the current scenario as one undoable step through
 * ScenarioController.commit; the coverage and the statistics follow by themselves.
 */
import type { Compute, PlanProgress, PlanRequest, PlanResult } from '../compute/facade.ts';
import { isAborted } from '../compute/facade.ts';
import type { Candidate } from '../core/planning/candidates.ts';
import type { GoalKind, TargetArea } from '../core/planning/target.ts';
import type { Scenario, Site } from '../core/scenario/scenario.ts';
import type { SiteTemplateId } from '../core/scenario/templates.ts';
import { historyLabel, type ScenarioController } from './scenario-controller.ts';
import { DATA_URL } from './startup.ts';
import { msg, raw, type AppState, type Msg } from './state.ts';
import type { Store } from './store.ts';

const POPULATION_FILE = 'vinh-long-population-2020-1km.tif';
const WATER_FILE = 'vinh-long-water-gshhg-3s.tif';

/** What the planning form asks for. */
export interface PlanningForm {
  /** `province`, `wards`, or `pn:<private network id>` (its service area). */
  readonly area: string;
  readonly carrierId: string;
  readonly thresholdDbm: number;
  readonly goal: GoalKind;
  /** Goal share 0–1, or null: spend the budget. */
  readonly share: number | null;
  readonly maxSites: number;
  readonly cellSizeM: number;
  /** Gap grid spacing and gap-centre block size, m (0: no generated candidates). */
  readonly spacingM: number;
  readonly upgrades: boolean;
  readonly template: SiteTemplateId;
  /** Candidates from the user's file. */
  readonly candidates: readonly Candidate[];
  readonly seed: number;
}

export interface PlanningState {
  readonly phase: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  readonly progress: PlanProgress | null;
  readonly form: PlanningForm | null;
  readonly result: PlanResult | null;
  /** The scenario the plan was computed on. */
  readonly base: Scenario | null;
  /** The scenario the accepted plan made (accepted while it is the current one; undo un-accepts). */
  readonly acceptedScenario: Scenario | null;
  readonly message: Msg;
}

const EMPTY: PlanningState = { phase: 'idle', progress: null, form: null, result: null, base: null, acceptedScenario: null, message: null };

/** The target area of a form value. */
export function areaOf(scenario: Scenario, area: string): TargetArea {
  if (area === 'wards') return { kind: 'wards' };
  if (area.startsWith('pn:')) {
    const pn = scenario.privateNetworks.find((p) => p.id === area.slice(3));
    if (pn) return { kind: 'polygon', name: pn.name, rings: pn.serviceArea.coordinates };
  }
  return { kind: 'province' };
}

/** The current scenario with the plan's sites: new carriers added, upgrades in place, new sites (ids not taken) at the end. */
export function withPlan(scenario: Scenario, result: PlanResult): { next: Scenario; added: number } {
  const carriers = [...scenario.carriers];
  for (const c of result.scenarioAfter.carriers) if (!carriers.some((x) => x.id === c.id)) carriers.push(c);
  const ids = new Set(scenario.sites.map((s) => s.id));
  const upgrades = new Map(result.picks.filter((p) => p.candidate.upgradeOf && ids.has(p.candidate.upgradeOf)).map((p) => [p.candidate.upgradeOf!, p.site]));
  const fresh: Site[] = result.picks.filter((p) => !p.candidate.upgradeOf && !ids.has(p.site.id)).map((p) => p.site);
  return { next: { ...scenario, carriers, sites: [...scenario.sites.map((s) => upgrades.get(s.id) ?? s), ...fresh] }, added: fresh.length + upgrades.size };
}

export class PlanningController {
  private abort: AbortController | null = null;

  constructor(private readonly store: Store<AppState>, private readonly compute: Compute, private readonly scenarios: ScenarioController) {}

  private set(part: Partial<PlanningState>): void {
    this.store.set((s) => ({ planning: { ...(s.planning ?? EMPTY), ...part } }));
  }

  /** Runs a plan for the form on the current scenario (a running one is cancelled). */
  run(form: PlanningForm): void {
    const s = this.store.get();
    if (!s.scenario || !s.boundaries) return;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const scenario = s.scenario;
    const req: PlanRequest = {
      scenario, boundaryRings: s.boundaries.maskRings, communes: s.boundaries.communeSource, cellSizeM: form.cellSizeM, seed: form.seed,
      populationUrl: new URL(DATA_URL + POPULATION_FILE, location.href).href, waterUrl: new URL(DATA_URL + WATER_FILE, location.href).href,
      target: { carrierId: form.carrierId, thresholdDbm: form.thresholdDbm, area: areaOf(scenario, form.area), goal: form.goal, share: form.share, maxSites: form.maxSites },
      candidates: {
        list: form.candidates, defaultTemplate: form.template, upgrades: form.upgrades,
        gapGridSpacingM: form.spacingM > 0 ? form.spacingM : null, gapCentres: form.spacingM > 0 ? { spacingM: form.spacingM, minPeople: 200 } : null,
      },
    };
    this.set({ phase: 'running', progress: null, form, result: null, base: scenario, acceptedScenario: null, message: msg('planRunning') });
    void this.compute.planSites(req, { signal: abort.signal, onProgress: (p) => this.abort === abort && this.set({ progress: p }) }).then((result) => {
      if (this.abort !== abort) return;
      this.abort = null;
      const n = result.picks.length;
      this.set({ phase: 'done', result, progress: null, message: n ? msg('planDone', { n, seconds: Number(result.runtimeS.toFixed(1)) }) : msg('planNothing') });
    }, (e: unknown) => {
      if (this.abort !== abort) return;
      this.abort = null;
      if (isAborted(e)) this.set({ phase: 'cancelled', progress: null, message: msg('planCancelled') });
      else this.set({ phase: 'failed', progress: null, message: raw(e instanceof Error ? e.message : String(e)) });
    });
  }

  cancel(): void {
    this.abort?.abort();
  }

  get running(): boolean {
    return this.abort !== null;
  }

  /** Adds the plan's sites to the current scenario as one undoable step; false when there is nothing to add. */
  accept(): boolean {
    const s = this.store.get();
    const result = s.planning?.result;
    if (!s.scenario || !result || !result.picks.length) return false;
    const { next, added } = withPlan(s.scenario, result);
    if (!added) return false;
    this.scenarios.commit(next, historyLabel('hPlanAccept', { n: added }));
    this.set({ acceptedScenario: next, message: msg('planAccepted', { n: added }) });
    return true;
  }
}
