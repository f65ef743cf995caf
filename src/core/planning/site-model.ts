/**
 * A candidate's site, built from its template, with the propagation model chosen by the clutter
 * it stands in — and saying so. Why: a macro template uses TR 38.901 UMa (urban macro), but most
 * of Vĩnh Long is rice field, orchard and canal villages where the sample network's own macros
 * use RMa; a UMa macro dropped there predicts a footprint a few times smaller than its RMa
 * neighbours', so placing it in a gap "barely shrinks it" (issue 13). The rule:
 *
 *   clutter at the site (P.2108 class, src/core/ground/clutter-map.ts)   environment
 *   water-sea, open-rural, trees-forest                                  rural
 *   suburban, urban, dense-urban                                         urban
 *
 *   template kind           rural                          urban
 *   macro                   38901-rma-expected (RMa)       38901-uma-expected (UMa)
 *   small cell, private     38901-rma-expected (RMa)       38901-umi-expected (UMi street canyon)
 *     outdoor (≥ 10 m)
 *   private indoor          38901-inh-nlos (InH), whatever the clutter outside
 *
 * RMa's validity (TR 38.901 Table 7.4.1-1: h_BS 10–150 m) holds for every outdoor template
 * (10–40 m). The app's template placement can use {@link modelForClutter} and {@link withModel}
 * the same way.
 */
import { CLUTTER_TYPES, type ClutterType } from '../clutter/p2108.ts';
import type { Grid } from '../grid/grid.ts';
import { cellAt } from '../grid/grid.ts';
import { lonLatToUtm } from '../grid/projection.ts';
import type { Carrier, Sector, Site } from '../scenario/scenario.ts';
import { getSiteTemplate, newSiteFromTemplate, type SiteTemplateId } from '../scenario/templates.ts';
import type { Candidate } from './candidates.ts';

export type Environment = 'rural' | 'urban';

export interface ModelChoice {
  readonly modelId: string;
  /** Clutter class at the site, or null when unknown (outside the grid): the template's model is kept. */
  readonly clutter: ClutterType | null;
  readonly environment: Environment | null;
  /** One line saying what was chosen and why. */
  readonly reason: string;
}

/** Rural or urban, by P.2108 clutter class (table in the module comment). */
export function environmentOf(clutter: ClutterType): Environment {
  return clutter === 'suburban' || clutter === 'urban' || clutter === 'dense-urban' ? 'urban' : 'rural';
}

const NAMES: Readonly<Record<string, string>> = {
  '38901-rma-expected': 'TR 38.901 RMa (rural macro)', '38901-uma-expected': 'TR 38.901 UMa (urban macro)',
  '38901-umi-expected': 'TR 38.901 UMi street canyon', '38901-inh-nlos': 'TR 38.901 InH NLOS (indoor)',
};

/**
 * The path-loss model a template's sectors get at a site of this clutter class.
 * @param templateId - the site template
 * @param clutter - the clutter class of the cell the site stands in (null: unknown)
 * @returns model id and a line saying why
 * @example modelForClutter('macro-lte1800-nr3500', 'open-rural').modelId // → '38901-rma-expected'
 */
export function modelForClutter(templateId: SiteTemplateId, clutter: ClutterType | null): ModelChoice {
  const t = getSiteTemplate(templateId);
  const own = t.sectors[0].modelId;
  if (t.kind === 'private-indoor') return { modelId: own, clutter, environment: clutter && environmentOf(clutter), reason: `indoor cell: ${NAMES[own] ?? own} whatever the clutter outside` };
  if (clutter === null) return { modelId: own, clutter, environment: null, reason: `clutter unknown at the site: the template's ${NAMES[own] ?? own} kept` };
  const env = environmentOf(clutter);
  const modelId = env === 'rural' ? '38901-rma-expected' : t.kind === 'macro' ? '38901-uma-expected' : '38901-umi-expected';
  return { modelId, clutter, environment: env, reason: `${clutter} clutter at the site (${env}): ${NAMES[modelId]}` };
}

/** The clutter class of the grid cell holding a point (null outside the grid). */
export function clutterAt(grid: Grid, clutter: Uint8Array, lonDeg: number, latDeg: number): ClutterType | null {
  const [x, y] = lonLatToUtm(lonDeg, latDeg);
  const c = cellAt(grid, x, y);
  return c ? CLUTTER_TYPES[clutter[c.row * grid.width + c.col]] ?? null : null;
}

/** A site with every sector on `modelId`. */
export function withModel(site: Site, modelId: string): Site {
  return { ...site, sectors: site.sectors.map((s) => ({ ...s, modelId })) };
}

export interface CandidateSite {
  /** The site as it would be in the scenario (an upgrade: the existing site with its new sectors). */
  readonly site: Site;
  /** The sectors the candidate adds (a new site: all of them). */
  readonly added: Site;
  /** Carriers its sectors use that the scenario lacks. */
  readonly newCarriers: Carrier[];
  readonly model: ModelChoice;
  readonly template: SiteTemplateId;
}

/**
 * A candidate's site: the template's sectors, ids `<candidate id>-L1`… (the candidate id kept as
 * the site id), its height if given, status "candidate", the model chosen by the clutter.
 * An upgrade adds the template's sectors on `upgradeCarrierId` to the existing site, turned to
 * the site's first sector azimuth.
 */
export function candidateSite(c: Candidate, templateId: SiteTemplateId, carriers: readonly Carrier[], clutter: ClutterType | null, existing?: Site, upgradeCarrierId?: string): CandidateSite {
  const model = modelForClutter(templateId, clutter);
  const made = newSiteFromTemplate(templateId, [c.lonDeg, c.latDeg], [], carriers);
  if (existing && upgradeCarrierId) {
    const az0 = existing.sectors[0]?.azimuthDeg ?? 0;
    const t0 = made.site.sectors.find((s) => s.carrierId === upgradeCarrierId)?.azimuthDeg ?? 0;
    const letter = made.site.sectors.find((s) => s.carrierId === upgradeCarrierId)?.id.split('-').pop()?.[0] ?? 'N';
    const taken = new Set(existing.sectors.map((s) => s.id));
    let k = 0;
    const sectors: Sector[] = made.site.sectors.filter((s) => s.carrierId === upgradeCarrierId).map((s) => {
      let id: string;
      do id = `${existing.id}-${letter}${++k}`; while (taken.has(id));
      return { ...s, id, azimuthDeg: (((s.azimuthDeg - t0 + az0) % 360) + 360) % 360, modelId: model.modelId };
    });
    const site: Site = { ...existing, sectors: [...existing.sectors, ...sectors] };
    return { site, added: { ...existing, sectors }, newCarriers: made.newCarriers.filter((x) => x.id === upgradeCarrierId), model, template: templateId };
  }
  const sectors = made.site.sectors.map((s) => ({ ...s, id: `${c.id}-${s.id.split('-').pop()}`, modelId: model.modelId }));
  const site: Site = { ...made.site, id: c.id, name: c.name, heightM: c.heightM ?? made.site.heightM, sectors };
  return { site, added: site, newCarriers: made.newCarriers, model, template: templateId };
}
