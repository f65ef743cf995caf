/**
 * The link budget at the pointer, as a small tooltip beside the cursor: the best server, RSRP,
 * SINR, throughput and coverage probability. Key P pins it where the pointer is and shows every
 * term (antenna, feeder, path loss and model, clutter, building entry, uplink, the next two
 * servers), with a close button; P again, or the button, unpins it. Values come from the scene
 * of the coverage on the map (so they always match the layer under the pointer), at the
 * cell's centre. Hidden off the map and while dragging or drawing.
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { AppContext } from '../../app/context.ts';
import { shownCarrier } from '../../app/state.ts';
import { pointReadoutLonLat, type PointReadout } from '../../core/coverage/readout.ts';
import { t } from '../../i18n/i18n.ts';
import { carrierLabel, siteName } from '../../i18n/names.ts';
import { sceneTerrainMode } from '../../core/coverage/terrain-loss.ts';
import { h } from '../dom.ts';
import { readoutNodes } from '../readout-view.ts';

/** Pixels between the cursor and the tooltip. */
const OFFSET_PX = 14;

/** Puts the card beside the point, flipped to stay inside the map. */
function place(el: HTMLElement, map: MlMap, at: readonly [number, number]): void {
  const p = map.project([at[0], at[1]]);
  const box = map.getContainer().getBoundingClientRect();
  const w = el.offsetWidth, hgt = el.offsetHeight;
  const x = p.x + OFFSET_PX + w > box.width ? p.x - OFFSET_PX - w : p.x + OFFSET_PX;
  const y = p.y + OFFSET_PX + hgt > box.height ? Math.max(4, p.y - OFFSET_PX - hgt) : p.y + OFFSET_PX;
  el.style.left = `${Math.max(4, x)}px`;
  el.style.top = `${y}px`;
}

export function mountReadout({ store, map }: AppContext, el: HTMLElement): { last: () => PointReadout | null } {
  let last: PointReadout | null = null;
  store.subscribe((s) => [s.hoverAt, s.readoutPin ?? null, s.coverage, s.lang, s.mode.kind, s.ui.carrierId] as const, ([hover, pin, cov, , mode]) => {
    const at = pin ?? hover;
    if (!at || !cov || mode === 'dragging' || mode === 'drawing') {
      el.hidden = true;
      return;
    }
    last = pointReadoutLonLat(cov.scene, shownCarrier(store.get()), at[0], at[1], 'cell-centre');
    const head = pin
      ? h('div', { class: 'readout-sub row' }, h('span', {}, t('roPinned')), (() => {
        const close = h('button', { class: 'secondary small', id: 'readout-unpin', 'aria-label': t('roUnpin') }, '×');
        close.addEventListener('click', () => store.set({ readoutPin: null }));
        return close;
      })())
      : h('div', { class: 'readout-sub' }, t('roHint'));
    el.classList.toggle('pinned', !!pin);
    const sc = store.get().scenario;
    el.replaceChildren(head, ...readoutNodes(last, {
      terrain: { mode: sceneTerrainMode(cov.scene), diffraction: cov.scene.options.terrainDiffraction },
      carrierLabel: (id) => { const c = cov.scenario.carriers.find((x) => x.id === id); return c ? carrierLabel(c) : id; },
      siteName: (id) => { const x = sc?.sites.find((y) => y.id === id) ?? cov.scenario.sites.find((y) => y.id === id); return x ? siteName(x) : id; },
    }));
    el.hidden = false;
    place(el, map, at);
  }, { equals: (a, b) => a.every((x, i) => x === b[i]) });
  // The pinned card stays on its point while the map moves.
  map.on('move', () => {
    const pin = store.get().readoutPin;
    if (pin && !el.hidden) place(el, map, pin);
  });
  return { last: () => last };
}
