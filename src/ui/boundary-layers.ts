/**
 * Commune (2025) and former-district (pre-2025) boundaries on the map: fill, outline, hover
 * highlight (feature-state) and labels. Clicks go through the input dispatcher (src/ui/input.ts).
 */
import type { Map as MlMap, MapLayerMouseEvent } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';

export type BoundaryKind = 'communes' | 'districts';

export interface BoundaryLayerOptions {
  /** Property holding the label text. */
  readonly nameProperty: string;
}

const FONT = ['Noto Sans Regular'];

export function addProvinceOutline(map: MlMap, outline: FeatureCollection): void {
  map.addSource('province', { type: 'geojson', data: outline });
  map.addLayer({ id: 'province-fill', type: 'fill', source: 'province', paint: { 'fill-color': '#f6f3ea', 'fill-opacity': 1 } }, 'osm');
  map.addLayer({ id: 'province-line', type: 'line', source: 'province', paint: { 'line-color': '#4a4a4a', 'line-width': 2 } });
}

export function addBoundaryLayer(map: MlMap, kind: BoundaryKind, data: FeatureCollection, opts: BoundaryLayerOptions, visible: boolean): void {
  const src = `${kind}`;
  map.addSource(src, { type: 'geojson', data, generateId: data.features.some((f) => f.id === undefined) });
  const vis = visible ? 'visible' : 'none';
  map.addLayer({
    id: `${kind}-fill`, type: 'fill', source: src, layout: { visibility: vis },
    paint: { 'fill-color': '#0b6e99', 'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.22, 0] },
  });
  map.addLayer({
    id: `${kind}-line`, type: 'line', source: src, layout: { visibility: vis },
    paint: { 'line-color': kind === 'communes' ? '#6b7780' : '#8a3b12', 'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 2.5, kind === 'communes' ? 0.7 : 1.4] },
  });
  map.addLayer({
    id: `${kind}-label`, type: 'symbol', source: src, layout: {
      visibility: vis,
      'text-field': ['get', opts.nameProperty],
      'text-font': FONT,
      'text-size': ['interpolate', ['linear'], ['zoom'], 8, 10, 11, 13],
      'text-max-width': 7,
      'text-padding': 1,
    },
    paint: { 'text-color': kind === 'communes' ? '#24323b' : '#6b2a08', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 },
  });
  let hovered: string | number | undefined;
  map.on('mousemove', `${kind}-fill`, (e: MapLayerMouseEvent) => {
    const f = e.features?.[0];
    if (!f || f.id === undefined) return;
    if (hovered !== undefined && hovered !== f.id) map.setFeatureState({ source: src, id: hovered }, { hover: false });
    hovered = f.id;
    map.setFeatureState({ source: src, id: hovered }, { hover: true });
    map.getCanvas().style.cursor = 'pointer';
  });
  map.on('mouseleave', `${kind}-fill`, () => {
    if (hovered !== undefined) map.setFeatureState({ source: src, id: hovered }, { hover: false });
    hovered = undefined;
    map.getCanvas().style.cursor = '';
  });
}

export function setBoundaryKind(map: MlMap, kind: BoundaryKind): void {
  for (const k of ['communes', 'districts'] as const) {
    for (const suffix of ['fill', 'line', 'label']) {
      const id = `${k}-${suffix}`;
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', k === kind ? 'visible' : 'none');
    }
  }
}
