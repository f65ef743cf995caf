/**
 * The files of a plan (the command line's contract, docs/planning.md; the app exports the same
 * CSV and GeoJSON): `proposal.csv`, `proposal.geojson`, `curve.csv`, `excluded.csv` and
 * `summary.json`. Candidate ids are written as given. Text cells that a spreadsheet would run
 * as a formula (starting with = + - @ and not a number) get a leading apostrophe.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { PlanResult } from './plan.ts';

/** The contract's columns of proposal.csv, in order. */
export const PROPOSAL_COLUMNS = ['rank', 'id', 'lon', 'lat', 'template', 'gain_population', 'gain_km2', 'population_covered_share_after'] as const;
/** The contract's keys of summary.json. */
export const SUMMARY_KEYS = ['population_total', 'population_covered_before', 'population_covered_after', 'area_covered_before_km2', 'area_covered_after_km2', 'sites_added', 'runtime_s'] as const;

function cell(v: string | number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const line = (fields: readonly (string | number)[]) => fields.map(cell).join(',');
const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
const share = (v: number, total: number) => (total > 0 ? round(v / total, 6) : 0);

/** proposal.csv: one row per proposed site, ranked. */
export function proposalCsv(r: PlanResult): string {
  const rows = r.picks.map((p) => line([p.rank, p.candidate.id, round(p.site.lonDeg, 6), round(p.site.latDeg, 6), p.template, round(p.gainPopulation, 1), round(p.gainKm2, 4), share(p.after.population, r.totals.population)]));
  return [PROPOSAL_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

/** The communes a site serves, as one cell: `Name (people); …` (at most `max`). */
export function communesText(p: PlanResult['picks'][number], max = 5): string {
  return p.communes.slice(0, max).map((c) => `${c.name} (${Math.round(c.people)})`).join('; ');
}

/** proposal.geojson: the proposed sites as Points with their figures, model and reason. */
export function proposalGeoJson(r: PlanResult): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: r.picks.map((p): Feature<Point> => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [round(p.site.lonDeg, 7), round(p.site.latDeg, 7)] },
      properties: {
        rank: p.rank, id: p.candidate.id, name: p.candidate.name || p.candidate.id, source: p.candidate.source, upgrade_of: p.candidate.upgradeOf ?? null, template: p.template,
        height_m: p.site.heightM, cost: p.candidate.cost, model: p.model.modelId, clutter: p.model.clutter, model_reason: p.model.reason,
        azimuth_step_deg: p.tweak.azDeg, tilt_step_deg: p.tweak.tiltDeg,
        gain_population: round(p.gainPopulation, 1), gain_km2: round(p.gainKm2, 4),
        population_covered_share_after: share(p.after.population, r.totals.population), area_covered_share_after: share(p.after.areaKm2, r.totals.areaKm2),
        communes: communesText(p),
      },
    })),
  };
}

/** curve.csv: coverage after 0, 1, … sites (the ranked order). */
export function curveCsv(r: PlanResult): string {
  const head = 'sites,population_covered,population_covered_share,area_covered_km2,area_covered_share';
  return [head, ...r.curve.map((m, k) => line([k, round(m.population, 1), share(m.population, r.totals.population), round(m.areaKm2, 4), share(m.areaKm2, r.totals.areaKm2)]))].join('\n') + '\n';
}

/** excluded.csv: candidates left out, with the reason. */
export function excludedCsv(r: PlanResult): string {
  return ['id,reason', ...r.excluded.map((e) => line([e.id, e.reason]))].join('\n') + '\n';
}

/** summary.json: the contract's keys first, then what the run was and how it went. */
export function planSummary(r: PlanResult, run: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return {
    population_total: round(r.totals.population, 1),
    population_covered_before: round(r.before.population, 1),
    population_covered_after: round(r.after.population, 1),
    area_covered_before_km2: round(r.before.areaKm2, 4),
    area_covered_after_km2: round(r.after.areaKm2, 4),
    sites_added: r.picks.length,
    runtime_s: round(r.runtimeS, 3),
    area_total_km2: round(r.totals.areaKm2, 4),
    population_covered_share_before: share(r.before.population, r.totals.population),
    population_covered_share_after: share(r.after.population, r.totals.population),
    goal_reached: r.goalReached,
    ...run,
    candidates_offered: r.offered,
    candidates_excluded: r.excluded.length,
    evaluations: r.evaluations,
    kernel_evaluations: r.kernelEvaluations,
    greedy_objective: round(r.greedyObjective, 4),
    local_search: r.moves,
    notes: r.notes,
  };
}
