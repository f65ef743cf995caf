/**
 * The vector layers of the map, drawn from the store: sites (a dragged site where the pointer
 * is), sector wedges (the selection highlighted, a dragged site's wedges with it), private
 * networks' service areas, the gaps of the coverage on the map, the point-to-point line, the
 * commune choropleth, the boundary kind and the basemap.
 */
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { AppState } from '../../app/state.ts';
import { isCurrent } from '../../app/state.ts';
import type { Store } from '../../app/store.ts';
import { movedSite } from '../../core/scenario/edits.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import { sectorWedges } from '../../core/scenario/wedges.ts';
import { setBoundaryKind } from '../boundary-layers.ts';
import { addChoroplethLayer, setChoropleth, showGaps, type ChoroplethStat } from '../commune-views.ts';
import { showServiceAreas } from '../service-areas.ts';

/** The scenario as drawn: the dragged site at the pointer. */
export function drawnScenario(s: AppState): Scenario | null {
  const sc = s.scenario;
  if (!sc || s.mode.kind !== 'dragging' || !s.dragAt) return sc;
  const id = s.mode.siteId;
  const [lon, lat] = s.dragAt;
  return { ...sc, sites: sc.sites.map((x) => (x.id === id ? movedSite(x, lon, lat) : x)) };
}

function sitesCollection(s: Scenario): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: s.sites.map((site) => ({ type: 'Feature', properties: { id: site.id, kind: site.kind }, geometry: { type: 'Point', coordinates: [site.lonDeg, site.latDeg] } })),
  };
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function setData(map: MlMap, source: string, data: FeatureCollection): void {
  void (map.getSource(source) as GeoJSONSource | undefined)?.setData(data);
}

/** Adds the sources and layers (once the style is loaded), then follows the store. */
export function mountMapLayers(store: Store<AppState>, map: MlMap): void {
  map.addSource('sites', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'sites', type: 'circle', source: 'sites', paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2.5, 13, 6], 'circle-color': ['match', ['get', 'kind'], 'macro', '#1d2a33', '#7a1fa2'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } });
  map.addSource('wedges', { type: 'geojson', data: EMPTY });
  // Wedges of 350 m are a few pixels below zoom 11: not drawn there (they would only cost frame time).
  map.addLayer({
    id: 'wedges', type: 'fill', source: 'wedges', minzoom: 11,
    paint: { 'fill-color': ['case', ['get', 'selected'], '#e6550d', ['match', ['get', 'status'], 'existing', '#1d2a33', 'planned', '#3182bd', '#7a1fa2']], 'fill-opacity': ['case', ['get', 'selected'], 0.55, 0.3] },
  }, 'sites');
  map.addLayer({ id: 'wedges-line', type: 'line', source: 'wedges', minzoom: 11, paint: { 'line-color': ['case', ['get', 'selected'], '#e6550d', '#1d2a33'], 'line-width': ['case', ['get', 'selected'], 1.5, 0.5] } }, 'sites');
  map.addSource('p2p', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'p2p', type: 'line', source: 'p2p', paint: { 'line-color': '#e6550d', 'line-width': 2, 'line-dasharray': [3, 2] } });
  showGaps(map, { type: 'FeatureCollection', features: [] });
  addChoroplethLayer(map);

  store.subscribe((s) => [s.scenario, s.dragAt] as const, () => {
    const sc = drawnScenario(store.get());
    if (sc) setData(map, 'sites', sitesCollection(sc));
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1], immediate: true });

  store.subscribe((s) => [s.scenario, s.dragAt, s.selection] as const, () => {
    const s = store.get();
    const sc = drawnScenario(s);
    if (!sc) return;
    const sel = new Set(s.selection);
    const wedges = sectorWedges(sc.sites, { radiusM: 350 });
    for (const f of wedges.features) (f.properties as { selected: boolean }).selected = sel.has(String(f.properties?.siteId));
    setData(map, 'wedges', wedges as FeatureCollection);
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2], immediate: true });

  store.subscribe((s) => s.scenario?.privateNetworks, (pns) => pns && showServiceAreas(map, pns), { immediate: true });

  // Gaps of the coverage on the map only: none while newer ones are being computed.
  store.subscribe((s) => (isCurrent(s.derived.gaps, s) ? s.derived.gaps.value : null), (gaps) => showGaps(map, gaps ?? { type: 'FeatureCollection', features: [] }));

  store.subscribe((s) => [s.p2p, s.scenario] as const, ([p2p, sc]) => {
    const site = p2p && sc?.sites.find((x) => x.id === p2p.siteId);
    setData(map, 'p2p', site && p2p ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[site.lonDeg, site.latDeg], [...p2p.target]] } }] } : EMPTY);
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1] });

  store.subscribe((s) => s.ui.boundaryKind, (kind) => setBoundaryKind(map, kind));
  store.subscribe((s) => s.ui.basemap, (b) => map.getLayer('osm') && map.setLayoutProperty('osm', 'visibility', b === 'osm' ? 'visible' : 'none'), { immediate: true });

  // A commune statistic as a choropleth replaces the coverage raster while it is chosen.
  store.subscribe((s) => [s.ui.choropleth, isCurrent(s.derived.stats, s) ? s.derived.stats.value : null, s.boundaries] as const, ([stat, stats, b]) => {
    map.setLayoutProperty('communes-choropleth', 'visibility', stat && stats ? 'visible' : 'none');
    if (!stat || !stats || !b) return;
    const withIds = b.communes.every((f) => f.id !== undefined);
    setChoropleth(map, stats, stat as ChoroplethStat, b.communes.map((f, i) => (withIds ? f.id! : i)));
  }, { equals: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] });
}
