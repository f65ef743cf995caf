/**
 * Placing a site from a template, as a planner expects: the template's propagation model is
 * chosen by the clutter under the cursor (a macro in rice fields is a rural macro: RMa, not the
 * urban UMa of the template; src/core/planning/site-model.ts) and the status says so; before the
 * click, the footprint the site would have on the carrier shown (RSRP ≥ −110 dBm, flat ground in
 * the clutter class at the cursor: src/core/coverage/contour.ts) is drawn under the cursor; after
 * it, once the new gaps are computed, the status gives the change of the gap it was placed in, in
 * km² and people (a site only adds signal, so the gap's remains lie inside the old gap).
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { AppContext } from '../../app/context.ts';
import { setStatus } from '../../app/context.ts';
import { GAP_THRESHOLD_DBM } from '../../app/analysis-controller.ts';
import { isCurrent, msg, shownCarrier, type AppState } from '../../app/state.ts';
import { engineSectorsForSite } from '../../core/coverage/scene.ts';
import { classAt, sectorLossTerms } from '../../core/coverage/terms.ts';
import { sectorContourM } from '../../core/coverage/contour.ts';
import { utmToLonLat } from '../../core/grid/projection.ts';
import { clutterAt, modelForClutter, withModel } from '../../core/planning/site-model.ts';
import { newSiteFromTemplate, type NewSite, type SiteTemplateId } from '../../core/scenario/templates.ts';
import type { GapProperties } from '../../core/stats/gaps.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { msgWith } from '../../app/scenario-controller.ts';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The template's site at a point, its model chosen by the clutter there (when the ground is known). */
export function templateSiteAt(s: AppState, template: SiteTemplateId, at: readonly [number, number]): NewSite & { readonly modelId: string | null; readonly rural: boolean | null } {
  const made = newSiteFromTemplate(template, at, s.scenario?.sites.map((x) => x.id) ?? [], s.scenario?.carriers ?? []);
  const g = s.ground;
  const clutter = g ? clutterAt(g.grid, g.clutter, at[0], at[1]) : null;
  if (clutter === null) return { ...made, modelId: null, rural: null };
  const choice = modelForClutter(template, clutter);
  return { ...made, site: withModel(made.site, choice.modelId), modelId: choice.modelId, rural: choice.environment === 'rural' };
}

/** The footprint polygons of the template's sectors on the shown carrier, at `at`. */
function previewOf(s: AppState, template: SiteTemplateId, at: readonly [number, number]): FeatureCollection {
  const cov = s.coverage;
  if (!cov) return EMPTY;
  const scene = cov.scene;
  const { site } = templateSiteAt(s, template, at);
  const carrier = shownCarrier(s);
  const sectors = engineSectorsForSite(site, scene.carriers, scene.carriers.map((c) => c.id), scene.ueHeightM, scene.options, 0, scene.clutterClasses).filter((x) => x.carrier === carrier);
  const features: Feature<Polygon>[] = sectors.map((sec) => {
    const terms = sectorLossTerms(sec, scene.ueHeightM, scene.options);
    const ring = sectorContourM(sec, terms, GAP_THRESHOLD_DBM, classAt(scene, sec.xM, sec.yM), 5).map(([x, y]) => utmToLonLat(x, y));
    return { type: 'Feature', properties: { sector: sec.id }, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  return { type: 'FeatureCollection', features };
}

export function mountPlacementPreview({ store, map }: AppContext): void {
  const add = () => {
    if (map.getSource('placement-preview')) return;
    map.addSource('placement-preview', { type: 'geojson', data: EMPTY });
    map.addLayer({ id: 'placement-preview-fill', type: 'fill', source: 'placement-preview', paint: { 'fill-color': '#0b6e99', 'fill-opacity': 0.15 } });
    map.addLayer({ id: 'placement-preview-line', type: 'line', source: 'placement-preview', paint: { 'line-color': '#0b6e99', 'line-width': 1.5, 'line-dasharray': [2, 1] } });
  };
  store.subscribe((s) => [s.mode, s.hoverAt, s.coverage] as const, ([mode, at]) => {
    if (!map.isStyleLoaded() && !map.getSource('placement-preview')) return;
    add();
    const src = map.getSource('placement-preview') as GeoJSONSource;
    void src.setData(mode.kind === 'placing' && at ? previewOf(store.get(), mode.template, at) : EMPTY);
  }, { equals: (a, b) => a.every((x, i) => x === b[i]) });
}

/**
 * A point strictly inside a gap polygon: just left of the middle of its outer ring's first edge
 * (exterior rings run counter-clockwise, RFC 7946, so the interior is on the left). Gaps of two
 * different regions may touch at a corner; a point inside tells which old gap a new one is in.
 */
function pointInside(f: Feature<Polygon>): [number, number] {
  const [a, b] = f.geometry.coordinates[0];
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len = Math.hypot(dx, dy) || 1;
  const eps = 1e-6; // degrees, about 0.1 m: far inside a grid cell
  return [(a[0] + b[0]) / 2 - (dy / len) * eps, (a[1] + b[1]) / 2 + (dx / len) * eps];
}

/** The current gaps, when they are those of the coverage on the map. */
function currentGaps(s: AppState): Feature<Polygon, GapProperties>[] | null {
  return isCurrent(s.derived.gaps, s) ? s.derived.gaps.value.features : null;
}

/**
 * After a placement: once the coverage and gaps of `next` are current, says how the gap the site
 * was placed in changed (area and people); says when the point was in no gap.
 */
export function reportGapChange({ store }: AppContext, at: readonly [number, number], siteId: string, next: AppState['scenario']): void {
  const before = currentGaps(store.get());
  const gap = before?.find((f) => booleanPointInPolygon([at[0], at[1]], f)) ?? null;
  const off = store.subscribe((s) => (s.coverage?.scenario === next ? currentGaps(s) : null), (after) => {
    if (!after) return;
    off();
    const st = store.get().status.scenario;
    // Only if nothing else was said since the placement.
    if (!st || !('key' in st) || (st.key !== 'placed' && st.key !== 'placedModel')) return;
    if (!gap) {
      setStatus(store, 'scenario', msg('placedNoGap', { site: siteId, v: GAP_THRESHOLD_DBM }));
      return;
    }
    const remains = after.filter((f) => booleanPointInPolygon(pointInside(f), gap));
    const area = remains.reduce((a, f) => a + f.properties.area_km2, 0);
    const people = remains.reduce((a, f) => a + (f.properties.people ?? 0), 0);
    // Numbers stay numbers: they are formatted in the language of the moment when shown.
    setStatus(store, 'scenario', msg('placedGap', {
      site: siteId, a0: Number(gap.properties.area_km2.toFixed(1)), a1: Number(area.toFixed(1)),
      p0: Math.round(gap.properties.people ?? 0), p1: Math.round(people),
    }));
  });
}

/** The status line of a placement, naming the model chosen by the clutter. */
export function placedMessage(siteId: string, made: ReturnType<typeof templateSiteAt>): ReturnType<typeof msg> {
  // The model's name and the area's word stay dictionary words: a language switch re-words the line.
  return made.modelId ? msgWith('placedModel', { site: siteId }, { model: [`model-${made.modelId}` as MessageKey], env: [made.rural ? 'envRural' : 'envUrban'] }) : msg('placed', { site: siteId });
}
