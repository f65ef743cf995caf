/**
 * Private networks' service areas on the map (a dashed outline with the network's name), and
 * drawing a new one: click to add a vertex, Backspace removes the last one, double-click or
 * Enter finishes (≥ 3 vertices), Escape cancels.
 */
import type { Map as MlMap, GeoJSONSource } from 'maplibre-gl';
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { PrivateNetwork } from '../core/scenario/scenario.ts';

const AREA_COLOUR = '#6a3d9a';

/** Draws (or redraws) every private network's service area. */
export function showServiceAreas(map: MlMap, networks: readonly PrivateNetwork[]): void {
  const data: FeatureCollection = {
    type: 'FeatureCollection',
    features: networks.map((n): Feature => ({ type: 'Feature', properties: { id: n.id, name: n.name }, geometry: n.serviceArea })),
  };
  const src = map.getSource('service-areas') as GeoJSONSource | undefined;
  if (src) {
    void src.setData(data);
    return;
  }
  map.addSource('service-areas', { type: 'geojson', data });
  map.addLayer({ id: 'service-areas-fill', type: 'fill', source: 'service-areas', paint: { 'fill-color': AREA_COLOUR, 'fill-opacity': 0.08 } });
  map.addLayer({ id: 'service-areas-line', type: 'line', source: 'service-areas', paint: { 'line-color': AREA_COLOUR, 'line-width': 2, 'line-dasharray': [2, 1] } });
  map.addLayer({
    id: 'service-areas-label', type: 'symbol', source: 'service-areas',
    layout: { 'text-field': ['get', 'name'], 'text-size': 11, 'text-font': ['Noto Sans Regular'], 'text-offset': [0, 1.2] },
    paint: { 'text-color': AREA_COLOUR, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  });
}

/** Interactive polygon drawing on the map. */
export class PolygonDraw {
  private vertices: Position[] = [];
  private finish: ((ring: Position[] | null) => void) | null = null;
  private cursor: Position | null = null;

  constructor(private readonly map: MlMap) {}

  get active(): boolean {
    return this.finish !== null;
  }

  /** Vertices placed so far (for tests and the hint line). */
  get count(): number {
    return this.vertices.length;
  }

  /**
   * Resolves with the ring's vertices (not closed) or null when cancelled. The input dispatcher
   * (src/ui/input.ts) feeds it the pointer and keys while the app is in drawing mode.
   */
  start(): Promise<Position[] | null> {
    this.stop(null);
    this.vertices = [];
    const map = this.map;
    if (!map.getSource('draw')) {
      map.addSource('draw', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'draw-line', type: 'line', source: 'draw', paint: { 'line-color': AREA_COLOUR, 'line-width': 2 } });
      map.addLayer({ id: 'draw-points', type: 'circle', source: 'draw', filter: ['==', '$type', 'Point'], paint: { 'circle-radius': 4, 'circle-color': '#ffffff', 'circle-stroke-color': AREA_COLOUR, 'circle-stroke-width': 2 } });
    }
    map.doubleClickZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    this.render();
    return new Promise((resolve) => (this.finish = resolve));
  }

  /** Ends drawing; `ring` is what the promise resolves with. */
  stop(ring: Position[] | null): void {
    if (!this.finish) return;
    const done = this.finish;
    this.finish = null;
    const map = this.map;
    map.getCanvas().style.cursor = '';
    setTimeout(() => map.doubleClickZoom.enable(), 0);
    this.vertices = [];
    this.cursor = null;
    this.render();
    done(ring);
  }

  /** Adds a vertex (a click, or a test). */
  add(lon: number, lat: number): void {
    this.vertices.push([lon, lat]);
    this.render();
  }

  /** Finishes when there are at least 3 vertices. */
  complete(): void {
    if (this.vertices.length >= 3) this.stop([...this.vertices]);
  }

  /** A double-click finishes (its second click added a duplicate vertex, dropped here). */
  doubleClick(): void {
    const v = this.vertices;
    if (v.length >= 2 && v[v.length - 1][0] === v[v.length - 2][0] && v[v.length - 1][1] === v[v.length - 2][1]) v.pop();
    this.complete();
  }

  /** The pointer moved: the rubber-band edge follows. */
  move(lon: number, lat: number): void {
    this.cursor = [lon, lat];
    this.render();
  }

  /** Escape cancels, Enter finishes, Backspace removes the last vertex; true when the key was used. */
  key(key: string): boolean {
    if (key === 'Escape') this.stop(null);
    else if (key === 'Enter') this.complete();
    else if (key === 'Backspace') {
      this.vertices.pop();
      this.render();
    } else return false;
    return true;
  }

  private render(): void {
    const src = this.map.getSource('draw') as GeoJSONSource | undefined;
    if (!src) return;
    const line = this.cursor && this.vertices.length ? [...this.vertices, this.cursor] : this.vertices;
    const features: Feature[] = this.vertices.map((p): Feature => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } }));
    if (line.length >= 2) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line.length >= 3 ? [...line, line[0]] : line } });
    void src.setData({ type: 'FeatureCollection', features });
  }
}
