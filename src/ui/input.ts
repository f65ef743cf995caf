/**
 * The one input dispatcher: every pointer event on the map and every key the app answers goes
 * through here and switches on the mode (state.ts `Mode`): idle (select, drag, pick a feature),
 * placing a site, picking a point-to-point site then its target, drawing a service area,
 * dragging a site. Views never listen to the map's pointer themselves.
 */
import type { MapMouseEvent } from 'maplibre-gl';
import type { AppContext } from '../app/context.ts';
import { setStatus } from '../app/context.ts';
import { historyLabel } from '../app/scenario-controller.ts';
import { msg, type AppState } from '../app/state.ts';
import { addSites, round6 } from '../core/scenario/edits.ts';
import type { SiteTemplateId } from '../core/scenario/templates.ts';
import { placedMessage, reportGapChange, templateSiteAt } from './views/placement-view.ts';
import type { PolygonDraw } from './service-areas.ts';
import { deleteSelected } from './views/planner-view.ts';

const isField = (t: EventTarget | null, sel = 'input, textarea, select, [contenteditable="true"]') => t instanceof Element && !!t.closest(sel);

export function mountInput(ctx: AppContext, drawer: PolygonDraw): void {
  const { store, map, coverage, scenarios } = ctx;
  const mode = () => store.get().mode;
  const idle = () => store.set({ mode: { kind: 'idle' } });

  /** Places a site of the template at `at` (a click, or Enter at the map centre). */
  const place = (template: SiteTemplateId, at: [number, number]) => {
    const s = store.get();
    if (!s.scenario) return;
    if (s.boundaries && !s.boundaries.inside(at[0], at[1])) {
      setStatus(store, 'scenario', msg('placeOutside'));
      return;
    }
    // The template's model follows the clutter at the point (rural fields: RMa), and the status says so.
    const made = templateSiteAt(s, template, at);
    const next = addSites(s.scenario, [made.site], made.newCarriers);
    store.set({ mode: { kind: 'idle' }, selection: [made.site.id] });
    setStatus(store, 'scenario', placedMessage(made.site.id, made));
    reportGapChange(ctx, at, made.site.id, next);
    scenarios.commit(next, historyLabel('hAdd', { site: made.site.id }));
  };

  const siteAt = (e: MapMouseEvent): string | null => {
    const f = map.queryRenderedFeatures(e.point, { layers: ['sites'] })[0];
    return f ? String(f.properties?.id ?? '') : null;
  };

  /** The click that ends the mousedown picking a point-to-point site is not its target. */
  let skipClick = false;
  map.on('mousedown', (e) => {
    const m = mode();
    const id = siteAt(e);
    if (!id) return;
    if (m.kind === 'p2p-site') {
      e.preventDefault();
      skipClick = true;
      store.set({ mode: { kind: 'p2p-point', siteId: id } });
      setStatus(store, 'scenario', msg('p2pPickPoint', { site: id }));
      return;
    }
    if (m.kind !== 'idle') return;
    const additive = e.originalEvent.shiftKey || e.originalEvent.ctrlKey;
    store.set((s) => ({ selection: additive ? (s.selection.includes(id) ? s.selection.filter((x) => x !== id) : [...s.selection, id]) : [id] }));
    if (additive) return;
    if (coverage.beginDrag(id)) {
      e.preventDefault();
      map.dragPan.disable();
    }
  });
  window.addEventListener('mouseup', () => {
    if (mode().kind !== 'dragging') return;
    map.dragPan.enable();
    void coverage.endDrag();
  });

  let hoverQueued = false;
  let pendingHover: [number, number] | null = null;
  map.on('mousemove', (e) => {
    const m = mode();
    const at: [number, number] = [e.lngLat.lng, e.lngLat.lat];
    if (m.kind === 'dragging') coverage.dragTo(at[0], at[1]);
    else if (m.kind === 'drawing') drawer.move(at[0], at[1]);
    else {
      pendingHover = at;
      if (!hoverQueued) {
        hoverQueued = true;
        requestAnimationFrame(() => {
          hoverQueued = false;
          store.set({ hoverAt: pendingHover });
        });
      }
    }
  });
  map.on('mouseout', () => {
    pendingHover = null;
    store.set({ hoverAt: null });
  });
  map.on('mouseenter', 'sites', () => mode().kind === 'idle' && (map.getCanvas().style.cursor = 'move'));
  map.on('mouseleave', 'sites', () => mode().kind === 'idle' && (map.getCanvas().style.cursor = ''));

  map.on('click', (e) => {
    if (skipClick) {
      skipClick = false;
      return;
    }
    const m = mode();
    const at: [number, number] = [round6(e.lngLat.lng), round6(e.lngLat.lat)];
    if (m.kind === 'p2p-point') {
      // The target click neither selects nor opens anything underneath it.
      store.set({ p2p: { siteId: m.siteId, target: at, sectorId: null }, mode: { kind: 'idle' } });
      setStatus(store, 'scenario', null);
    } else if (m.kind === 'placing') place(m.template, at);
    else if (m.kind === 'drawing') drawer.add(e.lngLat.lng, e.lngLat.lat);
    else if (m.kind === 'idle' && !siteAt(e)) pick(ctx, e);
  });
  map.on('dblclick', (e) => {
    if (mode().kind !== 'drawing') return;
    e.preventDefault();
    drawer.doubleClick();
  });

  window.addEventListener('keydown', (e) => {
    const m = mode();
    if (m.kind === 'drawing' && drawer.key(e.key)) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (e.key === 'Escape' && (m.kind === 'p2p-site' || m.kind === 'p2p-point' || m.kind === 'placing')) {
      idle();
      setStatus(store, 'scenario', null);
    } else if (e.key === 'Enter' && m.kind === 'placing' && !isField(e.target, 'input:not([type=radio]), textarea, select, button')) {
      const c = map.getCenter();
      place(m.template, [round6(c.lng), round6(c.lat)]);
      e.preventDefault();
    } else if ((e.key === 'p' || e.key === 'P') && !e.ctrlKey && !e.metaKey && !e.altKey && !isField(e.target)) {
      // Pins the link budget where the pointer is (or unpins it).
      const s = store.get();
      store.set({ readoutPin: s.readoutPin ? null : s.hoverAt });
    } else if (e.key === 'Delete' && !isField(e.target) && store.get().selection.length) {
      deleteSelected(ctx);
    } else if ((e.ctrlKey || e.metaKey) && !isField(e.target)) {
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) scenarios.undo();
      else if (k === 'y' || (k === 'z' && e.shiftKey)) scenarios.redo();
      else return;
      e.preventDefault();
    }
  });
  store.subscribe((s) => s.mode.kind, (kind) => {
    map.getCanvas().style.cursor = kind === 'placing' || kind === 'p2p-point' || kind === 'drawing' ? 'crosshair' : '';
  });
}

/** A click on the map in idle mode: the commune (or former district) under it is picked. */
function pick({ store, map }: AppContext, e: MapMouseEvent): void {
  const s: AppState = store.get();
  const layers = ['communes-fill', 'districts-fill'].filter((l) => map.getLayer(l) && map.getLayoutProperty(l, 'visibility') !== 'none');
  const f = layers.length ? map.queryRenderedFeatures(e.point, { layers })[0] : undefined;
  if (!f) return;
  const props = f.properties as Record<string, unknown>;
  if (f.layer.id === 'districts-fill') {
    store.set({ picked: { kind: 'districts', props, at: [e.lngLat.lng, e.lngLat.lat] } });
    return;
  }
  const index = s.boundaries?.communes.findIndex((c) => c.properties?.name === props.name && (props.code === undefined || String(c.properties?.code) === String(props.code))) ?? -1;
  store.set({ picked: { kind: 'communes', props, at: [e.lngLat.lng, e.lngLat.lat] }, focus: index >= 0 ? { index, name: String(props.name ?? '') } : null });
}
